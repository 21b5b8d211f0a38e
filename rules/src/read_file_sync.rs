use crate::helpers::{async_alternative, node_sync_call, NodeSyncApi};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{BindingKind, Semantic};
use snag_core::NodeFields;
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags `readFileSync` and the other `fs.*Sync` file-system calls inside a function body that is not
    /// request handler code (in handler code the same call is `sync-io-in-handler`'s, never both).
    /// The `fs` module is recognised however it was imported (`require('fs')`, `node:fs`, destructured,
    /// renamed, `import * as`, `fs-extra`, `graceful-fs`).
    ///
    /// ## Why is this bad?
    /// A function that reads a file synchronously blocks the event loop every time it is called. Utilities,
    /// services and template helpers end up on hot paths (a request handler, a queue worker, a loop), where
    /// each call stalls every other request of the process for the length of a disk read.
    ///
    /// ## Example
    /// ```js
    /// export function renderInvoice(invoice) {
    ///   const template = fs.readFileSync(TEMPLATE_PATH, 'utf8');
    ///   return mustache.render(template, invoice);
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Read once at start-up, or read asynchronously:
    /// ```js
    /// const template = fs.readFileSync(TEMPLATE_PATH, 'utf8'); // module top level: once
    /// export function renderInvoice(invoice) {
    ///   return mustache.render(template, invoice);
    /// }
    /// ```
    ///
    /// ## Stays quiet on
    /// - module top level (start-up configuration loading), top-level IIFEs, and functions called only
    ///   from module top level or from other start-up code in the same file;
    /// - start-up hooks and construction: `onModuleInit`, `onApplicationBootstrap`, class constructors and
    ///   the methods only they call (services are built once; where a class is instantiated lies in other
    ///   files), `useFactory` providers and `app.listen` callbacks;
    /// - read-once memoisation: `if (!cache) cache = fs.readFileSync(...)`, `cache ??= fs.readFileSync(...)`;
    /// - read-once memoisation: `if (cached !== undefined) return cached;` before the read, the result
    ///   then stored in a module-level variable or `this` field;
    /// - CLI scripts (files starting with `#!`), build tooling (`gulpfile.js`, `Gruntfile.js`,
    ///   `*.config.js`) and test files (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`);
    /// - `fs.promises`, `fs/promises` and callback APIs.
    pub struct ReadFileSync {
        id: "read-file-sync",
        summary: "A synchronous file-system call inside a function that may run on a hot path",
        severity: Warning,
        fix: None,
        targets: [JavaScript {
            kinds: ["call_expression"],
            triggers: [literal("Sync")],
            // `fs`, `fs-extra`, `graceful-fs`, `original-fs`, as an import or `require` names them.
            requires: [[["fs", "fs-extra", "graceful-fs", "original-fs"].map(import)]],
        }],
    }
}

impl Rule for ReadFileSync {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let Some((name, api)) = node_sync_call(semantic, call) else {
            return;
        };
        if api != NodeSyncApi::FileSystem
            || semantic.function_at(call).is_none()
            || semantic.is_handler_code(call)
            || semantic.is_startup_code(call)
            || semantic.is_script()
            || is_build_tooling(semantic)
            || is_memoised(semantic, call)
            || returns_early_when_cached(semantic, call)
        {
            return;
        }
        let function = semantic.function_at(call).map(|f| semantic.function(f));
        let owner = function
            .and_then(|f| f.name)
            .map_or_else(|| "this function".to_string(), |n| format!("`{n}`"));
        let mut diagnostic = ctx
            .diagnostic(
                call,
                format!(
                    "`{name}` blocks the event loop each time {owner} runs: every other request of the process waits for the disk."
                ),
            )
            .with_help(format!(
                "Read the file once at module top level and reuse it, or use {}.",
                async_alternative(&name, api)
            ));
        if let Some(f) = function {
            let head = crate::helpers::head_span(semantic, f.node);
            diagnostic = diagnostic.with_label(head, "called at run time, not only at start-up");
        }
        ctx.report(diagnostic);
    }
}

/// `if (!cache) cache = fs.readFileSync(...)`, `cache ??= fs.readFileSync(...)`, `cache ||= ...`, and
/// `if (!cache.has(k)) cache.set(k, fs.readFileSync(...))`: the file is read once, then remembered.
fn is_memoised(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    let mut current = call;
    while let Some(parent) = current.parent() {
        match parent.kind() {
            "assignment_expression" | "augmented_assignment_expression" => {
                let Some(target) = parent.field("left") else {
                    return false;
                };
                let name = semantic.text(target);
                let operator = parent.field("operator").map(|o| semantic.text(o));
                if matches!(operator, Some("??=" | "||=")) {
                    return true;
                }
                return outlives_call(semantic, target) && guarded_by(semantic, parent, name);
            }
            "arguments" => {
                // `cache.set(key, fs.readFileSync(...))` under `if (!cache.has(key))`.
                let Some(outer) = parent.parent() else {
                    return false;
                };
                let callee = outer.field("function");
                let is_set = callee
                    .and_then(|c| c.field("property"))
                    .is_some_and(|p| semantic.text(p) == "set");
                if is_set {
                    let object = callee
                        .and_then(|c| c.field("object"))
                        .map(|o| semantic.text(o));
                    return object.is_some_and(|o| guarded_by(semantic, outer, o));
                }
                current = parent;
            }
            "statement_block"
            | "arrow_function"
            | "function_declaration"
            | "function_expression"
            | "method_definition" => return false,
            _ => current = parent,
        }
    }
    false
}

/// Build tooling runs on a developer's machine, never per request: `gulpfile.js`, `Gruntfile.js`, `*.config.js`.
fn is_build_tooling(semantic: &Semantic<'_>) -> bool {
    let name = semantic
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(stem.as_str(), "gulpfile" | "gruntfile" | "jakefile") || name.contains(".config.")
}

/// The function first returns a remembered value when it has one (`if (x !== undefined) return x;`) and
/// later stores into that same long-lived `x`: the read below runs once.
fn returns_early_when_cached(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    let Some(function) = semantic.function_at(call) else {
        return false;
    };
    let node = semantic.function(function).node;
    let Some(body) = node.field("body") else {
        return false;
    };
    let mut cursor = body.walk();
    let statements: Vec<Node<'_>> = body.named_children(&mut cursor).collect();
    for statement in &statements {
        if statement.start_byte() >= call.start_byte() {
            break;
        }
        if statement.kind() != "if_statement" {
            continue;
        }
        let returns = statement
            .field("consequence")
            .is_some_and(|c| c.kind() == "return_statement" || semantic.text(c).contains("return"));
        let Some(condition) = statement.field("condition") else {
            continue;
        };
        if !returns {
            continue;
        }
        // A long-lived name in the condition that the function assigns after the read.
        let assigned_later = statements
            .iter()
            .filter(|s| s.start_byte() > call.start_byte())
            .any(|s| {
                let mut stack = vec![*s];
                let mut c = s.walk();
                while let Some(n) = stack.pop() {
                    if n.kind() == "assignment_expression" {
                        if let Some(left) = n.field("left") {
                            if outlives_call(semantic, left)
                                && semantic.text(condition).contains(semantic.text(left))
                            {
                                return true;
                            }
                        }
                    }
                    stack.extend(n.named_children(&mut c));
                }
                false
            });
        if assigned_later {
            return true;
        }
    }
    false
}

/// Whether an assignment target lives longer than one call: a module-level variable or `this.x`.
fn outlives_call(semantic: &Semantic<'_>, target: Node<'_>) -> bool {
    match target.kind() {
        "identifier" => semantic.resolve_identifier(target).is_some_and(|id| {
            let binding = semantic.binding(id);
            binding.kind == BindingKind::Variable && semantic.scope(binding.scope).parent.is_none()
        }),
        "member_expression" => target
            .field("object")
            .is_some_and(|o| matches!(o.kind(), "this" | "identifier")),
        _ => false,
    }
}

/// Whether `node` sits in an `if` (or `?:`) whose condition mentions `name`.
fn guarded_by(semantic: &Semantic<'_>, node: Node<'_>, name: &str) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if matches!(parent.kind(), "if_statement" | "ternary_expression") {
            if let Some(condition) = parent.field("condition") {
                if semantic.text(condition).contains(name) {
                    return true;
                }
            }
        }
        if matches!(
            parent.kind(),
            "function_declaration" | "function_expression" | "arrow_function" | "method_definition"
        ) {
            return false;
        }
        current = parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, lines_of};

    const RULE: &str = "read-file-sync";

    #[test]
    fn functions_that_read_per_call() {
        let source = r#"
const { readFileSync } = require('fs');
const fsx = require('fs-extra');
function loadTemplate(name) {
  return readFileSync(`templates/${name}.html`, 'utf8');
}
class Store {
  read(key) { return fsx.readFileSync(this.path(key)); }
}
module.exports = { loadTemplate, Store };
"#;
        assert_eq!(lines_of(RULE, "store.js", source), vec![5, 8]);
    }

    #[test]
    fn start_up_code_stays_quiet() {
        let source = r#"
import * as fs from 'node:fs';
const raw = fs.readFileSync('config.json', 'utf8');
function loadConfig() { return JSON.parse(fs.readFileSync('config.json', 'utf8')); }
const config = loadConfig();
(() => { fs.mkdirSync('tmp', { recursive: true }); })();
let cached;
export function getConfig() {
  if (!cached) cached = fs.readFileSync('config.json', 'utf8');
  return cached;
}
"#;
        assert!(lines_of(RULE, "config.mjs", source).is_empty());
    }

    #[test]
    fn reads_remembered_after_an_early_return_stay_quiet() {
        let source = r#"
const fs = require('fs');
let orbHref;
function getOrbHref() {
  if (orbHref !== undefined) {
    return orbHref;
  }
  const png = fs.readFileSync(ORB_PATH);
  orbHref = `data:image/png;base64,${png.toString('base64')}`;
  return orbHref;
}
function perCall() {
  if (!enabled) return null;
  return fs.readFileSync(ORB_PATH);
}
module.exports = { getOrbHref, perCall };
"#;
        assert_eq!(lines_of(RULE, "orb.js", source), vec![14]);
        assert!(lines_of(RULE, "gulpfile.js", source).is_empty());
    }

    #[test]
    fn handlers_get_the_other_rule_never_both() {
        let source = r#"
const fs = require('fs');
const app = require('express')();
app.get('/x', (req, res) => res.send(fs.readFileSync('x')));
"#;
        assert_eq!(findings("app.js", source), vec!["sync-io-in-handler@4"]);
    }

    #[test]
    fn scripts_and_tests_stay_quiet() {
        let source = "#!/usr/bin/env node\nconst fs = require('fs');\nfunction main() { fs.readFileSync('x'); }\nmodule.exports = main;\n";
        assert!(lines_of(RULE, "bin/cli.js", source).is_empty());
        let test =
            "const fs = require('fs');\nit('reads', () => { fs.readFileSync('fixture.json'); });\n";
        assert!(lines_of(RULE, "src/__tests__/a.test.js", test).is_empty());
    }
}
