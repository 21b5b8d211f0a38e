use crate::helpers::{node_sync_call, NodeSyncApi};
use snag_core::frameworks::node;
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{syntax, QualifiedName, Semantic};
use snag_core::{NodeFields, Severity, Span};
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
    /// One finding per function: its first blocking call, the others as labels. A function that only
    /// asks about paths or makes a folder (`existsSync`, `statSync`, `lstatSync`, `accessSync`,
    /// `realpathSync`, `mkdirSync`: one system call the kernel answers from its caches in microseconds)
    /// is reported at `info`: right, but small.
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
    /// - exported functions that other files of the project call, and only from their start-up code
    ///   (`const config = loadConfig()` at the entry point's top level, or from an export that is itself
    ///   only called at start-up), followed through relative imports, re-exports (`export * from`,
    ///   `export { a as b } from`) and compiled CommonJS (`(0, m.f)()`, `__importStar`, `__exportStar`).
    ///   A function handed over as a value (`setInterval(keys.rotate)`), called from handler code or
    ///   from code whose callers are unknown, or called only by tests is not start-up code;
    /// - start-up hooks and construction: `onModuleInit`, `onApplicationBootstrap`, class constructors and
    ///   the methods only they call (services are built once; where a class is instantiated lies in other
    ///   files), `useFactory` providers and `app.listen` callbacks;
    /// - read-once memoisation: `if (!cache) cache = fs.readFileSync(...)`, `cache ??= fs.readFileSync(...)`;
    /// - read-once memoisation: `if (cached !== undefined) return cached;` before the read, the result
    ///   then stored in a module-level variable or `this` field; a read-through local (`let code =
    ///   cache[k]; if (code) return code; code = read(); cache[k] = code`); a cache's fallback
    ///   (`const t = cache.get(k) || compile(read()); cache.set(k, t)`);
    /// - functions the configuration's `[[functions]]` declares start-up or command-line code;
    /// - a call that creates the very path its `if` found missing (`if (!existsSync(dir)) mkdirSync(dir)`):
    ///   it runs the first time only;
    /// - code whose context is not the request path, a job or unknown callers (see `[contexts]`):
    ///   command-line programs (`scripts/`, `bin/`, `cli/`, executables), migrations and seeds, build
    ///   tooling, tests and browser code;
    /// - `fs.promises`, `fs/promises` and callback APIs.
    pub struct ReadFileSync {
        id: "read-file-sync",
        summary: "A synchronous file-system call inside a function that may run on a hot path",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [JavaScript {
            kinds: ["call_expression"],
            triggers: [literal(node::SYNC_SUFFIX)],
            // `fs` and its drop-ins (`fs-extra`, ...), as an import or `require` names them.
            requires: [[node::FS_MODULES.iter().map(|m| import(m)).collect::<Vec<_>>()]],
        }],
    }
}

impl Rule for ReadFileSync {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let Some(name) = blocking_file_call(semantic, call) else {
            return;
        };
        // One finding per function: its first blocking call, the others as labels.
        let Some(id) = semantic.function_at(call) else {
            return;
        };
        let others: Vec<Node<'_>> = semantic
            .calls_in(Span::from(semantic.function(id).node))
            .filter(|other| semantic.function_at(*other) == Some(id))
            .filter(|other| blocking_file_call(semantic, *other).is_some())
            .collect();
        if others.first().is_some_and(|first| first.id() != call.id()) {
            return;
        }
        let function = Some(semantic.function(id));
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
            .with_help(help(&name));
        if let Some(f) = function {
            let head = crate::helpers::head_span(semantic, f.node);
            diagnostic = diagnostic.with_label(head, "called at run time, not only at start-up");
        }
        // Only asking about paths (`existsSync`, `statSync`, `mkdirSync` of a folder) costs microseconds:
        // right, but small.
        let metadata_only = others.iter().all(|other| {
            blocking_file_call(semantic, *other)
                .is_some_and(|n| node::FS_METADATA_SYNC.contains(&n.last()))
        });
        if metadata_only {
            diagnostic.severity = Severity::Info;
        }
        for other in others.iter().skip(1) {
            let other_name = blocking_file_call(semantic, *other)
                .map_or_else(String::new, |n| format!("`{n}` "));
            diagnostic = diagnostic.with_label(*other, format!("{other_name}blocks here too"));
        }
        ctx.report(diagnostic);
    }
}

/// Reading the same file on every call can be done once; a write, a new folder or a removal cannot.
fn help(name: &QualifiedName) -> String {
    let instead = node::async_alternative(name.last(), NodeSyncApi::FileSystem);
    if node::FS_READ_SYNC.contains(&name.last()) {
        format!("Read the file once at module top level and reuse it, or use {instead}.")
    } else {
        format!("Use {instead}, so other requests run while the disk works.")
    }
}

/// The name of a synchronous file-system call (`fs.readFileSync`) that runs per call of its function:
/// not in handler code (sync-io-in-handler's), not at start-up, not read once and remembered.
fn blocking_file_call(semantic: &Semantic<'_>, call: Node<'_>) -> Option<QualifiedName> {
    let (name, api) = node_sync_call(semantic, call)?;
    let per_call = api == NodeSyncApi::FileSystem
        && semantic.function_at(call).is_some()
        && !semantic.is_handler_code(call)
        && !semantic.is_startup_code(call)
        && !semantic.is_computed_once(call)
        && !creates_once(semantic, call, &name);
    per_call.then_some(name)
}

/// `if (!fs.existsSync(dir)) fs.mkdirSync(dir)`: a call that creates the very path its `if` checks
/// runs the first time only.
fn creates_once(semantic: &Semantic<'_>, call: Node<'_>, name: &QualifiedName) -> bool {
    if !node::FS_CREATE_SYNC.contains(&name.last()) {
        return false;
    }
    let Some(path) = semantic.argument(call, 0).map(|p| semantic.text(p)) else {
        return false;
    };
    let mut current = call;
    while let Some(parent) = semantic.parent(current) {
        if syntax::is_function_kind(parent.kind()) {
            return false;
        }
        let in_consequence = parent
            .field("consequence")
            .is_some_and(|c| Span::from(c).contains(Span::from(call)));
        if parent.kind() == "if_statement" && in_consequence {
            // `!fs.existsSync(path)`, the same path.
            let absent = parent
                .field("condition")
                .map(syntax::unwrap)
                .filter(|c| c.kind() == "unary_expression")
                .filter(|c| c.field("operator").is_some_and(|o| semantic.text(o) == "!"))
                .and_then(|c| c.field("argument").map(syntax::unwrap))
                .is_some_and(|check| {
                    check.kind() == "call_expression"
                        && semantic.callee_name(check).is_some_and(|n| n.last() == "existsSync")
                        && semantic.argument(check, 0).is_some_and(|a| semantic.text(a) == path)
                });
            if absent {
                return true;
            }
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
    fn read_through_caches_held_in_a_local_read_once_per_key() {
        let source = r#"
const fs = require('fs');
const sources = {};
const templates = new Map();
function loadBundle(type) {
  let code = sources[type];
  if (code) {
    return code;
  }
  code = fs.readFileSync(`bundles/${type}.js`, 'utf8');
  sources[type] = code;
  return code;
}
function loadTemplate(name) {
  let text = templates.get(name);
  if (text) return text;
  text = fs.readFileSync(name, 'utf8');
  templates.set(name, text);
  return text;
}
function notKept(type) {
  let code = sources[type];
  if (code) return code;
  code = fs.readFileSync(`bundles/${type}.js`, 'utf8');
  return code;
}
module.exports = { loadBundle, loadTemplate, notKept };
"#;
        // Only the function that never stores what it read reads on every call.
        assert_eq!(lines_of(RULE, "bundles.js", source), vec![24]);
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

    #[test]
    fn a_cache_fallback_reads_once_per_key() {
        let source = r#"
const fs = require('fs');
const templateCache = new Map();
function render(ejspath, maxAge) {
  const cache = maxAge !== 0;
  const template = cache && templateCache.get(ejspath) || compile(fs.readFileSync(ejspath).toString());
  if (cache) templateCache.set(ejspath, template);
  return template;
}
function renderFresh(ejspath) {
  const template = templateCache.get(ejspath) || compile(fs.readFileSync(ejspath).toString());
  return template;
}
module.exports = { render, renderFresh };
"#;
        // The second never stores what it read: it reads on every miss, which is every call.
        assert_eq!(lines_of(RULE, "eejs.js", source), vec![11]);
    }

    #[test]
    fn path_questions_and_folders_are_small_and_writes_get_write_advice() {
        let source = r#"
const fs = require('fs');
function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return fs.realpathSync(dir);
}
function append(line) {
  fs.appendFileSync('/var/log/app.log', line);
}
module.exports = { ensureDir, append };
"#;
        let report = crate::test_support::lint_in_project(&[], "log.js", source);
        let summary: Vec<(u32, String, bool)> = report
            .findings
            .iter()
            .filter(|f| &*f.diagnostic.rule == RULE)
            .map(|f| {
                let help = f.diagnostic.help.clone().unwrap_or_default();
                (f.range.start.line, format!("{:?}", f.diagnostic.severity), help.starts_with("Read"))
            })
            .collect();
        assert_eq!(
            summary,
            vec![(4, "Info".to_string(), false), (8, "Warning".to_string(), false)]
        );
    }

    #[test]
    fn guards_are_read_from_state_not_from_text() {
        let source = r#"
const fs = require('fs');
let warned = false;
function TLSConfig(n) {
  if (this.certType === 'pfx') { this.pfx = fs.readFileSync(n.p12); }
  if (n.cert) { this.cert = fs.readFileSync(n.cert); }
}
function warnOnce(dir) {
  if (!warned) {
    warned = true;
    if (fs.existsSync(dir)) { console.warn('old folder'); }
  }
}
let flows;
function locate(file) {
  if (!fs.existsSync(file)) { flows = file; }
}
module.exports = { TLSConfig, warnOnce, locate };
"#;
        // `this.certType` is not `this.cert`; a read in the condition runs on every call.
        // One finding per function: line 6 is a label of line 5's.
        assert_eq!(lines_of(RULE, "tls.js", source), vec![5, 16]);
    }

    #[test]
    fn migrations_and_seeds_stay_quiet() {
        let source =
            "const fs = require('fs');\nexports.up = function (knex) { return knex.raw(fs.readFileSync('up.sql', 'utf8')); };\n";
        assert!(lines_of(RULE, "db/migrations/001_init.js", source).is_empty());
        assert!(lines_of(RULE, "db/seeds/users.js", source).is_empty());
        assert_eq!(lines_of(RULE, "db/queries.js", source), vec![2]);
    }
}
