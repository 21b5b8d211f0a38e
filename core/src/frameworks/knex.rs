//! Knex: query builders (`db('users').where(...)`), instances.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::Batched;

/// Builder methods: the start of a builder on a knex instance, or a link of one.
pub const BUILDER_METHODS: &[&str] = &[
    "select",
    "first",
    "pluck",
    "insert",
    "update",
    "del",
    "delete",
    "count",
    "countDistinct",
    "min",
    "max",
    "sum",
    "avg",
    "increment",
    "decrement",
    "truncate",
    "upsert",
    "where",
    "whereIn",
    "whereNot",
    "whereNotIn",
    "whereNull",
    "whereNotNull",
    "whereRaw",
    "whereBetween",
    "whereExists",
    "andWhere",
    "orWhere",
    "join",
    "innerJoin",
    "leftJoin",
    "leftOuterJoin",
    "rightJoin",
    "orderBy",
    "groupBy",
    "limit",
    "offset",
    "returning",
    "onConflict",
    "from",
    "into",
    "table",
    "with",
    "distinct",
    "columns",
    "column",
    "forUpdate",
    "raw",
];

/// `knex.raw('...')`: SQL text, often a fragment of another query rather than a query.
pub const RAW: &str = "raw";

/// Builder methods that make a query write.
pub const WRITES: &[&str] = &[
    "insert",
    "update",
    "del",
    "delete",
    "increment",
    "decrement",
    "upsert",
    "truncate",
];

/// How a knex instance's qualified name starts: `knex(config)` however it is imported.
pub const INSTANCES: &[&str] = &["knex()", "knex.knex()", "knex.default()", "knex.Knex()"];

/// The names a knex instance or transaction conventionally has (`knex('users')`, `db('users')`,
/// `trx('users')`, `options.transacting('users')`), compared in lower case.
pub const CONVENTIONAL_NAMES: &[&str] = &[
    "knex",
    "db",
    "trx",
    "tx",
    "transaction",
    "transacting",
    "database",
    "connection",
    "conn",
    "qb",
    "k",
];

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch the rows once before the loop, `knex('{model}').whereIn('id', ids)`, then a `Map` by id.",
    write: "Batch the writes: one `insert([...rows])` (`onConflict(...).merge()` for upserts) or `whereIn('id', ids).update(...)`.",
    unnamed: "table",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// `knex({ ... })`: an instance with its own pool.
pub const JS_CLIENTS: &[Client] = &[Client {
    names: &["knex", "knex.knex", "knex.default"],
    construct: Construct::Call,
    what: "a Knex instance (with its own connection pool)",
    instead: "`const db = knex({ ... })` at module top level, then `db('table')...` in the handler",
}];
