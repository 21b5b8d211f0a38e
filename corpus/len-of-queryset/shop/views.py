"""Storefront views: dashboard, order history, product pages, wishlist and coupons."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_list_or_404, get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Coupon, Order, Product, Review, WishlistItem


@login_required
def dashboard(request):
    open_orders = Order.objects.filter(customer=request.user, status="open")
    if not open_orders:  # expect: len-of-queryset
        messages.info(request, "You have no open orders.")
    unread = Review.objects.filter(product__seller=request.user, seen=False)
    return render(
        request,
        "shop/dashboard.html",
        {
            "open_count": len(open_orders),  # expect: len-of-queryset
            "unread_reviews": len(unread),  # expect: len-of-queryset
            "pending_count": Order.objects.filter(customer=request.user, status="pending").count(),  # ok: len-of-queryset
        },
    )


@login_required
def order_history(request):
    orders = Order.objects.filter(customer=request.user).order_by("-created_at")
    if not orders:  # ok: len-of-queryset -- the page below is cut from the rows fetched here
        return render(request, "shop/no_orders.html")
    paginator = Paginator(orders, 25)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "shop/history.html", {"page": page, "total": len(orders)})  # ok: len-of-queryset


def product_detail(request, slug):
    product = get_object_or_404(Product, slug=slug, published=True)
    reviews = product.reviews.filter(approved=True).order_by("-created_at")
    context = {
        "product": product,
        "reviews": reviews,
        "has_reviews": bool(reviews),  # ok: len-of-queryset -- the template iterates the same queryset
        "in_stock": bool(product.variants.filter(stock__gt=0)),  # expect: len-of-queryset
    }
    return render(request, "shop/product.html", context)


@login_required
def wishlist(request):
    items = list(WishlistItem.objects.filter(user=request.user).select_related("product"))
    if not items:  # ok: len-of-queryset -- a list: already fetched
        return redirect("shop:catalogue")
    return render(request, "shop/wishlist.html", {"items": items, "count": len(items)})  # ok: len-of-queryset


def category(request, slug):
    products = get_list_or_404(Product, category__slug=slug, published=True)
    return render(request, "shop/category.html", {"products": products, "n": len(products)})  # ok: len-of-queryset


@require_POST
def apply_coupon(request):
    code = request.POST.get("code", "").strip()
    coupons = Coupon.objects.filter(code__iexact=code, active=True)
    if len(coupons) == 0:  # expect: len-of-queryset
        return JsonResponse({"error": "unknown coupon"}, status=404)
    coupons.update(last_used_by=request.user)
    return JsonResponse({"ok": True})


def featured_coupon(request):
    featured = Coupon.objects.filter(active=True, featured=True).order_by("-discount")
    if featured:  # ok: len-of-queryset -- indexed right after: the fetched row is reused
        return JsonResponse({"code": featured[0].code})
    return JsonResponse({})


@login_required
def seller_revenue(request):
    sold = Order.objects.filter(product__seller=request.user, paid=True).values_list("total", flat=True)
    if not sold:  # ok: len-of-queryset -- values_list rows are summed below
        return JsonResponse({"revenue": 0})
    return JsonResponse({"revenue": sum(sold), "orders": len(sold)})  # ok: len-of-queryset


@login_required
def seller_badges(request):
    best_sellers = Product.objects.filter(seller=request.user, sold__gte=100).values("id")
    return JsonResponse({"best_seller": len(best_sellers) > 0})  # expect: len-of-queryset


@login_required
def can_review(request, pk):
    product = get_object_or_404(Product, pk=pk)
    bought = request.user.orders.filter(product=product, status="delivered")
    return JsonResponse({"allowed": bool(bought)})  # expect: len-of-queryset
