//! GraphQL: list resolvers whose type resolves a relation once per parent, reported at the list
//! query. Python: graphene (`resolve_orders` + `graphene.List(OrderType)`), graphene-django
//! (`DjangoObjectType` relation fields), strawberry (`@strawberry.field` returning `list[OrderType]`).
//! JavaScript: Apollo-style resolver maps (`{ Query: { orders }, Order: { customer } }`).

use super::{
    assignment_of, base_names, class_attribute, class_items, first_parameter, inner_class,
    keyword_argument, methods, reassignments, referenced_name, report,
    returned_values, Need, Remedy, Usage,
};
use crate::eager_fix::capitalized;
use snag_core::frameworks::graphql::{self as gql, GRAPHENE, STRAWBERRY, STRAWBERRY_DJANGO};
use snag_core::frameworks::{django, orm, sequelize};
use snag_core::models::chain::{member_parts, unwrap, Chain};
use snag_core::models::rows::{self, property, Rows};
use snag_core::models::{Cardinality, Loading, Model, ModelIndex, Orm};
use snag_core::rule::RuleContext;
use snag_core::semantic::{QualifiedName, Semantic};
use snag_core::NodeFields;
use snag_core::{Edit, Span};
use tree_sitter::Node;

// ----- Python -----

/// A Python class holding list resolvers (graphene, strawberry).
pub(super) fn check_python_class<'t>(
    class: Node<'t>,
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    ctx: &mut RuleContext<'_, '_>,
) {
    let class_name = class.field("name").map_or("", |n| semantic.text(n));
    for resolver in methods(class) {
        let Some(type_name) = python_list_type(semantic, class, resolver) else {
            continue;
        };
        let resolver_name = resolver.field("name").map_or("", |n| semantic.text(n));
        for value in returned_values(semantic, resolver) {
            let Some(rows) = rows::collection_rows(semantic, models, value, 0) else {
                continue;
            };
            if rows.plain || !rows.prefix.is_empty() {
                continue;
            }
            let type_class = match &type_name {
                Some(name) => module_class(semantic, name),
                None => django_type_for(semantic, rows.model),
            };
            let Some(type_class) = type_class else {
                continue;
            };
            let needs = python_type_needs(semantic, models, type_class, &rows);
            let extra = reassignments(semantic, value);
            let usage = Usage {
                by: format!("`{class_name}.{resolver_name}` returns"),
                labels: Vec::new(),
            };
            report(semantic, models, ctx, &rows, &extra, needs, usage);
        }
    }
}

/// Whether a method is a list resolver, and the name of the type of its elements when known
/// (`Some(None)`: a list of an unknown type, resolved from the rows' model).
fn python_list_type(
    semantic: &Semantic<'_>,
    class: Node<'_>,
    method: Node<'_>,
) -> Option<Option<String>> {
    let name = semantic.text(method.field("name")?);
    // strawberry: `@strawberry.field def orders(self) -> list[OrderType]`.
    if is_strawberry_field(semantic, method) {
        let annotation = semantic.text(method.field("return_type")?);
        return list_element_type(annotation).map(Some);
    }
    // graphene: `orders = graphene.List(OrderType)` + `def resolve_orders(root, info)`.
    let field = name.strip_prefix(gql::RESOLVER_PREFIX)?;
    match class_attribute(semantic, class, field) {
        Some(declaration) => {
            let (is_list, type_name) = graphene_field_type(semantic, declaration);
            is_list.then_some(type_name)
        }
        None => Some(None),
    }
}

/// The element type of a list annotation: `list[OrderType]`, `List["OrderType"]`,
/// `Optional[typing.List[OrderType]]`, `Sequence[OrderType]`.
fn list_element_type(annotation: &str) -> Option<String> {
    let mut text = annotation.trim();
    let mut is_list = false;
    while let Some((wrapper, rest)) = text.split_once('[') {
        let wrapper = wrapper.rsplit('.').next().unwrap_or(wrapper).trim();
        if gql::LIST_ANNOTATIONS.contains(&wrapper) {
            is_list = true;
        } else if !gql::TRANSPARENT_ANNOTATIONS.contains(&wrapper) {
            return None;
        }
        text = rest.strip_suffix(']')?.trim();
        // `Annotated[list[X], ...]`: the first argument.
        if let Some((first, _)) = text.split_once(',') {
            if !first.contains('[') {
                text = first.trim();
            }
        }
    }
    let name = text.trim_matches(|c| c == '"' || c == '\'').trim();
    let name = name.rsplit('.').next().unwrap_or(name);
    (is_list && !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| name.to_string())
}

/// Whether a graphene field declaration is a list (`graphene.List(...)`, `DjangoListField(...)`,
/// wrapped in `NonNull`/`Field`), and its element type's name.
fn graphene_field_type(semantic: &Semantic<'_>, declaration: Node<'_>) -> (bool, Option<String>) {
    let mut node = unwrap(declaration);
    let mut is_list = false;
    for _ in 0..6 {
        if node.kind() != "call" {
            break;
        }
        let callee = semantic.callee(node).map_or("", |c| semantic.text(c));
        let callee = callee.rsplit('.').next().unwrap_or(callee);
        if gql::GRAPHENE_LIST_FIELDS.contains(&callee) {
            is_list = true;
        } else if !gql::GRAPHENE_FIELD_WRAPPERS.contains(&callee) {
            return (false, None);
        }
        let Some(first) = semantic
            .argument(node, 0)
            .filter(|a| a.kind() != "keyword_argument")
        else {
            return (is_list, None);
        };
        node = first;
    }
    let name = match node.kind() {
        "identifier" | "attribute" | "string" => referenced_name(semantic, node),
        // `graphene.List(lambda: OrderType)`.
        "lambda" => node
            .field("body")
            .and_then(|b| referenced_name(semantic, b)),
        _ => None,
    };
    (is_list, name)
}

/// Whether a method is a strawberry field: decorated with `strawberry.field` or `strawberry_django.field`,
/// however imported (`from strawberry import field`).
fn is_strawberry_field(semantic: &Semantic<'_>, method: Node<'_>) -> bool {
    decorators(method)
        .into_iter()
        .filter_map(|d| semantic.decorator_name(d))
        .any(|name| is_strawberry_field_name(&name))
}

/// `strawberry.field`, `strawberry_django.field` (and `strawberry.django.field`).
fn is_strawberry_field_name(name: &QualifiedName) -> bool {
    name.last() == gql::STRAWBERRY_FIELD
        && (name.starts_with(STRAWBERRY) || STRAWBERRY_DJANGO.iter().any(|m| name.starts_with(m)))
}

/// The decorators of a function or class.
fn decorators(definition: Node<'_>) -> Vec<Node<'_>> {
    let Some(parent) = definition
        .parent()
        .filter(|p| p.kind() == "decorated_definition")
    else {
        return Vec::new();
    };
    let mut cursor = parent.walk();
    let found = parent
        .named_children(&mut cursor)
        .filter(|n| n.kind() == "decorator")
        .collect();
    found
}

/// The module-level class `name` of the file.
fn module_class<'t>(semantic: &Semantic<'t>, name: &str) -> Option<Node<'t>> {
    let root = semantic.root();
    let mut cursor = root.walk();
    let found = root.named_children(&mut cursor).find_map(|n| {
        let class = if n.kind() == "decorated_definition" {
            n.field("definition")?
        } else {
            n
        };
        (class.kind() == "class_definition"
            && class
                .field("name")
                .is_some_and(|c| semantic.text(c) == name))
        .then_some(class)
    });
    found
}

/// The graphene-django `DjangoObjectType` of the file whose `Meta.model` is `model`.
fn django_type_for<'t>(semantic: &Semantic<'t>, model: &Model) -> Option<Node<'t>> {
    let root = semantic.root();
    let mut cursor = root.walk();
    let found = root.named_children(&mut cursor).find(|n| {
        n.kind() == "class_definition"
            && django_type_model(semantic, *n).is_some_and(|m| model.is_named(&m))
    });
    found
}

/// The `Meta.model` of a `DjangoObjectType`.
fn django_type_model(semantic: &Semantic<'_>, class: Node<'_>) -> Option<String> {
    if !base_names(semantic, class).contains(&gql::DJANGO_OBJECT_TYPE) {
        return None;
    }
    let meta = inner_class(semantic, class, gql::META)?;
    referenced_name(semantic, class_attribute(semantic, meta, gql::META_MODEL)?)
}

/// What a GraphQL type reads through relations of each parent row: graphene-django relation fields,
/// and explicit per-parent resolvers (graphene `resolve_<field>`, strawberry `@strawberry.field`).
fn python_type_needs(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    type_class: Node<'_>,
    rows: &Rows<'_, '_>,
) -> Vec<Need> {
    let model = rows.model;
    let type_name = type_class.field("name").map_or("", |n| semantic.text(n));
    let mut needs = Vec::new();
    let type_decorators: Vec<QualifiedName> = decorators(type_class)
        .into_iter()
        .filter_map(|d| semantic.decorator_name(d))
        .collect();
    // strawberry-django types resolve through its own (often optimizing) resolvers: never guess.
    if type_decorators
        .iter()
        .any(|d| STRAWBERRY_DJANGO.iter().any(|m| d.starts_with(m)))
    {
        return needs;
    }
    let strawberry_type = type_decorators
        .iter()
        .any(|d| d.starts_with(STRAWBERRY) && d.last() == gql::STRAWBERRY_TYPE);
    let graphene_type = base_names(semantic, type_class)
        .iter()
        .any(|b| b.ends_with(gql::OBJECT_TYPE_SUFFIX));
    let is_django_type = base_names(semantic, type_class).contains(&gql::DJANGO_OBJECT_TYPE);
    if is_django_type {
        match django_type_model(semantic, type_class) {
            Some(name) if model.is_named(&name) => {}
            _ => return needs,
        }
        // A type that shapes its own queryset may load what it needs there.
        if methods(type_class).any(|m| {
            m.field("name")
                .is_some_and(|n| semantic.text(n) == django::GET_QUERYSET)
        }) {
            return needs;
        }
        needs.extend(django_type_fields(
            semantic, models, type_class, type_name, model,
        ));
    }
    if strawberry_type || graphene_type {
        needs.extend(declared_field_needs(
            semantic,
            type_class,
            type_name,
            model,
            strawberry_type,
        ));
    }
    for method in methods(type_class) {
        let Some(name) = method.field("name").map(|n| semantic.text(n)) else {
            continue;
        };
        let strawberry = is_strawberry_field(semantic, method);
        let field = match name.strip_prefix(gql::RESOLVER_PREFIX) {
            Some(field) => field,
            None if strawberry => name,
            None => continue,
        };
        let reader = if strawberry {
            format!("`{type_name}.{field}`")
        } else {
            format!("`{type_name}.{name}`")
        };
        needs.extend(python_resolver_needs(
            semantic, models, method, model, &reader,
        ));
    }
    needs
}

/// The relation fields graphene-django resolves by reading the relation of each row: relations of
/// the model that `Meta.fields` exposes (`"__all__"` or listed, minus `Meta.exclude`) whose target has
/// a `DjangoObjectType` in the file, and that no explicit resolver replaces.
fn django_type_fields(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    type_class: Node<'_>,
    type_name: &str,
    model: &Model,
) -> Vec<Need> {
    let Some(meta) = inner_class(semantic, type_class, gql::META) else {
        return Vec::new();
    };
    let listed = class_attribute(semantic, meta, gql::META_FIELDS)
        .filter(|f| matches!(f.kind(), "list" | "tuple"))
        .map(|f| string_items(semantic, f));
    let excluded = class_attribute(semantic, meta, gql::META_EXCLUDE)
        .map(|f| string_items(semantic, f))
        .unwrap_or_default();
    let class_name_span = type_class
        .field("name")
        .map_or(Span::from(type_class), Span::from);
    let mut needs = Vec::new();
    for relation in &model.relations {
        if relation.loading != Loading::Lazy || excluded.iter().any(|(n, _)| *n == relation.name) {
            continue;
        }
        let site = match &listed {
            Some(listed) => match listed.iter().find(|(n, _)| *n == relation.name) {
                Some((_, span)) => *span,
                None => continue,
            },
            None => class_name_span,
        };
        // A field declared on the class is read by its own resolver (see `declared_field_needs`).
        let overridden = class_attribute(semantic, type_class, &relation.name).is_some()
            || methods(type_class).any(|m| {
                m.field("name").is_some_and(|n| {
                    semantic.text(n).strip_prefix(gql::RESOLVER_PREFIX)
                        == Some(relation.name.as_str())
                })
            });
        if overridden {
            continue;
        }
        let Some(target) = models.model(model.orm, &relation.target, Some(&model.path)) else {
            continue;
        };
        if django_type_for(semantic, target).is_none() {
            continue;
        }
        needs.push(Need {
            path: Some(relation.name.clone()),
            remedy: Remedy::Eager,
            reader: format!("`{type_name}.{}`", relation.name),
            action: format!("resolves `{}.{}`", model.name, relation.name),
            site: Some(site),
            elsewhere: None,
        });
    }
    needs
}

/// Fields declared on a type that the default resolver reads from the parent row, once per row:
/// graphene `customer = graphene.Field(CustomerType)` without `resolve_customer` or `resolver=`
/// (`source="buyer"` reads `buyer`), strawberry `customer: CustomerType` without a resolver.
fn declared_field_needs(
    semantic: &Semantic<'_>,
    type_class: Node<'_>,
    type_name: &str,
    model: &Model,
    strawberry_type: bool,
) -> Vec<Need> {
    let mut needs = Vec::new();
    for item in class_items(type_class) {
        let Some(assignment) = assignment_of(item) else {
            continue;
        };
        let Some(left) = assignment
            .field("left")
            .filter(|l| l.kind() == "identifier")
        else {
            continue;
        };
        let name = semantic.text(left);
        let value = assignment.field("right").map(unwrap);
        let attribute = if strawberry_type {
            if assignment.field("type").is_none() {
                continue;
            }
            match value {
                None => name.to_string(),
                Some(call)
                    if call.kind() == "call"
                        && semantic
                            .callee_name(call)
                            .is_some_and(|name| is_strawberry_field_name(&name))
                        && keyword_argument(semantic, call, gql::RESOLVER_KEYWORD).is_none() =>
                {
                    name.to_string()
                }
                Some(_) => continue,
            }
        } else {
            let Some(call) = value.filter(|v| v.kind() == "call") else {
                continue;
            };
            let callee = semantic.callee(call).map_or("", |c| semantic.text(c));
            let last = callee.rsplit('.').next().unwrap_or(callee);
            let is_field = callee
                .strip_prefix(GRAPHENE)
                .is_some_and(|rest| rest.starts_with('.'))
                || gql::GRAPHENE_FIELD_WRAPPERS.contains(&last)
                || gql::GRAPHENE_LIST_FIELDS.contains(&last);
            let resolved = keyword_argument(semantic, call, gql::RESOLVER_KEYWORD).is_some()
                || methods(type_class).any(|m| {
                    m.field("name").is_some_and(|n| {
                        semantic.text(n).strip_prefix(gql::RESOLVER_PREFIX) == Some(name)
                    })
                });
            if !is_field || resolved || last.ends_with(gql::CONNECTION_FIELD_SUFFIX) {
                continue;
            }
            keyword_argument(semantic, call, gql::SOURCE_KEYWORD)
                .and_then(|s| rows::string_value(semantic, s))
                .unwrap_or_else(|| name.to_string())
        };
        let Some(relation) = model
            .relation(&attribute)
            .filter(|r| r.loading == Loading::Lazy)
        else {
            continue;
        };
        needs.push(Need {
            path: Some(relation.name.clone()),
            remedy: Remedy::Eager,
            reader: format!("`{type_name}.{name}`"),
            action: format!("resolves `{}.{}`", model.name, relation.name),
            site: Some(Span::from(item)),
            elsewhere: None,
        });
    }
    needs
}

/// The strings of a list or tuple literal, with their spans.
fn string_items(semantic: &Semantic<'_>, node: Node<'_>) -> Vec<(String, Span)> {
    let mut cursor = node.walk();
    let found = node
        .named_children(&mut cursor)
        .filter_map(|n| Some((rows::string_value(semantic, n)?, Span::from(n))))
        .collect();
    found
}

/// What a Python per-parent resolver loads per parent: relations of the parent it reads
/// (`parent.customer`, `self.items.all()`), and queries that use the parent
/// (`Customer.objects.get(pk=parent.customer_id)`). Nothing when it batches with a DataLoader.
fn python_resolver_needs(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    resolver: Node<'_>,
    model: &Model,
    reader: &str,
) -> Vec<Need> {
    let mut needs = Vec::new();
    let (Some(parent), Some(body)) = (first_parameter(resolver), resolver.field("body")) else {
        return needs;
    };
    if uses_loader(semantic, body) {
        return needs;
    }
    let Some(binding) = semantic.lookup(semantic.text(parent), body) else {
        return needs;
    };
    for reference in semantic.references(binding, body) {
        let Some(member) = reference
            .parent()
            .filter(|p| p.kind() == "attribute" && p.field("object") == Some(reference))
        else {
            continue;
        };
        let Some((_, property)) = member_parts(member) else {
            continue;
        };
        let Some(relation) = model
            .relation(semantic.text(property))
            .filter(|r| r.loading == Loading::Lazy)
        else {
            continue;
        };
        let method = member
            .parent()
            .filter(|p| p.kind() == "attribute")
            .and_then(|p| {
                let call = p.parent().filter(|c| c.kind() == "call")?;
                Some((semantic.text(p.field("attribute")?), call))
            });
        let filtered = model.orm == Orm::Django
            && relation.cardinality == Cardinality::Many
            && method.is_some_and(|(m, _)| {
                django::PREFETCH_BYPASSING.contains(&m) && !django::PREFETCHED_METHODS.contains(&m)
            });
        let site = Some(match method {
            Some((_, call)) if filtered => Span::from(call),
            _ => Span::from(member),
        });
        needs.push(if filtered {
            Need {
                path: None,
                remedy: Remedy::None,
                reader: reader.to_string(),
                action: format!(
                    "runs `.{}()` on `{}.{}` (a query even when prefetched)",
                    method.map_or("", |(m, _)| m),
                    model.name,
                    relation.name
                ),
                site,
                elsewhere: None,
            }
        } else {
            Need {
                path: Some(relation.name.clone()),
                remedy: Remedy::Eager,
                reader: reader.to_string(),
                action: format!("reads `{}.{}`", model.name, relation.name),
                site,
                elsewhere: None,
            }
        });
    }
    // Queries that use the parent: `Customer.objects.get(pk=parent.customer_id)`.
    for call in calls_in(semantic, body) {
        if !is_outermost_call(call) {
            continue;
        }
        let chain = Chain::of(semantic, call);
        if chain.root.kind() != "identifier" || chain.links.first().is_none_or(|l| l.call.is_some())
        {
            continue;
        }
        let Some(target) = referenced_name(semantic, chain.root)
            .and_then(|n| models.model(model.orm, &n, Some(semantic.path())))
        else {
            continue;
        };
        if !mentions(semantic, call, binding) {
            continue;
        }
        // The query runs whatever the list query loads: no eager load silences it.
        let mut need = query_need(semantic, model, target, call, reader, Remedy::None);
        need.path = None;
        needs.push(need);
    }
    needs
}

/// A per-parent query of `target` rows, standing for the parent's relation to it when there is one.
fn query_need(
    semantic: &Semantic<'_>,
    model: &Model,
    target: &Model,
    call: Node<'_>,
    reader: &str,
    remedy: Remedy,
) -> Need {
    let relation = model
        .relations
        .iter()
        .filter(|r| target.is_named(&r.target));
    let relations: Vec<_> = relation.collect();
    let path = match relations.as_slice() {
        [only] => Some(only.name.clone()),
        _ => None,
    };
    Need {
        remedy: if path.is_some() { remedy } else { Remedy::None },
        path,
        reader: reader.to_string(),
        action: format!("runs `{}`", short_call(semantic, call)),
        site: Some(Span::from(call)),
        elsewhere: None,
    }
}

/// `Customer.objects.get(...)` for a call, its arguments elided.
fn short_call(semantic: &Semantic<'_>, call: Node<'_>) -> String {
    match semantic.callee(call) {
        Some(callee) => format!("{}(...)", semantic.text(unwrap(callee))),
        None => semantic.text(call).to_string(),
    }
}

/// The calls inside a function body, not inside nested functions, from the semantic model.
fn calls_in<'t>(semantic: &Semantic<'t>, body: Node<'t>) -> Vec<Node<'t>> {
    let function = semantic.function_at(body);
    semantic
        .calls_in(Span::from(body))
        .filter(|call| matches!(call.kind(), "call" | "call_expression"))
        .filter(|call| semantic.function_at(*call) == function)
        .collect()
}

/// Whether a call is the last link of its chain (not `x` in `x.y(...)`).
fn is_outermost_call(call: Node<'_>) -> bool {
    let mut node = call;
    while let Some(parent) = node.parent() {
        match parent.kind() {
            "await_expression" | "await" | "parenthesized_expression" => node = parent,
            // `x.filter(...).first()`: the chain goes on with a call; `.name` only reads the result.
            "attribute" | "member_expression" => {
                let continues = member_parts(parent).is_some_and(|(object, _)| object == node)
                    && parent.parent().is_some_and(|p| {
                        matches!(p.kind(), "call" | "call_expression")
                            && p.field("function") == Some(parent)
                    });
                return !continues;
            }
            _ => return true,
        }
    }
    true
}

/// Whether `node` mentions the binding (the parent parameter).
fn mentions(
    semantic: &Semantic<'_>,
    node: Node<'_>,
    binding: snag_core::semantic::BindingId,
) -> bool {
    !semantic.references(binding, node).is_empty()
}

/// Whether a resolver batches through a DataLoader (`loader.load(...)`, `loaders.x.loadMany(...)`).
fn uses_loader(semantic: &Semantic<'_>, body: Node<'_>) -> bool {
    calls_in(semantic, body).into_iter().any(|call| {
        semantic
            .callee(call)
            .and_then(member_parts)
            .is_some_and(|(_, property)| gql::LOADER_METHODS.contains(&semantic.text(property)))
    })
}

// ----- JavaScript -----

/// A JavaScript resolver map (`{ Query: {...}, Order: {...} }`).
pub(super) fn check_resolver_map<'t>(
    object: Node<'t>,
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    ctx: &mut RuleContext<'_, '_>,
) {
    for root in gql::ROOT_TYPES {
        if let Some(fields) = object_property(semantic, object, root) {
            check_root_type(object, fields, root, semantic, models, ctx);
        }
    }
}

/// The list fields of a root type (`Query`, `Mutation`) of a resolver map.
fn check_root_type<'t>(
    object: Node<'t>,
    fields: Node<'t>,
    root: &str,
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    ctx: &mut RuleContext<'_, '_>,
) {
    for (field, resolver) in resolver_functions(semantic, fields) {
        for value in returned_values(semantic, resolver) {
            let Some(rows) = rows::collection_rows(semantic, models, value, 0) else {
                continue;
            };
            if rows.plain || !rows.prefix.is_empty() {
                continue;
            }
            let type_name =
                sdl_list_type(semantic, root, &field).unwrap_or_else(|| rows.model.name.clone());
            let Some(type_resolvers) = object_property(semantic, object, &type_name) else {
                continue;
            };
            let mut needs = Vec::new();
            for (name, per_parent) in resolver_functions(semantic, type_resolvers) {
                let reader = format!("`{type_name}.{name}`");
                needs.extend(js_resolver_needs(
                    semantic, models, per_parent, &rows, &reader,
                ));
            }
            let usage = Usage {
                by: format!("`{root}.{field}` returns"),
                labels: Vec::new(),
            };
            report(semantic, models, ctx, &rows, &[], needs, usage);
        }
    }
}

/// The object a property of an object literal holds (`Query: {...}`, or `Query` naming a variable
/// that holds one).
fn object_property<'t>(semantic: &Semantic<'t>, object: Node<'t>, key: &str) -> Option<Node<'t>> {
    let value = unwrap(property(semantic, object, key)?);
    let value = match value.kind() {
        "identifier" | "shorthand_property_identifier" => {
            let binding = semantic.lookup(semantic.text(value), value)?;
            let declared = semantic.binding(binding);
            if declared.destructured.is_some() {
                return None;
            }
            unwrap(declared.value?)
        }
        _ => value,
    };
    (value.kind() == "object").then_some(value)
}

/// The resolver functions of a type's resolver object: `orders: () => ...`, `orders() {...}`,
/// `orders: { resolve: () => ... }`, as `(field, function)`.
fn resolver_functions<'t>(semantic: &Semantic<'t>, object: Node<'t>) -> Vec<(String, Node<'t>)> {
    let mut found = Vec::new();
    let mut cursor = object.walk();
    for member in object.named_children(&mut cursor) {
        let (key, value) = match member.kind() {
            "pair" => (member.field("key"), member.field("value").map(unwrap)),
            "method_definition" => (member.field("name"), Some(member)),
            _ => continue,
        };
        let (Some(key), Some(mut value)) = (key, value) else {
            continue;
        };
        if value.kind() == "object" {
            match property(semantic, value, gql::RESOLVE_KEY) {
                Some(resolve) => value = unwrap(resolve),
                None => continue,
            }
        }
        if !matches!(
            value.kind(),
            "arrow_function" | "function_expression" | "function" | "method_definition"
        ) {
            continue;
        }
        let name =
            rows::string_value(semantic, key).unwrap_or_else(|| semantic.text(key).to_string());
        found.push((name, value));
    }
    found
}

/// The element type of `<root>.<field>` in the file's schema text (`orders: [Order!]!`), when the
/// file declares one.
fn sdl_list_type(semantic: &Semantic<'_>, root: &str, field: &str) -> Option<String> {
    let source = semantic.source();
    let start = source.find(&format!("{} {root}", gql::SDL_TYPE))?;
    let body = &source[start..];
    let body = &body[body.find('{')? + 1..];
    let body = &body[..body.find('}')?];
    for line in body.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix(field) else {
            continue;
        };
        // `orders: [Order!]!` or `orders(first: Int): [Order]`.
        let rest = rest.trim_start();
        if !(rest.starts_with(':') || rest.starts_with('(')) {
            continue;
        }
        let kind = rest.rsplit(':').next()?.trim();
        let inner = kind.strip_prefix('[')?;
        let name: String = inner
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        return (!name.is_empty()).then_some(name);
    }
    None
}

/// What a JavaScript per-parent resolver loads per parent: a query that uses the parent
/// (`Customer.findByPk(parent.customerId)`), a Sequelize association getter (`parent.getCustomer()`).
/// Nothing when it batches with a DataLoader.
fn js_resolver_needs(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    resolver: Node<'_>,
    rows: &Rows<'_, '_>,
    reader: &str,
) -> Vec<Need> {
    let model = rows.model;
    let mut needs = Vec::new();
    let (Some(parent), Some(body)) = (first_parameter(resolver), resolver.field("body")) else {
        return needs;
    };
    if uses_loader(semantic, body) {
        return needs;
    }
    let Some(binding) = semantic.lookup(semantic.text(parent), body) else {
        return needs;
    };
    let parent_name = semantic.text(parent);
    for call in calls_in(semantic, body) {
        if !is_outermost_call(call) {
            continue;
        }
        let Some(callee) = semantic.callee(call).map(unwrap) else {
            continue;
        };
        let Some((object, property)) = member_parts(callee) else {
            continue;
        };
        let method = semantic.text(property);
        // `parent.getCustomer()`.
        if model.orm == Orm::Sequelize
            && object.kind() == "identifier"
            && semantic.resolve_identifier(object) == Some(binding)
        {
            let Some(relation) = sequelize::ASSOCIATION_ACCESSOR_PREFIXES
                .iter()
                .find_map(|prefix| method.strip_prefix(prefix))
                .and_then(|name| {
                    model.relations.iter().find(|r| {
                        r.loading == Loading::Lazy && capitalized(&r.name) == capitalized(name)
                    })
                })
            else {
                continue;
            };
            let remedy = if method.starts_with(sequelize::ASSOCIATION_GETTER_PREFIX) {
                read_first(semantic, call, parent_name, &relation.name).remedy()
            } else {
                Remedy::None
            };
            needs.push(Need {
                remedy,
                path: Some(relation.name.clone()),
                reader: reader.to_string(),
                action: format!("runs `{}(...)`", semantic.text(callee)),
                site: Some(Span::from(call)),
                elsewhere: None,
            });
            continue;
        }
        // `Customer.findByPk(parent.customerId)`, `models.Customer.findOne(...)`.
        if !orm::JS_MODEL_LOOKUPS.contains(&method) || !mentions(semantic, call, binding) {
            continue;
        }
        let model_node = match object.kind() {
            "identifier" => object,
            "member_expression" => member_parts(object).map_or(object, |(_, p)| p),
            _ => continue,
        };
        let Some(target) =
            models.model(model.orm, semantic.text(model_node), Some(semantic.path()))
        else {
            continue;
        };
        let relation = model
            .relations
            .iter()
            .filter(|r| target.is_named(&r.target))
            .collect::<Vec<_>>();
        let remedy = match relation.as_slice() {
            [only] if model.orm == Orm::Sequelize => {
                read_first(semantic, call, parent_name, &only.name).remedy()
            }
            _ => Remedy::None,
        };
        needs.push(query_need(semantic, model, target, call, reader, remedy));
    }
    needs
}

/// How a per-parent load can read the relation the list query includes instead.
enum ReadFirst {
    /// Rewrite the call to `(parent.customer ?? <call>)`.
    Rewrite(Edit),
    /// It already does (`parent.customer ?? <call>`).
    Already,
    /// Not mechanically: the call filters (`getPosts({ where })`) or its value is used in place.
    No,
}

impl ReadFirst {
    fn remedy(self) -> Remedy {
        match self {
            ReadFirst::Rewrite(edit) => Remedy::EagerAnd(edit),
            ReadFirst::Already => Remedy::Eager,
            ReadFirst::No => Remedy::None,
        }
    }
}

/// Whether `(parent.customer ?? <call>)` can stand for the call: it loads exactly the relation
/// (`findByPk(parent.customerId)`, `findAll({ where: { postId: parent.id } })`, `getTags()`), and
/// its value is returned, awaited or assigned as is.
fn read_first(semantic: &Semantic<'_>, call: Node<'_>, parent: &str, relation: &str) -> ReadFirst {
    let loaded = format!("{parent}.{relation}");
    let mut node = call;
    while let Some(outer) = node.parent() {
        match outer.kind() {
            "await_expression" | "parenthesized_expression" => node = outer,
            "binary_expression" => {
                let reads_first = outer.field("right") == Some(node)
                    && outer
                        .field("operator")
                        .is_some_and(|o| matches!(semantic.text(o), "??" | "||"))
                    && outer
                        .field("left")
                        .is_some_and(|l| semantic.text(unwrap(l)) == loaded);
                return if reads_first {
                    ReadFirst::Already
                } else {
                    ReadFirst::No
                };
            }
            "return_statement" | "arrow_function" | "variable_declarator" => break,
            _ => return ReadFirst::No,
        }
    }
    if !loads_exactly_the_relation(semantic, call, parent) {
        return ReadFirst::No;
    }
    ReadFirst::Rewrite(Edit {
        span: Span::from(call),
        content: format!("({loaded} ?? {})", semantic.text(call)),
    })
}

/// Whether a per-parent call loads the relation as is: a getter without options, `findByPk(key)`,
/// or a query whose only option is a one-key `where`.
fn loads_exactly_the_relation(semantic: &Semantic<'_>, call: Node<'_>, parent: &str) -> bool {
    let arguments = semantic.arguments(call);
    let method = semantic
        .callee(call)
        .and_then(member_parts)
        .map_or("", |(_, p)| semantic.text(p));
    let parent_key = |node: Node<'_>| {
        semantic
            .text(node)
            .strip_prefix(parent)
            .is_some_and(|rest| rest.starts_with('.'))
    };
    match arguments.as_slice() {
        [] => method.starts_with(sequelize::ASSOCIATION_GETTER_PREFIX),
        [key] if method == sequelize::FIND_BY_PK => parent_key(*key),
        [options] if options.kind() == "object" => {
            let mut cursor = options.walk();
            let pairs: Vec<Node<'_>> = options
                .named_children(&mut cursor)
                .filter(|n| n.kind() != "comment")
                .collect();
            let [only] = pairs.as_slice() else {
                return false;
            };
            let is_where = only.kind() == "pair"
                && only
                    .field("key")
                    .is_some_and(|k| semantic.text(k) == sequelize::WHERE);
            let Some(filter) = only.field("value").filter(|_| is_where) else {
                return false;
            };
            if filter.kind() != "object" || method.starts_with(sequelize::ASSOCIATION_GETTER_PREFIX) {
                return false;
            }
            let mut cursor = filter.walk();
            let conditions: Vec<Node<'_>> = filter
                .named_children(&mut cursor)
                .filter(|n| n.kind() != "comment")
                .collect();
            // `{ postId: parent.id }`.
            matches!(conditions.as_slice(), [condition] if condition.kind() == "pair"
                && condition.field("value").is_some_and(parent_key))
        }
        _ => false,
    }
}
