//! What a function's header declares: its parameters (in order, the name each binds, where a parameter
//! binding sits among them) and the decorators written on a function, method, class or parameter; and
//! what a call passes for a parameter.

use super::{BindingId, BindingKind, FunctionId, Semantic};
use crate::fields::NodeFields;
use tree_sitter::Node;

impl<'t> Semantic<'t> {
    /// The parameters of `function`, in order: the whole parameter nodes, with their annotations, default
    /// values and decorators (the lone parameter of `x => ...` included; comments left out). Python's
    /// `self`, `*` and `/` count as parameters.
    pub fn parameters(&self, function: FunctionId) -> Vec<Node<'t>> {
        let node = self.function(function).node;
        if let Some(single) = node.field("parameter") {
            return vec![single];
        }
        let Some(list) = node.field("parameters") else {
            return Vec::new();
        };
        let mut cursor = list.walk();
        let parameters = list
            .named_children(&mut cursor)
            .filter(|p| p.kind() != "comment")
            .collect();
        parameters
    }

    /// The name a parameter binds when it is a plain name, however annotated, defaulted or decorated
    /// (`x`, `x: T`, `x = 1`, `x?: T`, `@Res() res`, Python `x: T = 1`); `None` for destructuring and
    /// rest parameters.
    pub fn parameter_name(&self, parameter: Node<'t>) -> Option<Node<'t>> {
        let name = match parameter.kind() {
            "identifier" => Some(parameter),
            "required_parameter" | "optional_parameter" => parameter.field("pattern"),
            "assignment_pattern" => parameter.field("left"),
            "default_parameter" | "typed_default_parameter" => parameter.field("name"),
            "typed_parameter" => parameter.named_child(0),
            _ => None,
        };
        name.filter(|n| n.kind() == "identifier")
    }

    /// The binding of `function`'s parameter at `position` (counting from 0, `self` included), when it is
    /// a plain name: `x`, `x = 1`, `x: T`, `x?: T`, an arrow function's single `x`.
    pub fn parameter(&self, function: FunctionId, position: usize) -> Option<BindingId> {
        let parameter = *self.parameters(function).get(position)?;
        self.resolve_identifier(self.parameter_name(parameter)?)
    }

    /// Where a parameter binding sits: its function and the position of the parameter that declares it
    /// (a destructured name gives its pattern's position). `None` when `binding` is not a parameter.
    pub fn parameter_position(&self, binding: BindingId) -> Option<(FunctionId, usize)> {
        let declared = self.binding(binding);
        if declared.kind != BindingKind::Parameter {
            return None;
        }
        let declaration = declared.declaration;
        let function = self.function_at(declaration)?;
        let position = self.parameters(function).iter().position(|p| {
            p.start_byte() <= declaration.start_byte() && declaration.end_byte() <= p.end_byte()
        })?;
        Some((function, position))
    }

    /// The bindings `function`'s parameters declare, in order, destructured names included.
    pub fn parameter_bindings(&self, function: FunctionId) -> Vec<BindingId> {
        self.parameters(function)
            .into_iter()
            .flat_map(|p| self.pattern_targets(p))
            .filter_map(|name| self.resolve_identifier(name))
            .collect()
    }

    /// The decorators written on a function, method, class or parameter, in source order: Python's
    /// `@decorator` lines above a `def` or `class`, and JavaScript's or TypeScript's `@Decorator()` on a
    /// class, a parameter, or a method (inside it, or just before it in the class body).
    pub fn decorators(&self, node: Node<'t>) -> Vec<Node<'t>> {
        let mut decorators = Vec::new();
        // Before it: Python's `decorated_definition`, a TypeScript class body.
        let mut previous = node.prev_named_sibling();
        while let Some(sibling) = previous {
            match sibling.kind() {
                "decorator" => decorators.push(sibling),
                "comment" => {}
                _ => break,
            }
            previous = sibling.prev_named_sibling();
        }
        decorators.reverse();
        let mut cursor = node.walk();
        decorators.extend(
            node.named_children(&mut cursor)
                .filter(|c| c.kind() == "decorator"),
        );
        decorators
    }

    /// The argument `call` passes for a parameter: the keyword argument `keyword` when there is one
    /// (Python), else the `position`-th positional argument (keyword arguments and `*`/`**` unpacking
    /// left out of the count).
    pub fn argument_for(&self, call: Node<'t>, position: usize, keyword: &str) -> Option<Node<'t>> {
        self.keyword_argument(call, keyword).or_else(|| {
            self.arguments(call)
                .into_iter()
                .filter(|a| {
                    !matches!(
                        a.kind(),
                        "keyword_argument" | "list_splat" | "dictionary_splat"
                    )
                })
                .nth(position)
        })
    }

    /// The calls of this file that call `function` (`helper(x)`, `self.helper(x)`, `this.helper(x)`).
    pub fn calls_of(&self, function: FunctionId) -> Vec<Node<'t>> {
        self.calls_in(crate::diagnostic::Span::from(self.root()))
            .filter(|call| self.called_function(*call) == Some(function))
            .collect()
    }

    /// What this file's calls of a parameter's function pass for it, one value per call: `None` when
    /// the function is called nowhere in this file or a call passes nothing for it (a default, an
    /// unpacked `*args`). Callers in other files are not seen.
    pub fn arguments_for_parameter(&self, parameter: BindingId) -> Option<Vec<Node<'t>>> {
        let (function, position) = self.parameter_position(parameter)?;
        let keyword = self.text(self.binding(parameter).declaration);
        // A Python method's `self`/`cls` is the receiver, not an argument.
        let receiver = self.language() == crate::language::Language::Python
            && self.function(function).class.is_some();
        let position = if receiver {
            position.checked_sub(1)?
        } else {
            position
        };
        let calls = self.calls_of(function);
        if calls.is_empty() {
            return None;
        }
        calls
            .into_iter()
            .map(|call| self.argument_for(call, position, keyword))
            .collect()
    }

    /// The value of a Python keyword argument (`f(keyword=value)`).
    pub fn keyword_argument(&self, call: Node<'t>, keyword: &str) -> Option<Node<'t>> {
        self.arguments(call).into_iter().find_map(|a| {
            (a.kind() == "keyword_argument"
                && a.field("name").is_some_and(|n| self.text(n) == keyword))
            .then(|| a.field("value"))
            .flatten()
        })
    }
}
