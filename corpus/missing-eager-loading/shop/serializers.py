"""REST serializers of the shop API."""
from rest_framework import serializers

from shop.models import Address, Category, Customer, Order, OrderItem, Product, Shipment, Tag


class AddressSerializer(serializers.ModelSerializer):
    class Meta:
        model = Address
        fields = ["street", "city", "country"]


class CustomerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["id", "name", "email"]


class CustomerWithAddressSerializer(serializers.ModelSerializer):
    address = AddressSerializer(read_only=True)

    class Meta:
        model = Customer
        fields = ["id", "name", "address"]


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name"]


class ProductSerializer(serializers.ModelSerializer):
    category = CategorySerializer(read_only=True)

    class Meta:
        model = Product
        fields = ["id", "name", "price", "category"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "label"]


class ShipmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shipment
        fields = ["carrier", "tracking_code"]


class OrderItemSerializer(serializers.ModelSerializer):
    product = ProductSerializer(read_only=True)

    class Meta:
        model = OrderItem
        fields = ["id", "product", "quantity"]


class OrderSerializer(serializers.ModelSerializer):
    customer = CustomerSerializer(read_only=True)
    items = OrderItemSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = ["id", "status", "created", "customer", "items"]


class OrderDetailSerializer(OrderSerializer):
    tags = TagSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = ["id", "status", "created", "customer", "items", "tags"]


class OrderListSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    city = serializers.CharField(source="customer.address.city", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Order
        fields = ["id", "status", "status_label", "customer_name", "city"]


class OrderStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "status", "created"]


class OrderTotalsSerializer(serializers.ModelSerializer):
    total = serializers.SerializerMethodField()
    customer_key = serializers.IntegerField(source="customer_id", read_only=True)

    class Meta:
        model = Order
        fields = ["id", "total", "customer_key"]

    def get_total(self, obj):
        return obj.total_cents / 100


class TaggedOrderSerializer(serializers.ModelSerializer):
    tags = TagSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = ["id", "status", "tags"]


class ShippedOrderSerializer(serializers.ModelSerializer):
    shipment = ShipmentSerializer(read_only=True)

    class Meta:
        model = Order
        fields = ["id", "status", "shipment"]


class CustomerWithOrdersSerializer(serializers.ModelSerializer):
    orders = OrderStatusSerializer(many=True, read_only=True)

    class Meta:
        model = Customer
        fields = ["id", "name", "orders"]
