//! aiohttp: `web.get(...)` route tables, `web.View` classes, `app.router.add_*` (its HTTP client lives in `http_clients`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// aiohttp route tables: `routes = web.RouteTableDef()`, `@routes.get("/")`, `@routes.view("/")`.
pub const APP: super::web::PythonApp = super::web::PythonApp {
    framework: "aiohttp",
    module: "aiohttp",
    route_decorators: &[
        "get", "post", "put", "patch", "delete", "head", "view", "route",
    ],
    path_keywords: &["path"],
};

/// Route definitions (`web.get("/", handler)`, `web.route("GET", "/", handler)`, `web.view("/", V)`) and
/// a router's `add_get("/", handler)`, `add_route("GET", "/", handler)`.
pub const ROUTE_CALLS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "route",
    "view",
    "add_get",
    "add_post",
    "add_put",
    "add_patch",
    "add_delete",
    "add_head",
    "add_route",
];

/// The keyword of a route call naming the handler (`add_route("GET", "/", handler=h)`).
pub const ENDPOINT_KEYWORDS: &[&str] = &["handler"];

/// Class-based views: `web.View`.
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &[],
    names: &["View"],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// aiohttp's server module, whose `Response` classes send a body.
pub const RESPONSE_MODULES: &[&str] = &["aiohttp.web"];

/// aiohttp's response classes.
pub const RESPONSE_BUILDERS: &[&str] = &["Response", "FileResponse"];
