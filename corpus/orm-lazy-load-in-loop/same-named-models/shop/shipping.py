from .models import Shipment


def accounts(request):
    names = []
    # `buyer` is joined; the billing `Customer`'s `account` is not: a query per shipment.
    for shipment in Shipment.objects.select_related("buyer"):
        names.append(shipment.buyer.account.name)  # expect: orm-lazy-load-in-loop
    return names


def buyers(request):
    # `buyer` is joined: its columns need no query.
    return [shipment.buyer.name for shipment in Shipment.objects.select_related("buyer")]  # ok: orm-lazy-load-in-loop
