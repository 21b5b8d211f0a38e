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
    assert_eq!(kind("tests/test_views.py", false), FileKind::Test);
    assert!(kind("gulpfile.js", false).is_tooling());
    assert!(!kind("src/server.ts", false).is_tooling());
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
                (what, semantic.runs_at_startup(fill.at()))
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
