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

// ----- Clients and calls: connections, blocking calls, slow side work. -----
