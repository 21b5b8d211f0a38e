"""Back-office dashboard: async class-based Django views."""
import json

import requests
from asgiref.sync import sync_to_async
from django.db.models import Sum
from django.http import JsonResponse
from django.views import View

from .models import Order

RATES_URL = "https://rates.example.com/v1/latest?base=EUR"


def customer_lifetime_value(customer_id: int) -> int:
    totals = Order.objects.filter(customer_id=customer_id).aggregate(total=Sum("amount_cents"))  # ok: sync-io-in-handler
    return totals["total"] or 0


class DashboardView(View):
    async def get(self, request):
        rates = self._load_exchange_rates()
        open_orders = Order.objects.filter(status="open").count()  # expect: sync-io-in-handler
        has_overdue = await Order.objects.filter(status="overdue").aexists()  # ok: sync-io-in-handler
        customer_id = int(request.GET.get("customer", "0"))
        ltv = await sync_to_async(customer_lifetime_value)(customer_id)  # ok: sync-io-in-handler
        return JsonResponse(
            {
                "open_orders": open_orders,
                "has_overdue": has_overdue,
                "lifetime_value_cents": ltv,
                "usd_rate": rates.get("USD"),
            }
        )

    def _load_exchange_rates(self) -> dict:
        resp = requests.get(RATES_URL, timeout=3)  # expect: sync-io-in-handler
        resp.raise_for_status()
        return resp.json()["rates"]


class OrderCreateView(View):
    async def post(self, request):
        payload = json.loads(request.body)
        order = Order.objects.create(customer_id=payload["customer_id"], amount_cents=payload["amount_cents"])  # expect: sync-io-in-handler
        return JsonResponse({"id": order.pk}, status=201)


class OrderLookupView(View):
    async def get(self, request, pk):
        order = await Order.objects.aget(pk=pk)  # ok: sync-io-in-handler
        return JsonResponse({"id": order.pk, "status": order.status, "amount_cents": order.amount_cents})
