//! Syntax shared by the semantic queries and the rules: the wrappers an expression may sit in, which
//! node kinds are functions, and the parts of a member access, in both grammars.

use crate::fields::NodeFields;
use tree_sitter::Node;

/// `node` without the wrappers that do not change its value: `await`, parentheses, TypeScript's `as`,
/// `satisfies` and `!`.
pub fn unwrap(mut node: Node<'_>) -> Node<'_> {
    loop {
        let inner = match node.kind() {
            "await_expression" | "await" | "parenthesized_expression" | "non_null_expression" => {
                node.named_child(0)
            }
            "as_expression" | "satisfies_expression" => node.named_child(0),
            _ => None,
        };
        match inner {
            Some(inner) if inner.kind() != "comment" => node = inner,
            _ => return node,
        }
    }
}

/// The outermost of the wrappers around `node` that pass its value on unchanged (parentheses,
/// `await`, TypeScript assertions): where the value goes next is decided above it.
pub fn outer_value(node: Node<'_>) -> Node<'_> {
    let mut current = node;
    while let Some(parent) = current.parent().filter(|p| is_wrapper(p.kind())) {
        current = parent;
    }
    current
}

/// Whether a node kind wraps an expression and passes its value on unchanged: parentheses, `await`,
/// TypeScript's `as`, `satisfies`, `!` and `<T>`.
pub fn is_wrapper(kind: &str) -> bool {
    matches!(
        kind,
        "parenthesized_expression"
            | "await_expression"
            | "await"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion"
    )
}

/// Whether a node kind is a function of either grammar (a declaration, an expression, an arrow
/// function, a method, a generator, a Python `def` or lambda).
pub fn is_function_kind(kind: &str) -> bool {
    matches!(
        kind,
        "function_declaration"
            | "generator_function_declaration"
            | "function_expression"
            | "function"
            | "generator_function"
            | "arrow_function"
            | "method_definition"
            | "function_definition"
            | "lambda"
    )
}

/// The name or `this` a member or call chain starts from, through wrappers (`trx` in
/// `trx('users').where(...).update`, `res` in `res.status(200).json`, `this` in `this.pool.query`);
/// `None` when the chain starts from anything else (a literal, a call of a call's result).
pub fn chain_root(mut node: Node<'_>) -> Option<Node<'_>> {
    loop {
        node = unwrap(node);
        node = match node.kind() {
            "member_expression" | "attribute" | "subscript_expression" | "subscript" => {
                node.field("object").or_else(|| node.field("value"))?
            }
            "call_expression" | "call" => node.field("function")?,
            "new_expression" => node.field("constructor")?,
            "identifier" | "this" => return Some(node),
            _ => return None,
        };
    }
}

/// The object and the property name of a member access (`a.b`), if `node` is one.
pub fn member_parts(node: Node<'_>) -> Option<(Node<'_>, Node<'_>)> {
    match node.kind() {
        "member_expression" => Some((node.field("object")?, node.field("property")?)),
        "attribute" => Some((node.field("object")?, node.field("attribute")?)),
        _ => None,
    }
}

/// Statements that leave the function they are in.
pub const FUNCTION_EXITS: &[&str] = &["return_statement", "throw_statement", "raise_statement"];

/// Statements that leave the loop they are in (and the function).
pub const LOOP_EXITS: &[&str] = &[
    "break_statement",
    "return_statement",
    "throw_statement",
    "raise_statement",
];

/// Whether `node` holds a statement of one of `exits` ([`FUNCTION_EXITS`], [`LOOP_EXITS`]), not counting
/// the functions nested in it (their `return` leaves them, not `node`).
pub fn exits(node: Node<'_>, exits: &[&str]) -> bool {
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if exits.contains(&current.kind()) {
            return true;
        }
        if current.id() != node.id() && is_function_kind(current.kind()) {
            continue;
        }
        let mut cursor = current.walk();
        stack.extend(current.named_children(&mut cursor));
    }
    false
}

/// Whether an expression's operator (an anonymous child token: `||`, `!=`, Python's `not in`, `or`) is
/// one of `operators`.
pub fn has_operator(node: Node<'_>, operators: &[&str]) -> bool {
    (0..node.child_count())
        .filter_map(|i| node.child(i))
        .any(|c| !c.is_named() && operators.contains(&c.kind()))
}
