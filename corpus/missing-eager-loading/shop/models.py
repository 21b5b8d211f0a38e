"""Shop models: customers and their addresses, the catalogue, orders with items, tags and shipments."""
from django.db import models


class Address(models.Model):
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    country = models.CharField(max_length=2)


class Customer(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(unique=True)
    address = models.ForeignKey(Address, on_delete=models.SET_NULL, null=True, blank=True)


class Category(models.Model):
    name = models.CharField(max_length=100)


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")


class Tag(models.Model):
    label = models.CharField(max_length=50)


class Order(models.Model):
    STATUSES = [("draft", "Draft"), ("open", "Open"), ("shipped", "Shipped")]

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(max_length=20, choices=STATUSES, default="draft")
    created = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField(default=False)
    total_cents = models.PositiveIntegerField(default=0)
    tags = models.ManyToManyField(Tag, blank=True)


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField(default=1)


class Shipment(models.Model):
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="shipment")
    carrier = models.CharField(max_length=50)
    tracking_code = models.CharField(max_length=100, blank=True)
