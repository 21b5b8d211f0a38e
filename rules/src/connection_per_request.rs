use crate::helpers::{handler_label, head_span};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::semantic::{
    AssignmentOperator, Binder, BindingId, BindingKind, FunctionId, GuardState, ScopeKind,
    Semantic, ValueStep,
};
use snag_core::frameworks::calls::{self, Client, Construct};
use snag_core::frameworks::{python_stdlib, redis};
use snag_core::trigger::Trigger;
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a database or cache client created in code that runs once per request or once per call:
    ///
    /// - **JavaScript/TypeScript:** `pg` (`new Pool()`, `new Client()`), `mysql`/`mysql2`
    ///   (`createConnection`, `createPool`), `mongodb` (`new MongoClient(...)`, `MongoClient.connect(...)`),
    ///   `ioredis` (`new Redis()`), `redis` (`createClient()`), `@prisma/client` (`new PrismaClient()`),
    ///   `knex(...)`, `new Sequelize(...)`, `mongoose.createConnection(...)` and `postgres(...)`.
    /// - **Python:** `psycopg2.connect`, `psycopg.connect`, `pymysql.connect`, `MySQLdb.connect`,
    ///   `redis.Redis(...)`/`StrictRedis`/`from_url` (and `redis.asyncio`), SQLAlchemy `create_engine` and
    ///   `create_async_engine`, `pymongo.MongoClient`, motor's `AsyncIOMotorClient`, `asyncpg.connect` and
    ///   `asyncpg.create_pool`, `aiomysql`, psycopg pools.
    ///
    /// The names are resolved, however they were imported (`require`, destructuring, `import ... as`).
    /// In request handler code (routes, controller methods, Next.js API routes, Lambda handlers, Django and
    /// Flask views, FastAPI routes and their `Depends` dependencies, and the functions they call) every
    /// such call is reported. In any other function it is reported only when the client does not outlive
    /// the call: it is not returned, yielded, stored in a module-level variable or on `this`/`self`, nor
    /// handed to other code (unless the function closes it again itself).
    ///
    /// ## Why is this bad?
    /// A new client opens new connections: a TCP handshake, a TLS handshake and an authentication round
    /// trip with the server before the first query runs, which often costs more than the query itself.
    /// Every request in flight holds its own connections, so under load the server's connection limit
    /// (`max_connections`, Redis `maxclients`) is reached and requests fail; pools created per request that
    /// are never closed leak their connections until the process dies.
    ///
    /// ## Example
    /// ```js
    /// app.get('/users/:id', async (req, res) => {
    ///   const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    ///   const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
    ///   res.json(rows[0]);
    /// });
    /// ```
    /// ```python
    /// @app.get("/cart/{user_id}")
    /// async def cart(user_id: int):
    ///     r = redis.asyncio.from_url(REDIS_URL)
    ///     return await r.hgetall(f"cart:{user_id}")
    /// ```
    ///
    /// ## Use instead
    /// Create one client or pool at module level (or at start-up) and reuse it:
    /// ```js
    /// const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    ///
    /// app.get('/users/:id', async (req, res) => {
    ///   const { rows } = await pool.query('select * from users where id = $1', [req.params.id]);
    ///   res.json(rows[0]);
    /// });
    /// ```
    /// ```python
    /// r = redis.asyncio.from_url(REDIS_URL)
    ///
    /// @app.get("/cart/{user_id}")
    /// async def cart(user_id: int):
    ///     return await r.hgetall(f"cart:{user_id}")
    /// ```
    ///
    /// ## Stays quiet on
    /// - clients created at module level, and in start-up code: functions called only from module top
    ///   level, NestJS constructors, `onModuleInit`/`onApplicationBootstrap`, `useFactory` providers,
    ///   `app.listen` callbacks, Python `__init__`/`__enter__`/`__aenter__`;
    /// - lazily-initialised singletons: `if (!pool) pool = new Pool()`, `pool ??= new Pool()`,
    ///   `if (!pools.has(k)) pools.set(k, new Pool())`, `global _engine` with `if _engine is None:`, and
    ///   factories decorated with `functools.lru_cache`/`functools.cache`/`cached_property`;
    /// - checking out a pooled connection: `pool.connect()`, `pool.getConnection()`, `pool.acquire()`,
    ///   `engine.connect()`, `Session(engine)`, a `sessionmaker` call;
    /// - `redis.Redis(connection_pool=shared_pool)`: a cheap wrapper around a shared pool;
    /// - outside handler code: factories that return, yield or store the client (called once at boot,
    ///   typically), clients captured by closures that outlive the call;
    /// - `sqlite3` and the URLs of dialects that run in the process (`create_engine("sqlite://")`,
    ///   `duckdb://`, `gsheets://`): a local file, memory or an API adapter, cheap to open;
    /// - test files, executable scripts (`#!`), and tooling folders (`scripts/`, `bin/`, `migrations/`,
    ///   `seeds/`, Django `management/commands/`).
    pub struct ConnectionPerRequest {
        id: "connection-per-request",
        summary: "A database or cache client created per request instead of once per process",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["new_expression", "call_expression"],
                // The client's module, as an import or `require` names it.
                triggers: [client_triggers(LanguageFamily::JavaScript, calls::client_modules, import)],
                // The client's own name (the last part of its qualified name).
                requires: [[client_triggers(LanguageFamily::JavaScript, calls::client_spellings, literal)]],
            },
            Python {
                kinds: ["call"],
                // The client's module, imported (`import redis`, `from sqlalchemy import ...`, `import os, redis`).
                triggers: [client_triggers(LanguageFamily::Python, calls::client_modules, import)],
                // The client's own name, created in a function.
                requires: [
                    [client_triggers(LanguageFamily::Python, calls::client_spellings, literal)],
                    [word("def"), word("lambda")],
                ],
            },
        ],
    }
}

/// Triggers made of what the family's clients say a file must contain (see [`calls::client_modules`]
/// and [`calls::client_spellings`]).
fn client_triggers(
    family: LanguageFamily,
    text: fn(LanguageFamily) -> Vec<&'static str>,
    trigger: fn(&str) -> Trigger,
) -> Vec<Trigger> {
    text(family).into_iter().map(trigger).collect()
}

impl Rule for ConnectionPerRequest {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        if semantic.is_script() {
            return;
        }
        let Some(client) = client_of(semantic, node) else {
            return;
        };
        let Some(function) = semantic.function_at(node) else {
            return;
        };
        if semantic.is_startup_code(node)
            || semantic
                .enclosing_functions(node)
                .any(|f| semantic.is_memoised(f) || semantic.is_constructor(f))
        {
            return;
        }
        let usage = value_usage(semantic, node, function, 0);
        if usage.singleton {
            return;
        }
        let callee = semantic.callee(node).map_or("", |c| semantic.text(c));
        let shown = if node.kind() == "new_expression" {
            format!("`new {callee}(...)`")
        } else {
            format!("`{callee}(...)`")
        };
        const WHY: &str = "each one pays a TCP + TLS + authentication handshake with the server before its first query, and";
        let diagnostic = if let Some(handler) = semantic.handler_function(node) {
            let mut diagnostic = ctx
                .diagnostic(
                    node,
                    format!(
                        "{shown} opens {} on every request: {WHY} every request in flight holds its own connections against the server's connection limit.",
                        client.what
                    ),
                )
                .with_help(format!(
                    "Create it once and reuse it across requests: {}.",
                    client.instead
                ));
            if let Some(label) = handler_label(semantic, handler) {
                diagnostic.labels.push(label);
            }
            diagnostic
        } else {
            if usage.escapes_strong
                || (usage.escapes_weak && usage.closed.is_none())
                || semantic.is_generator(function)
            {
                return;
            }
            let f = semantic.function(function);
            let owner = f
                .name
                .map_or_else(|| "this function".to_string(), |n| format!("`{n}`"));
            let mut diagnostic = ctx
                .diagnostic(
                    node,
                    format!(
                        "{shown} opens {} every time {owner} runs and drops it when the call ends: {WHY} concurrent calls each hold their own connections against the server's connection limit.",
                        client.what
                    ),
                )
                .with_help(format!(
                    "Create it once and reuse it across calls: {}.",
                    client.instead
                ))
                .with_label(
                    head_span(semantic, f.node),
                    "runs once per call: the client is neither returned nor stored",
                );
            if let Some(close) = usage.closed {
                diagnostic = diagnostic.with_label(close, "closed again before the call ends");
            }
            diagnostic
        };
        ctx.report(diagnostic);
    }
}

/// The client a `new`/call expression creates, when it is one of the known constructors.
fn client_of(semantic: &Semantic<'_>, node: Node<'_>) -> Option<&'static Client> {
    let name = semantic.callee_name(node)?;
    let family = semantic.language().family();
    let construct = if node.kind() == "new_expression" {
        Construct::New
    } else {
        Construct::Call
    };
    let client = calls::client(family, construct, name.as_str())?;
    if family == LanguageFamily::Python && uses_shared_pool(semantic, node) {
        return None;
    }
    // `create_engine("sqlite://")`: SQLite is a local file or memory, cheap to open (like `sqlite3`).
    let url = semantic
        .argument(node, 0)
        .map(|a| semantic.text(a).trim_start_matches(['"', '\'', '`']));
    if url.is_some_and(calls::is_local_database_url) {
        return None;
    }
    Some(client)
}

/// `redis.Redis(connection_pool=shared_pool)`: a thin wrapper around a pool created elsewhere.
fn uses_shared_pool(semantic: &Semantic<'_>, call: Node<'_>) -> bool {
    semantic
        .keyword_argument(call, redis::SHARED_POOL_ARGUMENT)
        .is_some()
}

/// How a created client is used in the function that creates it.
#[derive(Default)]
struct Usage {
    /// Remembered for later calls: a lazily-initialised singleton (`pool ??= new Pool()`).
    singleton: bool,
    /// Returned, yielded, exported, or stored outside the function.
    escapes_strong: bool,
    /// Handed to other code (an argument, an object, a closure) that may keep it.
    escapes_weak: bool,
    /// Where the function closes it (`client.end()`, a `with` block).
    closed: Option<Span>,
}

impl Usage {
    fn merge(&mut self, other: Usage) {
        self.singleton |= other.singleton;
        self.escapes_strong |= other.escapes_strong;
        self.escapes_weak |= other.escapes_weak;
        self.closed = self.closed.or(other.closed);
    }
}

/// What happens to the value of `node` (the creation call, or a handle derived from the client).
fn value_usage<'t>(
    semantic: &Semantic<'t>,
    node: Node<'t>,
    function: FunctionId,
    depth: u32,
) -> Usage {
    if depth > 4 {
        return Usage {
            escapes_weak: true,
            ..Usage::default()
        };
    }
    let mut value = node;
    let mut step = semantic.value_step(value);
    // `cached ?? new Pool()`, `_engine or create_engine(...)`: the fallback of a remembered client.
    while let ValueStep::Fallback {
        expression,
        primary,
    } = step
    {
        if semantic.outlives_call(primary, function) {
            return Usage {
                singleton: true,
                ..Usage::default()
            };
        }
        value = expression;
        step = semantic.value_step(value);
    }
    step_usage(semantic, step, value, function, depth)
}

/// What the step the client's value takes from `value` does with it.
fn step_usage<'t>(
    semantic: &Semantic<'t>,
    step: ValueStep<'t>,
    value: Node<'t>,
    function: FunctionId,
    depth: u32,
) -> Usage {
    let mut usage = Usage::default();
    match step {
        // `with psycopg2.connect(dsn) as conn:`: closed (or committed) when the block ends.
        ValueStep::Bound {
            target,
            binder: Binder::With,
            node,
            ..
        } => {
            usage.closed = Some(Span::from(node));
            if let Some(binding) = local_name(semantic, target) {
                usage.merge(binding_usage(semantic, binding, function, depth));
            }
        }
        ValueStep::Stored {
            binder: Binder::With,
            node,
            ..
        } => usage.closed = Some(Span::from(node)),
        // Remembered in a module variable, a `global`, on `this`/`self`: a singleton when it is stored
        // only while missing (`pool ??= new Pool()`, `if (!pool) pool = ...`).
        ValueStep::Bound {
            target,
            binder,
            node,
            outlives_call: true,
        }
        | ValueStep::Stored {
            target,
            binder,
            node,
            outlives_call: true,
        } => {
            let if_missing = binder == Binder::Assignment(AssignmentOperator::IfMissing);
            if if_missing || is_guarded(semantic, node, target, function) {
                usage.singleton = true;
            }
            usage.escapes_strong = true;
        }
        // Stored on a parameter (`req.db = ...`, `app.state.pool = ...`) or a nonlocal.
        ValueStep::Stored { .. } => usage.escapes_strong = true,
        ValueStep::Bound { target, .. } if semantic.declared_outer(target, function, false) => {
            usage.escapes_strong = true
        }
        ValueStep::Bound { target, .. } => match local_name(semantic, target) {
            Some(binding) => usage.merge(binding_usage(semantic, binding, function, depth)),
            // Destructured: the client itself is not kept.
            None => usage.escapes_weak = true,
        },
        // `async with asyncpg.create_pool(dsn):`, `with redis.Redis() :` without a name.
        ValueStep::Entered { item } => usage.closed = Some(Span::from(item)),
        // `new Pool().query(...)`: used once, then dropped.
        ValueStep::Receiver {
            member,
            property,
            call,
        } => usage.merge(member_use(
            semantic, member, property, call, function, depth,
        )),
        ValueStep::Discarded { .. } => {}
        ValueStep::Argument { call, .. } => usage.merge(argument_use(semantic, call, function)),
        _ => {
            if semantic.escapes_function(value, function) {
                usage.escapes_strong = true;
            } else {
                usage.escapes_weak = true;
            }
        }
    }
    usage
}

/// The binding of a plain name (not a pattern).
fn local_name(semantic: &Semantic<'_>, target: Node<'_>) -> Option<BindingId> {
    (target.kind() == "identifier")
        .then(|| semantic.resolve_identifier(target))
        .flatten()
}

/// The client handed to `call`: kept by a long-lived keyed cache (`if (!pools.has(k)) pools.set(k, new
/// Pool())`), closed by Python's `closing(conn)`, or handed to code that may keep it.
fn argument_use<'t>(semantic: &Semantic<'t>, call: Node<'t>, function: FunctionId) -> Usage {
    let mut usage = Usage::default();
    let receiver = semantic
        .callee(call)
        .filter(|c| matches!(c.kind(), "member_expression" | "attribute"))
        .filter(|c| {
            c.field("property")
                .or_else(|| c.field("attribute"))
                .is_some_and(|p| matches!(semantic.text(p), "set" | "setdefault"))
        })
        .and_then(|c| c.field("object"));
    if let Some(receiver) = receiver.filter(|r| semantic.outlives_call(*r, function)) {
        usage.escapes_strong = true;
        usage.singleton = is_guarded(semantic, call, receiver, function);
        return usage;
    }
    let closes = semantic
        .callee_name(call)
        .is_some_and(|n| n.is(python_stdlib::CLOSING));
    if closes {
        usage.closed = Some(Span::from(call));
    } else {
        usage.escapes_weak = true;
    }
    usage
}

/// What the reads of a local variable holding the client do with it.
fn binding_usage<'t>(
    semantic: &Semantic<'t>,
    binding: BindingId,
    function: FunctionId,
    depth: u32,
) -> Usage {
    let mut usage = Usage::default();
    let declared = semantic.binding(binding);
    if !matches!(
        declared.kind,
        BindingKind::Variable | BindingKind::Parameter
    ) || semantic.scope(declared.scope).kind == ScopeKind::Module
    {
        usage.escapes_strong = true;
        return usage;
    }
    let function_node = semantic.function(function).node;
    // Last read first: the label names the last place that closes the client (`conn.close()` in a
    // `finally`, rather than a `with conn.cursor()` block before it).
    for current in semantic.reads(binding, function_node).into_iter().rev() {
        let step = semantic.value_step(current);
        // A read inside a nested function: the closure may outlive the call.
        if let Some(closure) = semantic
            .enclosing_functions(current)
            .find(|&f| semantic.function(f).parent == Some(function))
        {
            // A closure that outlives the call (returned, stored, a method of a returned object) keeps
            // the client; a callback handed to a call (`conn.query(sql, () => conn.end())`) and closing
            // it still ends it per call.
            usage.escapes_weak = true;
            let closure_node = semantic.function(closure).node;
            if semantic.escapes_function(closure_node, function) {
                usage.escapes_strong = true;
                continue;
            }
            let is_callback = matches!(
                semantic.value_step(closure_node),
                ValueStep::Argument { .. }
            );
            if let (
                true,
                ValueStep::Receiver {
                    member,
                    property,
                    call,
                },
            ) = (is_callback, step)
            {
                usage.merge(member_use(
                    semantic, member, property, call, function, depth,
                ));
            }
            continue;
        }
        match step {
            ValueStep::Receiver { .. }
            | ValueStep::Entered { .. }
            | ValueStep::Discarded { .. } => {
                usage.merge(step_usage(semantic, step, current, function, depth))
            }
            _ => usage.merge(value_usage(semantic, current, function, depth + 1)),
        }
    }
    usage
}

/// `client.method...`: closes it, hands out a handle on it, or just uses it.
fn member_use<'t>(
    semantic: &Semantic<'t>,
    member: Node<'t>,
    property: &str,
    call: Option<Node<'t>>,
    function: FunctionId,
    depth: u32,
) -> Usage {
    let mut usage = Usage::default();
    let used = call.unwrap_or(member);
    if calls::is_close_method(property) {
        usage.closed = Some(Span::from(used));
    } else if let (Some(call), "then") = (call, property) {
        // `MongoClient.connect(url).then(client => ...)`: the callback's parameter is the client, and the
        // chain holds what the callback returns (followed through the parameter's uses). Without a callback
        // to read, the chain is taken as the client itself.
        let chain = value_usage(semantic, call, function, depth + 1);
        match then_callback(semantic, call) {
            Some((callback, binding)) => {
                // A remembered promise (`if (!p) p = connect().then(...)`) is still a singleton.
                usage.singleton |= chain.singleton;
                usage.merge(binding_usage(semantic, binding, callback, depth + 1));
            }
            None => usage.merge(chain),
        }
    } else if calls::is_handle_method(property) {
        usage.merge(value_usage(semantic, used, function, depth + 1));
    }
    usage
}

/// The callback of `.then(callback)` and the binding of its first parameter, when it is a plain name.
fn then_callback(semantic: &Semantic<'_>, call: Node<'_>) -> Option<(FunctionId, BindingId)> {
    let callback = semantic.argument(call, 0)?;
    if !matches!(
        callback.kind(),
        "arrow_function" | "function_expression" | "function"
    ) {
        return None;
    }
    let function = semantic.function_at(callback)?;
    let first = *semantic.parameters(function).first()?;
    let parameter = semantic.parameter_name(first)?;
    Some((function, semantic.resolve_identifier(parameter)?))
}

/// Whether the creation (an assignment to, or a `set` on, `target`) runs only while the remembered
/// client is missing: behind an `if` on state the function keeps between calls.
fn is_guarded<'t>(
    semantic: &Semantic<'t>,
    node: Node<'t>,
    target: Node<'t>,
    function: FunctionId,
) -> bool {
    semantic
        .once_guard(node, function, &[target], GuardState::Process)
        .is_some()
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, lines_of};

    const RULE: &str = "connection-per-request";

    #[test]
    fn sqlite_engines_are_cheap_to_open() {
        let source = "from sqlalchemy import create_engine\ndef has_sqlite():\n    create_engine(\"sqlite://\")\n    return True\ndef report(url):\n    engine = create_engine(url)\n    engine.dispose()\n";
        assert_eq!(lines_of(RULE, "probe.py", source), vec![6]);
        // Dialects that run in the process (DuckDB, shillelagh's Google Sheets adapter): no handshake.
        let in_process = "from sqlalchemy import create_engine\ndef check(info):\n    a = create_engine(\"gsheets://\", service_account_info=info)\n    a.dispose()\n    b = create_engine(\"duckdb:///:memory:\")\n    b.dispose()\n    c = create_engine(\"postgresql+psycopg2://db/app\")\n    c.dispose()\n";
        assert_eq!(lines_of(RULE, "probe.py", in_process), vec![7]);
    }

    #[test]
    fn express_handlers_creating_clients() {
        let source = r#"
const express = require('express');
const { Pool, Client } = require('pg');
const Redis = require('ioredis');
const app = express();
const shared = new Pool();
app.get('/a', async (req, res) => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  res.json((await pool.query('select 1')).rows);
});
app.get('/b', async (req, res) => {
  const client = new Client();
  await client.connect();
  res.json((await client.query('select 1')).rows);
  await client.end();
});
app.get('/c', async (req, res) => {
  const redis = new Redis();
  res.json(await redis.get('k'));
});
app.get('/d', async (req, res) => {
  const conn = await shared.connect();
  try { res.json((await conn.query('select 1')).rows); } finally { conn.release(); }
});
"#;
        assert_eq!(lines_of(RULE, "app.js", source), vec![8, 12, 18]);
    }

    #[test]
    fn lazy_singletons_stay_quiet() {
        let source = r#"
import express from 'express';
import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
const app = express();
let pool;
let mongo;
const pools = new Map();
function getPool() {
  if (!pool) pool = new Pool();
  return pool;
}
app.get('/a', async (req, res) => {
  mongo ??= new MongoClient(process.env.MONGO_URL);
  if (!pools.has(req.params.tenant)) pools.set(req.params.tenant, new Pool({ database: req.params.tenant }));
  res.json(await getPool().query('select 1'));
});
app.get('/b', async (req, res) => {
  if (pool) return res.json(await pool.query('select 1'));
  pool = new Pool();
  res.json(await pool.query('select 1'));
});
"#;
        assert!(lines_of(RULE, "app.mjs", source).is_empty());
    }

    #[test]
    fn non_handler_functions_flag_only_clients_that_do_not_escape() {
        let source = r#"
const { Client, Pool } = require('pg');
const { MongoClient } = require('mongodb');
async function findUser(id) {
  const client = new Client();
  await client.connect();
  try {
    return (await client.query('select * from users where id = $1', [id])).rows[0];
  } finally {
    await client.end();
  }
}
function createPool() {
  return new Pool({ max: 20 });
}
async function connectDb() {
  const client = new MongoClient(process.env.MONGO_URL);
  await client.connect();
  return client.db('app');
}
class Repo {
  init() { this.pool = new Pool(); }
}
function buildApp(app) {
  const pool = new Pool();
  app.locals.query = (sql) => pool.query(sql);
}
module.exports = { findUser, createPool, connectDb, Repo, buildApp };
"#;
        assert_eq!(lines_of(RULE, "db.js", source), vec![5]);
    }

    #[test]
    fn callbacks_that_close_the_client_end_it_per_call() {
        let source = r#"
const mysql = require('mysql');
function lookup(sku, callback) {
  const connection = mysql.createConnection({ host: 'db' });
  connection.query('select 1', [sku], (err, rows) => {
    connection.end();
    callback(err, rows);
  });
}
function wire(app) {
  const pool = mysql.createPool({ host: 'db' });
  app.set('query', (sql, cb) => pool.query(sql, cb));
}
async function bench(host) {
  const client = mysql.createConnection({ host });
  return {
    run() { return client.query('select 1'); },
    teardown() { return client.end(); },
  };
}
module.exports = { lookup, wire, bench };
"#;
        assert_eq!(lines_of(RULE, "legacy.js", source), vec![4]);
    }

    #[test]
    fn promise_chains_follow_the_client() {
        let source = r#"
const { MongoClient } = require('mongodb');
class Adapter {
  connect() {
    if (this.connectionPromise) return this.connectionPromise;
    this.connectionPromise = MongoClient.connect(this.uri).then(client => {
      this.client = client;
      return client.db();
    });
    return this.connectionPromise;
  }
}
function count(uri) {
  return MongoClient.connect(uri).then((client) => {
    const n = client.db().collection('x').countDocuments();
    client.close();
    return n;
  });
}
module.exports = { Adapter, count };
"#;
        assert_eq!(lines_of(RULE, "adapter.js", source), vec![14]);
    }

    #[test]
    fn remembered_connection_promises_in_handlers_stay_quiet() {
        let source = r#"
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
let dbPromise;
function getDb() {
  if (!dbPromise) dbPromise = MongoClient.connect(process.env.MONGO_URL).then((client) => client.db());
  return dbPromise;
}
app.get('/x', async (req, res) => {
  const db = await getDb();
  res.json(await db.collection('x').findOne({}));
});
app.get('/y', async (req, res) => {
  const db = await MongoClient.connect(process.env.MONGO_URL).then((client) => client.db());
  res.json(await db.collection('y').findOne({}));
});
"#;
        assert_eq!(lines_of(RULE, "app.js", source), vec![15]);
    }

    #[test]
    fn guards_on_another_remembered_name() {
        let source = r#"
const { MongoClient } = require('mongodb');
let cachedDb;
let cachedClient;
async function connectToDatabase() {
  if (cachedDb) {
    return cachedDb;
  }
  cachedClient = await MongoClient.connect(process.env.MONGO_URL);
  cachedDb = cachedClient.db('app');
  return cachedDb;
}
exports.handler = async (event) => {
  const db = await connectToDatabase();
  return db.collection('x').findOne({ id: event.id });
};
"#;
        assert!(lines_of(RULE, "lambda.js", source).is_empty());
    }

    #[test]
    fn nest_startup_code_stays_quiet() {
        let source = r#"
import { Controller, Get, Injectable, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { PrismaClient } from '@prisma/client';
@Injectable()
export class Cache implements OnModuleInit {
  private redis: Redis;
  private prisma = new PrismaClient();
  constructor() { this.redis = new Redis(); }
  async onModuleInit() { const r = new Redis(); await r.ping(); await r.quit(); }
}
@Controller('users')
export class UsersController {
  @Get()
  async list() {
    const prisma = new PrismaClient();
    return prisma.user.findMany();
  }
}
"#;
        assert_eq!(lines_of(RULE, "users.controller.ts", source), vec![16]);
    }

    #[test]
    fn python_views_and_dependencies() {
        let source = r#"
import redis
import psycopg2
from fastapi import FastAPI, Depends
from sqlalchemy import create_engine

app = FastAPI()
pool = redis.ConnectionPool.from_url("redis://")
engine = create_engine("postgresql://")

def get_redis():
    return redis.Redis(host="cache")

def get_shared():
    return redis.Redis(connection_pool=pool)

@app.get("/a")
def a(r=Depends(get_redis), s=Depends(get_shared)):
    conn = psycopg2.connect("dbname=app")
    return {"v": r.get("k")}

def report():
    with engine.connect() as conn:
        return conn.execute("select 1").all()
"#;
        assert_eq!(lines_of(RULE, "main.py", source), vec![12, 19]);
    }

    #[test]
    fn python_singletons_and_factories_stay_quiet() {
        let source = r#"
import functools
import asyncpg
from redis import asyncio as aioredis
from sqlalchemy import create_engine
from fastapi import FastAPI, Depends

app = FastAPI()
_engine = None
_pool = None

def get_engine():
    global _engine
    if _engine is None:
        _engine = create_engine("postgresql://")
    return _engine

@functools.lru_cache
def get_cache():
    return aioredis.from_url("redis://")

async def get_pool():
    global _pool
    if _pool is not None:
        return _pool
    _pool = await asyncpg.create_pool("postgresql://")
    return _pool

async def lifespan(app):
    r = aioredis.from_url("redis://")
    yield
    await r.aclose()

@app.get("/x")
async def x(cache=Depends(get_cache), pool=Depends(get_pool)):
    return await cache.get("k")
"#;
        assert!(lines_of(RULE, "main.py", source).is_empty());
    }

    #[test]
    fn python_per_call_helper_and_sqlite_and_tests() {
        let source = r#"
import sqlite3
import pymysql

def fetch_orders(user_id):
    conn = pymysql.connect(host="db", user="app")
    try:
        with conn.cursor() as cur:
            cur.execute("select * from orders where user_id = %s", (user_id,))
            return cur.fetchall()
    finally:
        conn.close()

def local_db(request):
    conn = sqlite3.connect("local.db")
    return conn.execute("select 1").fetchall()

def insert_row(row_id):
    try:
        conn = pymysql.connect(host="db")
        with conn.cursor() as cur:
            cur.execute("insert into t values (%s)", (row_id,))
        return 0
    finally:
        if conn:
            conn.close()
"#;
        assert_eq!(lines_of(RULE, "orders.py", source), vec![6, 20]);
        assert!(lines_of(RULE, "tests/test_orders.py", source).is_empty());
        assert!(lines_of(RULE, "myapp/management/commands/sync.py", source).is_empty());
    }

    #[test]
    fn flask_g_is_request_scoped() {
        let source = r#"
import psycopg2
from flask import Flask, g

app = Flask(__name__)

def get_db():
    if "db" not in g:
        g.db = psycopg2.connect("dbname=app")
    return g.db

@app.route("/users")
def users():
    cur = get_db().cursor()
    cur.execute("select * from users")
    return {"users": cur.fetchall()}
"#;
        assert_eq!(lines_of(RULE, "app.py", source), vec![9]);
    }

    #[test]
    fn sync_driver_in_async_def_is_both_rules() {
        let source = r#"
import psycopg2
from fastapi import FastAPI
app = FastAPI()

@app.get("/n")
async def n():
    conn = psycopg2.connect("dbname=app")
    return 1
"#;
        let found = findings("main.py", source);
        assert!(
            found.contains(&"connection-per-request@8".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"sync-io-in-handler@8".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn fallbacks_of_remembered_clients_are_singletons() {
        let source = r#"
import express from 'express';
import { Pool } from 'pg';
const app = express();
let shared;
app.get('/a', async (req, res) => {
  const pool = shared ?? new Pool();
  res.json(await pool.query('select 1'));
});
app.get('/b', async (req, res) => {
  const pool = req.app.locals.pool || new Pool();
  res.json(await pool.query('select 1'));
});
"#;
        assert_eq!(lines_of(RULE, "app.mjs", source), vec![11]);
        let python = r#"
import redis
_client = None
def get_client():
    return _client or redis.Redis(host="cache")
def per_call(host):
    r = redis.Redis(host=host)
    r.close()
"#;
        assert_eq!(lines_of(RULE, "cache.py", python), vec![7]);
    }

    #[test]
    fn python_with_walrus_and_closing_follow_the_client() {
        let source = r#"
import contextlib
import psycopg2
def with_block(dsn):
    with psycopg2.connect(dsn) as conn:
        conn.cursor().execute("select 1")

def walrus(dsn):
    if (conn := psycopg2.connect(dsn)) is not None:
        conn.close()
    return True

def walrus_returned(dsn):
    if (conn := psycopg2.connect(dsn)):
        return conn

def closing(dsn):
    with contextlib.closing(psycopg2.connect(dsn)) as conn:
        return conn.cursor().fetchall()

def handed(dsn, registry):
    registry.add(conn=psycopg2.connect(dsn))
"#;
        assert_eq!(lines_of(RULE, "db.py", source), vec![5, 9, 18]);
    }

    #[test]
    fn typed_then_callbacks_and_subscripts_of_the_client() {
        let source = r#"
import { MongoClient } from 'mongodb';
export function count(uri: string) {
  return MongoClient.connect(uri).then((client: MongoClient) => {
    const n = client.db().collection('x').countDocuments();
    client.close();
    return n;
  });
}
export function handle(uri: string) {
  const client = new MongoClient(uri);
  const db = client['db']('app');
  return db;
}
"#;
        assert_eq!(lines_of(RULE, "db.ts", source), vec![4]);
    }
}
