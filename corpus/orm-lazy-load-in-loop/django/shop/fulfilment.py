"""Service functions that touch each order's items: writes and filtered reads through the relation are
not lazy loads a prefetch removes, and a prefetch on `.iterator()` needs a `chunk_size`."""
from shop.models import Order


def cancel_orders(order_ids):
    for order in Order.objects.filter(pk__in=order_ids):
        # A write per order through the relation: one UPDATE or DELETE per order, no prefetch helps.
        order.items.all().update(quantity=0)  # expect: orm-lazy-load-in-loop
        order.items.filter(quantity=0).delete()  # ok: orm-lazy-load-in-loop -- a label of line 9: one finding per loop, relation and kind
        order.items.update(quantity=0)  # ok: orm-lazy-load-in-loop -- a label of line 9: one finding per loop, relation and kind
        order.tags.clear()  # ok: orm-lazy-load-in-loop -- many-to-many links, left alone


def first_items(order_ids):
    firsts = {}
    for order in Order.objects.filter(pk__in=order_ids):
        # `.first()` queries even when `items` is prefetched: reported, without a prefetch fix.
        firsts[order.pk] = order.items.first()  # expect: orm-lazy-load-in-loop
    return firsts


def export_quantities():
    rows = []
    # Rows streamed with `.iterator()`: the help asks for a `chunk_size` with the prefetch, no fix.
    for order in Order.objects.filter(status="paid").iterator():
        rows.append(sum(item.quantity for item in order.items.all()))  # expect: orm-lazy-load-in-loop
    return rows


def counted(order_ids):
    counts = {}
    for order in Order.objects.filter(pk__in=order_ids).prefetch_related("items"):
        counts[order.pk] = order.items.count()  # ok: orm-lazy-load-in-loop -- served by the prefetch
    return counts


def remind_customers():
    # `.only()` leaves the relation out: the help asks to add it there, no select_related fix
    # (Django would raise FieldError).
    for order in Order.objects.filter(status="open").only("pk", "total"):
        print(order.customer.email)  # expect: orm-lazy-load-in-loop
