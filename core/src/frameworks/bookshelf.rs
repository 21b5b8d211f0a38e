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

use super::declarations::{
    Cardinality, JsNeedle, JsNeedleFit, RelationDeclaration, BELONGS_TO, BELONGS_TO_MANY, HAS_MANY,
    HAS_ONE,
};

/// The static method that makes a model: `bookshelf.Model.extend({ tableName: 'posts', ... })`.
pub const EXTEND: &str = "extend";
/// The base class of models (`bookshelf.Model`); a model extending another records that one as a base.
pub const MODEL_BASE: &str = "Model";
/// The prototype property naming a model's table.
pub const TABLE_NAME: &str = "tableName";
/// The registry method that registers (or makes) a model: `bookshelf.model('Post', Post)`.
pub const REGISTRATION: &str = "model";
/// The method that makes a relation go through a join model (`this.belongsToMany('Tag').through('PostTag')`).
pub const THROUGH: &str = "through";

/// Relation methods, called on `this` in a model's method (`author() { return this.belongsTo('User') }`).
pub const RELATIONS: &[RelationDeclaration] = &[
    BELONGS_TO,
    HAS_ONE,
    HAS_MANY,
    BELONGS_TO_MANY,
    RelationDeclaration::new("morphOne", Cardinality::One, Cardinality::One),
    RelationDeclaration::new("morphMany", Cardinality::Many, Cardinality::One),
];

/// Words of the model check (`models/js.rs`) that Bookshelf declarations contain: `tableName` in a file
/// that calls `extend`, relation calls (any case; `belongsToMany(` is found by TypeORM's `ToMany`), a
/// registration.
pub const MODEL_NEEDLES: &[JsNeedle] = &[
    (TABLE_NAME, JsNeedleFit::KeyWhereCalled(EXTEND)),
    (BELONGS_TO.name, JsNeedleFit::CalledAnyCase),
    (HAS_MANY.name, JsNeedleFit::CalledAnyCase),
    (HAS_ONE.name, JsNeedleFit::CalledAnyCase),
    ("morphOne", JsNeedleFit::CalledAnyCase),
    ("morphMany", JsNeedleFit::CalledAnyCase),
    (REGISTRATION, JsNeedleFit::NamedCall),
];

// ----- Clients and calls: connections, blocking calls, slow side work. -----
