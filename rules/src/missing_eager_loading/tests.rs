use snag_core::config::Config;
use snag_core::engine::Engine;
use snag_core::models::{
    Cardinality, FileModels, Model, ModelIndex, Orm, Relation, Serializer, SerializerField,
};
use snag_core::{Finding, Span};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const RULE: &str = "missing-eager-loading";

use crate::test_support::{model_at, relation};

fn model(name: &str, orm: Orm, relations: Vec<Relation>) -> Model {
    model_at("shop/models.py", name, orm, relations)
}

/// A shop: orders with a customer (who has an address), items (each with a product) and tags.
fn shop_models(orm: Orm) -> Vec<Model> {
    use Cardinality::{Many, One};
    let mut item_order = relation("order", "Order", One, Many);
    item_order.related_name = Some("items".into());
    let mut tags = relation("tags", "Tag", Many, Many);
    tags.many_to_many = true;
    vec![
        model(
            "Order",
            orm,
            vec![relation("customer", "Customer", One, Many), tags],
        ),
        model(
            "Customer",
            orm,
            vec![relation("address", "Address", One, Many)],
        ),
        model("Address", orm, vec![]),
        model("Product", orm, vec![]),
        model("Tag", orm, vec![]),
        model(
            "OrderItem",
            orm,
            vec![item_order, relation("product", "Product", One, Many)],
        ),
    ]
}

/// A serializer field: `nested` serializer, `many`, `source=`.
fn field(name: &str, nested: Option<&str>, many: bool, source: Option<&str>) -> SerializerField {
    SerializerField {
        name: name.into(),
        nested: nested.map(Into::into),
        many,
        source: source.map(Into::into),
        span: Span::new(0, 0),
    }
}

fn serializer(name: &str, model: Option<&str>, fields: Vec<SerializerField>) -> Serializer {
    Serializer {
        name: name.into(),
        model: model.map(Into::into),
        fields,
        bases: vec!["ModelSerializer".into()],
        path: PathBuf::from("shop/serializers.py"),
        span: Span::new(0, 0),
    }
}

/// The serializers of `shop/serializers.py`.
fn shop_serializers() -> Vec<Serializer> {
    let mut detail = serializer("OrderDetailSerializer", Some("Order"), vec![]);
    detail.bases = vec!["OrderSummarySerializer".into()];
    vec![
        serializer("AddressSerializer", Some("Address"), vec![]),
        serializer("CustomerSerializer", Some("Customer"), vec![]),
        serializer(
            "CustomerWithAddressSerializer",
            Some("Customer"),
            vec![field("address", Some("AddressSerializer"), false, None)],
        ),
        serializer("ProductSerializer", Some("Product"), vec![]),
        serializer("TagSerializer", Some("Tag"), vec![]),
        serializer(
            "ItemSerializer",
            Some("OrderItem"),
            vec![field("product", Some("ProductSerializer"), false, None)],
        ),
        serializer(
            "OrderSerializer",
            Some("Order"),
            vec![
                field("customer", Some("CustomerSerializer"), false, None),
                field("items", Some("ItemSerializer"), true, None),
            ],
        ),
        serializer(
            "OrderSummarySerializer",
            Some("Order"),
            vec![
                field("customer_name", None, false, Some("customer.name")),
                field("city", None, false, Some("customer.address.city")),
                field("status_label", None, false, Some("get_status_display")),
                field("customer_key", None, false, Some("customer_id")),
            ],
        ),
        detail,
        serializer(
            "BuyerSerializer",
            Some("Order"),
            vec![field(
                "buyer",
                Some("CustomerSerializer"),
                false,
                Some("customer"),
            )],
        ),
        serializer(
            "TaggedSerializer",
            Some("Order"),
            vec![field("tags", Some("TagSerializer"), true, None)],
        ),
        serializer(
            "OrderMethodSerializer",
            Some("Order"),
            vec![field("customer_label", None, false, None)],
        ),
        serializer(
            "NotAnOrderSerializer",
            Some("Product"),
            vec![field("customer", Some("CustomerSerializer"), false, None)],
        ),
        serializer(
            "SummaryBlockSerializer",
            Some("Order"),
            vec![field("summary", Some("CustomerSerializer"), false, None)],
        ),
    ]
}

fn shop(orm: Orm) -> ModelIndex {
    ModelIndex::new([FileModels {
        models: shop_models(orm),
        serializers: shop_serializers(),
        ..FileModels::default()
    }])
}

fn lint_report(models: &ModelIndex, path: &str, source: &str) -> Vec<Finding> {
    let mut engine = Engine::new(&crate::all(), &Config::default_at(".".into()));
    engine.set_models(Arc::new(models.clone()));
    let report = engine.lint_source(Path::new(path), source);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
        .findings
        .into_iter()
        .filter(|f| &*f.diagnostic.rule == RULE)
        .collect()
}

/// `(line, message, fixed text)` per finding of the rule.
fn lint_with(models: &ModelIndex, path: &str, source: &str) -> Vec<(u32, String, Option<String>)> {
    lint_report(models, path, source)
        .iter()
        .map(|f| {
            let fixed = f.diagnostic.fix.as_ref().map(|fix| fix.applied_to(source));
            (f.range.start.line, f.diagnostic.message.clone(), fixed)
        })
        .collect()
}

fn lines(found: &[(u32, String, Option<String>)]) -> Vec<u32> {
    found.iter().map(|f| f.0).collect()
}

/// Applies the first finding's fix, lints again and checks that nothing is left.
fn assert_fix_converges(models: &ModelIndex, path: &str, source: &str) -> String {
    let found = lint_with(models, path, source);
    assert!(!found.is_empty(), "nothing found in {source}");
    let mut text = source.to_string();
    // Fix every finding, one after the other.
    for _ in 0..8 {
        let found = lint_with(models, path, &text);
        let Some(first) = found.first() else {
            return text;
        };
        text = first
            .2
            .clone()
            .unwrap_or_else(|| panic!("no fix: {}", first.1));
    }
    panic!("the fix does not converge:\n{text}");
}

// ----- Django REST framework: positives -----

#[test]
fn a_viewset_queryset_without_the_nested_serializers_relations() {
    let source = "\
from rest_framework import viewsets
from shop.models import Order
from shop.serializers import OrderSerializer

class OrderViewSet(viewsets.ModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [7], "{found:#?}");
    assert!(
        found[0].1.starts_with(
            "`OrderSerializer.customer` (in `shop/serializers.py`) reads `Order.customer` for every order `OrderViewSet` lists"
        ),
        "{}",
        found[0].1
    );
    assert!(
        found[0].1.contains("`OrderSerializer.items`"),
        "{}",
        found[0].1
    );
    let fixed = found[0].2.as_deref().unwrap();
    assert!(
        fixed.contains(
            "queryset = Order.objects.select_related(\"customer\").prefetch_related(\"items__product\").all()"
        ),
        "{fixed}"
    );
    assert_fix_converges(&index, "shop/views.py", source);
}

#[test]
fn a_list_api_view_get_queryset_is_reported_at_its_return() {
    let source = "\
from rest_framework import generics

class OrderList(generics.ListAPIView):
    serializer_class = OrderSerializer

    def get_queryset(self):
        return Order.objects.filter(customer__user=self.request.user)
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/api.py", source);
    assert_eq!(lines(&found), [7], "{found:#?}");
    assert_fix_converges(&index, "shop/api.py", source);
}

#[test]
fn empty_querysets_list_no_rows() {
    let source = "\
from rest_framework import generics

class OrderList(generics.ListAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.none()

    def get_queryset(self):
        if self.request.user.is_anonymous:
            return Order.objects.none()
        return Order.objects.filter(customer__user=self.request.user)

class Placeholder(generics.ListAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.none()
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/api.py", source);
    // Only the query that lists rows: not the placeholder attribute, not the anonymous user's `none()`.
    assert_eq!(lines(&found), [10], "{found:#?}");
}

#[test]
fn serializing_a_queryset_with_many_true_in_a_function() {
    let source = "\
from rest_framework.decorators import api_view
from rest_framework.response import Response

@api_view([\"GET\"])
def open_orders(request):
    orders = Order.objects.filter(status=\"open\").order_by(\"-created\")
    return Response(OrderSerializer(orders, many=True).data)
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [6], "{found:#?}");
    assert!(found[0]
        .1
        .contains("for every order `OrderSerializer(..., many=True)` serializes"));
    let fixed = assert_fix_converges(&index, "shop/views.py", source);
    assert!(fixed.contains(
        "Order.objects.select_related(\"customer\").prefetch_related(\"items__product\").filter("
    ));
}

#[test]
fn dotted_sources_through_relations_give_the_deepest_path() {
    let source = "\
class OrderSummaryList(ListAPIView):
    serializer_class = OrderSummarySerializer
    queryset = Order.objects.all()
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [3], "{found:#?}");
    assert!(found[0].1.contains(
        "`OrderSummarySerializer.customer_name` (in `shop/serializers.py`) reads `Order.customer`"
    ));
    assert!(found[0]
        .1
        .contains("`OrderSummarySerializer.city` does the same"));
    let fixed = found[0].2.as_deref().unwrap();
    assert!(
        fixed.contains("Order.objects.select_related(\"customer__address\").all()"),
        "{fixed}"
    );
    assert_fix_converges(&index, "shop/views.py", source);
}

#[test]
fn partial_eager_loads_are_completed_in_the_existing_call() {
    let source = "\
class OrderViewSet(ReadOnlyModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.select_related(\"customer\").prefetch_related(\"items\")
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [3], "{found:#?}");
    assert!(
        found[0].1.starts_with("`ItemSerializer.product`"),
        "{}",
        found[0].1
    );
    assert!(found[0].1.contains("reads `OrderItem.product`"));
    let fixed = found[0].2.as_deref().unwrap();
    assert!(
        fixed.contains("prefetch_related(\"items\", \"items__product\")"),
        "{fixed}"
    );
}

#[test]
fn get_serializer_class_returning_one_serializer() {
    let source = "\
class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.filter(archived=False)

    def get_serializer_class(self):
        return TaggedSerializer
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [2], "{found:#?}");
    assert!(found[0]
        .2
        .as_deref()
        .unwrap()
        .contains("Order.objects.prefetch_related(\"tags\").filter(archived=False)"));
}

#[test]
fn a_serializer_in_the_same_file_gets_labels_at_its_fields() {
    let source = "\
class OrderSerializer(serializers.ModelSerializer):
    customer = CustomerSerializer()
    items = ItemSerializer(many=True)

    class Meta:
        model = Order
        fields = [\"id\", \"customer\", \"items\"]

class OrderViewSet(viewsets.ModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()
";
    let path = "shop/api.py";
    let span_of = |needle: &str| {
        let start = source.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let mut serializers = shop_serializers();
    serializers.retain(|s| s.name != "OrderSerializer");
    let mut order = serializer(
        "OrderSerializer",
        Some("Order"),
        vec![
            field("customer", Some("CustomerSerializer"), false, None),
            field("items", Some("ItemSerializer"), true, None),
        ],
    );
    order.path = PathBuf::from(path);
    order.fields[0].span = span_of("customer = CustomerSerializer()");
    order.fields[1].span = span_of("items = ItemSerializer(many=True)");
    let index = ModelIndex::new([FileModels {
        models: shop_models(Orm::Django),
        serializers: [serializers, vec![order]].concat(),
        ..FileModels::default()
    }]);
    let findings = lint_report(&index, path, source);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let diagnostic = &findings[0].diagnostic;
    assert!(diagnostic
        .message
        .starts_with("`OrderSerializer.customer` reads `Order.customer`"));
    let labels: Vec<(&str, &str)> = diagnostic
        .labels
        .iter()
        .map(|l| (&source[l.span.start..l.span.end], l.message.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (
                "serializer_class = OrderSerializer",
                "the listed rows are serialized with `OrderSerializer`"
            ),
            (
                "customer = CustomerSerializer()",
                "reads `Order.customer` for every order"
            ),
            (
                "items = ItemSerializer(many=True)",
                "reads `Order.items` for every order"
            ),
        ]
    );
}

#[test]
fn super_get_queryset_builds_on_the_class_attribute() {
    let source = "\
class OrderViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()

    def get_queryset(self):
        return super().get_queryset().select_related(\"customer\").filter(owner=self.request.user)
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [3], "{found:#?}");
    assert!(
        found[0].1.starts_with("`OrderSerializer.items`"),
        "{}",
        found[0].1
    );
}

#[test]
fn a_generic_api_view_that_paginates_lists_rows() {
    let source = "\
class OrderFeed(generics.GenericAPIView):
    serializer_class = BuyerSerializer
    queryset = Order.objects.order_by(\"-id\")

    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [3], "{found:#?}");
    assert!(found[0]
        .1
        .starts_with("`BuyerSerializer.buyer` (in `shop/serializers.py`) reads `Order.customer`"));
}

#[test]
fn inherited_serializer_fields_and_get_serializer_in_a_method() {
    let source = "\
class OrderReport(APIView):
    serializer_class = OrderDetailSerializer

    def get(self, request):
        rows = Order.objects.filter(status=\"paid\")
        return Response(self.get_serializer(rows, many=True).data)
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/views.py", source);
    assert_eq!(lines(&found), [5], "{found:#?}");
    assert!(found[0]
        .1
        .starts_with("`OrderSummarySerializer.customer_name`"));
}

// ----- Django REST framework: negatives -----

#[test]
fn querysets_that_load_every_path_are_quiet() {
    let source = "\
class A(viewsets.ModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.select_related(\"customer\").prefetch_related(\"items__product\")

class B(viewsets.ModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.select_related(\"customer\").prefetch_related(
        Prefetch(\"items\", queryset=OrderItem.objects.select_related(\"product\")),
    )

class C(ListAPIView):
    serializer_class = BuyerSerializer
    queryset = Order.objects.select_related()

class D(ListAPIView):
    serializer_class = OrderSerializer

    def get_queryset(self):
        qs = Order.objects.filter(owner=self.request.user)
        qs = qs.select_related(\"customer\")
        qs = qs.prefetch_related(\"items__product\")
        return qs

class E(ListAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()

    def get_queryset(self):
        return super().get_queryset().select_related(\"customer\").prefetch_related(\"items__product\")

def listing(request):
    qs = Order.objects.prefetch_related(Prefetch(\"items\", queryset=items_for(request)))
    qs = qs.select_related(\"customer\")
    return OrderSerializer(qs, many=True).data
";
    let found = lint_with(&shop(Orm::Django), "shop/views.py", source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn method_fields_and_non_relation_sources_are_quiet() {
    let source = "\
class A(ListAPIView):
    serializer_class = OrderMethodSerializer
    queryset = Order.objects.all()

class B(ListAPIView):
    serializer_class = SummaryBlockSerializer
    queryset = Order.objects.all()

def statuses():
    return TagSerializer(Tag.objects.all(), many=True).data
";
    let found = lint_with(&shop(Orm::Django), "shop/views.py", source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn single_objects_and_retrieve_views_are_quiet() {
    let source = "\
class OrderDetail(generics.RetrieveUpdateAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()

class OrderOne(generics.GenericAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()

    def get(self, request, pk):
        return Response(self.get_serializer(self.get_object()).data)

def detail(request, pk):
    order = Order.objects.get(pk=pk)
    first = Order.objects.filter(pk=pk)
    OrderSerializer(first, many=False).data
    return Response(OrderSerializer(order).data)
";
    let found = lint_with(&shop(Orm::Django), "shop/views.py", source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn values_querysets_and_rows_of_unknown_origin_are_quiet() {
    let source = "\
class A(ListAPIView):
    serializer_class = OrderSerializer
    queryset = Order.objects.values(\"id\", \"customer__name\")

def render(rows):
    return OrderSerializer(rows, many=True).data

def render_all():
    return OrderSerializer(load_orders(), many=True).data
";
    let found = lint_with(&shop(Orm::Django), "shop/views.py", source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn serializers_snag_cannot_pin_down_are_quiet() {
    let source = "\
class A(viewsets.ModelViewSet):
    queryset = Order.objects.all()

    def get_serializer_class(self):
        if self.action == \"list\":
            return OrderSummarySerializer
        return OrderSerializer

class B(viewsets.ModelViewSet):
    serializer_class = UnknownSerializer
    queryset = Order.objects.all()

class C(viewsets.ModelViewSet):
    serializer_class = NotAnOrderSerializer
    queryset = Order.objects.all()

class D(viewsets.ModelViewSet):
    serializer_class = OrderSerializer

    def get_queryset(self):
        return build_queryset(self.request)
";
    let found = lint_with(&shop(Orm::Django), "shop/views.py", source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn without_serializers_in_the_index_nothing_is_reported() {
    let source = "\
class OrderViewSet(viewsets.ModelViewSet):
    serializer_class = OrderSerializer
    queryset = Order.objects.all()
";
    let index = ModelIndex::new([FileModels {
        models: shop_models(Orm::Django),
        ..FileModels::default()
    }]);
    assert!(lint_with(&index, "shop/views.py", source).is_empty());
    assert!(lint_with(&shop(Orm::Django), "tests/test_views.py", source).is_empty());
}

// ----- GraphQL, Python -----

const GRAPHENE_TYPES: &str = "\
import graphene
from graphene_django import DjangoObjectType
from shop.models import Customer, Order, OrderItem

class CustomerType(DjangoObjectType):
    class Meta:
        model = Customer
        fields = \"__all__\"

class OrderItemType(DjangoObjectType):
    class Meta:
        model = OrderItem
        fields = (\"id\", \"product\")

class OrderType(DjangoObjectType):
    class Meta:
        model = Order
        fields = (\"id\", \"customer\", \"items\")
";

#[test]
fn graphene_django_relation_fields_of_a_listed_type() {
    let source = format!(
        "{GRAPHENE_TYPES}
class Query(graphene.ObjectType):
    orders = graphene.List(graphene.NonNull(OrderType))

    def resolve_orders(root, info):
        return Order.objects.filter(archived=False)
"
    );
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/schema.py", &source);
    assert_eq!(lines(&found), [24], "{found:#?}");
    assert!(
        found[0].1.starts_with(
            "`OrderType.customer` resolves `Order.customer` for every order `Query.resolve_orders` returns, but the query does not load it"
        ),
        "{}",
        found[0].1
    );
    assert!(found[0].1.contains("`OrderType.items` does the same"));
    let fixed = assert_fix_converges(&index, "shop/schema.py", &source);
    assert!(fixed.contains(
        "Order.objects.select_related(\"customer\").prefetch_related(\"items\").filter(archived=False)"
    ));
}

#[test]
fn graphene_django_types_exposing_all_fields_and_found_by_model() {
    let source = "\
class CustomerType(DjangoObjectType):
    class Meta:
        model = Customer
        fields = \"__all__\"

class OrderType(DjangoObjectType):
    class Meta:
        model = Order
        fields = \"__all__\"

class Query(graphene.ObjectType):
    def resolve_recent_orders(root, info, limit=10):
        return Order.objects.order_by(\"-id\")[:limit]
";
    let found = lint_with(&shop(Orm::Django), "shop/schema.py", source);
    assert_eq!(lines(&found), [13], "{found:#?}");
    assert!(found[0]
        .1
        .starts_with("`OrderType.customer` resolves `Order.customer`"));
}

#[test]
fn graphene_per_parent_resolvers_reading_or_querying_a_relation() {
    let source = "\
import graphene

class OrderNode(graphene.ObjectType):
    id = graphene.ID()
    customer = graphene.Field(CustomerNode)
    buyer = graphene.Field(CustomerNode)
    open_items = graphene.List(ItemNode)

    def resolve_customer(parent, info):
        return parent.customer

    def resolve_buyer(parent, info):
        return Customer.objects.get(pk=parent.customer_id)

    def resolve_open_items(parent, info):
        return parent.items.filter(open=True)

class Query(graphene.ObjectType):
    orders = graphene.List(OrderNode)

    def resolve_orders(root, info):
        return Order.objects.prefetch_related(\"items\")
";
    let index = shop(Orm::Django);
    let findings = lint_report(&index, "shop/schema.py", source);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let diagnostic = &findings[0].diagnostic;
    assert_eq!(findings[0].range.start.line, 22);
    assert!(
        diagnostic
            .message
            .starts_with("`OrderNode.resolve_customer` reads `Order.customer` for every order"),
        "{}",
        diagnostic.message
    );
    let labels: Vec<&str> = diagnostic
        .labels
        .iter()
        .map(|l| &source[l.span.start..l.span.end])
        .collect();
    assert_eq!(
        labels,
        [
            "parent.customer",
            "Customer.objects.get(pk=parent.customer_id)",
            "parent.items.filter(open=True)"
        ]
    );
    // The fix loads `customer`; the per-parent query and filter stay, and are still reported.
    let fixed = lint_with(&index, "shop/schema.py", source)[0]
        .2
        .clone()
        .unwrap();
    assert!(
        fixed.contains("Order.objects.select_related(\"customer\").prefetch_related(\"items\")")
    );
    let again = lint_with(&index, "shop/schema.py", &fixed);
    assert_eq!(lines(&again), [22], "{again:#?}");
    assert!(again[0]
        .1
        .starts_with("`OrderNode.resolve_buyer` runs `Customer.objects.get(...)` for every order"));
    assert!(again[0].2.is_none());
}

#[test]
fn strawberry_fields_of_a_listed_type() {
    let source = "\
import strawberry

@strawberry.type
class OrderType:
    id: int

    @strawberry.field
    def customer(self) -> CustomerType:
        return self.customer

    @strawberry.field
    def item_count(self) -> int:
        return self.items.count()

@strawberry.type
class Query:
    @strawberry.field
    def orders(self, info) -> list[OrderType]:
        return list(Order.objects.all())
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/schema.py", source);
    assert_eq!(lines(&found), [19], "{found:#?}");
    assert!(found[0]
        .1
        .starts_with("`OrderType.customer` reads `Order.customer`"));
    let fixed = assert_fix_converges(&index, "shop/schema.py", source);
    assert!(fixed.contains(
        "list(Order.objects.select_related(\"customer\").prefetch_related(\"items\").all())"
    ));
}

#[test]
fn graphql_python_quiet_cases() {
    let source = format!(
        "{GRAPHENE_TYPES}
class LoadedQuery(graphene.ObjectType):
    orders = graphene.List(OrderType)
    order = graphene.Field(OrderType)

    def resolve_orders(root, info):
        return Order.objects.select_related(\"customer\").prefetch_related(\"items\")

    def resolve_order(root, info, id):
        return Order.objects.filter(pk=id).first()

class BatchedNode(graphene.ObjectType):
    customer = graphene.Field(CustomerType)
    customer_key = graphene.Int()

    def resolve_customer(parent, info):
        return info.context.loaders.customer.load(parent.customer_id)

    def resolve_customer_key(parent, info):
        return parent.customer_id

class BatchedQuery(graphene.ObjectType):
    batched = graphene.List(BatchedNode)

    def resolve_batched(root, info):
        return Order.objects.all()

class ShapedType(DjangoObjectType):
    class Meta:
        model = Order
        fields = \"__all__\"

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.select_related(\"customer\")

class NarrowType(DjangoObjectType):
    class Meta:
        model = Order
        exclude = (\"customer\", \"items\", \"tags\")

class NoTypesQuery(graphene.ObjectType):
    shaped = graphene.List(ShapedType)
    narrow = graphene.List(NarrowType)
    names = graphene.List(graphene.String)

    def resolve_shaped(root, info):
        return Order.objects.all()

    def resolve_narrow(root, info):
        return Order.objects.all()

    def resolve_names(root, info):
        return Order.objects.values_list(\"name\", flat=True)
"
    );
    let found = lint_with(&shop(Orm::Django), "shop/schema.py", &source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn strawberry_with_a_dataloader_is_quiet() {
    let source = "\
import strawberry

@strawberry.type
class OrderType:
    @strawberry.field
    async def customer(self, info) -> CustomerType:
        return await info.context[\"customer_loader\"].load(self.customer_id)

@strawberry.type
class Query:
    @strawberry.field
    def orders(self) -> typing.List[\"OrderType\"]:
        return Order.objects.all()
";
    let found = lint_with(&shop(Orm::Django), "shop/schema.py", source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn fields_the_default_resolver_reads_from_the_parent() {
    let source = "\
import strawberry
@strawberry.type
class OrderType:
    id: int
    customer: CustomerType
    tags: list[TagType] = strawberry.field(description=\"Labels\")
    items: list[ItemType] = strawberry.field(resolver=items_of)

@strawberry.type
class Query:
    @strawberry.field
    def orders(self) -> list[OrderType]:
        return Order.objects.all()

class OrderNode(graphene.ObjectType):
    buyer = graphene.Field(CustomerNode, source=\"customer\")
    tags = graphene.List(TagNode, resolver=tags_of)
    status = graphene.String()

class Query2(graphene.ObjectType):
    orders = graphene.List(OrderNode)

    def resolve_orders(root, info):
        return Order.objects.filter(status=\"open\")
";
    let index = shop(Orm::Django);
    let found = lint_with(&index, "shop/schema.py", source);
    assert_eq!(lines(&found), [13, 24], "{found:#?}");
    assert!(found[0]
        .1
        .starts_with("`OrderType.customer` resolves `Order.customer`"));
    assert!(found[0].1.contains("`OrderType.tags` does the same"));
    assert!(found[1]
        .1
        .starts_with("`OrderNode.buyer` resolves `Order.customer`"));
    assert!(!found[1].1.contains("tags"));
    assert_fix_converges(&index, "shop/schema.py", source);
}

#[test]
fn strawberry_django_types_are_left_to_their_optimizer() {
    let source = "\
import strawberry
import strawberry_django

@strawberry_django.type(Order)
class OrderType:
    customer: CustomerType

    @strawberry_django.field
    def label(self) -> str:
        return self.customer.name

@strawberry.type
class Query:
    @strawberry.field
    def orders(self) -> list[OrderType]:
        return Order.objects.all()
";
    let found = lint_with(&shop(Orm::Django), "shop/schema.py", source);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn strawberry_decorators_are_resolved_through_imports() {
    // Aliased imports are strawberry's decorators; a decorator that only spells "strawberry" and
    // "field" is not.
    let source = "\
from strawberry import field as gql_field, type as gql_type
from shop import decorators

@gql_type
class OrderType:
    @gql_field
    def customer(self) -> CustomerType:
        return self.customer

@gql_type
class Query:
    @gql_field
    def orders(self) -> list[OrderType]:
        return Order.objects.all()

    @decorators.strawberry_field_type
    def open_orders(self) -> list[OrderType]:
        return Order.objects.filter(status=\"open\")
";
    let found = lint_with(&shop(Orm::Django), "shop/schema.py", source);
    assert_eq!(lines(&found), [14], "{found:#?}");
}

// ----- GraphQL, JavaScript -----

fn sequelize_shop() -> ModelIndex {
    use Cardinality::{Many, One};
    let mut models = vec![
        model(
            "Order",
            Orm::Sequelize,
            vec![
                relation("customer", "Customer", One, Many),
                relation("items", "OrderItem", Many, One),
            ],
        ),
        model("Customer", Orm::Sequelize, vec![]),
        model("OrderItem", Orm::Sequelize, vec![]),
    ];
    for m in &mut models {
        m.path = PathBuf::from("src/models/index.js");
    }
    ModelIndex::new([FileModels {
        models,
        ..FileModels::default()
    }])
}

#[test]
fn apollo_per_parent_queries_are_reported_at_the_list_query() {
    let source = "\
const { Order, Customer, OrderItem } = require('../models');

const resolvers = {
  Query: {
    orders: () => Order.findAll({ where: { status: 'open' } }),
  },
  Order: {
    customer: (parent) => Customer.findByPk(parent.customerId),
    items: async (order) => {
      const rows = await OrderItem.findAll({ where: { orderId: order.id } });
      return rows;
    },
  },
};

module.exports = resolvers;
";
    let index = sequelize_shop();
    let found = lint_with(&index, "src/graphql/resolvers.js", source);
    assert_eq!(lines(&found), [5], "{found:#?}");
    assert!(
        found[0].1.starts_with(
            "`Order.customer` runs `Customer.findByPk(...)` for every order `Query.orders` returns: one more query per order"
        ),
        "{}",
        found[0].1
    );
    let fixed = assert_fix_converges(&index, "src/graphql/resolvers.js", source);
    assert!(
        fixed.contains(
            "Order.findAll({ include: ['customer', 'items'], where: { status: 'open' } })"
        ),
        "{fixed}"
    );
    assert!(fixed.contains(
        "customer: (parent) => (parent.customer ?? Customer.findByPk(parent.customerId)),"
    ));
    assert!(fixed.contains(
        "const rows = await (order.items ?? OrderItem.findAll({ where: { orderId: order.id } }));"
    ));
}

#[test]
fn apollo_getters_split_maps_and_schema_types() {
    let source = "\
import { gql } from 'apollo-server';
import { Order } from './models';

export const typeDefs = gql`
  type Query {
    openOrders(limit: Int): [OrderRow!]!
  }
`;

const Query = {
  async openOrders(_, { limit }) {
    return Order.findAll({ limit });
  },
};

const OrderRow = {
  customer(order) {
    return order.getCustomer();
  },
};

export const resolvers = { Query, OrderRow };
";
    let index = sequelize_shop();
    let found = lint_with(&index, "src/schema.ts", source);
    assert_eq!(lines(&found), [12], "{found:#?}");
    assert!(found[0]
        .1
        .starts_with("`OrderRow.customer` runs `order.getCustomer(...)`"));
    let fixed = assert_fix_converges(&index, "src/schema.ts", source);
    assert!(
        fixed.contains("return (order.customer ?? order.getCustomer());"),
        "{fixed}"
    );
}

#[test]
fn apollo_quiet_cases() {
    let source = "\
const resolvers = {
  Query: {
    orders: () => Order.findAll({ include: ['customer'] }),
    batched: () => Order.findAll(),
    order: (_, { id }) => Order.findByPk(id),
    plain: () => Order.findAll({ raw: true }),
  },
  Mutation: {
    archive: () => Order.findAll(),
  },
  Order: {
    customer: (parent, _args, { loaders }) => loaders.customer.load(parent.customerId),
    items: (parent, _args, context) => context.loaders.items.loadMany([parent.id]),
    label: (parent) => parent.customer.name,
  },
};
";
    let found = lint_with(&sequelize_shop(), "src/resolvers.js", source);
    assert!(found.is_empty(), "{found:#?}");
}

// ----- The corpus, with the index that extraction will build from its models and serializers -----

/// What `corpus/missing-eager-loading/{shop,blog}/models.*` and `shop/serializers.py` declare.
fn corpus_index() -> ModelIndex {
    use Cardinality::{Many, One};
    let with_related = |mut r: Relation, related: &str| {
        r.related_name = Some(related.into());
        r
    };
    let mut tags = relation("tags", "Tag", Many, Many);
    tags.many_to_many = true;
    let django = vec![
        model("Address", Orm::Django, vec![]),
        model(
            "Customer",
            Orm::Django,
            vec![relation("address", "Address", One, Many)],
        ),
        model("Category", Orm::Django, vec![]),
        model(
            "Product",
            Orm::Django,
            vec![with_related(
                relation("category", "Category", One, Many),
                "products",
            )],
        ),
        model("Tag", Orm::Django, vec![]),
        model(
            "Order",
            Orm::Django,
            vec![
                with_related(relation("customer", "Customer", One, Many), "orders"),
                tags.clone(),
            ],
        ),
        model(
            "OrderItem",
            Orm::Django,
            vec![
                with_related(relation("order", "Order", One, Many), "items"),
                relation("product", "Product", One, Many),
            ],
        ),
        model(
            "Shipment",
            Orm::Django,
            vec![with_related(
                relation("order", "Order", One, One),
                "shipment",
            )],
        ),
    ];
    let mut sequelize = vec![
        model(
            "Author",
            Orm::Sequelize,
            vec![relation("posts", "Post", Many, One)],
        ),
        model(
            "Post",
            Orm::Sequelize,
            vec![
                relation("author", "Author", One, Many),
                relation("comments", "Comment", Many, One),
                tags,
            ],
        ),
        model(
            "Comment",
            Orm::Sequelize,
            vec![relation("post", "Post", One, Many)],
        ),
        model("Tag", Orm::Sequelize, vec![]),
    ];
    for m in &mut sequelize {
        m.path = PathBuf::from("blog/models.js");
    }
    let mut detail = serializer(
        "OrderDetailSerializer",
        Some("Order"),
        vec![field("tags", Some("TagSerializer"), true, None)],
    );
    detail.bases = vec!["OrderSerializer".into()];
    let serializers = vec![
        serializer("AddressSerializer", Some("Address"), vec![]),
        serializer("CustomerSerializer", Some("Customer"), vec![]),
        serializer(
            "CustomerWithAddressSerializer",
            Some("Customer"),
            vec![field("address", Some("AddressSerializer"), false, None)],
        ),
        serializer("CategorySerializer", Some("Category"), vec![]),
        serializer(
            "ProductSerializer",
            Some("Product"),
            vec![field("category", Some("CategorySerializer"), false, None)],
        ),
        serializer("TagSerializer", Some("Tag"), vec![]),
        serializer("ShipmentSerializer", Some("Shipment"), vec![]),
        serializer(
            "OrderItemSerializer",
            Some("OrderItem"),
            vec![field("product", Some("ProductSerializer"), false, None)],
        ),
        serializer(
            "OrderSerializer",
            Some("Order"),
            vec![
                field("customer", Some("CustomerSerializer"), false, None),
                field("items", Some("OrderItemSerializer"), true, None),
            ],
        ),
        detail,
        serializer(
            "OrderListSerializer",
            Some("Order"),
            vec![
                field("customer_name", None, false, Some("customer.name")),
                field("city", None, false, Some("customer.address.city")),
                field("status_label", None, false, Some("get_status_display")),
            ],
        ),
        serializer("OrderStatusSerializer", Some("Order"), vec![]),
        serializer(
            "OrderTotalsSerializer",
            Some("Order"),
            vec![
                field("total", None, false, None),
                field("customer_key", None, false, Some("customer_id")),
            ],
        ),
        serializer(
            "TaggedOrderSerializer",
            Some("Order"),
            vec![field("tags", Some("TagSerializer"), true, None)],
        ),
        serializer(
            "ShippedOrderSerializer",
            Some("Order"),
            vec![field("shipment", Some("ShipmentSerializer"), false, None)],
        ),
        serializer(
            "CustomerWithOrdersSerializer",
            Some("Customer"),
            vec![field("orders", Some("OrderStatusSerializer"), true, None)],
        ),
    ];
    ModelIndex::new([FileModels {
        models: [django, sequelize].concat(),
        serializers,
        ..FileModels::default()
    }])
}

/// Every `expect: missing-eager-loading` line of the corpus folder is found, nothing else, with the
/// index extraction will build (until extraction lands, the corpus test itself cannot see them).
#[test]
fn the_corpus_folder_matches_its_markers_with_a_hand_built_index() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/missing-eager-loading");
    let index = corpus_index();
    let mut stack = vec![root.clone()];
    let (mut positives, mut traps) = (0, 0);
    let mut problems = Vec::new();
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let source = std::fs::read_to_string(&path).unwrap();
            let marked = |marker: &str| -> Vec<u32> {
                source
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| l.contains(&format!("{marker}: {RULE}")))
                    .map(|(i, _)| i as u32 + 1)
                    .collect()
            };
            let expected = marked("expect");
            positives += expected.len();
            traps += marked("ok").len();
            let found = lint_with(&index, &relative, &source);
            let actual = lines(&found);
            if actual != expected {
                problems.push(format!(
                    "{relative}: expected {expected:?}, found {actual:?}\n{}",
                    found
                        .iter()
                        .map(|f| format!("  {}: {}", f.0, f.1))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
            // Every fix converges: applied one after the other, nothing is left that has one.
            for (line, message, fixed) in &found {
                let Some(fixed) = fixed else { continue };
                let again = lint_with(&index, &relative, fixed);
                if again.iter().any(|f| f.1 == *message) {
                    problems.push(format!("{relative}:{line}: the fix leaves `{message}`"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        positives >= 20 && traps >= 20,
        "{positives} positives, {traps} traps"
    );
}
