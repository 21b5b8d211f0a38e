//! Where values come from and where they go: what fills a collection (the values a variable or an
//! instance member is given, the elements calls add to it), what a function takes (its parameters) and
//! hands out (its returns and yields), and code that runs once, when the program starts.
//!
//! Rules ask these to tell a collection the program sets up (handlers registered at start-up, plugins a
//! registration function stores) from one filled with data (rows of a query, items of a request).

use super::syntax::{member_parts, unwrap};
use super::{BindingKind, Semantic};
use crate::fields::NodeFields;
use crate::Span;
use tree_sitter::Node;

/// Methods that add elements to the collection they are called on: JavaScript arrays, sets and maps,
/// Python lists, sets and dicts.
const ELEMENT_ADDING_METHODS: &[&str] = &[
    "push",
    "unshift",
    "splice",
    "add",
    "set",
    "append",
    "extend",
    "insert",
    "update",
    "setdefault",
];

/// One write to a collection.
#[derive(Clone, Copy, Debug)]
pub enum Fill<'t> {
    /// The collection is given a value: a declaration (`const x = [...]`, a class field), `x = value`,
    /// `this.x = value`, `self.x = value`.
    Assigned {
        /// The declaration or assignment.
        at: Node<'t>,
        /// The value.
        value: Node<'t>,
    },
    /// Elements are added to it: `x.push(e)`, `self.x.append(e)`, `x[k] = e`, `x.set(k, e)`.
    Added {
        /// The call or the item assignment.
        at: Node<'t>,
        /// The (first) element added, when there is one: the value of an entry, not its key.
        element: Option<Node<'t>>,
    },
}

impl<'t> Fill<'t> {
    /// Where the write happens.
    pub fn at(&self) -> Node<'t> {
        match self {
            Fill::Assigned { at, .. } | Fill::Added { at, .. } => *at,
        }
    }
}

impl<'t> Semantic<'t> {
    /// Every write to the collection that `collection` names, in source order: a variable (its
    /// declaration's value, its assignments, the elements added through any reference to it), or a
    /// member of `this`/`self`/`cls` (the field declaration or class attribute, every assignment to the
    /// same member in the class, the elements added to it). `None` when `collection` is neither, or a
    /// variable the model does not follow (a parameter, an import, a loop variable, a destructured
    /// name): its writes are not in this file, or not all of them.
    pub fn fills(&self, collection: Node<'_>) -> Option<Vec<Fill<'t>>> {
        let collection = unwrap(collection);
        let mut fills = match collection.kind() {
            "identifier" => self.variable_fills(collection)?,
            "member_expression" | "attribute" => self.member_fills(collection)?,
            _ => return None,
        };
        fills.sort_by_key(|f| f.at().start_byte());
        Some(fills)
    }

    fn variable_fills(&self, identifier: Node<'_>) -> Option<Vec<Fill<'t>>> {
        let id = self.resolve_identifier(identifier)?;
        let binding = self.binding(id);
        if binding.kind != BindingKind::Variable || binding.destructured.is_some() {
            return None;
        }
        let mut fills: Vec<Fill<'t>> = self
            .writes(id)
            .into_iter()
            .filter_map(|a| {
                Some(Fill::Assigned {
                    at: a.node,
                    value: a.value?,
                })
            })
            .collect();
        // A JavaScript declaration (`const x = []`) is no assignment.
        let declared_by_write = fills
            .iter()
            .any(|f| Span::from(f.at()).contains(Span::from(binding.declaration)));
        if let (false, Some(value)) = (declared_by_write, binding.value) {
            fills.push(Fill::Assigned {
                at: binding.declaration,
                value,
            });
        }
        for reference in self.all_references(id) {
            fills.extend(self.addition_to(reference));
        }
        Some(fills)
    }

    fn member_fills(&self, member: Node<'_>) -> Option<Vec<Fill<'t>>> {
        let (receiver, name) = instance_member(self, member)?;
        let class = self
            .enclosing_functions(member)
            .find_map(|f| self.function(f).class)?;
        let same_member = |node: Node<'_>| {
            instance_member(self, unwrap(node)).is_some_and(|(r, n)| r == receiver && n == name)
                && self
                    .enclosing_functions(node)
                    .find_map(|f| self.function(f).class)
                    .is_some_and(|c| c.id() == class.id())
        };
        let span = Span::from(class);
        let mut fills: Vec<Fill<'t>> = self
            .assignments_in(span)
            .filter(|a| same_member(a.target))
            .filter_map(|a| {
                Some(Fill::Assigned {
                    at: a.node,
                    value: a.value?,
                })
            })
            .collect();
        fills.extend(class_level_values(self, class, name));
        let additions: Vec<Fill<'t>> = self
            .assignments_in(span)
            .map(|a| a.target)
            .chain(self.calls_in(span))
            .filter_map(|node| {
                let object = match node.kind() {
                    "subscript" | "subscript_expression" => {
                        node.field("value").or_else(|| node.field("object"))?
                    }
                    _ => member_object(self.callee(node)?)?,
                };
                same_member(object).then(|| self.addition_to(unwrap(object)))?
            })
            .collect();
        fills.extend(additions);
        Some(fills)
    }

    /// The addition that `collection` (a reference) receives, when its parent adds to it:
    /// `collection.push(e)`, `collection[k] = e`.
    fn addition_to(&self, collection: Node<'t>) -> Option<Fill<'t>> {
        let parent = self.parent(collection)?;
        match parent.kind() {
            "member_expression" | "attribute" => {
                let (object, method) = member_parts(parent)?;
                let call = self.parent(parent)?;
                let method = self.text(method);
                let adds = object.id() == collection.id()
                    && ELEMENT_ADDING_METHODS.contains(&method)
                    && matches!(call.kind(), "call_expression" | "call")
                    && self.callee(call).is_some_and(|c| c.id() == parent.id());
                // `map.set(key, value)`, `list.insert(i, x)`, `d.setdefault(k, v)`: the second.
                let position = usize::from(matches!(method, "set" | "insert" | "setdefault"));
                adds.then(|| Fill::Added {
                    at: call,
                    element: self.argument(call, position),
                })
            }
            "subscript" | "subscript_expression" => {
                let assignment = self.parent(parent)?;
                let is_target = matches!(assignment.kind(), "assignment" | "assignment_expression")
                    && assignment
                        .field("left")
                        .is_some_and(|l| l.id() == parent.id());
                is_target.then(|| Fill::Added {
                    at: assignment,
                    element: assignment.field("right"),
                })
            }
            _ => None,
        }
    }
}

/// `this.name`, `self.name`, `cls.name`: the receiver's spelling and the member's name.
fn instance_member<'t>(semantic: &Semantic<'t>, member: Node<'_>) -> Option<(&'t str, &'t str)> {
    let (object, name) = member_parts(member)?;
    let receiver = semantic.text(unwrap(object));
    matches!(receiver, "this" | "self" | "cls").then(|| (receiver, semantic.text(name)))
}

/// The object of a member expression (`a` of `a.b`).
fn member_object(node: Node<'_>) -> Option<Node<'_>> {
    member_parts(unwrap(node)).map(|(object, _)| object)
}

/// The values a class declares for `name` in its body: a JavaScript field (`handlers = []`), a Python
/// class attribute (`handlers = []`).
fn class_level_values<'t>(semantic: &Semantic<'t>, class: Node<'t>, name: &str) -> Vec<Fill<'t>> {
    let Some(body) = class.field("body") else {
        return Vec::new();
    };
    let mut cursor = body.walk();
    let found = body
        .named_children(&mut cursor)
        .filter_map(|item| {
            let (target, value) = match item.kind() {
                "field_definition" | "public_field_definition" => (
                    item.field("property").or_else(|| item.field("name"))?,
                    item.field("value")?,
                ),
                "expression_statement" => {
                    let assignment = item.named_child(0).filter(|a| a.kind() == "assignment")?;
                    (assignment.field("left")?, assignment.field("right")?)
                }
                _ => return None,
            };
            (semantic.text(target) == name).then_some(Fill::Assigned { at: item, value })
        })
        .collect();
    found
}

impl<'t> Semantic<'t> {
    /// The values `function` hands out, in source order: its `return` values and `yield`s (not those of
    /// functions nested in it), or the expression body of an arrow function or lambda.
    pub fn produced_values(&self, function: super::FunctionId) -> Vec<Node<'t>> {
        if let Some(body) = self.expression_body(function) {
            return vec![body];
        }
        let mut found: Vec<Node<'t>> = self
            .own_statements(&self.recorded.returns, function)
            .chain(self.own_statements(&self.recorded.yields, function))
            .filter_map(produced_value)
            .collect();
        found.sort_by_key(|n| n.start_byte());
        found
    }

    /// The values of `function`'s own `return` statements (not those of functions nested in it), in
    /// source order; `None` for a bare `return`. An arrow function's or lambda's expression body is its
    /// one returned value.
    pub fn returned_values(&self, function: super::FunctionId) -> Vec<Option<Node<'t>>> {
        if let Some(body) = self.expression_body(function) {
            return vec![Some(body)];
        }
        self.own_statements(&self.recorded.returns, function)
            .map(produced_value)
            .collect()
    }

    /// The body of an arrow function or lambda that is an expression, not a block.
    fn expression_body(&self, function: super::FunctionId) -> Option<Node<'t>> {
        self.function(function)
            .node
            .field("body")
            .filter(|body| !matches!(body.kind(), "block" | "statement_block"))
    }

    /// The recorded statements (`return`s or `yield`s) that belong to `function` itself.
    pub(super) fn own_statements<'a>(
        &'a self,
        recorded: &'a [Node<'t>],
        function: super::FunctionId,
    ) -> impl Iterator<Item = Node<'t>> + 'a {
        let span = crate::diagnostic::Span::from(self.function(function).node);
        super::flow::starting_in(recorded, span, |&n| n)
            .copied()
            .filter(move |statement| self.function_at(*statement) == Some(function))
    }
}

/// The value a `return` or `yield` hands out (`None` for a bare one).
fn produced_value(statement: Node<'_>) -> Option<Node<'_>> {
    statement.named_child(0).filter(|v| v.kind() != "comment")
}
