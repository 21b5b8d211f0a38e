"""Collections whose size the code does not fix: a list grown while reading rows, the rest of a file."""
from shop.models import Customer, Order


def refresh_rates(csv_text):
    lines = csv_text.splitlines()
    for line in lines[2:]:  # ok: query-in-loop
        code, total = line.split(",")
        Order.objects.filter(number=code).update(total=total)  # expect: query-in-loop
    for line in lines[:10]:  # ok: query-in-loop
        Customer.objects.filter(email=line).update(active=True)  # ok: query-in-loop -- ten at most: a bounded wave


def reactivate(orders):
    customer_ids = []
    for order in orders:
        customer_ids.append(order.customer_id)
    for customer_id in customer_ids:
        Customer.objects.filter(pk=customer_id).update(active=True)  # expect: query-in-loop
    for status in ["paid", "open"]:
        Order.objects.filter(status=status).count()  # ok: query-in-loop -- two statuses, fixed in code
