//! SQL database drivers, JavaScript and Python: pg, mysql/mysql2, postgres.js, sqlite; DB-API (psycopg2, psycopg, pymysql, MySQLdb, sqlite3), asyncpg, databases. Connections, pools and query methods.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::Batched;

/// DB-API cursor and connection methods that run SQL.
pub const DB_API_EXECUTE: &[&str] = &["execute", "executemany", "callproc", "executescript"];

/// asyncpg connection and pool methods that run SQL.
pub const ASYNCPG_EXECUTE: &[&str] = &["fetch", "fetchrow", "fetchval", "execute", "executemany"];

/// asyncpg's methods no DB-API driver has: with SQL text, they say asyncpg.
pub const ASYNCPG_FETCH: &[&str] = &["fetch", "fetchrow", "fetchval"];

/// `databases` (encode) methods that run SQL.
pub const DATABASES_EXECUTE: &[&str] = &["fetch_one", "fetch_all", "fetch_val", "execute_many"];

/// Whether a method of a Python connection, cursor or pool runs SQL (DB-API, asyncpg, `databases`).
pub fn is_python_execute(method: &str) -> bool {
    DB_API_EXECUTE.contains(&method)
        || ASYNCPG_EXECUTE.contains(&method)
        || DATABASES_EXECUTE.contains(&method)
}

/// Python modules whose connections and cursors run SQL (the DB-API drivers and `databases`), a
/// longer name before the shorter one it starts with.
pub const PY_MODULES: &[&str] = &[
    "psycopg2",
    "psycopg",
    "psycopg_pool",
    "pymysql",
    "sqlite3",
    "MySQLdb",
    "mysql.connector",
    "pyodbc",
    "cx_Oracle",
    "oracledb",
    "aiosqlite",
    "aiomysql",
    "aiopg",
    DATABASES_MODULE,
];

/// The `databases` (encode) module.
pub const DATABASES_MODULE: &str = "databases";

/// asyncpg's module.
pub const ASYNCPG_MODULE: &str = "asyncpg";

/// Methods of a JavaScript pool, client or connection that run SQL (pg, mysql2, pg-promise's
/// `one`/`many`/`any`..., slonik's `maybeOne`).
pub const JS_METHODS: &[&str] = &[
    "query",
    "execute",
    "one",
    "oneOrNone",
    "many",
    "manyOrNone",
    "any",
    "none",
    "result",
    "multi",
    "maybeOne",
];

/// JavaScript modules whose pools, clients and connections run SQL.
pub const JS_MODULES: &[&str] = &[
    "pg",
    "pg-pool",
    "pg-promise",
    "mysql",
    "mysql2",
    "mysql2/promise",
    "mssql",
    "oracledb",
    "sqlite3",
    "better-sqlite3",
    "sqlite",
    "@neondatabase/serverless",
    "@planetscale/database",
    "@vercel/postgres",
    "postgres",
    "slonik",
];

/// The keys of a query config object that hold its SQL text (pg's `{ text: 'select ...', values }`,
/// mysql2's `{ sql: 'select ...' }`).
pub const QUERY_CONFIG_SQL_KEYS: &[&str] = &["text", "sql"];

/// sqlite's and better-sqlite3's prepared statements: `db.prepare('select ...')`.
pub const PREPARE: &str = "prepare";

/// Methods of a prepared statement that run it (`db.prepare(sql).get(id)`).
pub const PREPARED_RUNS: &[&str] = &["get", "all", "run", "each", "iterate"];

/// Tag functions made by a call (postgres.js `postgres()`, Neon's `neon()`), as qualified-name
/// prefixes: ``sql`select ...` `` runs the query.
pub const SQL_TAG_FACTORIES: &[&str] = &["postgres()", "@neondatabase/serverless.neon()"];

/// Tag functions exported as they are: `@vercel/postgres`'s `sql`.
pub const SQL_TAGS: &[&str] = &["@vercel/postgres.sql"];

/// The name a SQL tag function conventionally has (``sql`select ...` ``), where its value cannot be
/// resolved.
pub const CONVENTIONAL_SQL_TAG: &str = "sql";

/// How to batch the DB-API queries a loop runs per item.
pub const DB_API_BATCHED: Batched = Batched {
    read: "Run one query for all items before the loop (`WHERE id = ANY(%s)` with a list on PostgreSQL, `WHERE id IN (...)` elsewhere) and group the rows in Python.",
    write: "Send the rows in one round trip: `cursor.executemany(...)`, `psycopg2.extras.execute_values(...)` or a multi-row `INSERT ... VALUES`.",
    unnamed: "Model",
};

/// How to batch the asyncpg queries a loop runs per item.
pub const ASYNCPG_BATCHED: Batched = Batched {
    read: "Run one query for all items before the loop: `await conn.fetch('... WHERE id = ANY($1::bigint[])', ids)`.",
    write: "Send the rows in one round trip: `await conn.executemany(...)` or `copy_records_to_table(...)`.",
    unnamed: "Model",
};

/// How to batch the SQL a loop runs per item through a JavaScript driver.
pub const SQL_BATCHED: Batched = Batched {
    read: "Run one query for all items before the loop: `WHERE id = ANY($1)` with an array (PostgreSQL) or `WHERE id IN (?)` (MySQL), then a `Map` by id.",
    write: "Send the rows in one statement: a multi-row `INSERT ... VALUES (...), (...)` or `INSERT ... SELECT * FROM UNNEST($1::int[], ...)`.",
    unnamed: "Model",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// The SQL clients of JavaScript: pg (and pg-pool), mysql/mysql2, postgres.js.
pub const JS_CLIENTS: &[Client] = &[
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
        names: &["postgres"],
        construct: Construct::Call,
        what: "a postgres.js connection pool",
        instead: "`const sql = postgres(url)` at module top level, then ``await sql`select ...` `` in the handler",
    },
];

/// The SQL clients of Python: DB-API drivers (psycopg2, psycopg, pymysql, MySQLdb, mysql-connector),
/// their pools, asyncpg, aiomysql. `sqlite3` is left out: a local file or memory, cheap to open.
pub const PYTHON_CLIENTS: &[Client] = &[
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
];

/// How the URLs of SQLAlchemy dialects that run in the process start: SQLite (`sqlite://`,
/// `sqlite+aiosqlite:///app.db`, a local file or memory), DuckDB (`duckdb:///:memory:`) and the
/// shillelagh adapters (`gsheets://`, `shillelagh://`, which query an API per statement, not a server
/// the engine keeps connections to). Opening an engine on one costs no handshake.
pub const IN_PROCESS_URL_PREFIXES: &[&str] = &["sqlite", "duckdb", "gsheets", "shillelagh"];

/// The `connect` functions of synchronous DB-API drivers: the connection they return, and every call on
/// it and on its cursors, waits for the database.
pub const SYNC_CONNECTS: &[&str] = &[
    "psycopg2.connect",
    "psycopg.connect",
    "psycopg.Connection.connect",
    "pymysql.connect",
    "sqlite3.connect",
    "MySQLdb.connect",
    "mysql.connector.connect",
    "pyodbc.connect",
    "cx_Oracle.connect",
    "oracledb.connect",
];

/// What to use instead of a synchronous driver on the event loop.
pub const ASYNC_INSTEAD: &str = "an async driver (`asyncpg`, `psycopg` async, `aiomysql`, `aiosqlite`) or `await asyncio.to_thread(...)`";

/// Driver modules whose database runs inside the process (SQLite): a query is a function call into
/// the library, microseconds, with no round trip to a server.
pub const IN_PROCESS_MODULES: &[&str] = &["better-sqlite3", "sqlite3", "sqlite", "aiosqlite"];
