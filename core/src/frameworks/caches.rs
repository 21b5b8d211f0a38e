//! Caching libraries: cachetools, async-lru (memoising decorators).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Memoising decorators (the last part of their names): async-lru's `alru_cache`, cachetools' `cached`.
pub const MEMOISING_DECORATORS: &[&str] = &["alru_cache", "cached"];
