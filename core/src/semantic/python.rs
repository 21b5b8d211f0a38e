//! Builds the semantic model of a Python file in one walk of its tree, then finds its handler and
//! event-loop functions.

use super::project_calls;
use super::qualified::string_value;
use super::walk::{child, field, has_token, walk, Enter, Field, Frames, KindTable};
use super::{
    Binding, BindingId, BindingKind, CallSite, EventLoopOrigin, Function, FunctionId, FunctionKind,
    HandlerOrigin, Loop, LoopKind, OutgoingHandler, QualifiedName, ScopeId, ScopeKind, Semantic,
};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::frameworks::{django, fastapi, web};
use crate::language::Language;
use std::sync::OnceLock;
use tree_sitter::{Node, Tree};

/// The node kinds the builder tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Other,
    FunctionDefinition,
    Lambda,
    ClassDefinition,
    ListComprehension,
    SetComprehension,
    DictionaryComprehension,
    GeneratorExpression,
    ForStatement,
    WhileStatement,
    ImportStatement,
    ImportFromStatement,
    Assignment,
    AugmentedAssignment,
    NamedExpression,
    WithItem,
    GlobalStatement,
    NonlocalStatement,
    Yield,
    ReturnStatement,
    ExceptClause,
    Call,
    Identifier,
    Attribute,
    Block,
    DecoratedDefinition,
    Decorator,
    TypedParameter,
    DefaultParameter,
    TypedDefaultParameter,
    ListSplatPattern,
    DictionarySplatPattern,
    ForInClause,
    PatternList,
    TuplePattern,
    ListPattern,
    ExpressionList,
    Tuple,
    List,
    ParenthesizedExpression,
    AsPattern,
    // Anonymous tokens.
    Async,
}

fn classify(kind: &str, named: bool) -> Kind {
    match (kind, named) {
        ("function_definition", true) => Kind::FunctionDefinition,
        ("lambda", true) => Kind::Lambda,
        ("class_definition", true) => Kind::ClassDefinition,
        ("list_comprehension", true) => Kind::ListComprehension,
        ("set_comprehension", true) => Kind::SetComprehension,
        ("dictionary_comprehension", true) => Kind::DictionaryComprehension,
        ("generator_expression", true) => Kind::GeneratorExpression,
        ("for_statement", true) => Kind::ForStatement,
        ("while_statement", true) => Kind::WhileStatement,
        ("import_statement", true) => Kind::ImportStatement,
        ("import_from_statement", true) => Kind::ImportFromStatement,
        ("assignment", true) => Kind::Assignment,
        ("augmented_assignment", true) => Kind::AugmentedAssignment,
        ("named_expression", true) => Kind::NamedExpression,
        ("with_item", true) => Kind::WithItem,
        ("global_statement", true) => Kind::GlobalStatement,
        ("nonlocal_statement", true) => Kind::NonlocalStatement,
        ("yield", true) => Kind::Yield,
        ("return_statement", true) => Kind::ReturnStatement,
        ("except_clause", true) => Kind::ExceptClause,
        ("call", true) => Kind::Call,
        ("identifier", true) => Kind::Identifier,
        ("attribute", true) => Kind::Attribute,
        ("block", true) => Kind::Block,
        ("decorated_definition", true) => Kind::DecoratedDefinition,
        ("decorator", true) => Kind::Decorator,
        ("typed_parameter", true) => Kind::TypedParameter,
        ("default_parameter", true) => Kind::DefaultParameter,
        ("typed_default_parameter", true) => Kind::TypedDefaultParameter,
        ("list_splat_pattern", true) => Kind::ListSplatPattern,
        ("dictionary_splat_pattern", true) => Kind::DictionarySplatPattern,
        ("for_in_clause", true) => Kind::ForInClause,
        ("pattern_list", true) => Kind::PatternList,
        ("tuple_pattern", true) => Kind::TuplePattern,
        ("list_pattern", true) => Kind::ListPattern,
        ("expression_list", true) => Kind::ExpressionList,
        ("tuple", true) => Kind::Tuple,
        ("list", true) => Kind::List,
        ("parenthesized_expression", true) => Kind::ParenthesizedExpression,
        ("as_pattern", true) => Kind::AsPattern,
        ("async", false) => Kind::Async,
        _ => Kind::Other,
    }
}

/// The fields the builder reads.
struct Fields {
    name: Field,
    value: Field,
    alias: Field,
    left: Field,
    right: Field,
    type_: Field,
    function: Field,
    object: Field,
    attribute: Field,
    parameters: Field,
    return_type: Field,
    operator: Field,
}

/// The grammar's kinds and fields, looked up once.
struct Syntax {
    kinds: KindTable<Kind>,
    fields: Fields,
}

impl Syntax {
    fn get() -> &'static Syntax {
        static SYNTAX: OnceLock<Syntax> = OnceLock::new();
        SYNTAX.get_or_init(|| {
            let grammar = Language::Python.grammar();
            let f = |name| field(&grammar, name);
            Syntax {
                kinds: KindTable::new(&grammar, classify, Kind::Other),
                fields: Fields {
                    name: f("name"),
                    value: f("value"),
                    alias: f("alias"),
                    left: f("left"),
                    right: f("right"),
                    type_: f("type"),
                    function: f("function"),
                    object: f("object"),
                    attribute: f("attribute"),
                    parameters: f("parameters"),
                    return_type: f("return_type"),
                    operator: f("operator"),
                },
            }
        })
    }
}

struct Builder<'s, 't> {
    semantic: &'s mut Semantic<'t>,
    syntax: &'static Syntax,
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
        syntax: Syntax::get(),
        frames: Frames::new(module),
        calls: Vec::new(),
        registrations: Vec::new(),
        globals: Vec::new(),
    };
    walk(root, &mut builder, visit);
    // The loops are all known: their lookups (`loops_around`) work from here on.
    builder.semantic.order_loops();
    for call in std::mem::take(&mut builder.registrations) {
        builder.call_registration(call);
    }
    let Builder {
        semantic, calls, ..
    } = builder;
    semantic.propagate_through_calls(&calls, &[]);
    // What this file alone tells of its calls into other modules, before the graph's answers for its
    // own functions are applied: a contribution depends on the file's text only.
    semantic.outgoing_calls = project_calls::python_outgoing_calls(semantic);
    let registered = semantic.registered_elsewhere();
    if semantic.called_from_event_loop_elsewhere() || registered {
        semantic.propagate_through_calls(&calls, &[]);
    }
}

impl<'t> Enter<'t> for Builder<'_, 't> {
    fn frames(&mut self) -> &mut Frames {
        &mut self.frames
    }

    fn enter(&mut self, node: Node<'t>, ancestors: &[Node<'t>]) {
        self.enter_node(node, ancestors);
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

    fn kind(&self, node: Node<'_>) -> Kind {
        self.syntax.kinds.of(node)
    }

    fn enter_node(&mut self, node: Node<'t>, ancestors: &[Node<'t>]) {
        let fields = &self.syntax.fields;
        match self.kind(node) {
            kind @ (Kind::FunctionDefinition | Kind::Lambda) => {
                self.enter_function(node, kind == Kind::Lambda, ancestors);
            }
            Kind::ClassDefinition => {
                if let Some(name) = child(node, fields.name) {
                    self.declare(name, BindingKind::Class, None, None);
                }
                self.push_scope(ScopeKind::Class, node);
            }
            Kind::ListComprehension
            | Kind::SetComprehension
            | Kind::DictionaryComprehension
            | Kind::GeneratorExpression => {
                self.enter_comprehension(node);
            }
            kind @ (Kind::ForStatement | Kind::WhileStatement) => {
                self.enter_loop(node, kind == Kind::ForStatement)
            }
            Kind::ImportStatement => self.enter_import(node),
            Kind::ImportFromStatement => self.enter_import_from(node),
            Kind::Identifier => self.semantic.record_identifier(node),
            Kind::Assignment => {
                self.semantic.record_assignment(node, "=");
                self.enter_assignment(node);
            }
            Kind::AugmentedAssignment => {
                let operator = child(node, fields.operator).map_or("", |o| self.semantic.text(o));
                self.semantic.record_assignment(node, operator);
            }
            Kind::NamedExpression => {
                if let Some(name) = child(node, fields.name) {
                    let value = child(node, fields.value);
                    self.declare(name, BindingKind::Variable, value, None);
                }
            }
            Kind::WithItem => self.enter_with_item(node),
            kind @ (Kind::GlobalStatement | Kind::NonlocalStatement) => {
                if let Some(function) = self.function() {
                    let mut cursor = node.walk();
                    let names: Vec<&'t str> = node
                        .named_children(&mut cursor)
                        .filter(|&n| self.kind(n) == Kind::Identifier)
                        .map(|n| self.semantic.text(n))
                        .collect();
                    let global = kind == Kind::GlobalStatement;
                    for &name in &names {
                        self.semantic.record_outer_name(function, name, global);
                    }
                    if global {
                        self.globals
                            .extend(names.into_iter().map(|name| (function, name)));
                    }
                }
            }
            Kind::Yield => self.semantic.record_yield(node),
            Kind::ReturnStatement => self.semantic.record_return(node),
            Kind::ExceptClause => {
                if let Some(alias) = child(node, fields.alias) {
                    self.declare(alias, BindingKind::Other, None, None);
                }
            }
            Kind::Call => {
                self.semantic.record_call(node);
                self.enter_call(node);
            }
            Kind::Decorator => self.semantic.record_decorator(node),
            _ => {}
        }
    }

    fn enter_function(&mut self, node: Node<'t>, is_lambda: bool, ancestors: &[Node<'t>]) {
        let fields = &self.syntax.fields;
        let name_node = child(node, fields.name);
        // The parent, grandparent and great-grandparent.
        let up = |n: usize| ancestors.len().checked_sub(n).map(|at| ancestors[at]);
        let decorated = up(1).filter(|&p| self.kind(p) == Kind::DecoratedDefinition);
        let class = up(1)
            .filter(|&p| self.kind(p) == Kind::Block)
            .and(up(2))
            .or_else(|| {
                // A decorated method: function_definition ← decorated_definition ← block ← class_definition.
                decorated?;
                up(2).filter(|&p| self.kind(p) == Kind::Block)?;
                up(3)
            })
            .filter(|&c| self.kind(c) == Kind::ClassDefinition);
        let kind = if is_lambda {
            FunctionKind::Expression
        } else if class.is_some() {
            FunctionKind::Method
        } else {
            FunctionKind::Declaration
        };
        let is_async = has_token(node, &self.syntax.kinds, Kind::Async);
        let id = self.semantic.add_function(Function {
            node,
            kind,
            is_async,
            name: name_node.map(|n| self.semantic.text(n)),
            parent: self.function(),
            class,
            return_type: child(node, fields.return_type),
            loop_callback: None,
            handler: None,
            startup: false,
            declared: None,
            event_loop: is_async.then_some(EventLoopOrigin::Async),
        });
        if let Some(name) = name_node {
            self.declare(name, BindingKind::Function(id), None, None);
        }
        if !is_lambda {
            self.detect_handler(node, decorated, id, class);
        }
        self.push_scope(ScopeKind::Function(id), node);
        self.frames.push_function(id);
        if let Some(parameters) = child(node, self.syntax.fields.parameters) {
            let mut cursor = parameters.walk();
            let parameters: Vec<_> = parameters.named_children(&mut cursor).collect();
            for parameter in parameters {
                self.declare_parameter(parameter);
            }
        }
    }

    fn declare_parameter(&mut self, parameter: Node<'t>) {
        let fields = &self.syntax.fields;
        let (name, annotation) = match self.kind(parameter) {
            Kind::Identifier => (Some(parameter), None),
            Kind::TypedParameter => (
                parameter
                    .named_child(0)
                    .filter(|&n| self.kind(n) == Kind::Identifier),
                child(parameter, fields.type_),
            ),
            Kind::DefaultParameter | Kind::TypedDefaultParameter => (
                child(parameter, fields.name),
                child(parameter, fields.type_),
            ),
            Kind::ListSplatPattern | Kind::DictionarySplatPattern => {
                (parameter.named_child(0), None)
            }
            _ => (None, None),
        };
        if let Some(name) = name.filter(|&n| self.kind(n) == Kind::Identifier) {
            self.declare(name, BindingKind::Parameter, None, annotation);
        }
    }

    fn enter_comprehension(&mut self, node: Node<'t>) {
        let fields = &self.syntax.fields;
        let mut cursor = node.walk();
        let clauses: Vec<Node<'t>> = node
            .named_children(&mut cursor)
            .filter(|&c| self.kind(c) == Kind::ForInClause)
            .collect();
        let first = clauses.first().copied();
        let iterable = first.and_then(|c| child(c, fields.right));
        let id = self.semantic.add_loop(Loop {
            kind: LoopKind::Comprehension,
            node,
            iterable,
            method: None,
            variable: first.and_then(|c| child(c, fields.left)),
            region: Span::from(node),
            once: iterable.map(Span::from),
            body_function: self.function(),
            is_async: first.is_some_and(|c| has_token(c, &self.syntax.kinds, Kind::Async)),
        });
        self.push_scope(ScopeKind::Comprehension, node);
        for clause in clauses {
            if let Some(left) = child(clause, self.syntax.fields.left) {
                self.declare_targets(left, BindingKind::LoopVariable(id), None);
            }
        }
    }

    fn enter_loop(&mut self, node: Node<'t>, is_for: bool) {
        let fields = &self.syntax.fields;
        let iterable = child(node, fields.right).filter(|_| is_for);
        let variable = child(node, fields.left).filter(|_| is_for);
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
            is_async: has_token(node, &self.syntax.kinds, Kind::Async),
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
                    let (Some(dotted), Some(alias)) = (name.field("name"), name.field("alias"))
                    else {
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
        let Some(module) = node.field("module_name") else {
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
                "aliased_import" => match name.field("name") {
                    Some(imported) => (imported, name.field("alias")),
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
        let fields = &self.syntax.fields;
        let Some(left) = child(node, fields.left) else {
            return;
        };
        let value = child(node, fields.right);
        let annotation = child(node, fields.type_);
        if self.kind(left) == Kind::Identifier {
            // A chained assignment `a = b = value` gives the inner assignment as the value.
            let value = value.map(|v| {
                let mut v = v;
                while self.kind(v) == Kind::Assignment {
                    match child(v, fields.right) {
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
        let fields = &self.syntax.fields;
        let Some(value) = child(node, fields.value) else {
            return;
        };
        if self.kind(value) != Kind::AsPattern {
            return;
        }
        let expression = value.named_child(0);
        let Some(target) = child(value, fields.alias).and_then(|a| a.named_child(0)) else {
            return;
        };
        if self.kind(target) == Kind::Identifier {
            self.declare(target, BindingKind::Variable, expression, None);
        } else {
            self.declare_targets(target, BindingKind::Variable, None);
        }
    }

    fn enter_call(&mut self, node: Node<'t>) {
        let fields = &self.syntax.fields;
        let Some(callee) = child(node, fields.function) else {
            return;
        };
        let callee_kind = self.kind(callee);
        let direct = match callee_kind {
            Kind::Identifier => true,
            Kind::Attribute => child(callee, fields.object)
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
        let name = match callee_kind {
            Kind::Identifier => self.semantic.text(callee),
            Kind::Attribute => {
                child(callee, fields.attribute).map_or("", |a| self.semantic.text(a))
            }
            _ => "",
        };
        if web::is_python_registration_call(name) {
            self.registrations.push(node);
        }
    }

    /// Declares every name an assignment or loop target binds (`a, (b, c) = ...`, `for k, v in ...`).
    fn declare_targets(&mut self, target: Node<'t>, kind: BindingKind, value: Option<Node<'t>>) {
        match self.kind(target) {
            Kind::Identifier => {
                self.declare(target, kind, value, None);
            }
            Kind::PatternList
            | Kind::TuplePattern
            | Kind::ListPattern
            | Kind::ExpressionList
            | Kind::Tuple
            | Kind::List
            | Kind::ParenthesizedExpression
            | Kind::ListSplatPattern => {
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
    fn detect_handler(
        &mut self,
        function: Node<'t>,
        decorated: Option<Node<'t>>,
        id: FunctionId,
        class: Option<Node<'t>>,
    ) {
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
                        elsewhere: None,
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
                    framework: web::CLASS_BASED_VIEW,
                    registration: Span::from(class.field("name").unwrap_or(class)),
                    elsewhere: None,
                });
            }
            return;
        }
        // Django function views take the request first.
        let first_parameter = function
            .field("parameters")
            .and_then(|p| p.named_child(0))
            .map(|p| match p.kind() {
                "typed_parameter" => p.named_child(0).unwrap_or(p),
                "default_parameter" | "typed_default_parameter" => p.field("name").unwrap_or(p),
                _ => p,
            })
            .map(|p| self.semantic.text(p));
        if first_parameter == Some(django::VIEW_REQUEST_PARAMETER) && self.frames.at_top_level() {
            self.semantic.function_mut(id).handler = Some(HandlerOrigin::Registered {
                framework: django::FRAMEWORK,
                registration: Span::from(function.field("name").unwrap_or(function)),
                elsewhere: None,
            });
        }
    }

    fn route_decorator(&self, decorator: Node<'t>) -> Option<&'static str> {
        let expression = decorator.named_child(0)?;
        let (callee, arguments) = if expression.kind() == "call" {
            (expression.field("function")?, expression.field("arguments"))
        } else {
            (expression, None)
        };
        let name = match callee.kind() {
            "attribute" => self.semantic.text(callee.field("attribute")?),
            "identifier" => self.semantic.text(callee),
            _ => return None,
        };
        if let Some(framework) = web::view_decorator_framework(name) {
            return Some(framework);
        }
        if callee.kind() != "attribute" || !web::is_route_decorator_method(name) {
            return None;
        }
        // `@app.get("/path")`: the first argument (or `path=`) is a string.
        arguments?;
        let first = self.semantic.argument(expression, 0)?;
        let is_path = match first.kind() {
            "string" => true,
            "keyword_argument" => first
                .field("name")
                .is_some_and(|n| web::is_route_path_keyword(self.semantic.text(n))),
            _ => false,
        };
        if !is_path {
            return None;
        }
        let receiver = callee.field("object")?;
        let receiver_name = self.semantic.qualified_name(receiver);
        Some(web::python_app_framework(
            receiver_name.as_ref().map(QualifiedName::as_str),
        ))
    }

    /// `Route("/x", endpoint)`, `web.get("/x", handler)`, `app.add_url_rule("/x", view_func=f)`, `Depends(f)`.
    fn call_registration(&mut self, call: Node<'t>) {
        let Some(arguments) = call.field("arguments") else {
            return;
        };
        let callee = call.field("function");
        let callee_text = callee.map_or("", |c| self.semantic.text(c));
        let last = callee_text.rsplit('.').next().unwrap_or(callee_text);
        let mut cursor = arguments.walk();
        let args: Vec<Node<'t>> = arguments.named_children(&mut cursor).collect();
        let dependency = fastapi::DEPENDENCY_CALLS.contains(&last);
        let has_path = args
            .iter()
            .take(2)
            .any(|a| string_value(self.semantic, *a).is_some_and(web::is_route_path));
        if !dependency && !has_path {
            return;
        }
        let framework = if dependency {
            fastapi::DEPENDENCY
        } else {
            web::ROUTE_TABLE
        };
        for arg in args {
            let value = if arg.kind() == "keyword_argument" {
                let key = arg.field("name").map_or("", |n| self.semantic.text(n));
                if !web::ENDPOINT_KEYWORDS.contains(&key) {
                    continue;
                }
                match arg.field("value") {
                    Some(v) => v,
                    None => continue,
                }
            } else {
                arg
            };
            // Another module's function (`Depends(get_db)` with `get_db` imported, `views.detail`
            // with `from . import views`): the project graph hands the registration to that module.
            if let Some((specifier, member)) =
                project_calls::python_imported_function(self.semantic, value)
            {
                self.semantic.outgoing_handlers.push(OutgoingHandler {
                    specifier,
                    member: Some(member),
                    framework: framework.to_string(),
                    line: call.start_position().row as u32 + 1,
                    span: Span::from(call),
                });
                continue;
            }
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
                        elsewhere: None,
                    });
                }
            }
        }
    }
}

/// A class whose base is a view of some framework (`View`, `APIView`, `ModelViewSet`, `HTTPEndpoint`,
/// `web.View`, `RequestHandler`: [`web::is_view_base`]).
fn is_view_class(semantic: &Semantic<'_>, class: Node<'_>) -> bool {
    let Some(bases) = class.field("superclasses") else {
        return false;
    };
    let mut cursor = bases.walk();
    let found = bases.named_children(&mut cursor).any(|base| {
        if base.kind() == "keyword_argument" {
            return false;
        }
        let text = semantic.text(base);
        let last = text.rsplit('.').next().unwrap_or(text);
        web::is_view_base(last)
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
