"""Class-based views of the order pages."""
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from .models import Order, Shipment


class OrderListView(LoginRequiredMixin, ListView):
    template_name = "shop/orders.html"
    paginate_by = 20

    def get_queryset(self):
        return Order.objects.filter(customer=self.request.user).order_by("-created_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["empty"] = not self.object_list  # ok: len-of-queryset -- ListView renders these rows
        context["lifetime_orders"] = len(self.get_queryset())  # expect: len-of-queryset
        context["late"] = bool(self.get_queryset().filter(shipment__late=True))  # expect: len-of-queryset
        return context


class OrderDetailView(LoginRequiredMixin, DetailView):
    model = Order
    template_name = "shop/order_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["line_count"] = len(self.object.lines.all())  # expect: len-of-queryset
        if self.object.refunds.filter(state="done"):  # expect: len-of-queryset
            context["refunded"] = True
        context["shipments"] = self.object.shipments.all()
        return context


class ShipmentDetailView(LoginRequiredMixin, DetailView):
    model = Shipment
    template_name = "shop/shipment.html"

    def get_queryset(self):
        return Shipment.objects.prefetch_related("parcels")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parcel_count"] = len(self.object.parcels.all())  # ok: len-of-queryset -- prefetched: counted in memory
        return context


class RecentOrdersView(LoginRequiredMixin, ListView):
    template_name = "shop/recent.html"

    def get_queryset(self):
        return sorted(Order.objects.filter(customer=self.request.user)[:50], key=lambda o: o.priority)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["none_yet"] = not self.get_queryset()  # ok: len-of-queryset -- get_queryset returns a list here
        return context
