//! TypeORM: repositories, entity managers, query builders, `BaseEntity` statics, entity and relation decorators, `relations` eager loads.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

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
