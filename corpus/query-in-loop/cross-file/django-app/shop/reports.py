from shop import services
from shop.models import Customer, Order
from shop.selectors import customer_named, orders_of
from shop.selectors.orders import count_of, latest_if, order_total


def refund_report(numbers):
    return [services.refund_amount(n) for n in numbers]  # expect: query-in-loop


def customers_by_name(names):
    found = []
    for name in names:
        found.append(customer_named(name))  # expect: query-in-loop
    return found


def totals(numbers):
    return {n: order_total(n) for n in numbers}  # ok: query-in-loop


def owners(emails):
    return [services.owner_email(e) for e in emails]  # ok: query-in-loop


def sizes():
    return {model.__name__: count_of(model) for model in (Customer, Order)}  # ok: query-in-loop


def latest(customer_ids):
    return [latest_if(False, c) for c in customer_ids]  # ok: query-in-loop


def grouped(customer_ids):
    return orders_of(customer_ids)  # ok: query-in-loop
