//! Where a value goes: from the expression that produces it to what takes it next (a `return`, a name,
//! a member, a call, a larger value, ...), past the wrappers that hand it on unchanged; which references
//! read a binding's value; and what a pattern writes.
//!
//! Rules follow a value (a client, a rendered PDF) by asking [`Semantic::value_step`] at the expression,
//! and again at whatever it reaches (a call's result, a variable's [`Semantic::reads`]), and keep only
//! their own judgement: what a call does with what it is handed, what counts as the response.

use super::flow::AssignmentOperator;
use super::syntax::is_wrapper;
use super::{BindingId, FunctionId, HandlerOrigin, Semantic};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use tree_sitter::Node;

/// What binds or stores a value ([`ValueStep::Bound`], [`ValueStep::Stored`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binder {
    /// A declaration: `const x = v`, `let { a } = v`.
    Declaration,
    /// An assignment: `x = v`, `x ??= v`, `x += v`, `obj.x = v`, Python `x: T = v`.
    Assignment(AssignmentOperator),
    /// Python's walrus, `(x := v)`.
    Walrus,
    /// Python's `with v as x`: `x` is what entering `v` gives (for clients and files, `v` itself), and
    /// `v` is exited when the block ends.
    With,
}

/// Where the value of an expression goes next, once past the wrappers that pass it on unchanged
/// (`await`, parentheses, TypeScript's `as`, `satisfies`, `!` and `<T>`, the branches of a conditional
/// expression, the left of `a ?? b`/`a || b`/`a or b` and the right of `a && b`/`a and b`).
///
/// One step only: the value of a call, a member read or a larger value that the value reaches is another
/// expression, to ask again at. An assignment or walrus is itself an expression whose value is the value
/// assigned (`f(x = v)`); the step names the binding and does not go on to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueStep<'t> {
    /// Returned from `function`: by a `return`, or as the expression body of an arrow function or lambda.
    /// When handler code calls `function` by name ([`HandlerOrigin::CalledFrom`]), `caller` is that call,
    /// where the value goes on.
    Returned {
        /// The function that returns it.
        function: FunctionId,
        /// The call through which handler code calls it, when it is such a helper.
        caller: Option<Node<'t>>,
    },
    /// Yielded by the generator `function` (`yield v`, `yield* v`, `yield from v`).
    Yielded {
        /// The generator.
        function: FunctionId,
    },
    /// Bound to names: a declaration, an assignment to a name or a pattern, a walrus, `with v as x`.
    /// [`Semantic::pattern_targets`] lists what a pattern writes; [`Semantic::reads`] follows a name.
    Bound {
        /// The name or pattern written (`x`, `{ a, b }`, `a, b`).
        target: Node<'t>,
        /// What binds it.
        binder: Binder,
        /// The declarator, assignment, walrus or `with` item.
        node: Node<'t>,
        /// Whether the name keeps the value after the function's call returns
        /// ([`Semantic::outlives_call`]: a module variable, a `global`); at module level, always.
        outlives_call: bool,
    },
    /// Stored into a member or an item: `obj.x = v`, `cache[k] = v`, `with v as self.conn`.
    Stored {
        /// The member or subscript written.
        target: Node<'t>,
        /// What stores it.
        binder: Binder,
        /// The assignment or `with` item.
        node: Node<'t>,
        /// Whether the place keeps the value after the function's call returns
        /// ([`Semantic::outlives_call`]: `this.pool`, a module variable's member); at module level, always.
        outlives_call: bool,
    },
    /// The object of a member read (`v.length`) or of a method call (`v.close()`).
    Receiver {
        /// The member expression.
        member: Node<'t>,
        /// The member's name.
        property: &'t str,
        /// The call, when the member is called (its result is another value).
        call: Option<Node<'t>>,
    },
    /// The object of a subscript: an item of it is read (`v[0]`, `v["db"]`).
    Indexed {
        /// The subscript expression.
        subscript: Node<'t>,
    },
    /// Passed to a call or `new` expression (also the template of a tagged template, `tag`v``).
    Argument {
        /// The call.
        call: Node<'t>,
        /// Its position among the call's arguments (as [`Semantic::argument`] counts them; a keyword
        /// argument counts too).
        position: usize,
        /// The keyword of a Python keyword argument (`f(key=v)`).
        keyword: Option<&'t str>,
    },
    /// Part of a larger value: an object, array, list, tuple, dictionary (key or value), set, string
    /// template or f-string, an arithmetic or string operation (`a + v`), or a spread (`...v`, `*v`,
    /// `**v`, whose own step says where the elements go).
    Embedded {
        /// The larger value.
        container: Node<'t>,
    },
    /// The fallback of `a ?? v`, `a || v`, `a or v`: the value only when `primary` is missing or falsy.
    Fallback {
        /// The whole expression, whose value is `primary` or this value.
        expression: Node<'t>,
        /// The value used when present (`a`).
        primary: Node<'t>,
    },
    /// The context manager of a `with v:` item that binds no name: entered, and exited when the block
    /// ends.
    Entered {
        /// The `with` item.
        item: Node<'t>,
    },
    /// Dropped: an expression statement, or `void v`.
    Discarded {
        /// The statement (or `void` expression).
        statement: Node<'t>,
    },
    /// Exported: `export default v`.
    Exported {
        /// The export statement.
        statement: Node<'t>,
    },
    /// Not read here: the expression is written or declared (an assignment's target, a declaration's
    /// name, an element of a pattern, a loop variable, a parameter, `global x`).
    Written,
    /// Anything else: tested (a condition, `!v`, a comparison), iterated, thrown, called, used as a key
    /// or a default value.
    Other,
}

/// The binary operators whose result is a boolean, not a value built from the operands.
const COMPARISONS: &[&str] = &[
    "==",
    "===",
    "!=",
    "!==",
    "<",
    "<=",
    ">",
    ">=",
    "instanceof",
    "in",
];

impl<'t> Semantic<'t> {
    /// Where the value of `node` goes next (see [`ValueStep`]).
    pub fn value_step(&self, node: Node<'t>) -> ValueStep<'t> {
        let mut value = node;
        loop {
            let Some(parent) = self.parent(value) else {
                return ValueStep::Other;
            };
            match self.step_into(parent, value) {
                Some(step) => return step,
                None => value = parent,
            }
        }
    }

    /// The references inside `within` that read `binding`'s value, in source order: its declaration and
    /// the places that write it ([`ValueStep::Written`]) left out. Recorded references, no walk.
    pub fn reads(&self, binding: BindingId, within: Node<'_>) -> Vec<Node<'t>> {
        let declaration = self.binding(binding).declaration;
        let mut found = self.references(binding, within);
        found.retain(|r| r.id() != declaration.id() && !self.is_written(*r));
        found
    }

    /// What a pattern (a declaration's name, an assignment's target, a parameter) writes, in source order:
    /// each name it binds (an identifier, or a shorthand `{ a }`) and each member or item it stores into
    /// (`[obj.a, arr[0]] = v`). Default values and computed keys are read, not written, and left out.
    pub fn pattern_targets(&self, pattern: Node<'t>) -> Vec<Node<'t>> {
        let mut targets = Vec::new();
        collect_targets(pattern, &mut targets);
        targets
    }

    /// The value an object literal holds under `key` (`{ key: v }`, `{ "key": v }`, `{ key }`, a method
    /// `key() {}`); `None` when `object` is not an object literal.
    pub fn object_property(&self, object: Node<'t>, key: &str) -> Option<Node<'t>> {
        if object.kind() != "object" {
            return None;
        }
        super::js::object_pairs(self, object)
            .into_iter()
            .find_map(|(name, value)| (name == key).then_some(value))
    }

    /// The step `value` takes into `parent`, or `None` when `parent` passes it on unchanged.
    fn step_into(&self, parent: Node<'t>, value: Node<'t>) -> Option<ValueStep<'t>> {
        if is_wrapper(parent.kind()) {
            return None;
        }
        if is_write_position(parent, value) {
            return Some(ValueStep::Written);
        }
        let is = |field: &str| parent.field(field).is_some_and(|f| f.id() == value.id());
        let step = match parent.kind() {
            "ternary_expression" => return is("condition").then_some(ValueStep::Other),
            // Python's `a if condition else b` names no field.
            "conditional_expression" => {
                let condition = parent.named_child(1).is_some_and(|c| c.id() == value.id());
                return condition.then_some(ValueStep::Other);
            }
            "binary_expression" | "boolean_operator" => {
                return self.operand_step(parent, is("right"));
            }
            "binary_operator" => ValueStep::Embedded { container: parent },
            "unary_expression" if self.operator(parent) == "void" => {
                ValueStep::Discarded { statement: parent }
            }
            "return_statement" => match self.function_at(parent) {
                Some(function) => self.returned(function),
                // A CommonJS module's top-level `return`.
                None => ValueStep::Other,
            },
            "arrow_function" | "lambda" if is("body") => match self.function_at(parent) {
                Some(function) => self.returned(function),
                None => ValueStep::Other,
            },
            "yield_expression" | "yield" => match self.function_at(parent) {
                Some(function) => ValueStep::Yielded { function },
                None => ValueStep::Other,
            },
            "export_statement" => ValueStep::Exported { statement: parent },
            "expression_statement" => ValueStep::Discarded { statement: parent },
            "variable_declarator" if is("value") => {
                let target = parent.field("name")?;
                self.written_into(target, Binder::Declaration, parent)
            }
            "assignment_expression"
            | "augmented_assignment_expression"
            | "assignment"
            | "augmented_assignment"
                if is("right") =>
            {
                let target = parent.field("left")?;
                let operator = self
                    .assignments_in(Span::from(parent))
                    .find(|a| a.node.id() == parent.id())
                    .map_or(AssignmentOperator::Plain, |a| a.operator);
                self.written_into(target, Binder::Assignment(operator), parent)
            }
            "named_expression" if is("value") => {
                let target = parent.field("name")?;
                self.written_into(target, Binder::Walrus, parent)
            }
            // `with v as x:`: the as-pattern's first child is the value, its alias the target.
            "as_pattern" => {
                let item = self.parent(parent).filter(|i| i.kind() == "with_item");
                let first = parent.named_child(0).is_some_and(|c| c.id() == value.id());
                let target = parent.field("alias").and_then(|a| a.named_child(0));
                match (item, target) {
                    (Some(item), Some(target)) if first => {
                        self.written_into(target, Binder::With, item)
                    }
                    _ => ValueStep::Other,
                }
            }
            "with_item" => ValueStep::Entered { item: parent },
            "member_expression" | "attribute" if is("object") => {
                let property = parent
                    .field("property")
                    .or_else(|| parent.field("attribute"))
                    .map_or("", |p| self.text(p));
                let call = self
                    .parent(parent)
                    .filter(|c| matches!(c.kind(), "call_expression" | "call"))
                    .filter(|c| c.field("function").is_some_and(|f| f.id() == parent.id()));
                ValueStep::Receiver {
                    member: parent,
                    property,
                    call,
                }
            }
            "subscript_expression" | "subscript" if is("object") || is("value") => {
                ValueStep::Indexed { subscript: parent }
            }
            "arguments" | "argument_list" => ValueStep::Argument {
                call: self.parent(parent)?,
                position: argument_position(parent, value)?,
                keyword: None,
            },
            "keyword_argument" if is("value") => {
                let arguments = self.parent(parent)?;
                ValueStep::Argument {
                    call: self.parent(arguments)?,
                    position: argument_position(arguments, parent)?,
                    keyword: parent.field("name").map(|n| self.text(n)),
                }
            }
            // A tagged template's string, `f(x for x in xs)`'s generator: the call's only argument.
            "call_expression" | "call" if is("arguments") => ValueStep::Argument {
                call: parent,
                position: 0,
                keyword: None,
            },
            // JavaScript keys are names; Python's are values the dictionary keeps.
            "pair" if is("value") || is_python_key(parent, value) => ValueStep::Embedded {
                container: self.parent(parent)?,
            },
            "template_substitution" | "interpolation" => ValueStep::Embedded {
                container: self.parent(parent)?,
            },
            "object"
            | "array"
            | "dictionary"
            | "list"
            | "tuple"
            | "set"
            | "expression_list"
            | "concatenated_string"
            | "spread_element"
            | "list_splat"
            | "dictionary_splat" => ValueStep::Embedded { container: parent },
            _ => ValueStep::Other,
        };
        Some(step)
    }

    /// An operand of a binary or boolean operator: `a ?? v` falls back on it, `v ?? a` and `a && v` pass
    /// it on, a comparison tests it, any other operator builds a new value from it.
    fn operand_step(&self, operator_node: Node<'t>, is_right: bool) -> Option<ValueStep<'t>> {
        let operator = self.operator(operator_node);
        let step = match operator {
            "??" | "||" | "or" if is_right => ValueStep::Fallback {
                expression: operator_node,
                primary: operator_node.field("left")?,
            },
            "??" | "||" | "or" => return None,
            "&&" | "and" if is_right => return None,
            "&&" | "and" => ValueStep::Other,
            _ if COMPARISONS.contains(&operator) => ValueStep::Other,
            _ => ValueStep::Embedded {
                container: operator_node,
            },
        };
        Some(step)
    }

    /// A value bound to `target` by `node`: a name or pattern, or a member or item.
    fn written_into(&self, target: Node<'t>, binder: Binder, node: Node<'t>) -> ValueStep<'t> {
        let outlives_call = match self.function_at(node) {
            Some(function) => self.outlives_call(target, function),
            None => true,
        };
        let inner = super::syntax::unwrap(target);
        if matches!(
            inner.kind(),
            "member_expression" | "attribute" | "subscript_expression" | "subscript"
        ) {
            ValueStep::Stored {
                target: inner,
                binder,
                node,
                outlives_call,
            }
        } else {
            ValueStep::Bound {
                target,
                binder,
                node,
                outlives_call,
            }
        }
    }

    fn returned(&self, function: FunctionId) -> ValueStep<'t> {
        let caller = match &self.function(function).handler {
            Some(HandlerOrigin::CalledFrom(span)) => self.call_at(*span),
            _ => None,
        };
        ValueStep::Returned { function, caller }
    }

    /// Whether `node` is written or declared where it stands, not read ([`ValueStep::Written`]).
    fn is_written(&self, node: Node<'t>) -> bool {
        let mut value = node;
        while let Some(parent) = self.parent(value) {
            if !is_wrapper(parent.kind()) {
                return is_write_position(parent, value);
            }
            value = parent;
        }
        false
    }

    /// The operator token of a binary, boolean, unary or assignment node.
    fn operator(&self, node: Node<'_>) -> &'t str {
        if let Some(operator) = node.field("operator") {
            return self.text(operator);
        }
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return "";
        };
        self.source
            .get(left.end_byte()..right.start_byte())
            .unwrap_or("")
            .trim()
    }
}

/// Whether `value` is a Python dictionary key (a value the dictionary keeps, unlike a JavaScript key).
fn is_python_key(pair: Node<'_>, value: Node<'_>) -> bool {
    pair.field("key").is_some_and(|k| k.id() == value.id())
        && pair.parent().is_some_and(|p| p.kind() == "dictionary")
}

/// Whether `value` sits in `parent` as something written or declared: an assignment's target, a
/// declaration's name, an element of a pattern (not its default value), a loop variable, a parameter, a
/// name of `global`/`nonlocal`, a `catch` parameter.
fn is_write_position(parent: Node<'_>, value: Node<'_>) -> bool {
    let is = |field: &str| parent.field(field).is_some_and(|f| f.id() == value.id());
    match parent.kind() {
        "variable_declarator" | "named_expression" => is("name"),
        "assignment_expression"
        | "augmented_assignment_expression"
        | "assignment"
        | "augmented_assignment" => is("left"),
        kind if is_destructuring(kind) => true,
        "global_statement" | "nonlocal_statement" | "formal_parameters" | "parameters"
        | "lambda_parameters" | "typed_parameter" => true,
        "pair_pattern" => is("value"),
        "assignment_pattern"
        | "object_assignment_pattern"
        | "default_parameter"
        | "typed_default_parameter"
        | "required_parameter"
        | "optional_parameter" => !is("right") && !is("value") && !is("type"),
        "for_in_statement" | "for_statement" | "for_in_clause" => is("left"),
        "catch_clause" => is("parameter"),
        _ => false,
    }
}

/// The position of `argument` among the arguments (comments skipped).
fn argument_position(arguments: Node<'_>, argument: Node<'_>) -> Option<usize> {
    let mut cursor = arguments.walk();
    let position = arguments
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .position(|a| a.id() == argument.id());
    position
}

/// A pattern that destructures a value into its elements (`{ a, b }`, `[a, ...b]`, `a, b`, `*a`,
/// `with v as (a, b)`).
fn is_destructuring(kind: &str) -> bool {
    matches!(
        kind,
        "object_pattern"
            | "array_pattern"
            | "rest_pattern"
            | "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "list_splat_pattern"
            | "dictionary_splat_pattern"
            | "as_pattern_target"
    )
}

/// Adds what `pattern` writes to `targets` (see [`Semantic::pattern_targets`]).
fn collect_targets<'t>(pattern: Node<'t>, targets: &mut Vec<Node<'t>>) {
    let kind = pattern.kind();
    // The part of an element or parameter that is written (not its key, default value or type).
    let written = match kind {
        "identifier"
        | "shorthand_property_identifier_pattern"
        | "member_expression"
        | "attribute"
        | "subscript_expression"
        | "subscript" => return targets.push(pattern),
        "pair_pattern" => "value",
        "assignment_pattern" | "object_assignment_pattern" => "left",
        "required_parameter" | "optional_parameter" => "pattern",
        "default_parameter" | "typed_default_parameter" => "name",
        _ if is_destructuring(kind)
            || matches!(
                kind,
                "typed_parameter"
                    | "parenthesized_expression"
                    | "expression_list"
                    | "tuple"
                    | "list"
            ) =>
        {
            let mut cursor = pattern.walk();
            let elements: Vec<Node<'t>> = pattern.named_children(&mut cursor).collect();
            for element in elements {
                collect_targets(element, targets);
            }
            return;
        }
        _ => return,
    };
    if let Some(inner) = pattern.field(written) {
        collect_targets(inner, targets);
    }
}
