//! Tornado: `RequestHandler` classes.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Class-based handlers: `RequestHandler`.
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &[],
    names: &["RequestHandler"],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
