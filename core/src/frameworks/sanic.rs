//! Sanic: route decorators, `HTTPMethodView` classes.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Sanic apps and blueprints: `@app.get("/")`, `@bp.route("/", methods=[...])`, `@app.websocket("/ws")`.
pub const APP: super::web::PythonApp = super::web::PythonApp {
    framework: "Sanic",
    module: "sanic",
    route_decorators: &[
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "route",
        "websocket",
    ],
    path_keywords: &["uri"],
};

/// `app.add_route(handler, "/")`: the path may come second.
pub const ROUTE_CALLS: &[&str] = &["add_route"];

/// Class-based views: `HTTPMethodView`.
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &[],
    names: &["HTTPMethodView"],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Sanic's module of responses.
pub const RESPONSE_MODULES: &[&str] = &["sanic"];

/// Sanic's response functions.
pub const RESPONSE_BUILDERS: &[&str] = &["file", "file_stream", "raw"];
