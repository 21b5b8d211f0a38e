//! Eager loads and the fixes that add them to a query, shared by the N+1 rules: Django
//! `select_related`/`prefetch_related`, SQLAlchemy `options(joinedload(...))`, Sequelize `include`,
//! TypeORM `relations`, Bookshelf `withRelated`.

use snag_core::frameworks::orm::EagerOptions;
use snag_core::frameworks::{bookshelf, django, flask, mongoose, sequelize, sqlalchemy, typeorm};
use snag_core::models::chain::{Chain, Link};
use snag_core::models::rows::property;
use snag_core::models::{Cardinality, Model, ModelIndex, Orm, Relation};
use snag_core::semantic::Semantic;
use snag_core::NodeFields;
use snag_core::{Applicability, Edit, Fix, Span};
use tree_sitter::Node;

/// The eager load that makes a relation path free, per ORM.
pub(crate) struct EagerLoad<'m> {
    orm: Orm,
    /// Django-style path (`customer__address`).
    path: String,
    /// The relations along the path, from the query's model.
    steps: Vec<(&'m Model, &'m Relation)>,
}

impl<'m> EagerLoad<'m> {
    /// The eager load of `path` (Django spelling) on a query of `query_model`.
    pub(crate) fn for_path(
        models: &'m ModelIndex,
        query_model: &'m Model,
        path: &str,
    ) -> EagerLoad<'m> {
        let mut steps = Vec::new();
        let mut model = query_model;
        for name in path.split("__") {
            let Some(relation) = model.relation(name) else {
                break;
            };
            steps.push((model, relation));
            match models.model(model.orm, &relation.target, Some(&model.path)) {
                Some(next) => model = next,
                None => break,
            }
        }
        EagerLoad {
            orm: query_model.orm,
            path: path.to_string(),
            steps,
        }
    }

    /// The path, in Django's spelling (`customer__address`).
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Whether every relation along the path is to-one (a JOIN can load it).
    pub(crate) fn all_to_one(&self) -> bool {
        self.steps
            .iter()
            .all(|(_, r)| r.cardinality == Cardinality::One)
    }

    /// `select_related` for to-one paths, `prefetch_related` through any to-many relation.
    pub(crate) fn django_method(&self) -> &'static str {
        if self.all_to_one() {
            django::SELECT_RELATED
        } else {
            django::PREFETCH_RELATED
        }
    }

    /// The SQLAlchemy loader option (`selectinload(User.orders).joinedload(Order.customer)`).
    fn sqlalchemy_loader(&self) -> String {
        let mut loader = String::new();
        for (model, relation) in &self.steps {
            let function = match relation.cardinality {
                Cardinality::One => sqlalchemy::TO_ONE_LOADER,
                Cardinality::Many => sqlalchemy::TO_MANY_LOADER,
            };
            if !loader.is_empty() {
                loader.push('.');
            }
            loader.push_str(&format!("{function}({}.{})", model.name, relation.name));
        }
        loader
    }

    /// The path in JavaScript ORMs' spelling (`customer.address`).
    pub(crate) fn js_path(&self) -> String {
        self.path.replace("__", ".")
    }

    /// What to add to the query, for a help text.
    pub(crate) fn describe(&self, query_model: &Model) -> String {
        describe(std::slice::from_ref(self), query_model)
    }

    /// Edits that add the eager load to `query`; `None` when the query's shape is not one snag edits
    /// confidently.
    pub(crate) fn fix(&self, semantic: &Semantic<'_>, query: &Chain<'_>) -> Option<Fix> {
        fix(semantic, query, std::slice::from_ref(self))
    }
}

/// What to add to a query of `query_model` to load every one of `loads`, for a help text.
pub(crate) fn describe(loads: &[EagerLoad<'_>], query_model: &Model) -> String {
    let Some(first) = loads.first() else {
        return String::new();
    };
    let js_paths = || {
        loads
            .iter()
            .map(|l| format!("'{}'", l.js_path()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match first.orm {
        Orm::Django => format!("add `{}` to the query", django_calls(loads, '"')),
        Orm::SqlAlchemy => format!(
            "add `.{}({})` to the query",
            sqlalchemy::OPTIONS,
            sqlalchemy_loaders(loads)
        ),
        Orm::Sequelize => format!(
            "add `{}: [{}]` to `{}.{}(...)` and read the included {} instead of calling the getter",
            sequelize::EAGER_OPTIONS.key,
            js_paths(),
            query_model.name,
            sequelize::EAGER_OPTIONS.methods[0],
            loads
                .iter()
                .map(|l| format!("`{}`", l.js_path()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Orm::TypeOrm => format!(
            "add `{}: {{ {} }}` to the query",
            typeorm::EAGER_OPTIONS.key,
            loads
                .iter()
                .map(|l| format!("{}: true", l.js_path()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Orm::Bookshelf => format!(
            "add `{}: [{}]` to the query",
            bookshelf::EAGER_OPTIONS.key,
            js_paths()
        ),
        Orm::Mongoose => format!(
            "{} the query",
            loads
                .iter()
                .map(|l| format!("`.{}('{}')`", mongoose::POPULATE, l.js_path()))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    }
}

/// `.select_related("a", "b").prefetch_related("c")` for `loads`.
fn django_calls(loads: &[EagerLoad<'_>], quote: char) -> String {
    django_groups(loads)
        .iter()
        .map(|(method, paths)| {
            let arguments = paths
                .iter()
                .map(|p| format!("{quote}{p}{quote}"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(".{method}({arguments})")
        })
        .collect()
}

/// The paths of `loads` per Django method, `select_related` first.
fn django_groups<'a>(loads: &'a [EagerLoad<'_>]) -> Vec<(&'static str, Vec<&'a str>)> {
    [django::SELECT_RELATED, django::PREFETCH_RELATED]
        .into_iter()
        .map(|method| {
            let paths = loads
                .iter()
                .filter(|l| l.django_method() == method)
                .map(|l| l.path.as_str())
                .collect::<Vec<_>>();
            (method, paths)
        })
        .filter(|(_, paths)| !paths.is_empty())
        .collect()
}

fn sqlalchemy_loaders(loads: &[EagerLoad<'_>]) -> String {
    loads
        .iter()
        .map(EagerLoad::sqlalchemy_loader)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Edits that add every one of `loads` (all of the query's ORM) to `query`; `None` when the query's
/// shape is not one snag edits confidently.
pub(crate) fn fix(
    semantic: &Semantic<'_>,
    query: &Chain<'_>,
    loads: &[EagerLoad<'_>],
) -> Option<Fix> {
    let first = loads.first()?;
    let orm = first.orm;
    if loads.iter().any(|l| l.orm != orm) {
        return None;
    }
    let nested = loads.iter().any(|l| l.path.contains("__"));
    let js_values = |quote: char, js: bool| {
        loads
            .iter()
            .map(|l| {
                let path = if js { l.js_path() } else { l.path.clone() };
                format!("{quote}{path}{quote}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let edits = match orm {
        Orm::Django => django_edits(semantic, query, loads)?,
        Orm::SqlAlchemy => sqlalchemy_edits(semantic, query, loads)?,
        Orm::Sequelize if !nested => options_edits(
            semantic,
            query,
            sequelize::EAGER_OPTIONS,
            0,
            &js_values('\'', false),
        )?,
        Orm::TypeOrm if !nested => {
            let index = usize::from(
                query
                    .last()
                    .and_then(|l| l.call)
                    .and_then(|c| semantic.argument(c, 0))
                    .is_some_and(|a| a.kind() == "identifier"),
            );
            options_edits(
                semantic,
                query,
                typeorm::EAGER_OPTIONS,
                index,
                &js_values('\'', false),
            )?
        }
        Orm::Bookshelf => options_edits(
            semantic,
            query,
            bookshelf::EAGER_OPTIONS,
            0,
            &js_values('\'', true),
        )?,
        _ => return None,
    };
    Some(Fix {
        message: match orm {
            Orm::Django => format!("Add `{}`", django_calls(loads, '"')),
            Orm::SqlAlchemy => format!(
                "Add `.{}({})`",
                sqlalchemy::OPTIONS,
                sqlalchemy_loaders(loads)
            ),
            _ => format!(
                "Load {} with the rows",
                loads
                    .iter()
                    .map(|l| format!("`{}`", l.js_path()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        edits,
        applicability: Applicability::Suggestion,
    })
}

fn django_edits(
    semantic: &Semantic<'_>,
    query: &Chain<'_>,
    loads: &[EagerLoad<'_>],
) -> Option<Vec<Edit>> {
    let quote = quote_of(semantic, query);
    let mut edits = Vec::new();
    let mut inserted = String::new();
    for (method, paths) in django_groups(loads) {
        let arguments = paths
            .iter()
            .map(|p| format!("{quote}{p}{quote}"))
            .collect::<Vec<_>>()
            .join(", ");
        match query.find_call(&[method]) {
            Some(existing) => edits.push(append_argument(semantic, existing.call?, &arguments)?),
            None => inserted.push_str(&format!(".{method}({arguments})")),
        }
    }
    if !inserted.is_empty() {
        let manager = query.links.first()?;
        edits.push(Edit {
            span: Span::new(manager.node.end_byte(), manager.node.end_byte()),
            content: inserted,
        });
    }
    Some(edits)
}

fn sqlalchemy_edits(
    semantic: &Semantic<'_>,
    query: &Chain<'_>,
    loads: &[EagerLoad<'_>],
) -> Option<Vec<Edit>> {
    // Every model named in the loader must be in scope where the query is.
    let at = query.root;
    for load in loads {
        if load.steps.is_empty() {
            return None;
        }
        for (model, _) in &load.steps {
            semantic.lookup(&model.name, at)?;
        }
    }
    let loader = sqlalchemy_loaders(loads);
    let mut edits = Vec::new();
    if let Some(existing) = query.find_call(&[sqlalchemy::OPTIONS]) {
        edits.push(append_argument(semantic, existing.call?, &loader)?);
    } else {
        // After `query(Model)`, `select(Model)` or Flask-SQLAlchemy's `Model.query`.
        let session_query = query
            .links
            .iter()
            .position(|l| l.is_call(sqlalchemy::SESSION_QUERY));
        let after = match session_query {
            Some(position) => query.links[position].node,
            None if query
                .links
                .first()
                .is_some_and(|l| l.name == flask::MODEL_QUERY) =>
            {
                query.links[0].node
            }
            None if query.root.kind() == "call" => query.root,
            None => return None,
        };
        edits.push(Edit {
            span: Span::new(after.end_byte(), after.end_byte()),
            content: format!(".{}({loader})", sqlalchemy::OPTIONS),
        });
    }
    for function in [sqlalchemy::TO_ONE_LOADER, sqlalchemy::TO_MANY_LOADER] {
        if loader.contains(&format!("{function}(")) && semantic.lookup(function, at).is_none() {
            edits.push(import_edit(semantic, function)?);
        }
    }
    Some(edits)
}

/// The span of a query expression (the whole chain), for labels.
pub(crate) fn query_span(query: &Chain<'_>) -> Span {
    let end = query.links.last().map_or(query.root, |l| l.node);
    Span::new(query.root.start_byte(), end.end_byte())
}

/// The quote character the query's strings use (double unless it only uses single quotes).
fn quote_of(semantic: &Semantic<'_>, query: &Chain<'_>) -> char {
    let span = query_span(query);
    let text = &semantic.source()[span.start..span.end];
    if text.contains('\'') && !text.contains('"') {
        '\''
    } else {
        '"'
    }
}

/// Adds `argument` as the last argument of `call`.
pub(crate) fn append_argument(
    semantic: &Semantic<'_>,
    call: Node<'_>,
    argument: &str,
) -> Option<Edit> {
    let arguments = call.field("arguments")?;
    let close = arguments.end_byte() - 1;
    let has_arguments = !semantic.arguments(call).is_empty();
    let inside = &semantic.source()[arguments.start_byte() + 1..close];
    let trailing_comma = inside.trim_end().ends_with(',');
    let content = match (has_arguments, trailing_comma) {
        (false, _) => argument.to_string(),
        (true, true) => format!(" {argument}"),
        (true, false) => format!(", {argument}"),
    };
    let at = arguments.start_byte() + 1 + inside.trim_end().len();
    Some(Edit {
        span: Span::new(at, at),
        content,
    })
}

/// `from sqlalchemy.orm import <name>` after the file's last top-level import.
fn import_edit(semantic: &Semantic<'_>, name: &str) -> Option<Edit> {
    let root = semantic.root();
    let mut cursor = root.walk();
    let last_import = root
        .named_children(&mut cursor)
        .filter(|n| {
            matches!(
                n.kind(),
                "import_statement" | "import_from_statement" | "future_import_statement"
            )
        })
        .last();
    let line = format!("from {} import {name}\n", sqlalchemy::LOADERS_MODULE);
    Some(match last_import {
        Some(import) => {
            let end = import.end_byte();
            Edit {
                span: Span::new(end, end),
                content: format!("\n{}", line.trim_end()),
            }
        }
        None => Edit {
            span: Span::new(0, 0),
            content: line,
        },
    })
}

/// Adds `value` to the array property of the ORM's eager loads (`eager.key`) in the options object of
/// the query's call (the argument at `index`), creating the property or the object as needed.
fn options_edits(
    semantic: &Semantic<'_>,
    query: &Chain<'_>,
    eager: EagerOptions,
    index: usize,
    value: &str,
) -> Option<Vec<Edit>> {
    let EagerOptions { key, methods } = eager;
    let link: &Link<'_> = query.find_call(methods)?;
    let call = link.call?;
    let options = semantic.argument(call, index);
    let edit = match options {
        Some(options) if options.kind() == "object" => match property(semantic, options, key) {
            Some(existing) if existing.kind() == "array" => {
                let close = existing.end_byte() - 1;
                let inside = semantic.source()[existing.start_byte() + 1..close].trim_end();
                let at = existing.start_byte() + 1 + inside.len();
                let content = if inside.is_empty() {
                    value.to_string()
                } else if inside.ends_with(',') {
                    format!(" {value}")
                } else {
                    format!(", {value}")
                };
                Edit {
                    span: Span::new(at, at),
                    content,
                }
            }
            Some(_) => return None,
            None => {
                let open = options.start_byte() + 1;
                let empty = semantic.text(options)[1..].trim_start() == "}";
                Edit {
                    span: Span::new(open, open),
                    content: if empty {
                        format!(" {key}: [{value}] ")
                    } else {
                        format!(" {key}: [{value}],")
                    },
                }
            }
        },
        Some(_) => return None,
        None if index == 0 && semantic.arguments(call).is_empty() => {
            let arguments = call.field("arguments")?;
            let at = arguments.start_byte() + 1;
            Edit {
                span: Span::new(at, at),
                content: format!("{{ {key}: [{value}] }}"),
            }
        }
        None => return None,
    };
    Some(vec![edit])
}

/// "order" for `Order`, "order item" for `OrderItem`.
pub(crate) fn row_noun(model: &Model) -> String {
    let mut noun = String::new();
    for (i, c) in model.name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            noun.push(' ');
        }
        noun.extend(c.to_lowercase());
    }
    noun
}

/// `Customer` for `customer`.
pub(crate) fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
