"""Order pages of a Django shop: the per-item queries and the batched idioms next to them."""
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from shop import models as shop_models
from shop.models import Customer, Order, OrderItem, Product


def order_summaries(request):
    ids = [int(i) for i in request.GET.getlist("id")]
    summaries = []
    for order_id in ids:
        order = Order.objects.get(pk=order_id)  # expect: query-in-loop
        summaries.append({"id": order.pk, "total": order.total})
    return JsonResponse({"orders": summaries})


def order_summaries_batched(request):
    ids = [int(i) for i in request.GET.getlist("id")]
    orders = Order.objects.in_bulk(ids)  # ok: query-in-loop
    summaries = [{"id": i, "total": orders[i].total} for i in ids if i in orders]
    return JsonResponse({"orders": summaries})


def customer_dashboard(request):
    rows = []
    for customer in Customer.objects.filter(active=True):  # ok: query-in-loop
        last = Order.objects.filter(customer=customer).order_by("-created").first()  # expect: query-in-loop
        open_count = Order.objects.filter(customer=customer, status="open").count()  # ok: query-in-loop -- one finding per loop and model: a label of line 29
        rows.append((customer.name, last, open_count))
    return render(request, "dashboard.html", {"rows": rows})


def customer_dashboard_annotated(request):
    customers = Customer.objects.filter(active=True).annotate(  # ok: query-in-loop
        open_count=Count("order")
    )
    rows = [(c.name, c.open_count) for c in customers]  # ok: query-in-loop
    return render(request, "dashboard.html", {"rows": rows})


def restock(request):
    skus = request.POST.getlist("sku")
    for sku in skus:
        product = get_object_or_404(Product, sku=sku)  # expect: query-in-loop
        shop_models.StockMovement.objects.create(product=product, quantity=10)  # expect: query-in-loop
    return JsonResponse({"ok": True})


def restock_batched(request):
    skus = request.POST.getlist("sku")
    products = Product.objects.filter(sku__in=skus)  # ok: query-in-loop
    shop_models.StockMovement.objects.bulk_create(  # ok: query-in-loop
        [shop_models.StockMovement(product=p, quantity=10) for p in products]  # ok: query-in-loop
    )
    return JsonResponse({"ok": True})


def line_items(request, order_id):
    order = get_object_or_404(Order, pk=order_id)
    payload = []
    for item in order.items.select_related("product"):
        # The related product came with the item: no query here.
        payload.append({"sku": item.product.sku, "qty": item.quantity})  # ok: query-in-loop
    return JsonResponse({"items": payload})


def weekly_report(request):
    weeks = request.GET.getlist("week")
    report = {}
    for week in weeks:
        placed = Order.objects.filter(week=week)
        report[week] = {
            "orders": list(placed),  # expect: query-in-loop
            "first": placed.order_by("created")[0] if request.GET.get("first") else None,  # expect: query-in-loop
        }
        # Built but never evaluated in the loop: lazy.
        report[week]["queryset"] = OrderItem.objects.filter(order__week=week)  # ok: query-in-loop
    return render(request, "weekly.html", {"report": report})


def statuses(request):
    counts = {}
    for status in ["open", "paid", "shipped"]:
        counts[status] = Order.objects.filter(status=status).count()  # ok: query-in-loop
    return JsonResponse(counts)


def find_first_paid(request):
    for order_id in request.GET.getlist("id"):
        if Order.objects.filter(pk=order_id, status="paid").exists():  # expect: query-in-loop
            return JsonResponse({"first_paid": order_id})
    for order_id in request.GET.getlist("id"):
        if order_id.isdigit():
            return JsonResponse({"order": Order.objects.get(pk=order_id).pk})  # ok: query-in-loop
    return JsonResponse({"first_paid": None})
