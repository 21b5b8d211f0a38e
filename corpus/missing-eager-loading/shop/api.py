"""Function views and hand-written list endpoints of the shop API."""
from rest_framework import generics
from rest_framework.decorators import api_view
from rest_framework.response import Response

from shop.models import Order
from shop.serializers import (
    OrderListSerializer,
    OrderSerializer,
    TaggedOrderSerializer,
)


@api_view(["GET"])
def open_orders(request):
    orders = Order.objects.filter(status="open").order_by("-created")  # expect: missing-eager-loading
    return Response(OrderSerializer(orders, many=True).data)


@api_view(["GET"])
def open_orders_loaded(request):
    orders = (
        Order.objects.filter(status="open")  # ok: missing-eager-loading
        .select_related("customer")
        .prefetch_related("items__product__category")
    )
    return Response(OrderSerializer(orders, many=True).data)


@api_view(["GET"])
def order_detail(request, pk):
    order = Order.objects.get(pk=pk)  # ok: missing-eager-loading -- one object
    return Response(OrderSerializer(order).data)


@api_view(["GET"])
def recent_orders(request):
    recent = OrderListSerializer(
        Order.objects.order_by("-created")[:20],  # expect: missing-eager-loading
        many=True,
    )
    return Response(recent.data)


@api_view(["GET"])
def order_names(request):
    names = Order.objects.values_list("id", "customer__name")  # ok: missing-eager-loading
    return Response(list(names))


def serialize_orders(orders):
    # The caller decides how `orders` is loaded: snag does not guess.
    return OrderSerializer(orders, many=True).data  # ok: missing-eager-loading


class ArchiveReport(generics.GenericAPIView):
    serializer_class = TaggedOrderSerializer

    def get(self, request):
        rows = Order.objects.filter(archived=True)  # expect: missing-eager-loading
        return Response(self.get_serializer(rows, many=True).data)


class ArchiveReportLoaded(generics.GenericAPIView):
    serializer_class = TaggedOrderSerializer

    def get(self, request):
        rows = Order.objects.filter(archived=True).prefetch_related("tags")  # ok: missing-eager-loading
        return Response(self.get_serializer(rows, many=True).data)
