"""Catalogue API on Django REST framework: DRF views are synchronous, so blocking calls are expected here."""
import time

import requests
from rest_framework import status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Product

STOCK_SERVICE = "https://stock.internal.example.com"


class ProductViewSet(viewsets.ViewSet):
    def list(self, request):
        products = list(Product.objects.filter(active=True).order_by("name").values("sku", "name", "price_cents"))  # ok: sync-io-in-handler
        return Response(products)

    def retrieve(self, request, pk=None):
        product = Product.objects.get(pk=pk)  # ok: sync-io-in-handler
        return Response({"sku": product.sku, "name": product.name, "price_cents": product.price_cents})


class StockLevelView(APIView):
    def get(self, request, sku):
        resp = requests.get(f"{STOCK_SERVICE}/levels/{sku}", timeout=2)  # ok: sync-io-in-handler
        if resp.status_code == 503:
            time.sleep(0.2)  # ok: sync-io-in-handler
            resp = requests.get(f"{STOCK_SERVICE}/levels/{sku}", timeout=2)  # ok: sync-io-in-handler
        return Response(resp.json())


class CatalogueSummaryView(APIView):
    def get(self, request):
        active = Product.objects.filter(active=True).count()  # ok: sync-io-in-handler
        newest = Product.objects.filter(active=True).order_by("-created_at").first()
        return Response(
            {"active": active, "newest": newest.sku if newest else None},
            status=status.HTTP_200_OK,
        )
