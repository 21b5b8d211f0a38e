"""Template tags of the storefront: badges, counters and sidebars."""
from django import template
from django.db.models import Count
from django.utils.html import format_html_join

from shop.models import CartItem, Notification, Post, Tag

register = template.Library()


@register.simple_tag
def unread_count(user):
    return len(Notification.objects.filter(user=user, read=False))  # expect: len-of-queryset


@register.simple_tag(takes_context=True)
def cart_badge(context):
    request = context["request"]
    items = CartItem.objects.filter(cart__session_key=request.session.session_key)
    return len(items) if items else ""  # expect: len-of-queryset


@register.inclusion_tag("blog/recent.html")
def recent_posts(count=5):
    posts = Post.objects.filter(published=True).order_by("-published_at")[:count]
    return {"posts": posts, "has_posts": bool(posts)}  # ok: len-of-queryset -- the template iterates posts


@register.simple_tag
def tag_cloud():
    tags = Tag.objects.annotate(n=Count("posts")).filter(n__gt=0)
    if not tags:  # ok: len-of-queryset -- rendered from the same rows below
        return ""
    return format_html_join(" ", '<a class="tag-{}">{}</a>', ((t.n, t.name) for t in tags))


@register.simple_tag
def latest_post_title():
    latest = Post.objects.filter(published=True).order_by("-published_at")
    return latest.first().title if latest else ""  # ok: len-of-queryset -- first() reads the fetched rows


@register.filter
def has_drafts(user):
    return Post.objects.filter(author=user, published=False).exists()  # ok: len-of-queryset
