//! Limiting concurrency: p-limit, p-queue, bottleneck, p-map with `concurrency`, asyncio/anyio/trio semaphores and capacity limiters, batching helpers.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Fan-outs of other async libraries, as `asyncio.gather` (trio's and anyio's task groups aside).
pub const GATHERS: &[&str] = &["trio.gather"];

/// `nursery.start_soon(fn, x)`, `task_group.start_soon(fn, x)` (trio, anyio): starts a task per call,
/// given the function rather than a coroutine.
pub const START_SOON: &str = "start_soon";

/// A JavaScript library that limits how much work runs at once.
#[derive(Debug)]
pub struct Limiter {
    /// Its module (`p-limit`).
    pub module: &'static str,
    /// The option an argument object must have for it to limit anything (p-map's `concurrency`).
    pub needs_option: Option<&'static str>,
}

/// Libraries that bound how much work runs at once: p-limit's `limit(fn)`, p-queue's `queue.add(fn)`,
/// Bottleneck's `schedule`/`wrap`, p-throttle, async-sema's `acquire`, async-mutex's `runExclusive`,
/// @supercharge/promise-pool, and p-map when given a `concurrency`.
pub const JS_LIMITERS: &[Limiter] = &[
    Limiter {
        module: "p-limit",
        needs_option: None,
    },
    Limiter {
        module: "p-queue",
        needs_option: None,
    },
    Limiter {
        module: "bottleneck",
        needs_option: None,
    },
    Limiter {
        module: "p-throttle",
        needs_option: None,
    },
    Limiter {
        module: "async-sema",
        needs_option: None,
    },
    Limiter {
        module: "async-mutex",
        needs_option: None,
    },
    Limiter {
        module: "@supercharge/promise-pool",
        needs_option: None,
    },
    Limiter {
        module: "p-map",
        needs_option: Some("concurrency"),
    },
];

/// Python's semaphores and capacity limiters (asyncio, anyio, trio).
pub const PYTHON_LIMITERS: &[&str] = &[
    "asyncio.Semaphore",
    "asyncio.BoundedSemaphore",
    "anyio.Semaphore",
    "anyio.CapacityLimiter",
    "trio.Semaphore",
    "trio.CapacityLimiter",
];

/// Library functions that cut a collection into batches of a fixed size (lodash, underscore,
/// itertools, more-itertools, toolz, boltons).
pub const BATCHING_FUNCTIONS: &[&str] = &[
    "lodash.chunk",
    "lodash/chunk",
    "lodash-es.chunk",
    "underscore.chunk",
    "itertools.batched",
    "more_itertools.chunked",
    "more_itertools.ichunked",
    "more_itertools.chunked_even",
    "more_itertools.batched",
    "more_itertools.sliced",
    "toolz.partition_all",
    "cytoolz.partition_all",
    "boltons.iterutils.chunked",
    "boltons.iterutils.chunked_iter",
];
