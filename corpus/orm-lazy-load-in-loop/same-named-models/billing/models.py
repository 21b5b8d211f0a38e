# Two apps declare a model named `Order`; the billing one has a `customer` relation.
from django.db import models


class Account(models.Model):
    name = models.CharField(max_length=100)


class Customer(models.Model):
    name = models.CharField(max_length=100)
    # Named by app label: the billing app's `Account`.
    account = models.ForeignKey("billing.Account", on_delete=models.CASCADE)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    total = models.IntegerField()
