//! What a JavaScript file does with the exports of other modules of the project (relative imports):
//! which export a binding stands for, and every use of those bindings with what runs it here. The
//! project graph merges these uses to tell which exports run only at start-up.

use super::qualified::{self, string_value};
use super::{
    Binding, BindingKind, CallContext, FunctionId, LoopKind, OutgoingCall, ScopeId, Semantic,
};
use crate::diagnostic::Span;
use crate::fields::NodeFields;
use crate::semantic::js::unwrap_expression;
use rustc_hash::FxHashMap;
use tree_sitter::Node;

/// What an imported or required binding stands for: the specifier and the export (`None`: the module's
/// own value, or the module object).
pub(super) fn binding_export<'t>(
    semantic: &Semantic<'t>,
    binding: &Binding<'t>,
) -> Option<(&'t str, Option<&'t str>)> {
    if matches!(binding.kind, BindingKind::Import(_)) {
        let holder = binding.declaration.parent()?;
        let statement = std::iter::successors(Some(holder), |n| n.parent())
            .find(|n| n.kind() == "import_statement")?;
        let specifier = string_value(semantic, statement.field("source")?)?;
        let member = match holder.kind() {
            "import_specifier" => {
                let imported = semantic.text(holder.field("name")?);
                (imported != "default").then_some(imported)
            }
            // A default import is the module's own value; a namespace import the module object.
            _ => None,
        };
        return Some((specifier, member));
    }
    let mut value = unwrap_expression(binding.value?);
    // `await import('./x')`: the module object, as `require` gives it.
    if value.kind() == "await_expression" {
        let awaited = value.named_child(0).map(unwrap_expression);
        value = awaited.filter(|a| {
            a.kind() == "call_expression"
                && a.field("function").is_some_and(|f| f.kind() == "import")
        })?;
    }
    let (specifier, taken) = match value.kind() {
        // `require('./x')`, `import('./x')`, or compiled: `__importStar(require('./x'))`.
        "call_expression" => (
            qualified::required_specifier(semantic, value)
                .or_else(|| qualified::interop_required_specifier(semantic, value))?,
            None,
        ),
        // `const index = require('./ctrl').index`.
        "member_expression" => {
            let object = unwrap_expression(value.field("object")?);
            let specifier = qualified::required_specifier(semantic, object)?;
            (specifier, Some(semantic.text(value.field("property")?)))
        }
        _ => return None,
    };
    match (taken, binding.destructured.as_deref()) {
        (None, None) => Some((specifier, None)),
        (None, Some(&[member])) | (Some(member), None) => Some((specifier, Some(member))),
        _ => None,
    }
}

/// Every use of a binding of an import of a module of the project (a relative one, or one the module
/// map names; at module level, or a `require` or `await import(...)` in a function that loads it
/// lazily): calls (`boot()`, `config.load()`) with what runs them here, and other uses (handed over,
/// stored, exported again), which could run it anywhere; and the modules whose exports this one exports again (`export * from './x'`,
/// `export { load } from './x'`, and their compiled forms). `exported` names this file's own exported
/// functions (a call in one of them is start-up code when that export is).
pub(super) fn outgoing_calls(
    semantic: &Semantic<'_>,
    exported: &FxHashMap<FunctionId, Option<&str>>,
) -> Vec<OutgoingCall> {
    let mut uses = reexports(semantic);
    for (id, binding) in semantic.bindings() {
        if binding.reassigned {
            continue;
        }
        let Some((specifier, member)) = binding_export(semantic, binding) else {
            continue;
        };
        if !semantic.names_project_module(specifier) {
            continue;
        }
        for reference in semantic.all_references(id) {
            if reference.start_byte() == binding.declaration.start_byte() {
                continue;
            }
            let (used, whole_module, context, call) = use_of(semantic, reference, member, exported);
            let at = call.unwrap_or(reference);
            // Start-up code runs once, loops and all: its queries are not per request.
            let in_loop = context != CallContext::StartUp
                && call
                    .is_some_and(|c| may_be_a_query(semantic, c) && runs_per_element(semantic, c));
            uses.push(OutgoingCall {
                specifier: specifier.to_string(),
                member: used.map(str::to_string),
                whole_module,
                context,
                line: at.start_position().row as u32 + 1,
                span: Span::from(at),
                in_loop,
            });
        }
    }
    uses.extend(member_calls(semantic, exported));
    uses.sort_by_key(|u| u.line);
    uses.dedup();
    uses
}

/// Calls of the methods of classes and instances another module of the project exports: a class
/// injected by its type (NestJS, typedi: `constructor(private readonly orders: OrdersService)` or a
/// field `orders: OrdersService`, then `this.orders.findAll()`), and an exported instance
/// (`import { ordersService } from './orders'`, then `ordersService.findAll()`). Each is a use of the
/// export `OrdersService.findAll` (`ordersService.findAll`), which that module answers for with the
/// method ([`class_member`]).
fn member_calls(
    semantic: &Semantic<'_>,
    exported: &FxHashMap<FunctionId, Option<&str>>,
) -> Vec<OutgoingCall> {
    // The imports of a named export of a module of the project, by local name.
    let mut imported: FxHashMap<&str, (&str, &str)> = FxHashMap::default();
    for (_, binding) in semantic.bindings() {
        if binding.scope != ScopeId(0)
            || binding.reassigned
            || !matches!(binding.kind, BindingKind::Import(_))
        {
            continue;
        }
        if let Some((specifier, Some(member))) = binding_export(semantic, binding) {
            if semantic.names_project_module(specifier) {
                imported.insert(binding.name, (specifier, member));
            }
        }
    }
    if imported.is_empty() {
        return Vec::new();
    }
    let injected = injected_fields(semantic, &imported);
    let mut uses = Vec::new();
    for call in semantic.calls_in(Span::from(semantic.root())) {
        let Some(callee) = semantic.callee(call).map(unwrap_expression) else {
            continue;
        };
        if callee.kind() != "member_expression" {
            continue;
        }
        let (Some(object), Some(method)) = (callee.field("object"), callee.field("property"))
        else {
            continue;
        };
        let object = unwrap_expression(object);
        let export = match object.kind() {
            // `ordersService.findAll()`: an imported instance (or a class's static method).
            "identifier" => semantic
                .resolve_identifier(object)
                .map(|id| semantic.binding(id))
                .filter(|b| b.scope == ScopeId(0))
                .and_then(|b| imported.get(b.name)),
            // `this.orders.findAll()`: a field the class's constructor or body types as an import.
            "member_expression" => this_field(semantic, object).and_then(|(class, field)| {
                injected
                    .iter()
                    .find(|(c, f, _)| c.id() == class.id() && *f == field)
                    .map(|(_, _, export)| export)
            }),
            _ => None,
        };
        let Some(&(specifier, owner)) = export else {
            continue;
        };
        let context = call_context(semantic, call, exported);
        let in_loop = context != CallContext::StartUp
            && may_be_a_query(semantic, call)
            && runs_per_element(semantic, call);
        uses.push(OutgoingCall {
            specifier: specifier.to_string(),
            member: Some(format!("{owner}.{}", semantic.text(method))),
            whole_module: false,
            context,
            line: call.start_position().row as u32 + 1,
            span: Span::from(call),
            in_loop,
        });
    }
    uses
}

/// The fields of the file's classes typed as an import of `imported` (a TypeScript parameter
/// property, `constructor(private readonly orders: OrdersService)`, or a field, `orders:
/// OrdersService`): the class, the field's name, and the import's specifier and export.
fn injected_fields<'t, 'i>(
    semantic: &Semantic<'t>,
    imported: &FxHashMap<&str, (&'i str, &'i str)>,
) -> Vec<(Node<'t>, &'t str, (&'i str, &'i str))> {
    let mut fields = Vec::new();
    // The classes with methods, read member by member (not the whole file).
    let mut classes: Vec<Node<'t>> = semantic.functions().filter_map(|(_, f)| f.class).collect();
    classes.sort_by_key(|c| c.id());
    classes.dedup_by_key(|c| c.id());
    let mut typed_as = |class: Node<'t>, name: Option<Node<'t>>, annotation: Option<Node<'t>>| {
        let typed = annotation
            .and_then(|a| a.named_child(0))
            .filter(|t| t.kind() == "type_identifier");
        if let (Some(name), Some(export)) =
            (name, typed.and_then(|t| imported.get(semantic.text(t))))
        {
            fields.push((class, semantic.text(name), *export));
        }
    };
    for class in classes {
        let Some(body) = class.field("body") else {
            continue;
        };
        let mut cursor = body.walk();
        for member in body.named_children(&mut cursor) {
            match member.kind() {
                "public_field_definition" | "field_definition" => typed_as(
                    class,
                    member.field("name").or_else(|| member.field("property")),
                    member.field("type"),
                ),
                "method_definition"
                    if member
                        .field("name")
                        .is_some_and(|n| semantic.text(n) == "constructor") =>
                {
                    let Some(parameters) = member.field("parameters") else {
                        continue;
                    };
                    let mut inner = parameters.walk();
                    for parameter in parameters.named_children(&mut inner) {
                        let mut modifiers = parameter.walk();
                        let is_property = parameter
                            .children(&mut modifiers)
                            .any(|c| matches!(c.kind(), "accessibility_modifier" | "readonly"));
                        if is_property {
                            typed_as(class, parameter.field("pattern"), parameter.field("type"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    fields
}

/// `this.orders` inside a method: the class and `orders`.
fn this_field<'t>(semantic: &Semantic<'t>, member: Node<'t>) -> Option<(Node<'t>, &'t str)> {
    let (object, property) = (member.field("object")?, member.field("property")?);
    if object.kind() != "this" {
        return None;
    }
    let class = semantic
        .enclosing_functions(member)
        .find_map(|f| semantic.function(f).class)?;
    Some((class, semantic.text(property)))
}

/// The method `method` of `owner`: a class this module declares at its top level, or a module-level
/// instance of one (`export const ordersService = new OrdersService()`).
pub(super) fn class_member(
    semantic: &Semantic<'_>,
    owner: &str,
    method: &str,
) -> Option<FunctionId> {
    let binding = semantic.binding(*semantic.names.get(&(ScopeId(0), owner))?);
    let class = match binding.kind {
        BindingKind::Class => binding.declaration.parent()?,
        BindingKind::Variable if !binding.reassigned => {
            let value = unwrap_expression(binding.value?);
            let constructor = (value.kind() == "new_expression")
                .then(|| value.field("constructor"))
                .flatten()
                .filter(|c| c.kind() == "identifier")?;
            let class = semantic.binding(semantic.resolve_identifier(constructor)?);
            (class.kind == BindingKind::Class)
                .then(|| class.declaration.parent())
                .flatten()?
        }
        _ => return None,
    };
    semantic.functions().find_map(|(id, function)| {
        (function.name == Some(method)
            && function.class.is_some_and(|c| c.id() == class.id())
            && function.node.kind() == "method_definition")
            .then_some(id)
    })
}

/// The exports of other modules this one exports again: `export * from './x'` (every one of them),
/// `export { load, init as boot } from './x'` (each as a use in the body of this module's export of
/// that name), `export * as x from './x'` (the module object). Compiled TypeScript's
/// `__exportStar(require('./x'), exports)` is the first.
fn reexports(semantic: &Semantic<'_>) -> Vec<OutgoingCall> {
    let mut uses = Vec::new();
    let mut cursor = semantic.root().walk();
    for statement in semantic.root().named_children(&mut cursor) {
        let line = statement.start_position().row as u32 + 1;
        let mut add = |specifier: &str, member: Option<&str>, whole_module, context| {
            if semantic.names_project_module(specifier) {
                uses.push(OutgoingCall {
                    specifier: specifier.to_string(),
                    member: member.map(str::to_string),
                    whole_module,
                    context,
                    line,
                    span: Span::from(statement),
                    in_loop: false,
                });
            }
        };
        if statement.kind() == "expression_statement" {
            // `__exportStar(require("./x"), exports)`, `tslib_1.__exportStar(...)`.
            let specifier = statement
                .named_child(0)
                .map(unwrap_expression)
                .and_then(|call| qualified::export_star_specifier(semantic, call));
            if let Some(specifier) = specifier {
                add(specifier, None, false, CallContext::ReExported);
            }
            continue;
        }
        if statement.kind() != "export_statement" {
            continue;
        }
        let Some(specifier) = statement
            .field("source")
            .and_then(|source| string_value(semantic, source))
        else {
            continue;
        };
        let mut names = statement.walk();
        let clause = statement
            .named_children(&mut names)
            .find(|c| matches!(c.kind(), "export_clause" | "namespace_export"));
        match clause {
            None => add(specifier, None, false, CallContext::ReExported),
            Some(clause) if clause.kind() == "namespace_export" => {
                add(specifier, None, true, CallContext::Other)
            }
            Some(clause) => {
                let mut items = clause.walk();
                for item in clause.named_children(&mut items) {
                    let Some(name) = item.field("name").map(|n| semantic.text(n)) else {
                        continue;
                    };
                    let exported = item.field("alias").map_or(name, |a| semantic.text(a));
                    let member = (name != "default").then_some(name);
                    let as_member = (exported != "default").then(|| exported.to_string());
                    add(specifier, member, false, CallContext::Export(as_member));
                }
            }
        }
    }
    uses
}

/// How `reference` uses the export `member`: the export it reaches (`config.load` reaches `load` of the
/// module object; `.default` the module's own value), whether the module object itself escapes,
/// what runs the use (a call's context; anything else may run anywhere), and the call.
fn use_of<'t, 'm>(
    semantic: &Semantic<'t>,
    reference: Node<'t>,
    member: Option<&'m str>,
    exported: &FxHashMap<FunctionId, Option<&str>>,
) -> (Option<&'m str>, bool, CallContext, Option<Node<'t>>)
where
    't: 'm,
{
    let called = |callee: Node<'t>| {
        called_by(semantic, callee).map(|call| (call_context(semantic, call, exported), call))
    };
    if let Some((context, call)) = called(reference) {
        return (member, false, context, Some(call));
    }
    let property = semantic.parent(reference).filter(|parent| {
        member.is_none()
            && parent.kind() == "member_expression"
            && parent
                .field("object")
                .is_some_and(|o| o.id() == reference.id())
    });
    if let Some(access) = property {
        let name = access.field("property").map(|p| semantic.text(p));
        let name = name.filter(|n| *n != "default");
        if let Some((context, call)) = called(access) {
            return (name, false, context, Some(call));
        }
        // Compiled `export { load } from './x'`: a getter of `exports.load` that returns `x.load`.
        if let Some(as_member) = reexported_getter(semantic, access) {
            return (name, false, CallContext::Export(as_member), None);
        }
        return (name, name.is_none(), CallContext::Other, None);
    }
    // Handed over, stored or exported again: it may run anywhere.
    (member, member.is_none(), CallContext::Other, None)
}

/// The call that calls `callee`: `f(...)`, `(f)(...)`, and compiled code's `(0, m.f)(...)`.
fn called_by<'t>(semantic: &Semantic<'t>, callee: Node<'t>) -> Option<Node<'t>> {
    let mut current = callee;
    loop {
        let parent = semantic.parent(current)?;
        match parent.kind() {
            "parenthesized_expression" => current = parent,
            // `(0, m.f)`: the sequence's value is its last element.
            "sequence_expression"
                if parent
                    .named_child(parent.named_child_count().checked_sub(1)? as u32)?
                    .id()
                    == current.id() =>
            {
                current = parent
            }
            "call_expression" => {
                return parent
                    .field("function")
                    .is_some_and(|f| f.id() == current.id())
                    .then_some(parent)
            }
            _ => return None,
        }
    }
}

/// `Object.defineProperty(exports, "load", { enumerable: true, get: function () { return x.load; } })`,
/// what TypeScript emits for `export { load } from './x'`: the name exported (`None`: `default`).
fn reexported_getter<'t>(semantic: &Semantic<'t>, access: Node<'t>) -> Option<Option<String>> {
    let returned = semantic
        .parent(access)
        .filter(|r| r.kind() == "return_statement")?;
    let body = semantic
        .parent(returned)
        .filter(|b| b.kind() == "statement_block")?;
    let getter = semantic.parent(body)?;
    let pair = semantic.parent(getter).filter(|p| p.kind() == "pair")?;
    if pair.field("key").map(|k| semantic.text(k)) != Some("get") {
        return None;
    }
    let object = semantic.parent(pair).filter(|o| o.kind() == "object")?;
    let arguments = semantic
        .parent(object)
        .filter(|a| a.kind() == "arguments")?;
    let call = semantic
        .parent(arguments)
        .filter(|c| c.kind() == "call_expression")?;
    if call.field("function").map(|f| semantic.text(f)) != Some("Object.defineProperty")
        || semantic.argument(call, 0).map(|t| semantic.text(t)) != Some("exports")
    {
        return None;
    }
    let name = string_value(semantic, semantic.argument(call, 1)?)?;
    Some((name != "default").then(|| name.to_string()))
}

/// What runs `call` as far as this file tells: start-up code, the body of one of its exports (start-up
/// code when that export is), or anything else.
fn call_context(
    semantic: &Semantic<'_>,
    call: Node<'_>,
    exported: &FxHashMap<FunctionId, Option<&str>>,
) -> CallContext {
    let Some(function) = semantic.function_at(call) else {
        return CallContext::StartUp;
    };
    if semantic.is_handler_code(call) {
        return CallContext::Handler;
    }
    if semantic.runs_at_startup(function) {
        return CallContext::StartUp;
    }
    // In an export, or in the iteration and promise callbacks of one (they run when it runs).
    let mut current = function;
    loop {
        if let Some(member) = exported.get(&current) {
            return CallContext::Export(member.map(str::to_string));
        }
        let runs_with_parent =
            semantic.is_iteration_callback(current) || semantic.is_settlement_callback(current);
        match semantic.function(current).parent {
            Some(parent) if runs_with_parent => current = parent,
            _ => return CallContext::Other,
        }
    }
}

/// Python: the calls event-loop code or a loop makes of functions it imports (`from app.services import
/// build_report`, `from . import reports` then `reports.build()`), each with the module as written
/// (`app.services`, `.`) and the dotted name after it (`build_report`, `reports.build`): the project
/// graph resolves which part is a module of the project. Other calls tell the graph nothing yet.
pub(super) fn python_outgoing_calls(semantic: &Semantic<'_>) -> Vec<OutgoingCall> {
    python_calls(semantic, false)
}

/// Python: the calls of imported functions event-loop code or a loop makes, or (`every`) all of them.
fn python_calls(semantic: &Semantic<'_>, every: bool) -> Vec<OutgoingCall> {
    let mut uses = Vec::new();
    let has_loops = !semantic.loops.is_empty();
    if !every && !semantic.has_event_loop_code() && !has_loops {
        return uses;
    }
    for (id, binding) in semantic.bindings() {
        if binding.scope != ScopeId(0)
            || binding.reassigned
            || !matches!(binding.kind, BindingKind::Import(_))
        {
            continue;
        }
        // Read from the import statement only once a use needs it (a walk up the tree).
        let mut import = None;
        // What runs a use is asked before the use is resolved: most uses are in no loop and no
        // event-loop code. Module level runs once, at import: its loops are not per request.
        let in_function_loop = |node: Node<'_>| {
            has_loops && semantic.function_at(node).is_some() && semantic.loop_at(node).is_some()
        };
        let wanted = |node: Node<'_>| {
            every || semantic.event_loop_function(node).is_some() || in_function_loop(node)
        };
        let root = Span::from(semantic.root());
        for reference in semantic.references_where(id, root, wanted) {
            if reference.start_byte() == binding.declaration.start_byte() {
                continue;
            }
            let event_loop = semantic.event_loop_function(reference).is_some();
            let in_loop = in_function_loop(reference) && runs_per_element(semantic, reference);
            if !(event_loop || in_loop || every) {
                continue;
            }
            // `reports.build(...)`: the attributes read before the call.
            let mut attributes: Vec<&str> = Vec::new();
            let mut callee = reference;
            while let Some(parent) = semantic.parent(callee).filter(|p| {
                p.kind() == "attribute" && p.field("object").is_some_and(|o| o.id() == callee.id())
            }) {
                let Some(attribute) = parent.field("attribute") else {
                    break;
                };
                attributes.push(semantic.text(attribute));
                callee = parent;
            }
            let Some(call) = semantic.parent(callee).filter(|p| {
                p.kind() == "call" && p.field("function").is_some_and(|f| f.id() == callee.id())
            }) else {
                continue;
            };
            let Some((specifier, member)) = import
                .get_or_insert_with(|| python_import(semantic, binding))
                .clone()
            else {
                break;
            };
            let path: Vec<&str> = member.into_iter().chain(attributes).collect();
            if path.is_empty() {
                continue;
            }
            uses.push(OutgoingCall {
                specifier,
                member: Some(path.join(".")),
                whole_module: false,
                context: if event_loop {
                    CallContext::EventLoop
                } else {
                    CallContext::Other
                },
                line: call.start_position().row as u32 + 1,
                span: Span::from(call),
                in_loop,
            });
        }
    }
    uses.sort_by_key(|u| u.span.start);
    uses
}

/// The module an import binding comes from, as written (`app.services`, `.`, `..utils`), and the name
/// it takes from it (`from m import name`; `None` for `import m` and `import m as alias`).
fn python_import<'t>(
    semantic: &Semantic<'t>,
    binding: &Binding<'t>,
) -> Option<(String, Option<&'t str>)> {
    let statement = std::iter::successors(binding.declaration.parent(), |n| n.parent())
        .find(|n| matches!(n.kind(), "import_from_statement" | "import_statement"))?;
    if statement.kind() == "import_statement" {
        let name = std::iter::successors(binding.declaration.parent(), |n| n.parent())
            .take_while(|n| n.id() != statement.id())
            .find(|n| n.kind() == "aliased_import")
            .and_then(|aliased| aliased.field("name"))
            // `import a.b.c` binds `a`.
            .unwrap_or(binding.declaration);
        return Some((semantic.text(name).to_string(), None));
    }
    let module = semantic
        .text(statement.field("module_name")?)
        .replace(char::is_whitespace, "");
    let imported = std::iter::successors(binding.declaration.parent(), |n| n.parent())
        .take_while(|n| n.id() != statement.id())
        .find(|n| n.kind() == "aliased_import")
        .and_then(|aliased| aliased.field("name"))
        .unwrap_or(binding.declaration);
    Some((module, Some(semantic.text(imported))))
}

/// What the function this module exports as `member` hands on to other modules of the project on every
/// call: the calls of their exports it makes directly in its body, outside its loops and conditions, in
/// order (`getUser(id) { return repo.findUser(id) }`); or, when this module only exports again what it
/// takes from another (`export { findUser } from './users'`, a package's `from .users import
/// find_user`), that export. Each as the specifier and export the project graph resolves (as in
/// [`OutgoingCall`]), with the call's or statement's span.
pub(super) fn handed_on(
    semantic: &Semantic<'_>,
    member: Option<&str>,
) -> Vec<(String, Option<String>, Span)> {
    let Some(function) = semantic.exported_function(member) else {
        return exported_again(semantic, member);
    };
    if semantic.is_memoised(function) {
        return Vec::new();
    }
    let every_call = crate::models::per_call::EveryCall::of(semantic, function);
    let region = Span::from(semantic.function(function).node);
    let calls = match semantic.language().family() {
        crate::language::LanguageFamily::JavaScript => semantic.outgoing_calls(),
        crate::language::LanguageFamily::Python => semantic
            .every_imported_call
            .get_or_init(|| python_calls(semantic, true)),
    };
    calls
        .iter()
        .filter(|call| region.contains(call.span))
        .filter_map(|call| {
            let node = semantic
                .root()
                .descendant_for_byte_range(call.span.start, call.span.end)?;
            let runs_every_time =
                matches!(node.kind(), "call" | "call_expression") && every_call.runs(node);
            runs_every_time.then(|| (call.specifier.clone(), call.member.clone(), call.span))
        })
        .collect()
}

/// The exports of other modules that this module may export again as `member`, when it defines no
/// function of that name: JavaScript's `export { a as member } from './x'`, else the modules it exports
/// everything of (`export * from './x'`); Python's `from .x import member` (a package's `__init__.py`).
fn exported_again(
    semantic: &Semantic<'_>,
    member: Option<&str>,
) -> Vec<(String, Option<String>, Span)> {
    match semantic.language().family() {
        crate::language::LanguageFamily::JavaScript => {
            let wanted = CallContext::Export(member.map(str::to_string));
            let named = semantic.outgoing_calls().iter().find(|call| {
                call.context == wanted
                    && semantic
                        .root()
                        .descendant_for_byte_range(call.span.start, call.span.end)
                        .is_some_and(|statement| statement.kind() == "export_statement")
            });
            if let Some(call) = named {
                return vec![(call.specifier.clone(), call.member.clone(), call.span)];
            }
            semantic
                .outgoing_calls()
                .iter()
                .filter(|call| call.context == CallContext::ReExported)
                .map(|call| {
                    (
                        call.specifier.clone(),
                        member.map(str::to_string),
                        call.span,
                    )
                })
                .collect()
        }
        crate::language::LanguageFamily::Python => python_exported_again(semantic, member)
            .into_iter()
            .collect(),
    }
}

/// Python: the function a module imports from another and so exports again as `member` (`from .x
/// import member`).
fn python_exported_again(
    semantic: &Semantic<'_>,
    member: Option<&str>,
) -> Option<(String, Option<String>, Span)> {
    let binding = semantic.names.get(&(ScopeId(0), member?))?;
    let binding = semantic.binding(*binding);
    if !matches!(binding.kind, BindingKind::Import(_)) || binding.reassigned {
        return None;
    }
    let (module, name) = python_import(semantic, binding)?;
    let statement = std::iter::successors(binding.declaration.parent(), |n| n.parent())
        .find(|n| n.kind() == "import_from_statement")?;
    Some((module, Some(name?.to_string()), Span::from(statement)))
}

/// Whether `call` runs once per element of a collection that is not written out in the code: in a
/// `for`-of/in loop, a comprehension or an iteration callback whose collection is no literal (`[a, b]`,
/// `('x', 'y')`, `range(3)`), and does not end that loop (returned, raised, before a `break`). What
/// another module's function runs there may run per row; what runs in a `while` loop, over a fixed
/// list or once per pass is not asked about.
fn runs_per_element(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    semantic.loops_around(call).any(|id| {
        let each = semantic.loop_(id);
        matches!(
            each.kind,
            LoopKind::ForOf | LoopKind::ForIn | LoopKind::Callback | LoopKind::Comprehension
        ) && !each
            .iterable
            .is_some_and(|iterable| is_written_out(semantic, iterable))
            // `raise NotFound(...)`, `return load(x)`: once per pass over the collection.
            && !semantic.ends_loop(call, id)
    })
}

/// A collection written out in the code: a literal list, tuple, set, array, object or string, or
/// `range(...)` of numbers.
fn is_written_out(semantic: &Semantic<'_>, iterable: Node<'_>) -> bool {
    let iterable = unwrap_expression(iterable);
    match iterable.kind() {
        "list" | "tuple" | "set" | "dictionary" | "array" | "object" | "string"
        | "template_string" => true,
        "call" => {
            semantic
                .callee(iterable)
                .is_some_and(|c| semantic.text(c) == "range")
                && semantic
                    .arguments(iterable)
                    .iter()
                    .all(|a| matches!(a.kind(), "integer" | "unary_operator"))
        }
        _ => false,
    }
}

/// JavaScript: whether a call's value is handled as a query's is: a query in Node is asynchronous,
/// so its call is awaited, returned (a `map` callback's promise), collected (an argument: `push`,
/// `Promise.all`), chained (`.then`), or left to run (a statement of its own). A call whose value is
/// tested, computed with or bound without `await` (`if (isDeleted(m))`, `const key = format(k)`)
/// is a synchronous helper's.
fn may_be_a_query(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    use super::ValueStep;
    semantic.is_awaited(call)
        || match semantic.value_step(call) {
            ValueStep::Returned { .. }
            | ValueStep::Yielded { .. }
            | ValueStep::Argument { .. }
            | ValueStep::Embedded { .. }
            | ValueStep::Discarded { .. } => true,
            ValueStep::Receiver { property, .. } => {
                matches!(property, "then" | "catch" | "finally")
            }
            _ => false,
        }
}

/// Where the module-level name `name` is imported from, as a path below the project without extension
/// (`billing/models` for `from billing.models import Order`, `src/models/order` for `import { Order }
/// from '../models/order'` in `src/routes/a.ts`): the module a model of that name is declared in, or
/// a package above it. `None` for names not imported, or from a package (`@prisma/client`).
pub(super) fn import_origin<'t>(
    semantic: &Semantic<'t>,
    name: &str,
) -> Option<(String, Option<&'t str>)> {
    let binding = semantic.binding(*semantic.names.get(&(ScopeId(0), name))?);
    if binding.reassigned {
        return None;
    }
    let folder = semantic.path().parent().unwrap_or(std::path::Path::new(""));
    match semantic.language().family() {
        crate::language::LanguageFamily::JavaScript => {
            let (specifier, member) = binding_export(semantic, binding)?;
            let joined = if specifier.starts_with('.') {
                crate::project::lexical(&folder.join(specifier))
            } else {
                // `@app/models/order`: where the module map leads, below the root.
                semantic.modules.candidate_below_root(folder, specifier)?
            };
            let text = joined.to_string_lossy().replace('\\', "/");
            let stem = match text.rsplit_once('.') {
                Some((stem, extension)) if !extension.contains('/') => stem.to_string(),
                _ => text,
            };
            Some((stem, member))
        }
        crate::language::LanguageFamily::Python => {
            if !matches!(binding.kind, BindingKind::Import(_)) {
                return None;
            }
            let (module, member) = python_import(semantic, binding)?;
            let dots = module.len() - module.trim_start_matches('.').len();
            let dotted = module.trim_start_matches('.').replace('.', "/");
            if dots == 0 {
                return Some((dotted, member));
            }
            let mut base = folder.to_path_buf();
            for _ in 1..dots {
                base = base.parent()?.to_path_buf();
            }
            let joined = base.join(dotted);
            let path = joined
                .to_string_lossy()
                .replace('\\', "/")
                .trim_end_matches('/')
                .to_string();
            Some((path, member))
        }
    }
}

/// Python: the function of another module that `value` names through an import (`get_db` with `from
/// app.deps import get_db`, `views.detail` with `from . import views`): the module as written and the
/// dotted name after it, as [`python_outgoing_calls`] records calls.
pub(super) fn python_imported_function(
    semantic: &Semantic<'_>,
    value: Node<'_>,
) -> Option<(String, String)> {
    let mut attributes = Vec::new();
    let mut root = value;
    while root.kind() == "attribute" {
        attributes.push(semantic.text(root.field("attribute")?));
        root = root.field("object")?;
    }
    if root.kind() != "identifier" {
        return None;
    }
    let binding = semantic.binding(semantic.resolve_identifier(root)?);
    if binding.scope != ScopeId(0)
        || binding.reassigned
        || !matches!(binding.kind, BindingKind::Import(_))
    {
        return None;
    }
    let (module, member) = python_import(semantic, binding)?;
    attributes.reverse();
    let path: Vec<&str> = member.into_iter().chain(attributes).collect();
    (!path.is_empty()).then(|| (module, path.join(".")))
}
