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
