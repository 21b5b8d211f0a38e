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

impl RelationDeclaration {
    /// The relation `name` declares: no join table, no key on the declaring model.
    pub const fn new(
        name: &'static str,
        cardinality: Cardinality,
        inverse_cardinality: Cardinality,
    ) -> RelationDeclaration {
        RelationDeclaration {
            name,
            cardinality,
            inverse_cardinality,
            many_to_many: false,
            holds_key: false,
        }
    }
}

/// Active Record's association methods (Rails' vocabulary, which Sequelize and Bookshelf share):
/// `belongsTo`, the model holds the key of one row.
pub const BELONGS_TO: RelationDeclaration = RelationDeclaration {
    holds_key: true,
    ..RelationDeclaration::new("belongsTo", Cardinality::One, Cardinality::Many)
};
/// Active Record's `hasOne`: one row holds the model's key.
pub const HAS_ONE: RelationDeclaration =
    RelationDeclaration::new("hasOne", Cardinality::One, Cardinality::One);
/// Active Record's `hasMany`: rows hold the model's key.
pub const HAS_MANY: RelationDeclaration =
    RelationDeclaration::new("hasMany", Cardinality::Many, Cardinality::One);
/// Active Record's `belongsToMany` (`has_and_belongs_to_many`): through a join table.
pub const BELONGS_TO_MANY: RelationDeclaration = RelationDeclaration {
    many_to_many: true,
    ..RelationDeclaration::new("belongsToMany", Cardinality::Many, Cardinality::Many)
};

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether one of `needles` is part of `spelling` (without case: the JavaScript check finds words
    /// so).
    fn found(needles: &[&str], spelling: &str) -> bool {
        let spelling = spelling.to_ascii_lowercase();
        needles
            .iter()
            .any(|needle| spelling.contains(&needle.to_ascii_lowercase()))
    }

    #[test]
    fn python_needles_find_every_spelling_a_class_is_classified_on() {
        let needles: Vec<&str> = python_model_needles().map(|(word, _)| word).collect();
        let spellings = [
            django::MODEL_BASE,
            django::META_CLASS,
            drf::SERIALIZER_SUFFIX,
        ]
        .into_iter()
        .chain(django::ABSTRACT_MODELS.iter().copied())
        .chain(
            django::FIELD_CLASSES
                .iter()
                .map(|(pattern, _)| match *pattern {
                    NamePattern::Exact(s)
                    | NamePattern::Prefix(s)
                    | NamePattern::Suffix(s)
                    | NamePattern::ProperSuffix(s) => s,
                }),
        )
        .chain(sqlalchemy::TABLE_ATTRIBUTES.iter().copied())
        .chain(sqlalchemy::BASE_FACTORIES.iter().copied())
        .chain(sqlalchemy::DECLARATIVE_BASE_CLASSES.iter().copied())
        .chain([sqlalchemy::BASE_DECORATOR, sqlalchemy::MAPPED_DECORATOR])
        .chain(sqlalchemy::MAPPED_ANNOTATIONS.iter().map(|&(name, _)| name))
        .chain(
            sqlalchemy::MAPPED_CALLS
                .iter()
                .filter(|(_, attribute)| *attribute != sqlalchemy::MappedAttribute::Property)
                .map(|&(name, _)| name),
        );
        for spelling in spellings {
            assert!(found(&needles, spelling), "no needle finds {spelling}");
        }
    }

    #[test]
    fn js_needles_are_unique_and_find_every_declaring_name() {
        let needles = js_model_needles();
        for (position, needle) in needles.iter().enumerate() {
            assert!(!needles[..position].contains(needle), "{needle:?} twice");
        }
        let words: Vec<&str> = needles.iter().map(|(word, _)| *word).collect();
        let spellings = [
            sequelize::DEFINE,
            sequelize::INIT,
            sequelize::TABLE_DECORATOR,
            bookshelf::TABLE_NAME,
            bookshelf::REGISTRATION,
            mongoose::REGISTRATION,
            mongoose::SCHEMA_DECORATOR,
            typeorm::ENTITY_SCHEMA_CLASS,
        ]
        .into_iter()
        .chain(typeorm::ENTITY_DECORATORS.iter().copied())
        .chain(
            [
                sequelize::ASSOCIATIONS,
                bookshelf::RELATIONS,
                typeorm::RELATIONS,
            ]
            .into_iter()
            .flatten()
            .map(|declaration| declaration.name),
        )
        .chain(
            sequelize::ASSOCIATION_DECORATORS
                .iter()
                .map(|&(decorator, _)| decorator),
        );
        for spelling in spellings {
            assert!(found(&words, spelling), "no needle finds {spelling}");
        }
    }

    #[test]
    fn name_patterns() {
        assert!(NamePattern::Suffix("ForeignKey").matches("FlexibleForeignKey"));
        assert!(NamePattern::Suffix("ForeignKey").matches("ForeignKey"));
        assert!(NamePattern::ProperSuffix("Field").matches("CharField"));
        assert!(!NamePattern::ProperSuffix("Field").matches("Field"));
        assert!(NamePattern::Prefix("OneToOne").matches("OneToOneCascadeDeletes"));
        assert!(!NamePattern::Exact("GenericRelation").matches("GenericRelations"));
    }

    #[test]
    fn sequelize_association_decorators_name_associations() {
        for (decorator, association) in sequelize::ASSOCIATION_DECORATORS {
            assert!(
                relation_declaration(sequelize::ASSOCIATIONS, association).is_some(),
                "@{decorator} names no association"
            );
        }
        for (schema_type, decorator) in typeorm::SCHEMA_RELATION_TYPES {
            assert!(
                relation_declaration(typeorm::RELATIONS, decorator).is_some(),
                "{schema_type} names no relation decorator"
            );
        }
    }
}
