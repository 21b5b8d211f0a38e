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
    let every_call = EveryCall::of(semantic, function);
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
    let direct = |n: Node<'t>| every_call.is_direct(n);
    let not_cached = |n: Node<'t>| every_call.not_after_cache_hit(n);
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
        if !direct(call) {
            continue;
        }
        let Some(inner) = semantic.called_function(call) else {
            continue;
        };
        // Whether a cache hit returns before the call is asked only of calls that lead to a query:
        // it reads the whole function around the call.
        let Some(query) = first_query(semantic, models, inner, depth + 1, visited) else {
            continue;
        };
        if not_cached(call) {
            return Some(query);
        }
        // A later call of the same function, outside the cache, is asked again.
        visited.retain(|f| *f != inner);
    }
    None
}

/// What runs on every call of one function: the parts of its body that run only under a condition,
/// found once (a function is asked about many of its nodes).
pub struct EveryCall<'s, 't> {
    semantic: &'s Semantic<'t>,
    function: FunctionId,
    /// The branches of its `if`s, `else`s, `except`s, `switch` cases, conditional expressions and
    /// short-circuit operators (not their conditions).
    conditional: Vec<Span>,
}

impl<'s, 't> EveryCall<'s, 't> {
    /// The answers for `function`.
    pub fn of(semantic: &'s Semantic<'t>, function: FunctionId) -> EveryCall<'s, 't> {
        EveryCall {
            semantic,
            function,
            conditional: conditional_regions(semantic.function(function).node),
        }
    }

    /// Whether `node` runs on every call: directly in the function, outside its loops and conditions,
    /// and not only when a cache kept between calls misses (`if (cache.has(id)) return
    /// cache.get(id)` before it, `cache ??= load()`).
    pub fn runs(&self, node: Node<'t>) -> bool {
        self.is_direct(node) && self.not_after_cache_hit(node)
    }

    /// Directly in the function, outside its loops and conditions.
    fn is_direct(&self, node: Node<'t>) -> bool {
        let span = Span::from(node);
        self.semantic.function_at(node) == Some(self.function)
            && self.semantic.loop_at(node).is_none()
            && !self.conditional.iter().any(|region| region.contains(span))
    }

    /// Not only when a cache the function fills misses.
    fn not_after_cache_hit(&self, node: Node<'t>) -> bool {
        !self.semantic.runs_after_cache_miss(node, self.function)
            && !self.semantic.is_computed_once(node)
    }
}

/// The parts of `function` that run only under a condition: every child of an `if`, `else`,
/// `except`, `switch` case, conditional expression or `and`/`or` but its condition, and the right
/// operand of `&&`, `||` and `??`.
fn conditional_regions(function: Node<'_>) -> Vec<Span> {
    let mut regions = Vec::new();
    let mut stack = vec![function];
    let mut cursor = function.walk();
    while let Some(node) = stack.pop() {
        let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        let branching = matches!(
            node.kind(),
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
                | "catch_clause"
        );
        let short_circuit = node.kind() == "binary_expression"
            && matches!(
                node.field("operator").map(|o| o.kind()),
                Some("&&" | "||" | "??")
            );
        let condition = node.field("condition").map(|c| c.id());
        let right = node.field("right").map(|r| r.id());
        for child in children {
            let guarded = (branching && Some(child.id()) != condition)
                || (short_circuit && Some(child.id()) == right);
            if guarded {
                regions.push(Span::from(child));
            } else {
                stack.push(child);
            }
        }
    }
    regions
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
