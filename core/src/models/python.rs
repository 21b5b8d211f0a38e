//! Models, relations and serializers declared in Python: Django, SQLAlchemy, Django REST framework.
//!
//! A class is classified from its bases first: a base that resolves to `django.db.models.Model`, a
//! SQLAlchemy declarative base (`declarative_base()`, a `DeclarativeBase` subclass, Flask-SQLAlchemy's
//! `db.Model`), a class of the same file already classified, or a name ending in `Serializer`. When the
//! bases are declared in another file (Sentry's `class Project(Model)`), the body decides: SQLAlchemy
//! columns and relationships, or Django fields and model `Meta` options.
//!
//! **Architecture Invariant:** extraction reads one file. What other files declare (a base model, the
//! target of a relation) is joined by name in [`super::ModelIndex::new`].

use super::{Cardinality, FileModels, Loading, Model, Orm, Relation, Serializer, SerializerField};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::frameworks::declarations::{self, Boundary};
use crate::frameworks::django::{self, FieldKind};
use crate::frameworks::drf;
use crate::frameworks::sqlalchemy::{self, MappedAttribute};
use crate::scan;
use crate::semantic::{BindingKind, QualifiedName, Semantic};
use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;
use tree_sitter::Node;

/// Whether the text can declare a Django or SQLAlchemy model or a DRF serializer.
///
/// Sound with respect to [`extract`]: every name it classifies on (the declared name of a base, a
/// field class, a column or relationship call, an annotation, a decorator) is one of the words the
/// Django, SQLAlchemy and DRF modules list ([`declarations::python_model_needles`]), with the same
/// boundaries: `Model` and `Column` whole, `CharField` and `ModelSerializer` as the tail of a longer
/// identifier, `Meta` whole.
pub(super) fn may_define_models(text: &str) -> bool {
    static MATCHER: LazyLock<(Vec<(&str, Boundary)>, AhoCorasick)> = LazyLock::new(|| {
        let needles: Vec<(&str, Boundary)> = declarations::python_model_needles().collect();
        let matcher =
            AhoCorasick::new(needles.iter().map(|(needle, _)| needle)).expect("literal needles");
        (needles, matcher)
    });
    let (needles, matcher) = &*MATCHER;
    let bytes = text.as_bytes();
    let identifier_at = |offset: usize| {
        bytes
            .get(offset)
            .is_some_and(|&b| scan::is_identifier_byte(b))
    };
    matcher.find_overlapping_iter(text).any(|found| {
        let before = found.start().checked_sub(1).is_some_and(identifier_at);
        let after = identifier_at(found.end());
        match needles[found.pattern().as_usize()].1 {
            Boundary::Anywhere => true,
            Boundary::End => !after,
            Boundary::Suffix => before && !after,
            Boundary::Word => !before && !after,
        }
    })
}

/// The models, relations and serializers the file declares.
pub(super) fn extract(semantic: &Semantic<'_>) -> FileModels {
    let mut classes = Vec::new();
    collect_classes(semantic, semantic.root(), &mut classes);
    let mut extractor = Extractor {
        semantic,
        kinds: FxHashMap::default(),
        tables: FxHashMap::default(),
        found: FileModels::default(),
    };
    for &class in &classes {
        let (Some(name), Some(body)) = (class.field("name"), class.field("body")) else {
            continue;
        };
        let table = Members::of(semantic, body)
            .attribute(sqlalchemy::TABLE_NAME_ATTRIBUTE)
            .and_then(|a| string_value(semantic, a.value?));
        if let Some(table) = table {
            extractor.tables.insert(semantic.text(name), table);
        }
    }
    for class in classes {
        extractor.class(class);
    }
    extractor.found
}

/// Where a class is declared: `class Name` (its body's end would depend on what was parsed of it).
fn header_span(class: Node<'_>) -> Span {
    let end = class
        .field("name")
        .map_or(class.end_byte(), |n| n.end_byte());
    Span::new(class.start_byte(), end)
}

/// Every class of the file, except the `Meta` classes of other classes.
fn collect_classes<'t>(semantic: &Semantic<'t>, node: Node<'t>, classes: &mut Vec<Node<'t>>) {
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "class_definition" => {
                let in_class = node.kind() == "block"
                    && node
                        .parent()
                        .is_some_and(|p| p.kind() == "class_definition");
                if !(in_class && class_name(semantic, child) == Some(django::META_CLASS)) {
                    classes.push(child);
                }
                collect_classes(semantic, child, classes);
            }
            // Statements that can hold class definitions; expressions cannot.
            "block"
            | "decorated_definition"
            | "function_definition"
            | "if_statement"
            | "elif_clause"
            | "else_clause"
            | "try_statement"
            | "except_clause"
            | "finally_clause"
            | "with_statement"
            | "for_statement"
            | "while_statement" => collect_classes(semantic, child, classes),
            _ => {}
        }
    }
}

/// What a class of the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A model of this ORM.
    Model(Orm),
    /// A SQLAlchemy declarative base: its subclasses are models.
    DeclarativeBase,
    /// A DRF serializer.
    Serializer,
    /// Anything else (a mixin, a view...).
    Other,
}

/// What a base class says about the class that derives from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    /// A class of a known kind: a model or serializer of the file, `django.contrib`'s `AbstractUser`.
    Known(Kind),
    /// What an ORM's models derive from and that is no model itself: `models.Model`, a declarative
    /// base (`Base = declarative_base()`, `class Base(DeclarativeBase)`, Flask-SQLAlchemy's `db.Model`).
    Root(Orm),
    /// `sqlalchemy.orm.DeclarativeBase`: the class that derives from it is a declarative base.
    DeclarativeBaseClass,
    /// `object`, a SQLAlchemy mixin (`MappedAsDataclass`), a plain class of the file.
    Neutral,
    /// A form, serializer, admin class...: not a Django model, whatever its body says.
    NotModel,
    /// Declared elsewhere, nothing known.
    Unknown,
}

/// An assignment in a class body (`name = value`, `name: annotation = value`, `name: annotation`).
#[derive(Clone, Copy, Debug)]
struct Attribute<'t> {
    name: &'t str,
    node: Node<'t>,
    annotation: Option<Node<'t>>,
    value: Option<Node<'t>>,
}

/// The members of a class body that extraction reads.
#[derive(Debug, Default)]
struct Members<'t> {
    attributes: Vec<Attribute<'t>>,
    /// The attributes of `class Meta`, when there is one.
    meta: Option<Vec<Attribute<'t>>>,
    /// `@declared_attr` methods that return a call (SQLAlchemy mixins): name, definition, call.
    declared: Vec<(&'t str, Node<'t>, Node<'t>)>,
}

impl<'t> Members<'t> {
    fn of(semantic: &Semantic<'t>, body: Node<'t>) -> Members<'t> {
        let mut members = Members::default();
        let mut cursor = body.walk();
        for statement in body.named_children(&mut cursor) {
            match statement.kind() {
                "expression_statement" => {
                    if let Some(attribute) = statement
                        .named_child(0)
                        .and_then(|a| attribute(semantic, a))
                    {
                        members.attributes.push(attribute);
                    }
                }
                "class_definition"
                    if class_name(semantic, statement) == Some(django::META_CLASS) =>
                {
                    let meta = statement
                        .field("body")
                        .map(|b| Members::of(semantic, b).attributes)
                        .unwrap_or_default();
                    members.meta = Some(meta);
                }
                "decorated_definition" => {
                    if let Some(declared) = declared_attr(semantic, statement) {
                        members.declared.push(declared);
                    }
                }
                _ => {}
            }
        }
        members
    }

    fn attribute(&self, name: &str) -> Option<&Attribute<'t>> {
        self.attributes.iter().find(|a| a.name == name)
    }

    fn meta(&self, name: &str) -> Option<&Attribute<'t>> {
        self.meta.as_ref()?.iter().find(|a| a.name == name)
    }
}

fn attribute<'t>(semantic: &Semantic<'t>, assignment: Node<'t>) -> Option<Attribute<'t>> {
    if assignment.kind() != "assignment" {
        return None;
    }
    let left = assignment.field("left")?;
    if left.kind() != "identifier" {
        return None;
    }
    let mut value = assignment.field("right");
    // `a = b = value`: the value is the innermost right-hand side.
    while let Some(inner) = value.filter(|v| v.kind() == "assignment") {
        value = inner.field("right");
    }
    Some(Attribute {
        name: semantic.text(left),
        node: assignment,
        annotation: assignment.field("type"),
        value,
    })
}

/// A `@declared_attr` method whose body returns a call: `def user(cls): return relationship("User")`.
fn declared_attr<'t>(
    semantic: &Semantic<'t>,
    decorated: Node<'t>,
) -> Option<(&'t str, Node<'t>, Node<'t>)> {
    let mut cursor = decorated.walk();
    let is_declared = decorated
        .named_children(&mut cursor)
        .filter(|d| d.kind() == "decorator")
        .any(|d| semantic.text(d).contains(sqlalchemy::DECLARED_ATTR));
    if !is_declared {
        return None;
    }
    let function = decorated.field("definition")?;
    let name = semantic.text(function.field("name")?);
    let body = function.field("body")?;
    let mut cursor = body.walk();
    let returned = body
        .named_children(&mut cursor)
        .find(|s| s.kind() == "return_statement")?
        .named_child(0)?;
    (returned.kind() == "call").then_some((name, decorated, returned))
}

fn class_name<'t>(semantic: &Semantic<'t>, class: Node<'_>) -> Option<&'t str> {
    class.field("name").map(|n| semantic.text(n))
}

/// The last dotted segment of an expression's text, without a trailing call (`models.Model` gives
/// `Model`, `sentry.Organization` gives `Organization`).
fn last_segment(text: &str) -> &str {
    let text = text.trim().trim_end_matches("()");
    text.rsplit('.').next().unwrap_or(text).trim()
}

/// The value of a plain string literal (no f-string interpolation, no implicit concatenation).
fn string_value<'t>(semantic: &Semantic<'t>, node: Node<'_>) -> Option<&'t str> {
    if node.kind() != "string" {
        return None;
    }
    let mut cursor = node.walk();
    let mut content = None;
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "string_start" | "string_end" => {}
            "string_content" if content.is_none() => content = Some(semantic.text(child)),
            _ => return None,
        }
    }
    Some(content.unwrap_or(""))
}

/// The value of the keyword argument `name` of a call.
fn keyword<'t>(semantic: &Semantic<'t>, call: Node<'t>, name: &str) -> Option<Node<'t>> {
    semantic.arguments(call).into_iter().find_map(|argument| {
        (argument.kind() == "keyword_argument"
            && argument
                .field("name")
                .is_some_and(|n| semantic.text(n) == name))
        .then(|| argument.field("value"))
        .flatten()
    })
}

/// The positional argument of a call at `index`.
fn positional<'t>(semantic: &Semantic<'t>, call: Node<'t>, index: usize) -> Option<Node<'t>> {
    semantic
        .arguments(call)
        .into_iter()
        .filter(|a| {
            !matches!(
                a.kind(),
                "keyword_argument" | "list_splat" | "dictionary_splat"
            )
        })
        .nth(index)
}

/// `True`/`False` literals.
fn boolean(node: Option<Node<'_>>) -> Option<bool> {
    match node?.kind() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A `ForeignKey(...)` of a column: what it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reference<'t> {
    /// `ForeignKey("users.id")`, `ForeignKey(users.c.id)`: a table.
    Table(&'t str),
    /// `ForeignKey(User.id)`: a mapped class.
    Class(&'t str),
}

/// The `Mapped[...]` annotation of a SQLAlchemy 2.0 attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Annotation {
    /// `WriteOnlyMapped` (never loads) or `DynamicMapped` (a query per use), else `None`.
    loading: Option<Loading>,
    /// `Mapped[List[X]]`, `Mapped[set[X]]`...: a collection.
    collection: bool,
    /// The class inside, when it names one.
    target: Option<String>,
}

struct Extractor<'s, 't> {
    semantic: &'s Semantic<'t>,
    /// What each class of the file was classified as, by the start byte of its definition.
    kinds: FxHashMap<usize, Kind>,
    /// The `__tablename__` of the file's classes, by class name.
    tables: FxHashMap<&'t str, &'t str>,
    found: FileModels,
}

impl<'t> Extractor<'_, 't> {
    fn text(&self, node: Node<'_>) -> &'t str {
        self.semantic.text(node)
    }

    fn class(&mut self, class: Node<'t>) {
        let semantic = self.semantic;
        let (Some(name), Some(body)) = (class_name(semantic, class), class.field("body")) else {
            return;
        };
        let members = Members::of(semantic, body);
        let bases = self.base_nodes(class);
        let kinds: Vec<Base> = bases.iter().map(|&b| self.base(b)).collect();
        let kind = self.classify(class, &bases, &kinds, &members);
        self.kinds.insert(class.start_byte(), kind);
        // Bases that can be models of the project: not `object`, `models.Model`, a declarative base.
        let base_names = bases
            .iter()
            .zip(&kinds)
            .filter(|(_, kind)| !matches!(kind, Base::Root(_) | Base::Neutral))
            .map(|(&b, _)| match b.kind() {
                "subscript" => b.field("value").unwrap_or(b),
                _ => b,
            })
            .map(|b| self.declared_name(b))
            .collect();
        match kind {
            Kind::Model(Orm::Django) => {
                let model = self.django_model(class, name, base_names, &members);
                self.found.models.push(model);
            }
            Kind::Model(_) => {
                let model = self.sqlalchemy_model(class, name, &bases, base_names, &members);
                self.found.models.push(model);
            }
            Kind::Serializer => {
                let serializer = self.serializer(class, name, base_names, &members);
                self.found.serializers.push(serializer);
            }
            Kind::DeclarativeBase | Kind::Other => {}
        }
    }

    /// The last segment of the name an expression was declared with (`FK` imported as
    /// `from django.db.models import ForeignKey as FK` gives `ForeignKey`), else of its text.
    fn declared_name(&self, expression: Node<'t>) -> String {
        match self.semantic.qualified_name(expression) {
            Some(name) => name.last().to_string(),
            None => last_segment(self.text(expression)).to_string(),
        }
    }

    /// The base class expressions of a class (keyword arguments such as `metaclass=` left out).
    fn base_nodes(&self, class: Node<'t>) -> Vec<Node<'t>> {
        let Some(superclasses) = class.field("superclasses") else {
            return Vec::new();
        };
        let mut cursor = superclasses.walk();
        let bases = superclasses
            .named_children(&mut cursor)
            .filter(|b| {
                !matches!(
                    b.kind(),
                    "keyword_argument" | "comment" | "list_splat" | "dictionary_splat"
                )
            })
            .collect();
        bases
    }

    /// The text of a base without generic parameters (`Generic[T]` gives `Generic`).
    fn base_text(&self, base: Node<'t>) -> &'t str {
        let base = match base.kind() {
            "subscript" => base.field("value").unwrap_or(base),
            _ => base,
        };
        self.text(base)
    }

    fn base(&self, base: Node<'t>) -> Base {
        let semantic = self.semantic;
        let text = self.base_text(base);
        if text == "object" {
            return Base::Neutral;
        }
        if base.kind() == "identifier" {
            if let Some(binding) = semantic.resolve_identifier(base) {
                let binding = semantic.binding(binding);
                if binding.kind == BindingKind::Class {
                    let kind = binding
                        .declaration
                        .parent()
                        .and_then(|class| self.kinds.get(&class.start_byte()));
                    return match kind {
                        Some(Kind::Other) | None => Base::Neutral,
                        Some(Kind::DeclarativeBase) => Base::Root(Orm::SqlAlchemy),
                        Some(&kind) => Base::Known(kind),
                    };
                }
            }
        }
        // Flask-SQLAlchemy's `db.Model`, `db` imported from the application.
        if sqlalchemy::is_flask_db_model(text) {
            return Base::Root(Orm::SqlAlchemy);
        }
        let qualified = semantic.qualified_name(base);
        // The name it was declared with, not a local alias (`from ... import Model as M`).
        let last = qualified.as_ref().map_or(last_segment(text), |q| q.last());
        if let Some(name) = &qualified {
            let name = name.as_str();
            let root = name.split('.').next().unwrap_or(name);
            if root == django::PACKAGE && last == django::MODEL_BASE {
                return Base::Root(Orm::Django);
            }
            if root == django::PACKAGE && django::ABSTRACT_MODELS.contains(&last) {
                return Base::Known(Kind::Model(Orm::Django));
            }
            // Other Django classes are expressions, fields, managers, forms, views: no models. The
            // concrete models of `django.contrib` (`auth.models.User`) are left to the body.
            if root == django::PACKAGE && !django::is_contrib_model(name) {
                return Base::NotModel;
            }
            if sqlalchemy::BASE_FACTORIES
                .iter()
                .any(|factory| name.ends_with(factory))
                || (root == sqlalchemy::FLASK_PACKAGE && last == sqlalchemy::FLASK_MODEL_BASE)
            {
                return Base::Root(Orm::SqlAlchemy);
            }
            if name.contains(sqlalchemy::PACKAGE) {
                if sqlalchemy::DECLARATIVE_BASE_CLASSES.contains(&last) {
                    return Base::DeclarativeBaseClass;
                }
                // Mixins (`MappedAsDataclass`, `AsyncAttrs`, `DeferredReflection`, test entities).
                return Base::Neutral;
            }
            if name
                .split('.')
                .any(|s| declarations::NOT_MODEL_FIELD_MODULES.contains(&s))
                && !last.ends_with(drf::SERIALIZER_SUFFIX)
            {
                return Base::NotModel;
            }
        }
        if last.ends_with(drf::SERIALIZER_SUFFIX) {
            return Base::Known(Kind::Serializer);
        }
        if declarations::NOT_MODEL_BASE_SUFFIXES
            .iter()
            .any(|s| last.ends_with(s))
        {
            return Base::NotModel;
        }
        Base::Unknown
    }

    fn classify(
        &self,
        class: Node<'t>,
        bases: &[Node<'t>],
        kinds: &[Base],
        members: &Members<'t>,
    ) -> Kind {
        let has = |kind: Base| kinds.contains(&kind);
        if has(Base::Known(Kind::Model(Orm::Django))) || has(Base::Root(Orm::Django)) {
            return Kind::Model(Orm::Django);
        }
        // Assigned, not only annotated (`__table__: FromClause` in a protocol).
        let has_table = sqlalchemy::TABLE_ATTRIBUTES
            .iter()
            .any(|name| members.attribute(name).is_some_and(|a| a.value.is_some()));
        if has(Base::DeclarativeBaseClass) || self.has_decorator(class, sqlalchemy::BASE_DECORATOR)
        {
            return if has_table {
                Kind::Model(Orm::SqlAlchemy)
            } else {
                Kind::DeclarativeBase
            };
        }
        if has(Base::Root(Orm::SqlAlchemy))
            || has(Base::Known(Kind::Model(Orm::SqlAlchemy)))
            || self.has_decorator(class, sqlalchemy::MAPPED_DECORATOR)
        {
            return Kind::Model(Orm::SqlAlchemy);
        }
        if has(Base::Known(Kind::Serializer)) {
            return Kind::Serializer;
        }
        if has(Base::NotModel) {
            return Kind::Other;
        }
        if has_table || self.has_sqlalchemy_members(members) {
            return Kind::Model(Orm::SqlAlchemy);
        }
        let derives = kinds.iter().any(|k| *k != Base::Neutral) && !bases.is_empty();
        if derives && self.has_django_members(members) {
            return Kind::Model(Orm::Django);
        }
        Kind::Other
    }

    fn has_decorator(&self, class: Node<'t>, needle: &str) -> bool {
        let Some(decorated) = class
            .parent()
            .filter(|p| p.kind() == "decorated_definition")
        else {
            return false;
        };
        let mut cursor = decorated.walk();
        let found = decorated
            .named_children(&mut cursor)
            .filter(|d| d.kind() == "decorator")
            .any(|d| {
                let text = self.text(d).trim_start_matches('@').trim();
                let text = text.split('(').next().unwrap_or(text);
                text.ends_with(needle) || (needle.starts_with('.') && text == &needle[1..])
            });
        found
    }

    /// Columns, relationships, `Mapped[...]` annotations (`column_property` and the like only join a
    /// class that has these).
    fn has_sqlalchemy_members(&self, members: &Members<'t>) -> bool {
        let declares = |call: Node<'t>| {
            matches!(
                self.sqlalchemy_call(call),
                Some(MappedAttribute::Column | MappedAttribute::Relationship)
            )
        };
        members.attributes.iter().any(|a| {
            a.value.is_some_and(declares)
                || a.annotation
                    .is_some_and(|t| mapped_annotation(self.text(t)).is_some())
        }) || members.declared.iter().any(|&(_, _, call)| declares(call))
    }

    fn has_django_members(&self, members: &Members<'t>) -> bool {
        let has_field = members
            .attributes
            .iter()
            .any(|a| a.value.is_some_and(|v| self.is_model_field(v)));
        let model_meta = members.meta.as_ref().is_some_and(|meta| {
            meta.iter().any(|a| django::META_OPTIONS.contains(&a.name))
                && !meta
                    .iter()
                    .any(|a| django::FORM_META_OPTIONS.contains(&a.name))
        });
        has_field || model_meta
    }

    /// The callee of a call by name (`ForeignKey(...)`, `models.ForeignKey(...)`) and what it resolves to
    /// through the file's imports.
    fn named_callee(&self, call: Node<'t>) -> Option<(Node<'t>, Option<QualifiedName>)> {
        if call.kind() != "call" {
            return None;
        }
        let callee = self.semantic.callee(call)?;
        if !matches!(callee.kind(), "identifier" | "attribute") {
            return None;
        }
        Some((callee, self.semantic.qualified_name(callee)))
    }

    /// What a call in a Django class body declares, when it is a model field.
    fn django_field(&self, call: Node<'t>) -> Option<FieldKind> {
        let (callee, qualified) = self.named_callee(call)?;
        let last = qualified
            .as_ref()
            .map_or(last_segment(self.text(callee)), |q| q.last());
        let kind = django::field_kind(last)?;
        if let Some(name) = &qualified {
            let name = name.as_str();
            if !django::is_django_model_field(name)
                && name
                    .split('.')
                    .any(|s| declarations::NOT_MODEL_FIELD_MODULES.contains(&s))
            {
                return None;
            }
        }
        Some(kind)
    }

    /// Whether a call declares a Django model field for sure enough to make a class whose bases are
    /// unknown a model: a relation field, or a field class from Django, from a `models`, `fields` or
    /// `db` module, or from this file (not, say, Sentry's query-config `UUIDField`).
    fn is_model_field(&self, call: Node<'t>) -> bool {
        match self.django_field(call) {
            None => false,
            Some(FieldKind::Plain) => {
                let Some(callee) = self.semantic.callee(call) else {
                    return false;
                };
                self.semantic.qualified_name(callee).is_none_or(|name| {
                    django::in_package(name.as_str())
                        || name
                            .as_str()
                            .split('.')
                            .any(|s| django::FIELD_MODULE_SEGMENTS.contains(&s))
                })
            }
            Some(_) => true,
        }
    }

    /// What a call in a SQLAlchemy class body declares, when it is a column or a relationship.
    fn sqlalchemy_call(&self, call: Node<'t>) -> Option<MappedAttribute> {
        let (callee, qualified) = self.named_callee(call)?;
        let last = qualified
            .as_ref()
            .map_or(last_segment(self.text(callee)), |q| q.last());
        // A class of this file named `Column` is not SQLAlchemy's.
        if callee.kind() == "identifier"
            && self
                .semantic
                .resolve_identifier(callee)
                .is_some_and(|b| self.semantic.binding(b).kind == BindingKind::Class)
        {
            return None;
        }
        let kind = sqlalchemy::mapped_call(last)?;
        if let Some(name) = &qualified {
            let root = name.as_str().split('.').next().unwrap_or("");
            if declarations::NOT_SQLALCHEMY_MODULES.contains(&root) {
                return None;
            }
        }
        Some(kind)
    }

    // ----- Django -----

    fn django_model(
        &self,
        class: Node<'t>,
        name: &str,
        bases: Vec<String>,
        members: &Members<'t>,
    ) -> Model {
        let mut relations = Vec::new();
        let mut fields = Vec::new();
        for attribute in &members.attributes {
            let Some(call) = attribute.value else {
                continue;
            };
            match self.django_field(call) {
                None => {}
                Some(FieldKind::Plain) => fields.push(attribute.name.to_string()),
                Some(kind) => relations.push(self.django_relation(name, attribute, call, kind)),
            }
        }
        let is_abstract =
            boolean(members.meta(django::ABSTRACT_OPTION).and_then(|a| a.value)) == Some(true);
        Model {
            name: name.to_string(),
            aliases: Vec::new(),
            orm: Orm::Django,
            path: self.semantic.path().to_path_buf(),
            span: header_span(class),
            bases,
            is_abstract,
            relations,
            fields,
        }
    }

    fn django_relation(
        &self,
        class: &str,
        attribute: &Attribute<'t>,
        call: Node<'t>,
        kind: FieldKind,
    ) -> Relation {
        let semantic = self.semantic;
        let written = match kind {
            FieldKind::GenericForeignKey => None,
            _ => keyword(semantic, call, django::TARGET_KEYWORD)
                .or_else(|| positional(semantic, call, 0)),
        };
        let target = written
            .map(|t| self.django_target(t, class))
            .unwrap_or_default();
        // `"billing.Customer"`: the app the target is declared in.
        let app_label = written
            .and_then(|t| string_value(semantic, t))
            .and_then(|value| value.rsplit_once('.'))
            .map(|(app, _)| app.to_string());
        let (cardinality, inverse_cardinality) = match kind {
            FieldKind::ForeignKey | FieldKind::GenericForeignKey | FieldKind::Plain => {
                (Cardinality::One, Cardinality::Many)
            }
            FieldKind::OneToOne => (Cardinality::One, Cardinality::One),
            FieldKind::ManyToMany => (Cardinality::Many, Cardinality::Many),
            FieldKind::GenericRelation => (Cardinality::Many, Cardinality::One),
        };
        let key_attribute = matches!(kind, FieldKind::ForeignKey | FieldKind::OneToOne)
            .then(|| format!("{}{}", attribute.name, django::KEY_ATTRIBUTE_SUFFIX));
        let related_name = match kind {
            // A generic relation has no accessor on the other side (only `related_query_name`).
            FieldKind::GenericRelation => Some(django::NO_REVERSE_ACCESSOR.to_string()),
            _ => keyword(semantic, call, django::RELATED_NAME_KEYWORD)
                .and_then(|n| string_value(semantic, n))
                .map(str::to_string),
        };
        Relation {
            name: attribute.name.to_string(),
            target,
            cardinality,
            inverse_cardinality,
            loading: Loading::Lazy,
            reverse: false,
            many_to_many: kind == FieldKind::ManyToMany,
            key_attribute,
            span: Span::from(attribute.node),
            related_name,
            target_origin: app_label,
        }
    }

    /// A Django relation target: `Customer`, `"shop.Customer"`, `"self"`, `settings.AUTH_USER_MODEL`.
    fn django_target(&self, target: Node<'t>, class: &str) -> String {
        if let Some(value) = string_value(self.semantic, target) {
            return match value {
                django::SELF_TARGET => class.to_string(),
                _ => last_segment(value).to_string(),
            };
        }
        let text = self.text(target);
        if django::USER_MODEL_REFERENCES
            .iter()
            .any(|reference| text.ends_with(reference))
        {
            return django::USER_MODEL.to_string();
        }
        last_segment(text).to_string()
    }

    // ----- SQLAlchemy -----

    fn sqlalchemy_model(
        &self,
        class: Node<'t>,
        name: &str,
        bases: &[Node<'t>],
        base_names: Vec<String>,
        members: &Members<'t>,
    ) -> Model {
        let semantic = self.semantic;
        let mut fields = Vec::new();
        let mut keys: Vec<(&str, Reference<'t>)> = Vec::new();
        for attribute in &members.attributes {
            let call = attribute.value.filter(|v| v.kind() == "call");
            match call.and_then(|c| self.sqlalchemy_call(c)) {
                Some(MappedAttribute::Column) => {
                    fields.push(attribute.name);
                    if let Some(reference) = call.and_then(|c| self.foreign_key(c)) {
                        keys.push((attribute.name, reference));
                    }
                }
                Some(MappedAttribute::Property) => fields.push(attribute.name),
                Some(MappedAttribute::Relationship) => {}
                None if attribute.value.is_none()
                    && attribute
                        .annotation
                        .and_then(|t| mapped_annotation(self.text(t)))
                        .is_some() =>
                {
                    fields.push(attribute.name);
                }
                None => {}
            }
        }
        if let Some(arguments) = members
            .attribute(sqlalchemy::TABLE_ARGS_ATTRIBUTE)
            .and_then(|a| a.value)
        {
            self.constraint_keys(arguments, &fields, &mut keys);
        }
        let mut relations = Vec::new();
        let context = SqlClass {
            name,
            fields: &fields,
            keys: &keys,
        };
        for attribute in &members.attributes {
            let Some(call) = attribute.value else {
                continue;
            };
            if self.sqlalchemy_call(call) == Some(MappedAttribute::Relationship) {
                let annotation = attribute
                    .annotation
                    .and_then(|t| mapped_annotation(self.text(t)));
                relations.push(self.sqlalchemy_relation(
                    &context,
                    attribute.name,
                    call,
                    annotation,
                    attribute.node,
                ));
            }
        }
        for &(attribute, definition, call) in &members.declared {
            if self.sqlalchemy_call(call) == Some(MappedAttribute::Relationship) {
                relations
                    .push(self.sqlalchemy_relation(&context, attribute, call, None, definition));
            }
        }
        let is_mixin = bases.iter().all(|&b| self.base_text(b) == "object");
        let is_abstract = is_mixin
            || members
                .attribute(sqlalchemy::ABSTRACT_ATTRIBUTE)
                .is_some_and(|a| boolean(a.value) == Some(true));
        Model {
            name: name.to_string(),
            aliases: Vec::new(),
            orm: Orm::SqlAlchemy,
            path: semantic.path().to_path_buf(),
            span: header_span(class),
            bases: base_names,
            is_abstract,
            relations,
            fields: fields.into_iter().map(str::to_string).collect(),
        }
    }

    /// The keys of `ForeignKeyConstraint(["child_id"], ["child.id"])` in `__table_args__`: each local
    /// column that is an attribute of the class, with the table it points at.
    fn constraint_keys(
        &self,
        arguments: Node<'t>,
        fields: &[&'t str],
        keys: &mut Vec<(&'t str, Reference<'t>)>,
    ) {
        let semantic = self.semantic;
        let mut cursor = arguments.walk();
        let constraints: Vec<Node<'t>> = match arguments.kind() {
            "tuple" | "list" => arguments.named_children(&mut cursor).collect(),
            _ => vec![arguments],
        };
        for constraint in constraints {
            let is_constraint = constraint.kind() == "call"
                && semantic.callee(constraint).is_some_and(|c| {
                    last_segment(self.text(c)) == sqlalchemy::FOREIGN_KEY_CONSTRAINT
                });
            if !is_constraint {
                continue;
            }
            let (Some(local), Some(remote)) = (
                positional(semantic, constraint, 0),
                positional(semantic, constraint, 1),
            ) else {
                continue;
            };
            let strings = |list: Node<'t>| -> Vec<&'t str> {
                let mut cursor = list.walk();
                let found = list
                    .named_children(&mut cursor)
                    .filter_map(|item| string_value(semantic, item))
                    .collect();
                found
            };
            for (column, target) in strings(local).into_iter().zip(strings(remote)) {
                let Some(field) = fields.iter().find(|f| **f == column) else {
                    continue;
                };
                if let Some((table, _)) = target.rsplit_once('.') {
                    keys.push((field, Reference::Table(last_segment(table))));
                }
            }
        }
    }

    /// The `ForeignKey(...)` among a column's arguments.
    fn foreign_key(&self, column: Node<'t>) -> Option<Reference<'t>> {
        let semantic = self.semantic;
        let key = semantic.arguments(column).into_iter().find(|a| {
            a.kind() == "call"
                && semantic
                    .callee(*a)
                    .is_some_and(|c| last_segment(self.text(c)) == sqlalchemy::FOREIGN_KEY)
        })?;
        let target = positional(semantic, key, 0)
            .or_else(|| keyword(semantic, key, sqlalchemy::FOREIGN_KEY_COLUMN_KEYWORD))?;
        let (text, quoted) = match string_value(semantic, target) {
            Some(value) => (value, true),
            None => (self.text(target), false),
        };
        let parts: Vec<&str> = text.split('.').map(str::trim).collect();
        // `users.c.id`: the table is before `c`.
        if parts.len() >= 3 && parts[parts.len() - 2] == sqlalchemy::TABLE_COLUMNS {
            return Some(Reference::Table(parts[parts.len() - 3]));
        }
        let owner = *parts.get(parts.len().checked_sub(2)?)?;
        Some(if quoted {
            Reference::Table(owner)
        } else {
            Reference::Class(owner)
        })
    }

    fn sqlalchemy_relation(
        &self,
        class: &SqlClass<'_, 't>,
        name: &str,
        call: Node<'t>,
        annotation: Option<Annotation>,
        node: Node<'t>,
    ) -> Relation {
        let semantic = self.semantic;
        let target = positional(semantic, call, 0)
            .or_else(|| keyword(semantic, call, sqlalchemy::TARGET_KEYWORD))
            .map(|t| self.sqlalchemy_target(t))
            .or_else(|| annotation.as_ref().and_then(|a| a.target.clone()))
            .unwrap_or_default();
        let many_to_many = keyword(semantic, call, sqlalchemy::SECONDARY_KEYWORD).is_some();
        let uselist = boolean(keyword(semantic, call, sqlalchemy::USELIST_KEYWORD));
        let (related_name, inverse_scalar) = self.backref(call);
        let key = (!many_to_many)
            .then(|| self.local_key(class, name, &target, call))
            .flatten();
        let cardinality = if many_to_many || uselist == Some(true) {
            Cardinality::Many
        } else if uselist == Some(false) {
            Cardinality::One
        } else if let Some(annotation) = annotation
            .as_ref()
            .filter(|a| a.target.is_some() || a.collection)
        {
            if annotation.collection {
                Cardinality::Many
            } else {
                Cardinality::One
            }
        } else if key.is_some() {
            Cardinality::One
        } else {
            Cardinality::Many
        };
        let inverse_cardinality = match cardinality {
            _ if many_to_many => Cardinality::Many,
            // The many side of a one-to-many, or a one-to-one whose key is on the other side.
            Cardinality::Many => Cardinality::One,
            Cardinality::One if key.is_some() && !inverse_scalar => Cardinality::Many,
            Cardinality::One => Cardinality::One,
        };
        let loading = match keyword(semantic, call, sqlalchemy::LAZY_KEYWORD) {
            Some(lazy) => lazy_loading(semantic, lazy),
            None => annotation
                .as_ref()
                .and_then(|a| a.loading)
                .unwrap_or(Loading::Lazy),
        };
        Relation {
            name: name.to_string(),
            target,
            cardinality,
            inverse_cardinality,
            loading,
            reverse: false,
            many_to_many,
            key_attribute: (cardinality == Cardinality::One)
                .then_some(key)
                .flatten()
                .map(str::to_string),
            span: Span::from(node),
            related_name,
            target_origin: None,
        }
    }

    /// A relationship's target: `"Order"`, `"app.models.Order"`, `Order`, `lambda: Order`.
    fn sqlalchemy_target(&self, target: Node<'t>) -> String {
        if let Some(value) = string_value(self.semantic, target) {
            return last_segment(value).to_string();
        }
        let target = match target.kind() {
            "lambda" => target.field("body").unwrap_or(target),
            _ => target,
        };
        last_segment(self.text(target)).to_string()
    }

    /// `backref="name"` or `backref=backref("name", uselist=False)`: the name, and whether that side
    /// is a scalar.
    fn backref(&self, call: Node<'t>) -> (Option<String>, bool) {
        let semantic = self.semantic;
        let Some(backref) = keyword(semantic, call, sqlalchemy::BACKREF_KEYWORD) else {
            return (None, false);
        };
        if let Some(name) = string_value(semantic, backref) {
            return (Some(name.to_string()), false);
        }
        if backref.kind() == "call" {
            let name = positional(semantic, backref, 0)
                .and_then(|n| string_value(semantic, n))
                .map(str::to_string);
            let scalar =
                boolean(keyword(semantic, backref, sqlalchemy::USELIST_KEYWORD)) == Some(false);
            return (name, scalar);
        }
        (None, false)
    }

    /// The foreign-key column of `class` that makes the relationship many-to-one, when there is one.
    fn local_key<'c>(
        &self,
        class: &SqlClass<'c, 't>,
        name: &str,
        target: &str,
        call: Node<'t>,
    ) -> Option<&'c str> {
        let semantic = self.semantic;
        if let Some(keys) = keyword(semantic, call, sqlalchemy::FOREIGN_KEYS_KEYWORD) {
            // `foreign_keys=[user_id]`, `foreign_keys="Address.user_id"`, `"[Address.user_id]"`.
            let text = string_value(semantic, keys).unwrap_or(self.text(keys));
            for reference in text.split(['[', ']', ',', '(', ')']) {
                let reference = reference.trim();
                if reference.is_empty() {
                    continue;
                }
                let (owner, column) = match reference.rsplit_once('.') {
                    Some((owner, column)) => (Some(last_segment(owner)), column),
                    None => (None, reference),
                };
                if owner.is_some_and(|o| o != class.name && o != "cls") {
                    return None;
                }
                if let Some(field) = class.fields.iter().find(|f| **f == column) {
                    return Some(field);
                }
            }
            return None;
        }
        if target == class.name {
            // Self-referential: many-to-one only with `remote_side`.
            keyword(semantic, call, sqlalchemy::REMOTE_SIDE_KEYWORD)?;
            let table = self.tables.get(class.name);
            return class
                .keys
                .iter()
                .find(|(_, r)| match r {
                    Reference::Table(t) => table.is_none_or(|own| own == t),
                    Reference::Class(c) => *c == class.name,
                })
                .map(|(column, _)| *column);
        }
        let id = format!("{name}{}", sqlalchemy::KEY_COLUMN_SUFFIX);
        let snake_id = format!("{}{}", snake_case(target), sqlalchemy::KEY_COLUMN_SUFFIX);
        class
            .keys
            .iter()
            .find(|(column, reference)| {
                *column == id
                    || *column == snake_id
                    || match reference {
                        Reference::Class(c) => *c == target,
                        Reference::Table(t) => match self.tables.get(target) {
                            Some(table) => table == t,
                            None => table_matches(t, target),
                        },
                    }
            })
            .map(|(column, _)| *column)
    }

    // ----- Django REST framework -----

    fn serializer(
        &self,
        class: Node<'t>,
        name: &str,
        bases: Vec<String>,
        members: &Members<'t>,
    ) -> Serializer {
        let semantic = self.semantic;
        let model = members
            .meta(drf::META_MODEL_OPTION)
            .and_then(|a| a.value)
            .map(|m| last_segment(self.text(m)).to_string());
        let mut fields = Vec::new();
        for attribute in &members.attributes {
            let Some(call) = attribute.value.filter(|v| v.kind() == "call") else {
                continue;
            };
            let Some(callee) = semantic.callee(call) else {
                continue;
            };
            let class = last_segment(self.text(callee));
            let nested = class.ends_with(drf::SERIALIZER_SUFFIX);
            let source = keyword(semantic, call, drf::SOURCE_KEYWORD)
                .and_then(|s| string_value(semantic, s))
                .filter(|s| *s != drf::WHOLE_OBJECT_SOURCE);
            // `PrimaryKeyRelatedField`, `SlugRelatedField`...: read the relation named like the field.
            let related = class.ends_with(drf::RELATED_FIELD_SUFFIX);
            if !nested && source.is_none() && !related {
                continue;
            }
            fields.push(SerializerField {
                name: attribute.name.to_string(),
                nested: nested.then(|| class.to_string()),
                many: boolean(keyword(semantic, call, drf::MANY_KEYWORD)) == Some(true),
                source: source.map(str::to_string),
                span: Span::from(attribute.node),
            });
        }
        Serializer {
            name: name.to_string(),
            model,
            fields,
            bases,
            path: semantic.path().to_path_buf(),
            span: header_span(class),
        }
    }
}

/// What relationship analysis needs to know of the class that declares it.
struct SqlClass<'c, 't> {
    name: &'c str,
    /// Column attributes.
    fields: &'c [&'t str],
    /// Column attributes with a `ForeignKey`, and what it points at.
    keys: &'c [(&'t str, Reference<'t>)],
}

/// The loading strategy a `lazy=` value selects.
fn lazy_loading(semantic: &Semantic<'_>, lazy: Node<'_>) -> Loading {
    let value = match lazy.kind() {
        "true" => sqlalchemy::LAZY_TRUE,
        "false" => sqlalchemy::LAZY_FALSE,
        _ => string_value(semantic, lazy).unwrap_or(sqlalchemy::LAZY_TRUE),
    };
    sqlalchemy::lazy_loading(value)
}

/// Reads a `Mapped[...]` annotation (`so.Mapped[List["Order"]]`, `Mapped[Optional["User"]]`,
/// `Mapped["User | None"]`, `WriteOnlyMapped[Order]`).
fn mapped_annotation(text: &str) -> Option<Annotation> {
    let text = unquote(text.trim());
    let (wrapper, inner) = generic(text)?;
    let wrapper = last_segment(wrapper);
    let &(_, loading) = sqlalchemy::MAPPED_ANNOTATIONS
        .iter()
        .find(|(annotation, _)| *annotation == wrapper)?;
    let mut inner = unquote(inner);
    let mut collection = loading.is_some();
    // `Optional[X]`, `X | None`, `Union[X, None]`: the row may be missing, still one.
    loop {
        if let Some((wrapper, parameters)) = generic(inner) {
            match last_segment(wrapper).to_ascii_lowercase().as_str() {
                "optional" | "union" => {
                    inner = first_non_none(parameters, ',');
                }
                wrapper
                    if matches!(
                        wrapper,
                        "list"
                            | "set"
                            | "frozenset"
                            | "sequence"
                            | "collection"
                            | "iterable"
                            | "mutablesequence"
                            | "mutableset"
                            | "tuple"
                    ) || sqlalchemy::COLLECTION_ANNOTATIONS.contains(&wrapper) =>
                {
                    collection = true;
                    inner = parameters.split(',').next().unwrap_or(parameters);
                }
                wrapper
                    if matches!(wrapper, "dict" | "mapping" | "mutablemapping")
                        || sqlalchemy::MAPPING_ANNOTATIONS.contains(&wrapper) =>
                {
                    collection = true;
                    inner = parameters.rsplit(',').next().unwrap_or(parameters);
                }
                _ => break,
            }
            inner = unquote(inner.trim());
            continue;
        }
        if inner.contains('|') {
            inner = unquote(first_non_none(inner, '|'));
            continue;
        }
        break;
    }
    let target = last_segment(unquote(inner.trim()));
    let is_class = target
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase())
        && target
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    Some(Annotation {
        loading,
        collection,
        target: is_class.then(|| target.to_string()),
    })
}

/// `Wrapper[inner]`: the wrapper and what is between the outer brackets.
fn generic(text: &str) -> Option<(&str, &str)> {
    let open = text.find('[')?;
    let inner = text[open + 1..].strip_suffix(']')?;
    Some((text[..open].trim(), inner.trim()))
}

fn unquote(text: &str) -> &str {
    let text = text.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return inner.trim();
        }
    }
    text
}

/// The first of the `separator`-separated parameters that is not `None`.
fn first_non_none(parameters: &str, separator: char) -> &str {
    parameters
        .split(separator)
        .map(str::trim)
        .find(|p| !p.is_empty() && unquote(p) != "None")
        .unwrap_or("")
}

/// `OrderItem` gives `order_item`.
fn snake_case(name: &str) -> String {
    let mut snake = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                snake.push('_');
            }
            snake.push(c.to_ascii_lowercase());
        } else {
            snake.push(c);
        }
    }
    snake
}

/// Whether a table name is the usual table of a class (`orders`, `order`, `order_items` for
/// `OrderItem`, `categories` for `Category`), underscores and case aside.
fn table_matches(table: &str, class: &str) -> bool {
    let table: String = table
        .chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let class = class.to_ascii_lowercase();
    table == class
        || table.strip_suffix('s') == Some(class.as_str())
        || table.strip_suffix("es") == Some(class.as_str())
        || (class.ends_with('y') && table.strip_suffix("ies") == Some(&class[..class.len() - 1]))
}

#[cfg(test)]
#[path = "python_tests.rs"]
mod tests;
