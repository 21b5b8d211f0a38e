//! Builds the semantic model of a Python file in one walk of its tree, then finds its handler and
//! event-loop functions.

use super::qualified::string_value;
use super::walk::{has_token, walk, Enter, Frames};
use super::{
    Binding, BindingId, BindingKind, CallSite, EventLoopOrigin, Function, FunctionId, FunctionKind,
    HandlerOrigin, Loop, LoopKind, QualifiedName, ScopeId, ScopeKind, Semantic,
};
use crate::diagnostic::Span;
use tree_sitter::{Node, Tree};

/// Decorator methods that register a route (`@app.get("/")`, `@router.post("")`, `@bp.route("/")`).
const ROUTE_DECORATOR_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "trace",
    "route",
    "api_route",
    "websocket",
    "websocket_route",
    "view",
];

/// Decorators that only decorate views (Django, DRF).
const VIEW_DECORATORS: &[&str] = &[
    "api_view",
    "action",
    "require_http_methods",
    "require_GET",
    "require_POST",
    "require_safe",
    "login_required",
    "permission_required",
    "csrf_exempt",
];

/// Calls that register a function as an endpoint (`Route("/", endpoint)`, `web.get("/", handler)`,
/// `app.add_url_rule("/", view_func=f)`), or as a per-request dependency (`Depends(get_db)`).
const ROUTE_CALLS: &[&str] = &[
    "Route",
    "WebSocketRoute",
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "route",
    "view",
    "add_get",
    "add_post",
    "add_put",
    "add_patch",
    "add_delete",
    "add_head",
    "add_route",
    "add_url_rule",
    "add_api_route",
    "add_api_websocket_route",
    "add_websocket_route",
];

struct Builder<'s, 't> {
    semantic: &'s mut Semantic<'t>,
    frames: Frames,
    calls: Vec<CallSite<'t>>,
    registrations: Vec<Node<'t>>,
    /// Names a function declared `global`: assignments to them there bind the module's name.
    globals: Vec<(FunctionId, &'t str)>,
}

pub(super) fn build<'t>(
    semantic: &mut Semantic<'t>,
    tree: &'t Tree,
    visit: &mut dyn FnMut(Node<'t>),
) {
    let root = tree.root_node();
    let module = semantic.add_scope(ScopeKind::Module, Span::from(root), None);
    let mut builder = Builder {
        semantic,
        frames: Frames::new(module),
        calls: Vec::new(),
        registrations: Vec::new(),
        globals: Vec::new(),
    };
    walk(root, &mut builder, visit);
    for call in std::mem::take(&mut builder.registrations) {
        builder.call_registration(call);
    }
    let Builder {
        semantic, calls, ..
    } = builder;
    semantic.propagate_through_calls(&calls, &[]);
}

fn is_comprehension(kind: &str) -> bool {
    matches!(
        kind,
        "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression"
    )
}

impl<'t> Enter<'t> for Builder<'_, 't> {
    fn frames(&mut self) -> &mut Frames {
        &mut self.frames
    }

    fn enter(&mut self, node: Node<'t>) {
        self.enter_node(node);
    }
}

impl<'s, 't> Builder<'s, 't> {
    fn scope(&self) -> ScopeId {
        self.frames.scope()
    }

    fn function(&self) -> Option<FunctionId> {
        self.frames.function()
    }

    fn push_scope(&mut self, kind: ScopeKind, node: Node<'t>) {
        self.frames.push_scope(self.semantic, kind, node);
    }

    fn enter_node(&mut self, node: Node<'t>) {
        match node.kind() {
            "function_definition" | "lambda" => {
                self.enter_function(node);
            }
            "class_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    self.declare(name, BindingKind::Class, None, None);
                }
                self.push_scope(ScopeKind::Class, node);
            }
            kind if is_comprehension(kind) => {
                self.enter_comprehension(node);
            }
            "for_statement" | "while_statement" => self.enter_loop(node),
            "import_statement" => self.enter_import(node),
            "import_from_statement" => self.enter_import_from(node),
            "assignment" => self.enter_assignment(node),
            "named_expression" => {
                if let Some(name) = node.child_by_field_name("name") {
                    let value = node.child_by_field_name("value");
                    self.declare(name, BindingKind::Variable, value, None);
                }
            }
            "with_item" => self.enter_with_item(node),
            "global_statement" => {
                if let Some(function) = self.function() {
                    let mut cursor = node.walk();
                    let names: Vec<&'t str> = node
                        .named_children(&mut cursor)
                        .filter(|n| n.kind() == "identifier")
                        .map(|n| self.semantic.text(n))
                        .collect();
                    self.globals
                        .extend(names.into_iter().map(|name| (function, name)));
                }
            }
            "except_clause" => {
                if let Some(alias) = node.child_by_field_name("alias") {
                    self.declare(alias, BindingKind::Other, None, None);
                }
            }
            "call" => self.enter_call(node),
            _ => {}
        }
    }

    fn enter_function(&mut self, node: Node<'t>) {
        let is_lambda = node.kind() == "lambda";
        let name_node = node.child_by_field_name("name");
        let class = node
            .parent()
            .filter(|p| p.kind() == "block")
            .and_then(|b| b.parent())
            .or_else(|| {
                // A decorated method: function_definition ← decorated_definition ← block ← class_definition.
                let decorated = node
                    .parent()
                    .filter(|p| p.kind() == "decorated_definition")?;
                decorated.parent().filter(|p| p.kind() == "block")?.parent()
            })
            .filter(|c| c.kind() == "class_definition");
        let kind = if is_lambda {
            FunctionKind::Expression
        } else if class.is_some() {
            FunctionKind::Method
        } else {
            FunctionKind::Declaration
        };
        let is_async = has_token(node, "async");
        let id = self.semantic.add_function(Function {
            node,
            kind,
            is_async,
            name: name_node.map(|n| self.semantic.text(n)),
            parent: self.function(),
            class,
            return_type: node.child_by_field_name("return_type"),
            loop_callback: None,
            handler: None,
            startup: false,
            event_loop: is_async.then_some(EventLoopOrigin::Async),
        });
        if let Some(name) = name_node {
            self.declare(name, BindingKind::Function(id), None, None);
        }
        if !is_lambda {
            self.detect_handler(node, id, class);
        }
        self.push_scope(ScopeKind::Function(id), node);
        self.frames.push_function(id);
        if let Some(parameters) = node.child_by_field_name("parameters") {
            let mut cursor = parameters.walk();
            let parameters: Vec<_> = parameters.named_children(&mut cursor).collect();
            for parameter in parameters {
                self.declare_parameter(parameter);
            }
        }
    }

    fn declare_parameter(&mut self, parameter: Node<'t>) {
        let (name, annotation) = match parameter.kind() {
            "identifier" => (Some(parameter), None),
            "typed_parameter" => (
                parameter
                    .named_child(0)
                    .filter(|n| n.kind() == "identifier"),
                parameter.child_by_field_name("type"),
            ),
            "default_parameter" | "typed_default_parameter" => (
                parameter.child_by_field_name("name"),
                parameter.child_by_field_name("type"),
            ),
            "list_splat_pattern" | "dictionary_splat_pattern" => (parameter.named_child(0), None),
            _ => (None, None),
        };
        if let Some(name) = name.filter(|n| n.kind() == "identifier") {
            self.declare(name, BindingKind::Parameter, None, annotation);
        }
    }

    fn enter_comprehension(&mut self, node: Node<'t>) {
        let mut cursor = node.walk();
        let clauses: Vec<Node<'t>> = node
            .named_children(&mut cursor)
            .filter(|c| c.kind() == "for_in_clause")
            .collect();
        let first = clauses.first().copied();
        let iterable = first.and_then(|c| c.child_by_field_name("right"));
        let id = self.semantic.add_loop(Loop {
            kind: LoopKind::Comprehension,
            node,
            iterable,
            method: None,
            variable: first.and_then(|c| c.child_by_field_name("left")),
            region: Span::from(node),
            once: iterable.map(Span::from),
            body_function: self.function(),
            is_async: first.is_some_and(|c| has_token(c, "async")),
        });
        self.push_scope(ScopeKind::Comprehension, node);
        for clause in clauses {
            if let Some(left) = clause.child_by_field_name("left") {
                self.declare_targets(left, BindingKind::LoopVariable(id), None);
            }
        }
    }

    fn enter_loop(&mut self, node: Node<'t>) {
        let is_for = node.kind() == "for_statement";
        let iterable = node.child_by_field_name("right").filter(|_| is_for);
        let variable = node.child_by_field_name("left").filter(|_| is_for);
        let id = self.semantic.add_loop(Loop {
            kind: if is_for {
                LoopKind::ForOf
            } else {
                LoopKind::While
            },
            node,
            iterable,
            method: None,
            variable,
            region: Span::from(node),
            once: iterable.map(Span::from),
            body_function: self.function(),
            is_async: has_token(node, "async"),
        });
        if let Some(left) = variable {
            self.declare_targets(left, BindingKind::LoopVariable(id), None);
        }
    }

    fn enter_import(&mut self, node: Node<'t>) {
        let mut cursor = node.walk();
        let names: Vec<_> = node.children_by_field_name("name", &mut cursor).collect();
        for name in names {
            match name.kind() {
                // `import a.b.c` binds `a`.
                "dotted_name" => {
                    if let Some(first) = name.named_child(0) {
                        let module = QualifiedName::new(self.semantic.text(first));
                        self.declare(first, BindingKind::Import(module), None, None);
                    }
                }
                "aliased_import" => {
                    let (Some(dotted), Some(alias)) = (
                        name.child_by_field_name("name"),
                        name.child_by_field_name("alias"),
                    ) else {
                        continue;
                    };
                    let module = QualifiedName::new(self.semantic.text(dotted));
                    self.declare(alias, BindingKind::Import(module), None, None);
                }
                _ => {}
            }
        }
    }

    fn enter_import_from(&mut self, node: Node<'t>) {
        let Some(module) = node.child_by_field_name("module_name") else {
            return;
        };
        let module = self.semantic.text(module).replace(char::is_whitespace, "");
        let mut cursor = node.walk();
        let names: Vec<_> = node.children_by_field_name("name", &mut cursor).collect();
        for name in names {
            let (imported, local) = match name.kind() {
                "dotted_name" => (
                    name,
                    name.named_child(name.named_child_count().saturating_sub(1) as u32),
                ),
                "aliased_import" => match name.child_by_field_name("name") {
                    Some(imported) => (imported, name.child_by_field_name("alias")),
                    None => continue,
                },
                _ => continue,
            };
            let Some(local) = local else { continue };
            let separator = if module.ends_with('.') { "" } else { "." };
            let target = QualifiedName::new(format!(
                "{module}{separator}{}",
                self.semantic.text(imported)
            ));
            self.declare(local, BindingKind::Import(target), None, None);
        }
    }

    fn enter_assignment(&mut self, node: Node<'t>) {
        let Some(left) = node.child_by_field_name("left") else {
            return;
        };
        let value = node.child_by_field_name("right");
        let annotation = node.child_by_field_name("type");
        if left.kind() == "identifier" {
            // A chained assignment `a = b = value` gives the inner assignment as the value.
            let value = value.map(|v| {
                let mut v = v;
                while v.kind() == "assignment" {
                    match v.child_by_field_name("right") {
                        Some(r) => v = r,
                        None => break,
                    }
                }
                v
            });
            self.declare(left, BindingKind::Variable, value, annotation);
        } else {
            self.declare_targets(left, BindingKind::Variable, None);
        }
    }

    fn enter_with_item(&mut self, node: Node<'t>) {
        let Some(value) = node.child_by_field_name("value") else {
            return;
        };
        if value.kind() != "as_pattern" {
            return;
        }
        let expression = value.named_child(0);
        let Some(target) = value
            .child_by_field_name("alias")
            .and_then(|a| a.named_child(0))
        else {
            return;
        };
        if target.kind() == "identifier" {
            self.declare(target, BindingKind::Variable, expression, None);
        } else {
            self.declare_targets(target, BindingKind::Variable, None);
        }
    }

    fn enter_call(&mut self, node: Node<'t>) {
        let Some(callee) = node.child_by_field_name("function") else {
            return;
        };
        let direct = match callee.kind() {
            "identifier" => true,
            "attribute" => callee
                .child_by_field_name("object")
                .is_some_and(|o| matches!(self.semantic.text(o), "self" | "cls")),
            _ => false,
        };
        if direct {
            self.calls.push(CallSite {
                caller: self.function(),
                call: node,
                callee,
            });
        }
        let name = match callee.kind() {
            "identifier" => self.semantic.text(callee),
            "attribute" => callee
                .child_by_field_name("attribute")
                .map_or("", |a| self.semantic.text(a)),
            _ => "",
        };
        if ROUTE_CALLS.contains(&name) || matches!(name, "Depends" | "Security") {
            self.registrations.push(node);
        }
    }

    /// Declares every name an assignment or loop target binds (`a, (b, c) = ...`, `for k, v in ...`).
    fn declare_targets(&mut self, target: Node<'t>, kind: BindingKind, value: Option<Node<'t>>) {
        match target.kind() {
            "identifier" => {
                self.declare(target, kind, value, None);
            }
            "pattern_list"
            | "tuple_pattern"
            | "list_pattern"
            | "expression_list"
            | "tuple"
            | "list"
            | "parenthesized_expression"
            | "list_splat_pattern" => {
                let mut cursor = target.walk();
                let elements: Vec<_> = target.named_children(&mut cursor).collect();
                for element in elements {
                    self.declare_targets(element, kind.clone(), None);
                }
            }
            _ => {}
        }
    }

    fn declare(
        &mut self,
        name: Node<'t>,
        kind: BindingKind,
        value: Option<Node<'t>>,
        annotation: Option<Node<'t>>,
    ) -> BindingId {
        let text = self.semantic.text(name);
        let global = self
            .function()
            .is_some_and(|f| self.globals.iter().any(|&(g, n)| g == f && n == text));
        let scope = if global {
            self.frames.scopes()[0]
        } else {
            self.scope()
        };
        self.semantic.declare(Binding {
            name: text,
            kind,
            scope,
            declaration: name,
            value,
            destructured: None,
            annotation,
            reassigned: false,
        })
    }

    /// Route decorators, view decorators, Django function views and class-based view methods.
    fn detect_handler(&mut self, function: Node<'t>, id: FunctionId, class: Option<Node<'t>>) {
        let decorated = function
            .parent()
            .filter(|p| p.kind() == "decorated_definition");
        if let Some(decorated) = decorated {
            let mut cursor = decorated.walk();
            let decorators: Vec<_> = decorated
                .named_children(&mut cursor)
                .filter(|d| d.kind() == "decorator")
                .collect();
            for decorator in decorators {
                if let Some(framework) = self.route_decorator(decorator) {
                    self.semantic.function_mut(id).handler = Some(HandlerOrigin::Registered {
                        framework,
                        registration: Span::from(decorator),
                    });
                    return;
                }
            }
        }
        if let Some(class) = class {
            if is_view_class(self.semantic, class)
                && !is_static_or_classmethod(self.semantic, decorated)
            {
                self.semantic.function_mut(id).handler = Some(HandlerOrigin::Registered {
                    framework: "class-based view",
                    registration: Span::from(class.child_by_field_name("name").unwrap_or(class)),
                });
            }
            return;
        }
        // Django function views take the request first.
        let first_parameter = function
            .child_by_field_name("parameters")
            .and_then(|p| p.named_child(0))
            .map(|p| match p.kind() {
                "typed_parameter" => p.named_child(0).unwrap_or(p),
                "default_parameter" | "typed_default_parameter" => {
                    p.child_by_field_name("name").unwrap_or(p)
                }
                _ => p,
            })
            .map(|p| self.semantic.text(p));
        if first_parameter == Some("request") && self.frames.at_top_level() {
            self.semantic.function_mut(id).handler = Some(HandlerOrigin::Registered {
                framework: "Django",
                registration: Span::from(function.child_by_field_name("name").unwrap_or(function)),
            });
        }
    }

    fn route_decorator(&self, decorator: Node<'t>) -> Option<&'static str> {
        let expression = decorator.named_child(0)?;
        let (callee, arguments) = if expression.kind() == "call" {
            (
                expression.child_by_field_name("function")?,
                expression.child_by_field_name("arguments"),
            )
        } else {
            (expression, None)
        };
        let name = match callee.kind() {
            "attribute" => self.semantic.text(callee.child_by_field_name("attribute")?),
            "identifier" => self.semantic.text(callee),
            _ => return None,
        };
        if VIEW_DECORATORS.contains(&name) {
            return Some(if name == "api_view" || name == "action" {
                "Django REST framework"
            } else {
                "Django"
            });
        }
        if callee.kind() != "attribute" || !ROUTE_DECORATOR_METHODS.contains(&name) {
            return None;
        }
        // `@app.get("/path")`: the first argument (or `path=`) is a string.
        arguments?;
        let first = self.semantic.argument(expression, 0)?;
        let is_path = match first.kind() {
            "string" => true,
            "keyword_argument" => first
                .child_by_field_name("name")
                .is_some_and(|n| matches!(self.semantic.text(n), "path" | "rule" | "uri")),
            _ => false,
        };
        if !is_path {
            return None;
        }
        let receiver = callee.child_by_field_name("object")?;
        let framework = match self
            .semantic
            .qualified_name(receiver)
            .as_ref()
            .map(|q| q.as_str().to_owned())
        {
            Some(q) if q.starts_with("fastapi") => "FastAPI",
            Some(q) if q.starts_with("flask") => "Flask",
            Some(q) if q.starts_with("quart") => "Quart",
            Some(q) if q.starts_with("sanic") => "Sanic",
            Some(q) if q.starts_with("starlette") => "Starlette",
            Some(q) if q.starts_with("aiohttp") => "aiohttp",
            _ => "web framework",
        };
        Some(framework)
    }

    /// `Route("/x", endpoint)`, `web.get("/x", handler)`, `app.add_url_rule("/x", view_func=f)`, `Depends(f)`.
    fn call_registration(&mut self, call: Node<'t>) {
        let Some(arguments) = call.child_by_field_name("arguments") else {
            return;
        };
        let callee = call.child_by_field_name("function");
        let callee_text = callee.map_or("", |c| self.semantic.text(c));
        let last = callee_text.rsplit('.').next().unwrap_or(callee_text);
        let mut cursor = arguments.walk();
        let args: Vec<Node<'t>> = arguments.named_children(&mut cursor).collect();
        let dependency = matches!(last, "Depends" | "Security");
        let has_path = args.iter().take(2).any(|a| {
            string_value(self.semantic, *a).is_some_and(|s| s.starts_with('/') || s.is_empty())
        });
        if !dependency && !has_path {
            return;
        }
        let framework = if dependency {
            "FastAPI dependency"
        } else {
            "route table"
        };
        for arg in args {
            let value = if arg.kind() == "keyword_argument" {
                let key = arg
                    .child_by_field_name("name")
                    .map_or("", |n| self.semantic.text(n));
                if !matches!(key, "endpoint" | "view_func" | "handler" | "dependency") {
                    continue;
                }
                match arg.child_by_field_name("value") {
                    Some(v) => v,
                    None => continue,
                }
            } else {
                arg
            };
            if value.kind() != "identifier" {
                continue;
            }
            let Some(binding) = self.semantic.resolve_identifier(value) else {
                continue;
            };
            if let Some(function) = self.semantic.function_of_binding(binding) {
                let f = self.semantic.function_mut(function);
                if f.handler.is_none() {
                    f.handler = Some(HandlerOrigin::Registered {
                        framework,
                        registration: Span::from(call),
                    });
                }
            }
        }
    }
}

/// A class whose base is a view (`View`, `APIView`, `ModelViewSet`, `HTTPEndpoint`, `web.View`, `RequestHandler`).
fn is_view_class(semantic: &Semantic<'_>, class: Node<'_>) -> bool {
    let Some(bases) = class.child_by_field_name("superclasses") else {
        return false;
    };
    let mut cursor = bases.walk();
    let found = bases.named_children(&mut cursor).any(|base| {
        if base.kind() == "keyword_argument" {
            return false;
        }
        let text = semantic.text(base);
        let last = text.rsplit('.').next().unwrap_or(text);
        last.ends_with("View")
            || last.ends_with("ViewSet")
            || last.ends_with("APIView")
            || last == "HTTPEndpoint"
            || last == "WebSocketEndpoint"
            || last == "RequestHandler"
            || last == "HTTPMethodView"
    });
    found
}

fn is_static_or_classmethod(semantic: &Semantic<'_>, decorated: Option<Node<'_>>) -> bool {
    let Some(decorated) = decorated else {
        return false;
    };
    let mut cursor = decorated.walk();
    let found = decorated
        .named_children(&mut cursor)
        .filter(|d| d.kind() == "decorator")
        .any(|d| {
            matches!(
                semantic.text(d).trim_start_matches('@'),
                "staticmethod" | "classmethod"
            )
        });
    found
}
