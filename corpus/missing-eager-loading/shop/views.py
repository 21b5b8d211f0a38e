"""Viewsets and generic views of the shop API."""
from django.db.models import Prefetch
from rest_framework import generics, mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from shop.models import Customer, Order, OrderItem, Product
from shop.serializers import (
    CustomerWithAddressSerializer,
    CustomerWithOrdersSerializer,
    OrderDetailSerializer,
    OrderListSerializer,
    OrderSerializer,
    OrderStatusSerializer,
    OrderTotalsSerializer,
    ProductSerializer,
    ShippedOrderSerializer,
    TaggedOrderSerializer,
)


class OrderViewSet(viewsets.ModelViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = OrderSerializer
    queryset = Order.objects.all()  # expect: missing-eager-loading


class LoadedOrderViewSet(viewsets.ModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.select_related("customer").prefetch_related("items__product__category")  # ok: missing-eager-loading


class OrderListView(generics.ListAPIView):
    serializer_class = OrderListSerializer

    def get_queryset(self):
        return Order.objects.filter(customer__email=self.request.user.email)  # expect: missing-eager-loading


class CustomerOrderViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderListSerializer
    queryset = Order.objects.none()  # ok: missing-eager-loading -- a placeholder: get_queryset lists the rows

    def get_queryset(self):
        if self.request.user.is_anonymous:
            return Order.objects.none()  # ok: missing-eager-loading -- no rows, no query
        return Order.objects.select_related("customer__address").filter(customer__user=self.request.user)  # ok: missing-eager-loading


class OrderSummaryView(generics.ListAPIView):
    serializer_class = OrderListSerializer

    def get_queryset(self):
        return Order.objects.select_related("customer__address").filter(archived=False)  # ok: missing-eager-loading


class OrderDetailView(generics.RetrieveUpdateAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()  # ok: missing-eager-loading -- one object per request


class OrderStatusViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderStatusSerializer
    queryset = Order.objects.all()  # ok: missing-eager-loading -- plain columns only


class OrderTotalsViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderTotalsSerializer
    queryset = Order.objects.order_by("-created")  # ok: missing-eager-loading -- method field and the key


class TaggedOrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.filter(archived=False)  # expect: missing-eager-loading

    def get_serializer_class(self):
        return TaggedOrderSerializer


class PerActionOrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()  # ok: missing-eager-loading -- the serializer depends on the action

    def get_serializer_class(self):
        if self.action == "list":
            return OrderListSerializer
        return OrderDetailSerializer


class MyOrdersViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()  # expect: missing-eager-loading

    def get_queryset(self):
        return super().get_queryset().filter(customer__email=self.request.user.email)


class MyLoadedOrdersViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()  # ok: missing-eager-loading

    def get_queryset(self):
        items = OrderItem.objects.select_related("product__category")
        return (
            super()
            .get_queryset()
            .select_related("customer")
            .prefetch_related(Prefetch("items", queryset=items))
        )


class OrderSearchView(generics.ListAPIView):
    serializer_class = OrderListSerializer

    def get_queryset(self):
        qs = Order.objects.all()  # ok: missing-eager-loading
        qs = qs.select_related("customer__address")
        status = self.request.query_params.get("status")
        if status:
            qs = qs.filter(status=status)
        return qs


class OrderExportView(generics.ListAPIView):
    serializer_class = OrderListSerializer

    def get_queryset(self):
        qs = Order.objects.filter(archived=False)  # expect: missing-eager-loading
        status = self.request.query_params.get("status")
        if status:
            qs = qs.filter(status=status)
        return qs


class ShippedOrderViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ShippedOrderSerializer
    queryset = Order.objects.exclude(status="draft")  # expect: missing-eager-loading


class OrderValuesView(generics.ListAPIView):
    serializer_class = OrderListSerializer
    queryset = Order.objects.values("id", "status", "customer__name")  # ok: missing-eager-loading


class PagedOrders(mixins.ListModelMixin, generics.GenericAPIView):
    serializer_class = OrderDetailSerializer
    queryset = Order.objects.order_by(  # expect: missing-eager-loading
        "-created"
    )

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class SingleOrder(generics.GenericAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()  # ok: missing-eager-loading

    def get(self, request, pk):
        return Response(self.get_serializer(self.get_object()).data)


class CustomerViewSet(viewsets.ModelViewSet):
    serializer_class = CustomerWithAddressSerializer
    queryset = Customer.objects.all()  # expect: missing-eager-loading


class CustomerOrdersViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CustomerWithOrdersSerializer
    queryset = Customer.objects.order_by("name")  # expect: missing-eager-loading


class CustomerOrdersLoadedViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CustomerWithOrdersSerializer
    queryset = Customer.objects.prefetch_related("orders")  # ok: missing-eager-loading


class ProductViewSet(viewsets.ModelViewSet):
    serializer_class = ProductSerializer
    queryset = Product.objects.select_related("category")  # ok: missing-eager-loading
