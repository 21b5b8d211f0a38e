//! SQLAlchemy (and SQLModel, Flask-SQLAlchemy): sessions, `Query` and statements, `relationship()` declarations, loader options, engines.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// Engines (`create_engine`, `create_async_engine`, SQLModel's `create_engine`): each holds a pool.
pub const PYTHON_CLIENTS: &[Client] = &[
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
];
