use crate::helpers::{handler_label, head_span};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{BindingId, BindingKind, FunctionId, QualifiedName, ScopeKind, Semantic};
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a database or cache client created in code that runs once per request or once per call:
    ///
    /// - **JavaScript/TypeScript:** `pg` (`new Pool()`, `new Client()`), `mysql`/`mysql2`
    ///   (`createConnection`, `createPool`), `mongodb` (`new MongoClient(...)`, `MongoClient.connect(...)`),
    ///   `ioredis` (`new Redis()`), `redis` (`createClient()`), `@prisma/client` (`new PrismaClient()`),
    ///   `knex(...)`, `new Sequelize(...)`, `mongoose.createConnection(...)` and `postgres(...)`.
    /// - **Python:** `psycopg2.connect`, `psycopg.connect`, `pymysql.connect`, `MySQLdb.connect`,
    ///   `redis.Redis(...)`/`StrictRedis`/`from_url` (and `redis.asyncio`), SQLAlchemy `create_engine` and
    ///   `create_async_engine`, `pymongo.MongoClient`, motor's `AsyncIOMotorClient`, `asyncpg.connect` and
    ///   `asyncpg.create_pool`, `aiomysql`, psycopg pools.
    ///
    /// The names are resolved, however they were imported (`require`, destructuring, `import ... as`).
    /// In request handler code (routes, controller methods, Next.js API routes, Lambda handlers, Django and
    /// Flask views, FastAPI routes and their `Depends` dependencies, and the functions they call) every
    /// such call is reported. In any other function it is reported only when the client does not outlive
    /// the call: it is not returned, yielded, stored in a module-level variable or on `this`/`self`, nor
    /// handed to other code (unless the function closes it again itself).
    ///
    /// ## Why is this bad?
    /// A new client opens new connections: a TCP handshake, a TLS handshake and an authentication round
    /// trip with the server before the first query runs, which often costs more than the query itself.
    /// Every request in flight holds its own connections, so under load the server's connection limit
    /// (`max_connections`, Redis `maxclients`) is reached and requests fail; pools created per request that
    /// are never closed leak their connections until the process dies.
    ///
    /// ## Example
    /// ```js
    /// app.get('/users/:id', async (req, res) => {
    ///   const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    ///   const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
    ///   res.json(rows[0]);
    /// });
    /// ```
    /// ```python
    /// @app.get("/cart/{user_id}")
    /// async def cart(user_id: int):
    ///     r = redis.asyncio.from_url(REDIS_URL)
    ///     return await r.hgetall(f"cart:{user_id}")
    /// ```
    ///
    /// ## Use instead
    /// Create one client or pool at module level (or at start-up) and reuse it:
    /// ```js
    /// const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    ///
    /// app.get('/users/:id', async (req, res) => {
    ///   const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
    ///   res.json(rows[0]);
    /// });
    /// ```
    /// ```python
    /// r = redis.asyncio.from_url(REDIS_URL)
    ///
    /// @app.get("/cart/{user_id}")
    /// async def cart(user_id: int):
    ///     return await r.hgetall(f"cart:{user_id}")
    /// ```
    ///
    /// ## Stays quiet on
    /// - clients created at module level, and in start-up code: functions called only from module top
    ///   level, NestJS constructors, `onModuleInit`/`onApplicationBootstrap`, `useFactory` providers,
    ///   `app.listen` callbacks, Python `__init__`/`__enter__`/`__aenter__`;
    /// - lazily-initialised singletons: `if (!pool) pool = new Pool()`, `pool ??= new Pool()`,
    ///   `if (!pools.has(k)) pools.set(k, new Pool())`, `global _engine` with `if _engine is None:`, and
    ///   factories decorated with `functools.lru_cache`/`functools.cache`/`cached_property`;
    /// - checking out a pooled connection: `pool.connect()`, `pool.getConnection()`, `pool.acquire()`,
    ///   `engine.connect()`, `Session(engine)`, a `sessionmaker` call;
    /// - `redis.Redis(connection_pool=shared_pool)`: a cheap wrapper around a shared pool;
    /// - outside handler code: factories that return, yield or store the client (called once at boot,
    ///   typically), clients captured by closures that outlive the call;
    /// - `sqlite3` and SQLite URLs (`create_engine("sqlite://")`): a local file or memory, cheap to open;
    /// - test files, executable scripts (`#!`), and tooling folders (`scripts/`, `bin/`, `migrations/`,
    ///   `seeds/`, Django `management/commands/`).
    pub struct ConnectionPerRequest {
        id: "connection-per-request",
        summary: "A database or cache client created per request instead of once per process",
        severity: Warning,
        fix: None,
        targets: [
            JavaScript {
                kinds: ["new_expression", "call_expression"],
                // The client's module, as an import or `require` names it.
                triggers: [
                    [
                        "pg", "pg-pool", "mysql", "mysql2", "mysql2/promise", "mongodb", "ioredis", "redis",
                        "@redis/client", "@prisma/client", "knex", "sequelize", "@sequelize/core", "mongoose", "postgres",
                    ]
                    .map(import),
                ],
                // The client's own name (the last part of its qualified name).
                requires: [[
                    [
                        "Pool", "Client", "createConnection", "createPool", "createClient", "createCluster", "connect",
                        "Redis", "ioredis", "knex", "equelize", "postgres", "pg-pool",
                    ]
                    .map(literal),
                ]],
            },
            Python {
                kinds: ["call"],
                // The client's module, imported (`import redis`, `from sqlalchemy import ...`, `import os, redis`).
                triggers: [
                    [
                        "psycopg", "asyncpg", "pymysql", "MySQLdb", "mysql", "aiomysql", "redis", "aioredis", "sqlalchemy",
                        "sqlmodel", "pymongo", "motor",
                    ]
                    .map(import),
                ],
                // The client's own name, created in a function.
                requires: [
                    [
                        [
                            "onnect", "create_pool", "Redis", "from_url", "create_engine", "create_async_engine",
                            "MongoClient", "MotorClient",
                        ]
                        .map(literal),
                    ],
                    [word("def"), word("lambda")],
                ],
            },
        ],
    }
}

/// How a client is created in JavaScript.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Construct {
    /// `new Pool()`.
    New,
    /// `createClient()`.
    Call,
}

/// A client constructor and what to say about it.
struct Client {
    /// Qualified names of the callee.
    names: &'static [&'static str],
    construct: Construct,
    /// What one call opens ("a PostgreSQL connection pool").
    what: &'static str,
    /// The module-level client to create instead, and how handlers use it.
    instead: &'static str,
}

const JS_CLIENTS: &[Client] = &[
    Client {
        names: &["pg.Pool", "pg.native.Pool", "pg-pool"],
        construct: Construct::New,
        what: "a PostgreSQL connection pool",
        instead: "`const pool = new Pool()` at module top level, then `await pool.query(...)` in the handler",
    },
    Client {
        names: &["pg.Client", "pg.native.Client"],
        construct: Construct::New,
        what: "a PostgreSQL connection",
        instead: "one `const pool = new Pool()` at module top level, then `await pool.query(...)` in the handler (or `const client = await pool.connect()` ... `client.release()` for a transaction)",
    },
    Client {
        names: &[
            "mysql.createConnection",
            "mysql2.createConnection",
            "mysql2/promise.createConnection",
        ],
        construct: Construct::Call,
        what: "a MySQL connection",
        instead: "one `const pool = mysql.createPool({ ... })` at module top level, then `pool.query(...)` in the handler",
    },
    Client {
        names: &[
            "mysql.createPool",
            "mysql.createPoolCluster",
            "mysql2.createPool",
            "mysql2.createPoolCluster",
            "mysql2/promise.createPool",
            "mysql2/promise.createPoolCluster",
        ],
        construct: Construct::Call,
        what: "a MySQL connection pool",
        instead: "`const pool = mysql.createPool({ ... })` at module top level, then `pool.query(...)` in the handler",
    },
    Client {
        names: &["mongodb.MongoClient"],
        construct: Construct::New,
        what: "a MongoDB client (with its own connection pool)",
        instead: "`const client = new MongoClient(uri)` at module top level (it pools connections and reconnects), then `client.db(...)` in the handler",
    },
    Client {
        names: &["mongodb.MongoClient.connect"],
        construct: Construct::Call,
        what: "a MongoDB client (with its own connection pool)",
        instead: "`const client = new MongoClient(uri)` at module top level (it pools connections and reconnects), then `client.db(...)` in the handler",
    },
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
    Client {
        names: &["@prisma/client.PrismaClient"],
        construct: Construct::New,
        what: "a Prisma client (with its own connection pool)",
        instead: "one `export const prisma = new PrismaClient()` in a shared module (e.g. `lib/prisma.ts`), imported where it is needed",
    },
    Client {
        names: &["knex", "knex.knex", "knex.default"],
        construct: Construct::Call,
        what: "a Knex instance (with its own connection pool)",
        instead: "`const db = knex({ ... })` at module top level, then `db('table')...` in the handler",
    },
    Client {
        names: &["sequelize", "sequelize.Sequelize", "@sequelize/core.Sequelize"],
        construct: Construct::New,
        what: "a Sequelize instance (with its own connection pool)",
        instead: "`const sequelize = new Sequelize(url)` at module top level, defining the models on it once",
    },
    Client {
        names: &["mongoose.createConnection"],
        construct: Construct::Call,
        what: "a Mongoose connection (with its own connection pool)",
        instead: "`const conn = mongoose.createConnection(uri)` at module top level, then `conn.model(...)` in the handler",
    },
    Client {
        names: &["postgres"],
        construct: Construct::Call,
        what: "a postgres.js connection pool",
        instead: "`const sql = postgres(url)` at module top level, then ``await sql`select ...` `` in the handler",
    },
];

const PY_CLIENTS: &[Client] = &[
    Client {
        names: &[
            "psycopg2.connect",
            "psycopg.connect",
            "psycopg.Connection.connect",
            "psycopg.AsyncConnection.connect",
        ],
        construct: Construct::Call,
        what: "a PostgreSQL connection",
        instead: "one pool at module level (`pool = psycopg_pool.ConnectionPool(DSN)` or `psycopg2.pool.ThreadedConnectionPool(...)`), then `with pool.connection() as conn:` (or `getconn()`/`putconn()`) per request",
    },
    Client {
        names: &[
            "psycopg2.pool.SimpleConnectionPool",
            "psycopg2.pool.ThreadedConnectionPool",
            "psycopg_pool.ConnectionPool",
            "psycopg_pool.AsyncConnectionPool",
        ],
        construct: Construct::Call,
        what: "a PostgreSQL connection pool",
        instead: "`pool = psycopg_pool.ConnectionPool(DSN)` at module level (or at start-up), then `with pool.connection() as conn:` per request",
    },
    Client {
        names: &["asyncpg.connect"],
        construct: Construct::Call,
        what: "a PostgreSQL connection",
        instead: "`app.state.pool = await asyncpg.create_pool(DSN)` once at start-up (the app's lifespan), then `async with pool.acquire() as conn:` per request",
    },
    Client {
        names: &["asyncpg.create_pool", "asyncpg.pool.create_pool"],
        construct: Construct::Call,
        what: "a PostgreSQL connection pool",
        instead: "`app.state.pool = await asyncpg.create_pool(DSN)` once at start-up (the app's lifespan), then `async with pool.acquire() as conn:` per request",
    },
    Client {
        names: &[
            "pymysql.connect",
            "pymysql.Connect",
            "pymysql.connections.Connection",
            "MySQLdb.connect",
            "mysql.connector.connect",
            "aiomysql.connect",
        ],
        construct: Construct::Call,
        what: "a MySQL connection",
        instead: "one pool at module level or start-up (`engine = create_engine(URL)`, `aiomysql.create_pool(...)`, `mysql.connector.pooling.MySQLConnectionPool(...)`), then a connection checked out of it per request",
    },
    Client {
        names: &["aiomysql.create_pool"],
        construct: Construct::Call,
        what: "a MySQL connection pool",
        instead: "`pool = await aiomysql.create_pool(...)` once at start-up, then `async with pool.acquire() as conn:` per request",
    },
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
    Client {
        names: &[
            "sqlalchemy.create_engine",
            "sqlalchemy.engine.create_engine",
            "sqlmodel.create_engine",
        ],
        construct: Construct::Call,
        what: "a SQLAlchemy engine (with its own connection pool)",
        instead: "`engine = create_engine(DATABASE_URL)` at module level, then `with Session(engine) as session:` (or `engine.connect()`) per request",
    },
    Client {
        names: &["sqlalchemy.ext.asyncio.create_async_engine"],
        construct: Construct::Call,
        what: "a SQLAlchemy engine (with its own connection pool)",
        instead: "`engine = create_async_engine(DATABASE_URL)` at module level, then `async with AsyncSession(engine) as session:` per request",
    },
    Client {
        names: &[
            "pymongo.MongoClient",
            "pymongo.mongo_client.MongoClient",
            "pymongo.AsyncMongoClient",
            "motor.motor_asyncio.AsyncIOMotorClient",
            "motor.motor_tornado.MotorClient",
        ],
        construct: Construct::Call,
        what: "a MongoDB client (with its own connection pool and monitoring threads)",
        instead: "`client = MongoClient(MONGO_URL)` at module level (it is thread-safe and pools connections), then `client.app.users.find(...)` per request",
    },
];

/// Methods that close a client.
const CLOSE_METHODS: &[&str] = &[
    "end",
    "close",
    "quit",
    "disconnect",
    "$disconnect",
    "destroy",
    "dispose",
    "aclose",
    "terminate",
];

/// Methods that return an object holding on to the client (a database handle, a cursor, the client
/// itself): returning or storing their result keeps the client alive.
const HANDLE_METHODS: &[&str] = &[
    "db",
    "collection",
    "database",
    "get_database",
    "get_default_database",
    "get_collection",
    "connect",
    "promise",
    "pipeline",
    "multi",
    "duplicate",
    "on",
    "once",
    "extend",
    "$extends",
    "cursor",
    "model",
];

impl Rule for ConnectionPerRequest {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        if semantic.is_script() {
            return;
        }
        let Some(client) = client_of(semantic, node) else {
            return;
        };
        let Some(function) = semantic.function_at(node) else {
            return;
        };
        if semantic.is_startup_code(node)
            || semantic
                .enclosing_functions(node)
                .any(|f| is_cached_factory(semantic, f) || is_constructor(semantic, f))
        {
            return;
        }
        let usage = value_usage(semantic, node, function, 0);
        if usage.singleton {
            return;
        }
        let callee = semantic.callee(node).map_or("", |c| semantic.text(c));
        let shown = if node.kind() == "new_expression" {
            format!("`new {callee}(...)`")
        } else {
            format!("`{callee}(...)`")
        };
        const WHY: &str = "each one pays a TCP + TLS + authentication handshake with the server before its first query, and";
        let diagnostic = if let Some(handler) = semantic.handler_function(node) {
            let mut diagnostic = ctx
                .diagnostic(
                    node,
                    format!(
                        "{shown} opens {} on every request: {WHY} every request in flight holds its own connections against the server's connection limit.",
                        client.what
                    ),
                )
                .with_help(format!(
                    "Create it once and reuse it across requests: {}.",
                    client.instead
                ));
            if let Some((span, message)) = handler_label(semantic, handler) {
                diagnostic = diagnostic.with_label(span, message);
            }
            diagnostic
        } else {
            if usage.escapes_strong
                || (usage.escapes_weak && usage.closed.is_none())
                || is_generator(semantic, function)
                || is_tooling_path(semantic)
            {
                return;
            }
            let f = semantic.function(function);
            let owner = f
                .name
                .map_or_else(|| "this function".to_string(), |n| format!("`{n}`"));
            let mut diagnostic = ctx
                .diagnostic(
                    node,
                    format!(
                        "{shown} opens {} every time {owner} runs and drops it when the call ends: {WHY} concurrent calls each hold their own connections against the server's connection limit.",
                        client.what
                    ),
                )
                .with_help(format!(
                    "Create it once and reuse it across calls: {}.",
                    client.instead
                ))
                .with_label(
                    head_span(semantic, f.node),
                    "runs once per call: the client is neither returned nor stored",
                );
            if let Some(close) = usage.closed {
                diagnostic = diagnostic.with_label(close, "closed again before the call ends");
            }
            diagnostic
        };
        ctx.report(diagnostic);
    }
}

/// The client a `new`/call expression creates, when it is one of the known constructors.
fn client_of(semantic: &Semantic<'_>, node: Node<'_>) -> Option<&'static Client> {
    let name = semantic.callee_name(node)?;
    let (clients, construct) = match semantic.language().family() {
        LanguageFamily::JavaScript => (
            JS_CLIENTS,
            if node.kind() == "new_expression" {
                Construct::New
            } else {
                Construct::Call
            },
        ),
        LanguageFamily::Python => (PY_CLIENTS, Construct::Call),
    };
    let client = clients
        .iter()
        .find(|c| c.construct == construct && name.is_any(c.names))?;
    if semantic.language().family() == LanguageFamily::Python && uses_shared_pool(semantic, node) {
        return None;
    }
    // `create_engine("sqlite://")`: SQLite is a local file or memory, cheap to open (like `sqlite3`).
    let url = semantic
        .argument(node, 0)
        .map(|a| semantic.text(a).trim_start_matches(['"', '\'', '`']));
    if url.is_some_and(|u| u.starts_with("sqlite")) {
        return None;
    }
    Some(client)
}

/// `redis.Redis(connection_pool=shared_pool)`: a thin wrapper around a pool created elsewhere.
fn uses_shared_pool(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    semantic.arguments(call).iter().any(|a| {
        a.kind() == "keyword_argument"
            && a.field("name")
                .is_some_and(|n| semantic.text(n) == "connection_pool")
    })
}

/// How a created client is used in the function that creates it.
#[derive(Default)]
struct Usage {
    /// Remembered for later calls: a lazily-initialised singleton (`pool ??= new Pool()`).
    singleton: bool,
    /// Returned, yielded, exported, or stored outside the function.
    escapes_strong: bool,
    /// Handed to other code (an argument, an object, a closure) that may keep it.
    escapes_weak: bool,
    /// Where the function closes it (`client.end()`, a `with` block).
    closed: Option<Span>,
}

impl Usage {
    fn merge(&mut self, other: Usage) {
        self.singleton |= other.singleton;
        self.escapes_strong |= other.escapes_strong;
        self.escapes_weak |= other.escapes_weak;
        self.closed = self.closed.or(other.closed);
    }
}

/// Skips the wrappers around a value: parentheses, `await`, TypeScript assertions.
fn outer_value(node: Node<'_>) -> Node<'_> {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "parenthesized_expression"
            | "await_expression"
            | "await"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion" => current = parent,
            _ => break,
        }
    }
    current
}

/// What happens to the value of `node` (the creation call, or a handle derived from the client).
fn value_usage<'t>(
    semantic: &Semantic<'t>,
    node: Node<'t>,
    function: FunctionId,
    depth: u32,
) -> Usage {
    let mut usage = Usage::default();
    if depth > 4 {
        usage.escapes_weak = true;
        return usage;
    }
    let mut value = outer_value(node);
    // `cached ?? new Pool()`, `_engine or create_engine(...)`: the fallback of a remembered client.
    while let Some(parent) = value.parent() {
        let is_fallback = match parent.kind() {
            "binary_expression" => {
                let operator = operator_text(semantic, parent);
                matches!(operator, "??" | "||")
            }
            "boolean_operator" => operator_text(semantic, parent) == "or",
            _ => false,
        };
        if !is_fallback {
            break;
        }
        if parent
            .field("left")
            .is_some_and(|left| left.id() != value.id() && is_long_lived(semantic, left, function))
        {
            usage.singleton = true;
            return usage;
        }
        value = outer_value(parent);
    }
    // `cond ? cached : new Pool()`, `x if cond else create_engine()`: the choice is the value.
    while let Some(parent) = value.parent() {
        if matches!(
            parent.kind(),
            "ternary_expression" | "conditional_expression"
        ) {
            value = outer_value(parent);
        } else {
            break;
        }
    }
    let Some(parent) = value.parent() else {
        return usage;
    };
    match parent.kind() {
        "variable_declarator" => match parent.field("name") {
            Some(name) if name.kind() == "identifier" => {
                if let Some(binding) = semantic.resolve_identifier(name) {
                    usage.merge(binding_usage(semantic, binding, function, depth));
                }
            }
            _ => usage.escapes_weak = true,
        },
        "assignment_expression" | "assignment" | "augmented_assignment_expression"
            if parent.field("right").is_some_and(|r| r.id() == value.id()) =>
        {
            let Some(left) = parent.field("left") else {
                return usage;
            };
            let operator = operator_text(semantic, parent);
            if is_long_lived(semantic, left, function) {
                if matches!(operator, "??=" | "||=") || is_guarded(semantic, parent, left, function)
                {
                    usage.singleton = true;
                }
                usage.escapes_strong = true;
            } else if left.kind() == "identifier" && !declared_nonlocal(semantic, left, function) {
                if let Some(binding) = semantic.resolve_identifier(left) {
                    usage.merge(binding_usage(semantic, binding, function, depth));
                }
            } else {
                // Stored on a parameter (`req.db = ...`, `app.state.pool = ...`) or a nonlocal.
                usage.escapes_strong = true;
            }
        }
        // `with psycopg2.connect(dsn) as conn:`: closed (or committed) when the block ends.
        "as_pattern" => {
            usage.closed = Some(Span::from(parent));
            let alias = parent.field("alias").and_then(|a| a.named_child(0));
            if let Some(alias) = alias.filter(|a| a.kind() == "identifier") {
                if let Some(binding) = semantic.resolve_identifier(alias) {
                    usage.merge(binding_usage(semantic, binding, function, depth));
                }
            }
        }
        // `async with asyncpg.create_pool(dsn):`, `with redis.Redis() :` without a name.
        "with_item" => usage.closed = Some(Span::from(parent)),
        // `new Pool().query(...)`: used once, then dropped.
        "member_expression" | "attribute"
            if parent.field("object").is_some_and(|o| o.id() == value.id()) =>
        {
            usage.merge(member_use(semantic, parent, function, depth));
        }
        "expression_statement" => {}
        // `if (!pools.has(k)) pools.set(k, new Pool())`: a keyed cache of long-lived clients.
        "arguments" | "argument_list" => {
            let call = parent.parent();
            let receiver = call
                .and_then(|c| semantic.callee(c))
                .filter(|c| matches!(c.kind(), "member_expression" | "attribute"))
                .filter(|c| {
                    c.field("property")
                        .or_else(|| c.field("attribute"))
                        .is_some_and(|p| matches!(semantic.text(p), "set" | "setdefault"))
                })
                .and_then(|c| c.field("object"));
            if let (Some(call), Some(receiver)) = (call, receiver) {
                if is_long_lived(semantic, receiver, function) {
                    usage.escapes_strong = true;
                    if is_guarded(semantic, call, receiver, function) {
                        usage.singleton = true;
                    }
                    return usage;
                }
            }
            // Python `closing(conn)` closes it; any other callee may keep it.
            let closes = call
                .and_then(|c| semantic.callee_name(c))
                .is_some_and(|n| n.is("contextlib.closing"));
            if closes {
                usage.closed = call.map(Span::from);
            } else {
                usage.escapes_weak = true;
            }
        }
        _ => {
            if escapes_function(semantic, value, function) {
                usage.escapes_strong = true;
            } else {
                usage.escapes_weak = true;
            }
        }
    }
    usage
}

/// The operator token of a binary or assignment node.
fn operator_text<'t>(semantic: &Semantic<'t>, node: Node<'_>) -> &'t str {
    if let Some(operator) = node.field("operator") {
        return semantic.text(operator);
    }
    let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
        return "";
    };
    semantic
        .source()
        .get(left.end_byte()..right.start_byte())
        .unwrap_or("")
        .trim()
}

/// Whether a value position leaves the function: inside a `return`, a `yield`, an arrow function's
/// expression body, or an `export`.
fn escapes_function(semantic: &Semantic<'_>, node: Node<'_>, function: FunctionId) -> bool {
    let function_node = semantic.function(function).node;
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.id() == function_node.id() {
            // The expression body of an arrow function is its return value.
            return matches!(function_node.kind(), "arrow_function" | "lambda")
                && function_node
                    .field("body")
                    .is_some_and(|b| b.id() == current.id() && b.kind() != "statement_block");
        }
        match parent.kind() {
            "return_statement" | "yield_expression" | "yield" | "export_statement" => return true,
            "assignment_expression" | "assignment" => {
                if let Some(left) = parent.field("left") {
                    if left.id() != current.id()
                        && (left.kind() != "identifier"
                            || is_long_lived(semantic, left, function)
                            || declared_nonlocal(semantic, left, function))
                    {
                        return true;
                    }
                }
            }
            _ => {}
        }
        if is_function_node(parent.kind()) {
            return false;
        }
        current = parent;
    }
    false
}

fn is_function_node(kind: &str) -> bool {
    matches!(
        kind,
        "function_declaration"
            | "function_expression"
            | "function"
            | "arrow_function"
            | "method_definition"
            | "generator_function_declaration"
            | "generator_function"
            | "function_definition"
            | "lambda"
    )
}

/// What the uses of a local variable holding the client do with it.
fn binding_usage<'t>(
    semantic: &Semantic<'t>,
    binding: BindingId,
    function: FunctionId,
    depth: u32,
) -> Usage {
    let mut usage = Usage::default();
    let declared = semantic.binding(binding);
    if !matches!(
        declared.kind,
        BindingKind::Variable | BindingKind::Parameter
    ) || semantic.scope(declared.scope).kind == ScopeKind::Module
    {
        usage.escapes_strong = true;
        return usage;
    }
    let name = declared.name;
    let function_node = semantic.function(function).node;
    let mut cursor = function_node.walk();
    let mut stack = vec![function_node];
    while let Some(current) = stack.pop() {
        for child in current.named_children(&mut cursor) {
            stack.push(child);
        }
        if !matches!(
            current.kind(),
            "identifier" | "shorthand_property_identifier"
        ) || semantic.text(current) != name
            || current.id() == declared.declaration.id()
            || semantic.lookup(name, current) != Some(binding)
        {
            continue;
        }
        let Some(parent) = current.parent() else {
            continue;
        };
        // The left side of an assignment, a `global` statement: not a use of the value.
        let is_target = matches!(
            parent.kind(),
            "assignment" | "assignment_expression" | "augmented_assignment_expression"
        ) && parent.field("left").is_some_and(|l| l.id() == current.id());
        // `conn` in `self.conn`, `f(conn=...)`: a name, not this variable.
        let is_name = match parent.kind() {
            "attribute" => parent
                .field("attribute")
                .is_some_and(|a| a.id() == current.id()),
            "keyword_argument" => parent.field("name").is_some_and(|n| n.id() == current.id()),
            "global_statement" | "nonlocal_statement" | "as_pattern_target" => true,
            _ => false,
        };
        if is_target || is_name {
            continue;
        }
        // A use inside a nested function: the closure may outlive the call.
        let value = outer_value(current);
        let Some(use_parent) = value.parent() else {
            continue;
        };
        if let Some(closure) = semantic
            .enclosing_functions(current)
            .find(|&f| semantic.function(f).parent == Some(function))
        {
            // A closure that outlives the call (returned, stored, a method of a returned object) keeps
            // the client; a callback handed to a call (`conn.query(sql, () => conn.end())`) and closing
            // it still ends it per call.
            usage.escapes_weak = true;
            let closure_node = semantic.function(closure).node;
            if escapes_function(semantic, closure_node, function) {
                usage.escapes_strong = true;
                continue;
            }
            let is_callback = closure_node
                .parent()
                .is_some_and(|p| matches!(p.kind(), "arguments" | "argument_list"));
            let is_member = matches!(use_parent.kind(), "member_expression" | "attribute")
                && use_parent
                    .field("object")
                    .is_some_and(|o| o.id() == value.id());
            if is_callback && is_member {
                usage.merge(member_use(semantic, use_parent, function, depth));
            }
            continue;
        }
        match use_parent.kind() {
            "member_expression" | "attribute"
                if use_parent
                    .field("object")
                    .is_some_and(|o| o.id() == value.id()) =>
            {
                usage.merge(member_use(semantic, use_parent, function, depth));
            }
            // `with conn:`, `async with pool:`.
            "with_item" => usage.closed = Some(Span::from(use_parent)),
            "expression_statement" => {}
            _ => usage.merge(value_usage(semantic, current, function, depth + 1)),
        }
    }
    usage
}

/// `client.method...`: closes it, hands out a handle on it, or just uses it.
fn member_use<'t>(
    semantic: &Semantic<'t>,
    member: Node<'t>,
    function: FunctionId,
    depth: u32,
) -> Usage {
    let mut usage = Usage::default();
    let property = member
        .field("property")
        .or_else(|| member.field("attribute"))
        .map_or("", |p| semantic.text(p));
    let call = member
        .parent()
        .filter(|p| {
            matches!(p.kind(), "call_expression" | "call")
                && p.field("function").is_some_and(|f| f.id() == member.id())
        })
        .unwrap_or(member);
    if CLOSE_METHODS.contains(&property) {
        usage.closed = Some(Span::from(call));
    } else if property == "then" && call.id() != member.id() {
        // `MongoClient.connect(url).then(client => ...)`: the callback's parameter is the client, and the
        // chain holds what the callback returns (followed through the parameter's uses). Without a callback
        // to read, the chain is taken as the client itself.
        let parameter = then_callback(semantic, call).and_then(|(callback, parameter)| {
            Some((callback, semantic.resolve_identifier(parameter)?))
        });
        let chain = value_usage(semantic, call, function, depth + 1);
        match parameter {
            Some((callback, binding)) => {
                // A remembered promise (`if (!p) p = connect().then(...)`) is still a singleton.
                usage.singleton |= chain.singleton;
                usage.merge(binding_usage(semantic, binding, callback, depth + 1));
            }
            None => usage.merge(chain),
        }
    } else if HANDLE_METHODS.contains(&property) {
        usage.merge(value_usage(semantic, call, function, depth + 1));
    }
    usage
}

/// The callback of `.then(callback)` and its first parameter, when it is a plain name.
fn then_callback<'t>(semantic: &Semantic<'t>, call: Node<'t>) -> Option<(FunctionId, Node<'t>)> {
    let callback = semantic.argument(call, 0)?;
    if !matches!(
        callback.kind(),
        "arrow_function" | "function_expression" | "function"
    ) {
        return None;
    }
    let function = semantic.function_at(callback)?;
    let parameter = match callback.field("parameter") {
        Some(parameter) => parameter,
        None => {
            let parameters = callback.field("parameters")?;
            let first = parameters.named_child(0)?;
            match first.kind() {
                "identifier" => first,
                "required_parameter" => first.field("pattern")?,
                _ => return None,
            }
        }
    };
    (parameter.kind() == "identifier").then_some((function, parameter))
}

/// Whether an assignment target outlives the call: a module-level (or `global`) variable, a member of
/// `this`/`self`/a module-level object, `globalThis`.
fn is_long_lived(semantic: &Semantic<'_>, target: Node<'_>, function: FunctionId) -> bool {
    let target = crate::helpers::unwrap(target);
    match target.kind() {
        "identifier" => {
            if declared_global(semantic, target, function) {
                return true;
            }
            match semantic.resolve_identifier(target) {
                Some(id) => {
                    let binding = semantic.binding(id);
                    semantic.scope(binding.scope).kind == ScopeKind::Module
                        && !is_request_scoped(semantic, target)
                }
                None => matches!(semantic.text(target), "globalThis" | "global" | "window"),
            }
        }
        "this" => true,
        "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
            let object = target.field("object").or_else(|| target.field("value"));
            match object {
                Some(object) if matches!(semantic.text(object), "self" | "cls") => true,
                Some(object) => is_long_lived(semantic, object, function),
                None => false,
            }
        }
        _ => false,
    }
}

/// `flask.g`, `flask.request`: module-level names whose values live for one request.
fn is_request_scoped(semantic: &Semantic<'_>, identifier: Node<'_>) -> bool {
    semantic.qualified_name(identifier).is_some_and(|n| {
        n.is_any(&[
            "flask.g",
            "flask.request",
            "quart.g",
            "quart.request",
            "flask.session",
        ])
    })
}

/// Python: `global name` in the function.
fn declared_global(semantic: &Semantic<'_>, identifier: Node<'_>, function: FunctionId) -> bool {
    declared_with(semantic, identifier, function, "global_statement")
}

/// Python: `nonlocal name` in the function.
fn declared_nonlocal(semantic: &Semantic<'_>, identifier: Node<'_>, function: FunctionId) -> bool {
    declared_with(semantic, identifier, function, "nonlocal_statement")
}

fn declared_with(
    semantic: &Semantic<'_>,
    identifier: Node<'_>,
    function: FunctionId,
    statement: &str,
) -> bool {
    if semantic.language().family() != LanguageFamily::Python {
        return false;
    }
    let name = semantic.text(identifier);
    let Some(body) = semantic.function(function).node.field("body") else {
        return false;
    };
    let mut cursor = body.walk();
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        if current.kind() == statement {
            let mut names = current.walk();
            let found = current
                .named_children(&mut names)
                .any(|n| semantic.text(n) == name);
            if found {
                return true;
            }
        }
        if current.id() != body.id() && is_function_node(current.kind()) {
            continue;
        }
        stack.extend(current.named_children(&mut cursor));
    }
    false
}

/// Whether the creation runs only when the remembered client is missing: inside an `if`/conditional whose
/// condition mentions the target, or after such an `if` that returns early. A condition on another
/// long-lived name that the function fills (`if (cachedDb) return;` ... `cachedDb = client.db()`) counts.
fn is_guarded(
    semantic: &Semantic<'_>,
    node: Node<'_>,
    target: Node<'_>,
    function: FunctionId,
) -> bool {
    let target = crate::helpers::unwrap(target);
    // `_pools[key]` is remembered in `_pools`.
    let target = match target.kind() {
        "subscript" => target.field("value").unwrap_or(target),
        "subscript_expression" => target.field("object").unwrap_or(target),
        _ => target,
    };
    let function_node = semantic.function(function).node;
    let Some(body) = function_node.field("body") else {
        return false;
    };
    let mut names = vec![semantic.text(target)];
    names.extend(long_lived_assignments(semantic, body, function));
    names.retain(|n| !n.is_empty());
    let mentions = |condition: Option<Node<'_>>| {
        condition.is_some_and(|c| {
            let text = semantic.text(c);
            names.iter().any(|name| mentions_name(text, name))
        })
    };
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.id() == function_node.id() {
            break;
        }
        if matches!(
            parent.kind(),
            "if_statement" | "ternary_expression" | "conditional_expression" | "elif_clause"
        ) && mentions(parent.field("condition"))
        {
            return true;
        }
        current = parent;
    }
    // `if (pool) return pool;` / `if _engine is not None: return _engine` before the creation.
    let mut cursor = body.walk();
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        if current.start_byte() >= node.start_byte() {
            continue;
        }
        if current.kind() == "if_statement"
            && current.end_byte() <= node.start_byte()
            && mentions(current.field("condition"))
            && current
                .field("consequence")
                .is_some_and(|c| contains_kind(c, "return_statement"))
        {
            return true;
        }
        if current.id() != body.id() && is_function_node(current.kind()) {
            continue;
        }
        stack.extend(current.named_children(&mut cursor));
    }
    false
}

/// The long-lived targets a function body assigns (`cachedDb = ...`, `this.client = ...`), as text.
fn long_lived_assignments<'t>(
    semantic: &Semantic<'t>,
    body: Node<'t>,
    function: FunctionId,
) -> Vec<&'t str> {
    let mut found = Vec::new();
    let mut cursor = body.walk();
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        if matches!(
            current.kind(),
            "assignment" | "assignment_expression" | "augmented_assignment_expression"
        ) {
            if let Some(left) = current.field("left") {
                if is_long_lived(semantic, left, function) {
                    found.push(semantic.text(left));
                }
            }
        }
        if current.id() != body.id() && is_function_node(current.kind()) {
            continue;
        }
        stack.extend(current.named_children(&mut cursor));
    }
    found
}

/// Whether `text` mentions `name` as a whole name (not inside a longer identifier).
fn mentions_name(text: &str, name: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

fn contains_kind(node: Node<'_>, kind: &str) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if current.kind() == kind {
            return true;
        }
        stack.extend(current.named_children(&mut cursor));
    }
    false
}

/// A Python function decorated with a cache (`functools.lru_cache`, `functools.cache`,
/// `cached_property`, `async_lru.alru_cache`): it builds its client once.
fn is_cached_factory(semantic: &Semantic<'_>, function: FunctionId) -> bool {
    let node = semantic.function(function).node;
    let Some(decorated) = node.parent().filter(|p| p.kind() == "decorated_definition") else {
        return false;
    };
    let mut cursor = decorated.walk();
    let found = decorated
        .named_children(&mut cursor)
        .filter(|d| d.kind() == "decorator")
        .filter_map(|d| d.named_child(0))
        .any(|expression| {
            let name = if expression.kind() == "call" {
                semantic.callee_name(expression)
            } else {
                semantic.qualified_name(expression)
            };
            name.as_ref().is_some_and(is_cache_decorator)
        });
    found
}

fn is_cache_decorator(name: &QualifiedName) -> bool {
    matches!(
        name.last(),
        "lru_cache" | "cache" | "cached_property" | "alru_cache" | "cached"
    ) && name.parent().is_some()
}

/// Constructors and context-manager entries build long-lived objects: `__init__`, `__enter__`,
/// `__aenter__`, JavaScript `constructor`.
fn is_constructor(semantic: &Semantic<'_>, function: FunctionId) -> bool {
    let f = semantic.function(function);
    f.class.is_some()
        && matches!(
            f.name,
            Some("__init__" | "__enter__" | "__aenter__" | "__post_init__" | "constructor")
        )
}

/// A Python generator or JavaScript generator function: its client lives across the `yield`, for as long
/// as its caller keeps it (a FastAPI lifespan, a context manager).
fn is_generator(semantic: &Semantic<'_>, function: FunctionId) -> bool {
    let node = semantic.function(function).node;
    if matches!(
        node.kind(),
        "generator_function_declaration" | "generator_function"
    ) {
        return true;
    }
    let Some(body) = node.field("body") else {
        return false;
    };
    let mut cursor = body.walk();
    let mut stack = vec![body];
    while let Some(current) = stack.pop() {
        if matches!(current.kind(), "yield" | "yield_expression") {
            return true;
        }
        if is_function_node(current.kind()) {
            continue;
        }
        stack.extend(current.named_children(&mut cursor));
    }
    false
}

/// Tooling that runs once per invocation, not per call: `scripts/`, `bin/`, `migrations/`, `seeds/`,
/// Django `management/commands/`, build and task files (`gulpfile.js`, `fabfile.py`, `manage.py`).
fn is_tooling_path(semantic: &Semantic<'_>) -> bool {
    let path = semantic.path();
    let in_folder = path.components().any(|c| {
        matches!(
            c.as_os_str().to_str(),
            Some(
                "scripts"
                    | "script"
                    | "bin"
                    | "migrations"
                    | "migration"
                    | "seeds"
                    | "seeders"
                    | "management"
            )
        )
    });
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    in_folder
        || matches!(
            stem.as_str(),
            "gulpfile"
                | "gruntfile"
                | "jakefile"
                | "fabfile"
                | "noxfile"
                | "seed"
                | "migrate"
                | "manage"
                | "setup"
        )
        || name.contains(".config.")
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, lines_of};

    const RULE: &str = "connection-per-request";

    #[test]
    fn sqlite_engines_are_cheap_to_open() {
        let source = "from sqlalchemy import create_engine\ndef has_sqlite():\n    create_engine(\"sqlite://\")\n    return True\ndef report(url):\n    engine = create_engine(url)\n    engine.dispose()\n";
        assert_eq!(lines_of(RULE, "probe.py", source), vec![6]);
    }

    #[test]
    fn express_handlers_creating_clients() {
        let source = r#"
const express = require('express');
const { Pool, Client } = require('pg');
const Redis = require('ioredis');
const app = express();
const shared = new Pool();
app.get('/a', async (req, res) => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  res.json((await pool.query('select 1')).rows);
});
app.get('/b', async (req, res) => {
  const client = new Client();
  await client.connect();
  res.json((await client.query('select 1')).rows);
  await client.end();
});
app.get('/c', async (req, res) => {
  const redis = new Redis();
  res.json(await redis.get('k'));
});
app.get('/d', async (req, res) => {
  const conn = await shared.connect();
  try { res.json((await conn.query('select 1')).rows); } finally { conn.release(); }
});
"#;
        assert_eq!(lines_of(RULE, "app.js", source), vec![8, 12, 18]);
    }

    #[test]
    fn lazy_singletons_stay_quiet() {
        let source = r#"
import express from 'express';
import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
const app = express();
let pool;
let mongo;
const pools = new Map();
function getPool() {
  if (!pool) pool = new Pool();
  return pool;
}
app.get('/a', async (req, res) => {
  mongo ??= new MongoClient(process.env.MONGO_URL);
  if (!pools.has(req.params.tenant)) pools.set(req.params.tenant, new Pool({ database: req.params.tenant }));
  res.json(await getPool().query('select 1'));
});
app.get('/b', async (req, res) => {
  if (pool) return res.json(await pool.query('select 1'));
  pool = new Pool();
  res.json(await pool.query('select 1'));
});
"#;
        assert!(lines_of(RULE, "app.mjs", source).is_empty());
    }

    #[test]
    fn non_handler_functions_flag_only_clients_that_do_not_escape() {
        let source = r#"
const { Client, Pool } = require('pg');
const { MongoClient } = require('mongodb');
async function findUser(id) {
  const client = new Client();
  await client.connect();
  try {
    return (await client.query('select * from users where id = $1', [id])).rows[0];
  } finally {
    await client.end();
  }
}
function createPool() {
  return new Pool({ max: 20 });
}
async function connectDb() {
  const client = new MongoClient(process.env.MONGO_URL);
  await client.connect();
  return client.db('app');
}
class Repo {
  init() { this.pool = new Pool(); }
}
function buildApp(app) {
  const pool = new Pool();
  app.locals.query = (sql) => pool.query(sql);
}
module.exports = { findUser, createPool, connectDb, Repo, buildApp };
"#;
        assert_eq!(lines_of(RULE, "db.js", source), vec![5]);
    }

    #[test]
    fn callbacks_that_close_the_client_end_it_per_call() {
        let source = r#"
const mysql = require('mysql');
function lookup(sku, callback) {
  const connection = mysql.createConnection({ host: 'db' });
  connection.query('select 1', [sku], (err, rows) => {
    connection.end();
    callback(err, rows);
  });
}
function wire(app) {
  const pool = mysql.createPool({ host: 'db' });
  app.set('query', (sql, cb) => pool.query(sql, cb));
}
async function bench(host) {
  const client = mysql.createConnection({ host });
  return {
    run() { return client.query('select 1'); },
    teardown() { return client.end(); },
  };
}
module.exports = { lookup, wire, bench };
"#;
        assert_eq!(lines_of(RULE, "legacy.js", source), vec![4]);
    }

    #[test]
    fn promise_chains_follow_the_client() {
        let source = r#"
const { MongoClient } = require('mongodb');
class Adapter {
  connect() {
    if (this.connectionPromise) return this.connectionPromise;
    this.connectionPromise = MongoClient.connect(this.uri).then(client => {
      this.client = client;
      return client.db();
    });
    return this.connectionPromise;
  }
}
function count(uri) {
  return MongoClient.connect(uri).then((client) => {
    const n = client.db().collection('x').countDocuments();
    client.close();
    return n;
  });
}
module.exports = { Adapter, count };
"#;
        assert_eq!(lines_of(RULE, "adapter.js", source), vec![14]);
    }

    #[test]
    fn remembered_connection_promises_in_handlers_stay_quiet() {
        let source = r#"
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
let dbPromise;
function getDb() {
  if (!dbPromise) dbPromise = MongoClient.connect(process.env.MONGO_URL).then((client) => client.db());
  return dbPromise;
}
app.get('/x', async (req, res) => {
  const db = await getDb();
  res.json(await db.collection('x').findOne({}));
});
app.get('/y', async (req, res) => {
  const db = await MongoClient.connect(process.env.MONGO_URL).then((client) => client.db());
  res.json(await db.collection('y').findOne({}));
});
"#;
        assert_eq!(lines_of(RULE, "app.js", source), vec![15]);
    }

    #[test]
    fn guards_on_another_remembered_name() {
        let source = r#"
const { MongoClient } = require('mongodb');
let cachedDb;
let cachedClient;
async function connectToDatabase() {
  if (cachedDb) {
    return cachedDb;
  }
  cachedClient = await MongoClient.connect(process.env.MONGO_URL);
  cachedDb = cachedClient.db('app');
  return cachedDb;
}
exports.handler = async (event) => {
  const db = await connectToDatabase();
  return db.collection('x').findOne({ id: event.id });
};
"#;
        assert!(lines_of(RULE, "lambda.js", source).is_empty());
    }

    #[test]
    fn nest_startup_code_stays_quiet() {
        let source = r#"
import { Controller, Get, Injectable, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { PrismaClient } from '@prisma/client';
@Injectable()
export class Cache implements OnModuleInit {
  private redis: Redis;
  private prisma = new PrismaClient();
  constructor() { this.redis = new Redis(); }
  async onModuleInit() { const r = new Redis(); await r.ping(); await r.quit(); }
}
@Controller('users')
export class UsersController {
  @Get()
  async list() {
    const prisma = new PrismaClient();
    return prisma.user.findMany();
  }
}
"#;
        assert_eq!(lines_of(RULE, "users.controller.ts", source), vec![16]);
    }

    #[test]
    fn python_views_and_dependencies() {
        let source = r#"
import redis
import psycopg2
from fastapi import FastAPI, Depends
from sqlalchemy import create_engine

app = FastAPI()
pool = redis.ConnectionPool.from_url("redis://")
engine = create_engine("postgresql://")

def get_redis():
    return redis.Redis(host="cache")

def get_shared():
    return redis.Redis(connection_pool=pool)

@app.get("/a")
def a(r=Depends(get_redis), s=Depends(get_shared)):
    conn = psycopg2.connect("dbname=app")
    return {"v": r.get("k")}

def report():
    with engine.connect() as conn:
        return conn.execute("select 1").all()
"#;
        assert_eq!(lines_of(RULE, "main.py", source), vec![12, 19]);
    }

    #[test]
    fn python_singletons_and_factories_stay_quiet() {
        let source = r#"
import functools
import asyncpg
from redis import asyncio as aioredis
from sqlalchemy import create_engine
from fastapi import FastAPI, Depends

app = FastAPI()
_engine = None
_pool = None

def get_engine():
    global _engine
    if _engine is None:
        _engine = create_engine("postgresql://")
    return _engine

@functools.lru_cache
def get_cache():
    return aioredis.from_url("redis://")

async def get_pool():
    global _pool
    if _pool is not None:
        return _pool
    _pool = await asyncpg.create_pool("postgresql://")
    return _pool

async def lifespan(app):
    r = aioredis.from_url("redis://")
    yield
    await r.aclose()

@app.get("/x")
async def x(cache=Depends(get_cache), pool=Depends(get_pool)):
    return await cache.get("k")
"#;
        assert!(lines_of(RULE, "main.py", source).is_empty());
    }

    #[test]
    fn python_per_call_helper_and_sqlite_and_tests() {
        let source = r#"
import sqlite3
import pymysql

def fetch_orders(user_id):
    conn = pymysql.connect(host="db", user="app")
    try:
        with conn.cursor() as cur:
            cur.execute("select * from orders where user_id = %s", (user_id,))
            return cur.fetchall()
    finally:
        conn.close()

def local_db(request):
    conn = sqlite3.connect("local.db")
    return conn.execute("select 1").fetchall()

def insert_row(row_id):
    try:
        conn = pymysql.connect(host="db")
        with conn.cursor() as cur:
            cur.execute("insert into t values (%s)", (row_id,))
        return 0
    finally:
        if conn:
            conn.close()
"#;
        assert_eq!(lines_of(RULE, "orders.py", source), vec![6, 20]);
        assert!(lines_of(RULE, "tests/test_orders.py", source).is_empty());
        assert!(lines_of(RULE, "myapp/management/commands/sync.py", source).is_empty());
    }

    #[test]
    fn flask_g_is_request_scoped() {
        let source = r#"
import psycopg2
from flask import Flask, g

app = Flask(__name__)

def get_db():
    if "db" not in g:
        g.db = psycopg2.connect("dbname=app")
    return g.db

@app.route("/users")
def users():
    cur = get_db().cursor()
    cur.execute("select * from users")
    return {"users": cur.fetchall()}
"#;
        assert_eq!(lines_of(RULE, "app.py", source), vec![9]);
    }

    #[test]
    fn sync_driver_in_async_def_is_both_rules() {
        let source = r#"
import psycopg2
from fastapi import FastAPI
app = FastAPI()

@app.get("/n")
async def n():
    conn = psycopg2.connect("dbname=app")
    return 1
"#;
        let found = findings("main.py", source);
        assert!(
            found.contains(&"connection-per-request@8".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"sync-io-in-handler@8".to_string()),
            "{found:?}"
        );
    }
}
