"""Blog views for the async Django stack (served by uvicorn)."""
from django.http import Http404, JsonResponse

from .models import Article, Tag


async def article_detail(request, slug):
    try:
        article = Article.objects.get(slug=slug, status="published")  # expect: sync-io-in-handler
    except Article.DoesNotExist:
        raise Http404("no such article")
    return JsonResponse({"title": article.title, "body": article.body})


async def latest_article(request):
    article = Article.objects.filter(status="published").order_by("-published_at").first()  # expect: sync-io-in-handler
    return JsonResponse({"slug": article.slug if article else None})


async def blog_stats(request):
    published = Article.objects.filter(status="published").count()  # expect: sync-io-in-handler
    drafts = await Article.objects.filter(status="draft").acount()  # ok: sync-io-in-handler
    return JsonResponse({"published": published, "drafts": drafts})


async def featured(request):
    articles = list(Article.objects.filter(featured=True).order_by("-published_at"))  # expect: sync-io-in-handler
    return JsonResponse({"featured": [{"slug": a.slug, "title": a.title} for a in articles]})


async def tag_cloud(request):
    names = []
    for tag in Tag.objects.filter(active=True).order_by("name"):  # expect: sync-io-in-handler
        names.append(tag.name)
    return JsonResponse({"tags": names})


async def article_detail_async(request, slug):
    article = await Article.objects.aget(slug=slug, status="published")  # ok: sync-io-in-handler
    return JsonResponse({"title": article.title, "body": article.body})

