"""Feed and moderation endpoints (async Django views)."""
from datetime import timedelta

from django.http import HttpResponseNotFound, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Article, Comment


async def archive(request, year):
    articles = Article.objects.filter(published_at__year=year).only("slug", "title")  # ok: sync-io-in-handler
    items = []
    async for article in articles:  # ok: sync-io-in-handler
        items.append({"slug": article.slug, "title": article.title})
    return JsonResponse({"year": year, "articles": items})


async def authors(request):
    names = [a.name async for a in Article.objects.values("author__name").distinct()]  # ok: sync-io-in-handler
    return JsonResponse({"authors": names})


async def has_new_comments(request, slug):
    since = timezone.now() - timedelta(minutes=5)
    fresh = Comment.objects.filter(article__slug=slug, created_at__gte=since).exists()  # expect: sync-io-in-handler
    return JsonResponse({"fresh": fresh})


@require_POST
async def hide_spam(request, slug):
    hidden = Comment.objects.filter(article__slug=slug, flagged_spam=True).update(visible=False)  # expect: sync-io-in-handler
    return JsonResponse({"hidden": hidden})


@require_POST
async def unpublish(request, slug):
    updated = await Article.objects.filter(slug=slug).aupdate(status="draft")  # ok: sync-io-in-handler
    if not updated:
        return HttpResponseNotFound("no such article")
    return JsonResponse({"slug": slug, "status": "draft"})
