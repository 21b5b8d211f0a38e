//! The concepts of model declarations, and lookups over every ORM module's model data: how models, fields
//! and relations are declared.
//!
//! Each ORM module's models section holds its spellings: the classes, calls and decorators that declare
//! a model, a field or a relation, the options that change how a relation loads, and the needles that
//! tell a file can declare models without parsing it. The model index (`models/python.rs`,
//! `models/js.rs`) reads them; this module holds the concepts they are written in and combines what
//! several ORMs share (the needles of a language, the libraries whose look-alike classes are no models).

use super::{bookshelf, django, drf, mongoose, sequelize, sqlalchemy, typeorm};

/// The ORM a model belongs to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Orm {
    /// Django models (`models.Model`).
    Django,
    /// SQLAlchemy declarative models (classic `Column` and 2.0 `Mapped[...]`), Flask-SQLAlchemy too.
    SqlAlchemy,
    /// Sequelize (`sequelize.define`, `Model.init`, `class extends Model`).
    Sequelize,
    /// TypeORM (`@Entity` classes and `EntitySchema`).
    TypeOrm,
    /// Mongoose (`new Schema(...)` + `mongoose.model(...)`).
    Mongoose,
    /// Bookshelf (`bookshelf.Model.extend({ tableName, author() { return this.belongsTo('User') } })`,
    /// as Ghost uses it).
    Bookshelf,
}

impl Orm {
    /// The ORM's name, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Orm::Django => "Django",
            Orm::SqlAlchemy => "SQLAlchemy",
            Orm::Sequelize => "Sequelize",
            Orm::TypeOrm => "TypeORM",
            Orm::Mongoose => "Mongoose",
            Orm::Bookshelf => "Bookshelf",
        }
    }
}

/// How many rows a relation access yields, seen from the model that has the attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Cardinality {
    /// One related row: Django `ForeignKey`/`OneToOneField` (forward) and the reverse of a one-to-one,
    /// SQLAlchemy many-to-one (`uselist=False`), Sequelize `belongsTo`/`hasOne`, TypeORM
    /// `@ManyToOne`/`@OneToOne`, a Mongoose `ref`.
    One,
    /// Many related rows: Django reverse FK and `ManyToManyField` managers, SQLAlchemy collections,
    /// Sequelize `hasMany`/`belongsToMany`, TypeORM `@OneToMany`/`@ManyToMany`, a Mongoose array of refs.
    Many,
}

/// What reading the relation attribute of a row that was loaded without it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Loading {
    /// Loads it with one query (the default of Django, SQLAlchemy `lazy="select"`, Sequelize getters,
    /// TypeORM `lazy: true`).
    Lazy,
    /// The model loads it with the row itself (`lazy="joined"|"selectin"|"subquery"|"immediate"`,
    /// TypeORM `eager: true`): never a per-row query.
    Eager,
    /// Every use builds a new query (SQLAlchemy `lazy="dynamic"`; Django managers behave this way for
    /// `.filter()` even when prefetched).
    Dynamic,
    /// Never loads anything by itself (`lazy="raise"|"noload"|"write_only"`, a TypeORM relation that is
    /// neither lazy nor eager, a Mongoose ref without `populate`).
    Never,
}

/// How a class, call or decorator name is matched against a spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamePattern {
    /// The whole name (`GenericRelation`).
    Exact(&'static str),
    /// The start of the name (`OneToOne` of `OneToOneCascadeDeletes`).
    Prefix(&'static str),
    /// The end of the name, or all of it (`ForeignKey` of `FlexibleForeignKey`).
    Suffix(&'static str),
    /// The end of a longer name (`Field` of `CharField`, not `Field` itself).
    ProperSuffix(&'static str),
}

impl NamePattern {
    /// Whether `name` is spelled so.
    pub fn matches(self, name: &str) -> bool {
        match self {
            NamePattern::Exact(spelling) => name == spelling,
            NamePattern::Prefix(spelling) => name.starts_with(spelling),
            NamePattern::Suffix(spelling) => name.ends_with(spelling),
            NamePattern::ProperSuffix(spelling) => name.ends_with(spelling) && name != spelling,
        }
    }
}

/// A method or decorator that declares a relation on the model it is called on or decorates, and what
/// the relation is (Sequelize associations, Bookshelf relation methods, TypeORM relation decorators).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelationDeclaration {
    /// The method or decorator name (`belongsTo`, `ManyToOne`).
    pub name: &'static str,
    /// How many rows the declaring model's attribute yields.
    pub cardinality: Cardinality,
    /// How many rows the other side yields.
    pub inverse_cardinality: Cardinality,
    /// Whether the relation goes through a join table (`belongsToMany`, `@ManyToMany`).
    pub many_to_many: bool,
    /// Whether the declaring model holds the foreign key (`belongsTo`, `@ManyToOne`).
    pub holds_key: bool,
}

/// The declaration of `table` named `name`.
pub fn relation_declaration(
    table: &'static [RelationDeclaration],
    name: &str,
) -> Option<&'static RelationDeclaration> {
    table.iter().find(|declaration| declaration.name == name)
}

// ----- Python -----

/// Where a needle of the Python check (`models/python.rs`, `may_define_models`) must stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Boundary {
    /// Anywhere (`ForeignKey` in `FlexibleForeignKey`, `GenericForeignKey`, `ForeignKeyConstraint`).
    Anywhere,
    /// At the end of an identifier (`Mapped` in `WriteOnlyMapped[...]`).
    End,
    /// At the end of a longer identifier (`CharField`, `ModelSerializer`).
    Suffix,
    /// A whole identifier (`models.Model`, `class Meta`).
    Word,
}

/// The words, one of which every Python file that declares a Django or SQLAlchemy model or a DRF
/// serializer contains, with where each must stand.
pub fn python_model_needles() -> impl Iterator<Item = (&'static str, Boundary)> {
    django::model_needles()
        .chain(sqlalchemy::model_needles())
        .chain(drf::model_needles())
}

/// Module path segments whose `...Field` classes are not Django model fields (forms, serializers,
/// other ORMs and schema libraries).
pub const NOT_MODEL_FIELD_MODULES: &[&str] = &[
    django::FORMS_MODULE,
    drf::SERIALIZERS_MODULE,
    drf::PACKAGE,
    // django-filter.
    "django_filters",
    "filters",
    // WTForms, Flask-WTF.
    "wtforms",
    "flask_wtf",
    "marshmallow",
    "pydantic",
    // Graphene, Graphene-Django, Strawberry (GraphQL types).
    "graphene",
    "graphene_django",
    "strawberry",
    // Django Ninja.
    "ninja",
    sqlalchemy::PACKAGE,
    // peewee and its extensions.
    "peewee",
    "playhouse",
    // MongoEngine, Tortoise ORM.
    "mongoengine",
    "tortoise",
    // The standard library's and attrs' data classes.
    "dataclasses",
    "attr",
    "attrs",
    // django-haystack (search indexes), django-import-export, django-tables2, factory_boy.
    "haystack",
    "import_export",
    "django_tables2",
    "factory",
];

/// Suffixes of base class names that make a class something else than a model, when its other bases
/// are unknown (forms, serializers, admin classes, factories, GraphQL types...).
pub const NOT_MODEL_BASE_SUFFIXES: &[&str] = &[
    // Django forms and formsets (WTForms too).
    "Form",
    "FormSet",
    drf::SERIALIZER_SUFFIX,
    // Form, serializer and schema fields.
    "Field",
    // django-filter, DRF filter backends.
    "Filter",
    "FilterSet",
    // marshmallow, pydantic, Django Ninja schemas.
    "Schema",
    // Django admin classes and inlines.
    "Admin",
    "Inline",
    // unittest and Django test cases.
    "TestCase",
    // factory_boy.
    "Factory",
    // Python enumerations, Django's `TextChoices`/`IntegerChoices`.
    "Enum",
    "Choices",
    // Python protocols and exceptions.
    "Protocol",
    "Exception",
    "Error",
    // Django form widgets.
    "Widget",
    // Django and DRF views and viewsets, Sentry's API endpoints.
    "View",
    "ViewSet",
    "Endpoint",
];

/// Root packages whose `Column`/`relationship` are not SQLAlchemy's.
pub const NOT_SQLALCHEMY_MODULES: &[&str] = &[
    // Sentry's Snuba query builder.
    "snuba_sdk",
    django::PACKAGE,
    // Data frames and SQL builders.
    "pyspark",
    "pandas",
    "polars",
    "sqlglot",
    "ibis",
    "pypika",
    drf::PACKAGE,
    "marshmallow",
    "graphene",
    // Plotly Dash, Rich (tables).
    "dash",
    "rich",
    // Other ORMs: peewee, Tortoise ORM.
    "peewee",
    "tortoise",
];

// ----- JavaScript -----

/// How a word the JavaScript check (`models/js.rs`, `may_define_models`) finds must be spelled and
/// placed to be part of a declaration. The word is found without case; "exact" means in its case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsNeedleFit {
    /// Any case, called (`belongsTo(`, `@BelongsTo(`).
    CalledAnyCase,
    /// Exact, called (`@ManyToOne(`).
    Called,
    /// Exact, called with a string first: `mongoose.model('Order', schema)`, `model<IOrder>("Order")`.
    NamedCall,
    /// Exact, a member called with a string first: `db.define('Order', {...})`.
    NamedMemberCall,
    /// Exact, a member called, in a file that contains the text (`Order.init(` and `equelize`).
    MemberCallIn(&'static str),
    /// Exact, after `@` (`@Table`).
    Decorator,
    /// Exact, after `@` and called (`@Schema(`).
    CalledDecorator,
    /// Exact, a key of an object (`tableName:`), in a file that calls the method (`extend(`).
    KeyWhereCalled(&'static str),
    /// Exact: called after `@` or `.`, or called right after one of the prefixes; or right before the
    /// suffix (`@Entity(`, `ChildEntity(`, `ViewEntity(`, `EntitySchema`).
    CalledDecoratorOrName {
        /// Prefixes of longer names that are called.
        prefixes: &'static [&'static str],
        /// What a longer name may continue with.
        suffix: &'static str,
    },
}

/// A word the JavaScript check finds, and where it must stand.
pub type JsNeedle = (&'static str, JsNeedleFit);

/// The words, one of which every JavaScript or TypeScript file that declares a Sequelize, TypeORM,
/// Mongoose or Bookshelf model or association contains, with how each must stand (each once: ORMs
/// share some).
pub fn js_model_needles() -> Vec<JsNeedle> {
    let mut needles: Vec<JsNeedle> = Vec::new();
    for needle in [
        sequelize::MODEL_NEEDLES,
        bookshelf::MODEL_NEEDLES,
        typeorm::MODEL_NEEDLES,
        mongoose::MODEL_NEEDLES,
    ]
    .concat()
    {
        if !needles.contains(&needle) {
            needles.push(needle);
        }
    }
    needles
}
