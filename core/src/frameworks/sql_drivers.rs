//! SQL database drivers, JavaScript and Python: pg, mysql/mysql2, postgres.js, sqlite; DB-API (psycopg2, psycopg, pymysql, MySQLdb, sqlite3), asyncpg, databases. Connections, pools and query methods.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

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

/// How SQLite URLs start (`sqlite://`, `sqlite+aiosqlite:///app.db`): a local file or memory, cheap to
/// open, unlike a server's connection.
pub const SQLITE_URL_PREFIX: &str = "sqlite";

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
