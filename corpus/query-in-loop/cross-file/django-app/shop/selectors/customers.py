from shop.models import Customer

_seen = {}  # expect: unbounded-module-cache


def customer_named(name):
    return Customer.objects.filter(name=name).first()


def customer_cached(email):
    if email in _seen:
        return _seen[email]
    customer = Customer.objects.get(email=email)
    _seen[email] = customer
    return customer
