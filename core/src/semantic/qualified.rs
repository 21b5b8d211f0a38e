//! Qualified names: what an expression stands for, whatever it was imported or renamed as.

use super::{BindingKind, Semantic};
use crate::fields::NodeFields;
use tree_sitter::Node;

/// A dotted path from a module or global (`fs.readFileSync`, `time.sleep`); a call is written `()` after its
/// callee (`requests.Session().get`, `express().get`). `node:` prefixes are dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QualifiedName(String);

const MAX_DEPTH: u32 = 12;

impl QualifiedName {
    /// A name from its dotted text.
    pub fn new(name: impl Into<String>) -> QualifiedName {
        QualifiedName(name.into())
    }

    /// A module's name, normalised (`node:fs` is `fs`).
    pub fn module(specifier: &str) -> QualifiedName {
        QualifiedName(
            specifier
                .strip_prefix("node:")
                .unwrap_or(specifier)
                .to_string(),
        )
    }

    /// The dotted text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This name's member `name`.
    pub fn member(&self, name: &str) -> QualifiedName {
        QualifiedName(format!("{}.{name}", self.0))
    }

    /// The result of calling this name.
    pub fn called(&self) -> QualifiedName {
        QualifiedName(format!("{}()", self.0))
    }

    /// Whether the whole name is `name`.
    pub fn is(&self, name: &str) -> bool {
        self.0 == name
    }

    /// Whether the name is one of `names`.
    pub fn is_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.0 == *n)
    }

    /// Whether the name is `prefix` or a member or call of it (`fs.promises.readFile` starts with `fs.promises`).
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.0
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('('))
    }

    /// The last member (`readFileSync` of `fs.readFileSync`), without a trailing `()`.
    pub fn last(&self) -> &str {
        let trimmed = self.0.trim_end_matches("()");
        trimmed.rsplit('.').next().unwrap_or(trimmed)
    }

    /// Everything before the last member (`fs` of `fs.readFileSync`).
    pub fn parent(&self) -> Option<&str> {
        let trimmed = self.0.strip_suffix("()").unwrap_or(&self.0);
        trimmed.rfind('.').map(|i| &trimmed[..i])
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Globals the qualified names may start from when not shadowed.
const JS_GLOBALS: &[&str] = &[
    "Promise",
    "process",
    "Buffer",
    "Array",
    "Object",
    "JSON",
    "Math",
    "String",
    "Number",
    "Map",
    "Set",
    "WeakMap",
    "require",
    "module",
    "exports",
    "globalThis",
    "console",
    "setTimeout",
    "setInterval",
    "setImmediate",
    "fetch",
    "Date",
    "Symbol",
    "Reflect",
    "structuredClone",
];
const PY_BUILTINS: &[&str] = &[
    "open",
    "len",
    "list",
    "str",
    "dict",
    "set",
    "tuple",
    "print",
    "map",
    "sorted",
    "sum",
    "range",
    "int",
    "float",
    "bool",
    "isinstance",
    "repr",
    "iter",
    "next",
    "any",
    "all",
    "min",
    "max",
    "enumerate",
    "zip",
    "super",
    "type",
    "getattr",
    "setattr",
    "hasattr",
    "bytes",
    "frozenset",
    "reversed",
    "filter",
    "input",
];

/// Resolves an expression to the qualified name it stands for.
pub(super) fn resolve(
    semantic: &Semantic<'_>,
    node: Node<'_>,
    depth: u32,
) -> Option<QualifiedName> {
    if depth > MAX_DEPTH {
        return None;
    }
    let next = depth + 1;
    match node.kind() {
        "identifier" => resolve_identifier(semantic, node, next),
        "member_expression" => {
            let object = node.field("object")?;
            let property = node.field("property")?;
            // `p_limit_1.default` for `p_limit_1 = __importDefault(require("p-limit"))`: the module.
            if semantic.text(property) == "default" {
                if let Some(module) = interop_default(semantic, object, next) {
                    return Some(module);
                }
            }
            Some(resolve(semantic, object, next)?.member(semantic.text(property)))
        }
        "attribute" => {
            let object = node.field("object")?;
            let attribute = node.field("attribute")?;
            Some(resolve(semantic, object, next)?.member(semantic.text(attribute)))
        }
        "subscript_expression" => {
            let object = node.field("object")?;
            let index = node.field("index")?;
            let key = string_value(semantic, index)?;
            Some(resolve(semantic, object, next)?.member(key))
        }
        "call_expression" | "call" | "new_expression" => {
            if let Some(module) = required_module(semantic, node) {
                return Some(module);
            }
            // `__importStar(require("fs"))`: the module's namespace.
            if let Some((Interop::Star, module)) = interop_call(semantic, node) {
                return resolve(semantic, module, next);
            }
            let callee = semantic.callee(node)?;
            Some(resolve(semantic, callee, next)?.called())
        }
        // `(0, fs_1.readFileSync)(p)`: compiled code calls imports through the comma operator, whose
        // value is its last expression.
        "sequence_expression" => {
            let last = node.named_child(node.named_child_count().checked_sub(1)? as u32)?;
            resolve(semantic, last, next)
        }
        "parenthesized_expression"
        | "await_expression"
        | "await"
        | "as_expression"
        | "non_null_expression"
        | "satisfies_expression"
        | "type_assertion" => {
            let inner = node.named_child(node.named_child_count().saturating_sub(1) as u32)?;
            // `x as T`: the expression is the first child.
            let inner = if matches!(node.kind(), "as_expression" | "satisfies_expression") {
                node.named_child(0)?
            } else {
                inner
            };
            resolve(semantic, inner, next)
        }
        _ => None,
    }
}

fn resolve_identifier(
    semantic: &Semantic<'_>,
    node: Node<'_>,
    depth: u32,
) -> Option<QualifiedName> {
    let name = semantic.text(node);
    let Some(id) = semantic.lookup(name, node) else {
        let globals = match semantic.language().family() {
            crate::LanguageFamily::JavaScript => JS_GLOBALS,
            crate::LanguageFamily::Python => PY_BUILTINS,
        };
        return globals.contains(&name).then(|| QualifiedName::new(name));
    };
    let binding = semantic.binding(id);
    match &binding.kind {
        BindingKind::Import(name) => Some(name.clone()),
        BindingKind::Variable if !binding.reassigned => {
            let value = binding.value?;
            // A variable declared inside a loop with a value from the loop is still an alias of that value.
            let mut name = resolve(semantic, value, depth)?;
            for key in binding.destructured.iter().flatten() {
                name = name.member(key);
            }
            Some(name)
        }
        _ => None,
    }
}

/// The module-interop helpers TypeScript and Babel emit around `require` in compiled code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Interop {
    /// `__importDefault(m)` (`_interopRequireDefault`): an object whose `default` is the module.
    Default,
    /// `__importStar(m)` (`_interopRequireWildcard`): the module's namespace.
    Star,
    /// `__exportStar(m, exports)`: every export of `m` exported again (`export * from`).
    ExportStar,
}

/// `__importDefault(require("m"))`, `tslib_1.__importDefault(...)`, `(0, tslib_1.__importStar)(...)`:
/// which helper, and its argument.
fn interop_call<'t>(semantic: &Semantic<'t>, call: Node<'t>) -> Option<(Interop, Node<'t>)> {
    if semantic.language().family() != crate::LanguageFamily::JavaScript
        || call.kind() != "call_expression"
    {
        return None;
    }
    let callee = semantic.text(call.field("function")?);
    let callee = callee.trim_start_matches('(').trim_end_matches(')');
    let helper = callee.rsplit(['.', ' ', ',']).next()?;
    let kind = match helper {
        "__importDefault" | "_interopRequireDefault" => Interop::Default,
        "__importStar" | "_interopRequireWildcard" => Interop::Star,
        "__exportStar" => Interop::ExportStar,
        _ => return None,
    };
    Some((kind, semantic.argument(call, 0)?))
}

/// The specifier of `__importStar(require("./m"))` or `__importDefault(require("./m"))` (compiled
/// TypeScript and Babel), as written.
pub(crate) fn interop_required_specifier<'t>(
    semantic: &Semantic<'t>,
    call: Node<'t>,
) -> Option<&'t str> {
    match interop_call(semantic, call)? {
        (Interop::Default | Interop::Star, argument) => required_specifier(semantic, argument),
        (Interop::ExportStar, _) => None,
    }
}

/// The specifier of `__exportStar(require("./m"), exports)` (compiled `export * from './m'`).
pub(crate) fn export_star_specifier<'t>(
    semantic: &Semantic<'t>,
    call: Node<'t>,
) -> Option<&'t str> {
    match interop_call(semantic, call)? {
        (Interop::ExportStar, argument) => required_specifier(semantic, argument),
        _ => None,
    }
}

/// The module behind `x` in `x.default` when `x` is `__importDefault(require("m"))`, directly or
/// through a variable.
fn interop_default(semantic: &Semantic<'_>, object: Node<'_>, depth: u32) -> Option<QualifiedName> {
    let value = match object.kind() {
        "identifier" => {
            let binding = semantic.binding(semantic.resolve_identifier(object)?);
            if binding.reassigned {
                return None;
            }
            binding.value?
        }
        _ => object,
    };
    match interop_call(semantic, value)? {
        (Interop::Default, module) => resolve(semantic, module, depth),
        (Interop::Star | Interop::ExportStar, _) => None,
    }
}

/// `require('fs')`, `require('node:fs')`, `import('fs')`, ``require(`fs`)``, `require(NAME)` with a constant `NAME`.
fn required_module(semantic: &Semantic<'_>, call: Node<'_>) -> Option<QualifiedName> {
    required_specifier(semantic, call).map(QualifiedName::module)
}

/// The specifier a `require(...)` or `import(...)` call names, as written (`./routes`, `node:fs`).
pub(crate) fn required_specifier<'t>(semantic: &Semantic<'t>, call: Node<'_>) -> Option<&'t str> {
    if semantic.language().family() != crate::LanguageFamily::JavaScript
        || call.kind() != "call_expression"
    {
        return None;
    }
    let callee = call.field("function")?;
    let is_require = match callee.kind() {
        "import" => true,
        "identifier" => {
            semantic.text(callee) == "require" && semantic.resolve_identifier(callee).is_none()
        }
        _ => false,
    };
    if !is_require {
        return None;
    }
    let first = semantic.argument(call, 0)?;
    let specifier = match first.kind() {
        "identifier" => {
            let binding = semantic.binding(semantic.resolve_identifier(first)?);
            if binding.reassigned {
                return None;
            }
            string_value(semantic, binding.value?)?
        }
        _ => string_value(semantic, first)?,
    };
    Some(specifier)
}

/// The value of a string literal without substitutions (`'fs'`, `"fs"`, `` `fs` ``).
pub(crate) fn string_value<'t>(semantic: &Semantic<'t>, node: Node<'_>) -> Option<&'t str> {
    match node.kind() {
        "string" | "template_string" => {
            let text = semantic.text(node);
            if node.kind() == "template_string" && text.contains("${") {
                return None;
            }
            if semantic.language() == crate::Language::Python {
                // Python strings may carry prefixes (b, r, f); only plain ones are constants.
                let first = text.chars().next()?;
                if first != '"' && first != '\'' {
                    return None;
                }
            }
            let quote = text.chars().next()?;
            let inner = text.trim_start_matches(quote).trim_end_matches(quote);
            Some(inner)
        }
        _ => None,
    }
}

impl<'t> Semantic<'t> {
    /// The value of a string literal without substitutions (`'fs'`, `"fs"`, `` `fs` ``; a Python string
    /// without prefixes), `None` for anything else.
    pub fn string_value(&self, node: Node<'_>) -> Option<&'t str> {
        string_value(self, node)
    }
}

impl Semantic<'_> {
    /// What a decorator names, through imports and aliases: the decorator expression, or its callee
    /// when it is called (`@strawberry.field` and `@strawberry.field(name="x")` both give
    /// `strawberry.field`; `from strawberry import field as f` makes `@f` give `strawberry.field`).
    pub fn decorator_name(&self, decorator: Node<'_>) -> Option<QualifiedName> {
        let expression = decorator.named_child(0)?;
        match expression.kind() {
            "call" | "call_expression" => self.callee_name(expression),
            _ => self.qualified_name(expression),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::QualifiedName;

    #[test]
    fn prefixes_stop_at_member_boundaries() {
        let name = QualifiedName::new("fs.promises.readFile");
        assert!(name.starts_with("fs"));
        assert!(name.starts_with("fs.promises"));
        assert!(!name.starts_with("fs.prom"));
        assert_eq!(name.last(), "readFile");
        assert_eq!(name.parent(), Some("fs.promises"));
        assert!(QualifiedName::new("requests.Session().get").starts_with("requests.Session"));
        assert_eq!(QualifiedName::module("node:fs").as_str(), "fs");
    }
}
