"""A sync queue claimed row by row, and vouchers looked up once per distinct voucher."""
from django.db import transaction

from shop.models import Order, Voucher


def claim_queue(queue):
    for item in queue:
        with transaction.atomic():
            order = Order.objects.select_for_update(nowait=True).get(pk=item.pk)  # ok: query-in-loop -- each row claimed in its own transaction
            order.sync()


def check_vouchers(positions):
    available = {}
    for position in positions:
        if position.voucher_id not in available:
            available[position.voucher_id] = Voucher.objects.get(pk=position.voucher_id)  # ok: query-in-loop -- once per distinct voucher
    for position in positions:
        Voucher.objects.filter(pk=position.voucher_id).update(redeemed=True)  # expect: query-in-loop


def renumber(orders):
    updates = []
    for number, order in enumerate(orders):
        order.number = number
        updates.append(order)
        if len(updates) >= 500:
            Order.objects.bulk_update(updates, ["number"])  # ok: query-in-loop -- flushed once per 500 orders
            updates = []
    Order.objects.bulk_update(updates, ["number"])
