from django.http import JsonResponse
from django.shortcuts import render

from accounts.models import Customer as Client
from accounts.models import Profile
from .models import Order, OrderItem


def open_orders(request):
    orders = Order.objects.filter(status="open").order_by("-created_at")[:50]
    rows = []
    for order in orders:
        rows.append(
            {
                "customer": order.customer.name,  # expect: orm-lazy-load-in-loop
                "customer_id": order.customer_id,  # ok: orm-lazy-load-in-loop
                "status": order.status,  # ok: orm-lazy-load-in-loop
                "items": order.items.count(),  # expect: orm-lazy-load-in-loop
                "tags": [t.label for t in order.tags.all()],  # expect: orm-lazy-load-in-loop
            }
        )
    return JsonResponse({"orders": rows})


def order_cities(request):
    orders = list(Order.objects.filter(status="shipped"))
    cities = [o.customer.address.city for o in orders]  # expect: orm-lazy-load-in-loop
    return JsonResponse({"cities": cities})


def dashboard(request):
    orders = Order.objects.select_related("customer__address").prefetch_related("items", "tags")
    lines = []
    for order in orders:
        lines.append(order.customer.address.city)  # ok: orm-lazy-load-in-loop
        lines.append(order.items.count())  # ok: orm-lazy-load-in-loop
        lines.append(len(order.items.all()))  # ok: orm-lazy-load-in-loop
        lines.append(order.tags.exists())  # ok: orm-lazy-load-in-loop
        big = order.items.filter(quantity__gt=10)  # expect: orm-lazy-load-in-loop
        lines.append(big)
    return render(request, "dashboard.html", {"lines": lines})


def item_report(request):
    report = []
    for order in Order.objects.prefetch_related("items"):
        for item in order.items.all():  # ok: orm-lazy-load-in-loop
            report.append(item.product.title)  # expect: orm-lazy-load-in-loop
            report.append(item.quantity)  # ok: orm-lazy-load-in-loop
    return JsonResponse({"report": report})


def authors(request):
    names = []
    for order in Order.objects.all():
        names.append(order.created_by.username)  # expect: orm-lazy-load-in-loop
    for client in Client.objects.filter(name__startswith="A"):
        names.append(client.address.city)  # expect: orm-lazy-load-in-loop
        names.append(client.profile.bio)  # expect: orm-lazy-load-in-loop
        names.append(client.account_manager)  # ok: orm-lazy-load-in-loop
        names.append(client.orders.count())  # expect: orm-lazy-load-in-loop
    return JsonResponse({"names": names})


def exports(request):
    rows = []
    for values in Order.objects.values("id", "customer"):
        rows.append(values["customer"])  # ok: orm-lazy-load-in-loop
    for order_id, customer_id in Order.objects.values_list("id", "customer"):
        rows.append(customer_id)  # ok: orm-lazy-load-in-loop
    for profile in Profile.objects.select_related("customer"):
        rows.append(profile.customer.name)  # ok: orm-lazy-load-in-loop
    return JsonResponse({"rows": rows})


def retag(request, tag):
    for order in Order.objects.filter(status="open"):
        order.tags.add(tag)  # ok: orm-lazy-load-in-loop
        order.customer = request.user.customer  # ok: orm-lazy-load-in-loop
    return JsonResponse({})


def summarize(orders):
    # Rows from a caller: snag does not guess their query.
    return [o.customer.name for o in orders]  # ok: orm-lazy-load-in-loop


def items_of(request):
    items = OrderItem.objects.filter(order__status="open").select_related("order")
    return JsonResponse(
        {"rows": [(i.order.total, i.product.sku) for i in items]}  # expect: orm-lazy-load-in-loop
    )
