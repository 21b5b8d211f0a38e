//! Django REST framework: API views and viewsets, serializers (nested and `source=` fields), list views.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework's name, as handler messages show it.
pub const FRAMEWORK: &str = "Django REST framework";

/// Decorators that only decorate views: function views and viewsets' extra actions.
pub const VIEW_DECORATORS: &[&str] = &["api_view", "action"];

/// Class-based views: `APIView`, `GenericAPIView`, `ModelViewSet`, ...
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &["ViewSet", "APIView"],
    names: &[],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

/// Views whose list action serializes many rows.
pub const LIST_VIEWS: &[&str] = &[
    "ModelViewSet",
    "ReadOnlyModelViewSet",
    "ListAPIView",
    "ListCreateAPIView",
    "ListModelMixin",
];

/// Views that serialize many rows only when their own code does (`get_serializer(page, many=True)`).
pub const GENERIC_VIEWS: &[&str] = &[
    "GenericAPIView",
    "GenericViewSet",
    "ViewSet",
    "ViewSetMixin",
];

/// A view's list action, when it defines one (`def list(self, request)`).
pub const LIST_ACTION: &str = "list";

/// A view's attribute naming its rows (`queryset = Order.objects.all()`).
pub const QUERYSET_ATTRIBUTE: &str = "queryset";

/// A view's attribute naming its serializer (`serializer_class = OrderSerializer`).
pub const SERIALIZER_CLASS_ATTRIBUTE: &str = "serializer_class";

/// A view's method choosing its serializer.
pub const GET_SERIALIZER_CLASS: &str = "get_serializer_class";

/// How a view's own code instantiates its serializer: `self.get_serializer(...)`,
/// `self.serializer_class(...)`, `self.get_serializer_class()(...)`.
pub const VIEW_SERIALIZER_CALLEES: &[&str] = &[
    "self.get_serializer",
    "self.serializer_class",
    "self.get_serializer_class()",
];

/// `self.serializer_class`, read by a view's `get_serializer_class()`.
pub const SELF_SERIALIZER_CLASS: &str = "self.serializer_class";

/// A view's pagination of its rows (`self.paginate_queryset(queryset)`): it lists them.
pub const PAGINATE_QUERYSET: &str = "self.paginate_queryset";

/// `self.filter_queryset(queryset)`: a view's filtering, a queryset of the one it is given.
pub const FILTER_QUERYSET: &str = "filter_queryset";

/// The serializer keyword that serializes many rows (`OrderSerializer(orders, many=True)`).
pub const MANY: &str = "many";

/// The serializer keyword that passes the rows (`OrderSerializer(instance=orders, many=True)`).
pub const INSTANCE: &str = "instance";

/// What code that names a serializer contains (`serializer_class`, `get_serializer`,
/// `OrderSerializer`).
pub const SERIALIZER_WORDS: &[&str] = &["serializer", "Serializer"];

// ----- Models: how models, fields and relations are declared. -----

use super::declarations::Boundary;

/// The package (and a module path segment whose `...Field` classes are serializer fields).
pub const PACKAGE: &str = "rest_framework";
/// The module segment of serializers (`rest_framework.serializers`, a project's `serializers.py`).
pub const SERIALIZERS_MODULE: &str = "serializers";
/// How serializer classes end (`ModelSerializer`, a project's `OrderSerializer`): a base that makes a
/// class a serializer, a field that nests one.
pub const SERIALIZER_SUFFIX: &str = "Serializer";
/// How relational field classes end (`PrimaryKeyRelatedField`, `SlugRelatedField`): they read the
/// relation named like the field.
pub const RELATED_FIELD_SUFFIX: &str = "RelatedField";
/// The keyword argument of a field naming the attribute it reads (`source="customer.name"`).
pub const SOURCE_KEYWORD: &str = "source";
/// The `source` that hands the field the whole object: no relation.
pub const WHOLE_OBJECT_SOURCE: &str = "*";
/// The keyword argument of a nested serializer that makes it a list (`many=True`).
pub const MANY_KEYWORD: &str = "many";
/// The `Meta` option naming a model serializer's model.
pub const META_MODEL_OPTION: &str = "model";

/// The words of the model check (`models/python.rs`) that a serializer contains: its base's name.
pub fn model_needles() -> impl Iterator<Item = (&'static str, Boundary)> {
    std::iter::once((SERIALIZER_SUFFIX, Boundary::End))
}

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// DRF's module of responses.
pub const RESPONSE_MODULES: &[&str] = &["rest_framework.response"];

/// DRF's response class.
pub const RESPONSE_BUILDERS: &[&str] = &["Response"];
