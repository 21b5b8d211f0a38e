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

/// `Query` and `Select` methods that take criteria (`filter(Order.customer_id == 7)`, `filter_by(...)`).
pub const CRITERIA: &[&str] = &["filter", "filter_by", "where"];

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

use super::declarations::{Boundary, Loading};

/// The package; a qualified name that contains it is SQLAlchemy's (`sqlalchemy.orm.DeclarativeBase`).
pub const PACKAGE: &str = "sqlalchemy";
/// The class attribute naming a model's table.
pub const TABLE_NAME_ATTRIBUTE: &str = "__tablename__";
/// Class attributes that map a class to a table (assigned, not only annotated).
pub const TABLE_ATTRIBUTES: &[&str] = &[TABLE_NAME_ATTRIBUTE, "__table__"];
/// The class attribute holding table options and constraints.
pub const TABLE_ARGS_ATTRIBUTE: &str = "__table_args__";
/// The class attribute that makes a mapped class abstract (`__abstract__ = True`).
pub const ABSTRACT_ATTRIBUTE: &str = "__abstract__";
/// How the qualified name of a declarative base made by a call ends (`Base = declarative_base()`).
pub const BASE_FACTORIES: &[&str] = &["declarative_base()", "generate_base()"];
/// Classes whose subclasses are declarative bases (`class Base(DeclarativeBase)`).
pub const DECLARATIVE_BASE_CLASSES: &[&str] = &["DeclarativeBase", "DeclarativeBaseNoMeta"];
/// The class decorator that makes a declarative base (`@as_declarative()`).
pub const BASE_DECORATOR: &str = "as_declarative";
/// The class decorator that maps a class (`@registry.mapped`, or `@mapped` imported).
pub const MAPPED_DECORATOR: &str = ".mapped";
/// The method decorator of attributes declared per class (mixins: `@declared_attr def user(cls)`).
pub const DECLARED_ATTR: &str = "declared_attr";
/// Flask-SQLAlchemy: its package, whose `Model` is a declarative base.
pub const FLASK_PACKAGE: &str = "flask_sqlalchemy";
/// Flask-SQLAlchemy's declarative base in [`FLASK_PACKAGE`].
pub const FLASK_MODEL_BASE: &str = "Model";
/// Flask-SQLAlchemy's declarative base as applications spell it (`db` imported from the application).
pub const FLASK_DB_MODEL: &str = "db.Model";

/// Whether a base's text is Flask-SQLAlchemy's `db.Model` (`db.Model`, `app.db.Model`).
pub fn is_flask_db_model(text: &str) -> bool {
    text.strip_suffix(FLASK_DB_MODEL)
        .is_some_and(|owner| owner.is_empty() || owner.ends_with('.'))
}

/// What a call in a mapped class body declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappedAttribute {
    /// `Column(...)`, `mapped_column(...)`.
    Column,
    /// `column_property`, `deferred`, `synonym`, `composite`, `query_expression`: a mapped attribute.
    Property,
    /// `relationship(...)` (or its old name `relation`).
    Relationship,
}

/// The calls that declare mapped attributes, by the name they were declared with.
pub const MAPPED_CALLS: &[(&str, MappedAttribute)] = &[
    ("Column", MappedAttribute::Column),
    ("mapped_column", MappedAttribute::Column),
    ("relationship", MappedAttribute::Relationship),
    ("relation", MappedAttribute::Relationship),
    ("column_property", MappedAttribute::Property),
    ("deferred", MappedAttribute::Property),
    ("synonym", MappedAttribute::Property),
    ("composite", MappedAttribute::Property),
    ("query_expression", MappedAttribute::Property),
];

/// What a call named `name` declares in a mapped class body.
pub fn mapped_call(name: &str) -> Option<MappedAttribute> {
    MAPPED_CALLS
        .iter()
        .find(|(call, _)| *call == name)
        .map(|&(_, attribute)| attribute)
}

/// A column's foreign key (`Column(ForeignKey("users.id"))`).
pub const FOREIGN_KEY: &str = "ForeignKey";
/// The keyword argument of `ForeignKey` naming the column it points at.
pub const FOREIGN_KEY_COLUMN_KEYWORD: &str = "column";
/// The column collection of a table (`users.c.id`): the table is before it.
pub const TABLE_COLUMNS: &str = "c";
/// How the foreign-key column of a many-to-one relationship is usually named: `customer_id` for the
/// relationship `customer` or the class `Customer`.
pub const KEY_COLUMN_SUFFIX: &str = "_id";
/// A foreign key of `__table_args__` (`ForeignKeyConstraint(["user_id"], ["users.id"])`).
pub const FOREIGN_KEY_CONSTRAINT: &str = "ForeignKeyConstraint";

/// The keyword argument of `relationship()` naming its target (`argument="User"`).
pub const TARGET_KEYWORD: &str = "argument";
/// The keyword argument of `relationship()` naming a join table: many-to-many.
pub const SECONDARY_KEYWORD: &str = "secondary";
/// The keyword argument of `relationship()` and `backref()` choosing a collection or a scalar.
pub const USELIST_KEYWORD: &str = "uselist";
/// The keyword argument of `relationship()` choosing its loading strategy.
pub const LAZY_KEYWORD: &str = "lazy";
/// The keyword argument of `relationship()` that creates the other side (`backref="orders"` or
/// `backref=backref("orders", uselist=False)`).
pub const BACKREF_KEYWORD: &str = "backref";
/// The keyword argument of `relationship()` naming its foreign-key columns.
pub const FOREIGN_KEYS_KEYWORD: &str = "foreign_keys";
/// The keyword argument that makes a self-referential relationship many-to-one.
pub const REMOTE_SIDE_KEYWORD: &str = "remote_side";

/// The strategy `lazy=True` selects.
pub const LAZY_TRUE: &str = "select";
/// What to use instead of a synchronous `Session` in `async def` code, for messages.
pub const ASYNC_SESSION_INSTEAD: &str = "an `AsyncSession` (`sqlalchemy.ext.asyncio`, `await session.execute(...)`), or a plain `def` endpoint, which FastAPI and Starlette run in a thread pool";

/// The strategy `lazy=False` selects.
pub const LAZY_FALSE: &str = "joined";
/// The `lazy=` strategies that do not load with one query per access (any other does: `"select"`).
pub const LAZY_STRATEGIES: &[(&str, Loading)] = &[
    ("joined", Loading::Eager),
    ("selectin", Loading::Eager),
    ("subquery", Loading::Eager),
    ("immediate", Loading::Eager),
    ("dynamic", Loading::Dynamic),
    ("raise", Loading::Never),
    ("raise_on_sql", Loading::Never),
    ("noload", Loading::Never),
    ("write_only", Loading::Never),
];

/// The loading of a relationship whose `lazy=` strategy is `strategy`.
pub fn lazy_loading(strategy: &str) -> Loading {
    LAZY_STRATEGIES
        .iter()
        .find(|(name, _)| *name == strategy)
        .map_or(Loading::Lazy, |&(_, loading)| loading)
}

/// The annotations of SQLAlchemy 2.0 attributes (`Mapped[...]`), and the loading those other than
/// `Mapped` impose on a relationship.
pub const MAPPED_ANNOTATIONS: &[(&str, Option<Loading>)] = &[
    ("Mapped", None),
    ("WriteOnlyMapped", Some(Loading::Never)),
    ("DynamicMapped", Some(Loading::Dynamic)),
];
/// SQLAlchemy's collection types in annotations (lower case), besides Python's.
pub const COLLECTION_ANNOTATIONS: &[&str] = &["appender_query", "query"];
/// SQLAlchemy's keyed collection types in annotations (lower case), besides Python's mappings.
pub const MAPPING_ANNOTATIONS: &[&str] = &["attribute_keyed_dict"];

/// Words of the model check (`models/python.rs`) that SQLAlchemy declarations contain, besides the
/// table attributes and the calls of columns and relationships: `@reg.mapped`, `Mapped[...]`
/// annotations, declarative bases (`DeclarativeBase`, `declarative_base()`, `@as_declarative`,
/// `generate_base()`).
const MODEL_NEEDLES: &[(&str, Boundary)] = &[
    ("mapped", Boundary::Word),
    ("Mapped", Boundary::End),
    ("DeclarativeBase", Boundary::Anywhere),
    ("declarative_base", Boundary::Anywhere),
    ("as_declarative", Boundary::Anywhere),
    ("generate_base", Boundary::Anywhere),
];

/// The words of the model check for SQLAlchemy: the needles above, the [`TABLE_ATTRIBUTES`] and the
/// [`MAPPED_CALLS`] of columns and relationships.
pub fn model_needles() -> impl Iterator<Item = (&'static str, Boundary)> {
    let table = TABLE_ATTRIBUTES
        .iter()
        .map(|&attribute| (attribute, Boundary::Anywhere));
    let calls = MAPPED_CALLS
        .iter()
        .filter(|(_, attribute)| *attribute != MappedAttribute::Property)
        .map(|&(call, _)| (call, Boundary::Word));
    MODEL_NEEDLES.iter().copied().chain(table).chain(calls)
}

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

/// `Session.begin()`/`begin_nested()`: a block that runs in one transaction (or savepoint).
pub const TRANSACTION_BLOCKS: &[&str] = &["begin", "begin_nested"];

/// Locking reads: `with_for_update()` holds the rows until the transaction ends.
pub const LOCKING_READS: &[&str] = &["with_for_update"];
