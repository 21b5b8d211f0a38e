//! Django: function views and class-based views, the ORM (managers, querysets, eager loads), model declarations, mail.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework's name, as handler messages show it.
pub const FRAMEWORK: &str = "Django";

/// Decorators that only decorate views.
pub const VIEW_DECORATORS: &[&str] = &[
    "require_http_methods",
    "require_GET",
    "require_POST",
    "require_safe",
    "login_required",
    "permission_required",
    "csrf_exempt",
];

/// Function views take the request first: a module-level function whose first parameter has this name.
pub const VIEW_REQUEST_PARAMETER: &str = "request";

/// Class-based views: `View`, `TemplateView`, `ListView`, ...
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &["View"],
    names: &[],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
