//! Starlette: `Route`/`WebSocketRoute` tables, `HTTPEndpoint` classes.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Starlette apps and routers, whose decorators are deprecated but still met: `@app.route("/")`.
pub const APP: super::web::PythonApp = super::web::PythonApp {
    framework: "Starlette",
    module: "starlette",
    route_decorators: &["route", "websocket_route"],
    path_keywords: &["path"],
};

/// Route tables (`Route("/", endpoint)`, `WebSocketRoute("/ws", endpoint=ws)`) and an app's or router's
/// `add_route("/", endpoint)`.
pub const ROUTE_CALLS: &[&str] = &[
    "Route",
    "WebSocketRoute",
    "add_route",
    "add_websocket_route",
];

/// The keyword of a route naming its endpoint.
pub const ENDPOINT_KEYWORDS: &[&str] = &["endpoint"];

/// Class-based endpoints: `HTTPEndpoint`, `WebSocketEndpoint`.
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &[],
    names: &["HTTPEndpoint", "WebSocketEndpoint"],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Starlette's module of responses.
pub const RESPONSE_MODULES: &[&str] = &["starlette.responses"];

/// Starlette's response classes (FastAPI re-exports them).
pub const RESPONSE_BUILDERS: &[&str] = &[
    "Response",
    "FileResponse",
    "JSONResponse",
    "StreamingResponse",
];
