"""Choosing a default warehouse: a loop the code caps at one element next to a loop over a runtime list."""
from shop.models import Warehouse


def settle_default(names):
    warehouses = Warehouse.objects.filter(name__in=names)
    if len(warehouses) == 1:
        for warehouse in warehouses:
            Warehouse.objects.filter(pk=warehouse.pk).update(default=True)  # ok: query-in-loop -- the if leaves one warehouse
    for name in names:
        Warehouse.objects.filter(name=name).update(checked=True)  # expect: query-in-loop
