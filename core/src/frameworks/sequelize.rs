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

use super::declarations::{
    JsNeedle, JsNeedleFit, RelationDeclaration, BELONGS_TO, BELONGS_TO_MANY, HAS_MANY, HAS_ONE,
};

/// The instance method that declares a model: `sequelize.define('order', attributes, options)`, with
/// any instance name.
pub const DEFINE: &str = "define";
/// The static method that declares a model class's attributes: `Order.init(attributes, { sequelize })`.
pub const INIT: &str = "init";
/// The option of `init` that hands it the instance (required).
pub const INSTANCE_OPTION: &str = "sequelize";
/// The option naming the model (of `define`, `init` and `@Table`).
pub const MODEL_NAME_OPTION: &str = "modelName";
/// The class models extend (`class Order extends Model`).
pub const MODEL_BASE: &str = "Model";
/// The static method sequelize-cli's models declare their associations in (`static associate(models)`).
pub const ASSOCIATE_METHOD: &str = "associate";
/// Text every file that calls `init` on a Sequelize model contains (`Sequelize`, `sequelize`).
pub const LIBRARY_TEXT: &str = "equelize";

/// Association methods, called on a model (`Order.hasMany(Item)`).
pub const ASSOCIATIONS: &[RelationDeclaration] = &[BELONGS_TO, HAS_ONE, HAS_MANY, BELONGS_TO_MANY];
/// The association option naming the relation (`as: 'items'`, or `as: { singular, plural }`).
pub const ALIAS_OPTION: &str = "as";
/// The forms of an `as` object, for relations of one row and of many.
pub const ALIAS_FORMS: (&str, &str) = ("singular", "plural");
/// The association option naming the foreign key (`foreignKey: 'customerId'` or
/// `foreignKey: { name: 'customerId' }`).
pub const FOREIGN_KEY_OPTION: &str = "foreignKey";
/// The property of a `foreignKey` object naming it.
pub const FOREIGN_KEY_NAME: &str = "name";
/// The default foreign key of a `belongsTo` named `customer`: `customerId`.
pub const KEY_ATTRIBUTE_SUFFIX: &str = "Id";

/// sequelize-typescript: the class decorator of models (`@Table({ modelName: 'order' })`).
pub const TABLE_DECORATOR: &str = "Table";
/// sequelize-typescript: the decorator of attributes.
pub const COLUMN_DECORATOR: &str = "Column";
/// sequelize-typescript: the decorator of a foreign key (`@ForeignKey(() => Customer) customerId`).
pub const FOREIGN_KEY_DECORATOR: &str = "ForeignKey";
/// sequelize-typescript: association decorators, with the association each declares.
pub const ASSOCIATION_DECORATORS: &[(&str, &str)] = &[
    ("BelongsTo", "belongsTo"),
    ("HasOne", "hasOne"),
    ("HasMany", "hasMany"),
    ("BelongsToMany", "belongsToMany"),
];

/// Words of the model check (`models/js.rs`) that Sequelize declarations contain: `define`, `init`,
/// `@Table`, association calls and decorators (any case: `belongsTo(`, `@BelongsTo(`; `belongsToMany(`
/// is found by TypeORM's `ToMany`).
pub const MODEL_NEEDLES: &[JsNeedle] = &[
    (DEFINE, JsNeedleFit::NamedMemberCall),
    (INIT, JsNeedleFit::MemberCallIn(LIBRARY_TEXT)),
    (TABLE_DECORATOR, JsNeedleFit::Decorator),
    (BELONGS_TO.name, JsNeedleFit::CalledAnyCase),
    (HAS_MANY.name, JsNeedleFit::CalledAnyCase),
    (HAS_ONE.name, JsNeedleFit::CalledAnyCase),
];

/// The plural Sequelize gives a model name (the `inflection` package's rules, for the common cases):
/// `Item` → `Items`, `Category` → `Categories`, `Person` → `People`, `Address` → `Addresses`.
pub fn pluralize(word: &str) -> String {
    const UNCOUNTABLE: &[&str] = &[
        "equipment",
        "information",
        "rice",
        "money",
        "species",
        "series",
        "fish",
        "sheep",
        "moose",
        "deer",
        "news",
        "data",
        "metadata",
    ];
    const IRREGULAR: &[(&str, &str)] = &[
        ("person", "people"),
        ("man", "men"),
        ("child", "children"),
        ("sex", "sexes"),
        ("move", "moves"),
        ("mouse", "mice"),
        ("louse", "lice"),
        ("goose", "geese"),
        ("tooth", "teeth"),
        ("foot", "feet"),
        ("ox", "oxen"),
    ];
    // Suffix rules, most specific first: (suffix, characters to drop, ending to add).
    const RULES: &[(&str, usize, &str)] = &[
        ("quiz", 0, "zes"),
        ("matrix", 2, "ces"),
        ("vertex", 2, "ices"),
        ("index", 2, "ices"),
        ("alias", 0, "es"),
        ("status", 0, "es"),
        ("bus", 0, "es"),
        ("axis", 2, "es"),
        ("testis", 2, "es"),
        ("crisis", 2, "es"),
        ("sis", 2, "es"),
        ("tomato", 0, "es"),
        ("potato", 0, "es"),
        ("buffalo", 0, "es"),
        ("hive", 0, "s"),
        ("ium", 2, "a"),
        ("tum", 2, "a"),
        ("ss", 0, "es"),
        ("sh", 0, "es"),
        ("ch", 0, "es"),
        ("x", 0, "es"),
        ("us", 2, "i"),
    ];
    if word.is_empty() {
        return String::new();
    }
    let lower = word.to_ascii_lowercase();
    if UNCOUNTABLE.contains(&lower.as_str()) {
        return word.to_string();
    }
    for (singular, plural) in IRREGULAR {
        if lower.ends_with(singular) {
            // Whole word, or the last word of a camel-cased name (`SalesPerson`).
            let start = word.len() - singular.len();
            let boundary = start == 0 || word.as_bytes()[start].is_ascii_uppercase();
            if boundary {
                let first = &word[start..start + 1];
                let rest = &plural[1..];
                let first = if first.chars().all(|c| c.is_ascii_uppercase()) {
                    plural[..1].to_ascii_uppercase()
                } else {
                    plural[..1].to_string()
                };
                return format!("{}{first}{rest}", &word[..start]);
            }
        }
    }
    for (suffix, drop, ending) in RULES {
        if lower.ends_with(suffix) {
            return format!("{}{ending}", &word[..word.len() - drop]);
        }
    }
    let bytes = lower.as_bytes();
    let last = bytes[bytes.len() - 1];
    let before = bytes.len().checked_sub(2).map(|i| bytes[i]);
    let vowel = |c: u8| b"aeiou".contains(&c);
    if last == b'y' && before.is_some_and(|c| !vowel(c)) {
        return format!("{}ies", &word[..word.len() - 1]);
    }
    // `life` → `lives`, `wolf` → `wolves` (not `roof`, `chief`).
    if lower.ends_with("fe")
        && before.is_some_and(|c| c == b'f')
        && bytes.len() >= 3
        && bytes[bytes.len() - 3] != b'f'
    {
        return format!("{}ves", &word[..word.len() - 2]);
    }
    if last == b'f' && before.is_some_and(|c| c == b'l' || c == b'r') {
        return format!("{}ves", &word[..word.len() - 1]);
    }
    if last == b's' || last == b'z' {
        return format!("{word}es");
    }
    format!("{word}s")
}

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// `new Sequelize(url)`: an instance with its own pool.
pub const JS_CLIENTS: &[Client] = &[Client {
    names: &[
        "sequelize",
        "sequelize.Sequelize",
        "@sequelize/core.Sequelize",
    ],
    construct: Construct::New,
    what: "a Sequelize instance (with its own connection pool)",
    instead:
        "`const sequelize = new Sequelize(url)` at module top level, defining the models on it once",
}];
