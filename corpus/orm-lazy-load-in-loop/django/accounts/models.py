from django.conf import settings
from django.db import models


class Stamped(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="%(class)s_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Address(models.Model):
    city = models.CharField(max_length=100)
    country = models.CharField(max_length=2)


class Customer(Stamped):
    name = models.CharField(max_length=200)
    address = models.ForeignKey(Address, on_delete=models.PROTECT)
    # A text field whose name looks like a relation: not one.
    account_manager = models.CharField(max_length=200, blank=True)


class Profile(models.Model):
    customer = models.OneToOneField("accounts.Customer", on_delete=models.CASCADE)
    bio = models.TextField()
