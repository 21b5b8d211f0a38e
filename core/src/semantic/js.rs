//! Builds the semantic model of a JavaScript, TypeScript or TSX file in one walk of its tree, then finds
//! its handler and start-up functions.

use super::project_calls::{self, outgoing_calls};
use super::qualified::{self, string_value};
use super::syntax;
use super::walk::{child, field, has_token, walk, Enter, Field, Frames, KindTable};
use super::{
    Binding, BindingId, BindingKind, CallSite, Function, FunctionId, FunctionKind, HandlerOrigin,
    Loop, LoopId, LoopKind, OutgoingHandler, QualifiedName, ScopeId, ScopeKind, Semantic,
};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::frameworks::web::{self, JsRegistration, ModuleFile, RouteObjectKey};
use crate::frameworks::{aws_lambda, express, fastify, hapi, lodash, nestjs, nextjs, node_http};
use crate::language::Language;
use crate::trigger::{literal, member, path, pattern, word, Trigger};
use rustc_hash::FxHashMap;
use std::sync::{Arc, LazyLock, OnceLock};
use tree_sitter::{Node, Tree};

/// Array methods whose callback runs once per element.
pub(crate) const ITERATION_METHODS: &[&str] = &[
    "forEach",
    "map",
    "flatMap",
    "filter",
    "reduce",
    "reduceRight",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
];

/// The triggers of JavaScript handler code: a file in which the builder finds a function that frameworks
/// call per request contains at least one of them, so a rule that only reports in handler code requires
/// this group. Generated from the framework data detection reads ([`crate::frameworks::web`]), each
/// trigger necessary for one way a handler is found:
/// - an app or router of a framework registers with any route method: the frameworks' modules (a module
///   whose name holds another's, `koa-router`, is covered by it);
/// - any other receiver registers with a route path: a route method called with a string or template
///   starting with a route path start, a regex or an array (also `get?.(` and `get<T>(`);
/// - route objects and route chains: `route`;
/// - an HTTP server factory's name, Fastify's `addHook`;
/// - exports: Lambda's `handler`, Next.js's `pages/api/` files, app-router exports (`GET`),
///   `getServerSideProps`, `middleware`;
/// - NestJS route decorators, `@Get` or `@nest.Get`.
pub fn handler_triggers() -> &'static [Trigger] {
    static TRIGGERS: LazyLock<Vec<Trigger>> = LazyLock::new(|| {
        let modules: Vec<&str> = web::JS_APPS
            .iter()
            .flat_map(|app| app.modules.iter().copied())
            .collect();
        let mut triggers: Vec<Trigger> = modules
            .iter()
            .filter(|module| {
                !modules
                    .iter()
                    .any(|other| other != *module && module.contains(other))
            })
            .map(|module| literal(module))
            .collect();
        // The quotes of `string` and `template_string` nodes, and the openings of regexes and arrays.
        let mut route_arguments: Vec<String> = ["'", "\"", "`"]
            .iter()
            .flat_map(|quote| {
                web::ROUTE_PATH_STARTS
                    .iter()
                    .map(move |start| format!("{quote}{start}"))
            })
            .collect();
        route_arguments.extend(["/".to_string(), "[".to_string()]);
        for method in web::ROUTE_METHODS {
            triggers.extend(
                route_arguments
                    .iter()
                    .map(|argument| pattern(&format!("\\b{method} ( {argument}"))),
            );
            triggers.push(pattern(&format!("\\b{method} ?.")));
            triggers.push(pattern(&format!("\\b{method} <")));
        }
        triggers.extend(web::ROUTE_OBJECT_METHODS.iter().map(|name| word(name)));
        triggers.extend(web::SERVER_FACTORY_NAMES.iter().map(|name| literal(name)));
        triggers.push(literal(fastify::ADD_HOOK));
        triggers.push(literal(aws_lambda::HANDLER_EXPORT));
        triggers.push(path(nextjs::PAGES_API));
        triggers.extend(nextjs::ROUTE_EXPORTS.iter().map(|name| word(name)));
        triggers.push(literal(nextjs::SERVER_SIDE_PROPS));
        triggers.push(literal(nextjs::MIDDLEWARE));
        for decorator in nestjs::ROUTE_DECORATORS {
            triggers.push(pattern(&format!("@ {decorator}\\b")));
            triggers.push(member(decorator));
        }
        triggers
    });
    &TRIGGERS
}

/// The triggers of JavaScript iteration callbacks: the names of the array methods and lodash functions
/// whose callback the builder records as a loop, each a whole word.
pub fn iteration_callback_triggers() -> &'static [Trigger] {
    static TRIGGERS: LazyLock<Vec<Trigger>> = LazyLock::new(|| {
        let mut names: Vec<&str> = ITERATION_METHODS.to_vec();
        for name in lodash::ITERATION_METHODS {
            if !names.contains(name) {
                names.push(name);
            }
        }
        names.into_iter().map(word).collect()
    });
    &TRIGGERS
}

/// The node kinds the builder tells apart (by name: `Function` is the `function` keyword's kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Other,
    FunctionDeclaration,
    GeneratorFunctionDeclaration,
    FunctionExpression,
    Function,
    GeneratorFunction,
    ArrowFunction,
    MethodDefinition,
    StatementBlock,
    ClassBody,
    SwitchBody,
    CatchClause,
    ForStatement,
    ForInStatement,
    WhileStatement,
    DoStatement,
    ClassDeclaration,
    AbstractClassDeclaration,
    LexicalDeclaration,
    VariableDeclaration,
    VariableDeclarator,
    ImportStatement,
    CallExpression,
    NewExpression,
    AssignmentExpression,
    AugmentedAssignmentExpression,
    YieldExpression,
    ReturnStatement,
    ExportStatement,
    ParenthesizedExpression,
    AsExpression,
    SatisfiesExpression,
    NonNullExpression,
    Pair,
    PublicFieldDefinition,
    FieldDefinition,
    Arguments,
    MemberExpression,
    Identifier,
    This,
    ShorthandPropertyIdentifier,
    ShorthandPropertyIdentifierPattern,
    ObjectPattern,
    PairPattern,
    ObjectAssignmentPattern,
    RestPattern,
    AssignmentPattern,
    ArrayPattern,
    RequiredParameter,
    OptionalParameter,
    Comment,
    Decorator,
    // Anonymous tokens.
    Async,
    In,
    Await,
    Const,
    Let,
    Var,
    Default,
}

fn classify(kind: &str, named: bool) -> Kind {
    match (kind, named) {
        ("function_declaration", true) => Kind::FunctionDeclaration,
        ("generator_function_declaration", true) => Kind::GeneratorFunctionDeclaration,
        ("function_expression", true) => Kind::FunctionExpression,
        ("function", true) => Kind::Function,
        ("generator_function", true) => Kind::GeneratorFunction,
        ("arrow_function", true) => Kind::ArrowFunction,
        ("method_definition", true) => Kind::MethodDefinition,
        ("statement_block", true) => Kind::StatementBlock,
        ("class_body", true) => Kind::ClassBody,
        ("switch_body", true) => Kind::SwitchBody,
        ("catch_clause", true) => Kind::CatchClause,
        ("for_statement", true) => Kind::ForStatement,
        ("for_in_statement", true) => Kind::ForInStatement,
        ("while_statement", true) => Kind::WhileStatement,
        ("do_statement", true) => Kind::DoStatement,
        ("class_declaration", true) => Kind::ClassDeclaration,
        ("abstract_class_declaration", true) => Kind::AbstractClassDeclaration,
        ("lexical_declaration", true) => Kind::LexicalDeclaration,
        ("variable_declaration", true) => Kind::VariableDeclaration,
        ("variable_declarator", true) => Kind::VariableDeclarator,
        ("import_statement", true) => Kind::ImportStatement,
        ("call_expression", true) => Kind::CallExpression,
        ("new_expression", true) => Kind::NewExpression,
        ("assignment_expression", true) => Kind::AssignmentExpression,
        ("augmented_assignment_expression", true) => Kind::AugmentedAssignmentExpression,
        ("yield_expression", true) => Kind::YieldExpression,
        ("return_statement", true) => Kind::ReturnStatement,
        ("export_statement", true) => Kind::ExportStatement,
        ("parenthesized_expression", true) => Kind::ParenthesizedExpression,
        ("as_expression", true) => Kind::AsExpression,
        ("satisfies_expression", true) => Kind::SatisfiesExpression,
        ("non_null_expression", true) => Kind::NonNullExpression,
        ("pair", true) => Kind::Pair,
        ("public_field_definition", true) => Kind::PublicFieldDefinition,
        ("field_definition", true) => Kind::FieldDefinition,
        ("arguments", true) => Kind::Arguments,
        ("member_expression", true) => Kind::MemberExpression,
        ("identifier", true) => Kind::Identifier,
        ("this", true) => Kind::This,
        ("shorthand_property_identifier", true) => Kind::ShorthandPropertyIdentifier,
        ("shorthand_property_identifier_pattern", true) => Kind::ShorthandPropertyIdentifierPattern,
        ("object_pattern", true) => Kind::ObjectPattern,
        ("pair_pattern", true) => Kind::PairPattern,
        ("object_assignment_pattern", true) => Kind::ObjectAssignmentPattern,
        ("rest_pattern", true) => Kind::RestPattern,
        ("assignment_pattern", true) => Kind::AssignmentPattern,
        ("array_pattern", true) => Kind::ArrayPattern,
        ("required_parameter", true) => Kind::RequiredParameter,
        ("optional_parameter", true) => Kind::OptionalParameter,
        ("comment", true) => Kind::Comment,
        ("decorator", true) => Kind::Decorator,
        ("async", false) => Kind::Async,
        ("in", false) => Kind::In,
        ("await", false) => Kind::Await,
        ("const", false) => Kind::Const,
        ("let", false) => Kind::Let,
        ("var", false) => Kind::Var,
        ("default", false) => Kind::Default,
        _ => Kind::Other,
    }
}

/// The fields the builder reads.
struct Fields {
    name: Field,
    value: Field,
    type_: Field,
    left: Field,
    function: Field,
    constructor: Field,
    object: Field,
    property: Field,
    parameters: Field,
    parameter: Field,
    key: Field,
    pattern: Field,
    initializer: Field,
    right: Field,
    return_type: Field,
    operator: Field,
}

/// One grammar's kinds and fields, looked up once.
struct Syntax {
    kinds: KindTable<Kind>,
    fields: Fields,
}

impl Syntax {
    fn new(language: Language) -> Syntax {
        let grammar = language.grammar();
        let f = |name| field(&grammar, name);
        Syntax {
            kinds: KindTable::new(&grammar, classify, Kind::Other),
            fields: Fields {
                name: f("name"),
                value: f("value"),
                type_: f("type"),
                left: f("left"),
                function: f("function"),
                constructor: f("constructor"),
                object: f("object"),
                property: f("property"),
                parameters: f("parameters"),
                parameter: f("parameter"),
                key: f("key"),
                pattern: f("pattern"),
                initializer: f("initializer"),
                right: f("right"),
                return_type: f("return_type"),
                operator: f("operator"),
            },
        }
    }

    /// The tables of `language` (JavaScript, TypeScript or TSX).
    fn of(language: Language) -> &'static Syntax {
        static TABLES: [OnceLock<Syntax>; 4] = [const { OnceLock::new() }; 4];
        TABLES[language.index()].get_or_init(|| Syntax::new(language))
    }
}

struct Builder<'s, 't> {
    semantic: &'s mut Semantic<'t>,
    syntax: &'static Syntax,
    frames: Frames,
    /// `const f = () => {}`: the binding that a function value should be attached to.
    pending_function_bindings: FxHashMap<usize, BindingId>,
    calls: Vec<CallSite<'t>>,
    route_candidates: Vec<Node<'t>>,
    exports: Vec<Node<'t>>,
    startup_roots: Vec<FunctionId>,
    /// The functions this module exports, with the export's name.
    exported: FxHashMap<FunctionId, Option<&'t str>>,
    /// Exports that other files call only from start-up code (the project graph's answer).
    startup_elsewhere: Vec<FunctionId>,
}

pub(super) fn build<'t>(
    semantic: &mut Semantic<'t>,
    tree: &'t Tree,
    visit: &mut dyn FnMut(Node<'t>),
) {
    let root = tree.root_node();
    let module = semantic.add_scope(ScopeKind::Module, Span::from(root), None);
    let syntax = Syntax::of(semantic.language());
    let mut builder = Builder {
        semantic,
        syntax,
        frames: Frames::new(module),
        pending_function_bindings: FxHashMap::default(),
        calls: Vec::new(),
        route_candidates: Vec::new(),
        exports: Vec::new(),
        startup_roots: Vec::new(),
        exported: FxHashMap::default(),
        startup_elsewhere: Vec::new(),
    };
    walk(root, &mut builder, visit);
    // The loops are all known: their lookups (`loops_around`) work from here on.
    builder.semantic.order_loops();
    builder.find_handlers();
    builder
        .semantic
        .propagate_through_calls(&builder.calls, &builder.startup_roots);
    // What this file alone tells of its calls into other modules, before the graph's answers for its
    // own exports are applied: a contribution depends on the file's text only.
    builder.semantic.outgoing_calls = outgoing_calls(builder.semantic, &builder.exported);
    if builder.handlers_from_elsewhere() {
        builder
            .semantic
            .propagate_through_calls(&builder.calls, &builder.startup_roots);
    }
    let Builder {
        semantic,
        calls,
        startup_elsewhere,
        ..
    } = builder;
    if !startup_elsewhere.is_empty() {
        semantic.startup_from_elsewhere(&calls, &startup_elsewhere);
    }
}

/// [`syntax::is_function_kind`], by kind id.
fn is_function(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::FunctionDeclaration
            | Kind::GeneratorFunctionDeclaration
            | Kind::FunctionExpression
            | Kind::Function
            | Kind::GeneratorFunction
            | Kind::ArrowFunction
            | Kind::MethodDefinition
    )
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

    /// The nearest function (or module) scope, where `var` declarations live.
    fn var_scope(&self) -> ScopeId {
        for &id in self.frames.scopes().iter().rev() {
            if matches!(
                self.semantic.scope(id).kind,
                ScopeKind::Function(_) | ScopeKind::Module
            ) {
                return id;
            }
        }
        self.frames.scopes()[0]
    }

    fn push_scope(&mut self, kind: ScopeKind, node: Node<'t>) {
        self.frames.push_scope(self.semantic, kind, node);
    }

    fn kind(&self, node: Node<'_>) -> Kind {
        self.syntax.kinds.of(node)
    }

    fn enter_node(&mut self, node: Node<'t>, ancestors: &[Node<'t>]) {
        let kind = self.kind(node);
        if is_function(kind) {
            self.enter_function(node, ancestors);
        } else {
            match kind {
                Kind::StatementBlock => {
                    let parent_is_function =
                        ancestors.last().is_some_and(|&p| is_function(self.kind(p)));
                    if !parent_is_function {
                        self.push_scope(ScopeKind::Block, node);
                    }
                }
                Kind::ClassBody => {
                    self.push_scope(ScopeKind::Class, node);
                }
                Kind::SwitchBody => {
                    self.push_scope(ScopeKind::Block, node);
                }
                Kind::CatchClause => {
                    self.push_scope(ScopeKind::Block, node);
                    if let Some(parameter) = child(node, self.syntax.fields.parameter) {
                        self.declare_pattern(
                            parameter,
                            BindingKind::Other,
                            None,
                            None,
                            &mut Vec::new(),
                            false,
                        );
                    }
                }
                Kind::ForStatement
                | Kind::ForInStatement
                | Kind::WhileStatement
                | Kind::DoStatement => {
                    if matches!(kind, Kind::ForStatement | Kind::ForInStatement) {
                        self.push_scope(ScopeKind::Block, node);
                    }
                    self.enter_loop(node, kind);
                }
                Kind::ClassDeclaration | Kind::AbstractClassDeclaration => {
                    if let Some(name) = child(node, self.syntax.fields.name) {
                        self.declare(name, BindingKind::Class, None, None, None, false);
                    }
                }
                Kind::LexicalDeclaration | Kind::VariableDeclaration => {
                    self.enter_declaration(node, kind)
                }
                Kind::ImportStatement => self.enter_import(node),
                Kind::Identifier | Kind::ShorthandPropertyIdentifier => {
                    self.semantic.record_identifier(node)
                }
                Kind::CallExpression | Kind::NewExpression => {
                    self.semantic.record_call(node);
                    self.enter_call(node, kind);
                }
                Kind::AssignmentExpression => {
                    self.semantic.record_assignment(node, "=");
                    self.enter_assignment(node);
                }
                Kind::YieldExpression => self.semantic.record_yield(node),
                Kind::ReturnStatement => self.semantic.record_return(node),
                Kind::AugmentedAssignmentExpression => {
                    let operator = child(node, self.syntax.fields.operator)
                        .map_or("", |o| self.semantic.text(o));
                    self.semantic.record_assignment(node, operator);
                }
                Kind::ExportStatement => self.exports.push(node),
                Kind::This => self.semantic.record_this(node),
                Kind::Decorator => self.semantic.record_decorator(node),
                _ => {}
            }
        }
    }

    fn enter_function(&mut self, node: Node<'t>, ancestors: &[Node<'t>]) {
        let kind = self.kind(node);
        let fields = &self.syntax.fields;
        // The logical parent and where it sits among the ancestors.
        let logical = ancestors.iter().rposition(|&a| {
            !matches!(
                self.kind(a),
                Kind::ParenthesizedExpression
                    | Kind::AsExpression
                    | Kind::SatisfiesExpression
                    | Kind::NonNullExpression
            )
        });
        let parent = logical.map(|at| ancestors[at]);
        let function_kind = match kind {
            Kind::MethodDefinition => FunctionKind::Method,
            Kind::FunctionDeclaration | Kind::GeneratorFunctionDeclaration => {
                FunctionKind::Declaration
            }
            _ => FunctionKind::Expression,
        };
        let own_name = child(node, fields.name).map(|n| self.semantic.text(n));
        let parent_kind = parent.map(|p| self.kind(p));
        // `const f = () => {}`, `{ f: () => {} }`, `exports.f = function () {}` name their function.
        let name = own_name.or_else(|| {
            let parent = parent?;
            let name_node = match parent_kind? {
                Kind::VariableDeclarator => child(parent, fields.name),
                Kind::Pair => child(parent, fields.key),
                Kind::AssignmentExpression => {
                    child(parent, fields.left).map(|l| child(l, fields.property).unwrap_or(l))
                }
                Kind::PublicFieldDefinition | Kind::FieldDefinition => {
                    child(parent, fields.name).or_else(|| child(parent, fields.property))
                }
                _ => None,
            }?;
            Some(self.semantic.text(name_node)).filter(|t| !t.is_empty())
        });
        let class = if function_kind == FunctionKind::Method
            || matches!(
                parent_kind,
                Some(Kind::PublicFieldDefinition | Kind::FieldDefinition)
            ) {
            ancestors
                .len()
                .checked_sub(2)
                .map(|at| ancestors[at])
                .filter(|c| c.kind().contains("class"))
        } else {
            None
        };
        let loop_callback = match logical {
            Some(at) if parent_kind == Some(Kind::Arguments) => {
                let call = at.checked_sub(1).map(|c| ancestors[c]);
                self.callback_loop(node, ancestors[at], call)
            }
            _ => None,
        };
        let id = self.semantic.add_function(Function {
            node,
            kind: function_kind,
            is_async: has_token(node, &self.syntax.kinds, Kind::Async),
            name,
            parent: self.function(),
            class,
            return_type: child(node, fields.return_type),
            loop_callback,
            handler: None,
            startup: false,
            declared: None,
            event_loop: None,
        });
        if let Some(l) = loop_callback {
            self.semantic.loops[l.0 as usize].body_function = Some(id);
        }
        // Declarations bind their name in the scope around them.
        if function_kind == FunctionKind::Declaration {
            if let Some(name_node) = child(node, self.syntax.fields.name) {
                self.declare(
                    name_node,
                    BindingKind::Function(id),
                    None,
                    None,
                    None,
                    false,
                );
            }
        }
        if let Some(binding) = self.pending_function_bindings.remove(&node.id()) {
            self.semantic.binding_mut(binding).kind = BindingKind::Function(id);
        }
        self.mark_nest_and_startup(node, kind, parent, id, name);
        if self.frames.at_top_level() && self.is_immediately_called(node, ancestors) {
            self.startup_roots.push(id);
        }
        self.push_scope(ScopeKind::Function(id), node);
        self.frames.push_function(id);
        let fields = &self.syntax.fields;
        if let Some(parameters) =
            child(node, fields.parameters).or_else(|| child(node, fields.parameter))
        {
            self.declare_parameters(parameters);
        }
    }

    /// Whether a function expression is called where it is defined (`(function () {})()`,
    /// `(async () => {})()`).
    fn is_immediately_called(&self, function: Node<'t>, ancestors: &[Node<'t>]) -> bool {
        let mut current = function;
        for &parent in ancestors.iter().rev() {
            match self.kind(parent) {
                Kind::ParenthesizedExpression => current = parent,
                Kind::CallExpression => {
                    return child(parent, self.syntax.fields.function)
                        .is_some_and(|f| f.id() == current.id())
                }
                _ => return false,
            }
        }
        false
    }

    /// When `function` is the per-element callback of an iteration (`xs.forEach(fn)`, `_.map(xs, fn)`),
    /// records that loop.
    fn callback_loop(
        &mut self,
        function: Node<'t>,
        arguments: Node<'t>,
        call: Option<Node<'t>>,
    ) -> Option<LoopId> {
        let fields = &self.syntax.fields;
        let call = call.filter(|&c| self.kind(c) == Kind::CallExpression)?;
        let callee = child(call, fields.function)?;
        if self.kind(callee) != Kind::MemberExpression {
            return None;
        }
        let method = self.semantic.text(child(callee, fields.property)?);
        let object = child(callee, fields.object)?;
        let position = argument_position(arguments, function)?;
        let (iterable, method) = if ITERATION_METHODS.contains(&method) && position == 0 {
            (object, method)
        } else if position == 1 && is_lodash(self.semantic, object) && is_lodash_iteration(method) {
            (self.semantic.argument(call, 0)?, method)
        } else {
            return None;
        };
        let variable = child(function, fields.parameters)
            .and_then(|p| p.named_child(0))
            .or_else(|| child(function, fields.parameter));
        Some(self.semantic.add_loop(Loop {
            kind: LoopKind::Callback,
            node: call,
            iterable: Some(iterable),
            method: Some(method),
            variable,
            region: Span::from(function),
            once: None,
            body_function: None,
            is_async: false,
        }))
    }

    fn enter_loop(&mut self, node: Node<'t>, kind: Kind) {
        let fields = &self.syntax.fields;
        let kinds = &self.syntax.kinds;
        let (kind, iterable, variable, once) = match kind {
            Kind::ForStatement => {
                let init = child(node, fields.initializer);
                (LoopKind::For, None, None, init.map(Span::from))
            }
            Kind::ForInStatement => {
                let right = child(node, fields.right);
                let left = child(node, fields.left);
                let kind = if has_token(node, kinds, Kind::In) {
                    LoopKind::ForIn
                } else {
                    LoopKind::ForOf
                };
                (kind, right, left, right.map(Span::from))
            }
            Kind::WhileStatement => (LoopKind::While, None, None, None),
            _ => (LoopKind::DoWhile, None, None, None),
        };
        let id = self.semantic.add_loop(Loop {
            kind,
            node,
            iterable,
            method: None,
            variable,
            region: Span::from(node),
            once,
            body_function: self.function(),
            is_async: has_token(node, kinds, Kind::Await),
        });
        if let Some(left) = variable {
            // `for (const x of xs)`, `for (x of xs)` with an outer `x`: only a declaration binds.
            let declares = has_token(node, kinds, Kind::Const)
                || has_token(node, kinds, Kind::Let)
                || has_token(node, kinds, Kind::Var);
            if declares {
                self.declare_pattern(
                    left,
                    BindingKind::LoopVariable(id),
                    None,
                    None,
                    &mut Vec::new(),
                    false,
                );
            }
        }
    }

    fn enter_declaration(&mut self, node: Node<'t>, kind: Kind) {
        let is_var = kind == Kind::VariableDeclaration;
        let fields = &self.syntax.fields;
        let mut cursor = node.walk();
        for declarator in node.named_children(&mut cursor) {
            if self.kind(declarator) != Kind::VariableDeclarator {
                continue;
            }
            let Some(name) = child(declarator, fields.name) else {
                continue;
            };
            let value = child(declarator, fields.value);
            let annotation = child(declarator, fields.type_);
            if self.kind(name) == Kind::Identifier {
                let id = self.declare(name, BindingKind::Variable, value, annotation, None, is_var);
                if let Some(value) = value.map(|v| self.unwrap(v)) {
                    if is_function(self.kind(value)) {
                        self.pending_function_bindings.insert(value.id(), id);
                    }
                }
            } else {
                self.declare_pattern(
                    name,
                    BindingKind::Variable,
                    value,
                    annotation,
                    &mut Vec::new(),
                    is_var,
                );
            }
        }
    }

    fn enter_import(&mut self, node: Node<'t>) {
        let Some(source) = node.field("source") else {
            // `import fs = require('fs')`
            if let Some(clause) = named_child_of_kind(node, "import_require_clause") {
                if let (Some(name), Some(source)) = (
                    named_child_of_kind(clause, "identifier"),
                    clause.field("source"),
                ) {
                    if let Some(module) = string_value(self.semantic, source) {
                        let target = QualifiedName::module(module);
                        self.declare(name, BindingKind::Import(target), None, None, None, false);
                    }
                }
            }
            return;
        };
        let Some(module) = string_value(self.semantic, source) else {
            return;
        };
        let module = QualifiedName::module(module);
        let Some(clause) = named_child_of_kind(node, "import_clause") else {
            return;
        };
        let mut cursor = clause.walk();
        for part in clause.named_children(&mut cursor) {
            match part.kind() {
                // `import fs from 'fs'`: the default export, which for CommonJS modules is the module.
                "identifier" => {
                    self.declare(
                        part,
                        BindingKind::Import(module.clone()),
                        None,
                        None,
                        None,
                        false,
                    );
                }
                "namespace_import" => {
                    if let Some(name) = named_child_of_kind(part, "identifier") {
                        self.declare(
                            name,
                            BindingKind::Import(module.clone()),
                            None,
                            None,
                            None,
                            false,
                        );
                    }
                }
                "named_imports" => {
                    let mut specifiers = part.walk();
                    for specifier in part.named_children(&mut specifiers) {
                        let Some(imported) = specifier.field("name") else {
                            continue;
                        };
                        let local = specifier.field("alias").unwrap_or(imported);
                        let imported = self.semantic.text(imported).trim_matches(['"', '\'']);
                        let target = if imported == "default" {
                            module.clone()
                        } else {
                            module.member(imported)
                        };
                        self.declare(local, BindingKind::Import(target), None, None, None, false);
                    }
                }
                _ => {}
            }
        }
    }

    /// `unwrap_expression`, by kind id.
    fn unwrap(&self, mut node: Node<'t>) -> Node<'t> {
        while matches!(
            self.kind(node),
            Kind::ParenthesizedExpression
                | Kind::AsExpression
                | Kind::SatisfiesExpression
                | Kind::NonNullExpression
        ) {
            match node.named_child(0) {
                Some(inner) => node = inner,
                None => break,
            }
        }
        node
    }

    fn enter_call(&mut self, node: Node<'t>, kind: Kind) {
        let fields = &self.syntax.fields;
        let callee = match kind {
            Kind::CallExpression => child(node, fields.function),
            _ => child(node, fields.constructor),
        };
        let Some(callee) = callee else {
            return;
        };
        let callee_kind = self.kind(callee);
        if kind == Kind::CallExpression {
            let direct = match callee_kind {
                Kind::Identifier => true,
                Kind::MemberExpression => {
                    child(callee, fields.object).is_some_and(|o| self.kind(o) == Kind::This)
                }
                _ => false,
            };
            if direct {
                self.calls.push(CallSite {
                    caller: self.function(),
                    call: node,
                    callee,
                });
            }
        }
        let method = match callee_kind {
            Kind::MemberExpression => child(callee, fields.property).map(|p| self.semantic.text(p)),
            Kind::Identifier => Some(self.semantic.text(callee)),
            _ => None,
        };
        // Route registrations, and `app.listen(port, () => ...)`, whose callback runs once, at start-up.
        if method.is_some_and(|method| web::js_registration(method).is_some()) {
            self.route_candidates.push(node);
        }
    }

    fn enter_assignment(&mut self, node: Node<'t>) {
        let Some(left) = child(node, self.syntax.fields.left) else {
            return;
        };
        match self.kind(left) {
            Kind::Identifier => {
                if let Some(binding) = self.semantic.resolve_identifier(left) {
                    self.semantic.binding_mut(binding).reassigned = true;
                }
            }
            Kind::MemberExpression => {
                let text = self.semantic.text(left);
                if text.starts_with("exports.") || text.starts_with("module.exports") {
                    self.exports.push(node);
                }
            }
            _ => {}
        }
    }

    fn declare_parameters(&mut self, parameters: Node<'t>) {
        if self.kind(parameters) == Kind::Identifier {
            self.declare(parameters, BindingKind::Parameter, None, None, None, false);
            return;
        }
        let fields = &self.syntax.fields;
        let mut cursor = parameters.walk();
        for parameter in parameters.named_children(&mut cursor) {
            let (pattern, annotation) = match self.kind(parameter) {
                Kind::RequiredParameter | Kind::OptionalParameter => (
                    child(parameter, fields.pattern),
                    child(parameter, fields.type_),
                ),
                _ => (Some(parameter), None),
            };
            if let Some(pattern) = pattern {
                self.declare_pattern(
                    pattern,
                    BindingKind::Parameter,
                    None,
                    annotation,
                    &mut Vec::new(),
                    false,
                );
            }
        }
    }

    /// Declares every name a pattern binds; `path` is the property path from the value to the element.
    fn declare_pattern(
        &mut self,
        pattern: Node<'t>,
        kind: BindingKind,
        value: Option<Node<'t>>,
        annotation: Option<Node<'t>>,
        path: &mut Vec<&'t str>,
        is_var: bool,
    ) {
        let fields = &self.syntax.fields;
        let pattern_kind = self.kind(pattern);
        match pattern_kind {
            Kind::Identifier | Kind::ShorthandPropertyIdentifierPattern => {
                let destructured = (!path.is_empty()
                    || pattern_kind == Kind::ShorthandPropertyIdentifierPattern)
                    .then(|| {
                        let mut full = path.clone();
                        if pattern_kind == Kind::ShorthandPropertyIdentifierPattern {
                            full.push(self.semantic.text(pattern));
                        }
                        full
                    });
                self.declare(pattern, kind, value, annotation, destructured, is_var);
            }
            Kind::ObjectPattern => {
                let mut cursor = pattern.walk();
                for element in pattern.named_children(&mut cursor) {
                    match self.kind(element) {
                        Kind::ShorthandPropertyIdentifierPattern => {
                            self.declare_pattern(element, kind.clone(), value, None, path, is_var)
                        }
                        Kind::PairPattern => {
                            let (Some(key), Some(inner)) =
                                (child(element, fields.key), child(element, fields.value))
                            else {
                                continue;
                            };
                            path.push(self.semantic.text(key).trim_matches(['"', '\'']));
                            self.declare_pattern(inner, kind.clone(), value, None, path, is_var);
                            path.pop();
                        }
                        Kind::ObjectAssignmentPattern => {
                            if let Some(left) = child(element, fields.left) {
                                self.declare_pattern(left, kind.clone(), value, None, path, is_var);
                            }
                        }
                        Kind::RestPattern => {
                            if let Some(inner) = element.named_child(0) {
                                self.declare_pattern(
                                    inner,
                                    kind.clone(),
                                    None,
                                    None,
                                    &mut Vec::new(),
                                    is_var,
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
            Kind::AssignmentPattern => {
                if let Some(left) = child(pattern, fields.left) {
                    self.declare_pattern(left, kind, value, annotation, path, is_var);
                }
            }
            Kind::ArrayPattern | Kind::RestPattern => {
                let mut cursor = pattern.walk();
                for element in pattern.named_children(&mut cursor) {
                    self.declare_pattern(
                        element,
                        kind.clone(),
                        None,
                        None,
                        &mut Vec::new(),
                        is_var,
                    );
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
        destructured: Option<Vec<&'t str>>,
        is_var: bool,
    ) -> BindingId {
        let scope = if is_var {
            self.var_scope()
        } else {
            self.scope()
        };
        self.semantic.declare(Binding {
            name: self.semantic.text(name),
            kind,
            scope,
            declaration: name,
            value,
            destructured,
            annotation,
            reassigned: false,
        })
    }

    /// NestJS route decorators make handlers; lifecycle hooks, provider constructors and `useFactory`
    /// providers run at start-up.
    fn mark_nest_and_startup(
        &mut self,
        node: Node<'t>,
        kind: Kind,
        logical_parent: Option<Node<'t>>,
        id: FunctionId,
        name: Option<&'t str>,
    ) {
        if kind == Kind::MethodDefinition {
            for decorator in method_decorators(node) {
                let decorator_name = decorator_name(self.semantic, decorator);
                if nestjs::ROUTE_DECORATORS.contains(&decorator_name) {
                    self.semantic.function_mut(id).handler = Some(HandlerOrigin::Registered {
                        framework: nestjs::FRAMEWORK,
                        registration: Span::from(decorator),
                        elsewhere: None,
                    });
                }
            }
            // Lifecycle hooks and constructors run once at boot (see `nestjs::STARTUP_METHODS`).
            if name.is_some_and(|name| nestjs::STARTUP_METHODS.contains(&name)) {
                self.startup_roots.push(id);
            }
        }
        if let Some(parent) = logical_parent {
            if self.kind(parent) == Kind::Pair
                && child(parent, self.syntax.fields.key)
                    .is_some_and(|k| self.semantic.text(k) == nestjs::FACTORY_PROVIDER)
            {
                self.startup_roots.push(id);
            }
        }
    }

    /// Finds the functions that frameworks call once per request.
    fn find_handlers(&mut self) {
        for call in std::mem::take(&mut self.route_candidates) {
            self.route_registration(call);
        }
        let exports = std::mem::take(&mut self.exports);
        for &export in &exports {
            self.exported_handler(export);
        }
        self.semantic.exports = self.export_list(&exports);
        self.exported = self.exported_functions();
        self.startup_elsewhere = std::mem::take(&mut self.semantic.startup_elsewhere)
            .iter()
            .filter_map(|member| self.semantic.exported_function(member.as_deref()))
            .collect();
    }

    /// What the project graph says other files do with this module's exports as handler code: they
    /// register them, or their handler code calls them. Whether it said anything.
    fn handlers_from_elsewhere(&mut self) -> bool {
        let registered = self.semantic.registered_elsewhere();
        let mut called = false;
        for call in std::mem::take(&mut self.semantic.handler_calls_elsewhere) {
            let Some(function) = self.semantic.exported_function(call.member.as_deref()) else {
                continue;
            };
            let f = self.semantic.function_mut(function);
            if f.handler.is_none() {
                f.handler = Some(HandlerOrigin::CalledElsewhere(Arc::new(call)));
                called = true;
            }
        }
        registered || called
    }

    /// The functions this module exports, each with its export's name (`None`: the module's own value).
    fn exported_functions(&self) -> FxHashMap<FunctionId, Option<&'t str>> {
        let mut functions = FxHashMap::default();
        for &(member, function) in &self.semantic.exports {
            functions.entry(function).or_insert(member);
        }
        functions
    }

    /// Every name this module exports a function as, with the function, in the order written.
    fn export_list(&self, exports: &[Node<'t>]) -> Vec<(Option<&'t str>, FunctionId)> {
        exports
            .iter()
            .flat_map(|&export| self.export_members(export))
            .filter_map(|(member, value)| Some((member, self.function_value(value)?)))
            .collect()
    }

    /// What an export statement or `exports` assignment exports: each name (`None`: the module's own
    /// value, `module.exports =` or `export default`) with the node that holds its value.
    fn export_members(&self, export: Node<'t>) -> Vec<(Option<&'t str>, Node<'t>)> {
        if export.kind() == "assignment_expression" {
            let (Some(left), Some(right)) = (export.field("left"), export.field("right")) else {
                return Vec::new();
            };
            let target = self.semantic.text(left);
            let exports_member = target.strip_prefix("module.").unwrap_or(target);
            if let Some(name) = exports_member.strip_prefix("exports.") {
                return vec![(Some(name), right)];
            }
            if target != "module.exports" {
                return Vec::new();
            }
            let mut members = vec![(None, right)];
            if unwrap_expression(right).kind() == "object" {
                members.extend(
                    object_pairs(self.semantic, unwrap_expression(right))
                        .into_iter()
                        .map(|(key, value)| (Some(key), value)),
                );
            }
            return members;
        }
        if has_token(export, &self.syntax.kinds, Kind::Default) {
            return export
                .field("value")
                .or_else(|| export.field("declaration"))
                .map(|value| vec![(None, value)])
                .unwrap_or_default();
        }
        exported_names(self.semantic, export)
            .into_iter()
            .map(|(name, value)| (Some(name), value))
            .collect()
    }

    /// The export of another module of the project that `value` names, with the import's specifier:
    /// `ctrl.index` with `ctrl = require('./ctrl')`, an imported `index`, `require('./ctrl').index`, a
    /// default import (the export `None`: the module's own value). Only relative specifiers: packages
    /// are not the project's code.
    fn project_export(&self, value: Node<'t>) -> Option<(&'t str, Option<&'t str>)> {
        let value = unwrap_expression(value);
        let (specifier, member) = match value.kind() {
            "identifier" | "shorthand_property_identifier" => {
                let binding = self
                    .semantic
                    .binding(self.semantic.resolve_identifier(value)?);
                if binding.reassigned {
                    return None;
                }
                project_calls::binding_export(self.semantic, binding)?
            }
            "member_expression" => {
                let (object, property) = (value.field("object")?, value.field("property")?);
                match self.project_export(object)? {
                    (specifier, None) => (specifier, Some(self.semantic.text(property))),
                    _ => return None,
                }
            }
            "call_expression" => (qualified::required_specifier(self.semantic, value)?, None),
            _ => return None,
        };
        self.semantic
            .names_project_module(specifier)
            .then_some((specifier, member))
    }

    fn route_registration(&mut self, call: Node<'t>) {
        let Some(callee) = self.semantic.callee(call) else {
            return;
        };
        let Some(arguments) = call.field("arguments") else {
            return;
        };
        let method = match callee.kind() {
            "member_expression" => callee.field("property").map(|p| self.semantic.text(p)),
            "identifier" => Some(self.semantic.text(callee)),
            _ => None,
        }
        .unwrap_or("");
        let receiver = callee.field("object");
        let receiver_name = receiver.and_then(|r| self.semantic.qualified_name(r));
        let args: Vec<Node<'t>> = {
            let mut cursor = arguments.walk();
            arguments
                .named_children(&mut cursor)
                .filter(|n| n.kind() != "comment")
                .collect()
        };
        let callee_name = self.semantic.qualified_name(callee);
        match web::js_registration(method) {
            Some(JsRegistration::Listen) => {
                for arg in &args {
                    if let Some(function) = self.function_value(*arg) {
                        self.startup_roots.push(function);
                    }
                }
            }
            Some(JsRegistration::ServerFactory) => {
                let is_http = callee_name
                    .as_ref()
                    .is_some_and(|n| n.is_any(node_http::SERVER_FACTORIES));
                if is_http {
                    self.mark_handler_arguments(&args, node_http::FRAMEWORK, call);
                }
            }
            Some(JsRegistration::ServerEvent) => {
                // `server.on('request', fn)` on an http server.
                let is_request = args.first().and_then(|a| string_value(self.semantic, *a))
                    == Some(node_http::REQUEST_EVENT);
                let on_server = receiver_name.as_ref().is_some_and(|n| {
                    node_http::REQUEST_EVENT_SERVERS
                        .iter()
                        .any(|server| n.starts_with(server))
                });
                if is_request && on_server {
                    self.mark_handler_arguments(&args[1..], node_http::FRAMEWORK, call);
                }
            }
            Some(JsRegistration::Hook) => {
                let per_request = args
                    .first()
                    .and_then(|a| string_value(self.semantic, *a))
                    .is_some_and(|h| fastify::REQUEST_HOOKS.contains(&h));
                if per_request {
                    self.mark_handler_arguments(&args[1..], fastify::APP.framework, call);
                }
            }
            Some(JsRegistration::RouteObjects) if args.len() == 1 => {
                // Fastify `route({ method, url, handler })` and Hapi `server.route({ method, path, handler })`.
                let on_fastify = receiver_name.as_ref().is_some_and(|n| {
                    fastify::APP
                        .modules
                        .iter()
                        .any(|module| n.starts_with(module))
                });
                let framework = if on_fastify {
                    fastify::APP.framework
                } else {
                    hapi::FRAMEWORK
                };
                self.route_objects(args[0], framework, call);
            }
            Some(JsRegistration::RouteMethod) => {
                let framework = app_framework(receiver_name.as_ref());
                let has_path = args
                    .first()
                    .is_some_and(|a| is_route_path(self.semantic, *a));
                // A receiver we know to be something else (`http.get`, `axios.get`, `msw.rest.get`) is not a
                // router. What a module of the project makes (`express('admin')` from Ghost's own
                // `shared/express`) is not known.
                let known_other = framework.is_none()
                    && receiver_name
                        .as_ref()
                        .is_some_and(|n| !self.semantic.names_project_module(n.as_str()));
                let receiver_is_route_chain =
                    receiver.is_some_and(|r| is_route_chain(self.semantic, r));
                let registers = match (framework, has_path) {
                    (Some(_), _) => true,
                    (None, true) => !known_other,
                    (None, false) => receiver_is_route_chain,
                };
                // Middleware without a path registers only on a known app (`i18next.use(plugin)` does not).
                let middleware_elsewhere =
                    web::is_middleware_method(method) && framework.is_none() && !has_path;
                if registers && !middleware_elsewhere {
                    let start = usize::from(has_path);
                    self.mark_handler_arguments(
                        &args[start..],
                        framework.unwrap_or(web::ANY_ROUTER),
                        call,
                    );
                }
            }
            _ => {}
        }
    }

    fn route_objects(&mut self, object: Node<'t>, framework: &'static str, call: Node<'t>) {
        match object.kind() {
            "array" => {
                let mut cursor = object.walk();
                let elements: Vec<_> = object.named_children(&mut cursor).collect();
                for element in elements {
                    self.route_objects(element, framework, call);
                }
            }
            "object" => {
                let pairs = object_pairs(self.semantic, object);
                let kind_of = |key: &str| web::route_object_key(key);
                let is_route = pairs
                    .iter()
                    .any(|(k, _)| kind_of(k) == Some(RouteObjectKey::Route))
                    && pairs.iter().any(|(k, _)| {
                        matches!(
                            kind_of(k),
                            Some(RouteObjectKey::Handler | RouteObjectKey::Options)
                        )
                    });
                if !is_route {
                    return;
                }
                for (key, value) in pairs {
                    match kind_of(key) {
                        Some(RouteObjectKey::Handler | RouteObjectKey::Hook) => {
                            self.mark_handler_arguments(&[value], framework, call)
                        }
                        Some(RouteObjectKey::Options) if value.kind() == "object" => {
                            for (inner_key, inner) in object_pairs(self.semantic, value) {
                                if web::is_route_options_handler_key(inner_key) {
                                    self.mark_handler_arguments(&[inner], framework, call);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// Marks the functions among `values` (inline, named, or arrays of them) as handlers.
    fn mark_handler_arguments(
        &mut self,
        values: &[Node<'t>],
        framework: &'static str,
        registration: Node<'t>,
    ) {
        for &value in values {
            if value.kind() == "array" {
                let mut cursor = value.walk();
                let elements: Vec<_> = value.named_children(&mut cursor).collect();
                self.mark_handler_arguments(&elements, framework, registration);
                continue;
            }
            if let Some(function) = self.function_value(value) {
                let f = self.semantic.function_mut(function);
                if f.handler.is_none() {
                    f.handler = Some(HandlerOrigin::Registered {
                        framework,
                        registration: Span::from(registration),
                        elsewhere: None,
                    });
                }
            } else if let Some((specifier, member)) = self.project_export(value) {
                // A function of another module: the project graph tells that module.
                self.semantic.outgoing_handlers.push(OutgoingHandler {
                    specifier: specifier.to_string(),
                    member: member.map(str::to_string),
                    framework: framework.to_string(),
                    line: registration.start_position().row as u32 + 1,
                    span: Span::from(registration),
                });
            } else if value.kind() == "call_expression" {
                // A wrapped handler: `asyncHandler(async (req, res) => ...)`, `withAuth(handler)`.
                if let Some(arguments) = value.field("arguments") {
                    let mut cursor = arguments.walk();
                    let inner: Vec<_> = arguments.named_children(&mut cursor).collect();
                    self.mark_handler_arguments(&inner, framework, registration);
                }
            }
        }
    }

    /// The function a value is: an inline function, or a name bound to one.
    fn function_value(&self, value: Node<'t>) -> Option<FunctionId> {
        let value = unwrap_expression(value);
        if syntax::is_function_kind(value.kind()) {
            return self.semantic.function_of_node(value);
        }
        if matches!(value.kind(), "identifier" | "shorthand_property_identifier") {
            let binding = self.semantic.resolve_identifier(value)?;
            return self.semantic.function_of_binding(binding);
        }
        None
    }

    /// Lambda `exports.handler`, Next.js `pages/api` default exports and app-router `GET`/`POST` exports.
    fn exported_handler(&mut self, export: Node<'t>) {
        let path = self.semantic.path().to_string_lossy().replace('\\', "/");
        let module = ModuleFile {
            path: &path,
            stem: self
                .semantic
                .path()
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or(""),
        };
        let next_pages_api = module.is_next_pages_api();
        if export.kind() == "assignment_expression" {
            let (Some(left), Some(right)) = (export.field("left"), export.field("right")) else {
                return;
            };
            let target = self.semantic.text(left);
            // `exports.handler`, `module.exports.handler`.
            let exports_member = target.strip_prefix("module.").unwrap_or(target);
            if exports_member.strip_prefix("exports.") == Some(aws_lambda::HANDLER_EXPORT) {
                self.mark_handler_arguments(&[right], aws_lambda::FRAMEWORK, export);
            } else if target == "module.exports" {
                if next_pages_api {
                    self.mark_handler_arguments(&[right], nextjs::FRAMEWORK, export);
                } else if right.kind() == "object" {
                    for (key, value) in object_pairs(self.semantic, right) {
                        if key == aws_lambda::HANDLER_EXPORT {
                            self.mark_handler_arguments(&[value], aws_lambda::FRAMEWORK, export);
                        }
                    }
                }
            }
            return;
        }
        let is_default = has_token(export, &self.syntax.kinds, Kind::Default);
        if is_default {
            if next_pages_api {
                let value = export
                    .field("value")
                    .or_else(|| export.field("declaration"));
                if let Some(value) = value {
                    self.mark_handler_arguments(&[value], nextjs::FRAMEWORK, export);
                }
            }
            return;
        }
        // `export function handler`, `export const GET = ...`, `export { handler }`.
        let handlers: Vec<(&'static str, Node<'t>)> = exported_names(self.semantic, export)
            .into_iter()
            .filter_map(|(name, value)| Some((web::named_export_framework(name, &module)?, value)))
            .collect();
        for (framework, value) in handlers {
            self.mark_handler_arguments(&[value], framework, export);
        }
    }
}

/// The names an `export` statement exports, each with the node that holds its value.
fn exported_names<'t>(semantic: &Semantic<'t>, export: Node<'t>) -> Vec<(&'t str, Node<'t>)> {
    let mut names = Vec::new();
    if let Some(declaration) = export.field("declaration") {
        if syntax::is_function_kind(declaration.kind()) {
            if let Some(name) = declaration.field("name") {
                names.push((semantic.text(name), declaration));
            }
        } else if matches!(
            declaration.kind(),
            "lexical_declaration" | "variable_declaration"
        ) {
            let mut cursor = declaration.walk();
            for declarator in declaration.named_children(&mut cursor) {
                if let (Some(name), Some(value)) =
                    (declarator.field("name"), declarator.field("value"))
                {
                    names.push((semantic.text(name), value));
                }
            }
        }
    } else if let Some(clause) = named_child_of_kind(export, "export_clause") {
        let mut cursor = clause.walk();
        for specifier in clause.named_children(&mut cursor) {
            let Some(local) = specifier.field("name") else {
                continue;
            };
            let exported = specifier.field("alias").unwrap_or(local);
            names.push((semantic.text(exported), local));
        }
    }
    names
}

/// The framework of a receiver known to be an app or router.
fn app_framework(name: Option<&QualifiedName>) -> Option<&'static str> {
    let base = name?.as_str();
    let framework = web::js_app_framework(base)?;
    // The app or router object itself (`express()`, `express.Router()`, `new Koa()`), not a module function.
    base.contains("()").then_some(framework)
}

/// `router.route('/users').get(fn)`: the receiver is a route chain on a path.
fn is_route_chain(semantic: &Semantic<'_>, receiver: Node<'_>) -> bool {
    if receiver.kind() != "call_expression" {
        return false;
    }
    let Some(callee) = receiver.field("function") else {
        return false;
    };
    let Some(property) = callee.field("property") else {
        return false;
    };
    let method = semantic.text(property);
    let first = receiver.field("arguments").and_then(|a| a.named_child(0));
    (method == express::ROUTE_CHAIN && first.is_some_and(|a| is_route_path(semantic, a)))
        || (web::is_route_method(method)
            && callee
                .field("object")
                .is_some_and(|o| is_route_chain(semantic, o)))
}

/// A route path argument: a string or template starting with `/` or `*`, a regex, or an array of those.
fn is_route_path(semantic: &Semantic<'_>, node: Node<'_>) -> bool {
    match node.kind() {
        "string" | "template_string" => {
            let text = semantic.text(node);
            let inner = text.get(1..).unwrap_or("");
            inner.starts_with(web::ROUTE_PATH_STARTS)
        }
        "regex" => true,
        "array" => {
            let mut cursor = node.walk();
            let mut elements = node.named_children(&mut cursor).peekable();
            elements.peek().is_some() && elements.all(|e| is_route_path(semantic, e))
        }
        _ => false,
    }
}

fn is_lodash(semantic: &Semantic<'_>, object: Node<'_>) -> bool {
    match semantic.qualified_name(object) {
        Some(name) => name.is_any(lodash::MODULES),
        None => {
            semantic.text(object) == lodash::GLOBAL && semantic.resolve_identifier(object).is_none()
        }
    }
}

fn is_lodash_iteration(method: &str) -> bool {
    lodash::ITERATION_METHODS.contains(&method)
}

fn argument_position(arguments: Node<'_>, argument: Node<'_>) -> Option<usize> {
    let mut cursor = arguments.walk();
    let position = arguments
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .position(|a| {
            a.start_byte() <= argument.start_byte() && argument.end_byte() <= a.end_byte()
        });
    position
}

/// Strips parentheses and TypeScript assertions.
pub(crate) fn unwrap_expression(mut node: Node<'_>) -> Node<'_> {
    while matches!(
        node.kind(),
        "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
    ) {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

fn named_child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    let found = node.named_children(&mut cursor).find(|c| c.kind() == kind);
    found
}

/// `key: value` pairs of an object literal (shorthand properties pair a name with itself).
pub(crate) fn object_pairs<'t>(
    semantic: &Semantic<'t>,
    object: Node<'t>,
) -> Vec<(&'t str, Node<'t>)> {
    let mut pairs = Vec::new();
    let mut cursor = object.walk();
    for property in object.named_children(&mut cursor) {
        match property.kind() {
            "pair" => {
                if let (Some(key), Some(value)) = (property.field("key"), property.field("value")) {
                    pairs.push((semantic.text(key).trim_matches(['"', '\'']), value));
                }
            }
            "shorthand_property_identifier" => pairs.push((semantic.text(property), property)),
            "method_definition" => {
                if let Some(name) = property.field("name") {
                    pairs.push((semantic.text(name), property));
                }
            }
            _ => {}
        }
    }
    pairs
}

/// The decorators on a method: inside it (JavaScript) or just before it in the class body (TypeScript).
fn method_decorators(method: Node<'_>) -> Vec<Node<'_>> {
    let mut decorators = Vec::new();
    let mut cursor = method.walk();
    decorators.extend(
        method
            .children(&mut cursor)
            .filter(|c| c.kind() == "decorator"),
    );
    let mut previous = method.prev_named_sibling();
    while let Some(sibling) = previous {
        if sibling.kind() != "decorator" {
            break;
        }
        decorators.push(sibling);
        previous = sibling.prev_named_sibling();
    }
    decorators
}

/// `@Get()` → `Get`, `@nest.Get()` → `Get`.
fn decorator_name<'t>(semantic: &Semantic<'t>, decorator: Node<'_>) -> &'t str {
    let Some(expression) = decorator.named_child(0) else {
        return "";
    };
    let target = if expression.kind() == "call_expression" {
        expression.field("function").unwrap_or(expression)
    } else {
        expression
    };
    let text = semantic.text(target);
    text.rsplit('.').next().unwrap_or(text)
}
