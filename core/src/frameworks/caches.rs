//! Caching libraries: cachetools, async-lru (memoising decorators); lru-cache and quick-lru (bounded
//! caches, the advice for unbounded ones).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Memoising decorators (the last part of their names): async-lru's `alru_cache`, cachetools' `cached`.
pub const MEMOISING_DECORATORS: &[&str] = &["alru_cache", "cached"];

/// Bounded caches of JavaScript, the advice for a module-level map that only grows.
pub const JS_BOUNDED_CACHES: &str =
    "`new LRUCache({ max: 10_000, ttl })` from `lru-cache`, or `quick-lru` with `maxSize`";

/// A bounded cache of JavaScript, the advice for a module-level array that only grows.
pub const JS_BOUNDED_CACHE: &str = "`lru-cache` with `max`";

/// Bounded caches of Python, the advice for a module-level dict that only grows.
pub const PYTHON_BOUNDED_CACHES: &str = "`functools.lru_cache(maxsize=...)` on the function, `cachetools.LRUCache(maxsize=...)` or `cachetools.TTLCache(maxsize=..., ttl=...)`";

/// Bounded caches of Python, the advice for a module-level list that only grows.
pub const PYTHON_BOUNDED_CACHE: &str = "`cachetools.LRUCache`/`TTLCache`";
