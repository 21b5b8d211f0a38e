//! FastAPI: route decorators, routers and `add_api_route`, dependencies (`Depends`, `Security`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// FastAPI apps and routers: `@app.get("/items/{id}")`, `@router.api_route("/", methods=[...])`.
pub const APP: super::web::PythonApp = super::web::PythonApp {
    framework: "FastAPI",
    module: "fastapi",
    route_decorators: &[
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "trace",
        "api_route",
        "websocket",
        "websocket_route",
        "route",
    ],
    path_keywords: &["path"],
};

/// `app.add_api_route("/", endpoint)` and Starlette's calls an app inherits.
pub const ROUTE_CALLS: &[&str] = &[
    "add_api_route",
    "add_api_websocket_route",
    "add_route",
    "add_websocket_route",
];

/// `Depends(get_db)`, `Security(get_user)`: the calls that make a function a per-request dependency.
pub const DEPENDENCY_CALLS: &[&str] = &["Depends", "Security"];

/// The keyword that can name a dependency (`Depends(dependency=get_db)`).
pub const ENDPOINT_KEYWORDS: &[&str] = &["dependency"];

/// The framework name of a dependency, as handler messages show it.
pub const DEPENDENCY: &str = "FastAPI dependency";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// FastAPI's modules of responses (`fastapi.responses`, which re-exports Starlette's classes).
pub const RESPONSE_MODULES: &[&str] = &["fastapi"];
