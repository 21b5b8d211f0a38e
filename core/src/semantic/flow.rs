//! Dataflow: what the build walk records about names, assignments and calls, and the queries built on
//! it (which identifiers refer to a binding, which assignments write it, which calls run in a region).
//!
//! The walk only records (a push per identifier, call and assignment); names are resolved when a rule
//! asks, through an index of identifiers by name that is built on the first question about a file.
//! Most files are never asked, and the walk stays as cheap as it was.

use super::syntax::is_function_kind;
use super::{BindingId, FunctionId, Semantic};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;
use tree_sitter::Node;

/// How an assignment combines the target's old value with the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignmentOperator {
    /// `x = v`.
    Plain,
    /// `x ??= v`, `x ||= v`: assigns only when `x` is missing, a lazy initialisation.
    IfMissing,
    /// `x += v` and the other compound operators.
    Compound,
}

/// An assignment: `target = value`, `target op= value`.
#[derive(Clone, Copy, Debug)]
pub struct Assignment<'t> {
    /// The whole assignment (JavaScript `assignment_expression` or `augmented_assignment_expression`,
    /// Python `assignment` or `augmented_assignment`).
    pub node: Node<'t>,
    /// What is written: an identifier, a member, a subscript or a pattern.
    pub target: Node<'t>,
    /// The value written, when there is one (a Python annotation alone has none).
    pub value: Option<Node<'t>>,
    /// How the value is combined with the old one.
    pub operator: AssignmentOperator,
}

/// What the build walk records for the dataflow queries, in source order.
#[derive(Default)]
pub(crate) struct Recorded<'t> {
    /// Every node that may name a binding: JavaScript `identifier` and `shorthand_property_identifier`,
    /// Python `identifier`.
    identifiers: Vec<Node<'t>>,
    /// Every assignment.
    assignments: Vec<Assignment<'t>>,
    /// Every call and `new` expression.
    calls: Vec<Node<'t>>,
    /// Every `yield`.
    pub(super) yields: Vec<Node<'t>>,
    /// Every `return` statement.
    pub(super) returns: Vec<Node<'t>>,
    /// Python `global` and `nonlocal` declarations: the function, the name, and whether it is `global`.
    pub(super) outer_names: Vec<(FunctionId, &'t str, bool)>,
    /// Every decorator (`@register`, `@Injectable()`), both grammars.
    pub(super) decorators: Vec<Node<'t>>,
    /// JavaScript `this` expressions (method references: `this.onClose`).
    pub(super) this: Vec<Node<'t>>,
    /// `identifiers`' indices by the hash of their name, built on the first question. (Keyed by hash,
    /// not by `&'t str`: a cell holding `'t` would make the model invariant in it.)
    by_name: OnceCell<FxHashMap<u64, Vec<u32>>>,
}

impl<'t> Semantic<'t> {
    pub(crate) fn record_identifier(&mut self, node: Node<'t>) {
        self.recorded.identifiers.push(node);
    }

    pub(crate) fn record_call(&mut self, node: Node<'t>) {
        self.recorded.calls.push(node);
    }

    pub(crate) fn record_yield(&mut self, node: Node<'t>) {
        self.recorded.yields.push(node);
    }

    pub(crate) fn record_return(&mut self, node: Node<'t>) {
        self.recorded.returns.push(node);
    }

    pub(crate) fn record_outer_name(&mut self, function: FunctionId, name: &'t str, global: bool) {
        self.recorded.outer_names.push((function, name, global));
    }

    /// Records an assignment node; `operator` is the text of its operator token (`=`, `??=`, `+=`).
    pub(crate) fn record_assignment(&mut self, node: Node<'t>, operator: &str) {
        let (Some(target), value) = (node.field("left"), node.field("right")) else {
            return;
        };
        let operator = match operator {
            "=" | ":=" => AssignmentOperator::Plain,
            "??=" | "||=" => AssignmentOperator::IfMissing,
            _ => AssignmentOperator::Compound,
        };
        self.recorded.assignments.push(Assignment {
            node,
            target,
            value,
            operator,
        });
    }

    /// The recorded identifiers inside `span`, in source order.
    pub(super) fn identifiers_in(&self, span: Span) -> impl Iterator<Item = Node<'t>> + '_ {
        starting_in(&self.recorded.identifiers, span, |&n| n).copied()
    }

    /// The identifiers inside `node` that name a variable (not `obj.name` members or `f(name=...)`
    /// keywords), in source order: the names an expression uses, from the recorded walk.
    pub fn names_in(&self, node: Node<'_>) -> impl Iterator<Item = Node<'t>> + '_ {
        self.identifiers_in(Span::from(node))
            .filter(|identifier| !self.is_name_position(*identifier))
    }

    /// Whether `node` holds a JavaScript `this`.
    pub fn uses_this(&self, node: Node<'_>) -> bool {
        starting_in(&self.recorded.this, Span::from(node), |&n| n)
            .next()
            .is_some()
    }

    /// The recorded identifiers spelled `name`, in source order.
    fn occurrences<'a>(&'a self, name: &'a str) -> impl Iterator<Item = Node<'t>> + 'a {
        let by_name = self.recorded.by_name.get_or_init(|| {
            let mut by_name: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            for (index, &node) in self.recorded.identifiers.iter().enumerate() {
                by_name
                    .entry(name_hash(self.text(node)))
                    .or_default()
                    .push(index as u32);
            }
            by_name
        });
        by_name
            .get(&name_hash(name))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&index| self.recorded.identifiers[index as usize])
            .filter(move |&node| self.text(node) == name)
    }

    /// Every identifier inside `within` that refers to `binding` (its declaration included), in source
    /// order. Names in member and keyword position (`obj.name`, `f(name=...)`) are not references.
    pub fn references(&self, binding: BindingId, within: Node<'_>) -> Vec<Node<'t>> {
        self.references_in(binding, Span::from(within))
    }

    /// Every identifier of the file that refers to `binding` (its declaration included), in source order.
    pub fn all_references(&self, binding: BindingId) -> Vec<Node<'t>> {
        self.references_in(binding, Span::from(self.root()))
    }

    fn references_in(&self, binding: BindingId, within: Span) -> Vec<Node<'t>> {
        self.references_where(binding, within, |_| true)
    }

    /// The references to `binding` inside `within` that `keep` accepts, asked before what resolving
    /// an occurrence costs (a walk up the tree and a scope lookup): for uses most of which no caller
    /// wants.
    pub(crate) fn references_where(
        &self,
        binding: BindingId,
        within: Span,
        keep: impl Fn(Node<'t>) -> bool,
    ) -> Vec<Node<'t>> {
        let declared = self.binding(binding);
        let scope = self.scope(declared.scope).span;
        self.occurrences(declared.name)
            .filter(|node| {
                let span = Span::from(*node);
                within.contains(span)
                    && node.end_byte() > scope.start
                    && node.start_byte() < scope.end
                    && keep(*node)
                    && !self.is_name_position(*node)
                    && self.lookup(declared.name, *node) == Some(binding)
            })
            .collect()
    }

    /// Every assignment whose node lies inside `span`, in source order.
    pub fn assignments_in(&self, span: Span) -> impl Iterator<Item = &Assignment<'t>> + '_ {
        starting_in(&self.recorded.assignments, span, |a| a.node)
    }

    /// The assignments that write `binding` itself (`x = v`, `x += v`; not `x.y = v`), in source order.
    pub fn writes(&self, binding: BindingId) -> Vec<&Assignment<'t>> {
        let declared = self.binding(binding);
        let scope = self.scope(declared.scope).span;
        self.assignments_in(scope)
            .filter(|a| {
                matches!(a.target.kind(), "identifier")
                    && self.text(a.target) == declared.name
                    && self.lookup(declared.name, a.target) == Some(binding)
            })
            .collect()
    }

    /// Every call and `new` expression whose node lies inside `span`, in source order.
    pub fn calls_in(&self, span: Span) -> impl Iterator<Item = Node<'t>> + '_ {
        starting_in(&self.recorded.calls, span, |&c| c).copied()
    }
}

fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    name.hash(&mut hasher);
    hasher.finish()
}

/// The items (in source order) whose node lies inside `span`.
pub(super) fn starting_in<'a, 't, T>(
    items: &'a [T],
    span: Span,
    node: impl Fn(&T) -> Node<'t> + Copy + 'a,
) -> impl Iterator<Item = &'a T> + 'a {
    let start = items.partition_point(|i| node(i).start_byte() < span.start);
    let end = items.partition_point(|i| node(i).start_byte() < span.end);
    items[start..end.max(start)]
        .iter()
        .filter(move |i| node(i).end_byte() <= span.end)
}

impl<'t> Semantic<'t> {
    /// Whether the value at `node` leaves `function`: it is returned or yielded (or is an arrow function's
    /// or lambda's expression body), exported, or assigned to something other than a local variable (a
    /// member, an item, a place that outlives the call, a `nonlocal`).
    pub fn escapes_function(&self, node: Node<'_>, function: FunctionId) -> bool {
        let function_node = self.function(function).node;
        let mut current = node;
        while let Some(parent) = current.parent() {
            if parent.id() == function_node.id() {
                // The expression body of an arrow function is its return value.
                return matches!(function_node.kind(), "arrow_function" | "lambda")
                    && function_node
                        .field("body")
                        .is_some_and(|b| b.id() == current.id() && b.kind() != "statement_block");
            }
            match parent.kind() {
                "return_statement" | "yield_expression" | "yield" | "export_statement" => {
                    return true
                }
                "assignment_expression" | "assignment" => {
                    if let Some(left) = parent.field("left") {
                        if left.id() != current.id()
                            && (left.kind() != "identifier"
                                || self.outlives_call(left, function)
                                || self.declared_outer(left, function, false))
                        {
                            return true;
                        }
                    }
                }
                _ => {}
            }
            if is_function_kind(parent.kind()) {
                return false;
            }
            current = parent;
        }
        false
    }
}

impl Semantic<'_> {
    /// A Python identifier that names something rather than reading a variable (`obj.attr`,
    /// `f(key=...)`). JavaScript's names in those places are other kinds (`property_identifier`), never
    /// recorded as identifiers, so the question (and its costly `parent()`) is Python's only.
    pub(super) fn is_name_position(&self, node: Node<'_>) -> bool {
        self.language().family() == crate::LanguageFamily::Python
            && node.parent().is_some_and(|p| {
                (p.kind() == "attribute" && p.field("attribute") == Some(node))
                    || (p.kind() == "keyword_argument" && p.field("name") == Some(node))
            })
    }
}
