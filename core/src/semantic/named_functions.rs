//! Which functions of the file a region of code names: the ones it calls and the ones it hands over
//! (a clean-up callback, a listener), from the recorded identifiers and `this`, without a walk.

use super::{FunctionId, Semantic};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use tree_sitter::Node;

impl<'t> Semantic<'t> {
    pub(crate) fn record_this(&mut self, node: Node<'t>) {
        self.recorded.this.push(node);
    }

    /// The functions of this file that code inside `node` names, each once, in source order of their
    /// first mention: identifiers bound to a function (called, or passed as a callback), and methods of
    /// the enclosing class named through `this.name` (JavaScript) or `self.name`/`cls.name` (Python).
    pub fn functions_named_in(&self, node: Node<'_>) -> Vec<FunctionId> {
        let span = Span::from(node);
        let mut found: Vec<(usize, FunctionId)> = Vec::new();
        for identifier in self.identifiers_in(span) {
            if self.is_name_position(identifier) {
                continue;
            }
            let function = self
                .resolve_identifier(identifier)
                .and_then(|id| self.function_of_binding(id));
            if let Some(function) = function {
                found.push((identifier.start_byte(), function));
            }
        }
        let receivers = self.recorded_this_in(span).chain(
            self.identifiers_in(span)
                .filter(|i| matches!(self.text(*i), "self" | "cls")),
        );
        for receiver in receivers {
            for method in self.methods_named_through(receiver) {
                found.push((receiver.start_byte(), method));
            }
        }
        found.sort_by_key(|&(at, _)| at);
        let mut functions: Vec<FunctionId> = Vec::new();
        for (_, function) in found {
            if !functions.contains(&function) {
                functions.push(function);
            }
        }
        functions
    }

    fn recorded_this_in(&self, span: Span) -> impl Iterator<Item = Node<'t>> + '_ {
        super::flow::starting_in(&self.recorded.this, span, |&n| n).copied()
    }

    /// The methods `receiver.name` names, when `receiver` (`this`, `self`, `cls`) is the object of a
    /// member: the methods called `name` of the class of the innermost method around it.
    fn methods_named_through(&self, receiver: Node<'t>) -> Vec<FunctionId> {
        let Some(member) = self
            .parent(receiver)
            .filter(|p| matches!(p.kind(), "member_expression" | "attribute"))
            .filter(|p| p.field("object").is_some_and(|o| o.id() == receiver.id()))
        else {
            return Vec::new();
        };
        let name = member
            .field("property")
            .or_else(|| member.field("attribute"))
            .map(|p| self.text(p));
        let class = self
            .enclosing_functions(receiver)
            .find_map(|f| self.function(f).class);
        let (Some(name), Some(class)) = (name, class) else {
            return Vec::new();
        };
        self.functions()
            .filter(|(_, f)| f.class == Some(class) && f.name == Some(name))
            .map(|(id, _)| id)
            .collect()
    }
}
