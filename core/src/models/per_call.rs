//! What a function runs on every call: the first database query it issues whenever it runs (outside
//! its own loops and conditions, directly or through the functions of its file it calls). Asked by
//! `query-in-loop` of a function of the same file called in a loop, and by the project graph of an
//! export another file calls in a loop (the call there is then a query per item).

use super::chain::{unwrap, Chain};
use super::queries::{interpolates_identifier, iterated_query, query_call, sql_literal, QueryCall};
use super::ModelIndex;
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::frameworks::sql_drivers;
use crate::semantic::{FunctionId, Semantic};
use tree_sitter::Node;

/// How many functions of the file deep a query is looked for below the function asked about.
const DEPTH: u32 = 2;

/// The first query `function` runs on every call, outside any loop or condition of its own, directly
/// or through the functions of this file it calls (two levels deep). A query about a model, table or
/// statement the caller chooses is left out: a call per item is then a query per model, which has no
/// batched form.
pub fn query_on_every_call<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    function: FunctionId,
) -> Option<QueryCall<'t>> {
    first_query(semantic, models, function, 0, &mut Vec::new())
}

fn first_query<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    function: FunctionId,
    depth: u32,
    visited: &mut Vec<FunctionId>,
) -> Option<QueryCall<'t>> {
    // A memoised function runs its body once per argument list.
    if depth > DEPTH || visited.contains(&function) || semantic.is_memoised(function) {
        return None;
    }
    visited.push(function);
    let root = semantic.function(function).node;
    let mut nodes = Vec::new();
    let mut stack = vec![root];
    let mut cursor = root.walk();
    while let Some(node) = stack.pop() {
        nodes.push(node);
        stack.extend(node.named_children(&mut cursor));
    }
    nodes.sort_by_key(|n| n.start_byte());
    // Runs on every call: directly in this function, outside its loops and conditions (the cheap
    // tests first; whether a cache hit returns earlier is asked only of what they let through).
    let direct = |n: Node<'t>| {
        semantic.function_at(n) == Some(function)
            && semantic.loop_at(n).is_none()
            && is_unconditional(semantic, n, root)
    };
    let not_cached =
        |n: Node<'t>| !semantic.runs_after_cache_miss(n, function) && !semantic.is_computed_once(n);
    let mut calls = Vec::new();
    for &node in &nodes {
        let query = match node.kind() {
            "call" | "call_expression" | "subscript" => {
                let found = query_call(semantic, models, node);
                if found.is_none() && node.kind() != "subscript" {
                    calls.push(node);
                }
                found
            }
            "for_statement" => node
                .field("right")
                .and_then(|r| iterated_query(semantic, models, r)),
            _ => None,
        };
        if let Some(query) = query
            .filter(|q| direct(q.node) && !varies_per_call(semantic, q, root) && not_cached(q.node))
        {
            return Some(query);
        }
    }
    for call in calls {
        if !direct(call) || semantic.called_function(call).is_none() || !not_cached(call) {
            continue;
        }
        let Some(inner) = semantic.called_function(call) else {
            continue;
        };
        if let Some(query) = first_query(semantic, models, inner, depth + 1, visited) {
            return Some(query);
        }
    }
    None
}

/// Whether `node` runs on every call of `function`: directly in it, outside its loops and conditions,
/// and not only when a cache kept between calls misses (`if (cache.has(id)) return cache.get(id)`
/// before it, `cache ??= load()`).
pub fn runs_on_every_call<'t>(
    semantic: &Semantic<'t>,
    node: Node<'t>,
    function: FunctionId,
) -> bool {
    semantic.function_at(node) == Some(function)
        && semantic.loop_at(node).is_none()
        && is_unconditional(semantic, node, semantic.function(function).node)
        && !semantic.runs_after_cache_miss(node, function)
        && !semantic.is_computed_once(node)
}

/// Whether `node` runs whenever `function` runs: no `if`, `else`, `except`, `switch` case, conditional
/// expression or short-circuit operator between them.
pub fn is_unconditional<'t>(semantic: &Semantic<'t>, node: Node<'t>, function: Node<'t>) -> bool {
    let mut current = node;
    while let Some(parent) = semantic.parent(current) {
        if parent.id() == function.id() {
            return true;
        }
        match parent.kind() {
            "if_statement"
            | "elif_clause"
            | "else_clause"
            | "conditional_expression"
            | "ternary_expression"
            | "boolean_operator"
            | "switch_statement"
            | "switch_case"
            | "match_statement"
            | "case_clause"
            | "except_clause"
            | "catch_clause" => {
                // The condition of an `if` runs unconditionally; its branches do not.
                let in_condition = parent
                    .field("condition")
                    .is_some_and(|c| c.id() == current.id());
                if !in_condition {
                    return false;
                }
            }
            "binary_expression" => {
                let operator = parent.field("operator").map_or("", |o| o.kind());
                let right = parent
                    .field("right")
                    .is_some_and(|r| r.id() == current.id());
                if right && matches!(operator, "&&" | "||" | "??") {
                    return false;
                }
            }
            _ => {}
        }
        current = parent;
    }
    true
}

/// Whether a helper's query is about a model, table or statement its caller chooses (a parameter or
/// a local of the helper: `def verify(rel_model): rel_model.objects.get(...)`), or splices a table
/// name into SQL: a call per item is then a query per model or table, with no batched form.
fn varies_per_call(semantic: &Semantic<'_>, query: &QueryCall<'_>, function: Node<'_>) -> bool {
    let region = Span::from(function);
    let declared_inside = |node: Node<'_>| declares_within(semantic, node, region);
    if query
        .target
        .is_some_and(|t| !matches!(t.kind(), "string" | "template_string") && declared_inside(t))
    {
        return true;
    }
    match query.sql.map(|sql| (sql, sql_literal(semantic, sql, 0))) {
        Some((_, Some(literal))) => interpolates_identifier(semantic.text(literal)),
        Some((sql, None)) => declared_inside(sql),
        None => false,
    }
}

/// Whether an expression uses a name (other than `self`/`cls`) declared within `region`.
pub fn declares_within(semantic: &Semantic<'_>, node: Node<'_>, region: Span) -> bool {
    semantic
        .names_in(node)
        .filter(|name| !matches!(semantic.text(*name), "self" | "cls"))
        .filter_map(|name| semantic.resolve_identifier(name))
        .any(|b| region.contains(Span::from(semantic.binding(b).declaration)))
}

/// Whether a query goes to a database that runs inside the process (better-sqlite3, `sqlite3`): the
/// client is made from an in-process driver (`db = new Database(path)`, `this.db =
/// sqlite3.connect(path)`). Each query is a library call of microseconds, not a round trip.
pub fn runs_in_process(semantic: &Semantic<'_>, query: &QueryCall<'_>) -> bool {
    let chain = Chain::of(semantic, query.node);
    let made_in_process = |value: Node<'_>| {
        let value = unwrap(value);
        matches!(value.kind(), "call_expression" | "new_expression" | "call")
            && semantic.callee_name(value).is_some_and(|name| {
                let module = name.as_str().split(['.', '(']).next().unwrap_or("");
                sql_drivers::IN_PROCESS_MODULES.contains(&module)
            })
    };
    match chain.root.kind() {
        "identifier" => semantic
            .resolve_identifier(chain.root)
            .is_some_and(|binding| {
                let declared = semantic.binding(binding);
                !declared.reassigned && declared.value.is_some_and(made_in_process)
            }),
        // `this.database.prepare(...)`: every assignment of `this.database` in the file.
        "this" => chain.links.first().is_some_and(|member| {
            let target = format!("this.{}", member.name);
            let writes: Vec<_> = semantic
                .assignments_in(Span::from(semantic.root()))
                .filter(|a| semantic.text(a.target) == target)
                .filter_map(|a| a.value)
                .collect();
            !writes.is_empty() && writes.into_iter().all(made_in_process)
        }),
        _ => false,
    }
}
