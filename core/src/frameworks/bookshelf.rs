//! Bookshelf: `Model.extend` declarations and relations, `fetch`, `withRelated`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::{Batched, EagerOptions};

/// Model statics (and the `fetch` family) that run a query.
pub const MODEL_METHODS: &[&str] = &[
    "findOne",
    "findAll",
    "findPage",
    "edit",
    "add",
    "destroy",
    "fetch",
    "fetchAll",
    "fetchPage",
    "count",
    "save",
    "upsert",
];

/// Methods that build a query without running it (`Post.forge({ id }).fetch()`,
/// `Post.where(...).fetchAll()`).
pub const BUILDERS: &[&str] = &["forge", "where", "query", "orderBy", "collection"];

/// Eager loads: `Post.findAll({ withRelated: [...] })`.
pub const EAGER_OPTIONS: EagerOptions = EagerOptions {
    key: "withRelated",
    methods: &["findAll", "fetchAll"],
};

/// The model instances of a collection (`posts.models`).
pub const COLLECTION_MODELS: &str = "models";

/// `post.related('tags')`: the relation as loaded (a query only when fetched).
pub const RELATED: &str = "related";

/// `post.related('tags').fetch()`: what loads a relation.
pub const FETCH: &str = "fetch";

/// `post.load(['tags'])`: loads relations of a fetched row.
pub const LOAD: &str = "load";

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch the rows once before the loop (`{model}.where('id', 'in', ids).fetchAll()`, or one Knex `whereIn`), then a `Map` by id.",
    write: "Batch the writes with one Knex statement (`insert([...rows])`, `whereIn('id', ids).update(...)`).",
    unnamed: "Model",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
