use crate::eager_fix::{capitalized, query_span, row_noun, EagerLoad};
use crate::helpers::loop_label;
use snag_core::frameworks::{bookshelf, django, orm, sequelize, sqlalchemy};
use snag_core::models::chain::member_parts;
use snag_core::models::rows::{self, Rows};
use snag_core::models::{Cardinality, Loading, ModelIndex, Orm, Relation};
use snag_core::rule::{Rule, RuleContext, RuleMeta};
use snag_core::trigger::{self, Trigger};
use snag_core::semantic::{syntax, BindingId, LoopId, LoopKind, Semantic};
use snag_core::NodeFields;
use snag_core::Span;
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags, inside a loop over ORM rows, an access that loads a relation of the row with one query
    /// per row: a Django foreign key or one-to-one (`order.customer.name`), a reverse foreign key or
    /// many-to-many manager (`order.items.all()`, `.count()`, `.filter()`), a SQLAlchemy
    /// `relationship()` attribute (`user.orders`, and every use of a `lazy="dynamic"` one), a Sequelize
    /// association getter (`order.getCustomer()`), a TypeORM lazy relation (`await order.customer`), a
    /// Bookshelf `post.related('tags').fetch()`.
    ///
    /// snag knows which attributes are relations from the model definitions anywhere in the project
    /// (the model index), and where the rows come from by tracing the loop's collection back to the query
    /// that produced it (through variables, `list(...)`, `await`, `.all()`, `.scalars()`, relations of
    /// outer rows). The finding points at the access, with labels at the loop and at that query.
    ///
    /// ## Why is this bad?
    /// This is the N+1 query: one query for the rows, then one more for every row. A page of 50 orders
    /// runs 51 queries where 1 or 2 would do, and the latency of every round trip adds up; it grows with
    /// the data, so it is fast in development and slow in production.
    ///
    /// ## Example
    /// ```python
    /// orders = Order.objects.filter(status="open")
    /// for order in orders:
    ///     print(order.customer.name, order.items.count())
    /// ```
    ///
    /// ## Use instead
    /// Load the relations with the rows; the fix adds exactly this to the query:
    /// ```python
    /// orders = Order.objects.filter(status="open").select_related("customer").prefetch_related("items")
    /// ```
    /// - Django: `select_related("customer")` for foreign keys and one-to-one (one JOIN),
    ///   `prefetch_related("items")` for reverse foreign keys and many-to-many (one more query);
    ///   nested relations as `customer__address`.
    /// - SQLAlchemy: `.options(joinedload(Order.customer))` for many-to-one,
    ///   `.options(selectinload(User.orders))` for collections, or `lazy="selectin"` on the model.
    /// - Sequelize: `Order.findAll({ include: ['customer'] })`, then read `order.customer`.
    /// - TypeORM: `find({ relations: { customer: true } })`.
    /// - Bookshelf: `findAll({ withRelated: ['tags'] })`.
    ///
    /// ## Severity
    /// `warning`; `info` when each row also makes an HTTP request or sends an e-mail (directly or
    /// through a function of the file), which costs far more than the query.
    ///
    /// ## Stays quiet on
    /// - rows fetched with the matching eager load (`select_related`, `prefetch_related`/`Prefetch`,
    ///   `joinedload`/`selectinload`/`subqueryload`, `include`, `relations`, `leftJoinAndSelect`,
    ///   `withRelated`), and `.all()`, `.count()`, `.exists()` of a prefetched relation;
    /// - relations the model declares eager (`lazy="joined"|"selectin"|"subquery"`, TypeORM
    ///   `eager: true`) or that never load (`lazy="raise"|"noload"`, a TypeORM relation that is not lazy,
    ///   a Mongoose `ref` without `populate`);
    /// - the key column (`order.customer_id`), plain columns, and attributes that are not relations of the
    ///   row's model (read from the model definitions, in other files too);
    /// - `.values()`/`.values_list()` rows and `raw: true` rows, which are not model instances;
    /// - writes through a relation manager (`order.tags.add(...)`), and assigning a relation;
    /// - rows whose query snag cannot see (a function parameter): it never guesses the model;
    /// - a read that runs once per group of rows, not per row: under an `if` that tests state from
    ///   outside the loop which its branch then writes (`if event_id != o.event_id: ...; event_id =
    ///   o.event_id`, `if o.user_id not in seen: seen.add(o.user_id); ...`);
    /// - SQLAlchemy many-to-one relations whose key the rows' query pins to one value
    ///   (`filter(Reservation.room_id == room_id)`, `filter_by(room_id=...)`, a list of criteria spread
    ///   into `filter`): the session's identity map serves every row's `r.room` after one load;
    /// - test files.
    ///
    /// ## Fix safety
    /// The fix adds the eager load to the query that produced the rows (and the loader's import for
    /// SQLAlchemy). The rows and their values stay the same, but the query changes shape (a JOIN or one
    /// more query up front) and loads more data, so it is a suggestion, not applied by `--fix`.
    pub struct OrmLazyLoadInLoop {
        id: "orm-lazy-load-in-loop",
        summary: "A relation of an ORM row loaded with one query per row inside a loop (N+1)",
        severity: Warning,
        fix: Suggestion,
        status: Stable,
        since: "0.1.0",
        targets: [
            // A loop (`for`, or a comprehension's `for`) over rows of a query in the same file.
            Python {
                kinds: ["attribute"],
                triggers: [word("for")],
                // The rows' query: a Django queryset method after the manager, or SQLAlchemy's
                // `query`/`scalars`/`execute`, each called as a method.
                requires: [[
                    django::rows_methods()
                        .chain([sqlalchemy::SESSION_QUERY, sqlalchemy::SCALARS, sqlalchemy::EXECUTE])
                        .map(member)
                        .collect::<Vec<_>>(),
                ]],
            },
            // Rows come from a list query (`findAll`, `find`, `fetchAll`, `getMany`...).
            JavaScript {
                kinds: ["member_expression"],
                triggers: [list_query_triggers()],
            },
        ],
        reads_models: true,
    }
}

/// The list queries of every JavaScript ORM as literal triggers, without those that contain another
/// (`find` finds `findAll` too).
fn list_query_triggers() -> Vec<Trigger> {
    let queries: Vec<&str> = orm::js_list_queries().collect();
    let mut kept: Vec<&str> = Vec::new();
    for query in &queries {
        let covered = queries
            .iter()
            .any(|other| other != query && query.contains(other));
        if !covered && !kept.contains(query) {
            kept.push(query);
        }
    }
    kept.into_iter().map(trigger::literal).collect()
}

impl Rule for OrmLazyLoadInLoop {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>) {
        let semantic = ctx.semantic();
        let models = ctx.models();
        let Some((object, property)) = member_parts(node) else {
            return;
        };
        if object.kind() != "identifier" {
            return;
        }
        let Some(binding) = semantic.resolve_identifier(object) else {
            return;
        };
        let Some(loop_id) = rows::element_loop_at(semantic, binding, node) else {
            return;
        };
        if !semantic.loop_(loop_id).region.contains(Span::from(node))
            || runs_once_per_loop(semantic, node, loop_id)
            // `if event_id != o.event_id: settings = o.event.settings; event_id = o.event_id`: once
            // per group of rows, not per row.
            || semantic
                .once_per_value_guard(node, semantic.loop_(loop_id).node)
                .is_some()
        {
            return;
        }
        let Some(rows) = rows::loop_rows(semantic, models, loop_id) else {
            return;
        };
        if rows.plain {
            return;
        }
        let name = semantic.text(property);
        let Some(access) = classify(semantic, models, &rows, node, name) else {
            return;
        };
        if is_cached_after_first_read(rows.model.orm, access.relation)
            && read_earlier_in_loop(semantic, binding, node, loop_id)
        {
            return;
        }
        if access.kind == AccessKind::Load && served_by_identity_map(semantic, &rows, access.relation) {
            return;
        }
        // One finding per loop, relation and kind of access: the first, the other places as labels
        // (`q.options.all()` in each branch of an `if`).
        let path_text = access.path.join(".");
        // Kinds with different fixes stay apart (a load, a query a prefetch does not serve, a write).
        let key = (loop_id, path_text.clone(), std::mem::discriminant(&access.kind));
        if ctx.memo::<ReportedAccesses>().0.contains(&key) {
            return;
        }
        ctx.memo::<ReportedAccesses>().0.insert(key);
        let others: Vec<Node<'_>> = same_relation_later(semantic, binding, node, loop_id, name)
            .into_iter()
            .filter(|other| {
                classify(semantic, models, &rows, *other, name).is_some_and(|a| {
                    std::mem::discriminant(&a.kind) == std::mem::discriminant(&access.kind)
                })
            })
            .collect();
        let (loop_span, loop_message) = loop_label(semantic, loop_id);
        let row = row_noun(rows.model);
        let relation = access.relation;
        let query_node = query_span(&rows.query);
        let message = match access.kind {
            AccessKind::Load => format!(
                "`{}.{}` is loaded with one query per {row}: the query that produced the rows does not load it",
                rows.model.name, path_text
            ),
            AccessKind::FilteredPrefetch(method) => format!(
                "`.{method}()` on `{}.{}` runs one query per {row}, even though the relation is prefetched: prefetching only serves `.all()`, `.count()` and `.exists()`",
                rows.model.name, relation.name
            ),
            AccessKind::Unprefetchable(method) => format!(
                "`.{method}()` on `{}.{}` runs one query per {row}, and a prefetch would not serve it: prefetching only serves `.all()`, `.count()` and `.exists()`",
                rows.model.name, relation.name
            ),
            AccessKind::Write(method) => format!(
                "`.{method}()` through `{}.{}` writes with one query per {row}: no prefetch removes a write",
                rows.model.name, relation.name
            ),
            AccessKind::Dynamic => format!(
                "`{}.{}` is a `lazy=\"dynamic\"` relation: every use runs a query, here once per {row}",
                rows.model.name, relation.name
            ),
        };
        let full_path = rows.full_path(&access.path.iter().map(String::as_str).collect::<Vec<_>>());
        let eager = EagerLoad::for_path(models, rows.query_model, &full_path);
        let help = match access.kind {
            AccessKind::Load => format!(
                "Load it with the rows, in the same query or one more: {}.",
                eager.describe(rows.query_model)
            ),
            AccessKind::FilteredPrefetch(_) => format!(
                "Filter the prefetched rows in Python, or prefetch exactly the rows you need with `Prefetch(\"{}\", queryset=..., to_attr=...)`.",
                full_path
            ),
            AccessKind::Write(method) => format!(
                "Write for all {row}s at once through the related model: `{}.objects.filter(<its field to {}>__in=...).{method}(...)`.",
                relation.target, rows.model.name
            ),
            AccessKind::Unprefetchable(_) => format!(
                "Prefetch exactly the rows you need with `Prefetch(\"{}\", queryset=..., to_attr=...)` and read that attribute in the loop, or load them for all {}s in one query before it.",
                full_path, row
            ),
            AccessKind::Dynamic => format!(
                "Load the related rows of all {}s in one query (`select({}).where(... .in_(ids))`), or declare the relation `lazy=\"selectin\"`.",
                row, relation.target
            ),
        };
        let mut diagnostic = ctx
            .diagnostic(access.span, message)
            .with_label(loop_span, loop_message)
            .with_label(
                query_node,
                format!("the rows come from this query, which does not load `{full_path}`"),
            )
            .with_help(help);
        for other in others {
            diagnostic = diagnostic.with_label(other, format!("`{name}` is used here too, in the same loop"));
        }
        // Django 5 refuses `prefetch_related()` on `.iterator()` without `chunk_size`: no fix there.
        let iterated_whole = rows.query_model.orm == Orm::Django
            && relation.cardinality == Cardinality::Many
            && iterates_without_chunk_size(semantic, &rows.query);
        // `.only("pk", ...)` without the relation: Django refuses `select_related` on a deferred field.
        let deferred = rows.query_model.orm == Orm::Django
            && relation.cardinality == Cardinality::One
            && defers_relation(semantic, &rows.query, &access.path[0]);
        if deferred {
            diagnostic = diagnostic.with_help(format!(
                "Load it with the rows: add `\"{}\"` to the query's `.only(...)` and `.select_related(\"{full_path}\")` (Django refuses `select_related` on a field `.only()` leaves out).",
                access.path[0]
            ));
        }
        if access.kind == AccessKind::Load && !iterated_whole && !deferred {
            if let Some(fix) = eager.fix(semantic, &rows.query) {
                diagnostic = diagnostic.with_fix(fix);
            }
        }
        if access.kind == AccessKind::Load && iterated_whole {
            diagnostic = diagnostic.with_help(format!(
                "Load it with the rows: add `.prefetch_related(\"{full_path}\")` and give `.iterator()` a `chunk_size` (Django prefetches per chunk, and refuses a prefetch on `.iterator()` without one)."
            ));
        }
        crate::helpers::dwarfed_by_heavier_work(semantic, loop_id, &mut diagnostic);
        ctx.report(diagnostic);
    }
}

/// The (loop, relation path, kind of access) triples already reported in this file.
#[derive(Default)]
struct ReportedAccesses(
    std::collections::HashSet<(LoopId, String, std::mem::Discriminant<AccessKind>)>,
);

/// The later uses of the same member of the row in the loop (`o.items` again in another branch).
fn same_relation_later<'t>(
    semantic: &Semantic<'t>,
    binding: BindingId,
    node: Node<'t>,
    loop_id: LoopId,
    name: &str,
) -> Vec<Node<'t>> {
    let region = semantic.loop_(loop_id).region;
    semantic
        .all_references(binding)
        .into_iter()
        .filter(|r| r.start_byte() > node.start_byte() && region.contains(Span::from(*r)))
        .filter_map(|r| semantic.parent(r))
        .filter(|p| p.id() != node.id())
        .filter(|p| member_parts(*p).is_some_and(|(_, property)| semantic.text(property) == name))
        .collect()
}

/// Whether the ORM keeps a loaded relation on the row, so that a second read of it in the same
/// iteration costs nothing: Django caches to-one relations on the instance, SQLAlchemy every loaded
/// attribute, TypeORM the promise of a lazy relation. Manager calls and getters query every time.
fn is_cached_after_first_read(orm: Orm, relation: &Relation) -> bool {
    match orm {
        Orm::Django => relation.cardinality == Cardinality::One,
        Orm::SqlAlchemy => relation.loading == Loading::Lazy,
        Orm::TypeOrm => true,
        Orm::Sequelize | Orm::Bookshelf | Orm::Mongoose => false,
    }
}

/// SQLAlchemy's identity map: a many-to-one relation loads by primary key, and the session loads an
/// object once. When the rows' query pins the relation's key to one value (`Reservation.room_id ==
/// self.room_id`, `filter_by(room_id=...)`, also through a list of criteria spread into `filter`), every
/// row points at the same object: one load for the loop, not one per row.
fn served_by_identity_map(semantic: &Semantic<'_>, rows: &Rows<'_, '_>, relation: &Relation) -> bool {
    // Many-to-one: the key is on this side, and the load is a get by primary key (a one-to-one read
    // from the side without the key is a query on the other table, which the map does not serve).
    if rows.model.orm != Orm::SqlAlchemy
        || !rows.prefix.is_empty()
        || relation.cardinality != Cardinality::One
        || relation.inverse_cardinality != Cardinality::Many
        || relation.many_to_many
    {
        return false;
    }
    // A backref declared on the other model names no key here: the column `room_id` beside `room`.
    let conventional_key = format!("{}_id", relation.name);
    let key = relation.key_attribute.as_deref().or_else(|| {
        rows.model
            .fields
            .contains(&conventional_key)
            .then_some(conventional_key.as_str())
    });
    let names: Vec<&str> = std::iter::once(relation.name.as_str()).chain(key).collect();
    rows.query
        .links
        .iter()
        .filter(|link| sqlalchemy::CRITERIA.contains(&link.name))
        .filter_map(|link| link.call)
        .flat_map(|call| semantic.arguments(call))
        .any(|argument| pins(semantic, argument, &names, 0))
}

/// Whether a filter criterion fixes one of `names` (a relation or its key) to one value.
fn pins(semantic: &Semantic<'_>, criterion: Node<'_>, names: &[&str], depth: u32) -> bool {
    let criterion = crate::helpers::unwrap(criterion);
    let names_one = |side: Option<Node<'_>>| {
        side.and_then(|s| member_parts(crate::helpers::unwrap(s)))
            .is_some_and(|(_, attribute)| names.contains(&semantic.text(attribute)))
    };
    match criterion.kind() {
        // `filter_by(room_id=room.id)`
        "keyword_argument" => criterion
            .field("name")
            .is_some_and(|n| names.contains(&semantic.text(n))),
        // `Reservation.room_id == self.room_id`
        "comparison_operator" => {
            let equality = syntax::has_operator(criterion, &["=="]);
            equality
                && (names_one(criterion.named_child(0)) || names_one(criterion.named_child(1)))
        }
        // `*criteria` for `criteria = [Reservation.room_id == self.room_id, ...]`
        "list_splat" if depth == 0 => criterion
            .named_child(0)
            .filter(|n| n.kind() == "identifier")
            .and_then(|n| semantic.resolve_identifier(n))
            .and_then(|b| match semantic.writes(b).as_slice() {
                [only] => only.value,
                _ => None,
            })
            .filter(|list| list.kind() == "list")
            .is_some_and(|list| {
                let mut cursor = list.walk();
                let found = list
                    .named_children(&mut cursor)
                    .any(|element| pins(semantic, element, names, depth + 1));
                found
            }),
        _ => false,
    }
}

/// Whether the same row's same attribute is read before `node` in the loop (only the first read of
/// an iteration loads it: one finding per fault).
fn read_earlier_in_loop(
    semantic: &Semantic<'_>,
    binding: BindingId,
    node: Node<'_>,
    loop_id: LoopId,
) -> bool {
    let Some(name) = member_parts(node).map(|(_, p)| semantic.text(p)) else {
        return false;
    };
    let region = semantic.loop_(loop_id).region;
    semantic
        .all_references(binding)
        .into_iter()
        .filter(|r| r.start_byte() < node.start_byte() && region.contains(Span::from(*r)))
        .filter_map(|r| semantic.parent(r))
        .filter(|p| p.id() != node.id())
        .any(|p| {
            member_parts(p).is_some_and(|(object, property)| {
                object.kind() == "identifier" && semantic.text(property) == name
            })
        })
}

/// Whether `node` runs at most once per loop: inside a `return`/`raise`/`throw`, or in a block that
/// leaves the loop at its end (`return`, `break`, `raise`, `throw`).
fn runs_once_per_loop(semantic: &Semantic<'_>, node: Node<'_>, loop_id: LoopId) -> bool {
    // In a callback loop (`orders.forEach(o => ...)`), `return` only ends one iteration.
    let exits: &[&str] = if semantic.loop_(loop_id).kind == LoopKind::Callback {
        &["raise_statement", "throw_statement"]
    } else {
        &[
            "return_statement",
            "raise_statement",
            "throw_statement",
            "break_statement",
        ]
    };
    let loop_node = semantic.loop_(loop_id).node;
    let mut current = node;
    while let Some(parent) = semantic.parent(current) {
        if parent.id() == loop_node.id() || Span::from(parent).contains(Span::from(loop_node)) {
            return false;
        }
        if matches!(
            parent.kind(),
            "function_definition" | "lambda" | "arrow_function" | "function_expression"
        ) {
            // The callback of a callback loop: its body is the loop body.
            return false;
        }
        if exits.contains(&parent.kind()) {
            return true;
        }
        if matches!(parent.kind(), "block" | "statement_block") {
            let mut cursor = parent.walk();
            let last = parent
                .named_children(&mut cursor)
                .filter(|n| n.kind() != "comment")
                .last();
            if last.is_some_and(|l| exits.contains(&l.kind())) {
                return true;
            }
        }
        current = parent;
    }
    false
}

/// What the access does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AccessKind {
    /// Loads a relation that the query did not load.
    Load,
    /// Filters a prefetched to-many relation (a query per row anyway).
    FilteredPrefetch(&'static str),
    /// Calls a related manager method that runs a query whether or not the relation is prefetched
    /// (`.first()`, `.filter(...)`).
    Unprefetchable(&'static str),
    /// Writes through the relation (`o.items.all().update(...)`): a query per row no prefetch removes.
    Write(&'static str),
    /// Uses a `lazy="dynamic"` relation.
    Dynamic,
}

/// A per-row relation access.
struct Access<'m> {
    kind: AccessKind,
    /// The first relation accessed.
    relation: &'m Relation,
    /// The relation names accessed, from the row (`customer`, `address`).
    path: Vec<String>,
    /// What the finding points at.
    span: Span,
}

/// Whether `node` (`row.name`) loads a relation per row, and how.
fn classify<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    rows: &Rows<'t, 'm>,
    node: Node<'t>,
    name: &str,
) -> Option<Access<'m>> {
    let model = rows.model;
    match model.orm {
        Orm::Django | Orm::SqlAlchemy | Orm::TypeOrm => {
            let relation = model.relation(name)?;
            if is_written(semantic, node) {
                return None;
            }
            match (relation.loading, model.orm) {
                (Loading::Eager | Loading::Never, _) => None,
                (Loading::Dynamic, _) => Some(Access {
                    kind: AccessKind::Dynamic,
                    relation,
                    path: vec![relation.name.clone()],
                    span: Span::from(node),
                }),
                (Loading::Lazy, Orm::Django) if relation.cardinality == Cardinality::Many => {
                    django_manager_access(semantic, rows, relation, node)
                }
                (Loading::Lazy, _) => to_one_access(semantic, models, rows, relation, node),
            }
        }
        Orm::Sequelize => {
            let call = semantic
                .parent(node)
                .filter(|p| p.kind() == "call_expression" && p.field("function") == Some(node))?;
            let relation_name = sequelize::ASSOCIATION_ACCESSOR_PREFIXES
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))?;
            let relation = model.relations.iter().find(|r| {
                r.loading == Loading::Lazy && capitalized(&r.name) == capitalized(relation_name)
            })?;
            let full = rows.full_path(&[relation.name.as_str()]);
            if rows.is_eager(&full, relation.cardinality == Cardinality::One) {
                return None;
            }
            Some(Access {
                kind: AccessKind::Load,
                relation,
                path: vec![relation.name.clone()],
                span: Span::from(call),
            })
        }
        Orm::Bookshelf => {
            let call = semantic
                .parent(node)
                .filter(|p| p.kind() == "call_expression" && p.field("function") == Some(node))?;
            let relation_name = match name {
                // `post.related('tags').fetch()`: `related` alone returns what is loaded.
                bookshelf::RELATED => {
                    let fetched = semantic
                        .parent(call)
                        .filter(|p| p.kind() == "member_expression")
                        .and_then(|m| m.field("property"))
                        .is_some_and(|p| semantic.text(p) == bookshelf::FETCH);
                    if !fetched {
                        return None;
                    }
                    rows::string_value(semantic, semantic.argument(call, 0)?)?
                }
                bookshelf::LOAD => {
                    let argument = semantic.argument(call, 0)?;
                    let first = if argument.kind() == "array" {
                        argument.named_child(0)?
                    } else {
                        argument
                    };
                    rows::string_value(semantic, first)?
                }
                _ => return None,
            };
            let relation = model.relation(&relation_name)?;
            let full = rows.full_path(&[relation.name.as_str()]);
            if rows.is_eager(&full, relation.cardinality == Cardinality::One) {
                return None;
            }
            let span = match name {
                bookshelf::RELATED => Span::from(semantic.parent(semantic.parent(call)?)?),
                _ => Span::from(call),
            };
            Some(Access {
                kind: AccessKind::Load,
                relation,
                path: vec![relation.name.clone()],
                span,
            })
        }
        Orm::Mongoose => None,
    }
}

/// Django `row.items.<method>(...)`: a query per row unless prefetched and the method reads the cache.
fn django_manager_access<'t, 'm>(
    semantic: &Semantic<'t>,
    rows: &Rows<'t, 'm>,
    relation: &'m Relation,
    node: Node<'t>,
) -> Option<Access<'m>> {
    let member = semantic.parent(node).filter(|p| p.kind() == "attribute")?;
    let call = semantic.parent(member).filter(|p| p.kind() == "call")?;
    let method = semantic.text(member.field("attribute")?);
    // A write through the relation (`o.items.update(...)`, `o.items.all().update(...)`,
    // `o.items.create(...)`): a query per row that no prefetch removes; its fix is one write for all
    // rows. (Adding and removing many-to-many links, `o.tags.add(t)`, is left alone.)
    if let Some(write) = chain_write(semantic, call) {
        return Some(Access {
            kind: AccessKind::Write(write),
            relation,
            path: vec![relation.name.clone()],
            span: Span::from(call),
        });
    }
    if django::RELATED_MANAGER_WRITES.contains(&method) {
        return None;
    }
    let method = django::related_manager_reads().find(|m| *m == method)?;
    let full = rows.full_path(&[relation.name.as_str()]);
    let eager = rows.is_eager(&full, false);
    let kind = if django::PREFETCHED_METHODS.contains(&method) {
        if eager {
            return None;
        }
        AccessKind::Load
    } else if eager {
        AccessKind::FilteredPrefetch(method)
    } else {
        // `.first()`, `.filter(...)`: a prefetch would not serve it either.
        AccessKind::Unprefetchable(method)
    };
    Some(Access {
        kind,
        relation,
        path: vec![relation.name.clone()],
        span: Span::from(call),
    })
}

/// Whether a Django query restricts its columns with `.only(...)` to a list without `field`.
fn defers_relation(semantic: &Semantic<'_>, query: &snag_core::models::chain::Chain<'_>, field: &str) -> bool {
    query.links.iter().any(|link| {
        link.is_call("only")
            && link.call.is_some_and(|call| {
                !semantic.arguments(call).into_iter().any(|argument| {
                    rows::string_value(semantic, argument).is_some_and(|name| {
                        name == field || name.starts_with(&format!("{field}__"))
                    })
                })
            })
    })
}

/// Whether a Django query's rows are consumed with `.iterator()` and no `chunk_size` (the query's own
/// chain, or the call its outermost expression is the object of).
fn iterates_without_chunk_size(semantic: &Semantic<'_>, query: &snag_core::models::chain::Chain<'_>) -> bool {
    let without_chunk_size = |call: Node<'_>| {
        semantic.arguments(call).is_empty() && semantic.keyword_argument(call, "chunk_size").is_none()
    };
    if query
        .links
        .iter()
        .any(|link| link.is_call("iterator") && link.call.is_some_and(without_chunk_size))
    {
        return true;
    }
    let Some(outer) = query.links.last().map(|l| l.node) else {
        return false;
    };
    semantic
        .parent(outer)
        .filter(|p| p.kind() == "attribute")
        .filter(|p| p.field("attribute").is_some_and(|a| semantic.text(a) == "iterator"))
        .and_then(|member| semantic.parent(member))
        .filter(|call| call.kind() == "call")
        .is_some_and(without_chunk_size)
}

/// The write a chain that starts with a related manager call makes (`update` in `o.items.update(...)`
/// and `o.items.all().update(...)`, `delete` in `o.items.filter(...).delete()`).
fn chain_write(semantic: &Semantic<'_>, call: Node<'_>) -> Option<&'static str> {
    let first = semantic
        .callee(call)
        .and_then(|callee| callee.field("attribute"))
        .map_or("", |a| semantic.text(a));
    if let Some(write) = django::QUERYSET_WRITES.iter().find(|w| **w == first) {
        return Some(write);
    }
    let mut current = call;
    while let Some(member) = semantic.parent(current).filter(|p| p.kind() == "attribute") {
        let next = semantic.parent(member).filter(|p| p.kind() == "call")?;
        let method = member.field("attribute").map_or("", |a| semantic.text(a));
        if let Some(write) = django::QUERYSET_WRITES.iter().find(|w| **w == method) {
            return Some(write);
        }
        current = next;
    }
    None
}

/// A to-one relation read (and the to-one relations read through it: `o.customer.address`), or any
/// read of a SQLAlchemy/TypeORM relation.
fn to_one_access<'t, 'm>(
    semantic: &Semantic<'t>,
    models: &'m ModelIndex,
    rows: &Rows<'t, 'm>,
    relation: &'m Relation,
    node: Node<'t>,
) -> Option<Access<'m>> {
    let mut path = vec![relation.name.clone()];
    let mut end = node;
    let mut current = relation;
    // Follow `.address` while it is a to-one relation of the related model.
    while current.cardinality == Cardinality::One {
        let Some(target) = models.target_of(rows.model, current)
        else {
            break;
        };
        let Some(parent) = semantic
            .parent(end)
            .filter(|p| matches!(p.kind(), "attribute" | "member_expression"))
        else {
            break;
        };
        let Some((object, property)) = member_parts(parent) else {
            break;
        };
        if object != end {
            break;
        }
        let Some(next) = target.relation(semantic.text(property)) else {
            break;
        };
        if next.cardinality != Cardinality::One || next.loading != Loading::Lazy {
            break;
        }
        path.push(next.name.clone());
        end = parent;
        current = next;
    }
    let full = rows.full_path(&path.iter().map(String::as_str).collect::<Vec<_>>());
    // `select_related("customer")` does not load `customer.address`: the full path decides.
    if rows.is_eager(&full, relation.cardinality == Cardinality::One) {
        return None;
    }
    Some(Access {
        kind: AccessKind::Load,
        relation,
        path,
        span: Span::new(node.start_byte(), end.end_byte()),
    })
}

/// Whether the access is the target of an assignment or a `del`.
fn is_written<'t>(semantic: &Semantic<'t>, node: Node<'t>) -> bool {
    let Some(parent) = semantic.parent(node) else {
        return false;
    };
    match parent.kind() {
        "assignment" | "augmented_assignment" | "assignment_expression" => {
            parent.field("left") == Some(node)
        }
        "delete_statement" => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
