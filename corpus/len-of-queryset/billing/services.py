"""Billing services, called from views, tasks and the admin."""
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from .models import Invoice, Payment, Subscription

RECENT_INVOICES = Invoice.objects.filter(paid=False)


def can_delete_customer(customer):
    return not Invoice.objects.filter(customer=customer, paid=False)  # expect: len-of-queryset


def outstanding_balance(customer):
    amounts = Invoice.objects.filter(customer=customer, paid=False).values_list("amount", flat=True)
    if not amounts:  # ok: len-of-queryset -- summed below from the same rows
        return Decimal("0")
    return sum(amounts)


def monthly_report(year, month):
    payments = Payment.objects.filter(created_at__year=year, created_at__month=month)
    refunds = payments.filter(kind="refund")
    return {
        "payments": payments.count(),  # ok: len-of-queryset
        "refunds": len(refunds),  # expect: len-of-queryset
        "volume": payments.aggregate(total=Sum("amount"))["total"],
    }


def deactivate_stale(days):
    cutoff = timezone.now() - timezone.timedelta(days=days)
    stale = Subscription.objects.filter(last_seen__lt=cutoff, active=True)
    if stale:  # expect: len-of-queryset
        stale.update(active=False)


def invoices_to_remind(customer):
    invoices = Invoice.objects.filter(customer=customer, reminded=False)
    if len(invoices) > 3:  # ok: len-of-queryset -- returned below: the caller iterates the rows
        invoices = invoices.order_by("due_date")[:3]
    return invoices


def unpaid_total(invoices):
    return len(invoices)  # ok: len-of-queryset -- a parameter of unknown type


def has_unpaid():
    return bool(RECENT_INVOICES)  # ok: len-of-queryset -- module-level queryset, cached across calls


def export_rows(customer):
    rows = Invoice.objects.filter(customer=customer).values("number", "amount")
    header = ["number", "amount"] if rows else []  # ok: len-of-queryset -- iterated below
    return [header] + [[r["number"], r["amount"]] for r in rows]
