"""Billing API: DRF viewsets and API views for invoices, payments and subscriptions."""
from django.utils import timezone
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Invoice, Payment, Subscription
from .serializers import InvoiceSerializer, PaymentSerializer, SubscriptionSerializer


class InvoiceViewSet(viewsets.ModelViewSet):
    serializer_class = InvoiceSerializer

    def get_queryset(self):
        return Invoice.objects.filter(account=self.request.user.account)

    @action(detail=False)
    def summary(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        overdue = queryset.filter(due_date__lt=timezone.now(), paid=False)
        return Response(
            {
                "total": len(queryset),  # expect: len-of-queryset
                "overdue": len(overdue),  # expect: len-of-queryset
                "paid": queryset.filter(paid=True).count(),  # ok: len-of-queryset
            }
        )

    @action(detail=False)
    def unpaid(self, request):
        unpaid = self.get_queryset().filter(paid=False)
        if not unpaid:  # ok: len-of-queryset -- serialized below: the rows are needed anyway
            return Response(status=status.HTTP_204_NO_CONTENT)
        serializer = self.get_serializer(unpaid, many=True)
        return Response(serializer.data)

    def destroy(self, request, *args, **kwargs):
        invoice = self.get_object()
        if invoice.payments.all():  # expect: len-of-queryset
            return Response({"detail": "invoice has payments"}, status=status.HTTP_409_CONFLICT)
        return super().destroy(request, *args, **kwargs)


class SubscriptionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SubscriptionSerializer

    def get_queryset(self):
        return Subscription.objects.filter(owner=self.request.user).prefetch_related("seats")

    @action(detail=True)
    def seats(self, request, pk=None):
        subscription = self.get_object()
        return Response({"used": len(subscription.seats.all())})  # ok: len-of-queryset -- prefetched by get_queryset


class PaymentListView(APIView):
    def get(self, request):
        payments = Payment.objects.filter(invoice__account=request.user.account).order_by("-created_at")
        data = PaymentSerializer(payments, many=True).data
        return Response(data, headers={"X-Total-Count": str(len(payments))})  # ok: len-of-queryset


class PaymentStatusView(APIView):
    def get(self, request, invoice_id):
        pending = Payment.objects.filter(invoice_id=invoice_id, state="pending")
        return Response({"pending": len(pending) > 0})  # expect: len-of-queryset


class LatestInvoicesView(generics.ListAPIView):
    serializer_class = InvoiceSerializer

    def get_queryset(self):
        return list(Invoice.objects.order_by("-created_at")[:10])

    def list(self, request, *args, **kwargs):
        if not self.get_queryset():  # ok: len-of-queryset -- this get_queryset returns a list
            return Response(status=status.HTTP_204_NO_CONTENT)
        return super().list(request, *args, **kwargs)


class CloseAccountView(APIView):
    def post(self, request):
        if Subscription.objects.filter(owner=request.user, active=True):  # expect: len-of-queryset
            return Response({"detail": "cancel your subscriptions first"}, status=status.HTTP_409_CONFLICT)
        locked = Invoice.objects.select_for_update().filter(account=request.user.account, paid=False)
        if locked:  # ok: len-of-queryset -- evaluating select_for_update() takes the row locks
            return Response({"detail": "unpaid invoices"}, status=status.HTTP_409_CONFLICT)
        request.user.account.close()
        return Response(status=status.HTTP_204_NO_CONTENT)
