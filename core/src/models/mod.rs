//! The project-wide model index: every ORM model of the project and its relations, so that rules can ask
//! "is `o.customer` a relation of `Order`, and is it loaded lazily?" about code in any file.
//!
//! Built in a first pass over the files that can define models ([`may_define_models`], a byte-level
//! check). Each file contributes a [`FileModels`] value ([`extract`]); [`ModelIndex::new`] merges the
//! contributions (inheritance, reverse accessors, associations declared outside the model) into one
//! immutable value the rules read. Contributions are per file and the merge is a pure function of them,
//! so an editor can replace one file's contribution and merge again.

pub mod chain;
mod js;
mod outline;
mod python;
pub use outline::Parts;
// The concepts of model declarations are framework data (`frameworks/declarations.rs`); the index
// speaks them.
pub use crate::frameworks::declarations::{Cardinality, Loading, Orm};
pub mod per_call;
pub mod queries;
pub mod rows;

use crate::diagnostic::Span;
use crate::frameworks::django;
use crate::language::LanguageFamily;
use crate::semantic::Semantic;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// One relation attribute of a model.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Relation {
    /// The attribute on the model (`customer`, `items`, `orderitem_set`; Sequelize: the association's
    /// alias, its `as`, which also names the getter `getCustomer`).
    pub name: String,
    /// The related model, as written (`Customer`, `"shop.Customer"` normalised to `Customer`).
    pub target: String,
    /// One or many rows.
    pub cardinality: Cardinality,
    /// One or many rows on the other side: a `ForeignKey` is `One` forward and `Many` back, a
    /// one-to-one `One` both ways.
    pub inverse_cardinality: Cardinality,
    /// Whether reading it queries.
    pub loading: Loading,
    /// Whether it is the reverse side of a relation declared on the other model (Django reverse
    /// accessors, SQLAlchemy `backref`, a Sequelize association declared on the target).
    pub reverse: bool,
    /// Whether the relation goes through a join table (Django `ManyToManyField`, TypeORM `@ManyToMany`,
    /// Sequelize `belongsToMany`, SQLAlchemy `secondary=`).
    pub many_to_many: bool,
    /// The foreign-key attribute that holds the related id without a query (`customer_id`), when known.
    pub key_attribute: Option<String>,
    /// Where it is declared (in [`Model::path`], or the association's file for JavaScript).
    pub span: Span,
    /// The name the relation's other side gets on the target: Django `related_name`, SQLAlchemy
    /// `backref`/`back_populates`. `Some("+")` means none (Django).
    pub related_name: Option<String>,
    /// Where the target is declared, when the model's file says (a path without extension,
    /// `billing/models`, from the import that names the target; or a Django app label, `billing`, of
    /// `"billing.Customer"`): a model of that name declared there is the target, the nearest one only
    /// otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_origin: Option<String>,
}

/// One ORM model.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Model {
    /// The class or binding name code uses (`Order`).
    pub name: String,
    /// Other names it is known by: the Sequelize `define`/Mongoose `model` name, the Django table label.
    pub aliases: Vec<String>,
    /// Its ORM.
    pub orm: Orm,
    /// The file that declares it.
    pub path: PathBuf,
    /// The declaration's span in that file (Python: `class Name`).
    pub span: Span,
    /// Base classes, as written (their last segment): inheritance brings their relations.
    pub bases: Vec<String>,
    /// Whether it is abstract (Django `abstract = True`, SQLAlchemy `__abstract__`): not queried itself.
    pub is_abstract: bool,
    /// Its relations (after [`ModelIndex::new`]: inherited and reverse ones included).
    pub relations: Vec<Relation>,
    /// Plain (non-relation) attributes, when the ORM declares them: columns and fields.
    pub fields: Vec<String>,
}

impl Model {
    /// The relation named `attribute`.
    pub fn relation(&self, attribute: &str) -> Option<&Relation> {
        self.relations.iter().find(|r| r.name == attribute)
    }

    /// Whether `name` is this model's name or one of its aliases.
    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.aliases.iter().any(|a| a == name)
    }
}

/// A relation declared outside its model's declaration (Sequelize `Order.belongsTo(Customer, { as })`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Association {
    /// The model that gets the attribute (`Order`).
    pub source: String,
    /// The relation, seen from `source`.
    pub relation: Relation,
    /// The file that declares it.
    pub path: PathBuf,
}

/// A field of a serializer (Django REST framework) that reads through a relation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SerializerField {
    /// The field name (`customer`).
    pub name: String,
    /// The nested serializer's class name, when the field is one (`CustomerSerializer`).
    pub nested: Option<String>,
    /// Whether the nested serializer is `many=True`.
    pub many: bool,
    /// The `source=` path (`customer.name`), when given.
    pub source: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// A serializer class (DRF `ModelSerializer`), indexed so views in other files can be checked.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Serializer {
    /// The class name.
    pub name: String,
    /// `Meta.model`, when set.
    pub model: Option<String>,
    /// Its fields that may read through relations (nested serializers and dotted `source=`).
    pub fields: Vec<SerializerField>,
    /// Base classes (their last segment): fields are inherited.
    pub bases: Vec<String>,
    /// The file that declares it.
    pub path: PathBuf,
    /// Where it is declared: `class Name`.
    pub span: Span,
}

/// What one file contributes to the index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FileModels {
    /// Models declared in the file.
    pub models: Vec<Model>,
    /// Relations declared outside their model (Sequelize associations).
    pub associations: Vec<Association>,
    /// Serializers declared in the file.
    pub serializers: Vec<Serializer>,
}

impl FileModels {
    /// Whether the file contributes nothing.
    pub fn is_empty(&self) -> bool {
        self.models.is_empty() && self.associations.is_empty() && self.serializers.is_empty()
    }
}

/// Whether a file's text can declare models, relations or serializers: a cheap byte-level check done
/// before parsing, so only those files are parsed in the index pass.
pub fn may_define_models(text: &str, family: LanguageFamily) -> bool {
    match family {
        LanguageFamily::Python => python::may_define_models(text),
        LanguageFamily::JavaScript => js::may_define_models(text),
    }
}

/// What of a file's text the index needs parsed. Python modules leave out the functions and methods
/// that cannot declare a model, and need nothing when no class can; see `outline.rs`.
pub fn index_ranges(text: &str, family: LanguageFamily) -> Parts {
    match family {
        LanguageFamily::Python => outline::python_index_ranges(text),
        LanguageFamily::JavaScript => Parts::Whole,
    }
}

/// What of a Python module must be parsed to tell whether its module-level functions `names` run a
/// query on every call; the whole file for JavaScript.
pub fn function_ranges(text: &str, family: LanguageFamily, names: &[&str]) -> Parts {
    match family {
        LanguageFamily::Python => outline::python_function_ranges(text, names),
        LanguageFamily::JavaScript => Parts::Whole,
    }
}

/// What a parsed file contributes to the index.
pub fn extract(semantic: &Semantic<'_>) -> FileModels {
    let mut file = match semantic.language().family() {
        LanguageFamily::Python => python::extract(semantic),
        LanguageFamily::JavaScript => js::extract(semantic),
    };
    // A target the file imports is the model the import names (under its own name).
    for relation in file.models.iter_mut().flat_map(|m| m.relations.iter_mut()) {
        if relation.target_origin.is_some() || relation.target.is_empty() {
            continue;
        }
        if let Some((origin, imported)) = semantic.import_origin(&relation.target) {
            if let Some(imported) = imported {
                relation.target = imported.to_string();
            }
            relation.target_origin = Some(origin);
        }
    }
    file
}

/// Whether `model` is declared in the module `origin` names (a path without extension, or a
/// package or app folder above it), compared at path boundaries.
fn declared_in(model: &Model, origin: &str) -> bool {
    let path = model.path.to_string_lossy().replace('\\', "/");
    let stem = path
        .rsplit_once('.')
        .map_or(path.as_str(), |(stem, _)| stem);
    let at_boundary = |rest: &str| rest.is_empty() || rest.ends_with('/');
    stem.strip_suffix(origin).is_some_and(at_boundary)
        || stem
            .split_once(&format!("{origin}/"))
            .is_some_and(|(before, _)| at_boundary(before))
}

/// Every model of the project, with inherited and reverse relations resolved.
#[derive(Clone, Debug, Default)]
pub struct ModelIndex {
    models: Vec<Model>,
    by_name: FxHashMap<String, Vec<usize>>,
    serializers: Vec<Serializer>,
    serializers_by_name: FxHashMap<String, Vec<usize>>,
    fingerprint: u64,
}

impl ModelIndex {
    /// Merges per-file contributions (in any order: the result does not depend on it).
    pub fn new(files: impl IntoIterator<Item = FileModels>) -> ModelIndex {
        let mut models = Vec::new();
        let mut associations = Vec::new();
        let mut serializers = Vec::new();
        for file in files {
            models.extend(file.models);
            associations.extend(file.associations);
            serializers.extend(file.serializers);
        }
        models.sort_by(|a, b| (&a.path, a.span, &a.name).cmp(&(&b.path, b.span, &b.name)));
        associations.sort_by(|a, b| {
            (&a.path, a.relation.span, &a.source).cmp(&(&b.path, b.relation.span, &b.source))
        });
        serializers.sort_by(|a, b| (&a.path, a.span).cmp(&(&b.path, b.span)));
        let mut hasher = rustc_hash::FxHasher::default();
        (&models, &associations, &serializers).hash(&mut hasher);
        let fingerprint = hasher.finish();

        let mut index = ModelIndex {
            models,
            fingerprint,
            ..ModelIndex::default()
        };
        index.reindex();
        index.attach_associations(associations);
        index.inherit();
        index.add_reverse_relations();
        index.serializers = serializers;
        for (position, serializer) in index.serializers.iter().enumerate() {
            index
                .serializers_by_name
                .entry(serializer.name.clone())
                .or_default()
                .push(position);
        }
        index
    }

    fn reindex(&mut self) {
        self.by_name.clear();
        for (position, model) in self.models.iter().enumerate() {
            for name in std::iter::once(&model.name).chain(&model.aliases) {
                let entry = self.by_name.entry(name.clone()).or_default();
                if !entry.contains(&position) {
                    entry.push(position);
                }
            }
        }
    }

    /// Sequelize-style associations join the relations of their source model.
    fn attach_associations(&mut self, associations: Vec<Association>) {
        for association in associations {
            let Some(positions) = self.by_name.get(&association.source) else {
                continue;
            };
            for &position in positions.clone().iter() {
                let model = &mut self.models[position];
                if model.relation(&association.relation.name).is_none() {
                    model.relations.push(association.relation.clone());
                }
            }
        }
    }

    /// Relations of base models (Django abstract bases and multi-table parents, SQLAlchemy mixins)
    /// are relations of the models that inherit them.
    fn inherit(&mut self) {
        // Bases may themselves inherit: a few rounds reach a fixed point on any real hierarchy.
        for _ in 0..8 {
            let mut changed = false;
            for position in 0..self.models.len() {
                let mut inherited = Vec::new();
                let model = &self.models[position];
                for base in &model.bases {
                    let Some(base_model) =
                        self.nearest_position(base, model.orm, &model.path, None)
                    else {
                        continue;
                    };
                    if base_model != position {
                        inherited.extend(self.models[base_model].relations.iter().cloned());
                    }
                }
                let model = &mut self.models[position];
                for relation in inherited {
                    if model.relation(&relation.name).is_none() {
                        model.relations.push(relation);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// The other side of each declared relation, on its target: Django `related_name` or
    /// `<model>_set` (`<model>` for one-to-one), SQLAlchemy `backref`.
    fn add_reverse_relations(&mut self) {
        let mut additions: Vec<(usize, Relation)> = Vec::new();
        // An abstract model's relations reach the targets through its concrete subclasses, which
        // inherited them (with `%(class)s` expanded per subclass).
        for model in self.models.iter().filter(|m| !m.is_abstract) {
            for relation in model.relations.iter().filter(|r| !r.reverse) {
                let Some(reverse) = reverse_of(model, relation) else {
                    continue;
                };
                if let Some(target) = self.nearest_position(
                    &relation.target,
                    model.orm,
                    &model.path,
                    relation.target_origin.as_deref(),
                ) {
                    additions.push((target, reverse));
                }
            }
        }
        for (target, relation) in additions {
            let model = &mut self.models[target];
            if model.relation(&relation.name).is_none() {
                model.relations.push(relation);
            }
        }
    }

    /// The model of `orm` named `name` declared where `origin` says (a module path or app label, see
    /// [`Relation::target_origin`]), else the one declared nearest to `near` (many projects reuse a
    /// name in separate apps: Django's test apps declare dozens of `Author`s).
    fn nearest_position(
        &self,
        name: &str,
        orm: Orm,
        near: &Path,
        origin: Option<&str>,
    ) -> Option<usize> {
        let positions = self.by_name.get(name)?;
        let candidates = || {
            positions
                .iter()
                .copied()
                .filter(move |&p| self.models[p].orm == orm)
        };
        let closest = |found: Vec<usize>| {
            let model = nearest(found.iter().map(|&p| &self.models[p]), Some(near))?;
            found
                .into_iter()
                .find(|&p| std::ptr::eq(&self.models[p], model))
        };
        if let Some(origin) = origin {
            let there: Vec<usize> = candidates()
                .filter(|&p| declared_in(&self.models[p], origin))
                .collect();
            if let Some(found) = closest(there) {
                return Some(found);
            }
        }
        closest(candidates().collect())
    }

    /// All models.
    pub fn models(&self) -> &[Model] {
        &self.models
    }

    /// How many models the index holds.
    pub fn len(&self) -> usize {
        self.models.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.models.is_empty()
    }

    /// The models named `name` (class, binding or alias), of any ORM.
    pub fn models_named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Model> + 'a {
        self.by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&position| &self.models[position])
    }

    /// The model of `orm` named `name`. When several models share the name, the one declared in
    /// the file nearest to `near` (the longest common path prefix) wins.
    pub fn model(&self, orm: Orm, name: &str, near: Option<&Path>) -> Option<&Model> {
        nearest(self.models_named(name).filter(|m| m.orm == orm), near)
    }

    /// The model named `name` of any ORM: the one declared nearest to `near` (see
    /// [`model`](Self::model)).
    pub fn any_model(&self, name: &str, near: Option<&Path>) -> Option<&Model> {
        nearest(self.models_named(name), near)
    }

    /// The model of `orm` named `name`, unless the name's nearest declaration belongs to another ORM
    /// (a monorepo with a Sequelize `Post` in one service and a Bookshelf `Post` in another).
    pub fn model_of(&self, orm: Orm, name: &str, near: &Path) -> Option<&Model> {
        let nearest = self.any_model(name, Some(near))?;
        (nearest.orm == orm)
            .then(|| self.model(orm, name, Some(near)))
            .flatten()
    }

    /// The model named `name` (of `orm`, when given) that code in `semantic`'s file means: the one
    /// declared in the module it imports the name from (`from billing.models import Order`, `import {
    /// Order } from '../models/order'`, or a package above it), else the one declared nearest.
    pub fn model_as_imported(
        &self,
        orm: Option<Orm>,
        name: &str,
        semantic: &crate::semantic::Semantic<'_>,
    ) -> Option<&Model> {
        // `Order as BillingOrder`: the model is the one the import names.
        let origin = semantic.import_origin(name);
        let name = origin
            .as_ref()
            .and_then(|(_, imported)| *imported)
            .unwrap_or(name);
        let candidates = || {
            self.models_named(name)
                .filter(move |m| orm.is_none_or(|orm| m.orm == orm))
        };
        let near = Some(semantic.path());
        if let Some((origin, _)) = origin {
            let declared_there = |m: &&Model| declared_in(m, &origin);
            if let Some(model) = nearest(candidates().filter(declared_there), near) {
                return Some(model);
            }
        }
        nearest(candidates(), near)
    }

    /// The model `relation` of `model` leads to: the one of that name declared where the relation's
    /// file says ([`Relation::target_origin`]), else the nearest to `model`.
    pub fn target_of(&self, model: &Model, relation: &Relation) -> Option<&Model> {
        self.nearest_position(
            &relation.target,
            model.orm,
            &model.path,
            relation.target_origin.as_deref(),
        )
        .map(|position| &self.models[position])
    }

    /// [`model_as_imported`](Self::model_as_imported) of `orm`, unless the model the name means belongs
    /// to another ORM (see [`model_of`](Self::model_of)).
    pub fn model_of_as_imported(
        &self,
        orm: Orm,
        name: &str,
        semantic: &crate::semantic::Semantic<'_>,
    ) -> Option<&Model> {
        let meant = self.model_as_imported(None, name, semantic)?;
        (meant.orm == orm)
            .then(|| self.model_as_imported(Some(orm), name, semantic))
            .flatten()
    }

    /// The serializers named `name`.
    pub fn serializers_named<'a>(
        &'a self,
        name: &str,
    ) -> impl Iterator<Item = &'a Serializer> + 'a {
        self.serializers_by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|&position| &self.serializers[position])
    }

    /// All serializers.
    pub fn serializers(&self) -> &[Serializer] {
        &self.serializers
    }

    /// A hash of everything the index holds: results that depend on it are stale when it changes.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

/// The candidate declared nearest to `near` (the longest common path prefix; the first on a tie).
fn nearest<'a>(
    candidates: impl Iterator<Item = &'a Model>,
    near: Option<&Path>,
) -> Option<&'a Model> {
    // Migrations declare frozen copies of models (Alembic and Django data migrations): they are the
    // models of that migration only, never of the application's code.
    let in_migration = |path: &Path| {
        crate::semantic::FileKind::of(path, false) == crate::semantic::FileKind::Migration
    };
    let asking_from_migration = near.is_some_and(in_migration);
    let mut candidates =
        candidates.filter(move |m| asking_from_migration || !in_migration(&m.path));
    let first = candidates.next()?;
    let Some(near) = near else {
        return Some(first);
    };
    let closeness = |m: &Model| {
        m.path
            .components()
            .zip(near.components())
            .take_while(|(a, b)| a == b)
            .count()
    };
    Some(candidates.fold(first, |best, m| {
        if closeness(m) > closeness(best) {
            m
        } else {
            best
        }
    }))
}

/// The relation the target of `relation` gets, when the ORM creates one implicitly.
fn reverse_of(model: &Model, relation: &Relation) -> Option<Relation> {
    let related_name = relation.related_name.as_deref();
    if related_name.is_some_and(|n| n.ends_with(django::NO_REVERSE_ACCESSOR)) {
        return None;
    }
    let lower = model.name.to_lowercase();
    let name = match model.orm {
        Orm::Django => match related_name {
            Some(name) => django::RELATED_NAME_PLACEHOLDERS
                .iter()
                .fold(name.to_string(), |name, placeholder| {
                    name.replace(placeholder, &lower)
                }),
            None if relation.inverse_cardinality == Cardinality::One => lower,
            None => format!("{lower}{}", django::REVERSE_ACCESSOR_SUFFIX),
        },
        // SQLAlchemy `backref=` creates the other side; `back_populates` names a relation the target
        // declares itself, so the extractor leaves `related_name` empty for it.
        Orm::SqlAlchemy => related_name?.to_string(),
        Orm::Sequelize | Orm::TypeOrm | Orm::Mongoose | Orm::Bookshelf => return None,
    };
    Some(Relation {
        name,
        target: model.name.clone(),
        cardinality: relation.inverse_cardinality,
        inverse_cardinality: relation.cardinality,
        // The other side's loading strategy is its own (Django managers, a plain `backref`): lazy.
        loading: Loading::Lazy,
        reverse: true,
        many_to_many: relation.many_to_many,
        key_attribute: None,
        span: relation.span,
        related_name: Some(relation.name.clone()),
        target_origin: None,
    })
}

#[cfg(test)]
mod tests;
