//! The semantic layer's answers: names, loops, handlers, event-loop and start-up code.

use super::*;
use crate::engine::parse;
use std::path::Path;

/// Builds the model of `source` (as `path`) and hands it to `check`.
fn with_model(path: &str, source: &str, check: impl FnOnce(&Semantic<'_>, &Tree)) {
    let language = Language::from_path(Path::new(path)).unwrap();
    let tree = parse(language, source).unwrap();
    let semantic = Semantic::build(language, Path::new(path), source, &tree, &mut |_| {});
    check(&semantic, &tree);
}

/// The first node of `kind` whose text is `text`.
fn find<'t>(tree: &'t Tree, source: &str, kind: &str, text: &str) -> Node<'t> {
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == kind && &source[node.byte_range()] == text {
            return node;
        }
        let mut cursor = node.walk();
        let children: Vec<_> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    panic!("no {kind} `{text}`");
}

fn callee_of(
    semantic: &Semantic<'_>,
    tree: &Tree,
    source: &str,
    call_text: &str,
) -> Option<String> {
    let kind = if semantic.language() == Language::Python {
        "call"
    } else {
        "call_expression"
    };
    let call = find(tree, source, kind, call_text);
    semantic.callee_name(call).map(|n| n.to_string())
}

/// The names of the functions that are handler code.
fn handlers(path: &str, source: &str) -> Vec<String> {
    let mut names = Vec::new();
    with_model(path, source, |semantic, _| {
        for (_, function) in semantic.functions() {
            if function.handler.is_some() {
                names.push(function.name.unwrap_or("<anonymous>").to_string());
            }
        }
    });
    names
}

#[test]
fn javascript_imports_resolve_however_written() {
    let source = r#"
const fs = require('fs');
const { readFileSync: rfs, promises: fsp } = require('node:fs');
import * as cp from 'child_process';
import zlib from 'node:zlib';
import { scryptSync } from 'crypto';
const name = 'fs';
const dyn = require(name);
fs.readFileSync('a');
rfs('b');
fsp.readFile('c');
cp.execSync('ls');
zlib.gzipSync(buf);
scryptSync(p, s, 64);
require('fs').statSync('d');
dyn.existsSync('e');
"#;
    with_model("a.mjs", source, |semantic, tree| {
        let name = |call: &str| callee_of(semantic, tree, source, call);
        assert_eq!(
            name("fs.readFileSync('a')").as_deref(),
            Some("fs.readFileSync")
        );
        assert_eq!(name("rfs('b')").as_deref(), Some("fs.readFileSync"));
        assert_eq!(
            name("fsp.readFile('c')").as_deref(),
            Some("fs.promises.readFile")
        );
        assert_eq!(
            name("cp.execSync('ls')").as_deref(),
            Some("child_process.execSync")
        );
        assert_eq!(name("zlib.gzipSync(buf)").as_deref(), Some("zlib.gzipSync"));
        assert_eq!(
            name("scryptSync(p, s, 64)").as_deref(),
            Some("crypto.scryptSync")
        );
        assert_eq!(
            name("require('fs').statSync('d')").as_deref(),
            Some("fs.statSync")
        );
        assert_eq!(
            name("dyn.existsSync('e')").as_deref(),
            Some("fs.existsSync")
        );
    });
}

#[test]
fn typescript_import_equals_and_shadowing() {
    let source = r#"
import fs = require('fs');
function read(fs: FakeFs) { return fs.readFileSync('x'); }
function write() { fs.writeFileSync('y', ''); }
"#;
    with_model("a.ts", source, |semantic, tree| {
        assert_eq!(
            callee_of(semantic, tree, source, "fs.readFileSync('x')"),
            None
        );
        assert_eq!(
            callee_of(semantic, tree, source, "fs.writeFileSync('y', '')").as_deref(),
            Some("fs.writeFileSync")
        );
    });
}

#[test]
fn python_imports_aliases_and_shadowing() {
    let source = r#"
import time as t
import urllib.request
import os.path as osp
from subprocess import run as sh
import requests
t.sleep(1)
urllib.request.urlopen(u)
osp.join(a, b)
sh(["ls"])
def fetch(requests):
    requests.get(u)
session = requests.Session()
session.get(u)
"#;
    with_model("a.py", source, |semantic, tree| {
        let name = |call: &str| callee_of(semantic, tree, source, call);
        assert_eq!(name("t.sleep(1)").as_deref(), Some("time.sleep"));
        assert_eq!(
            name("urllib.request.urlopen(u)").as_deref(),
            Some("urllib.request.urlopen")
        );
        assert_eq!(name("osp.join(a, b)").as_deref(), Some("os.path.join"));
        assert_eq!(name("sh([\"ls\"])").as_deref(), Some("subprocess.run"));
        assert_eq!(name("requests.get(u)"), None);
        assert_eq!(
            name("session.get(u)").as_deref(),
            Some("requests.Session().get")
        );
    });
}

#[test]
fn loops_cover_their_bodies_not_their_iterables() {
    let source = r#"
for (const row of await load()) { save(row); }
items.forEach((item) => { track(item); });
for (let i = 0; i < n; i++) { step(i); }
for (const x of xs) { setTimeout(() => later(x)); }
"#;
    with_model("a.js", source, |semantic, tree| {
        let in_loop = |text: &str| {
            semantic
                .loop_at(find(tree, source, "call_expression", text))
                .map(|l| semantic.loop_(l).kind)
        };
        assert_eq!(in_loop("load()"), None);
        assert_eq!(in_loop("save(row)"), Some(LoopKind::ForOf));
        assert_eq!(in_loop("track(item)"), Some(LoopKind::Callback));
        assert_eq!(in_loop("step(i)"), Some(LoopKind::For));
        // A callback defined in a loop runs when something else calls it.
        assert_eq!(in_loop("later(x)"), None);
    });
    let python = "rows = [f(x) for x in load()]\nwhile pending:\n    step()\n";
    with_model("a.py", python, |semantic, tree| {
        let in_loop = |text: &str| {
            semantic
                .loop_at(find(tree, python, "call", text))
                .map(|l| semantic.loop_(l).kind)
        };
        assert_eq!(in_loop("load()"), None);
        assert_eq!(in_loop("f(x)"), Some(LoopKind::Comprehension));
        assert_eq!(in_loop("step()"), Some(LoopKind::While));
    });
}

#[test]
fn express_koa_and_routers() {
    let source = r#"
const express = require('express');
const app = express();
const router = express.Router();
app.get('/users/:id', auth, async (req, res) => {});
router.post('/orders', createOrder);
app.use(function logger(req, res, next) { next(); });
router.route('/items').get(function listItems(req, res) {});
function auth(req, res, next) { next(); }
function createOrder(req, res) { helper(); }
function helper() {}
function unused() {}
cache.get('key', function onValue(err, value) {});
app.listen(3000, function started() {});
"#;
    assert_eq!(
        handlers("app.js", source),
        vec![
            "<anonymous>",
            "logger",
            "listItems",
            "auth",
            "createOrder",
            "helper"
        ]
    );
    let koa = r#"
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
app.use(async function timing(ctx, next) { await next(); });
router.get('/health', async function health(ctx) {});
"#;
    assert_eq!(handlers("server.mjs", koa), vec!["timing", "health"]);
}

#[test]
fn fastify_hapi_and_node_http() {
    let fastify = r#"
const fastify = require('fastify')({ logger: true });
fastify.get('/a', { schema }, async function a(request, reply) {});
fastify.route({ method: 'GET', url: '/b', handler: async function b() {} });
fastify.register(async function plugin(instance) {
  instance.post('/c', async function c(request) {});
});
fastify.addHook('onRequest', async function hook(request) {});
"#;
    assert_eq!(handlers("f.js", fastify), vec!["a", "b", "c", "hook"]);
    let hapi = r#"
server.route([{ method: 'GET', path: '/a', handler: function a(request, h) {} },
              { method: 'POST', path: '/b', options: { handler: function b() {} } }]);
"#;
    assert_eq!(handlers("h.js", hapi), vec!["a", "b"]);
    let http = "import http from 'node:http';\nhttp.createServer(function serve(req, res) {}).listen(80);\n";
    assert_eq!(handlers("s.mjs", http), vec!["serve"]);
}

#[test]
fn nextjs_nestjs_and_lambda() {
    let pages =
        "export default async function handler(req, res) {}\nfunction helperNotCalled() {}\n";
    assert_eq!(handlers("web/pages/api/users.ts", pages), vec!["handler"]);
    assert!(handlers("web/lib/users.ts", pages).is_empty());
    let route =
        "export async function GET(request: Request) {}\nexport const POST = async () => {};\n";
    assert_eq!(
        handlers("src/app/api/users/route.ts", route),
        vec!["GET", "POST"]
    );
    let nest = r#"
@Controller('cats')
export class CatsController {
  constructor(private readonly cats: CatsService) {}
  onModuleInit() {}
  @Get(':id')
  findOne(@Param('id') id: string) { return this.lookup(id); }
  lookup(id: string) {}
}
"#;
    assert_eq!(
        handlers("cats.controller.ts", nest),
        vec!["findOne", "lookup"]
    );
    let lambda = "exports.handler = async (event) => {};\n";
    assert_eq!(handlers("index.js", lambda), vec!["handler"]);
    let lambda_ts = "export const handler = async (event: unknown) => {};\n";
    assert_eq!(handlers("index.ts", lambda_ts), vec!["handler"]);
}

#[test]
fn python_frameworks() {
    let source = r#"
from fastapi import FastAPI, Depends
from starlette.routing import Route
from aiohttp import web
app = FastAPI()
routes = web.RouteTableDef()

def get_db():
    pass

@app.get("/items/{id}")
async def read_item(id: int, db=Depends(get_db)):
    pass

@routes.post("/upload")
async def upload(request):
    pass

async def homepage(request):
    pass

starlette_routes = [Route("/", homepage)]

class OrderViewSet(viewsets.ModelViewSet):
    def list(self, request):
        pass

def index(request):
    pass

def utility(value):
    pass

@celery.task
def send_report():
    pass
"#;
    assert_eq!(
        handlers("app.py", source),
        vec!["get_db", "read_item", "upload", "homepage", "list", "index"]
    );
}

#[test]
fn python_global_statements_bind_the_module_name() {
    let source = "_cache = {}\ndef reset():\n    global _cache\n    _cache = {}\ndef local():\n    _cache = []\n    _cache.append(1)\n";
    with_model("a.py", source, |semantic, tree| {
        let module_binding = semantic
            .resolve_identifier(find(tree, source, "identifier", "_cache"))
            .unwrap();
        assert!(
            semantic.binding(module_binding).reassigned,
            "`global _cache` then `_cache = {{}}` reassigns it"
        );
        let in_local = find(tree, source, "call", "_cache.append(1)");
        let object = in_local
            .child_by_field_name("function")
            .unwrap()
            .child_by_field_name("object")
            .unwrap();
        assert_ne!(semantic.resolve_identifier(object), Some(module_binding));
    });
}

#[test]
fn python_event_loop_code() {
    let source = r#"
import asyncio
def blocking():
    pass
def helper():
    pass
def only_sync():
    pass
async def view():
    helper()
    await asyncio.to_thread(blocking)
def caller():
    only_sync()
"#;
    with_model("a.py", source, |semantic, _| {
        let event_loop: Vec<&str> = semantic
            .functions()
            .filter(|(_, f)| f.event_loop.is_some())
            .filter_map(|(_, f)| f.name)
            .collect();
        assert_eq!(event_loop, vec!["helper", "view"]);
    });
}

#[test]
fn start_up_functions_are_called_only_from_top_level() {
    let source = r#"
function loadConfig() { return parse(); }
function parse() {}
function perRequest() {}
class Renderer { constructor() { this.loadPartials(); } loadPartials() {} render() { this.loadPartials(); } }
class Templates { constructor() { this.compile(); } compile() {} }
const config = loadConfig();
export function handler() { perRequest(); }
perRequest();
"#;
    with_model("a.mjs", source, |semantic, _| {
        let startup: Vec<&str> = semantic
            .functions()
            .filter(|(_, f)| f.startup)
            .filter_map(|(_, f)| f.name)
            .collect();
        // `loadPartials` is also called from `render`, which may run per request.
        assert_eq!(
            startup,
            vec![
                "loadConfig",
                "parse",
                "constructor",
                "constructor",
                "compile"
            ]
        );
    });
}

#[test]
fn test_paths_include_test_helper_folders() {
    use super::is_test_path;
    for path in [
        "src/__tests__/a.js",
        "app/tests/views.py",
        "pkg/test_models.py",
        "web/a.spec.ts",
        "sentry/testutils/fixtures.py",
        "pkg/test_utils/factories.py",
    ] {
        assert!(is_test_path(Path::new(path)), "{path}");
    }
    for path in [
        "src/contest/entry.py",
        "app/views.py",
        "lib/testing_notes.js",
    ] {
        assert!(!is_test_path(Path::new(path)), "{path}");
    }
}

/// The function named `name`.
fn function_named(semantic: &Semantic<'_>, name: &str) -> FunctionId {
    semantic
        .functions()
        .find(|(_, f)| f.name == Some(name))
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no function `{name}`"))
}

#[test]
fn references_and_writes_come_from_the_recorded_walk() {
    let source = r#"
let count = 0;
function bump(step) {
  count += step;
  const count2 = count;
  return { count, step };
}
function shadow() { const count = 1; return count; }
"#;
    with_model("a.js", source, |semantic, tree| {
        let declaration = find(tree, source, "identifier", "count");
        let binding = semantic.resolve_identifier(declaration).unwrap();
        let lines: Vec<usize> = semantic
            .all_references(binding)
            .iter()
            .map(|n| n.start_position().row)
            .collect();
        // The declaration, `count +=`, `= count`, the shorthand `{ count }`; not `shadow`'s own.
        assert_eq!(lines, vec![1, 3, 4, 5]);
        let writes: Vec<&str> = semantic
            .writes(binding)
            .iter()
            .map(|a| semantic.text(a.node))
            .collect();
        assert_eq!(writes, vec!["count += step"]);
        assert_eq!(
            semantic.writes(binding)[0].operator,
            AssignmentOperator::Compound
        );
        let bump = semantic.function(function_named(semantic, "bump")).node;
        assert_eq!(semantic.calls_in(Span::from(bump)).count(), 0);
    });
}

#[test]
fn places_that_outlive_a_call() {
    let source = r#"
import flask
_engine = None
_pools = {}
def get(key):
    global _other
    local = 1
    _other = 2
    flask.g.db = 3
    _pools[key] = 4
    self_like = local
class Repo:
    def open(self):
        self.conn = 5
"#;
    with_model("a.py", source, |semantic, tree| {
        let get = function_named(semantic, "get");
        let open = function_named(semantic, "open");
        let target = |text: &str| {
            ["identifier", "attribute", "subscript"]
                .iter()
                .find_map(|kind| {
                    let mut stack = vec![tree.root_node()];
                    while let Some(node) = stack.pop() {
                        if node.kind() == *kind
                            && &source[node.byte_range()] == text
                            && node.parent().is_some_and(|p| p.kind() == "assignment")
                        {
                            return Some(node);
                        }
                        let mut cursor = node.walk();
                        stack.extend(node.children(&mut cursor));
                    }
                    None
                })
                .unwrap()
        };
        assert!(!semantic.outlives_call(target("local"), get));
        assert!(semantic.outlives_call(target("_other"), get));
        assert!(!semantic.outlives_call(target("flask.g.db"), get));
        assert!(semantic.outlives_call(target("_pools[key]"), get));
        assert!(semantic.outlives_call(target("self.conn"), open));
    });
}

#[test]
fn once_guards_test_state_their_branch_writes() {
    let source = r#"
const fs = require('fs');
let cache;
let settings;
const seen = new Map();
function lazy() { if (!cache) { cache = fs.readFileSync('a'); } return cache; }
function early() { if (cache) return cache; const t = fs.readFileSync('b'); cache = t; return t; }
function keyed(k) { if (!seen.has(k)) seen.set(k, fs.readFileSync(k)); return seen.get(k); }
function inCondition(p) { if (!fs.existsSync(p)) { cache = p; } }
function property(s) { settings = s; if (!settings.readOnly) { fs.statSync('c'); } }
function unrelated(p) { if (p) { fs.statSync('d'); } cache = p; }
"#;
    with_model("a.js", source, |semantic, tree| {
        let guarded = |function: &str, call: &str| {
            let call = find(tree, source, "call_expression", call);
            semantic
                .once_guard(
                    call,
                    function_named(semantic, function),
                    &[],
                    GuardState::Process,
                )
                .is_some()
        };
        assert!(guarded("lazy", "fs.readFileSync('a')"));
        assert!(guarded("early", "fs.readFileSync('b')"));
        assert!(guarded("keyed", "fs.readFileSync(k)"));
        // The condition runs on every call; a field of state is not the state; nor is a branch that
        // writes nothing the condition reads.
        assert!(!guarded("inCondition", "fs.existsSync(p)"));
        assert!(!guarded("property", "fs.statSync('c')"));
        assert!(!guarded("unrelated", "fs.statSync('d')"));
    });
}

#[test]
fn memoised_functions_constructors_and_generators() {
    let source = r#"
import functools
@functools.lru_cache(maxsize=None)
def engine():
    return 1
class Client:
    def __init__(self):
        pass
def lifespan():
    yield 1
def plain():
    def inner():
        yield 2
    return inner
"#;
    with_model("a.py", source, |semantic, _| {
        let id = |name| function_named(semantic, name);
        assert!(semantic.is_memoised(id("engine")));
        assert!(!semantic.is_memoised(id("plain")));
        assert!(semantic.is_constructor(id("__init__")));
        assert!(semantic.is_generator(id("lifespan")));
        assert!(!semantic.is_generator(id("plain")));
        assert!(semantic.is_generator(id("inner")));
    });
}

#[test]
fn file_kinds_from_the_path() {
    let kind = |path: &str, script: bool| FileKind::of(Path::new(path), script);
    assert_eq!(kind("app/views.py", false), FileKind::Application);
    assert_eq!(kind("app/views.py", true), FileKind::CommandLine);
    assert_eq!(
        kind("shop/migrations/0002_fill.py", false),
        FileKind::Migration
    );
    assert_eq!(kind("db/seeds/users.js", false), FileKind::Seed);
    assert_eq!(
        kind("shop/management/commands/sync.py", false),
        FileKind::CommandLine
    );
    assert_eq!(kind("webpack.config.js", false), FileKind::BuildTooling);
    assert_eq!(kind("indico/cli/user.py", false), FileKind::CommandLine);
    assert_eq!(
        kind("dist/server/command-line/upgrade.js", false),
        FileKind::CommandLine
    );
    assert_eq!(
        kind("superset/commands/dataset/importers/v0.py", false),
        FileKind::Application
    );
    assert_eq!(kind("tests/test_views.py", false), FileKind::Test);
    assert_eq!(kind("app/static/js/jquery.js", false), FileKind::Browser);
    assert_eq!(
        kind("pretix/static.dist/js/out.js", false),
        FileKind::Browser
    );
    assert_eq!(kind("public/app.js", false), FileKind::Browser);
    assert_eq!(
        kind("app/static_old/js/angular.js", false),
        FileKind::Browser
    );
    assert_eq!(
        kind("src/public_api/users.js", false),
        FileKind::Application
    );
    // Python in a static folder, and a server's own `assets` service, are not browser code.
    assert_eq!(kind("app/static/conf.py", false), FileKind::Application);
    assert_eq!(
        kind("core/server/services/assets/index.js", false),
        FileKind::Application
    );
    let context = |path: &str| Context::of_file_kind(kind(path, false));
    assert_eq!(context("gulpfile.js"), Some(Context::CommandLine));
    assert_eq!(
        context("shop/migrations/0002_fill.py"),
        Some(Context::OneOff)
    );
    assert_eq!(context("public/app.js"), Some(Context::Browser));
    assert_eq!(context("src/server.ts"), None);
}

#[test]
fn what_runs_the_code_decides_its_context() {
    let source = r#"
import express from 'express';
import { Worker } from 'bullmq';
const app = express();
const config = load();
function load() { return read('a'); }
export function service(ids) { return read('b'); }
app.get('/x', (req, res) => { res.send(read('c')); });
new Worker('mail', async (job) => { await read('d'); });
function boot(bus) { bus.on('message', (m) => read('e')); [1, 2].forEach((n) => read('f')); }
boot(bus);
"#;
    with_model("src/app.js", source, |semantic, tree| {
        let at = |needle: &str| semantic.context_at(find(tree, source, "call_expression", needle));
        assert_eq!(at("read('a')"), Context::StartUp);
        assert_eq!(at("read('b')"), Context::Unknown);
        assert_eq!(at("read('c')"), Context::Request);
        assert_eq!(at("read('d')"), Context::Job);
        // A callback handed over in start-up code runs later; an iteration callback runs there.
        assert_eq!(at("read('e')"), Context::Unknown);
        assert_eq!(at("read('f')"), Context::StartUp);
        assert_eq!(at("load()"), Context::StartUp);
    });
    let python = r#"
from celery import shared_task

@shared_task
def send_all(ids):
    notify(ids)

def helper():
    notify(1)
"#;
    with_model("shop/tasks.py", python, |semantic, tree| {
        let at = |needle: &str| semantic.context_at(find(tree, python, "call", needle));
        assert_eq!(at("notify(ids)"), Context::Job);
        assert_eq!(at("notify(1)"), Context::Unknown);
    });
    assert_eq!(
        Context::hottest([Context::StartUp, Context::Request, Context::Unknown]),
        Some(Context::Request)
    );
}

#[test]
fn decorators_applied_in_the_file() {
    let source = r#"
from other import setup
class Registry:
    def register(self, fn):
        return fn
    def setup(self, fn):
        return fn
registry = Registry()
def webhook(fn):
    return fn
def receiver(signal):
    def decorator(fn):
        return fn
    return decorator
def plain(fn):
    return fn
@webhook
@receiver("x")
def a():
    pass
@registry.register
def b():
    pass
@setup
def c():
    pass
class Model:
    @property
    def current(self):
        return 1
    @current.setter
    def current_setter(self, value):
        pass
"#;
    with_model("a.py", source, |semantic, _| {
        let id = |name| function_named(semantic, name);
        assert!(semantic.is_applied_as_decorator(id("webhook")));
        assert!(semantic.is_applied_as_decorator(id("receiver")));
        assert!(semantic.is_applied_as_decorator(id("register")));
        // Not applied: a method that only shares its name with an imported decorator (`@setup`), a
        // function only called, a nested decorator (its factory is applied), a property's getter
        // (`@current.setter` names the property's method).
        assert!(!semantic.is_applied_as_decorator(id("setup")));
        assert!(!semantic.is_applied_as_decorator(id("plain")));
        assert!(!semantic.is_applied_as_decorator(id("decorator")));
        assert!(!semantic.is_applied_as_decorator(id("current")));
    });
    let typescript = r#"
function Tracked(target: any) { return target; }
function untracked(target: any) { return target; }
@Tracked
class A {}
"#;
    with_model("a.ts", typescript, |semantic, _| {
        assert!(semantic.is_applied_as_decorator(function_named(semantic, "Tracked")));
        assert!(!semantic.is_applied_as_decorator(function_named(semantic, "untracked")));
    });
}

#[test]
fn decorator_shapes_and_registrations() {
    let source = r#"
HANDLERS = {}
def register_backend(name, cls):
    HANDLERS[name] = cls
def webhook(fn):
    HANDLERS[fn.__name__] = fn
    return fn
def hook(name):
    def decorator(fn):
        return fn
    return decorator
def sensitive(func):
    if func:
        wrapper = func
    else:
        def wrapper(*args):
            return func(*args)
    return wrapper
def lookup(key):
    value = HANDLERS[key]
    return value
def outer_name(fn):
    return HANDLERS
class Builder:
    def chain(self):
        return self
    @staticmethod
    def mark(fn):
        return fn
"#;
    with_model("a.py", source, |semantic, _| {
        let id = |name| function_named(semantic, name);
        let shapes = |name| semantic.decorator_shapes(id(name));
        assert!(matches!(
            shapes("webhook")[..],
            [DecoratorShape::ReturnsParameter(_)]
        ));
        assert_eq!(
            shapes("hook"),
            vec![DecoratorShape::ReturnsWrapper(id("decorator"))]
        );
        assert_eq!(
            shapes("sensitive"),
            vec![DecoratorShape::ReturnsWrapper(id("wrapper"))]
        );
        assert!(shapes("lookup").is_empty());
        assert!(shapes("outer_name").is_empty());
        assert!(shapes("register_backend").is_empty());
        // A method returning its receiver is fluent; a static method has no receiver.
        assert!(shapes("chain").is_empty());
        assert!(matches!(
            shapes("mark")[..],
            [DecoratorShape::ReturnsParameter(_)]
        ));
        // A registration API by its name, or a decorator applied here; not a plain helper.
        assert!(semantic.is_registration(id("register_backend")));
        assert!(!semantic.is_registration(id("webhook")));
        assert!(!semantic.is_registration(id("lookup")));
    });
}

#[test]
fn code_that_runs_while_the_module_loads() {
    let source = r#"
const express = require('express');
const names = new Map();
['a'].forEach((n) => names.set(n, 1));
function createApp() {
  const app = express();
  ['b'].forEach((n) => names.set(n, 2));
  app.get('/x', (req, res) => { names.set(req.ip, 3); });
  return app;
}
function perCall(k) { names.set(k, 4); }
module.exports = { app: createApp(), perCall };
"#;
    with_model("a.js", source, |semantic, tree| {
        let at_load =
            |call: &str| semantic.runs_at_load(find(tree, source, "call_expression", call));
        assert!(at_load("names.set(n, 1)"));
        assert!(at_load("names.set(n, 2)"));
        assert!(!at_load("names.set(req.ip, 3)"));
        assert!(!at_load("names.set(k, 4)"));
        assert!(at_load("express()"));
    });
}

#[test]
fn functions_named_in_a_region() {
    let source = r#"
function stop() {}
function helper() {}
function unrelated() {}
class Stream {
  close() {}
  start(req) {
    req.on('close', this.close);
    register({ helper });
    [1].forEach(() => stop());
    obj.unrelated = 1;
  }
}
"#;
    with_model("a.js", source, |semantic, _| {
        let id = |name| function_named(semantic, name);
        let start = semantic.function(id("start")).node;
        assert_eq!(
            semantic.functions_named_in(start),
            vec![id("close"), id("helper"), id("stop")]
        );
    });
    let python = r#"
def helper():
    pass
class View:
    def done(self):
        pass
    def get(self, request):
        request.on_close(self.done)
        helper()
        request.helper = 1
"#;
    with_model("a.py", python, |semantic, _| {
        let id = |name| function_named(semantic, name);
        let get = semantic.function(id("get")).node;
        assert_eq!(
            semantic.functions_named_in(get),
            vec![id("done"), id("helper")]
        );
    });
}

#[test]
fn string_values_of_literals() {
    let source = "const a = 'x';\nconst b = `y`;\nconst c = `z${a}`;\nconst d = a;\n";
    with_model("a.js", source, |semantic, tree| {
        let value = |text: &str| {
            let node = ["string", "template_string", "identifier"]
                .iter()
                .find_map(|kind| {
                    let mut stack = vec![tree.root_node()];
                    while let Some(node) = stack.pop() {
                        if node.kind() == *kind && &source[node.byte_range()] == text {
                            return Some(node);
                        }
                        let mut cursor = node.walk();
                        stack.extend(node.children(&mut cursor));
                    }
                    None
                })
                .unwrap();
            semantic.string_value(node)
        };
        assert_eq!(value("'x'"), Some("x"));
        assert_eq!(value("`y`"), Some("y"));
        assert_eq!(value("`z${a}`"), None);
        assert_eq!(value("a"), None);
    });
}

/// A value step in words, for the tables below.
fn describe(semantic: &Semantic<'_>, step: ValueStep<'_>) -> String {
    let text = |node: Node<'_>| semantic.text(node).to_string();
    let outlives = |outlives: bool| if outlives { " (outlives)" } else { "" };
    match step {
        ValueStep::Returned { function, caller } => format!(
            "returned from {}{}",
            semantic.function(function).name.unwrap_or("<anonymous>"),
            caller.map_or(String::new(), |c| format!(" to {}", text(c)))
        ),
        ValueStep::Yielded { function } => format!(
            "yielded by {}",
            semantic.function(function).name.unwrap_or("<anonymous>")
        ),
        ValueStep::Bound {
            target,
            binder,
            outlives_call,
            ..
        } => format!(
            "bound to {} by {binder:?}{}",
            text(target),
            outlives(outlives_call)
        ),
        ValueStep::Stored {
            target,
            binder,
            outlives_call,
            ..
        } => format!(
            "stored in {} by {binder:?}{}",
            text(target),
            outlives(outlives_call)
        ),
        ValueStep::Receiver { property, call, .. } => {
            format!(
                "receiver of {property}{}",
                if call.is_some() { "()" } else { "" }
            )
        }
        ValueStep::Indexed { .. } => "indexed".to_string(),
        ValueStep::Argument {
            call,
            position,
            keyword,
        } => format!(
            "argument {position}{} of {}",
            keyword.map_or(String::new(), |k| format!(" ({k}=)")),
            semantic.callee(call).map_or(String::new(), text)
        ),
        ValueStep::Embedded { container } => format!("embedded in {}", container.kind()),
        ValueStep::Fallback { primary, .. } => format!("fallback of {}", text(primary)),
        ValueStep::Entered { .. } => "entered".to_string(),
        ValueStep::Discarded { .. } => "discarded".to_string(),
        ValueStep::Exported { .. } => "exported".to_string(),
        ValueStep::Written => "written".to_string(),
        ValueStep::Other => "other".to_string(),
    }
}

/// Checks the step of each call `make(N)` (the N-th in `expected`, from 0).
fn assert_steps(path: &str, source: &str, expected: &[&str]) {
    with_model(path, source, |semantic, tree| {
        let kind = if semantic.language() == Language::Python {
            "call"
        } else {
            "call_expression"
        };
        for (n, want) in expected.iter().enumerate() {
            let call = find(tree, source, kind, &format!("make({n})"));
            let got = describe(semantic, semantic.value_step(call));
            assert_eq!(&got, want, "make({n}) in {path}");
        }
    });
}

#[test]
fn javascript_value_steps() {
    let source = r#"
let cached;
export default make(0);
async function f(res) {
  const a = await make(1);
  cached = make(2);
  this.pool = make(3);
  make(4).query();
  (make(5)).length;
  res.send('x', make(6));
  const o = { key: make(7), list: [make(8)], text: `${make(9)}`, ...make(10) };
  const b = cached ?? make(11);
  const c = (cond ? make(12) : null);
  make(13);
  void make(14);
  make(15)[0];
  if (make(16) === 1) {}
  let [x, { y = make(17) }] = make(18);
  const d = make(19) ?? other;
  const e = ready && make(20);
  tag`${make(21)}`;
  return make(22);
}
const g = () => make(23);
function* gen() { yield make(24); }
pool ||= make(25);
function helper() { return make(26); }
app.get('/', (req, res) => { res.json(helper()); });
"#;
    assert_steps(
        "a.js",
        source,
        &[
            "exported",
            "bound to a by Declaration",
            "bound to cached by Assignment(Plain) (outlives)",
            "stored in this.pool by Assignment(Plain) (outlives)",
            "receiver of query()",
            "receiver of length",
            "argument 1 of res.send",
            "embedded in object",
            "embedded in array",
            "embedded in template_string",
            "embedded in spread_element",
            "fallback of cached",
            "bound to c by Declaration",
            "discarded",
            "discarded",
            "indexed",
            "other",
            "other",
            "bound to [x, { y = make(17) }] by Declaration",
            "bound to d by Declaration",
            "bound to e by Declaration",
            "embedded in template_string",
            "returned from f",
            "returned from g",
            "yielded by gen",
            "bound to pool by Assignment(IfMissing) (outlives)",
            "returned from helper to helper()",
        ],
    );
}

#[test]
fn typescript_value_steps_and_parameters() {
    let source = r#"
class Repo {
  constructor(@Inject(TOKEN) private readonly token: string) {}
  open(@Res() res: Response, { a, b }: Opts, c = 1, ...rest: string[]) {
    const x = make(0) as Pool;
    const y = make(1)!;
    const z = <Pool>make(2);
    this.client = make(3) satisfies Client;
    return res;
  }
}
"#;
    assert_steps(
        "a.ts",
        source,
        &[
            "bound to x by Declaration",
            "bound to y by Declaration",
            "bound to z by Declaration",
            "stored in this.client by Assignment(Plain) (outlives)",
        ],
    );
    with_model("a.ts", source, |semantic, tree| {
        let open = function_named(semantic, "open");
        let parameters = semantic.parameters(open);
        assert_eq!(parameters.len(), 4);
        let names: Vec<Option<&str>> = parameters
            .iter()
            .map(|p| semantic.parameter_name(*p).map(|n| semantic.text(n)))
            .collect();
        assert_eq!(names, vec![Some("res"), None, Some("c"), None]);
        let decorators: Vec<&str> = semantic
            .decorators(parameters[0])
            .iter()
            .map(|d| semantic.text(*d))
            .collect();
        assert_eq!(decorators, vec!["@Res()"]);
        let bound: Vec<&str> = semantic
            .parameter_bindings(open)
            .iter()
            .map(|b| semantic.binding(*b).name)
            .collect();
        assert_eq!(bound, vec!["res", "a", "b", "c", "rest"]);
        let b = find(tree, source, "shorthand_property_identifier_pattern", "b");
        let binding = semantic.resolve_identifier(b).unwrap();
        assert_eq!(semantic.parameter_position(binding), Some((open, 1)));
    });
}

#[test]
fn python_value_steps_and_decorators() {
    let source = r#"
import flask
from celery import shared_task
_engine = None
def view(request):
    global _engine
    conn = make(0)
    _engine = make(1)
    flask.g.db = make(2)
    make(3).cursor()
    with make(4) as c:
        pass
    with make(5):
        pass
    send(1, to=make(6))
    d = {"k": make(7), make(8): 1}
    s = f"{make(9)}"
    e = _engine or make(10)
    if (w := make(11)):
        pass
    make(12)["db"]
    a, b = make(13)
    t = make(14) if x else None
    u = make(15) + 1
    if not make(16):
        pass
    return make(17), 200
lam = lambda: make(18)
def gen():
    yield make(19)
@shared_task
# a comment between
@other(1)
def task():
    return make(20)
"#;
    assert_steps(
        "a.py",
        source,
        &[
            "bound to conn by Assignment(Plain)",
            "bound to _engine by Assignment(Plain) (outlives)",
            "stored in flask.g.db by Assignment(Plain)",
            "receiver of cursor()",
            "bound to c by With",
            "entered",
            "argument 1 (to=) of send",
            "embedded in dictionary",
            "embedded in dictionary",
            "embedded in string",
            "fallback of _engine",
            "bound to w by Walrus",
            "indexed",
            "bound to a, b by Assignment(Plain)",
            "bound to t by Assignment(Plain)",
            "embedded in binary_operator",
            "other",
            "embedded in expression_list",
            "returned from <anonymous>",
            "yielded by gen",
            "returned from task",
        ],
    );
    with_model("a.py", source, |semantic, _| {
        let task = semantic.function(function_named(semantic, "task")).node;
        let decorators: Vec<&str> = semantic
            .decorators(task)
            .iter()
            .map(|d| semantic.text(*d))
            .collect();
        assert_eq!(decorators, vec!["@shared_task", "@other(1)"]);
        let view = function_named(semantic, "view");
        let request = semantic.parameter_bindings(view)[0];
        assert_eq!(semantic.parameter_position(request), Some((view, 0)));
    });
}

#[test]
fn reads_leave_out_declarations_and_writes() {
    let source = r#"
function h(list) {
  let pdf = make();
  pdf = again(pdf);
  [pdf] = list;
  for (pdf of list) {}
  send(pdf);
}
"#;
    with_model("a.js", source, |semantic, tree| {
        let pdf = semantic
            .resolve_identifier(find(tree, source, "identifier", "pdf"))
            .unwrap();
        let h = semantic.function(function_named(semantic, "h")).node;
        let reads: Vec<String> = semantic
            .reads(pdf, h)
            .iter()
            .map(|r| semantic.text(r.parent().unwrap()).to_string())
            .collect();
        assert_eq!(reads, vec!["(pdf)", "(pdf)"]);
        assert_eq!(semantic.references(pdf, h).len(), 6);
    });
    let source = r#"
_engine = None
def get(xs):
    global _engine
    for _engine in xs:
        pass
    _engine += 1
    return _engine
"#;
    with_model("a.py", source, |semantic, tree| {
        let engine = semantic
            .resolve_identifier(find(tree, source, "identifier", "_engine"))
            .unwrap();
        let reads: Vec<String> = semantic
            .reads(engine, semantic.root())
            .iter()
            .map(|r| semantic.text(r.parent().unwrap()).to_string())
            .collect();
        assert_eq!(reads, vec!["return _engine"]);
    });
}

#[test]
fn pattern_targets_list_names_and_places_not_defaults() {
    let source = "const { a, b: [c, d = e], ...rest } = v;\n[obj.p, arr[i]] = w;\n";
    with_model("a.js", source, |semantic, tree| {
        let targets = |kind: &str, text: &str| -> Vec<String> {
            semantic
                .pattern_targets(find(tree, source, kind, text))
                .iter()
                .map(|t| semantic.text(*t).to_string())
                .collect()
        };
        assert_eq!(
            targets("object_pattern", "{ a, b: [c, d = e], ...rest }"),
            vec!["a", "c", "d", "rest"]
        );
        assert_eq!(
            targets("array_pattern", "[obj.p, arr[i]]"),
            vec!["obj.p", "arr[i]"]
        );
    });
    let source = "a, (b, *c), d.e = v\n";
    with_model("a.py", source, |semantic, tree| {
        let pattern = find(tree, source, "pattern_list", "a, (b, *c), d.e");
        let targets: Vec<&str> = semantic
            .pattern_targets(pattern)
            .iter()
            .map(|t| semantic.text(*t))
            .collect();
        assert_eq!(targets, vec!["a", "b", "c", "d.e"]);
    });
}

#[test]
fn arguments_by_keyword_or_position_and_object_properties() {
    let source = "pdfkit.from_string(html, *rest, output_path='o.pdf')\nsave(buf, 'PNG', fp=out)\n";
    with_model("a.py", source, |semantic, tree| {
        let text = |node: Option<Node<'_>>| node.map(|n| semantic.text(n).to_string());
        let first = find(
            tree,
            source,
            "call",
            "pdfkit.from_string(html, *rest, output_path='o.pdf')",
        );
        assert_eq!(
            text(semantic.argument_for(first, 1, "output_path")).as_deref(),
            Some("'o.pdf'")
        );
        assert_eq!(
            text(semantic.argument_for(first, 0, "input")).as_deref(),
            Some("html")
        );
        assert_eq!(semantic.argument_for(first, 1, "nothing"), None);
        let second = find(tree, source, "call", "save(buf, 'PNG', fp=out)");
        assert_eq!(
            text(semantic.argument_for(second, 0, "fp")).as_deref(),
            Some("out")
        );
        assert_eq!(semantic.keyword_argument(second, "format"), None);
    });
    let source = "page.pdf({ format: 'A4', 'path': out, landscape });\n";
    with_model("a.js", source, |semantic, tree| {
        let options = find(
            tree,
            source,
            "object",
            "{ format: 'A4', 'path': out, landscape }",
        );
        let value = |key: &str| {
            semantic
                .object_property(options, key)
                .map(|v| semantic.text(v))
        };
        assert_eq!(value("path"), Some("out"));
        assert_eq!(value("landscape"), Some("landscape"));
        assert_eq!(value("scale"), None);
    });
}

#[test]
fn the_function_keyword_is_not_a_function() {
    let source = "function a() {}\nconst b = function () {};\nconst c = async function* () {};\n";
    with_model("a.js", source, |semantic, _| {
        let kinds: Vec<&str> = semantic.functions().map(|(_, f)| f.node.kind()).collect();
        assert_eq!(
            kinds,
            vec![
                "function_declaration",
                "function_expression",
                "generator_function"
            ]
        );
    });
}

/// What `fills` answers for the collection spelled `text` (its first occurrence of `kind`), as
/// `assigned VALUE` / `added ELEMENT` and whether each runs at start-up.
fn fills_of(
    semantic: &Semantic<'_>,
    tree: &Tree,
    source: &str,
    kind: &str,
    text: &str,
) -> Option<Vec<(String, bool)>> {
    let collection = find(tree, source, kind, text);
    semantic.fills(collection).map(|fills| {
        fills
            .iter()
            .map(|fill| {
                let what = match fill {
                    Fill::Assigned { value, .. } => format!("assigned {}", semantic.text(*value)),
                    Fill::Added { element, .. } => {
                        format!("added {}", element.map_or("", |e| semantic.text(e)))
                    }
                };
                (what, semantic.runs_at_load(fill.at()))
            })
            .collect()
    })
}

#[test]
fn fills_of_variables_and_members() {
    let source = r#"
const hooks = [];
hooks.push(audit);
function addHook(fn) { hooks.push(fn); }
function handle(req) { const jobs = req.body.jobs; jobs.push(extra); }
const routes = new Map();
function route(path, handler) { routes.set(path, handler); }
class Bus {
  listeners = [];
  constructor(adapters) { this.adapters = adapters; }
  on(fn) { this.listeners.push(fn); }
}
"#;
    with_model("a.js", source, |semantic, tree| {
        let hooks = fills_of(semantic, tree, source, "identifier", "hooks").unwrap();
        assert_eq!(
            hooks,
            vec![
                ("assigned []".to_string(), true),
                ("added audit".to_string(), true),
                ("added fn".to_string(), false),
            ]
        );
        let jobs = fills_of(semantic, tree, source, "identifier", "jobs").unwrap();
        assert_eq!(
            jobs,
            vec![
                ("assigned req.body.jobs".to_string(), false),
                ("added extra".to_string(), false),
            ]
        );
        let routes = fills_of(semantic, tree, source, "identifier", "routes").unwrap();
        assert_eq!(
            routes,
            vec![
                ("assigned new Map()".to_string(), true),
                ("added handler".to_string(), false),
            ]
        );
        let listeners = fills_of(
            semantic,
            tree,
            source,
            "member_expression",
            "this.listeners",
        )
        .unwrap();
        assert_eq!(
            listeners,
            vec![
                ("assigned []".to_string(), true),
                ("added fn".to_string(), false),
            ]
        );
        let adapters =
            fills_of(semantic, tree, source, "member_expression", "this.adapters").unwrap();
        // Constructors count as start-up code (see `mark_nest_and_startup`).
        assert_eq!(adapters, vec![("assigned adapters".to_string(), true)]);
        // A parameter's writes are not all in this file.
        assert!(fills_of(semantic, tree, source, "identifier", "req").is_none());
    });
}

#[test]
fn fills_of_python_members_and_items() {
    let source = r#"
class Signal:
    receivers = []
    def __init__(self):
        self.cache = {}
    def connect(self, receiver):
        self.receivers.append(receiver)
        self.cache[receiver] = True
"#;
    with_model("a.py", source, |semantic, tree| {
        let receivers = fills_of(semantic, tree, source, "attribute", "self.receivers").unwrap();
        assert_eq!(
            receivers,
            vec![
                ("assigned []".to_string(), true),
                ("added receiver".to_string(), false),
            ]
        );
        let cache = fills_of(semantic, tree, source, "attribute", "self.cache").unwrap();
        assert_eq!(
            cache,
            vec![
                ("assigned {}".to_string(), false),
                ("added True".to_string(), false),
            ]
        );
    });
}

#[test]
fn parameters_and_produced_values() {
    let source = r#"
def chunks(items, size=10):
    for start in range(0, len(items), size):
        yield items[start:start + size]
    def inner():
        return 1
def pick(a, b: int):
    return b
"#;
    with_model("a.py", source, |semantic, _| {
        let chunks = function_named(semantic, "chunks");
        let produced: Vec<&str> = semantic
            .produced_values(chunks)
            .iter()
            .map(|v| semantic.text(*v))
            .collect();
        assert_eq!(produced, vec!["items[start:start + size]"]);
        let name = |f, i| semantic.parameter(f, i).map(|b| semantic.binding(b).name);
        assert_eq!(name(chunks, 1), Some("size"));
        let pick = function_named(semantic, "pick");
        assert_eq!(name(pick, 1), Some("b"));
        assert_eq!(name(pick, 2), None);
    });
    let source = "const run = (task) => task();\nfunction f(x = 1, { y }) {}\n";
    with_model("a.js", source, |semantic, _| {
        let run = function_named(semantic, "run");
        assert_eq!(
            semantic.parameter(run, 0).map(|b| semantic.binding(b).name),
            Some("task")
        );
        let produced: Vec<&str> = semantic
            .produced_values(run)
            .iter()
            .map(|v| semantic.text(*v))
            .collect();
        assert_eq!(produced, vec!["task()"]);
        let f = function_named(semantic, "f");
        assert_eq!(
            semantic.parameter(f, 0).map(|b| semantic.binding(b).name),
            Some("x")
        );
        assert_eq!(semantic.parameter(f, 1), None);
    });
}

#[test]
fn decorators_resolve_through_imports() {
    let source = r#"
import strawberry
from strawberry import field as gql_field
from shop import decorators

@strawberry.type
class Query:
    @gql_field(description="x")
    def orders(self): ...
    @decorators.strawberry_field
    def other(self): ...
"#;
    with_model("a.py", source, |semantic, tree| {
        let name = |text: &str| {
            semantic
                .decorator_name(find(tree, source, "decorator", text))
                .map(|n| n.to_string())
        };
        assert_eq!(name("@strawberry.type").as_deref(), Some("strawberry.type"));
        assert_eq!(
            name("@gql_field(description=\"x\")").as_deref(),
            Some("strawberry.field")
        );
        assert_eq!(
            name("@decorators.strawberry_field").as_deref(),
            Some("shop.decorators.strawberry_field")
        );
    });
}

#[test]
fn compiled_module_interop_resolves_to_the_module() {
    let source = r#"
var __importDefault = (this && this.__importDefault) || function (mod) { return mod; };
const fs_1 = __importDefault(require("fs"));
const p_limit_1 = tslib_1.__importDefault(require("p-limit"));
const path = __importStar(require("path"));
fs_1.default.readFileSync('a');
(0, fs_1.default.statSync)('b');
(0, p_limit_1.default)(4);
path.join('c');
fs_1.other('d');
"#;
    with_model("dist/app.js", source, |semantic, tree| {
        let callee = |text: &str| callee_of(semantic, tree, source, text);
        assert_eq!(
            callee("fs_1.default.readFileSync('a')").as_deref(),
            Some("fs.readFileSync")
        );
        assert_eq!(
            callee("(0, fs_1.default.statSync)('b')").as_deref(),
            Some("fs.statSync")
        );
        assert_eq!(
            callee("(0, p_limit_1.default)(4)").as_deref(),
            Some("p-limit")
        );
        assert_eq!(callee("path.join('c')").as_deref(), Some("path.join"));
        // `__importDefault` wraps the module: only its `default` is the module.
        assert_ne!(callee("fs_1.other('d')").as_deref(), Some("fs.other"));
    });
}

#[test]
fn scope_names_qualify_methods_by_their_class_and_skip_callbacks() {
    let js = "class OrderService {\n  list(ids) {\n    return ids.map((id) => load(id));\n  }\n}\n\
function outer() {\n  const inner = () => touch();\n}\nmodule.exports = top();\n";
    with_model("a.js", js, |semantic, tree| {
        let scope = |call: &str| {
            let node = find(tree, js, "call_expression", call);
            semantic.scope_name(Span::from(node))
        };
        assert_eq!(scope("load(id)").as_deref(), Some("OrderService.list"));
        assert_eq!(scope("touch()").as_deref(), Some("outer.inner"));
        assert_eq!(scope("top()"), None);
    });
    let py = "class Repo:\n    def all(self):\n        return [fetch(x) for x in y]\n\ndef run():\n    go()\n";
    with_model("a.py", py, |semantic, tree| {
        let scope = |call: &str| {
            let node = find(tree, py, "call", call);
            semantic.scope_name(Span::from(node))
        };
        assert_eq!(scope("fetch(x)").as_deref(), Some("Repo.all"));
        assert_eq!(scope("go()").as_deref(), Some("run"));
    });
}

#[test]
fn uses_of_other_modules_exports_carry_what_runs_them() {
    let source = r#"
const boot = require('./boot');
const { render } = require('./views');
const paths = __importStar(require("./paths"));
import loadLocale from './locale.js';
import { helper } from 'lodash-helpers';
export * from './disk.js';
export { readManifest as manifest } from './manifest.js';
__exportStar(require("./store"), exports);

const config = boot.loadConfig();
(0, paths.ensureDirs)();
loadLocale('en');
setInterval(render, 1000);
helper();

function start() {
  boot.init();
  [1, 2].forEach(() => boot.warm());
}
exports.start = start;

app.get('/', (req, res) => res.send(render('home')));
register(boot);
"#;
    with_model("server.js", source, |semantic, _| {
        let uses: Vec<(String, Option<String>, bool, CallContext)> = semantic
            .outgoing_calls()
            .iter()
            .map(|u| {
                (
                    u.specifier.clone(),
                    u.member.clone(),
                    u.whole_module,
                    u.context.clone(),
                )
            })
            .collect();
        let some = |s: &str| Some(s.to_string());
        let expected = [
            ("./disk.js", None, false, CallContext::ReExported),
            (
                "./manifest.js",
                some("readManifest"),
                false,
                CallContext::Export(some("manifest")),
            ),
            ("./store", None, false, CallContext::ReExported),
            ("./boot", some("loadConfig"), false, CallContext::StartUp),
            ("./paths", some("ensureDirs"), false, CallContext::StartUp),
            ("./locale.js", None, false, CallContext::StartUp),
            ("./views", some("render"), false, CallContext::Other),
            (
                "./boot",
                some("init"),
                false,
                CallContext::Export(some("start")),
            ),
            (
                "./boot",
                some("warm"),
                false,
                CallContext::Export(some("start")),
            ),
            ("./views", some("render"), false, CallContext::Handler),
            ("./boot", None, true, CallContext::Other),
        ];
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(s, m, w, c)| (s.to_string(), m, w, c))
            .collect();
        assert_eq!(uses, expected);
    });
}

#[test]
fn what_an_export_hands_on_to_other_modules_on_every_call() {
    let source = "import { findUser, findMany } from './users';\n\
export { findUser as byId } from './users';\n\
export * from './orders';\n\
const seen = new Map();\n\
export async function profileOf(id) { const u = await findUser(id); return u.name; }\n\
export async function maybe(id, wanted) { if (wanted) { return findUser(id); } return null; }\n\
export async function cached(id) { if (seen.has(id)) return seen.get(id); const u = await findUser(id); seen.set(id, u); return u; }\n\
export async function each(ids) { for (const id of ids) { await findUser(id); } }\n";
    with_model("lib/profiles.js", source, |semantic, _| {
        let handed = |member: &str| {
            semantic
                .handed_on(Some(member))
                .into_iter()
                .map(|(specifier, member, _)| format!("{specifier}:{}", member.unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        assert_eq!(handed("profileOf"), ["./users:findUser"]);
        // Conditional, after a cache hit's return, or in a loop of its own: not on every call.
        assert!(handed("maybe").is_empty());
        assert!(handed("cached").is_empty());
        assert!(handed("each").is_empty());
        // Exported again under another name; anything else may come from the `export *`.
        assert_eq!(handed("byId"), ["./users:findUser"]);
        assert_eq!(handed("listOrders"), ["./orders:listOrders"]);
    });
    let package = "from .orders import order_by_number\n";
    with_model("shop/selectors/__init__.py", package, |semantic, _| {
        let handed = semantic.handed_on(Some("order_by_number"));
        assert_eq!(handed.len(), 1);
        assert_eq!(
            (handed[0].0.as_str(), handed[0].1.as_deref()),
            (".orders", Some("order_by_number"))
        );
    });
}

#[test]
fn calls_in_loops_that_may_run_a_query_are_marked() {
    let source = "const repo = require('./repo');\n\
const fmt = require('./fmt');\n\
for (const x of [1, 2]) { repo.touch(x); }\n\
async function run(ids) {\n\
  for (const id of ids) {\n\
    await repo.find(id);\n\
    repo.touch(id);\n\
    const key = fmt.key(id);\n\
    if (fmt.isDeleted(id)) continue;\n\
  }\n\
  await Promise.all(ids.map((id) => repo.load(id)));\n\
  for (const name of ['a', 'b']) { await repo.find(name); }\n\
  while (ids.length) { await repo.find(ids.pop()); }\n\
}\n\
module.exports = { run };\n";
    with_model("lib/run.js", source, |semantic, _| {
        let marked: Vec<String> = semantic
            .outgoing_calls()
            .iter()
            .filter(|c| c.in_loop)
            .map(|c| format!("{}:{}", c.line, c.member.as_deref().unwrap_or_default()))
            .collect();
        // Awaited, left to run, returned by a `map` callback; not a value tested or bound without
        // `await`, not over a written-out list, not in a `while` loop, not at start-up.
        assert_eq!(marked, ["6:find", "7:touch", "11:load"]);
    });
    let python = "from app.repo import find\n\
for x in range(3):\n    find(x)\n\
def run(ids):\n    for i in ids:\n        find(i)\n    for name in ('a', 'b'):\n        find(name)\n";
    with_model("app/run.py", python, |semantic, _| {
        let marked: Vec<u32> = semantic
            .outgoing_calls()
            .iter()
            .filter(|c| c.in_loop)
            .map(|c| c.line)
            .collect();
        assert_eq!(marked, [6]);
    });
}

#[test]
fn names_imported_from_project_modules_say_where_they_are_declared() {
    let python = "from billing.models import Order\nfrom .models import Customer\nfrom ..core.models import Tag\nimport json\nfrom billing.models import Order as BillingOrder\n";
    with_model("shop/api/views.py", python, |semantic, _| {
        let origin = |name: &str| semantic.import_origin(name).map(|(path, _)| path);
        assert_eq!(origin("Order").as_deref(), Some("billing/models"));
        assert_eq!(origin("Customer").as_deref(), Some("shop/api/models"));
        assert_eq!(origin("Tag").as_deref(), Some("shop/core/models"));
        assert_eq!(origin("json").as_deref(), Some("json"));
        assert_eq!(origin("missing"), None);
        // A renamed import says the name it has where it is declared.
        assert_eq!(
            semantic.import_origin("BillingOrder"),
            Some(("billing/models".to_string(), Some("Order")))
        );
    });
    let javascript = "import { Order } from '../models/order.js';\nconst { User } = require('./user');\nimport { PrismaClient } from '@prisma/client';\n";
    with_model("src/routes/orders.ts", javascript, |semantic, _| {
        let origin = |name: &str| semantic.import_origin(name).map(|(path, _)| path);
        assert_eq!(origin("Order").as_deref(), Some("src/models/order"));
        assert_eq!(origin("User").as_deref(), Some("src/routes/user"));
        assert_eq!(origin("PrismaClient"), None);
    });
}

#[test]
fn methods_of_injected_classes_exported_instances_and_lazy_imports_are_calls_of_their_modules() {
    let source = "import { OrdersService, ordersLookup } from './orders.service';\n\
import { Logger } from '@nestjs/common';\n\
export class OrdersController {\n\
  constructor(private readonly orders: OrdersService, private readonly log: Logger) {}\n\
  async all(ids: number[]) {\n\
    for (const id of ids) { await this.orders.findOne(id); }\n\
    this.log.warn('done');\n\
    return ordersLookup.count();\n\
  }\n\
  async lazy(ids: number[]) {\n\
    const { findUser } = await import('./users');\n\
    for (const id of ids) { await findUser(id); }\n\
  }\n\
}\n";
    with_model("src/orders.controller.ts", source, |semantic, _| {
        let calls: Vec<String> = semantic
            .outgoing_calls()
            .iter()
            .filter(|c| c.member.as_deref().is_some_and(|m| m.contains('.')) || c.in_loop)
            .map(|c| {
                format!(
                    "{}:{}:{}",
                    c.line,
                    c.member.as_deref().unwrap_or_default(),
                    c.in_loop
                )
            })
            .collect();
        // The injected service's method (in a loop), the exported instance's, and the function of a
        // module loaded on first use; not the package's Logger.
        assert_eq!(
            calls,
            [
                "6:OrdersService.findOne:true",
                "8:ordersLookup.count:false",
                "12:findUser:true"
            ]
        );
    });
    let service = "export class OrdersService {\n  findOne(id) { return id; }\n}\n\
export const ordersLookup = new OrdersService();\n\
class Hidden { findOne() {} }\n";
    with_model("src/orders.service.ts", service, |semantic, _| {
        let method = semantic.exported_function(Some("OrdersService.findOne"));
        assert!(method.is_some());
        assert_eq!(
            semantic.exported_function(Some("ordersLookup.findOne")),
            method
        );
        assert_eq!(
            semantic.exported_function(Some("OrdersService.missing")),
            None
        );
    });
}
