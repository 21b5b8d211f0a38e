//! Starlette: `Route`/`WebSocketRoute` tables, `HTTPEndpoint` classes.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

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
