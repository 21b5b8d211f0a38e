//! SQLAlchemy (and SQLModel, Flask-SQLAlchemy): sessions, `Query` and statements, `relationship()` declarations, loader options, engines.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::Batched;

/// The modules whose functions build SQLAlchemy statements, entities and sessions: SQLAlchemy, and
/// SQLModel on top of it.
pub const MODULES: &[&str] = &["sqlalchemy", "sqlmodel"];

/// `session.query(User)`: the legacy `Query` API.
pub const SESSION_QUERY: &str = "query";

/// What a variable's name conventionally contains when it holds a session (`session`,
/// `db_session`, `async_session`), where the value cannot be resolved.
pub const CONVENTIONAL_SESSION_NAME: &str = "session";

/// Parts of a SQLAlchemy value's qualified name that make it a session or an engine
/// (`sessionmaker(...)()`, `Session()`, `create_engine(...)`).
pub const SESSION_NAME_PARTS: &[&str] = &["ession", "engine"];

/// Ends of a SQLAlchemy value's qualified name that make it a connection (`engine.connect()`,
/// `engine.begin()`, a parameter annotated `Connection`).
pub const CONNECTION_NAME_ENDS: &[&str] =
    &["connect()", "begin()", "Connection", "AsyncConnection"];

/// `Query` methods that return another query.
pub const QUERY_CHAIN: &[&str] = &[
    "filter",
    "filter_by",
    "order_by",
    "join",
    "outerjoin",
    "options",
    "limit",
    "offset",
    "distinct",
    "group_by",
    "having",
    "with_entities",
    "select_from",
    "where",
    "execution_options",
    "populate_existing",
    "with_for_update",
    "correlate",
    "add_columns",
    "add_entity",
    "enable_eagerloads",
    "yield_per",
];

/// `Query` methods that run it (Flask-SQLAlchemy adds [`super::flask::QUERY_TERMINALS`]).
pub const QUERY_TERMINALS: &[&str] = &[
    "all",
    "first",
    "one",
    "one_or_none",
    "scalar",
    "count",
    "get",
    "delete",
    "update",
];

/// `Query` terminals that write rows (`query.filter(...).delete()`).
pub const QUERY_WRITES: &[&str] = &["delete", "update"];

/// Methods of a session or connection that run a statement (Flask-SQLAlchemy's `db` adds
/// [`super::flask::SESSION_EXECUTE`]); `exec` is SQLModel's.
pub const SESSION_EXECUTE: &[&str] = &[
    "execute",
    "exec_driver_sql",
    "scalars",
    "scalar",
    "get",
    "exec",
    "stream",
    "stream_scalars",
    "get_one",
];

/// Session methods that fetch a row by primary key: `session.get(User, 1)`.
pub const SESSION_GETTERS: &[&str] = &["get", "get_one"];

/// The connection method that runs SQL text as the driver reads it.
pub const DRIVER_SQL: &str = "exec_driver_sql";

/// Functions that build a statement (`select(User)...`, `text("...")`).
pub const STATEMENT_BUILDERS: &[&str] = &[
    "select",
    "insert",
    "update",
    "delete",
    "text",
    "union",
    "union_all",
    "exists",
];

/// Statement builders whose statement writes rows.
pub const WRITE_STATEMENTS: &[&str] = &["insert", "update", "delete"];

/// The statement builder that selects rows (`select(User)`): the one whose rows are model instances.
pub const SELECT: &str = "select";

/// The statement builder of SQL text (`text("select ...")`).
pub const TEXT: &str = "text";

/// Session methods that return the first column of each row (the entities of a `select(User)`).
pub const SCALARS: &str = "scalars";

/// The session method that runs a statement (`session.execute(select(User))`).
pub const EXECUTE: &str = "execute";

/// Methods after which a query or a result still yields the rows of its entity: what a loop over
/// `session.query(User).<...>` or `session.scalars(select(User)).<...>` iterates.
pub const ROWS_QUERY_METHODS: &[&str] = &[
    "all",
    "filter",
    "filter_by",
    "where",
    "order_by",
    "options",
    "join",
    "outerjoin",
    "limit",
    "offset",
    "distinct",
    "yield_per",
    "execution_options",
    "scalars",
    "unique",
    "group_by",
    "having",
    "select_from",
    "params",
];

/// The method of a query or statement that takes loader options (`.options(joinedload(...))`).
pub const OPTIONS: &str = "options";

/// Loader options that load a relation eagerly.
pub const EAGER_LOADERS: &[&str] = &[
    "joinedload",
    "selectinload",
    "subqueryload",
    "immediateload",
    "contains_eager",
];

/// The loader option that only names a path for the options chained on it
/// (`defaultload(User.orders).selectinload(Order.items)`).
pub const PATH_LOADER: &str = "defaultload";

/// The eager load of a to-one relation: one JOIN.
pub const TO_ONE_LOADER: &str = "joinedload";

/// The eager load of a collection: one more `SELECT ... IN`.
pub const TO_MANY_LOADER: &str = "selectinload";

/// The module that exports the loader options.
pub const LOADERS_MODULE: &str = "sqlalchemy.orm";

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Load the rows with one statement before the loop, `session.scalars(select({model}).where({model}.id.in_(ids))).all()`, and index them by id.",
    write: "Batch the writes: `session.execute(insert({model}), rows)` or `session.execute(update({model}), rows)` with a list of parameter dicts.",
    unnamed: "Model",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
