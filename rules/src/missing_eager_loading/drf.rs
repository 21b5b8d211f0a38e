//! Django REST framework: serializers that read relations of the rows they serialize, used for many
//! rows by a list view (`queryset`/`get_queryset()` + `serializer_class`) or a `many=True` call.

use super::{
    base_names, class_attribute, keyword_argument, method, methods, reassignments, referenced_name,
    report, returned_values, Need, Remedy, Usage,
};
use snag_core::frameworks::drf::{self as api, GENERIC_VIEWS, LIST_VIEWS};
use snag_core::frameworks::django;
use snag_core::models::chain::{unwrap, Chain};
use snag_core::models::rows::{self, Rows};
use snag_core::models::{Loading, Model, ModelIndex, Orm, Serializer, SerializerField};
use snag_core::rule::RuleContext;
use snag_core::semantic::{BindingKind, Semantic};
use snag_core::NodeFields;
use snag_core::Span;
use std::path::Path;
use tree_sitter::Node;

/// How deep nested serializers are followed (and how many bases a serializer inherits through).
const MAX_NESTING: u32 = 6;

/// A DRF view class that lists rows with a serializer reading relations its queryset does not load.
pub(super) fn check_view<'t>(
    class: Node<'t>,
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    ctx: &mut RuleContext<'_, '_>,
) {
    if !lists_rows(semantic, class) {
        return;
    }
    let Some((serializer, named_at)) = view_serializer(semantic, models, class) else {
        return;
    };
    let name = class.field("name").map_or("the view", |n| semantic.text(n));
    for (rows, extra) in view_queries(semantic, models, class) {
        let usage = Usage {
            by: format!("`{name}` lists"),
            labels: vec![(
                named_at,
                format!("the listed rows are serialized with `{}`", serializer.name),
            )],
        };
        check_rows(semantic, models, ctx, serializer, &rows, &extra, usage);
    }
}

/// `OrderSerializer(rows, many=True)` (or `self.get_serializer(rows, many=True)` in a view) on rows of
/// a query that does not load what the serializer reads.
pub(super) fn check_serializer_call<'t>(
    call: Node<'t>,
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    ctx: &mut RuleContext<'_, '_>,
) {
    let mentions_many = call
        .field("arguments")
        .is_some_and(|a| semantic.text(a).contains(api::MANY));
    if !mentions_many {
        return;
    }
    let many = keyword_argument(semantic, call, api::MANY).is_some_and(|v| semantic.text(v) == "True");
    if !many {
        return;
    }
    let Some(serializer) = call_serializer(semantic, models, call) else {
        return;
    };
    let Some(data) = semantic
        .argument(call, 0)
        .filter(|a| a.kind() != "keyword_argument")
        .or_else(|| keyword_argument(semantic, call, api::INSTANCE))
    else {
        return;
    };
    let Some(rows) = rows::collection_rows(semantic, models, data, 0) else {
        return;
    };
    let extra = reassignments(semantic, data);
    let usage = Usage {
        by: format!("`{}(..., many=True)` serializes", serializer.name),
        labels: vec![(
            Span::from(call),
            "serialized here, one row after the other".to_string(),
        )],
    };
    check_rows(semantic, models, ctx, serializer, &rows, &extra, usage);
}

/// Reports what `serializer` reads of `rows` that the query does not load.
fn check_rows<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    ctx: &mut RuleContext<'_, '_>,
    serializer: &Serializer,
    rows: &Rows<'t, '_>,
    extra: &[Chain<'t>],
    usage: Usage,
) {
    if rows.query_model.orm != Orm::Django {
        return;
    }
    if let Some(model) = &serializer.model {
        let model = model.rsplit('.').next().unwrap_or(model);
        if !rows.model.is_named(model) {
            return;
        }
    }
    let plain = extra
        .iter()
        .any(|c| c.names().any(|n| django::PLAIN_ROWS.contains(&n)));
    if plain {
        return;
    }
    let mut needs = Vec::new();
    serializer_needs(semantic, models, serializer, rows.model, &[], 0, &mut needs);
    report(semantic, models, ctx, rows, extra, needs, usage);
}

/// What a serializer (and the serializers nested in it) reads through relations of `model`, whose
/// rows are `prefix` below the query's model.
fn serializer_needs(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    serializer: &Serializer,
    model: &Model,
    prefix: &[String],
    depth: u32,
    needs: &mut Vec<Need>,
) {
    if depth > MAX_NESTING {
        return;
    }
    for (owner, field) in fields_of(models, serializer) {
        let nested = field
            .nested
            .as_deref()
            .and_then(|n| serializer_near(models, n, &owner.path));
        let segments: Vec<&str> = match field.source.as_deref() {
            // The nested serializer reads the row itself.
            Some("*") => {
                if let Some(nested) = nested.filter(|n| n.name != serializer.name) {
                    serializer_needs(semantic, models, nested, model, prefix, depth + 1, needs);
                }
                continue;
            }
            Some(source) => source.split('.').collect(),
            None if field.nested.is_some() => vec![field.name.as_str()],
            None => continue,
        };
        let mut path = prefix.to_vec();
        let mut names = Vec::new();
        let mut current = Some(model);
        for segment in &segments {
            let Some(relation) = current
                .and_then(|m| m.relation(segment))
                .filter(|r| r.loading == Loading::Lazy)
            else {
                break;
            };
            path.push(relation.name.clone());
            names.push(*segment);
            current = current.and_then(|m| models.model(m.orm, &relation.target, Some(&m.path)));
        }
        if names.is_empty() {
            continue;
        }
        let here = owner.path == semantic.path();
        needs.push(Need {
            path: Some(path.join("__")),
            remedy: Remedy::Eager,
            reader: format!("`{}.{}`", owner.name, field.name),
            action: format!("reads `{}.{}`", model.name, names.join(".")),
            site: here.then_some(field.span),
            elsewhere: (!here).then(|| owner.path.clone()),
        });
        if names.len() == segments.len() {
            if let (Some(nested), Some(target)) = (nested, current) {
                serializer_needs(semantic, models, nested, target, &path, depth + 1, needs);
            }
        }
    }
}

/// A serializer's fields, its own first, then those it inherits (not overridden).
fn fields_of<'m>(
    models: &'m ModelIndex,
    serializer: &'m Serializer,
) -> Vec<(&'m Serializer, &'m SerializerField)> {
    let mut fields: Vec<(&Serializer, &SerializerField)> = Vec::new();
    let mut queue = vec![serializer];
    let mut visited: Vec<&Serializer> = Vec::new();
    while !queue.is_empty() && visited.len() <= MAX_NESTING as usize {
        let current = queue.remove(0);
        if visited.iter().any(|v| std::ptr::eq(*v, current)) {
            continue;
        }
        visited.push(current);
        for field in &current.fields {
            if !fields.iter().any(|(_, f)| f.name == field.name) {
                fields.push((current, field));
            }
        }
        queue.extend(
            current
                .bases
                .iter()
                .filter_map(|b| serializer_near(models, b, &current.path)),
        );
    }
    fields
}

/// The serializer named `name`, the one declared nearest to `near` when several share it.
fn serializer_near<'m>(models: &'m ModelIndex, name: &str, near: &Path) -> Option<&'m Serializer> {
    let closeness = |s: &Serializer| {
        s.path
            .components()
            .zip(near.components())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let mut best: Option<&Serializer> = None;
    for candidate in models.serializers_named(name) {
        if best.is_none_or(|b| closeness(candidate) > closeness(b)) {
            best = Some(candidate);
        }
    }
    best
}

/// The serializer an expression names (`OrderSerializer`, `serializers.OrderSerializer`).
fn serializer_named<'m>(
    semantic: &Semantic<'_>,
    models: &'m ModelIndex,
    node: Node<'_>,
) -> Option<&'m Serializer> {
    if !matches!(node.kind(), "identifier" | "attribute") {
        return None;
    }
    if node.kind() == "identifier" {
        // A local variable or parameter is not a class.
        let binding = semantic.resolve_identifier(node);
        if binding.is_some_and(|b| {
            matches!(
                semantic.binding(b).kind,
                BindingKind::Variable | BindingKind::Parameter | BindingKind::LoopVariable(_)
            )
        }) {
            return None;
        }
    }
    let name = referenced_name(semantic, node)?;
    serializer_near(models, &name, semantic.path())
}

/// The serializer a `many=True` call instantiates: a serializer class, or the view's
/// (`self.get_serializer`, `self.serializer_class`, `self.get_serializer_class()`).
fn call_serializer<'m>(
    semantic: &Semantic<'_>,
    models: &'m ModelIndex,
    call: Node<'_>,
) -> Option<&'m Serializer> {
    let callee = unwrap(semantic.callee(call)?);
    let text = semantic.text(callee);
    if api::VIEW_SERIALIZER_CALLEES.contains(&text) {
        let class = semantic.function(semantic.function_at(call)?).class?;
        return view_serializer(semantic, models, class).map(|(s, _)| s);
    }
    serializer_named(semantic, models, callee)
}

/// Whether a view class serializes many rows.
fn lists_rows(semantic: &Semantic<'_>, class: Node<'_>) -> bool {
    let bases = base_names(semantic, class);
    if bases.iter().any(|b| LIST_VIEWS.contains(b)) {
        return true;
    }
    if !bases.iter().any(|b| GENERIC_VIEWS.contains(b)) {
        return false;
    }
    // `def list(...)`, `self.paginate_queryset(...)` or `get_serializer(..., many=True)`.
    if methods(class).any(|m| {
        m.field("name")
            .is_some_and(|n| semantic.text(n) == api::LIST_ACTION)
    }) {
        return true;
    }
    let mut stack = vec![class];
    while let Some(node) = stack.pop() {
        match node.kind() {
            "attribute" if semantic.text(node) == api::PAGINATE_QUERYSET => return true,
            "call" => {
                let many = keyword_argument(semantic, node, api::MANY)
                    .is_some_and(|v| semantic.text(v) == "True");
                let view_serializer = semantic
                    .callee(node)
                    .is_some_and(|c| api::VIEW_SERIALIZER_CALLEES.contains(&semantic.text(c)));
                if many && view_serializer {
                    return true;
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// The serializer a view uses, and where it is named: `serializer_class = ...`, or a
/// `get_serializer_class()` that always returns the same one.
fn view_serializer<'m>(
    semantic: &Semantic<'_>,
    models: &'m ModelIndex,
    class: Node<'_>,
) -> Option<(&'m Serializer, Span)> {
    let attribute = class_attribute(semantic, class, api::SERIALIZER_CLASS_ATTRIBUTE);
    let Some(get_serializer_class) = method(semantic, class, api::GET_SERIALIZER_CLASS) else {
        let attribute = attribute?;
        return Some((
            serializer_named(semantic, models, attribute)?,
            statement_span(attribute),
        ));
    };
    let mut found: Option<(&Serializer, Span)> = None;
    for value in returned_values(semantic, get_serializer_class) {
        let value = unwrap(value);
        let serializer = if semantic.text(value) == api::SELF_SERIALIZER_CLASS {
            serializer_named(semantic, models, attribute?)?
        } else {
            serializer_named(semantic, models, value)?
        };
        match found {
            Some((known, _)) if !std::ptr::eq(known, serializer) => return None,
            Some(_) => {}
            None => found = Some((serializer, Span::from(value))),
        }
    }
    found
}

/// The statement around an assigned value (`serializer_class = OrderSerializer`), for a label.
fn statement_span(value: Node<'_>) -> Span {
    value
        .parent()
        .filter(|p| p.kind() == "assignment")
        .map_or(Span::from(value), Span::from)
}

/// The queries whose rows a view lists, with chains that add eager loads to them: the `queryset`
/// class attribute, or what `get_queryset()` returns (`super().get_queryset()...` and
/// `self.queryset...` build on the class attribute).
fn view_queries<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    class: Node<'t>,
) -> Vec<(Rows<'t, 'm>, Vec<Chain<'t>>)> {
    let mut found = listed_queries(semantic, models, class);
    // `Order.objects.none()` (a placeholder, or what an anonymous user gets) lists no rows.
    found.retain(|(rows, _)| rows.query.last().is_none_or(|link| link.name != django::EMPTY));
    found
}

fn listed_queries<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    class: Node<'t>,
) -> Vec<(Rows<'t, 'm>, Vec<Chain<'t>>)> {
    let attribute = class_attribute(semantic, class, api::QUERYSET_ATTRIBUTE);
    let attribute_rows = || attribute.and_then(|a| rows::collection_rows(semantic, models, a, 0));
    let Some(get_queryset) = method(semantic, class, django::GET_QUERYSET) else {
        return attribute_rows()
            .map(|r| (r, Vec::new()))
            .into_iter()
            .collect();
    };
    let mut found: Vec<(Rows<'t, 'm>, Vec<Chain<'t>>)> = Vec::new();
    for value in returned_values(semantic, get_queryset) {
        let mut extra = reassignments(semantic, value);
        // `return qs.select_related(...)` where `qs = super().get_queryset()`.
        let chain = Chain::of(semantic, unwrap(value));
        let base = Chain::of(semantic, first_value(semantic, chain.root));
        if is_inherited_queryset(semantic, &chain) || is_inherited_queryset(semantic, &base) {
            if let Some(rows) = attribute_rows() {
                extra.push(chain);
                extra.push(base);
                found.push((rows, extra));
            }
            continue;
        }
        if let Some(rows) = rows::collection_rows(semantic, models, value, 0) {
            found.push((rows, extra));
        }
    }
    found
}

/// The expression a variable was first given, through variables (the expression itself otherwise).
fn first_value<'t>(semantic: &Semantic<'t>, expression: Node<'t>) -> Node<'t> {
    let mut expression = unwrap(expression);
    for _ in 0..8 {
        let chain = Chain::of(semantic, expression);
        if chain.root.kind() != "identifier" || !chain.links.is_empty() {
            break;
        }
        let Some(binding) = semantic.resolve_identifier(chain.root) else {
            break;
        };
        let declared = semantic.binding(binding);
        match (declared.kind.clone(), declared.value) {
            (BindingKind::Variable, Some(value)) => expression = unwrap(value),
            _ => break,
        }
    }
    expression
}

/// `super().get_queryset()...` or `self.queryset...`.
fn is_inherited_queryset(semantic: &Semantic<'_>, chain: &Chain<'_>) -> bool {
    let Some(first) = chain.links.first() else {
        return false;
    };
    match chain.root.kind() {
        "call" => {
            semantic
                .callee(chain.root)
                .is_some_and(|c| semantic.text(c) == "super")
                && first.is_call(django::GET_QUERYSET)
        }
        "identifier" => {
            semantic.text(chain.root) == "self"
                && first.name == api::QUERYSET_ATTRIBUTE
                && first.call.is_none()
        }
        _ => false,
    }
}
