//! FastAPI: route decorators, routers and `add_api_route`, dependencies (`Depends`, `Security`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// FastAPI's modules of responses (`fastapi.responses`, which re-exports Starlette's classes).
pub const RESPONSE_MODULES: &[&str] = &["fastapi"];
