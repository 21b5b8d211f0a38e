//! Django REST framework: API views and viewsets, serializers (nested and `source=` fields), list views.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// DRF's module of responses.
pub const RESPONSE_MODULES: &[&str] = &["rest_framework.response"];

/// DRF's response class.
pub const RESPONSE_BUILDERS: &[&str] = &["Response"];
