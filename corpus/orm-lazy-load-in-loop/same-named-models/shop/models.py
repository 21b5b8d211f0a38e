# A second model named `Order`, with no relations.
from django.db import models

from billing.models import Customer as BillingCustomer


class Order(models.Model):
    label = models.CharField(max_length=100)


# This app's own `Customer` and `Account`, with no relations.
class Customer(models.Model):
    nickname = models.CharField(max_length=100)


class Account(models.Model):
    code = models.CharField(max_length=10)


class Shipment(models.Model):
    # The billing app's `Customer`, imported under another name.
    buyer = models.ForeignKey(BillingCustomer, on_delete=models.CASCADE)
