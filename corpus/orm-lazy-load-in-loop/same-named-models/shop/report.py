from billing.models import Order as BillingOrder


def totals(request):
    # The billing `Order`, renamed on import: `total` is a column, no query per row.
    return sum(order.total for order in BillingOrder.objects.all())  # ok: orm-lazy-load-in-loop


def customer_names(request):
    # The same model under its new name: its `customer` relation is a query per row.
    return [order.customer.name for order in BillingOrder.objects.all()]  # expect: orm-lazy-load-in-loop
