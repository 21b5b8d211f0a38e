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

use super::declarations::{Cardinality, JsNeedle, JsNeedleFit, RelationDeclaration};

/// Class decorators of entities (`@Entity()`, `@ChildEntity()`, `@ViewEntity()`).
pub const ENTITY_DECORATORS: &[&str] = &["Entity", "ChildEntity", "ViewEntity"];
/// Relation decorators (`@ManyToOne(() => Customer, (c) => c.orders, { lazy: true })`), also on bases
/// without `@Entity`.
pub const RELATIONS: &[RelationDeclaration] = &[
    RelationDeclaration {
        holds_key: true,
        ..RelationDeclaration::new("ManyToOne", Cardinality::One, Cardinality::Many)
    },
    RelationDeclaration::new("OneToMany", Cardinality::Many, Cardinality::One),
    RelationDeclaration::new("OneToOne", Cardinality::One, Cardinality::One),
    RelationDeclaration {
        many_to_many: true,
        ..RelationDeclaration::new("ManyToMany", Cardinality::Many, Cardinality::Many)
    },
];
/// How column decorators end (`@Column`, `@PrimaryGeneratedColumn`, `@CreateDateColumn`).
pub const COLUMN_DECORATOR_SUFFIX: &str = "Column";
/// The decorator of a relation's id (`@RelationId((o: Order) => o.customer) customerId`).
pub const RELATION_ID_DECORATOR: &str = "RelationId";
/// The column holding a many-to-one relation `customer`'s id, by convention: `customerId`.
pub const KEY_COLUMN_SUFFIX: &str = "Id";
/// The relation option that makes it lazy (a `Promise`-typed property is lazy too).
pub const LAZY_OPTION: &str = "lazy";
/// The relation option that loads it with its entity.
pub const EAGER_OPTION: &str = "eager";

/// The class of entities declared without decorators (`new EntitySchema({ name, columns, relations })`).
pub const ENTITY_SCHEMA_CLASS: &str = "EntitySchema";
/// The options of an entity schema read: its name, its class, its columns and its relations.
pub const SCHEMA_NAME_OPTION: &str = "name";
/// The option of an entity schema (and of each of its relations) naming a class (`target: Order`).
pub const SCHEMA_TARGET_OPTION: &str = "target";
/// The option of an entity schema holding its columns.
pub const SCHEMA_COLUMNS_OPTION: &str = "columns";
/// The option of an entity schema holding its relations.
pub const SCHEMA_RELATIONS_OPTION: &str = "relations";
/// The option of an entity schema's relation naming its kind (`type: 'many-to-one'`).
pub const SCHEMA_RELATION_TYPE_OPTION: &str = "type";
/// The option of an entity schema's relation naming the other side.
pub const SCHEMA_INVERSE_SIDE_OPTION: &str = "inverseSide";
/// The relation kinds of entity schemas, with the decorator each stands for.
pub const SCHEMA_RELATION_TYPES: &[(&str, &str)] = &[
    ("many-to-one", "ManyToOne"),
    ("one-to-many", "OneToMany"),
    ("one-to-one", "OneToOne"),
    ("many-to-many", "ManyToMany"),
];

/// Words of the model check (`models/js.rs`) that TypeORM declarations contain: `@Entity()`,
/// `@ChildEntity()`, `@ViewEntity()`, `new EntitySchema(...)`, relation decorators.
pub const MODEL_NEEDLES: &[JsNeedle] = &[
    (
        "Entity",
        JsNeedleFit::CalledDecoratorOrName {
            prefixes: &["Child", "View"],
            suffix: "Schema",
        },
    ),
    ("ToOne", JsNeedleFit::Called),
    ("ToMany", JsNeedleFit::Called),
];

// ----- Clients and calls: connections, blocking calls, slow side work. -----
