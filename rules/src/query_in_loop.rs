use crate::helpers::{
    is_bounded_collection, is_chunking, loop_label, short, unwrap, words,
};
use snag_core::frameworks::{django, flask, graphql, python_stdlib, sqlalchemy};
use snag_core::models::chain::Chain;
use snag_core::models::per_call::{declares_within, query_on_every_call, runs_in_process};
use snag_core::models::queries::{
    interpolates_identifier, iterated_query, query_call, sql_literal, Access, Evaluation,
    QueryCall,
};
use snag_core::models::ModelIndex;
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::Label;
use snag_core::semantic::{
    syntax, BindingKind, DeclaredCall, FunctionId, LoopId, LoopKind, Semantic,
};
use snag_core::NodeFields;
use snag_core::{LanguageFamily, Span};
use std::collections::HashSet;
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a database query issued once per item of a collection: inside a `for`/`for...of`/`for...in`
    /// loop, a `forEach`/`map`/`filter`/`reduce`... callback or a comprehension over a collection whose
    /// size is known only at run time. Queries are recognised per API, however the client, session or
    /// model was imported or renamed:
    ///
    /// - **Django:** manager and queryset methods that run a query (`get`, `first`, `last`, `count`,
    ///   `exists`, `create`, `get_or_create`, `update`, `delete`, `aggregate`, `in_bulk`, `bulk_create`,
    ///   ... and their `a`-prefixed async forms), `get_object_or_404`, and a lazy queryset evaluated right
    ///   there (iterated by an inner loop, `list()`, `len()`, `bool()`, `qs[0]`);
    /// - **SQLAlchemy:** `session.query(Model)...first()/all()/count()`, `session.get(Model, id)`,
    ///   `session.execute/scalars/scalar(select(...))`, Flask-SQLAlchemy `Model.query...`;
    /// - **DB-API and drivers:** `cursor.execute(...)` on `psycopg2`/`psycopg`/`pymysql`/`sqlite3`/Django
    ///   `connection` cursors, asyncpg `fetch/fetchrow/fetchval/execute`, pymongo/motor collections;
    /// - **JavaScript/TypeScript:** Prisma (`prisma.user.findUnique(...)`), Sequelize (`User.findByPk`),
    ///   TypeORM repositories, entity managers and query builders, Mongoose (`User.findById`), Knex
    ///   (`db('users').where(...)`), Bookshelf, the `mongodb` driver, SQL drivers (`pool.query('select
    ///   ...')`, `pg`, `mysql2`, postgres.js ``sql`...` ``).
    ///
    /// A function that runs a query on every call (outside any loop or condition of its own) and is
    /// called in such a loop is reported at the call, with a label at the query inside it: a function
    /// of the same file, or one of another module of the project that the file imports (`import {
    /// findUser } from './repositories'`, a `paths` alias such as `'@app/repositories'`, a workspace
    /// package, `await import('./repositories')`, `from shop.selectors import order_by_number`), or a
    /// method of a class of another module injected by its type (NestJS, typedi:
    /// `constructor(private readonly orders: OrdersService)`, then `this.orders.findOne(id)`) or of an
    /// instance another module exports, followed through `export *` barrels, re-exports (`export { a
    /// as b } from`, a package's `__init__.py`) and functions that hand every call on to another
    /// module's (a service that calls the repository), with a label at each step.
    ///
    /// ## Why is this bad?
    /// Every query is a round trip to the database: network latency, parsing, planning, locking, and a
    /// connection held from the pool. One query per item turns a page of 50 rows into 51 round trips,
    /// and an import of 10,000 rows into 10,000; the time grows with the data, and under load the loop
    /// holds its connection for all of them. One query for all the items costs about as much as one
    /// query for one item.
    ///
    /// ## Example
    /// ```python
    /// def invoice_lines(order_ids):
    ///     lines = []
    ///     for order_id in order_ids:
    ///         order = Order.objects.get(pk=order_id)
    ///         lines.append((order.number, order.total))
    ///     return lines
    /// ```
    /// ```ts
    /// const users = [];
    /// for (const id of ids) {
    ///   users.push(await prisma.user.findUnique({ where: { id } }));
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Fetch every row in one query before the loop, then look each one up:
    /// ```python
    /// def invoice_lines(order_ids):
    ///     orders = Order.objects.in_bulk(order_ids)
    ///     return [(orders[i].number, orders[i].total) for i in order_ids if i in orders]
    /// ```
    /// ```ts
    /// const rows = await prisma.user.findMany({ where: { id: { in: ids } } });
    /// const byId = new Map(rows.map((u) => [u.id, u]));
    /// const users = ids.map((id) => byId.get(id));
    /// ```
    /// The batched form per API:
    /// - Django: `Model.objects.in_bulk(ids)` or `filter(pk__in=ids)`; writes with `bulk_create`,
    ///   `bulk_update`, `filter(pk__in=ids).update(...)`;
    /// - SQLAlchemy: `session.scalars(select(Model).where(Model.id.in_(ids)))`; writes with
    ///   `session.execute(insert(Model), rows)`;
    /// - DB-API and SQL drivers: `WHERE id = ANY(%s)` / `= ANY($1)` with a list, or `IN (...)`;
    ///   `executemany`/`execute_values` and multi-row `INSERT` for writes;
    /// - Prisma: `findMany({ where: { id: { in: ids } } })`, `createMany`, `updateMany`;
    /// - Sequelize: `findAll({ where: { id: ids } })`, `bulkCreate`;
    /// - TypeORM: `findBy({ id: In(ids) })`, `save([...])`/`insert([...])`;
    /// - Mongoose and MongoDB: `find({ _id: { $in: ids } })`, `insertMany`, `bulkWrite`;
    /// - Knex: `whereIn('id', ids)`, `insert([...rows])`;
    /// - GraphQL resolvers: a DataLoader, which batches the `load(id)` calls of one request.
    ///
    /// A query that does not depend on the loop at all is simply moved before it.
    ///
    /// A function whose body is in another module can be declared to run a query in the configuration
    /// (`[[functions]]`, `names = ["fetch_user"]`, `runs = "query"`): its calls in a loop are reported
    /// too.
    ///
    /// ## Severity
    /// `warning`; `info` for queries to a database inside the process (better-sqlite3, `sqlite3`): no
    /// round trip, microseconds each; and `info` when each item also makes an HTTP request or sends an
    /// e-mail (directly or through a function of the file), which costs far more than the query.
    ///
    /// ## Stays quiet on
    /// - loops under an `if` that caps the collection's size at a constant (`if len(realms) == 1:`,
    ///   `if (ids.length <= 3)`);
    /// - a query under an `if` that tests state from outside the loop which its branch writes: once per
    ///   distinct value (`if v not in seen: seen[v] = Voucher.objects.get(pk=v)`), not once per item;
    /// - a locking read (`select_for_update()`, `with_for_update()`) in a transaction the loop opens per
    ///   item (`with transaction.atomic():`): each row is claimed in its own transaction on purpose;
    /// - a write that flushes a buffer every N items (`if len(updates) >= 100: bulk_update(updates);
    ///   updates = []`): once per N items;
    /// - one batched query before the loop (`filter(id__in=ids)`, `findMany({ where: { id: { in: ids } }
    ///   })`), and the iterable of the loop itself, which runs once;
    /// - `while` loops (pagination, polling, retries), retry loops (`for attempt in range(retries)`),
    ///   counted loops without a collection (`for (let i = 0; i < n; i++)`);
    /// - literal and constant collections (`for model in [User, Group]`, `range(3)`, `SETTINGS_KEYS`);
    /// - loops over chunks or batches (`chunk(ids, 500)`, `batched(...)`, `range(0, len(ids), size)`,
    ///   `for (let i = 0; i < ids.length; i += size)`): one query per batch is the fix;
    /// - DataLoader `.load`/`.loadMany`;
    /// - a query that ends the loop (`return Order.objects.get(...)`, or followed by `break`);
    /// - lazy querysets that are only built in the loop (`Order.objects.filter(...)` not evaluated);
    /// - relation accesses on a loop's row (`order.items.all()`, `order.getItems()`, a `lazy="dynamic"`
    ///   relation): those are `orm-lazy-load-in-loop`'s;
    /// - a function of another module that queries only under a condition, only when a cache it fills
    ///   misses (`if (cache.has(id)) return cache.get(id)`), or is memoised (`@lru_cache`);
    /// - migrations, seeds, tests, and command-line programs and management commands (like every rule,
    ///   it speaks on the request path, in background jobs and in code whose callers are unknown, unless
    ///   configured otherwise).
    pub struct QueryInLoop {
        id: "query-in-loop",
        summary: "A database query issued once per item of a loop (N+1 queries)",
        severity: Warning,
        fix: None,
        status: Stable,
        since: "0.1.0",
        targets: [
            JavaScript {
                kinds: ["call_expression"],
                // Every loop the rule reports: the `for` statements, and the iteration callbacks the semantic
                // layer knows (array methods, lodash's), each a whole name.
                triggers: [word("for"), snag_core::semantic::js_iteration_callback_triggers()],
            },
            Python {
                kinds: ["call", "subscript", "for_statement", "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"],
                // Python loops and comprehensions all say `for` (`while` loops are not reported).
                triggers: [word("for")],
            },
        ],
        reads_models: true,
        handles: [Query],
    }
}

impl Rule for QueryInLoop {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let models = ctx.models();
        // Every finding needs a loop around the query (or the call of a helper): most calls are in
        // none, and asking that first spares them the query matching.
        let in_a_loop = |n: Node<'_>| semantic.loops_around(n).next().is_some();
        let queries: Vec<QueryCall<'_>> = match node.kind() {
            "for_statement" => node
                .field("right")
                .filter(|r| in_a_loop(*r))
                .and_then(|r| iterated_query(semantic, models, r))
                .into_iter()
                .collect(),
            "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => {
                let mut cursor = node.walk();
                let clauses: Vec<Node<'_>> = node
                    .named_children(&mut cursor)
                    .filter(|c| c.kind() == "for_in_clause")
                    .collect();
                clauses
                    .into_iter()
                    .filter_map(|c| c.field("right"))
                    .filter(|r| in_a_loop(*r))
                    .filter_map(|r| iterated_query(semantic, models, r))
                    .collect()
            }
            _ if !in_a_loop(node) => return,
            _ => query_call(semantic, models, node).into_iter().collect(),
        };
        if queries.is_empty() {
            if matches!(node.kind(), "call" | "call_expression") {
                if semantic.declared_call(node) == Some(DeclaredCall::Query) {
                    check_declared_query(node, ctx);
                } else if semantic.imported_query(node).is_some() {
                    check_imported_query(node, ctx);
                } else {
                    check_helper_call(node, ctx);
                }
            }
            return;
        }
        for query in queries {
            let Some(id) = per_item_loop(semantic, query.node) else {
                continue;
            };
            if !is_reported(semantic, &query, id) {
                continue;
            }
            // One finding per loop and model: the first query, the other calls as labels.
            if ctx.memo::<MergedQueries>().0.contains(&query.node.id()) {
                continue;
            }
            let merged = &mut ctx.memo::<MergedQueries>().0;
            let others: Vec<QueryCall<'_>> = same_target_queries(semantic, models, &query, id)
                .into_iter()
                .filter(|other| merged.insert(other.node.id()))
                .collect();
            let what = query.describe();
            let message = format!(
                "{what} runs one query per {}: each is a round trip to the database, so the time grows with the number of items.",
                per_what(semantic, id)
            );
            let (loop_span, loop_message) = loop_label(semantic, id);
            let help = if is_loop_invariant(semantic, query.node, id)
                && query.access == Access::Read
            {
                "It does not depend on the loop: run it once before the loop and reuse the result."
                    .to_string()
            } else {
                batched_help(semantic, &query)
            };
            let mut diagnostic = ctx
                .diagnostic(query.node, message)
                .with_label(loop_span, loop_message)
                .with_help(help);
            for other in others {
                diagnostic = diagnostic.with_label(
                    other.node,
                    format!("{} runs here too, once per item", other.describe()),
                );
            }
            crate::helpers::dwarfed_by_heavier_work(semantic, id, &mut diagnostic);
            if runs_in_process(semantic, &query) {
                diagnostic.severity = snag_core::Severity::Info;
                diagnostic.message = format!(
                    "{what} runs one query per {}: an in-process database (SQLite) answers each in microseconds, but a single statement does them all at once.",
                    per_what(semantic, id)
                );
            }
            ctx.report(diagnostic);
        }
    }
}

/// The queries of this file already named as labels of an earlier finding (their node ids).
#[derive(Default)]
struct MergedQueries(HashSet<usize>);

/// Whether a query in a per-item loop is this rule's to report: it does not end the loop, is not a
/// relation of the loop's rows (orm-lazy-load-in-loop's), has a batched form, and is not a lazy
/// query evaluated once before.
fn is_reported(semantic: &Semantic<'_>, query: &QueryCall<'_>, id: LoopId) -> bool {
    !(semantic.ends_loop(query.node, id)
        || is_row_relation(semantic, query)
        || varies_per_item(semantic, query, id)
        || is_evaluated_earlier(semantic, query, id)
        || locks_per_item(semantic, query, id)
        || flushes_in_batches(semantic, query, id)
        || semantic
            .once_per_value_guard(query.node, semantic.loop_(id).node)
            .is_some())
}

/// A write that flushes a buffer every N items: under `if len(updates) >= 100:` whose branch empties
/// `updates` (`updates = []`, `updates.clear()`), as `bulk_update`/`bulk_create` batches are written.
/// It runs once per N items, not once per item.
fn flushes_in_batches(semantic: &Semantic<'_>, query: &QueryCall<'_>, id: LoopId) -> bool {
    let loop_node = semantic.loop_(id).node;
    let mut current = query.node;
    while let Some(parent) = semantic.parent(current) {
        if parent.id() == loop_node.id() {
            return false;
        }
        let in_consequence = parent.field("consequence").is_some_and(|c| c.id() == current.id());
        if parent.kind() == "if_statement" && in_consequence {
            let buffer = parent.field("condition").and_then(|c| size_at_least(semantic, c));
            if buffer.is_some_and(|b| empties(semantic, current, b)) {
                return true;
            }
        }
        current = parent;
    }
    false
}

/// `len(updates) >= N`, `len(updates) > N`, `updates.length >= N`: the text of `updates`.
fn size_at_least<'t>(semantic: &Semantic<'t>, condition: Node<'t>) -> Option<&'t str> {
    let condition = unwrap(condition);
    if !matches!(condition.kind(), "comparison_operator" | "binary_expression") {
        return None;
    }
    let at_least = syntax::has_operator(condition, &[">", ">="]);
    let left = unwrap(condition.named_child(0)?);
    let right = condition.named_child(1)?;
    if !at_least || !crate::helpers::is_constant_number(semantic, right) {
        return None;
    }
    match left.kind() {
        "call" if semantic.callee_name(left).is_some_and(|n| n.is("len")) => {
            semantic.argument(left, 0).map(|a| semantic.text(a))
        }
        "member_expression"
            if left.field("property").is_some_and(|p| semantic.text(p) == "length") =>
        {
            left.field("object").map(|o| semantic.text(o))
        }
        _ => None,
    }
}

/// Whether `branch` empties the buffer named `buffer`: `buffer = []`, `buffer.clear()`,
/// `buffer.length = 0`.
fn empties(semantic: &Semantic<'_>, branch: Node<'_>, buffer: &str) -> bool {
    let reset = semantic.assignments_in(Span::from(branch)).any(|a| {
        let target = semantic.text(a.target);
        (target == buffer
            && a.value
                .is_some_and(|v| matches!(v.kind(), "list" | "array") && v.named_child_count() == 0))
            || (target == format!("{buffer}.length")
                && a.value.is_some_and(|v| semantic.text(v) == "0"))
    });
    reset
        || semantic.calls_in(Span::from(branch)).any(|call| {
            semantic.callee(call).is_some_and(|c| semantic.text(c) == format!("{buffer}.clear"))
        })
}

/// A locking read (`select_for_update()`, `with_for_update()`) in a transaction the loop opens per item
/// (`with transaction.atomic():` in its body): each row is claimed and handled in its own transaction
/// on purpose, so that one failure or one taken row does not hold up the others. One query for all
/// rows would lock them all together.
fn locks_per_item(semantic: &Semantic<'_>, query: &QueryCall<'_>, id: LoopId) -> bool {
    let chain = Chain::of(semantic, query.node);
    let locking = chain.names().any(|name| {
        django::LOCKING_READS.contains(&name) || sqlalchemy::LOCKING_READS.contains(&name)
    });
    if !locking {
        return false;
    }
    let loop_node = semantic.loop_(id).node;
    let mut current = query.node;
    while let Some(parent) = semantic.parent(current) {
        if parent.id() == loop_node.id() {
            return false;
        }
        if parent.kind() == "with_statement" && opens_transaction(semantic, parent) {
            return true;
        }
        current = parent;
    }
    false
}

/// `with transaction.atomic():`, `with session.begin():`.
fn opens_transaction(semantic: &Semantic<'_>, with: Node<'_>) -> bool {
    let mut stack = vec![with];
    while let Some(node) = stack.pop() {
        if node.kind() == "block" {
            continue;
        }
        if node.kind() == "call" {
            let atomic = semantic.callee_name(node).is_some_and(|n| n.is(django::ATOMIC));
            let begins = semantic
                .callee(node)
                .and_then(|c| c.field("attribute"))
                .is_some_and(|m| sqlalchemy::TRANSACTION_BLOCKS.contains(&semantic.text(m)));
            if atomic || begins {
                return true;
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// The later calls in `query`'s loop that run a query of the same model and kind (read or write) per
/// item, in source order.
fn same_target_queries<'t>(
    semantic: &Semantic<'t>,
    models: &ModelIndex,
    query: &QueryCall<'t>,
    id: LoopId,
) -> Vec<QueryCall<'t>> {
    let Some(model) = &query.model else {
        return Vec::new();
    };
    semantic
        .calls_in(semantic.loop_(id).region)
        .filter(|call| call.start_byte() > query.node.start_byte())
        .filter_map(|call| query_call(semantic, models, call))
        .filter(|other| other.node.id() != query.node.id())
        // The same model, read or written as the first: the same batched form fixes both.
        .filter(|other| other.model.as_ref() == Some(model) && other.access == query.access)
        .filter(|other| per_item_loop(semantic, other.node) == Some(id))
        .filter(|other| is_reported(semantic, other, id))
        .collect()
}

/// A call, in a per-item loop, of a function of this file that runs a query.
fn check_helper_call(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(function) = semantic.called_function(call) else {
        return;
    };
    let Some(id) = per_item_loop(semantic, call) else {
        return;
    };
    if semantic.ends_loop(call, id) {
        return;
    }
    // A helper is called in many loops, and most helpers run no query: remember those once.
    if ctx.memo::<QuietHelpers>().0.contains(&function) {
        return;
    }
    let Some(query) = query_on_every_call(semantic, ctx.models(), function) else {
        ctx.memo::<QuietHelpers>().0.insert(function);
        return;
    };
    let name = semantic.function(function).name.unwrap_or("the function");
    let what = query.describe();
    let message = format!(
        "`{name}(...)` runs a query ({what}) on every call, so this loop runs one query per {}: each is a round trip to the database.",
        per_what(semantic, id)
    );
    let (loop_span, loop_message) = loop_label(semantic, id);
    let help = format!(
        "Load what `{name}` needs for all items before the loop and pass it in. {}",
        batched_help(semantic, &query)
    );
    let mut diagnostic = ctx
        .diagnostic(call, message)
        .with_label(loop_span, loop_message)
        .with_label(
            query.node,
            format!("this query runs on every call of `{name}`"),
        )
        .with_help(help);
    crate::helpers::dwarfed_by_heavier_work(semantic, id, &mut diagnostic);
    ctx.report(diagnostic);
}



/// A call, in a per-item loop, of a function the configuration declares runs a query (`[[functions]]`
/// with `runs = "query"`): its body is in another file or a library.
fn check_declared_query(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(id) = per_item_loop(semantic, call) else {
        return;
    };
    if semantic.ends_loop(call, id) || semantic.once_per_value_guard(call, semantic.loop_(id).node).is_some() {
        return;
    }
    let name = semantic
        .callee(call)
        .map_or("the function", |c| semantic.text(c));
    let message = format!(
        "`{name}(...)` runs a query on every call (the configuration says so), so this loop runs one query per {}: each is a round trip to the database.",
        per_what(semantic, id)
    );
    let (loop_span, loop_message) = loop_label(semantic, id);
    let mut diagnostic = ctx
        .diagnostic(call, message)
        .with_label(loop_span, loop_message)
        .with_help(format!(
            "Load what `{name}` returns for all items in one query before the loop (a variant that takes every id), and index the rows by id."
        ));
    crate::helpers::dwarfed_by_heavier_work(semantic, id, &mut diagnostic);
    ctx.report(diagnostic);
}

/// A call, in a per-item loop, of a function of another module of the project that runs a query on
/// every call (the project graph's answer): reported at the call, with a label at the query there.
fn check_imported_query(call: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
    let semantic = ctx.semantic();
    let Some(query) = semantic.imported_query(call) else {
        return;
    };
    let Some(id) = per_item_loop(semantic, call) else {
        return;
    };
    if semantic.ends_loop(call, id)
        || semantic
            .once_per_value_guard(call, semantic.loop_(id).node)
            .is_some()
    {
        return;
    }
    let name = semantic
        .callee(call)
        .map_or("the function", |c| semantic.text(c));
    let what = &query.what;
    let elsewhere = query.file.clone();
    let query_span = query.span;
    let in_process = query.in_process;
    let via = query.via.clone();
    let message = if in_process {
        format!(
            "`{name}(...)` runs a query ({what}) on an in-process database (SQLite) on every call, so this loop runs one query per {}: each answers in microseconds, but a single statement does them all at once.",
            per_what(semantic, id)
        )
    } else {
        format!(
            "`{name}(...)` runs a query ({what}) on every call, so this loop runs one query per {}: each is a round trip to the database.",
            per_what(semantic, id)
        )
    };
    let (loop_span, loop_message) = loop_label(semantic, id);
    let help = if is_loop_invariant(semantic, call, id) {
        format!("`{name}(...)` does not depend on the loop: call it once before the loop and reuse the result.")
    } else {
        format!("Load what `{name}` needs for all items in one query before the loop (a variant that takes every id), and index the rows by id.")
    };
    let mut diagnostic = ctx
        .diagnostic(call, message)
        .with_label(loop_span, loop_message)
        .with_help(help);
    for (file, span) in via {
        diagnostic.labels.push(Label::in_file(
            file,
            span,
            format!("on the way from `{name}` to the query"),
        ));
    }
    diagnostic.labels.push(Label::in_file(
        elsewhere,
        query_span,
        format!("this query runs on every call of `{name}`"),
    ));
    crate::helpers::dwarfed_by_heavier_work(semantic, id, &mut diagnostic);
    if in_process {
        diagnostic.severity = snag_core::Severity::Info;
    }
    ctx.report(diagnostic);
}

/// The functions of the file known to run no query on every call.
#[derive(Default)]
struct QuietHelpers(HashSet<FunctionId>);

/// How a loop relates to the items of a collection.
enum LoopClass {
    /// Once per item of a run-time collection.
    PerItem,
    /// Once per chunk of a collection: a query here is the batched form.
    Batches,
    /// Anything else (`while`, retries, constant collections, counted loops).
    Other,
}

/// The innermost loop around `node` that runs it once per item of a run-time collection (looking past
/// `while` loops and loops over constant collections inside it, stopping at loops over batches).
fn per_item_loop(semantic: &Semantic<'_>, node: Node<'_>) -> Option<LoopId> {
    for id in semantic.loops_around(node) {
        match classify(semantic, id) {
            LoopClass::PerItem => return Some(id),
            LoopClass::Batches => return None,
            LoopClass::Other => {}
        }
    }
    None
}

fn classify(semantic: &Semantic<'_>, id: LoopId) -> LoopClass {
    let l = semantic.loop_(id);
    match l.kind {
        LoopKind::While | LoopKind::DoWhile => LoopClass::Other,
        LoopKind::For => classify_counted(semantic, l.node),
        LoopKind::ForOf | LoopKind::ForIn | LoopKind::Callback | LoopKind::Comprehension => {
            let Some(iterable) = l.iterable else {
                return LoopClass::Other;
            };
            let variable = l.variable.map_or("", |v| semantic.text(v));
            if is_retry_name(variable) || is_retry_name(semantic.text(iterable)) {
                return LoopClass::Other;
            }
            if is_batching(semantic, iterable) {
                return LoopClass::Batches;
            }
            if is_element_of_batches(semantic, iterable) {
                return LoopClass::PerItem;
            }
            if is_fixed_collection(semantic, iterable)
                || is_schema_collection(semantic, iterable)
                || is_single_row(semantic, iterable)
                || crate::helpers::is_size_capped(semantic, id)
            {
                return LoopClass::Other;
            }
            LoopClass::PerItem
        }
    }
}

/// A collection whose size is set in code: a literal or constant (see [`is_bounded_collection`]), a
/// dict or object literal, or the `.items()`/`.keys()`/`.values()`/`Object.entries(...)` of one.
fn is_fixed_collection(semantic: &Semantic<'_>, iterable: Node<'_>) -> bool {
    if is_bounded_collection(semantic, iterable, 0) {
        return true;
    }
    let iterable = unwrap(iterable);
    match iterable.kind() {
        "dictionary" | "object" => true,
        "identifier" => semantic.resolve_identifier(iterable).is_some_and(|id| {
            let binding = semantic.binding(id);
            binding.kind == BindingKind::Variable
                && !binding.reassigned
                && binding
                    .value
                    .is_some_and(|v| matches!(unwrap(v).kind(), "dictionary" | "object"))
        }),
        "call" | "call_expression" => {
            let Some(callee) = semantic.callee(iterable).map(unwrap) else {
                return false;
            };
            let object_method = semantic
                .callee_name(iterable)
                .is_some_and(|n| n.is_any(&["Object.entries", "Object.keys", "Object.values"]));
            if object_method {
                return semantic
                    .argument(iterable, 0)
                    .is_some_and(|a| is_fixed_collection(semantic, a));
            }
            let object = callee
                .field("object")
                .filter(|_| matches!(callee.kind(), "attribute" | "member_expression"));
            let method = callee
                .field("attribute")
                .or_else(|| callee.field("property"))
                .map_or("", |m| semantic.text(m));
            matches!(method, "items" | "keys" | "values" | "entries")
                && object.is_some_and(|o| is_fixed_collection(semantic, o))
        }
        _ => false,
    }
}

/// Collections the schema defines, not the data: `Model._meta.get_fields()`, `apps.get_models()`,
/// `_meta.parents`. A query per model or per field touches a different table each time.
fn is_schema_collection(semantic: &Semantic<'_>, iterable: Node<'_>) -> bool {
    let text = semantic.text(iterable);
    django::SCHEMA_APIS.iter().any(|api| text.contains(api))
}

/// `Organization.objects.filter(id=organization_id)`: a queryset of one row at most.
fn is_single_row(semantic: &Semantic<'_>, iterable: Node<'_>) -> bool {
    let iterable = unwrap(iterable);
    if iterable.kind() != "call" {
        return false;
    }
    let by_key = semantic.callee(iterable).is_some_and(|c| {
        c.kind() == "attribute"
            && c.field("attribute")
                .is_some_and(|a| semantic.text(a) == django::FILTER)
    });
    let arguments = semantic.arguments(iterable);
    by_key
        && arguments.len() == 1
        && arguments[0].kind() == "keyword_argument"
        && arguments[0]
            .field("name")
            .is_some_and(|n| django::PRIMARY_KEY_LOOKUPS.contains(&semantic.text(n)))
}

/// `for (let i = 0; i < items.length; i++)` walks items; `i += size` walks batches; `i < n` or
/// `i < RETRIES` counts.
fn classify_counted(semantic: &Semantic<'_>, node: Node<'_>) -> LoopClass {
    let step = node.field("increment").map(|i| unwrap(i));
    if let Some(step) = step {
        if step.kind() == "augmented_assignment_expression" {
            let by = step.field("right").map(|r| semantic.text(r));
            if by.is_some_and(|b| b.trim() != "1") {
                return LoopClass::Batches;
            }
        }
    }
    let bound = node
        .field("condition")
        .map(|c| {
            if c.kind() == "expression_statement" {
                c.named_child(0).unwrap_or(c)
            } else {
                c
            }
        })
        .filter(|c| c.kind() == "binary_expression")
        .and_then(|c| c.field("right"));
    let Some(bound) = bound else {
        return LoopClass::Other;
    };
    let text = semantic.text(bound);
    if text.contains(".length") || text.contains(".size") || text.contains(".count") {
        LoopClass::PerItem
    } else {
        LoopClass::Other
    }
}

/// `attempt`, `retries`, `maxRetries`, `range(MAX_TRIES)`: a loop that repeats one operation.
fn is_retry_name(text: &str) -> bool {
    words(text).iter().any(|w| {
        matches!(
            w.as_str(),
            "attempt" | "attempts" | "retry" | "retries" | "tries" | "try" | "retrying"
        )
    })
}

/// Chunks and batches: `chunk(ids, 100)`, `batched(...)`, `islice(...)`, `range(0, len(ids), size)`.
fn is_batching(semantic: &Semantic<'_>, iterable: Node<'_>) -> bool {
    if is_chunking(semantic, iterable, 0) {
        return true;
    }
    let iterable = unwrap(iterable);
    if !matches!(iterable.kind(), "call" | "call_expression") {
        return false;
    }
    let Some(name) = semantic.callee_name(iterable) else {
        // `query.paginate(page=2)` (Flask-SQLAlchemy): one page; an `islice` of unknown origin.
        let callee = semantic.callee(iterable).map(unwrap);
        let last = callee
            .and_then(|c| c.field("attribute").or_else(|| c.field("property")).or(Some(c)))
            .map_or("", |n| semantic.text(n));
        return last == python_stdlib::ISLICE || last == flask::PAGINATE;
    };
    match name.as_str() {
        "range" => semantic
            .argument(iterable, 2)
            .is_some_and(|step| semantic.text(step).trim() != "1"),
        // `itertools.islice`, or a project's own `islice` over its rows.
        _ => name.last() == python_stdlib::ISLICE,
    }
}

/// `for id in batch` where `batch` is the variable of a loop over batches: one item at a time again.
fn is_element_of_batches(semantic: &Semantic<'_>, iterable: Node<'_>) -> bool {
    let iterable = unwrap(iterable);
    if iterable.kind() != "identifier" {
        return false;
    }
    let Some(binding) = semantic.resolve_identifier(iterable) else {
        return false;
    };
    match semantic.binding(binding).kind {
        BindingKind::LoopVariable(outer) => semantic
            .loop_(outer)
            .iterable
            .is_some_and(|it| is_batching(semantic, it)),
        _ => false,
    }
}

/// A relation access on a loop's row (`order.items.all()`, `session.scalars(order.items.select())`):
/// `orm-lazy-load-in-loop` reports those.
fn is_row_relation(semantic: &Semantic<'_>, query: &QueryCall<'_>) -> bool {
    if !query.api.is_orm() {
        return false;
    }
    let is_row = |node: Node<'_>| {
        node.kind() == "identifier"
            && semantic
                .resolve_identifier(node)
                .is_some_and(|b| matches!(semantic.binding(b).kind, BindingKind::LoopVariable(_)))
    };
    if is_row(query.root) {
        return true;
    }
    // A statement built from a row's relation: `session.scalars(order.items.select())`.
    let relation_statement = |statement: Node<'_>| {
        let chain = Chain::of(semantic, statement);
        is_row(chain.root)
            && chain.links.first().is_some_and(|l| l.call.is_none())
            && chain.links.iter().any(|l| l.call.is_some())
    };
    Chain::of(semantic, query.node)
        .links
        .iter()
        .filter_map(|l| l.call)
        .filter_map(|call| semantic.argument(call, 0))
        .any(relation_statement)
}

/// Whether the model, table, collection or statement itself changes from one item to the next
/// (`for model in apps.get_models(): model.objects.count()`, `for statement in statements:
/// cursor.execute(statement)`, `cursor.execute("SELECT ... FROM %s" % table)`): then there is no
/// batched form.
fn varies_per_item(semantic: &Semantic<'_>, query: &QueryCall<'_>, id: LoopId) -> bool {
    let region = semantic.loop_(id).region;
    let declared_in_loop = |node: Node<'_>| declares_within(semantic, node, region);
    if query.target.is_some_and(|t| {
        // The literal table of `db('users')` never varies; `Order` or `model` may.
        !matches!(t.kind(), "string" | "template_string") && declared_in_loop(t)
    }) {
        return true;
    }
    let Some(sql) = query.sql else {
        return false;
    };
    match sql_literal(semantic, sql, 0) {
        Some(literal) => interpolates_identifier(semantic.text(literal)),
        // Text that is not a query (`VACUUM ${table}`, `PRAGMA ...`, DDL): maintenance per item.
        None if matches!(
            unwrap(sql).kind(),
            "string"
                | "template_string"
                | "concatenated_string"
                | "binary_operator"
                | "binary_expression"
        ) =>
        {
            true
        }
        // Not SQL text we can read: a statement from the loop (`execute(statement)`) varies.
        None => {
            let sql = unwrap(sql);
            sql.kind() == "identifier"
                && semantic.resolve_identifier(sql).is_some_and(|b| {
                    matches!(semantic.binding(b).kind, BindingKind::LoopVariable(_))
                        || region.contains(Span::from(semantic.binding(b).declaration))
                })
        }
    }
}

/// A lazy queryset held in a variable runs once, where it is first evaluated: later evaluations in
/// the same iteration (`[x.id for x in qs]` then `for x in qs`) reuse its rows.
fn is_evaluated_earlier(semantic: &Semantic<'_>, query: &QueryCall<'_>, id: LoopId) -> bool {
    let evaluated = match query.evaluation {
        Some(Evaluation::Iterated) => Some(query.node),
        Some(Evaluation::Builtin(_)) => semantic.argument(query.node, 0),
        Some(Evaluation::Indexed) => query.node.field("value"),
        None => None,
    };
    let Some(variable) = evaluated.map(unwrap).filter(|v| v.kind() == "identifier") else {
        return false;
    };
    let Some(binding) = semantic.resolve_identifier(variable) else {
        return false;
    };
    semantic
        .references(binding, semantic.loop_(id).node)
        .into_iter()
        .filter(|r| r.start_byte() < variable.start_byte())
        .any(|r| is_evaluation_site(semantic, r))
}

/// Whether a reference to a queryset evaluates it: iterated, passed to `list()`/`len()`..., indexed.
fn is_evaluation_site(semantic: &Semantic<'_>, reference: Node<'_>) -> bool {
    let Some(parent) = semantic.parent(reference) else {
        return false;
    };
    match parent.kind() {
        "for_statement" | "for_in_clause" => parent
            .field("right")
            .is_some_and(|r| r.id() == reference.id()),
        "subscript" => parent
            .field("value")
            .is_some_and(|v| v.id() == reference.id()),
        "argument_list" => semantic.parent(parent).is_some_and(|call| {
            semantic.callee_name(call).is_some_and(|n| {
                n.is_any(&["list", "tuple", "set", "sorted", "len", "bool", "dict"])
            })
        }),
        _ => false,
    }
}

/// Whether nothing in the query changes from one iteration to the next: no name it uses is declared
/// in the loop or assigned again, and it reads no `this`.
fn is_loop_invariant(semantic: &Semantic<'_>, node: Node<'_>, id: LoopId) -> bool {
    let region = semantic.loop_(id).region;
    let varies = semantic
        .names_in(node)
        .filter_map(|name| semantic.resolve_identifier(name))
        .any(|binding| {
            let binding = semantic.binding(binding);
            binding.reassigned || region.contains(Span::from(binding.declaration))
        });
    !varies && !semantic.uses_this(node)
}

/// "item of `order_ids`" or "iteration of this loop".
fn per_what(semantic: &Semantic<'_>, id: LoopId) -> String {
    match semantic.loop_(id).iterable {
        Some(iterable) => format!("item of `{}`", short(semantic.text(iterable))),
        None => "iteration of this loop".to_string(),
    }
}

/// The batched form of a query for its API.
fn batched_help(semantic: &Semantic<'_>, query: &QueryCall<'_>) -> String {
    let read = query.access == Access::Read;
    let text = query.api.batched().help(query.access, query.model.as_deref());
    let graphql = semantic.language().family() == LanguageFamily::JavaScript
        && graphql::JS_SOURCE_MARKERS
            .iter()
            .any(|marker| semantic.source().contains(marker));
    if graphql && read {
        format!("{text} In a GraphQL resolver, batch the loads of one request with a DataLoader.")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, lines_of, lint_in_project, project_findings, severities_of};
    use snag_core::Severity;

    /// The lines of the rule's findings and of the other queries each one names ("runs here too"):
    /// every query the rule sees, one finding per loop and model.
    fn query_lines(path: &str, source: &str) -> Vec<u32> {
        let report = lint_in_project(&[], path, source);
        let mut lines: Vec<u32> = report
            .findings
            .iter()
            .filter(|f| &*f.diagnostic.rule == RULE)
            .flat_map(|f| {
                let merged = f
                    .diagnostic
                    .labels
                    .iter()
                    .zip(&f.label_ranges)
                    .filter(|(label, _)| label.message.ends_with("runs here too, once per item"))
                    .map(|(_, range)| range.start.line);
                std::iter::once(f.range.start.line).chain(merged)
            })
            .collect();
        lines.sort_unstable();
        lines
    }

    const RULE: &str = "query-in-loop";

    fn rule_lines(found: &[String]) -> Vec<u32> {
        found
            .iter()
            .filter_map(|f| f.strip_prefix("query-in-loop@"))
            .map(|l| l.parse().unwrap())
            .collect()
    }

    #[test]
    fn locking_reads_per_item_and_queries_once_per_value_are_not_per_item() {
        let source = r#"
from django.db import transaction
from shop.models import Order, Voucher

def claim(queue):
    for item in queue:
        with transaction.atomic():
            order = Order.objects.select_for_update(nowait=True).get(pk=item.pk)
            order.sync()
    for item in queue:
        Order.objects.select_for_update().get(pk=item.pk)
    available = {}
    for item in queue:
        if item.voucher_id not in available:
            available[item.voucher_id] = Voucher.objects.get(pk=item.voucher_id)
    for item in queue:
        Voucher.objects.get(pk=item.voucher_id)
"#;
        // A lock outside a per-item transaction is one more query per item; a lookup once per distinct
        // voucher is not per item.
        assert_eq!(lines_of(RULE, "shop/sync.py", source), vec![11, 17]);
    }

    #[test]
    fn calls_the_configuration_declares_run_queries() {
        let source = r#"
from app.db import fetch_user, fetch_users

def greet(ids):
    for user_id in ids:
        print(fetch_user(user_id).name)
    users = fetch_users(ids)
"#;
        let toml = "[[functions]]\nnames = [\"fetch_user\", \"fetch_users\"]\nruns = \"query\"\n";
        // The file holds none of the ORM words query-in-loop triggers on: the declared names do.
        assert_eq!(
            crate::test_support::findings_with_config(toml, "app/greet.py", source),
            vec!["query-in-loop@6"]
        );
        let unscoped = "[[functions]]\nnames = [\"fetch_user\"]\nfiles = [\"other/**\"]\nruns = \"query\"\n";
        assert!(crate::test_support::findings_with_config(unscoped, "app/greet.py", source).is_empty());
        assert!(findings("app/greet.py", source).is_empty());
    }

    #[test]
    fn custom_typeorm_repositories_run_queries() {
        let source = r#"
import { Repository, DataSource } from 'typeorm';
import { User } from './user.entity';

export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }
  async byEmails(emails: string[]) {
    const users = [];
    for (const email of emails) {
      users.push(await this.findOneBy({ email }));
    }
    return users;
  }
}

export class InviteService {
  constructor(private readonly users: UserRepository) {}
  async invite(emails: string[]) {
    for (const email of emails) {
      await this.users.findOneBy({ email });
    }
  }
}
"#;
        assert_eq!(lines_of(RULE, "users.ts", source), vec![12, 22]);
    }

    #[test]
    fn a_query_next_to_an_http_request_or_an_email_per_item_is_info() {
        let source = r#"
import requests
from django.core.mail import send_mail
from shop.models import Customer

def notify(orders):
    for order in orders:
        customer = Customer.objects.get(pk=order.customer_id)
        send_mail("Shipped", "...", None, [customer.email])

def sync(orders):
    for order in orders:
        customer = Customer.objects.get(pk=order.customer_id)
        push(customer)

def push(customer):
    requests.post("https://crm.example.com/customers", json={"id": customer.pk})

def tally(orders):
    for order in orders:
        Customer.objects.get(pk=order.customer_id)
"#;
        assert_eq!(
            severities_of(RULE, "shop/notify.py", source),
            [(8, Severity::Info), (13, Severity::Info), (21, Severity::Warning)]
        );
    }

    #[test]
    fn the_branch_of_a_new_value_and_buffer_flushes_run_less_than_per_item() {
        let source = r#"
from shop.models import LastView, Variant, Order

def prune(views):
    latest = {}
    for view in views:
        if view.thread_id in latest:
            LastView.objects.get(pk=view.pk).delete()
        else:
            latest[view.thread_id] = view
    variants = {}
    for unit in views:
        if unit.key in variants:
            variant = variants[unit.key]
        else:
            variant = Variant.objects.get_or_create(key=unit.key)
            variants[unit.key] = variant
    updates = []
    for order in views:
        updates.append(order)
        if len(updates) >= 100:
            Order.objects.bulk_update(updates, ["total"])
            updates = []
"#;
        // A duplicate found in `latest` is deleted each time one turns up: per item. A variant is
        // made once per key; the buffer is flushed once per hundred orders.
        assert_eq!(lines_of(RULE, "shop/prune.py", source), vec![8]);
    }

    #[test]
    fn a_loop_the_code_caps_at_a_constant_size_is_not_per_item() {
        let source = r#"
from shop.models import Realm

def settle(names):
    realms = Realm.objects.filter(name__in=names)
    if len(realms) == 1:
        for realm in realms:
            Realm.objects.filter(pk=realm.pk).update(default=True)
    if names and len(names) <= 3:
        for name in names:
            Realm.objects.get(name=name)
    for name in names:
        Realm.objects.get(name=name)
"#;
        assert_eq!(lines_of(RULE, "shop/realms.py", source), vec![13]);
    }

    #[test]
    fn queries_on_an_in_process_sqlite_are_info() {
        let source = r#"
const Database = require('better-sqlite3');
const pg = require('pg');
const pool = new pg.Pool();
class Store {
  constructor(path) {
    this.database = new Database(path);
  }
  save(rows) {
    for (const row of rows) {
      this.database.prepare('insert into t values (?)').run(row.id);
    }
  }
  async push(rows) {
    for (const row of rows) {
      await pool.query('insert into t values ($1)', [row.id]);
    }
  }
}
module.exports = Store;
"#;
        assert_eq!(
            severities_of(RULE, "store.js", source),
            [(11, Severity::Info), (16, Severity::Warning)]
        );
    }

    #[test]
    fn django_queries_that_run_in_a_loop() {
        let source = r#"
from shop.models import Order
from shop import models as shop_models
from django.shortcuts import get_object_or_404

def invoice_lines(order_ids):
    lines = []
    for order_id in order_ids:
        order = Order.objects.get(pk=order_id)
        first = Order.objects.filter(customer_id=order_id).first()
        shop_models.Order.objects.create(number=order_id)
        lines.append(get_object_or_404(Order, pk=order_id))
    return lines

async def totals(order_ids):
    return [await Order.objects.aget(pk=i) for i in order_ids]
"#;
        assert_eq!(
            query_lines("shop/services.py", source),
            vec![9, 10, 11, 12, 16]
        );
    }

    #[test]
    fn lazy_querysets_count_only_where_they_are_evaluated() {
        let source = r#"
from shop.models import Order

def report(customer_ids):
    for customer_id in customer_ids:
        pending = Order.objects.filter(customer_id=customer_id)
        recent = pending.order_by("-created")[:5]
        if pending.exists():
            print(len(pending))
        latest = Order.objects.filter(customer_id=customer_id)[0]
        for order in Order.objects.filter(customer_id=customer_id):
            print(order)
        rows = list(recent)
        again = [order.pk for order in recent]
"#;
        // `recent` runs once, where `list()` evaluates it; the comprehension reuses its rows.
        assert_eq!(
            query_lines("shop/report.py", source),
            vec![8, 9, 10, 11, 13]
        );
    }

    #[test]
    fn batched_queries_and_the_iterable_stay_quiet() {
        let source = r#"
from shop.models import Order, Customer

def batched(order_ids):
    orders = Order.objects.in_bulk(order_ids)
    for order in Order.objects.filter(pk__in=order_ids).select_related("customer"):
        print(order.customer_id)
    for order_id in order_ids:
        print(orders[order_id])
    for model in [Order, Customer]:
        model.objects.count()
    for start in range(0, len(order_ids), 500):
        Order.objects.filter(pk__in=order_ids[start:start + 500]).update(paid=True)
    while True:
        order = Order.objects.filter(paid=False).first()
        if order is None:
            break
    for attempt in range(max_retries):
        Order.objects.get(pk=1)
"#;
        assert!(lines_of(RULE, "shop/batch.py", source).is_empty());
    }

    #[test]
    fn chunks_a_generator_fills_and_starts_again_are_batches() {
        let source = r#"
from shop.models import Order

def cleared_chunks(queryset, size):
    chunk = []
    for row in queryset.iterator():
        chunk.append(row)
        if len(chunk) == size:
            yield tuple(chunk)
            chunk.clear()
    if chunk:
        yield tuple(chunk)

def renewed_chunks(ids, size):
    chunk = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

def everything_at_once(ids):
    collected = []
    for pk in ids:
        collected.append(pk)
    yield collected

def report(ids):
    for rows in cleared_chunks(Order.objects.all(), 100):
        Order.objects.filter(pk__in=[r.pk for r in rows]).update(seen=True)
    for pks in renewed_chunks(ids, 100):
        Order.objects.filter(pk__in=pks).delete()
    for pks in everything_at_once(ids):
        Order.objects.filter(pk__in=pks).delete()
"#;
        assert_eq!(lines_of(RULE, "shop/chunks.py", source), vec![36]);
    }

    #[test]
    fn lists_filled_at_run_time_and_open_slices_are_runtime_sized() {
        let source = r#"
from shop.models import Order

def sync(rows, lines):
    ids = []
    for row in rows:
        ids.append(row.id)
    for pk in ids:
        Order.objects.filter(pk=pk).update(seen=True)
    for pk in [1, 2, 3]:
        Order.objects.get(pk=pk)
    for line in lines[2:]:
        Order.objects.create(code=line)
    for line in lines[:20]:
        Order.objects.create(code=line)
"#;
        // An empty list grown with `append` is as long as what fills it; `lines[2:]` is the rest.
        assert_eq!(lines_of(RULE, "shop/sync.py", source), vec![9, 13]);
    }

    #[test]
    fn relations_of_loop_rows_belong_to_the_lazy_load_rule() {
        let source = r#"
from shop.models import Order

def items(customer):
    for order in Order.objects.filter(customer=customer):
        order.items.all()
        order.items.count()
        order.items.filter(sku="x").first()
        order.customer.orders.exists()
"#;
        assert!(lines_of(RULE, "shop/items.py", source).is_empty());
        let js = r#"
const { Order } = require('./models');
async function items(orders) {
  for (const order of orders) {
    await order.getItems();
    await order.countItems();
  }
}
"#;
        assert!(lines_of(RULE, "items.js", js).is_empty());
    }

    #[test]
    fn a_query_that_ends_the_loop_runs_once() {
        let source = r#"
from shop.models import Order

def first_open(order_ids):
    for order_id in order_ids:
        if order_id > 10:
            return Order.objects.get(pk=order_id)
    for order_id in order_ids:
        if order_id:
            found = Order.objects.filter(pk=order_id).first()
            break
"#;
        assert!(lines_of(RULE, "shop/first.py", source).is_empty());
    }

    #[test]
    fn sqlalchemy_sessions_and_flask_models() {
        let source = r#"
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from app.extensions import db
from app.models import User

SessionLocal = sessionmaker()

def load(ids, session: Session):
    local = SessionLocal()
    for user_id in ids:
        local.get(User, user_id)
        session.query(User).filter(User.id == user_id).one()
        session.execute(select(User).where(User.id == user_id))
        db.session.scalars(select(User).where(User.id == user_id)).first()
        User.query.filter_by(id=user_id).first()
        session.add(User(id=user_id))
        stmt = select(User)
        for user in session.query(User).filter(User.id > user_id):
            print(user)
"#;
        assert_eq!(
            query_lines("app/load.py", source),
            vec![12, 13, 14, 15, 16, 19]
        );
    }

    #[test]
    fn db_api_cursors_and_sql_text() {
        let source = r#"
import psycopg2
from django.db import connection

conn = psycopg2.connect("dbname=shop")

def sync(ids, cursor, query):
    cur = conn.cursor()
    for item_id in ids:
        cur.execute("UPDATE items SET synced = true WHERE id = %s", (item_id,))
        cursor.execute(f"SELECT * FROM items WHERE id = {item_id}")
        cursor.execute(query)
        rows = cursor.fetchall()
        with connection.cursor() as django_cursor:
            django_cursor.execute(query, [item_id])

async def fetch(ids, conn):
    for item_id in ids:
        await conn.fetchrow("SELECT * FROM items WHERE id = $1", item_id)
        await conn.execute(command)
"#;
        assert_eq!(
            lines_of(RULE, "items/sync.py", source),
            vec![10, 11, 15, 19]
        );
    }

    #[test]
    fn pymongo_collections() {
        let source = r#"
from pymongo import MongoClient
from app.db import mongo

client = MongoClient()

def sync(ids):
    for doc_id in ids:
        client.shop.orders.find({"_id": doc_id})
        mongo.orders.find_one({"_id": doc_id})
        mongo.orders.find({"_id": doc_id})
"#;
        assert_eq!(query_lines("sync.py", source), vec![9, 10]);
    }

    #[test]
    fn helpers_in_the_same_file_are_reported_at_the_call() {
        let source = r#"
from shop.models import Order

def order_total(order_id):
    order = Order.objects.get(pk=order_id)
    return order.total

def totals_of(order_ids):
    return order_total(order_ids[0])

class Report:
    def _customer_orders(self, customer_id):
        return list(Order.objects.filter(customer_id=customer_id))

    def build(self, customer_ids):
        for customer_id in customer_ids:
            self._customer_orders(customer_id)

def summary(order_ids):
    return [order_total(order_id) for order_id in order_ids]

def via_helper(order_ids):
    for order_id in order_ids:
        totals_of([order_id])
"#;
        assert_eq!(lines_of(RULE, "shop/report.py", source), vec![17, 20, 24]);
    }

    #[test]
    fn a_helper_with_its_own_loop_is_reported_inside_only() {
        let source = r#"
from shop.models import Order

def load_all(ids):
    for i in ids:
        Order.objects.get(pk=i)

def run(groups):
    for group in groups:
        load_all(group)
"#;
        assert_eq!(lines_of(RULE, "shop/load.py", source), vec![6]);
    }

    #[test]
    fn prisma_delegates() {
        let source = r#"
import { PrismaClient } from '@prisma/client';
import { db } from './db';
const prisma = new PrismaClient();

export async function load(ids: number[], loader: any, cache: Map<number, unknown>) {
  for (const id of ids) {
    await prisma.user.findUnique({ where: { id } });
    await db.post.findMany({ where: { authorId: id } });
    await prisma.user.update({ where: { id }, data: { seen: true } });
    await loader.load(id);
    cache.delete(id);
    await this.usersService.findMany(id);
  }
  await Promise.all(ids.map((id) => prisma.user.findFirst({ where: { id } })));
  const users = await prisma.user.findMany({ where: { id: { in: ids } } });
  users.forEach((u) => console.log(u));
  for (let i = 0; i < ids.length; i += 100) {
    await prisma.user.findMany({ where: { id: { in: ids.slice(i, i + 100) } } });
  }
  for (let i = 0; i < ids.length; i++) {
    await prisma.user.findUnique({ where: { id: ids[i] } });
  }
  for (let attempt = 0; attempt < retries; attempt++) {
    await prisma.user.count();
  }
  ['a', 'b'].forEach(async (key) => prisma.setting.findFirst({ where: { key } }));
}
"#;
        assert_eq!(
            query_lines("src/load.ts", source),
            vec![8, 9, 10, 15, 22]
        );
    }

    #[test]
    fn sequelize_mongoose_and_drivers_without_the_index() {
        let source = r#"
const { User } = require('../models');
const { Pool } = require('pg');
const mongoose = require('mongoose');
const Post = mongoose.model('Post', new mongoose.Schema({}));
const pool = new Pool();

async function load(ids, db, sql) {
  for (const id of ids) {
    await User.findByPk(id);
    await User.findById(id);
    await Post.findOne({ _id: id });
    await pool.query('SELECT * FROM users WHERE id = $1', [id]);
    await db.query(`select * from users where id = ${id}`);
    await db.query(sql, [id]);
    await db.collection('users').findOne({ _id: id });
  }
  ids.forEach(async (id) => {
    const client = await pool.connect();
    await client.query('UPDATE users SET seen = true WHERE id = $1', [id]);
  });
}
"#;
        assert_eq!(
            query_lines("services/load.js", source),
            vec![10, 11, 12, 13, 14, 16, 20]
        );
    }

    #[test]
    fn sequelize_statics_need_the_index_for_ambiguous_methods() {
        let source = r#"
const { Order } = require('./models');
async function load(ids) {
  for (const id of ids) {
    await Order.findOne({ where: { id } });
  }
}
"#;
        // `findOne` is Sequelize's, Mongoose's, TypeORM's and Bookshelf's: the index decides.
        assert!(lines_of(RULE, "services/orders.js", source).is_empty());
        let model = r#"
const { Model, DataTypes } = require('sequelize');
class Order extends Model {}
Order.init({ total: DataTypes.INTEGER }, { sequelize });
module.exports = { Order };
"#;
        // TODO: needs the Sequelize extraction of the model index (models/js.rs) to report line 5.
        let found = project_findings(&[("models/order.js", model)], "services/orders.js", source);
        assert!(rule_lines(&found).is_empty() || rule_lines(&found) == vec![5]);
        let local = r#"
const { Model } = require('sequelize');
class Order extends Model {}
async function load(ids) {
  for (const id of ids) {
    await Order.findOne({ where: { id } });
  }
}
"#;
        assert_eq!(lines_of(RULE, "services/local.js", local), vec![6]);
    }

    #[test]
    fn knex_builders() {
        let source = r#"
const knex = require('knex')({ client: 'pg' });

async function load(ids, trx, db) {
  for (const id of ids) {
    await knex('users').where({ id }).first();
    await trx('users').where({ id }).update({ seen: true });
    await db('orders').whereIn('user_id', knex('users').select('id').where({ id }));
    const rows = await knex.select('*').from('users').where({ id });
  }
  await knex('users').whereIn('id', ids);
  for (const id of ids) {
    $('li').first();
    const builder = knex('users').where({ id });
  }
}
"#;
        assert_eq!(query_lines("db/load.js", source), vec![6, 7, 8, 9]);
    }

    #[test]
    fn typeorm_repositories_and_nest_injection() {
        let source = r#"
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { InjectModel } from '@nestjs/mongoose';
import { Repository, EntityManager } from 'typeorm';
import { Model } from 'mongoose';
import { User } from './user.entity';
import { AppDataSource } from './data-source';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectModel(Cat.name) private catModel: Model<CatDocument>,
    private readonly em: EntityManager,
  ) {}

  async refresh(ids: number[]) {
    const repo = AppDataSource.getRepository(User);
    for (const id of ids) {
      await this.users.findOneBy({ id });
      await repo.findOne({ where: { id } });
      await this.catModel.findOne({ owner: id });
      await this.em.findOne(User, { where: { id } });
      await this.users.createQueryBuilder('u').where('u.id = :id', { id }).getOne();
      await this.load(id);
    }
    await this.users.findBy({ id: In(ids) });
  }

  private async load(id: number) {
    return this.users.findOne({ where: { id } });
  }
}
"#;
        assert_eq!(
            query_lines("src/users.service.ts", source),
            vec![21, 22, 23, 24, 25, 26]
        );
    }

    #[test]
    fn postgres_js_tagged_templates() {
        let source = r#"
import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL);

export async function load(ids) {
  for (const id of ids) {
    await sql`select * from users where id = ${id}`;
    await sql`select * from users where ${sql`id = ${id}`}`;
  }
}
"#;
        assert_eq!(lines_of(RULE, "db.mjs", source), vec![7, 8]);
    }

    #[test]
    fn messages_name_the_query_the_loop_and_the_batched_form() {
        let source = r#"
from shop.models import Order

def invoice_lines(order_ids):
    for order_id in order_ids:
        Order.objects.get(pk=order_id)
"#;
        let report = crate::test_support::lint_in_project(&[], "shop/lines.py", source);
        let finding = report
            .findings
            .iter()
            .find(|f| &*f.diagnostic.rule == RULE)
            .unwrap();
        let message = &finding.diagnostic.message;
        assert!(
            message.starts_with("`Order.objects.get` runs one query per item of `order_ids`"),
            "{message}"
        );
        let help = finding.diagnostic.help.as_deref().unwrap();
        assert!(help.contains("Order.objects.in_bulk(ids)"), "{help}");
        assert_eq!(finding.diagnostic.labels.len(), 1);
    }

    #[test]
    fn a_loop_invariant_read_is_moved_before_the_loop() {
        let source = r#"
const { Pool } = require('pg');
const pool = new Pool();
async function f(items) {
  for (const item of items) {
    const { rows } = await pool.query('SELECT value FROM settings');
  }
}
"#;
        let report = crate::test_support::lint_in_project(&[], "f.js", source);
        let finding = report
            .findings
            .iter()
            .find(|f| &*f.diagnostic.rule == RULE)
            .unwrap();
        assert!(finding
            .diagnostic
            .help
            .as_deref()
            .unwrap()
            .contains("run it once before the loop"));
    }

    #[test]
    fn migrations_seeds_and_tests_are_exempt() {
        let source = r#"
from shop.models import Order

def forwards(apps, schema_editor):
    for order_id in [1, 2, 3] + list(range(10)):
        Order.objects.get(pk=order_id)
"#;
        assert!(lines_of(RULE, "shop/migrations/0002_fill.py", source).is_empty());
        assert!(lines_of(RULE, "db/seeds/orders.py", source).is_empty());
        assert!(lines_of(RULE, "shop/tests/test_orders.py", source).is_empty());
        assert_eq!(lines_of(RULE, "shop/fill.py", source), vec![6]);
        // A management command is command-line code, run by hand: quiet by default (`[contexts]`).
        assert!(lines_of(RULE, "shop/management/commands/fill.py", source).is_empty());
    }

    #[test]
    fn other_rules_see_the_same_file() {
        let source = r#"
from shop.models import Order

async def totals(order_ids):
    for order_id in order_ids:
        Order.objects.get(pk=order_id)
"#;
        let found = findings("shop/views.py", source);
        assert!(found.contains(&"query-in-loop@6".to_string()), "{found:?}");
    }

    #[test]
    fn a_query_per_model_table_or_statement_has_no_batched_form() {
        let source = r#"
from django.apps import apps
from django.db import connection

ACTOR_TYPES = {"team": 0, "user": 1}

def per_model(app_config, statements, tables, ids):
    for model in app_config.get_models():
        model._base_manager.count()
    for name in ["Order", "Invoice"] + extra_names:
        Model = apps.get_model("shop", name)
        Model.objects.count()
    for field in Order._meta.get_fields():
        Order.objects.filter(**{field.name: None}).count()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        for table in tables:
            cursor.execute("SELECT COUNT(*) FROM %s" % table)
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [1])
        for item_id in ids:
            cursor.execute("SELECT * FROM items WHERE id = %s", [item_id])
    for kind, value in ACTOR_TYPES.items():
        Order.objects.filter(kind=value).count()
"#;
        assert_eq!(lines_of(RULE, "shop/admin_tools.py", source), vec![22]);
        let js = r#"
async function counts(db, tables) {
  for (const table of tables) {
    await db.query(`SELECT COUNT(*) FROM ${table}`);
    await db.collection(table).countDocuments();
  }
}
"#;
        assert!(lines_of(RULE, "counts.js", js).is_empty());
    }

    #[test]
    fn conditional_queries_in_helpers_stay_quiet() {
        let source = r#"
from shop.models import Order

_cache = {}

def cached_order(order_id):
    if order_id not in _cache:
        _cache[order_id] = Order.objects.get(pk=order_id)
    return _cache[order_id]

def guarded(order_id):
    if order_id is None:
        return None
    return Order.objects.get(pk=order_id)

def run(order_ids):
    for order_id in order_ids:
        cached_order(order_id)
        guarded(order_id)
"#;
        assert_eq!(lines_of(RULE, "shop/cache.py", source), vec![19]);
    }

    #[test]
    fn knex_needs_a_knex_like_name_or_instance() {
        let source = r#"
const cheerio = require('cheerio');
function render(posts) {
  for (const post of posts) {
    const htmlContent = cheerio.load(post.html);
    htmlContent('p').first().before('<p>intro</p>');
  }
}
"#;
        assert!(lines_of(RULE, "render.js", source).is_empty());
    }

    #[test]
    fn single_rows_and_relation_statements_stay_quiet() {
        let source = r#"
from sqlalchemy.ext.asyncio import async_sessionmaker
from shop.models import Order, Project, ProjectKey

async_session = async_sessionmaker()

def relay(organization_id):
    for organization in Order.objects.filter(id=organization_id):
        for project in Project.objects.filter(organization_id=organization_id):
            for key in ProjectKey.objects.filter(project_id=project.id):
                print(key)

async def items(orders):
    async with async_session() as session:
        for order in orders:
            for item in await session.scalars(order.items.select()):
                print(item)
"#;
        assert_eq!(lines_of(RULE, "shop/relay.py", source), vec![10]);
    }
}
