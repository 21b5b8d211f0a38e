//! aiohttp: `web.get(...)` route tables, `web.View` classes, `app.router.add_*` (its HTTP client lives in `http_clients`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// aiohttp's server module, whose `Response` classes send a body.
pub const RESPONSE_MODULES: &[&str] = &["aiohttp.web"];

/// aiohttp's response classes.
pub const RESPONSE_BUILDERS: &[&str] = &["Response", "FileResponse"];
