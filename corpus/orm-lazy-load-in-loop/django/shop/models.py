from django.db import models

from accounts.models import Customer, Stamped


class Tag(models.Model):
    label = models.SlugField()


class Product(models.Model):
    sku = models.CharField(max_length=32)
    title = models.CharField(max_length=200)


class Order(Stamped):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    tags = models.ManyToManyField(Tag, blank=True)
    status = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=10, decimal_places=2)


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey("shop.Product", on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
