"""Services shared by the views and the management commands."""
from itertools import islice

from django.db import connection

from shop.models import Coupon, Customer, Order
from shop.models import Invoice as Bill


def invoice_total(order_id):
    invoice = Bill.objects.get(order_id=order_id)
    return invoice.total


def cached_discount(code, cache):
    if code not in cache:
        cache[code] = Coupon.objects.get(code=code)
    return cache[code]


def totals_for(order_ids):
    return [invoice_total(order_id) for order_id in order_ids]  # expect: query-in-loop


def discounts_for(codes, cache):
    # A memoised lookup: the query runs only on a cache miss.
    return [cached_discount(code, cache) for code in codes]  # ok: query-in-loop


class LoyaltyService:
    def points_of(self, customer_id):
        return Order.objects.filter(customer_id=customer_id).count()

    def refresh(self, customer_ids):
        for customer_id in customer_ids:
            points = self.points_of(customer_id)  # expect: query-in-loop
            Customer.objects.filter(pk=customer_id).update(points=points)  # expect: query-in-loop

    def refresh_batched(self, customer_ids, size=500):
        ids = iter(customer_ids)
        while batch := list(islice(ids, size)):
            Customer.objects.filter(pk__in=batch).update(points=0)  # ok: query-in-loop


def archive_paid(order_ids):
    for start in range(0, len(order_ids), 1000):
        chunk = order_ids[start:start + 1000]
        Order.objects.filter(pk__in=chunk, status="paid").update(archived=True)  # ok: query-in-loop


def table_sizes(table_names):
    sizes = {}
    with connection.cursor() as cursor:
        for table in table_names:
            # One statement per table: there is nothing to batch.
            cursor.execute("SELECT COUNT(*) FROM %s" % table)  # ok: query-in-loop
            sizes[table] = cursor.fetchone()[0]
        for name in table_names:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [name])  # expect: query-in-loop
    return sizes


async def notify_customers(customer_ids):
    sent = []
    for customer_id in customer_ids:
        customer = await Customer.objects.aget(pk=customer_id)  # expect: query-in-loop
        sent.append(customer.email)
    return sent


async def notify_customers_batched(customer_ids):
    emails = []
    async for customer in Customer.objects.filter(pk__in=customer_ids):  # ok: query-in-loop
        emails.append(customer.email)
    return emails
