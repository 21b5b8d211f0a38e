//! The concepts of query APIs, and lookups over every ORM and driver module's query data: which calls run
//! a query, which keep a query lazy, and how each spells an eager load.
//!
//! Each ORM or driver module holds its own spellings in its queries section (Django's queryset methods
//! in [`django`], SQLAlchemy's in [`sqlalchemy`], ...); this module holds the types they share and the
//! lookups that combine several modules. The query matcher (`models::queries`), the rows tracer
//! (`models::rows`) and the N+1 rules read them.

use super::{bookshelf, django, flask, knex, mongodb, mongoose, prisma, sequelize, sql_drivers};
use super::{sqlalchemy, typeorm};

/// The API a query goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryApi {
    /// Django managers and querysets (`Order.objects.get(...)`).
    Django,
    /// SQLAlchemy sessions, connections and Flask-SQLAlchemy `Model.query`.
    SqlAlchemy,
    /// A DB-API cursor or connection (`psycopg2`, `pymysql`, `sqlite3`, Django's `connection.cursor()`).
    DbApi,
    /// asyncpg connections and pools (`fetch`, `fetchrow`, `fetchval`, `execute`).
    Asyncpg,
    /// MongoDB drivers: pymongo, motor, the Node.js `mongodb` driver.
    Mongo,
    /// Prisma Client (`prisma.user.findUnique(...)`).
    Prisma,
    /// Sequelize model statics (`User.findByPk(...)`).
    Sequelize,
    /// TypeORM repositories, entity managers, query builders and `BaseEntity` statics.
    TypeOrm,
    /// Mongoose model statics (`User.findById(...)`).
    Mongoose,
    /// Knex query builders (`db('users').where(...)`).
    Knex,
    /// Bookshelf model statics and `fetch` (`models.Post.findOne(...)`).
    Bookshelf,
    /// A SQL driver call with SQL text (`pool.query('select ...')`, `conn.execute(...)`, postgres.js
    /// ``sql`...` ``).
    Sql,
}

impl QueryApi {
    /// The API's name, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryApi::Django => "Django",
            QueryApi::SqlAlchemy => "SQLAlchemy",
            QueryApi::DbApi => "DB-API",
            QueryApi::Asyncpg => "asyncpg",
            QueryApi::Mongo => "MongoDB",
            QueryApi::Prisma => "Prisma",
            QueryApi::Sequelize => "Sequelize",
            QueryApi::TypeOrm => "TypeORM",
            QueryApi::Mongoose => "Mongoose",
            QueryApi::Knex => "Knex",
            QueryApi::Bookshelf => "Bookshelf",
            QueryApi::Sql => "SQL",
        }
    }

    /// Whether the API maps rows to model objects (whose relations another rule follows).
    pub fn is_orm(self) -> bool {
        matches!(
            self,
            QueryApi::Django
                | QueryApi::SqlAlchemy
                | QueryApi::Sequelize
                | QueryApi::TypeOrm
                | QueryApi::Mongoose
                | QueryApi::Bookshelf
        )
    }

    /// How to batch the queries a loop runs per item through this API.
    pub fn batched(self) -> &'static Batched {
        match self {
            QueryApi::Django => &django::BATCHED,
            QueryApi::SqlAlchemy => &sqlalchemy::BATCHED,
            QueryApi::DbApi => &sql_drivers::DB_API_BATCHED,
            QueryApi::Asyncpg => &sql_drivers::ASYNCPG_BATCHED,
            QueryApi::Mongo => &mongodb::BATCHED,
            QueryApi::Prisma => &prisma::BATCHED,
            QueryApi::Sequelize => &sequelize::BATCHED,
            QueryApi::TypeOrm => &typeorm::BATCHED,
            QueryApi::Mongoose => &mongoose::BATCHED,
            QueryApi::Knex => &knex::BATCHED,
            QueryApi::Bookshelf => &bookshelf::BATCHED,
            QueryApi::Sql => &sql_drivers::SQL_BATCHED,
        }
    }
}

/// Whether a query reads rows or writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// `get`, `findMany`, `select ...`.
    Read,
    /// `create`, `update`, `save`, `insert ...`.
    Write,
}

/// Methods that run a callback inside one transaction on one connection, handing it the transaction
/// (`knex.transaction(async (trx) => ...)`, TypeORM's `dataSource.transaction(async (manager) => ...)`,
/// Sequelize's `sequelize.transaction(async (t) => ...)`, Prisma's `prisma.$transaction(async (tx) =>
/// ...)`): the queries made through it run one after another, however many are started together.
pub const TRANSACTION_METHODS: &[&str] = &["transaction", "$transaction"];

/// Calls that make a dedicated connection whose queries run one after another (TypeORM's
/// `dataSource.createQueryRunner()`).
pub const SINGLE_CONNECTION_FACTORIES: &[&str] = &["createQueryRunner"];

/// How to batch the queries a loop runs once per item, in an API's own spelling: what the help of a
/// query-in-a-loop finding says.
#[derive(Clone, Copy, Debug)]
pub struct Batched {
    /// For reads; `{model}` stands for the model, delegate or table.
    pub read: &'static str,
    /// For writes; `{model}` as in `read`.
    pub write: &'static str,
    /// What `{model}` says when the model is not known.
    pub unnamed: &'static str,
}

impl Batched {
    /// The advice for a read or a write of `model`.
    pub fn help(&self, access: Access, model: Option<&str>) -> String {
        let text = match access {
            Access::Read => self.read,
            Access::Write => self.write,
        };
        text.replace("{model}", model.unwrap_or(self.unnamed))
    }
}

/// How a JavaScript ORM takes eager loads: a key of the options object of its list queries
/// (`Order.findAll({ include: [...] })`, `repo.find({ relations: [...] })`).
#[derive(Clone, Copy, Debug)]
pub struct EagerOptions {
    /// The options key (`include`, `relations`, `withRelated`).
    pub key: &'static str,
    /// The list queries whose options take it (`findAll`, `findAndCountAll`).
    pub methods: &'static [&'static str],
}

/// The JavaScript list queries whose options may hold eager loads, of every ORM: what produces rows
/// whose relations a loop may load one by one.
pub fn js_list_queries() -> impl Iterator<Item = &'static str> {
    sequelize::EAGER_OPTIONS
        .methods
        .iter()
        .chain(typeorm::EAGER_OPTIONS.methods)
        .chain(typeorm::QUERY_BUILDER_ROWS)
        .chain(bookshelf::EAGER_OPTIONS.methods)
        .copied()
}

/// Whether a method of a SQLAlchemy `Query` runs it (SQLAlchemy's own, and Flask-SQLAlchemy's).
pub fn is_sqlalchemy_query_terminal(method: &str) -> bool {
    sqlalchemy::QUERY_TERMINALS.contains(&method) || flask::QUERY_TERMINALS.contains(&method)
}

/// Whether a method of a SQLAlchemy session or connection (or of Flask-SQLAlchemy's `db`) runs a
/// statement.
pub fn is_sqlalchemy_execute(method: &str) -> bool {
    sqlalchemy::SESSION_EXECUTE.contains(&method) || flask::SESSION_EXECUTE.contains(&method)
}

/// Whether a session method fetches a row by primary key (`session.get(User, 1)`,
/// Flask-SQLAlchemy's `db.get_or_404(User, 1)`).
pub fn is_sqlalchemy_getter(method: &str) -> bool {
    sqlalchemy::SESSION_GETTERS.contains(&method) || flask::SESSION_GETTERS.contains(&method)
}

/// Whether a qualified name starts in a module that makes SQLAlchemy sessions, connections and
/// engines (SQLAlchemy, SQLModel, Flask-SQLAlchemy), by `starts_with`.
pub fn sqlalchemy_session_modules() -> impl Iterator<Item = &'static str> {
    sqlalchemy::MODULES
        .iter()
        .copied()
        .chain([flask::SQLALCHEMY_MODULE])
}

/// The Python modules whose connections and cursors run SQL, in the order they are tried (a longer
/// name before the shorter one it starts with): the DB-API drivers, `databases`, Django's
/// connections, asyncpg.
pub fn python_sql_modules() -> impl Iterator<Item = &'static str> {
    sql_drivers::PY_MODULES
        .iter()
        .chain(django::DB_API_CONNECTIONS)
        .copied()
        .chain([sql_drivers::ASYNCPG_MODULE])
}

/// The JavaScript modules whose pools, clients and connections run SQL: the drivers, and the ORMs
/// whose instances run raw SQL (`sequelize.query('select ...')`, `dataSource.query(...)`).
pub fn js_sql_modules() -> impl Iterator<Item = &'static str> {
    sql_drivers::JS_MODULES
        .iter()
        .copied()
        .chain([sequelize::RAW_SQL_MODULE, typeorm::RAW_SQL_MODULE])
}

/// Functions that wrap SQL text in a query object: `text("select ...")` and friends.
pub const SQL_TEXT_WRAPPERS: &[&str] = &[
    "text", // SQLAlchemy: `text("select ...")`.
    "SQL",  // psycopg: `sql.SQL("select ...")`.
    "sql",  // A tagged-template builder called as a function (slonik, Prisma's `Prisma.sql`).
    "raw",  // Knex: `knex.raw("select ...")`; Prisma: `Prisma.raw(...)`.
    "Raw",  // A `Raw("select ...")` object.
];

/// Model statics that run a read query, of every JavaScript ORM (Sequelize, TypeORM `BaseEntity`,
/// Mongoose, Bookshelf): what a per-parent GraphQL resolver loads a relation with
/// (`Customer.findByPk(parent.customerId)`).
pub const JS_MODEL_LOOKUPS: &[&str] = &[
    // Sequelize.
    "findByPk",
    "findOne",
    "findAll",
    "findAndCountAll",
    // Mongoose.
    "findById",
    // TypeORM (and Mongoose's `find`).
    "find",
    "findBy",
    "findOneBy",
    // Sequelize, TypeORM and Mongoose.
    "count",
    // Bookshelf.
    "fetch",
    "fetchAll",
];

/// Whether a method of a JavaScript model, repository or collection (Sequelize, TypeORM, Mongoose,
/// Bookshelf, the `mongodb` driver) reads rows or writes them: `find*` (not `findOrCreate` nor
/// `findOneAndUpdate`), `count*`, `exist*` and the aggregates read.
pub fn model_method_access(method: &str) -> Access {
    let reads = (method.starts_with("find") && !method.contains("And") && method != "findOrCreate")
        || method.starts_with("count")
        || method.starts_with("exist")
        || MODEL_READS.contains(&method);
    if reads {
        Access::Read
    } else {
        Access::Write
    }
}

/// Model methods that read, besides `find*`, `count*` and `exist*` (see [`model_method_access`]).
const MODEL_READS: &[&str] = &[
    // Bookshelf.
    "fetch",
    "fetchAll",
    "fetchPage",
    // Mongoose and the `mongodb` driver.
    "aggregate",
    "distinct",
    // Sequelize (and TypeORM's `sum`).
    "max",
    "min",
    "sum",
    // TypeORM.
    "average",
    "minimum",
    "maximum",
    "query",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn django_methods_run_queries_in_their_async_forms_too() {
        assert_eq!(django::query_method_access("get"), Some(Access::Read));
        assert_eq!(django::query_method_access("aget"), Some(Access::Read));
        assert_eq!(
            django::query_method_access("abulk_update"),
            Some(Access::Write)
        );
        // `aggregate` is not the async form of `ggregate`.
        assert_eq!(django::query_method_access("aggregate"), Some(Access::Read));
        assert_eq!(django::query_method_access("filter"), None);
        assert!(django::is_lazy("filter") && django::is_lazy("raw"));
        assert!(django::keeps_rows("iterator") && !django::keeps_rows("get"));
        let reads: Vec<&str> = django::related_manager_reads().collect();
        assert!(reads.contains(&"all") && reads.contains(&"filter") && reads.contains(&"only"));
        assert!(!reads.contains(&"add"));
    }

    #[test]
    fn model_and_collection_methods_read_or_write() {
        for read in [
            "findAll",
            "findByPk",
            "countDocuments",
            "exists",
            "fetchPage",
            "sum",
        ] {
            assert_eq!(model_method_access(read), Access::Read, "{read}");
        }
        for write in ["findOrCreate", "findOneAndUpdate", "save", "bulkCreate"] {
            assert_eq!(model_method_access(write), Access::Write, "{write}");
        }
        assert_eq!(mongodb::access("find_one"), Access::Read);
        assert_eq!(mongodb::access("find_one_and_delete"), Access::Write);
        assert_eq!(mongodb::access("estimated_document_count"), Access::Read);
        assert_eq!(mongodb::access("insert_one"), Access::Write);
    }

    #[test]
    fn python_sql_modules_try_longer_names_first() {
        let modules: Vec<&str> = python_sql_modules().collect();
        let position = |m: &str| modules.iter().position(|x| *x == m).unwrap();
        assert!(position("psycopg2") < position("psycopg"));
        assert!(position("django.db.connection") < position("django.db.connections"));
        assert_eq!(modules.last(), Some(&sql_drivers::ASYNCPG_MODULE));
    }

    #[test]
    fn batched_help_names_the_model_or_what_stands_for_it() {
        let prisma = QueryApi::Prisma.batched();
        assert!(prisma
            .help(Access::Read, Some("user"))
            .contains("prisma.user.findMany({ where: { id: { in: ids } } })"));
        assert!(prisma.help(Access::Read, None).contains("prisma.model."));
        assert!(QueryApi::Knex
            .batched()
            .help(Access::Read, None)
            .contains("knex('table')"));
        assert!(QueryApi::Django
            .batched()
            .help(Access::Write, Some("Order"))
            .contains("Order.objects.bulk_create"));
    }
}
