//! Quart: Flask's route decorators, asynchronous; request-scoped globals.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Quart apps and blueprints: Flask's decorators, and `@app.websocket("/ws")`.
pub const APP: super::web::PythonApp = super::web::PythonApp {
    framework: "Quart",
    module: "quart",
    route_decorators: &[
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "route",
        "websocket",
    ],
    path_keywords: &["rule"],
};

/// `app.add_url_rule("/", view_func=index)`: the call that registers a view.
pub const ROUTE_CALLS: &[&str] = &["add_url_rule"];

/// The keyword of that call naming the view.
pub const ENDPOINT_KEYWORDS: &[&str] = &["view_func"];

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Quart's context locals: values stored on them live for one request.
pub const REQUEST_LOCALS: &[&str] = &["quart.g", "quart.request"];

/// Quart's module of responses (its builders are Flask's: `Response`, `send_file`, `jsonify`, ...).
pub const RESPONSE_MODULES: &[&str] = &["quart"];
