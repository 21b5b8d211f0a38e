//! Code that runs a fixed number of times while the program loads, not once per call: module top level,
//! start-up functions and the loop callbacks they run, the bodies of decorators (once per function they
//! decorate), and registration functions.
//!
//! Rules that count per-call costs (a module cache that grows on every request) stay quiet on such code:
//! a registry filled at import time holds one entry per registered thing, not one per request.

use super::{BindingId, BindingKind, FunctionId, ScopeId, ScopeKind, Semantic, ValueStep};
use crate::fields::NodeFields;
use crate::language::Language;
use tree_sitter::Node;

/// How a function is shaped like a decorator, read from what its body returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecoratorShape {
    /// It returns a function it defines: a decorator returning its wrapper, or a decorator factory
    /// returning the decorator (`def hook(name): def decorator(fn): ...; return decorator`).
    ReturnsWrapper(FunctionId),
    /// It returns one of its parameters: a decorator that registers what it decorates
    /// (`def register(fn): HANDLERS.append(fn); return fn`).
    ReturnsParameter(BindingId),
}

impl<'t> Semantic<'t> {
    pub(crate) fn record_decorator(&mut self, node: Node<'t>) {
        self.recorded.decorators.push(node);
    }

    /// Whether `node` runs while the module loads, once: at module top level, in a start-up function
    /// (called only from module top level, see [`super::Function::startup`]), or in loop callbacks
    /// (`names.forEach(...)`) and promise callbacks (`import(m).then(...)`, which run once, when the
    /// promise settles) that such code runs. Handler code never does, even when a start-up function
    /// defines it (a route handler registered in `createApp()` runs per request).
    pub fn runs_at_load(&self, node: Node<'_>) -> bool {
        if self.is_handler_code(node) {
            return false;
        }
        for id in self.enclosing_functions(node) {
            let function = self.function(id);
            if function.startup {
                return true;
            }
            if function.loop_callback.is_none() && !self.is_settlement_callback(id) {
                return false;
            }
        }
        // Only loop callbacks up to module top level.
        true
    }

    /// Whether a JavaScript function is handed to `.then`/`.catch`/`.finally`: it runs once, when
    /// that promise settles.
    pub(super) fn is_settlement_callback(&self, id: FunctionId) -> bool {
        self.settled_promise(id).is_some()
    }

    /// The promise whose `.then`/`.catch`/`.finally` a JavaScript function is handed to (`fetch(url)`
    /// of `fetch(url).then((res) => ...)`): the callback's parameter is what it settles with.
    pub fn settled_promise(&self, id: FunctionId) -> Option<Node<'t>> {
        if self.language().family() != crate::LanguageFamily::JavaScript {
            return None;
        }
        let ValueStep::Argument { call, .. } = self.value_step(self.function(id).node) else {
            return None;
        };
        let callee = self
            .callee(call)
            .filter(|c| c.kind() == "member_expression")?;
        let method = self.text(callee.field("property")?);
        crate::frameworks::node::SETTLEMENT_METHODS
            .contains(&method)
            .then(|| callee.field("object"))
            .flatten()
    }

    /// Whether a decorator of this file applies `function` (or calls it to make the decorator): `@f`,
    /// `@f(...)` where `f` resolves to it, or `@obj.m`, `@obj.m(...)` where it is the method `m` of the
    /// class `obj` names or instantiates (`registry = Registry()`, `@registry.register`).
    pub fn is_applied_as_decorator(&self, function: FunctionId) -> bool {
        self.recorded
            .decorators
            .iter()
            .any(|&decorator| self.decorator_applies(decorator, function))
    }

    fn decorator_applies(&self, decorator: Node<'_>, function: FunctionId) -> bool {
        let Some(mut expression) = decorator.named_child(0) else {
            return false;
        };
        // `@f(...)`: `f` runs to make the decorator.
        if let Some(callee) = self.callee(expression) {
            expression = callee;
        }
        match expression.kind() {
            "identifier" => {
                self.resolve_identifier(expression)
                    .and_then(|id| self.function_of_binding(id))
                    == Some(function)
            }
            "attribute" | "member_expression" => {
                let f = self.function(function);
                let (Some(object), Some(member), Some(class)) = (
                    expression.field("object"),
                    expression
                        .field("attribute")
                        .or_else(|| expression.field("property")),
                    f.class,
                ) else {
                    return false;
                };
                f.name == Some(self.text(member)) && self.is_instance_or_class(object, class)
            }
            _ => false,
        }
    }

    /// Whether `expression` names the class `class` (a class node) or a variable holding an instance
    /// of it (`Registry()`, `new Registry()`).
    fn is_instance_or_class(&self, expression: Node<'_>, class: Node<'_>) -> bool {
        let Some(class_binding) = class
            .field("name")
            .and_then(|name| self.resolve_identifier(name))
        else {
            return false;
        };
        let Some(binding) = (expression.kind() == "identifier")
            .then(|| self.resolve_identifier(expression))
            .flatten()
        else {
            return false;
        };
        if binding == class_binding {
            return true;
        }
        let value = self.binding(binding).value.map(super::syntax::unwrap);
        value
            .and_then(|v| self.callee(v))
            .filter(|callee| callee.kind() == "identifier")
            .and_then(|callee| self.resolve_identifier(callee))
            == Some(class_binding)
    }

    /// How `function` is shaped like a decorator: one entry per `return` statement of its body that
    /// returns a function it defines or one of its parameters (see [`DecoratorShape`]).
    pub fn decorator_shapes(&self, function: FunctionId) -> Vec<DecoratorShape> {
        let Some(body) = self.function(function).node.field("body") else {
            return Vec::new();
        };
        let mut cursor = body.walk();
        let returned: Vec<Node<'t>> = body
            .named_children(&mut cursor)
            .filter(|s| s.kind() == "return_statement")
            .filter_map(|s| s.named_child(0))
            .filter(|value| value.kind() == "identifier")
            .collect();
        returned
            .into_iter()
            .filter_map(|value| {
                let id = self.resolve_identifier(value)?;
                let binding = self.binding(id);
                if self.function_of_scope(binding.scope) != Some(function) {
                    return None;
                }
                if binding.kind == BindingKind::Parameter {
                    // A method returning `self` is fluent, not a decorator.
                    return (!self.is_receiver(function, binding.declaration))
                        .then_some(DecoratorShape::ReturnsParameter(id));
                }
                // A local the function defines a function into (`def wrapper(...)`, also when another
                // branch first assigns it: `wrapper = func` for coroutines, else `def wrapper`).
                self.functions()
                    .find(|(_, f)| f.parent == Some(function) && f.name == Some(binding.name))
                    .map(|(defined, _)| DecoratorShape::ReturnsWrapper(defined))
            })
            .collect()
    }

    /// Whether `parameter` is the receiver of a Python method: its first parameter (`self`, `cls`),
    /// unless the method is a `@staticmethod`.
    fn is_receiver(&self, function: FunctionId, parameter: Node<'_>) -> bool {
        let f = self.function(function);
        if self.language != Language::Python || f.class.is_none() {
            return false;
        }
        let first = f.node.field("parameters").and_then(|p| p.named_child(0));
        if first.is_none_or(|first| first.id() != parameter.id()) {
            return false;
        }
        let is_static = self.decorator_expressions(function).into_iter().any(|e| {
            e.kind() == "identifier"
                && self.text(e) == "staticmethod"
                && self.resolve_identifier(e).is_none()
        });
        !is_static
    }

    /// The expressions of the decorators written on a Python function (`@x` gives `x`).
    pub(super) fn decorator_expressions(&self, function: FunctionId) -> Vec<Node<'t>> {
        let node = self.function(function).node;
        let Some(decorated) = self
            .parent(node)
            .filter(|p| p.kind() == "decorated_definition")
        else {
            return Vec::new();
        };
        let mut cursor = decorated.walk();
        let found = decorated
            .named_children(&mut cursor)
            .filter(|d| d.kind() == "decorator")
            .filter_map(|d| d.named_child(0))
            .collect();
        found
    }

    /// The function whose body holds `scope` (through blocks and comprehensions), `None` at module level.
    fn function_of_scope(&self, scope: ScopeId) -> Option<FunctionId> {
        let mut id = scope;
        loop {
            let scope = self.scope(id);
            match scope.kind {
                ScopeKind::Function(function) => return Some(function),
                _ => id = scope.parent?,
            }
        }
    }

    /// Whether `function` registers something rather than serving a call: a decorator applied in
    /// this file ([`Semantic::is_applied_as_decorator`]), or a function named as a registration API
    /// (`register`, `registerHook`, `register_backend`). The name is a convention, not something the
    /// file shows: the calls that fill a registry (`admin.site.register(...)`, `registerPlugin(...)`
    /// in each plugin module) sit in other modules, at import or start-up time, out of one file's sight.
    pub fn is_registration(&self, function: FunctionId) -> bool {
        self.function(function)
            .name
            .is_some_and(|name| name.to_ascii_lowercase().starts_with("register"))
            || self.is_applied_as_decorator(function)
    }
}
