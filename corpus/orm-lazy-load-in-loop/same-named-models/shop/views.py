from django.http import JsonResponse

from billing.models import Order


def customers(request):
    names = []
    for order in Order.objects.all():
        names.append(order.customer.name)  # expect: orm-lazy-load-in-loop
    return JsonResponse({"names": names})
