"""Async report endpoints (Django 4.2+ async views with the async ORM)."""
from django.http import JsonResponse
from django.views import View

from shop.models import Order, Refund


async def open_orders(request):
    count = await Order.objects.filter(customer_id=request.user.pk, status="open").acount()  # ok: len-of-queryset
    return JsonResponse({"open": count})


async def late_orders(request):
    late = len(Order.objects.filter(customer_id=request.user.pk, late=True))  # expect: len-of-queryset
    return JsonResponse({"late": late})


async def any_returns(request):
    has_returns = await Order.objects.filter(customer_id=request.user.pk, returned=True).aexists()  # ok: len-of-queryset
    return JsonResponse({"returns": has_returns})


async def refund_summary(request):
    refunds = Refund.objects.filter(order__customer_id=request.user.pk)
    rows = [r async for r in refunds.values("id", "amount")]
    return JsonResponse({"refunds": rows, "count": len(rows)})  # ok: len-of-queryset -- a list


class ReturnsView(View):
    async def get(self, request):
        pending = Refund.objects.filter(order__customer_id=request.user.pk, state="pending")
        if await pending.aexists():  # ok: len-of-queryset
            return JsonResponse({"pending": True})
        return JsonResponse({"pending": False})
