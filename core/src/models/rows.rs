//! Where rows come from: trace a loop's iterable (or any expression) back to the ORM query that
//! produced it, through local variables, `list(...)`, `await`, `.all()`/`.scalars()`, destructuring and
//! relations of outer rows, and read the eager loading on that query (`select_related`,
//! `prefetch_related`, `options(selectinload(...))`, `include`, `relations`, `withRelated`).
//!
//! Eager paths use Django's spelling whatever the ORM: `customer`, `customer__address`, `items__product`.

use super::chain::{member_parts, unwrap, Chain};
use super::{Model, ModelIndex, Orm};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::frameworks::orm::EagerOptions;
use crate::frameworks::{bookshelf, django, flask, sequelize, sqlalchemy, typeorm};
use crate::semantic::{BindingId, BindingKind, LoopId, Semantic};
use tree_sitter::Node;

/// How deep variables are followed.
const MAX_DEPTH: u32 = 8;

/// Rows of a model, and the query they came from.
#[derive(Clone, Debug)]
pub struct Rows<'t, 'm> {
    /// The model of each row.
    pub model: &'m Model,
    /// The model the query selects (the rows' model, unless the rows are a relation of its rows).
    pub query_model: &'m Model,
    /// The query (its outermost expression: where a fix adds the eager load).
    pub query: Chain<'t>,
    /// Relation paths from `query_model` to these rows (`["items"]` for `o.items.all()` of an order).
    pub prefix: Vec<String>,
    /// Relation paths the query loads eagerly, from `query_model` (`customer__address`); `*` means
    /// every one-to-one and many-to-one relation (`select_related()` without arguments, `{ all: true }`).
    pub eager: Vec<String>,
    /// Rows are dictionaries or tuples (`.values()`, `.values_list()`, `.lean()`, `raw: true`), not
    /// model instances: they have no relations to load.
    pub plain: bool,
}

impl<'t, 'm> Rows<'t, 'm> {
    /// Rows of `model` straight from `query` (not through a relation of other rows).
    fn of_query(model: &'m Model, query: Chain<'t>, eager: Vec<String>, plain: bool) -> Self {
        Rows {
            model,
            query_model: model,
            query,
            prefix: Vec::new(),
            eager,
            plain,
        }
    }

    /// The full path (from the query's model) of a relation path below these rows.
    pub fn full_path(&self, path: &[&str]) -> String {
        self.prefix
            .iter()
            .map(String::as_str)
            .chain(path.iter().copied())
            .collect::<Vec<_>>()
            .join("__")
    }

    /// Whether the query loads `path` (a full path) eagerly.
    pub fn is_eager(&self, path: &str, one: bool) -> bool {
        self.eager.iter().any(|e| {
            e == path
                || e.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with("__"))
                || (one && e == "*" && !path.contains("__"))
        })
    }
}

/// The rows of a loop's elements: the rows of the collection it walks.
pub fn loop_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    loop_id: LoopId,
) -> Option<Rows<'t, 'm>> {
    if models.is_empty() {
        return None;
    }
    let iterable = semantic.loop_(loop_id).iterable?;
    collection_rows(semantic, models, iterable, 1)
}

/// The loop whose element `reference` (a use of `binding`) is: the loop that binds it, or, when a
/// later loop of the same function binds the same name again (`for o in a: ...` then `for o in b:
/// ...`: one Python variable), the loop around `reference` that does.
pub fn element_loop_at(
    semantic: &Semantic<'_>,
    binding: BindingId,
    reference: Node<'_>,
) -> Option<LoopId> {
    let first = loop_of_element(semantic, binding)?;
    if semantic.loop_(first).region.contains(Span::from(reference)) {
        return Some(first);
    }
    let name = semantic.text(semantic.binding(binding).declaration);
    semantic.loops_around(reference).find(|&id| {
        semantic
            .loop_(id)
            .variable
            .is_some_and(|v| v.kind() == "identifier" && semantic.text(v) == name)
    })
}

/// The loop whose element `binding` is: a `for` variable, or the first parameter of a per-element
/// callback (`orders.forEach(o => ...)`).
pub fn loop_of_element(semantic: &Semantic<'_>, binding: BindingId) -> Option<LoopId> {
    let declared = semantic.binding(binding);
    match declared.kind {
        BindingKind::LoopVariable(id) => {
            // `for k, v in ...` and destructured elements are not rows.
            let variable = semantic.loop_(id).variable?;
            (variable.id() == declared.declaration.id()).then_some(id)
        }
        BindingKind::Parameter => {
            let function = semantic.function(semantic.function_at(declared.declaration)?);
            let id = function.loop_callback?;
            let parameters = function.node.field("parameters").or_else(|| {
                // `o => ...`: the single parameter is the `parameter` field.
                function.node.field("parameter")
            })?;
            let first = if parameters.kind() == "identifier" {
                parameters
            } else {
                let mut cursor = parameters.walk();
                let first = parameters
                    .named_children(&mut cursor)
                    .find(|n| n.kind() != "comment")?;
                first
                    .field("pattern")
                    .or_else(|| first.field("name"))
                    .unwrap_or(first)
            };
            (first.id() == declared.declaration.id()).then_some(id)
        }
        _ => None,
    }
}

/// The rows of a collection expression: a query, a variable holding one, or a relation of outer rows
/// (`o.items.all()` inside a loop over orders).
pub fn collection_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    expression: Node<'t>,
    depth: u32,
) -> Option<Rows<'t, 'm>> {
    if depth > MAX_DEPTH || models.is_empty() {
        return None;
    }
    let expression = unwrap(expression);
    match expression.kind() {
        "identifier" => {
            let binding = semantic.resolve_identifier(expression)?;
            let declared = semantic.binding(binding);
            if declared.kind != BindingKind::Variable {
                return None;
            }
            let value = declared.value?;
            let rows = match declared.destructured.as_deref() {
                None => collection_rows(semantic, models, value, depth + 1),
                // `const { rows } = await Order.findAndCountAll(...)`.
                Some([rows]) if *rows == sequelize::COUNTED_ROWS => {
                    collection_rows(semantic, models, value, depth + 1)
                }
                // `const [orders, total] = await repo.findAndCount(...)`.
                Some(["0"]) => collection_rows(semantic, models, value, depth + 1),
                Some(_) => None,
            }?;
            if !declared.reassigned {
                return Some(rows);
            }
            with_reassignments(semantic, models, binding, rows, expression, depth)
        }
        "call" | "call_expression" => {
            if let Some(inner) = passthrough_argument(semantic, expression) {
                return collection_rows(semantic, models, inner, depth + 1);
            }
            query_rows(semantic, models, expression, depth)
                .or_else(|| relation_rows(semantic, models, expression, depth))
        }
        "attribute" | "member_expression" | "subscript" | "subscript_expression" => {
            // A Bookshelf collection's rows: `posts.models`.
            if let Some((object, property)) = member_parts(expression) {
                if expression.kind() == "member_expression"
                    && semantic.text(property) == bookshelf::COLLECTION_MODELS
                    && object.kind() == "identifier"
                {
                    return collection_rows(semantic, models, object, depth + 1)
                        .filter(|rows| rows.model.orm == Orm::Bookshelf);
                }
            }
            query_rows(semantic, models, expression, depth)
                .or_else(|| relation_rows(semantic, models, expression, depth))
        }
        _ => None,
    }
}

/// The rows of a variable assigned again before `use`: `qs = qs.select_related("organization")`
/// refines the query (its eager loads count); any other reassignment makes the rows unknown.
fn with_reassignments<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    binding: BindingId,
    mut rows: Rows<'t, 'm>,
    usage: Node<'t>,
    depth: u32,
) -> Option<Rows<'t, 'm>> {
    let declaration = semantic.binding(binding).declaration;
    let mut combined = rows.query.clone();
    for reference in semantic.references(binding, semantic.root()) {
        if reference.id() == declaration.id() || reference.start_byte() >= usage.start_byte() {
            continue;
        }
        let Some(parent) = semantic.parent(reference) else {
            continue;
        };
        let value = match parent.kind() {
            "assignment" | "assignment_expression" if parent.field("left") == Some(reference) => {
                parent.field("right")?
            }
            "augmented_assignment" | "augmented_assignment_expression" => return None,
            _ => continue,
        };
        // `qs = list(qs)` keeps the rows as they are.
        let value = match passthrough_argument(semantic, unwrap(value)) {
            Some(inner) => inner,
            None => value,
        };
        let refinement = Chain::of(semantic, value);
        let same_variable = refinement.root.kind() == "identifier"
            && semantic.resolve_identifier(refinement.root) == Some(binding);
        if !same_variable {
            return None;
        }
        if refinement.links.is_empty() {
            continue;
        }
        // Refinements build on each other: `qs = qs.select_related(..)`, then `qs = qs.filter(..)`.
        combined.links.extend(refinement.links);
        let refined = rows_of_chain(semantic, models, &combined, depth + 1)?;
        rows.eager = refined.eager;
        rows.plain = refined.plain;
    }
    Some(rows)
}

/// `list(qs)`, `sorted(qs, key=...)`, `Array.from(rows)`: the collection inside.
fn passthrough_argument<'t>(semantic: &Semantic<'t>, call: Node<'t>) -> Option<Node<'t>> {
    let callee = semantic.callee(call)?;
    let name = match callee.kind() {
        "identifier" => semantic.text(callee),
        "member_expression" => {
            let (object, property) = member_parts(callee)?;
            if semantic.text(object) != "Array" || semantic.text(property) != "from" {
                return None;
            }
            "Array.from"
        }
        _ => return None,
    };
    if !matches!(
        name,
        "list" | "tuple" | "sorted" | "reversed" | "set" | "Array.from"
    ) || semantic.resolve_identifier(callee).is_some()
    {
        return None;
    }
    semantic
        .argument(call, 0)
        .filter(|a| a.kind() != "keyword_argument")
}

/// Rows that are a to-many relation of outer rows: `o.items.all()`, `o.items` (SQLAlchemy), `for i in
/// order.items.filter(...)`.
fn relation_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    expression: Node<'t>,
    depth: u32,
) -> Option<Rows<'t, 'm>> {
    let chain = Chain::of(semantic, expression);
    if chain.root.kind() != "identifier" {
        return None;
    }
    let relation_link = chain.links.first()?;
    if relation_link.call.is_some() {
        return None;
    }
    let outer_binding = semantic.resolve_identifier(chain.root)?;
    let outer_loop = element_loop_at(semantic, outer_binding, chain.root)?;
    let outer_iterable = semantic.loop_(outer_loop).iterable?;
    let outer = collection_rows(semantic, models, outer_iterable, depth + 1)?;
    if outer.plain {
        return None;
    }
    let relation = outer.model.relation(relation_link.name)?;
    let target = models.target_of(outer.model, relation)?;
    // Only reading the related rows as they are keeps the outer query's eager loads meaningful.
    let rest: Vec<&str> = chain.names().skip(1).collect();
    let as_is = match outer.model.orm {
        Orm::Django => rest == [django::RELATED_ROWS],
        _ => rest.is_empty(),
    };
    if !as_is {
        return None;
    }
    let mut prefix = outer.prefix.clone();
    prefix.push(relation.name.clone());
    Some(Rows {
        model: target,
        query_model: outer.query_model,
        query: outer.query,
        prefix,
        eager: outer.eager,
        plain: false,
    })
}

/// Rows produced directly by a query chain, per ORM.
fn query_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    expression: Node<'t>,
    depth: u32,
) -> Option<Rows<'t, 'm>> {
    rows_of_chain(semantic, models, &Chain::of(semantic, expression), depth)
}

fn rows_of_chain<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    chain: &Chain<'t>,
    depth: u32,
) -> Option<Rows<'t, 'm>> {
    django_rows(semantic, models, chain)
        .or_else(|| sqlalchemy_rows(semantic, models, chain, depth))
        .or_else(|| sequelize_rows(semantic, models, chain))
        .or_else(|| bookshelf_rows(semantic, models, chain))
        .or_else(|| typeorm_rows(semantic, models, chain, depth))
}

/// The model a name in code stands for (through imports: `from shop.models import Order as O`).
fn model_named<'m>(
    semantic: &Semantic<'_>,
    models: &'m ModelIndex,
    orm: Orm,
    node: Node<'_>,
) -> Option<&'m Model> {
    let text = semantic.text(node);
    let name = match node.kind() {
        "identifier" => semantic
            .qualified_name(node)
            .map(|q| q.last().to_string())
            .unwrap_or_else(|| text.to_string()),
        "attribute" | "member_expression" => {
            member_parts(node).map(|(_, property)| semantic.text(property).to_string())?
        }
        "string" => string_value(semantic, node)?
            .rsplit('.')
            .next()?
            .to_string(),
        _ => return None,
    };
    // The name as written first: an import under another name (`Order as BillingOrder`) says which
    // module's model it is.
    let written = (node.kind() == "identifier")
        .then(|| models.model_of_as_imported(orm, text, semantic))
        .flatten();
    written
        .or_else(|| models.model_of_as_imported(orm, &name, semantic))
        .or_else(|| models.model_of_as_imported(orm, text, semantic))
}

/// `Order.objects.filter(...).select_related("customer")[:50]`.
fn django_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    chain: &Chain<'t>,
) -> Option<Rows<'t, 'm>> {
    if chain.root.kind() != "identifier" {
        return None;
    }
    let model = model_named(semantic, models, Orm::Django, chain.root)?;
    let (manager, rest) = chain.links.split_first()?;
    if manager.call.is_some() || manager.is_subscript || rest.is_empty() {
        return None;
    }
    let mut eager = Vec::new();
    let mut plain = false;
    for link in rest {
        if link.is_subscript {
            continue;
        }
        let call = link.call?;
        if !django::keeps_rows(link.name) {
            return None;
        }
        match link.name {
            django::SELECT_RELATED => {
                let arguments = semantic.arguments(call);
                if arguments.is_empty() {
                    eager.push("*".to_string());
                }
                eager.extend(arguments.iter().filter_map(|a| string_value(semantic, *a)));
            }
            django::PREFETCH_RELATED => {
                for argument in semantic.arguments(call) {
                    let path = string_value(semantic, argument).or_else(|| {
                        // `Prefetch("items", queryset=...)`.
                        let callee = semantic.callee(argument)?;
                        (semantic.text(callee).ends_with(django::PREFETCH))
                            .then(|| semantic.argument(argument, 0))
                            .flatten()
                            .and_then(|p| string_value(semantic, p))
                    });
                    eager.extend(path);
                }
            }
            method if django::PLAIN_ROWS.contains(&method) => plain = true,
            _ => {}
        }
    }
    // `Order.objects.all()` and friends; a bare manager is not iterable.
    rest.last()?;
    Some(Rows::of_query(model, chain.clone(), eager, plain))
}

/// Whether a call prefetches Django relations: a queryset's `.prefetch_related(...)`, a `Prefetch(...)`
/// lookup or `prefetch_related_objects(...)`, resolved through imports (`from django.db.models import
/// Prefetch`, `models.Prefetch`).
pub fn is_django_prefetch(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    let Some(callee) = semantic.callee(call).map(unwrap) else {
        return false;
    };
    let is_helper =
        |name: &str| matches!(name, django::PREFETCH | django::PREFETCH_RELATED_OBJECTS);
    let is_django_helper = || {
        semantic.callee_name(call).is_some_and(|name| {
            is_helper(name.last())
                && name
                    .parent()
                    .is_some_and(|module| django::PREFETCH_MODULES.contains(&module))
        })
    };
    match member_parts(callee) {
        Some((_, property)) => {
            let property = semantic.text(property);
            if property == django::PREFETCH_RELATED {
                true
            } else {
                is_helper(property) && is_django_helper()
            }
        }
        // An imported name, perhaps renamed (`from django.db.models import Prefetch as P`).
        None => callee.kind() == "identifier" && is_django_helper(),
    }
}

/// Whether code in `span` prefetches Django relations (see [`is_django_prefetch`]).
pub fn prefetches_within(semantic: &Semantic<'_>, span: Span) -> bool {
    semantic
        .calls_in(span)
        .any(|call| is_django_prefetch(semantic, call))
}

/// `session.query(User).options(...).all()`, `session.scalars(select(User).options(...))`,
/// `session.execute(stmt).scalars().all()`, Flask-SQLAlchemy `User.query.filter_by(...).all()`.
fn sqlalchemy_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    chain: &Chain<'t>,
    depth: u32,
) -> Option<Rows<'t, 'm>> {
    const PASS: &[&str] = sqlalchemy::ROWS_QUERY_METHODS;
    // Flask-SQLAlchemy: `User.query....`.
    if chain.root.kind() == "identifier"
        && chain
            .links
            .first()
            .is_some_and(|l| l.name == flask::MODEL_QUERY && l.call.is_none())
    {
        let model = model_named(semantic, models, Orm::SqlAlchemy, chain.root)?;
        return sqlalchemy_finish(semantic, model, chain, &chain.links[1..], PASS);
    }
    // `session.query(User)...`
    if let Some(position) = chain
        .links
        .iter()
        .position(|l| l.is_call(sqlalchemy::SESSION_QUERY))
    {
        let call = chain.links[position].call?;
        let first = semantic.argument(call, 0)?;
        let model = model_named(semantic, models, Orm::SqlAlchemy, first)?;
        return sqlalchemy_finish(semantic, model, chain, &chain.links[position + 1..], PASS);
    }
    // `select(User)...` possibly wrapped: `session.scalars(stmt)`, `session.execute(stmt).scalars()`.
    let (statement, rest, needs_scalars) = if let Some(position) = chain
        .links
        .iter()
        .position(|l| l.is_call(sqlalchemy::SCALARS) || l.is_call(sqlalchemy::EXECUTE))
    {
        let link = &chain.links[position];
        let call = link.call?;
        let statement = semantic.argument(call, 0)?;
        let scalars_later = chain.links[position + 1..]
            .iter()
            .any(|l| l.is_call(sqlalchemy::SCALARS));
        (
            statement,
            &chain.links[position + 1..],
            link.name == sqlalchemy::EXECUTE && !scalars_later,
        )
    } else {
        return None;
    };
    if needs_scalars {
        return None;
    }
    let statement = resolve_value(semantic, statement, depth)?;
    let select = Chain::of(semantic, statement);
    let select_call = unwrap(select.root);
    if !matches!(select_call.kind(), "call") {
        return None;
    }
    let callee = semantic.callee(select_call)?;
    if semantic.text(callee).rsplit('.').next() != Some(sqlalchemy::SELECT) {
        return None;
    }
    let model = model_named(
        semantic,
        models,
        Orm::SqlAlchemy,
        semantic.argument(select_call, 0)?,
    )?;
    let mut eager = Vec::new();
    for link in &select.links {
        if link.is_call(sqlalchemy::OPTIONS) {
            eager.extend(sqlalchemy_options(semantic, link.call?));
        }
    }
    for link in rest {
        if !PASS.contains(&link.name) {
            return None;
        }
    }
    Some(Rows::of_query(model, select, eager, false))
}

fn sqlalchemy_finish<'t, 'm>(
    semantic: &Semantic<'t>,
    model: &'m Model,
    chain: &Chain<'t>,
    rest: &[super::chain::Link<'t>],
    pass: &[&str],
) -> Option<Rows<'t, 'm>> {
    let mut eager = Vec::new();
    for link in rest {
        if link.is_subscript {
            continue;
        }
        if !pass.contains(&link.name) {
            return None;
        }
        if link.is_call(sqlalchemy::OPTIONS) {
            eager.extend(sqlalchemy_options(semantic, link.call?));
        }
    }
    Some(Rows::of_query(model, chain.clone(), eager, false))
}

/// Eager paths of `options(joinedload(User.orders).selectinload(Order.items), subqueryload("x"))`.
fn sqlalchemy_options(semantic: &Semantic<'_>, options: Node<'_>) -> Vec<String> {
    let mut paths = Vec::new();
    for argument in semantic.arguments(options) {
        let chain = Chain::of(semantic, argument);
        let mut path: Vec<String> = Vec::new();
        let mut steps: Vec<(&str, Node<'_>)> = Vec::new();
        if chain.root.kind() == "call" {
            if let Some(callee) = semantic.callee(chain.root) {
                let name = semantic.text(callee).rsplit('.').next().unwrap_or("");
                steps.push((name, chain.root));
            }
        }
        for link in &chain.links {
            if let Some(call) = link.call {
                steps.push((link.name, call));
            }
        }
        for (name, call) in steps {
            let is_eager = sqlalchemy::EAGER_LOADERS.contains(&name);
            if !is_eager && name != sqlalchemy::PATH_LOADER {
                break;
            }
            for attribute in semantic.arguments(call) {
                let segment = match attribute.kind() {
                    "attribute" => {
                        member_parts(attribute).map(|(_, p)| semantic.text(p).to_string())
                    }
                    _ => string_value(semantic, attribute),
                };
                if let Some(segment) = segment {
                    path.push(segment);
                }
            }
            if is_eager {
                paths.push(path.join("__"));
            }
        }
    }
    paths
}

/// `Order.findAll({ include: [...] })`, `findAndCountAll`, scopes.
fn sequelize_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    chain: &Chain<'t>,
) -> Option<Rows<'t, 'm>> {
    let (model, rest) = model_and_rest(semantic, models, Orm::Sequelize, chain)?;
    let (query, tail) = rest.split_first()?;
    let eager_options = sequelize::EAGER_OPTIONS;
    if !eager_options.methods.contains(&query.name) || query.call.is_none() {
        return None;
    }
    if !tail.is_empty() {
        return None;
    }
    let options = semantic.argument(query.call?, 0);
    let mut eager = Vec::new();
    let mut plain = false;
    if let Some(options) = options.filter(|o| o.kind() == "object") {
        if let Some(include) = property(semantic, options, eager_options.key) {
            sequelize_includes(semantic, models, model, include, "", &mut eager);
        }
        plain = property(semantic, options, sequelize::RAW_ROWS_OPTION)
            .is_some_and(|r| semantic.text(r) == "true");
    }
    Some(Rows::of_query(model, chain.clone(), eager, plain))
}

fn sequelize_includes(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    model: &Model,
    include: Node<'_>,
    prefix: &str,
    eager: &mut Vec<String>,
) {
    let items: Vec<Node<'_>> = if include.kind() == "array" {
        let mut cursor = include.walk();
        include
            .named_children(&mut cursor)
            .filter(|n| n.kind() != "comment")
            .collect()
    } else {
        vec![include]
    };
    for item in items {
        let (name, nested) = match item.kind() {
            "string" => (string_value(semantic, item), None),
            "identifier" | "member_expression" => (
                relation_to(semantic, model, item).map(|r| r.to_string()),
                None,
            ),
            "object" => {
                if property(semantic, item, sequelize::INCLUDE_ALL).is_some() {
                    eager.push("*".to_string());
                    continue;
                }
                let alias = sequelize::INCLUDE_ASSOCIATION_KEYS
                    .iter()
                    .find_map(|key| property(semantic, item, key))
                    .and_then(|a| string_value(semantic, a));
                let name = alias.or_else(|| {
                    property(semantic, item, sequelize::INCLUDE_MODEL)
                        .and_then(|m| relation_to(semantic, model, m))
                        .map(str::to_string)
                });
                (name, property(semantic, item, sequelize::EAGER_OPTIONS.key))
            }
            _ => (None, None),
        };
        let Some(name) = name else { continue };
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}__{name}")
        };
        eager.push(path.clone());
        if let Some(nested) = nested {
            let target = model
                .relation(&name)
                .and_then(|r| models.target_of(model, r));
            if let Some(target) = target {
                sequelize_includes(semantic, models, target, nested, &path, eager);
            }
        }
    }
}

/// The name of `model`'s relation whose target is the model `node` names.
fn relation_to<'m>(semantic: &Semantic<'_>, model: &'m Model, node: Node<'_>) -> Option<&'m str> {
    let name = match node.kind() {
        "member_expression" => semantic.text(member_parts(node)?.1),
        _ => semantic.text(node),
    };
    model
        .relations
        .iter()
        .find(|r| r.target == name)
        .map(|r| r.name.as_str())
}

/// Bookshelf: `Post.findAll({ withRelated: [...] })`, `models.Post.fetchAll(...)`, `.models`.
fn bookshelf_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    chain: &Chain<'t>,
) -> Option<Rows<'t, 'm>> {
    let (model, rest) = model_and_rest(semantic, models, Orm::Bookshelf, chain)?;
    let EagerOptions { key, methods } = bookshelf::EAGER_OPTIONS;
    let position = rest
        .iter()
        .position(|l| l.call.is_some() && methods.contains(&l.name))?;
    if rest[position + 1..]
        .iter()
        .any(|l| l.name != bookshelf::COLLECTION_MODELS)
    {
        return None;
    }
    let mut eager = Vec::new();
    for link in &rest[..=position] {
        let Some(call) = link.call else { continue };
        for argument in semantic.arguments(call) {
            if argument.kind() == "object" {
                if let Some(related) = property(semantic, argument, key) {
                    eager.extend(
                        strings_of(semantic, related)
                            .into_iter()
                            .map(|s| s.replace('.', "__")),
                    );
                }
            }
        }
    }
    Some(Rows::of_query(model, chain.clone(), eager, false))
}

/// TypeORM: `repo.find({ relations })`, `manager.find(Order, {...})`, `Order.find(...)`, query builders.
fn typeorm_rows<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    chain: &Chain<'t>,
    depth: u32,
) -> Option<Rows<'t, 'm>> {
    let last = chain.links.last()?;
    let call = last.call?;
    let mut eager = Vec::new();
    let eager_options = typeorm::EAGER_OPTIONS;
    let (model, options) = if eager_options.methods.contains(&last.name) {
        let receiver = if chain.links.len() >= 2 {
            chain.links[chain.links.len() - 2].node
        } else {
            chain.root
        };
        // `manager.find(Order, options)`.
        let first = semantic.argument(call, 0);
        let by_argument = first.and_then(|f| model_named(semantic, models, Orm::TypeOrm, f));
        match by_argument {
            Some(model) => (model, semantic.argument(call, 1)),
            None => (repository_model(semantic, models, receiver, depth)?, first),
        }
    } else if typeorm::QUERY_BUILDER_ROWS.contains(&last.name) {
        let builder = chain
            .links
            .iter()
            .position(|l| l.is_call(typeorm::QUERY_BUILDER))?;
        let receiver = if builder == 0 {
            chain.root
        } else {
            chain.links[builder - 1].node
        };
        let model = repository_model(semantic, models, receiver, depth)?;
        for link in &chain.links[builder + 1..] {
            if typeorm::EAGER_JOINS.contains(&link.name) {
                if let Some(path) = link
                    .call
                    .and_then(|c| semantic.argument(c, 0))
                    .and_then(|a| string_value(semantic, a))
                {
                    if let Some((_, relation)) = path.split_once('.') {
                        eager.push(relation.to_string());
                    }
                }
            }
        }
        (model, None)
    } else {
        return None;
    };
    if let Some(options) = options.filter(|o| o.kind() == "object") {
        if let Some(relations) = property(semantic, options, eager_options.key) {
            typeorm_relations(semantic, relations, "", &mut eager);
        }
    }
    Some(Rows::of_query(model, chain.clone(), eager, false))
}

/// `relations: ['customer', 'items.product']` or `relations: { customer: true, items: { product: true } }`.
fn typeorm_relations(
    semantic: &Semantic<'_>,
    relations: Node<'_>,
    prefix: &str,
    eager: &mut Vec<String>,
) {
    match relations.kind() {
        "array" => {
            for path in strings_of(semantic, relations) {
                let path = path.replace('.', "__");
                eager.push(if prefix.is_empty() {
                    path
                } else {
                    format!("{prefix}__{path}")
                });
            }
        }
        "object" => {
            let mut cursor = relations.walk();
            for pair in relations.named_children(&mut cursor) {
                let (key, value) = match pair.kind() {
                    "pair" => (pair.field("key"), pair.field("value")),
                    "shorthand_property_identifier" => (Some(pair), None),
                    _ => continue,
                };
                let Some(key) = key else { continue };
                let name =
                    string_value(semantic, key).unwrap_or_else(|| semantic.text(key).to_string());
                let path = if prefix.is_empty() {
                    name
                } else {
                    format!("{prefix}__{name}")
                };
                match value {
                    Some(v) if v.kind() == "false" => continue,
                    Some(v) if v.kind() == "object" => {
                        eager.push(path.clone());
                        typeorm_relations(semantic, v, &path, eager);
                    }
                    _ => eager.push(path),
                }
            }
        }
        _ => {}
    }
}

/// The entity of a TypeORM repository expression: `getRepository(Order)`, `ds.getRepository(Order)`,
/// a variable holding one, `this.orders` declared `Repository<Order>`, or an entity class itself
/// (`Order.find()` on a `BaseEntity`).
fn repository_model<'m>(
    semantic: &Semantic<'_>,
    models: &'m ModelIndex,
    receiver: Node<'_>,
    depth: u32,
) -> Option<&'m Model> {
    if depth > MAX_DEPTH {
        return None;
    }
    let receiver = unwrap(receiver);
    match receiver.kind() {
        "call_expression" => {
            let callee = semantic.callee(receiver)?;
            let name = semantic.text(callee).rsplit('.').next()?;
            if !typeorm::ENTITY_REPOSITORY_GETTERS.contains(&name) {
                return None;
            }
            model_named(
                semantic,
                models,
                Orm::TypeOrm,
                semantic.argument(receiver, 0)?,
            )
        }
        "identifier" => {
            if let Some(model) = model_named(semantic, models, Orm::TypeOrm, receiver) {
                return Some(model);
            }
            let binding = semantic.resolve_identifier(receiver)?;
            let declared = semantic.binding(binding);
            if let Some(annotation) = declared.annotation {
                return repository_type(semantic, models, annotation);
            }
            repository_model(semantic, models, declared.value?, depth + 1)
        }
        "member_expression" => {
            let (object, property) = member_parts(receiver)?;
            if object.kind() != "this" {
                return None;
            }
            let name = semantic.text(property);
            let class = semantic.function(semantic.function_at(receiver)?).class?;
            class_member_type(semantic, models, class, name)
        }
        _ => None,
    }
}

/// The entity of a `Repository<Order>` type annotation.
fn repository_type<'m>(
    semantic: &Semantic<'_>,
    models: &'m ModelIndex,
    annotation: Node<'_>,
) -> Option<&'m Model> {
    let text = semantic.text(annotation);
    let inner = text
        .split_once(typeorm::REPOSITORY_TYPE)?
        .1
        .split('>')
        .next()?
        .trim();
    models.model_as_imported(Some(Orm::TypeOrm), inner, semantic)
}

/// The entity of a class field or constructor parameter property typed `Repository<Order>`.
fn class_member_type<'m>(
    semantic: &Semantic<'_>,
    models: &'m ModelIndex,
    class: Node<'_>,
    name: &str,
) -> Option<&'m Model> {
    let mut stack = vec![class.field("body")?];
    let mut cursor = class.walk();
    while let Some(node) = stack.pop() {
        let declared_name = match node.kind() {
            "public_field_definition" => node.field("name"),
            "required_parameter" | "optional_parameter" => node.field("pattern"),
            _ => None,
        };
        if declared_name.is_some_and(|n| semantic.text(n) == name) {
            if let Some(model) = node
                .field("type")
                .and_then(|t| repository_type(semantic, models, t))
            {
                return Some(model);
            }
        }
        if !matches!(
            node.kind(),
            "class_body" | "method_definition" | "formal_parameters"
        ) {
            continue;
        }
        stack.extend(node.named_children(&mut cursor));
    }
    None
}

/// The model a chain starts from (`Order.` or `models.Order.`) and the links after it.
fn model_and_rest<'a, 't, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    orm: Orm,
    chain: &'a Chain<'t>,
) -> Option<(&'m Model, &'a [super::chain::Link<'t>])> {
    if chain.root.kind() == "identifier" {
        if let Some(model) = model_named(semantic, models, orm, chain.root) {
            return Some((model, &chain.links[..]));
        }
    }
    let first = chain.links.first()?;
    if first.call.is_some() || first.is_subscript {
        return None;
    }
    let model = models.model_of_as_imported(orm, first.name, semantic)?;
    Some((model, &chain.links[1..]))
}

/// The value of a variable, followed once (a statement built before it is executed).
fn resolve_value<'t>(
    semantic: &Semantic<'t>,
    expression: Node<'t>,
    depth: u32,
) -> Option<Node<'t>> {
    let expression = unwrap(expression);
    if expression.kind() != "identifier" || depth > MAX_DEPTH {
        return Some(expression);
    }
    let binding = semantic.binding(semantic.resolve_identifier(expression)?);
    if binding.kind != BindingKind::Variable || binding.destructured.is_some() {
        return None;
    }
    resolve_value(semantic, binding.value?, depth + 1)
}

/// The value of the property `key` of an object literal.
pub fn property<'t>(semantic: &Semantic<'t>, object: Node<'t>, key: &str) -> Option<Node<'t>> {
    let mut cursor = object.walk();
    let found = object
        .named_children(&mut cursor)
        .find_map(|pair| match pair.kind() {
            "pair" => {
                let name = pair.field("key")?;
                let text =
                    string_value(semantic, name).unwrap_or_else(|| semantic.text(name).to_string());
                (text == key).then(|| pair.field("value")).flatten()
            }
            "shorthand_property_identifier" if semantic.text(pair) == key => Some(pair),
            _ => None,
        });
    found
}

/// The strings of a string or an array of strings.
fn strings_of(semantic: &Semantic<'_>, node: Node<'_>) -> Vec<String> {
    if node.kind() == "array" {
        let mut cursor = node.walk();
        let found = node
            .named_children(&mut cursor)
            .filter_map(|n| string_value(semantic, n))
            .collect();
        return found;
    }
    string_value(semantic, node).into_iter().collect()
}

/// The value of a plain string literal (no interpolation).
pub fn string_value(semantic: &Semantic<'_>, node: Node<'_>) -> Option<String> {
    if !matches!(node.kind(), "string" | "template_string") {
        return None;
    }
    let text = semantic.text(node);
    let unprefixed = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let is_format = text[..text.len() - unprefixed.len()].contains(['f', 'F']);
    let text = unprefixed;
    let quote = text.chars().next()?;
    if !matches!(quote, '"' | '\'' | '`') || is_format || text.contains("${") {
        return None;
    }
    let inner = text.trim_start_matches(quote).trim_end_matches(quote);
    Some(inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse;
    use crate::Language;
    use std::path::Path;

    #[test]
    fn prefetches_are_calls_resolved_through_imports() {
        let source = r#"
from django.db import models
from django.db.models import prefetch_related_objects, Prefetch as P
from shop.helpers import Prefetch as Mine

def a():
    return Order.objects.prefetch_related("items")
def b(order):
    prefetch_related_objects([order], "items")
def c():
    return Order.objects.filter(pk__in=models.Prefetch("x").queryset)
def d():
    return Mine("items")
def e():
    prefetched = "prefetch_related"  # a prefetch in words only
    return prefetched
def f():
    return P("items")
"#;
        let tree = parse(Language::Python, source).unwrap();
        let semantic = Semantic::build(
            Language::Python,
            Path::new("a.py"),
            source,
            &tree,
            &mut |_| {},
        );
        let prefetches = |name: &str| {
            let (_, function) = semantic
                .functions()
                .find(|(_, f)| f.name == Some(name))
                .unwrap();
            prefetches_within(&semantic, Span::from(function.node))
        };
        assert!(prefetches("a"));
        assert!(prefetches("b"));
        assert!(prefetches("c"));
        assert!(!prefetches("d"));
        assert!(!prefetches("e"));
        assert!(prefetches("f"));
    }
}
