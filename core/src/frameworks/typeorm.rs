//! TypeORM: repositories, entity managers, query builders, `BaseEntity` statics, entity and relation decorators, `relations` eager loads.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::{Batched, EagerOptions};

/// Repository, entity manager and `BaseEntity` methods that run a query.
pub const METHODS: &[&str] = &[
    "find",
    "findBy",
    "findOne",
    "findOneBy",
    "findOneOrFail",
    "findOneByOrFail",
    "findAndCount",
    "findAndCountBy",
    "findByIds",
    "count",
    "countBy",
    "exist",
    "exists",
    "existsBy",
    "save",
    "insert",
    "update",
    "upsert",
    "delete",
    "remove",
    "softDelete",
    "softRemove",
    "restore",
    "increment",
    "decrement",
    "query",
    "sum",
    "average",
    "minimum",
    "maximum",
    "clear",
    "preload",
];

/// `repo.createQueryBuilder('u')`: a query builder.
pub const QUERY_BUILDER: &str = "createQueryBuilder";

/// Query builder methods that run it.
pub const QUERY_BUILDER_TERMINALS: &[&str] = &[
    "getMany",
    "getOne",
    "getOneOrFail",
    "getRawMany",
    "getRawOne",
    "getCount",
    "getManyAndCount",
    "getRawAndEntities",
    "getExists",
    "execute",
    "stream",
];

/// Query builder methods that make it write (`createQueryBuilder().update(User).set(...).execute()`).
pub const QUERY_BUILDER_WRITES: &[&str] = &["insert", "update", "delete", "softDelete", "restore"];

/// Query builder terminals that return entities.
pub const QUERY_BUILDER_ROWS: &[&str] = &["getMany", "getManyAndCount"];

/// Query builder joins that load the joined relation with the rows
/// (`leftJoinAndSelect('order.customer', 'customer')`).
pub const EAGER_JOINS: &[&str] = &["leftJoinAndSelect", "innerJoinAndSelect"];

/// Eager loads: `repo.find({ relations: [...] })`.
pub const EAGER_OPTIONS: EagerOptions = EagerOptions {
    key: "relations",
    methods: &["find", "findBy", "findAndCount"],
};

/// Calls that return a repository (`dataSource.getRepository(User)`, `manager.withRepository(repo)`).
pub const REPOSITORY_GETTERS: &[&str] = &[
    "getRepository",
    "getCustomRepository",
    "getTreeRepository",
    "getMongoRepository",
    "withRepository",
];

/// Calls that return the SQL repository of the entity they are given, whose rows snag traces.
pub const ENTITY_REPOSITORY_GETTERS: &[&str] =
    &["getRepository", "getCustomRepository", "getTreeRepository"];

/// Repository types, as a type annotation starts (`Repository<User>`).
pub const REPOSITORY_TYPES: &[&str] = &["Repository<", "MongoRepository<", "TreeRepository<"];

/// What a repository type annotation contains, before its entity (`Repository<User>`).
pub const REPOSITORY_TYPE: &str = "Repository<";

/// The entity manager's type.
pub const ENTITY_MANAGER_TYPE: &str = "EntityManager";

/// The name an entity manager conventionally has (`manager.findOne(User, ...)`, `transaction(async
/// (manager) => ...)`).
pub const CONVENTIONAL_MANAGER_NAME: &str = "manager";

/// `getManager()`: the default entity manager.
pub const GET_MANAGER: &str = "getManager";

/// [`GET_MANAGER`], imported from TypeORM.
pub const GET_MANAGER_FUNCTION: &str = "typeorm.getManager";

/// The module whose `BaseEntity` an entity with static query methods extends.
pub const ENTITY_BASE_MODULE: &str = "typeorm";

/// The module whose data sources run raw SQL (`dataSource.query('select ...')`).
pub const RAW_SQL_MODULE: &str = "typeorm";

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch the rows once before the loop, `repository.findBy({ id: In(ids) })`, then a `Map` by id.",
    write: "Batch the writes: `repository.save([...entities])` or `insert([...])`, or one `update({ id: In(ids) }, values)`.",
    unnamed: "Model",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
