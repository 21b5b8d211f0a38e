"""A periodic reminder over pending orders grouped by customer: the customer is read once per group
(the rows are ordered by it), not once per order; the order items are read per order."""
from shop.models import Order


def remind_pending():
    customer_id = None
    greeting = ""
    for order in Order.objects.filter(paid=False).order_by("customer_id"):
        if customer_id != order.customer_id:
            greeting = f"Dear {order.customer.name}"  # ok: orm-lazy-load-in-loop -- once per customer
            customer_id = order.customer_id
        notify(greeting, order)


def greet_each_once():
    greeted = set()
    for order in Order.objects.filter(paid=False):
        if order.customer_id not in greeted:
            greeted.add(order.customer_id)
            notify(order.customer.name, order)  # ok: orm-lazy-load-in-loop -- once per customer


def remind_large():
    for order in Order.objects.filter(paid=False):
        if order.total > 100:
            notify(order.customer.name, order)  # expect: orm-lazy-load-in-loop


def notify(greeting, order):
    print(greeting, order.pk)
