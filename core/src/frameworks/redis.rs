//! Redis clients: ioredis, node-redis (`redis`, `@redis/client`), redis-py, aioredis.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// ioredis (`new Redis()`, `new Cluster()`) and node-redis (`createClient()`, `createCluster()`).
pub const JS_CLIENTS: &[Client] = &[
    Client {
        names: &["ioredis", "ioredis.default", "ioredis.Redis", "ioredis.Cluster"],
        construct: Construct::New,
        what: "a Redis connection",
        instead: "`const redis = new Redis(process.env.REDIS_URL)` at module top level, then `await redis.get(...)` in the handler",
    },
    Client {
        names: &[
            "redis.createClient",
            "redis.createCluster",
            "@redis/client.createClient",
        ],
        construct: Construct::Call,
        what: "a Redis connection",
        instead: "`const redis = createClient({ url })` at module top level with `await redis.connect()` once at start-up, then `await redis.get(...)` in the handler",
    },
];

/// redis-py (sync and `redis.asyncio`) and aioredis.
pub const PYTHON_CLIENTS: &[Client] = &[
    Client {
        names: &[
            "redis.Redis",
            "redis.StrictRedis",
            "redis.from_url",
            "redis.Redis.from_url",
            "redis.StrictRedis.from_url",
            "redis.client.Redis",
            "redis.client.StrictRedis",
            "redis.RedisCluster",
            "redis.cluster.RedisCluster",
        ],
        construct: Construct::Call,
        what: "a Redis client (with its own connection pool)",
        instead: "`r = redis.Redis.from_url(REDIS_URL)` at module level (it is thread-safe and pools connections), then `r.get(...)` per request",
    },
    Client {
        names: &[
            "redis.asyncio.Redis",
            "redis.asyncio.StrictRedis",
            "redis.asyncio.from_url",
            "redis.asyncio.Redis.from_url",
            "redis.asyncio.client.Redis",
            "redis.asyncio.RedisCluster",
            "aioredis.Redis",
            "aioredis.StrictRedis",
            "aioredis.from_url",
        ],
        construct: Construct::Call,
        what: "a Redis client (with its own connection pool)",
        instead: "`r = redis.asyncio.from_url(REDIS_URL)` at module level (or in the app's lifespan), then `await r.get(...)` per request",
    },
];

/// The keyword argument of redis-py's clients that hands them a pool created elsewhere
/// (`redis.Redis(connection_pool=shared)`): such a client is a cheap wrapper, not a new pool.
pub const SHARED_POOL_ARGUMENT: &str = "connection_pool";
