"""GraphQL schema of the shop (graphene-django)."""
import graphene
from graphene_django import DjangoObjectType

from shop.models import Customer, Order, OrderItem, Product


class CustomerType(DjangoObjectType):
    class Meta:
        model = Customer
        fields = ("id", "name", "email")


class ProductType(DjangoObjectType):
    class Meta:
        model = Product
        fields = ("id", "name", "price")


class OrderItemType(DjangoObjectType):
    class Meta:
        model = OrderItem
        fields = ("id", "product", "quantity")


class OrderType(DjangoObjectType):
    class Meta:
        model = Order
        fields = ("id", "status", "created", "customer", "items")


class Query(graphene.ObjectType):
    orders = graphene.List(graphene.NonNull(OrderType))
    open_orders = graphene.List(OrderType)
    order = graphene.Field(OrderType, id=graphene.ID(required=True))
    customers = graphene.List(CustomerType)
    order_items = graphene.List(OrderItemType, status=graphene.String())

    def resolve_orders(root, info):
        return Order.objects.all()  # expect: missing-eager-loading

    def resolve_open_orders(root, info):
        return (
            Order.objects.filter(status="open")  # ok: missing-eager-loading
            .select_related("customer")
            .prefetch_related("items")
        )

    def resolve_order(root, info, id):
        return Order.objects.get(pk=id)  # ok: missing-eager-loading -- one object

    def resolve_customers(root, info):
        return Customer.objects.all()  # ok: missing-eager-loading -- CustomerType exposes no relation

    def resolve_order_items(root, info, status="open"):
        return OrderItem.objects.filter(order__status=status)  # expect: missing-eager-loading


class ShipmentNode(graphene.ObjectType):
    id = graphene.ID()
    carrier = graphene.String()
    customer_name = graphene.String()
    customer_key = graphene.Int()

    def resolve_carrier(parent, info):
        return parent.shipment.carrier

    def resolve_customer_name(parent, info):
        return Customer.objects.get(pk=parent.customer_id).name

    def resolve_customer_key(parent, info):
        return parent.customer_id


class BatchedOrderNode(graphene.ObjectType):
    id = graphene.ID()
    customer = graphene.Field(CustomerType)

    def resolve_customer(parent, info):
        return info.context.loaders.customer.load(parent.customer_id)


class ShippingQuery(graphene.ObjectType):
    shipped_orders = graphene.List(ShipmentNode)
    batched_orders = graphene.List(BatchedOrderNode)
    loaded_shipments = graphene.List(ShipmentNode)

    def resolve_shipped_orders(root, info):
        return Order.objects.filter(status="shipped")  # expect: missing-eager-loading

    def resolve_batched_orders(root, info):
        return Order.objects.all()  # ok: missing-eager-loading -- the resolver batches with a DataLoader

    def resolve_loaded_shipments(root, info):
        # Loading `shipment` does not help `resolve_customer_name`, which queries anyway.
        return Order.objects.select_related("shipment")  # expect: missing-eager-loading


schema = graphene.Schema(query=Query)
