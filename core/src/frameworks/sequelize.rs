//! Sequelize: model statics and instance methods that query, associations and their getters, `include` eager loads, instances.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::{Batched, EagerOptions};

/// Model statics that run a query.
pub const MODEL_METHODS: &[&str] = &[
    "findAll",
    "findOne",
    "findByPk",
    "findAndCountAll",
    "findOrCreate",
    "findOrBuild",
    "findCreateFind",
    "count",
    "max",
    "min",
    "sum",
    "aggregate",
    "create",
    "bulkCreate",
    "update",
    "destroy",
    "upsert",
    "increment",
    "decrement",
    "restore",
    "truncate",
];

/// Model statics no other common API has: recognisable on a class-like name without the model index.
pub const STRONG: &[&str] = &[
    "findByPk",
    "findAll",
    "findAndCountAll",
    "findOrCreate",
    "bulkCreate",
    "findCreateFind",
];

/// The modules whose instance defines models in a file (`sequelize.define('User', ...)`).
pub const INSTANCE_MODULES: &[&str] = &["sequelize", "@sequelize/core"];

/// The instance methods that define or return a model (`sequelize.define('User', ...)`,
/// `sequelize.model('User')`).
pub const MODEL_FACTORIES: &[&str] = &["define", "model"];

/// The modules whose `Model` a model class extends (`class User extends Model`).
pub const MODEL_BASE_MODULES: &[&str] = &["sequelize", "@sequelize/core", "sequelize-typescript"];

/// The module whose instance runs raw SQL (`sequelize.query('select ...')`).
pub const RAW_SQL_MODULE: &str = "sequelize";

/// Eager loads: `Order.findAll({ include: [...] })`.
pub const EAGER_OPTIONS: EagerOptions = EagerOptions {
    key: "include",
    methods: &["findAll", "findAndCountAll"],
};

/// An include of every association: `include: { all: true }`.
pub const INCLUDE_ALL: &str = "all";

/// The keys of an include object that name the association (`{ association: 'customer' }`, or its
/// alias `{ model: Customer, as: 'buyer' }`), in the order they are read.
pub const INCLUDE_ASSOCIATION_KEYS: &[&str] = &["as", "association"];

/// The key of an include object that names the associated model (`{ model: Customer }`).
pub const INCLUDE_MODEL: &str = "model";

/// The option that returns plain objects instead of instances: `raw: true`.
pub const RAW_ROWS_OPTION: &str = "raw";

/// The rows of `findAndCountAll`'s result (`const { rows } = await Order.findAndCountAll(...)`).
pub const COUNTED_ROWS: &str = "rows";

/// What an association getter starts with (`order.getCustomer()`): it loads the association.
pub const ASSOCIATION_GETTER_PREFIX: &str = "get";

/// The prefixes of an instance's association accessors that query (`order.getItems()`,
/// `order.countItems()`).
pub const ASSOCIATION_ACCESSOR_PREFIXES: &[&str] = &[ASSOCIATION_GETTER_PREFIX, "count"];

/// The model static that loads a row by primary key (`Customer.findByPk(order.customerId)`).
pub const FIND_BY_PK: &str = "findByPk";

/// The query option that filters rows (`findAll({ where: { postId } })`).
pub const WHERE: &str = "where";

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch the rows once before the loop, `{model}.findAll({ where: { id: ids } })` (an array becomes `IN`), then a `Map` by id.",
    write: "Batch the writes: `{model}.bulkCreate([...])` (`updateOnDuplicate` for upserts) or one `{model}.update(values, { where: { id: ids } })`.",
    unnamed: "Model",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
