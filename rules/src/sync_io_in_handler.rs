use crate::helpers::{event_loop_label, handler_label, is_queryset, node_sync_call, short};
use snag_core::frameworks::orm::QueryApi;
use snag_core::frameworks::{django, http_clients, node, python_stdlib, sql_drivers, sqlalchemy};
use snag_core::models::queries::query_call;
use snag_core::models::ModelIndex;
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{QualifiedName, Semantic};
use snag_core::LanguageFamily;
use snag_core::NodeFields;
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a synchronous, blocking call in code that runs once per request.
    ///
    /// - **JavaScript/TypeScript:** `fs.*Sync`, `child_process.execSync/execFileSync/spawnSync`,
    ///   `crypto.pbkdf2Sync/scryptSync/...Sync` and `zlib.*Sync` in handler code: Express, Koa, koa-router,
    ///   Fastify and Hapi routes, `http.createServer` callbacks, Next.js API routes and route handlers, NestJS
    ///   controller methods, AWS Lambda handlers, functions another file of the project registers as a route
    ///   handler or middleware (through a `require`/`import` of a module of the project: `router.get('/',
    ///   admin.index)` makes `index` in `controllers/admin.js` handler code), and every function those
    ///   call, in the same file or, through imports, in another, methods of classes injected by their
    ///   type included (a NestJS controller's `this.reports.render()` makes `render` in
    ///   `reports.service.ts` handler code; the finding's label points at the call). The module
    ///   is recognised however it was imported (`require('fs')`, `node:fs`, destructured, renamed,
    ///   `import * as`, `fs-extra`).
    /// - **Python:** a blocking call on the event loop: inside an `async def`, or in a plain `def` that an
    ///   `async def` calls directly, in the same file or in another module of the project
    ///   (`from app.services.reports import build_report`, `from . import clients` then
    ///   `clients.fetch()`, `import app.storage as storage`: the finding's label points at the call in
    ///   the other file). `time.sleep`, `requests`, `urllib.request.urlopen`, sync `httpx`,
    ///   `open()`, pathlib `read_text`/`write_text`, `subprocess`, `os.system`, sync database drivers
    ///   (`psycopg2`, `pymysql`, `sqlite3`, `MySQLdb`: `connect` and every call on their connections and
    ///   cursors) and the sync Django ORM (which also raises `SynchronousOnlyOperation` there).
    ///
    /// ## Why is this bad?
    /// Node and asyncio run every request of the process on one thread. A blocking call stops that thread
    /// until the disk, the child process or the network answers, so every other request waits too: one slow
    /// call becomes latency for all of them, and throughput collapses under load.
    ///
    /// ## Example
    /// ```js
    /// app.get('/report', (req, res) => {
    ///   const template = fs.readFileSync('report.html', 'utf8');
    ///   res.send(render(template, req.query));
    /// });
    /// ```
    /// ```python
    /// @app.get("/rates")
    /// async def rates():
    ///     return requests.get(RATES_URL).json()
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// app.get('/report', async (req, res) => {
    ///   const template = await fs.promises.readFile('report.html', 'utf8');
    ///   res.send(render(template, req.query));
    /// });
    /// ```
    /// ```python
    /// @app.get("/rates")
    /// async def rates():
    ///     async with httpx.AsyncClient() as client:
    ///         return (await client.get(RATES_URL)).json()
    /// ```
    ///
    /// ## Stays quiet on
    /// - `fs.promises`, `fs/promises`, callback APIs, and the same calls at module top level or in start-up
    ///   code (in JavaScript, `fs.*Sync` outside handlers is `read-file-sync`'s, never both);
    /// - `await asyncio.sleep(...)`, `asyncio.to_thread(fn, ...)`, `loop.run_in_executor(None, fn)`,
    ///   `sync_to_async(fn)`: the blocking function is handed over, not called;
    /// - `aiofiles`, `httpx.AsyncClient`, `aiohttp`, Django's async ORM (`aget`, `acount`, `async for`),
    ///   and any call that is awaited directly;
    /// - blocking calls in a plain `def` that no event-loop code calls, and lazy querysets never evaluated;
    /// - a local name that shadows the module (`def f(requests): requests.get(...)`);
    /// - a value computed once and remembered in process state (`if (cached) return cached; cached =
    ///   fs.readFileSync(...)`, `if _config is None: _config = open(...).read()`): the first request
    ///   pays, the others read memory;
    /// - test files (`*.test.*`, `*.spec.*`, `test_*.py`, under `tests/`): they serve no requests.
    pub struct SyncIoInHandler {
        id: "sync-io-in-handler",
        summary: "A blocking call in request handler or event-loop code",
        severity: Error,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["call_expression"],
                triggers: [literal(node::SYNC_SUFFIX)],
                // A Node module's `*Sync` API (the module named by an import or `require`), in handler code.
                requires: [
                    [node::sync_api_modules().map(import).collect::<Vec<_>>()],
                    [snag_core::semantic::js_handler_triggers()],
                ],
            },
            Python {
                kinds: ["call", "for_statement", "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"],
                triggers: [pattern("async def")],
            },
        ],
    }
}

impl Rule for SyncIoInHandler {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        match ctx.semantic().language().family() {
            LanguageFamily::JavaScript => check_javascript(node, ctx),
            LanguageFamily::Python => check_python(node, ctx),
        }
    }
}

fn check_javascript(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some((name, api)) = node_sync_call(semantic, call) else {
        return;
    };
    let Some(handler) = semantic.handler_function(call) else {
        return;
    };
    // `if (cachedHtml) return cachedHtml; cachedHtml = fs.readFileSync(...)`: the first request only.
    if semantic.is_computed_once(call) {
        return;
    }
    let mut diagnostic = ctx
        .diagnostic(
            call,
            format!(
                "`{name}` blocks the event loop in request handler code: until it returns, this process serves no other request."
            ),
        )
        .with_help(format!("Use {} so other requests run while this one waits.", node::async_alternative(name.last(), api)));
    if let Some(label) = handler_label(semantic, handler) {
        diagnostic.labels.push(label);
    }
    ctx.report(diagnostic);
}

/// What a blocking Python call is, for the message.
enum Blocking {
    Sleep,
    Http,
    File,
    Process,
    Database,
    DjangoOrm,
    SqlAlchemySession,
}

fn check_python(node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(function) = semantic.event_loop_function(node) else {
        return;
    };
    let (span_node, what, kind) = match node.kind() {
        "call" => {
            if semantic.is_awaited(node) {
                return;
            }
            let Some((what, kind)) = blocking_call(semantic, node)
                .or_else(|| sync_session_query(semantic, ctx.models(), node))
            else {
                return;
            };
            // Asked last: it reads the whole function around the call.
            if semantic.is_computed_once(node) {
                return;
            }
            (node, what, kind)
        }
        // `for entry in Entry.objects.filter(...)`: iterating a queryset runs the query; `async for`
        // (a statement, or a comprehension's `[e async for e in ...]`) is the async ORM.
        _ => {
            let is_async = |n: Node<'_>| {
                let mut cursor = n.walk();
                let found = n.children(&mut cursor).any(|c| c.kind() == "async");
                found
            };
            let iterates_queryset = |n: &Node<'_>| {
                !is_async(*n)
                    && n.field("right")
                        .is_some_and(|r| is_queryset(semantic, r, 0))
            };
            // A comprehension's every `for` clause (`[t for o in orders for t in o.tags.all()]`).
            let iterated = if node.kind() == "for_statement" {
                Some(node).filter(iterates_queryset)
            } else {
                let mut cursor = node.walk();
                let clause = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "for_in_clause")
                    .find(iterates_queryset);
                clause
            };
            let Some(iterable) = iterated.and_then(|n| n.field("right")) else {
                return;
            };
            (
                iterable,
                "iterating a Django queryset".to_string(),
                Blocking::DjangoOrm,
            )
        }
    };
    let (why, instead) = match kind {
        Blocking::Sleep => ("sleeps on the event loop thread", python_stdlib::ASYNC_SLEEP),
        Blocking::Http => ("waits for the network on the event loop thread", http_clients::ASYNC_INSTEAD),
        Blocking::File => ("waits for the disk on the event loop thread", python_stdlib::ASYNC_FILES),
        Blocking::Process => ("waits for a child process on the event loop thread", python_stdlib::ASYNC_SUBPROCESS),
        Blocking::Database => ("waits for the database on the event loop thread", sql_drivers::ASYNC_INSTEAD),
        Blocking::DjangoOrm => ("runs a database query on the event loop thread (Django raises `SynchronousOnlyOperation` here)", django::ASYNC_ORM_INSTEAD),
        Blocking::SqlAlchemySession => ("runs a database query through a synchronous SQLAlchemy session on the event loop thread", sqlalchemy::ASYNC_SESSION_INSTEAD),
    };
    let mut diagnostic = ctx
        .diagnostic(
            span_node,
            format!("{what} {why}: every other request of this process waits until it returns."),
        )
        .with_help(format!("Use {instead}."));
    if let Some(label) = event_loop_label(semantic, function) {
        diagnostic.labels.push(label);
    }
    ctx.report(diagnostic);
}

/// A query through a synchronous SQLAlchemy session or `Model.query`, not awaited (an `AsyncSession`'s
/// calls are awaited): `db.query(User).first()`, `session.execute(select(User))`.
fn sync_session_query(
    semantic: &Semantic<'_>,
    models: &ModelIndex,
    call: Node<'_>,
) -> Option<(String, Blocking)> {
    let query = query_call(semantic, models, call)?;
    (query.api == QueryApi::SqlAlchemy && !awaited_within(query.node))
        .then(|| (format!("`{}`", query.display), Blocking::SqlAlchemySession))
}

/// Whether a call chain goes through an `await` (`(await session.execute(q)).scalars().all()`: the
/// query ran on an `AsyncSession`; what follows reads its result).
fn awaited_within(call: Node<'_>) -> bool {
    let mut node = call;
    loop {
        let next = match node.kind() {
            "await" => return true,
            "call" => node.field("function"),
            "attribute" => node.field("object"),
            "subscript" => node.field("value"),
            "parenthesized_expression" => node.named_child(0),
            _ => None,
        };
        match next {
            Some(inner) => node = inner,
            None => return false,
        }
    }
}

/// Classifies a blocking call: its description and kind.
fn blocking_call(semantic: &Semantic<'_>, call: Node<'_>) -> Option<(String, Blocking)> {
    let callee = semantic.callee(call)?;
    if let Some(name) = semantic.callee_name(call) {
        if let Some(found) = classify_name(&name) {
            return Some(found);
        }
    }
    if callee.kind() != "attribute" {
        // `list(Entry.objects.filter(...))` evaluates the queryset.
        let name = semantic.callee_name(call)?;
        if name.is_any(&["list", "tuple", "set", "sorted"]) {
            let argument = semantic.argument(call, 0)?;
            if is_queryset(semantic, argument, 0) {
                return Some((
                    format!("`{}(...)` of a Django queryset", name),
                    Blocking::DjangoOrm,
                ));
            }
        }
        return None;
    }
    let method = semantic.text(callee.field("attribute")?);
    let object = callee.field("object")?;
    // pathlib: `path.read_text()` (an awaited call was excluded above: anyio and trio paths are async).
    if python_stdlib::PATH_IO_METHODS.contains(&method) {
        let receiver = semantic.qualified_name(object);
        let async_path = receiver.as_ref().is_some_and(|r| {
            python_stdlib::ASYNC_PATH_MODULES
                .iter()
                .any(|module| r.starts_with(module))
        });
        if !async_path {
            return Some((format!("`.{method}()`"), Blocking::File));
        }
    }
    if django::SYNC_ORM_TERMINALS.contains(&method) && is_queryset(semantic, object, 0) {
        return Some((
            format!("`{}`", short(semantic.text(call))),
            Blocking::DjangoOrm,
        ));
    }
    None
}

fn classify_name(name: &QualifiedName) -> Option<(String, Blocking)> {
    let quoted = format!("`{name}`");
    let text = name.as_str();
    if name.is_any(python_stdlib::SLEEPS) {
        return Some((quoted, Blocking::Sleep));
    }
    let method = name.last();
    let is_request = http_clients::REQUEST_METHODS.contains(&method);
    let http_module = name
        .parent()
        .is_some_and(|module| http_clients::SYNC_MODULES.contains(&module))
        && is_request;
    let http_session = http_clients::SYNC_SESSIONS
        .iter()
        .any(|session| name.starts_with(session))
        && !text.ends_with("()")
        && is_request;
    if http_module || http_session || name.is_any(http_clients::SYNC_FUNCTIONS) {
        return Some((quoted, Blocking::Http));
    }
    if name.is_any(python_stdlib::FILE_OPENS) {
        return Some(("`open(...)`".to_string(), Blocking::File));
    }
    if name.parent() == Some(python_stdlib::SUBPROCESS)
        && python_stdlib::SUBPROCESS_FUNCTIONS.contains(&method)
        || name.is_any(python_stdlib::SHELL_FUNCTIONS)
    {
        return Some((quoted, Blocking::Process));
    }
    if sql_drivers::SYNC_CONNECTS
        .iter()
        .any(|c| name.starts_with(c))
    {
        let driver = text.split('.').next().unwrap_or(text);
        let described = if sql_drivers::SYNC_CONNECTS.contains(&text) {
            quoted
        } else {
            format!("`.{method}()` on a {driver} connection")
        };
        return Some((described, Blocking::Database));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::test_support::lines_of;

    const RULE: &str = "sync-io-in-handler";

    #[test]
    fn synchronous_sqlalchemy_sessions_in_async_endpoints() {
        let source = r#"
from fastapi import FastAPI, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.ext.asyncio import AsyncSession
from app.db import SessionLocal, get_db, get_async_db
from app.models import User

app = FastAPI()

@app.get("/users/{user_id}")
async def read_user(user_id: int, db: Session = Depends(get_db)):
    return db.query(User).filter(User.id == user_id).first()

@app.get("/users")
async def list_users():
    with SessionLocal() as session:
        return session.execute(select(User)).scalars().all()

@app.get("/async-users")
async def list_async(session: AsyncSession = Depends(get_async_db)):
    result = await session.execute(select(User))
    rows = (await session.execute(select(User))).scalars().all()
    return result.scalars().all(), rows

@app.get("/threaded")
def threaded(db: Session = Depends(get_db)):
    return db.query(User).all()
"#;
        // A plain `def` endpoint runs in a thread pool; an `AsyncSession`'s queries are awaited.
        assert_eq!(lines_of(RULE, "app/main.py", source), vec![13, 18]);
    }

    #[test]
    fn express_handler_with_renamed_destructured_import() {
        let source = r#"
const express = require('express');
const { readFileSync: rfs } = require('node:fs');
const app = express();
app.get('/report', (req, res) => {
  res.send(rfs('report.html', 'utf8'));
});
"#;
        assert_eq!(lines_of(RULE, "app.js", source), vec![6]);
    }

    #[test]
    fn helper_called_from_handler_and_module_level_reads() {
        let source = r#"
import fs from 'fs';
import express from 'express';
const config = fs.readFileSync('config.json');
const router = express.Router();
function loadTemplate(name) { return fs.readFileSync(name); }
router.post('/render', async (req, res) => { res.send(loadTemplate(req.body.name)); });
"#;
        assert_eq!(lines_of(RULE, "r.mjs", source), vec![6]);
    }

    #[test]
    fn promises_callbacks_and_shadowing_stay_quiet() {
        let source = r#"
const fs = require('fs');
const app = require('express')();
app.get('/a', async (req, res) => { res.send(await fs.promises.readFile('a')); });
app.get('/b', (req, res) => fs.readFile('b', (e, d) => res.send(d)));
app.get('/c', (req, res) => { const fs = makeFake(); res.send(fs.readFileSync('c')); });
"#;
        assert!(lines_of(RULE, "a.js", source).is_empty());
    }

    #[test]
    fn values_read_once_and_remembered_are_not_per_request() {
        let js = r#"
const express = require('express');
const fs = require('fs');
const app = express();
let cachedHtml = null;
function baseHtml() {
  if (cachedHtml) return cachedHtml;
  cachedHtml = fs.readFileSync('public/index.html', 'utf-8');
  return cachedHtml;
}
function freshHtml() {
  return fs.readFileSync('public/index.html', 'utf-8');
}
app.get('/', (req, res) => res.send(baseHtml()));
app.get('/fresh', (req, res) => res.send(freshHtml()));
"#;
        assert_eq!(lines_of(RULE, "server.js", js), vec![12]);
        let python = r#"
from fastapi import FastAPI
app = FastAPI()
_template = None

def template():
    global _template
    if _template is None:
        _template = open("index.html").read()
    return _template

@app.get("/")
async def index():
    return template()

@app.get("/fresh")
async def fresh():
    return open("index.html").read()
"#;
        assert_eq!(lines_of(RULE, "app.py", python), vec![18]);
    }

    #[test]
    fn python_blocking_calls_in_async_def() {
        let source = r#"
import time as t
import requests
from subprocess import run

def helper():
    t.sleep(1)

async def view(request):
    helper()
    requests.get("https://x")
    await asyncio.to_thread(run, ["ls"])
    with open("f") as fh:
        pass

def sync_view(request):
    requests.get("https://x")
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![7, 11, 13]);
    }

    #[test]
    fn python_django_orm_in_async_views() {
        let source = r#"
async def detail(request, pk):
    entry = Entry.objects.filter(pk=pk).first()
    count = await Entry.objects.acount()
    lazy = Entry.objects.filter(published=True)
    for e in Entry.objects.all():
        pass
    async for e in Entry.objects.all():
        pass
    ids = [e.pk async for e in Entry.objects.filter(published=True)]
    titles = {e.title for e in Entry.objects.all()}
    firsts = [x async for x in stream() for y in Entry.objects.all()]
"#;
        assert_eq!(lines_of(RULE, "views.py", source), vec![3, 6, 11, 12]);
    }

    #[test]
    fn python_db_connections_and_cursors() {
        let source = r#"
import psycopg2
conn = psycopg2.connect(DSN)

async def report():
    with conn.cursor() as cur:
        cur.execute("select 1")
        return cur.fetchall()
"#;
        assert_eq!(lines_of(RULE, "db.py", source), vec![6, 7, 8]);
    }
}
