//! Django: function views and class-based views, the ORM (managers, querysets, eager loads), model declarations, mail.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::{Access, Batched};

/// The attributes of a model class that are managers: `Order.objects`, `model._default_manager`,
/// `model._base_manager`.
pub const MANAGERS: &[&str] = &["objects", "_default_manager", "_base_manager"];

/// The managers code queries through to list a model's rows: `objects` and `_default_manager`
/// (`_base_manager` is for Django's own use).
pub const DEFAULT_MANAGERS: &[&str] = &["objects", "_default_manager"];

/// `apps.get_model("shop", "Order")`: a model class looked up by name (`get_model(...).objects`).
pub const MODEL_GETTER: &str = "get_model";

/// Queryset methods that return another queryset of the same rows (no query yet), chainable with
/// any other.
pub const QUERYSET_CHAIN: &[&str] = &[
    "all",
    "filter",
    "exclude",
    "order_by",
    "select_related",
    "prefetch_related",
    "annotate",
    "values",
    "values_list",
    "distinct",
    "only",
    "defer",
    "using",
    "select_for_update",
    "reverse",
    "alias",
    "none",
];

/// Chain methods whose queryset is not worth counting or testing instead of evaluating: evaluating
/// `select_for_update()` locks the rows, and `none()` runs no query at all.
pub const LOCKING_OR_EMPTY: &[&str] = &["select_for_update", "none"];

/// Other queryset methods that run no query yet: raw and combined querysets, date lists.
pub const QUERYSET_LAZY_OTHER: &[&str] = &[
    "extra",
    "raw",
    "union",
    "intersection",
    "difference",
    "dates",
    "datetimes",
    "complex_filter",
];

/// Queryset and manager methods that run a query to read rows (each also in its `a`-prefixed async
/// form, see [`ASYNC_PREFIX`]).
pub const QUERYSET_READS: &[&str] = &[
    "get",
    "first",
    "last",
    "count",
    "exists",
    "aggregate",
    "in_bulk",
    "latest",
    "earliest",
    "iterator",
    "contains",
    "explain",
];

/// Queryset and manager methods that run a query to write rows (and their async forms).
pub const QUERYSET_WRITES: &[&str] = &[
    "create",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
];

/// What the async form of a queryset method starts with (`aget`, `acreate`, `abulk_update`).
pub const ASYNC_PREFIX: char = 'a';

/// Whether a queryset method returns a queryset without running a query.
pub fn is_lazy(method: &str) -> bool {
    QUERYSET_CHAIN.contains(&method) || QUERYSET_LAZY_OTHER.contains(&method)
}

/// Whether a queryset or manager method (or its async form) runs a query, and whether it reads or
/// writes rows.
pub fn query_method_access(method: &str) -> Option<Access> {
    let is_query = |m: &str| QUERYSET_READS.contains(&m) || QUERYSET_WRITES.contains(&m);
    let plain = method
        .strip_prefix(ASYNC_PREFIX)
        .filter(|m| is_query(m))
        .unwrap_or(method);
    if QUERYSET_WRITES.contains(&plain) {
        Some(Access::Write)
    } else if QUERYSET_READS.contains(&plain) {
        Some(Access::Read)
    } else {
        None
    }
}

/// The module of Django's shortcuts.
pub const SHORTCUTS_MODULE: &str = "django.shortcuts";

/// Shortcuts that run a query: `get_object_or_404(Order, pk=...)`, `get_list_or_404(...)`, and their
/// async forms.
pub const QUERY_SHORTCUTS: &[&str] = &[
    "get_object_or_404",
    "get_list_or_404",
    "aget_object_or_404",
    "aget_list_or_404",
];

/// The shortcut that returns one model instance.
pub const INSTANCE_SHORTCUT: &str = "get_object_or_404";

/// Django's DB-API connections (`connection.cursor()`): module-level objects, not calls.
pub const DB_API_CONNECTIONS: &[&str] = &["django.db.connection", "django.db.connections"];

/// Queryset methods, besides [`QUERYSET_CHAIN`], after which a queryset still yields rows of its
/// model (see [`keeps_rows`]).
pub const ROWS_OTHER: &[&str] = &["iterator", "extra", "union"];

/// The queryset methods after which a queryset still yields rows of its model: what a loop over
/// `Order.objects.<...>` iterates (model instances, or after [`PLAIN_ROWS`] dicts and tuples).
pub fn rows_methods() -> impl Iterator<Item = &'static str> {
    QUERYSET_CHAIN.iter().chain(ROWS_OTHER).copied()
}

/// Whether a queryset method is one of [`rows_methods`].
pub fn keeps_rows(method: &str) -> bool {
    QUERYSET_CHAIN.contains(&method) || ROWS_OTHER.contains(&method)
}

/// Queryset methods whose rows are dictionaries or tuples, not model instances: they have no
/// relations to load.
pub const PLAIN_ROWS: &[&str] = &["values", "values_list"];

/// The eager load of to-one relations (foreign keys, one-to-one): one JOIN. Without arguments it
/// loads every one of them.
pub const SELECT_RELATED: &str = "select_related";

/// The eager load of to-many relations (reverse foreign keys, many-to-many) and anything below
/// them: one more query per relation.
pub const PREFETCH_RELATED: &str = "prefetch_related";

/// `Prefetch("items", queryset=...)`: a prefetch lookup with its own queryset.
pub const PREFETCH: &str = "Prefetch";

/// The keyword of a [`PREFETCH`] lookup that holds its queryset.
pub const PREFETCH_QUERYSET: &str = "queryset";

/// `prefetch_related_objects([order], "items")`: a prefetch on rows already fetched.
pub const PREFETCH_RELATED_OBJECTS: &str = "prefetch_related_objects";

/// The modules that export [`PREFETCH`] and [`PREFETCH_RELATED_OBJECTS`].
pub const PREFETCH_MODULES: &[&str] = &["django.db.models", "django.db.models.query"];

/// The related manager call that reads the related rows as they are (`order.items.all()`): the
/// rows a prefetch of the relation loads.
pub const RELATED_ROWS: &str = "all";

/// Related manager methods that a prefetch of the relation serves without a query.
pub const PREFETCHED_METHODS: &[&str] = &["all", "count", "exists"];

/// Related manager methods that run a query even when the relation is prefetched.
pub const PREFETCH_BYPASSING: &[&str] = &[
    "filter",
    "exclude",
    "order_by",
    "get",
    "first",
    "last",
    "latest",
    "earliest",
    "values",
    "values_list",
    "aggregate",
    "annotate",
    "distinct",
];

/// Related manager methods that read the relation's rows besides [`PREFETCHED_METHODS`] and
/// [`PREFETCH_BYPASSING`]: they shape the rows (`order.items.only("sku")`).
pub const RELATED_ROWS_SHAPING: &[&str] = &["select_related", "only", "defer"];

/// The related manager methods that read the relation's rows: with a query per row, unless the
/// relation is prefetched and the method is one of [`PREFETCHED_METHODS`].
pub fn related_manager_reads() -> impl Iterator<Item = &'static str> {
    PREFETCHED_METHODS
        .iter()
        .chain(PREFETCH_BYPASSING)
        .chain(RELATED_ROWS_SHAPING)
        .copied()
}

/// Related manager methods that write through the relation (`order.tags.add(...)`).
pub const RELATED_MANAGER_WRITES: &[&str] = &[
    "add",
    "remove",
    "set",
    "clear",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "update",
    "delete",
    "aadd",
    "aremove",
    "aset",
    "aclear",
    "acreate",
];

/// Queryset methods that neither iterate a queryset nor read its fetched rows (besides
/// [`QUERYSET_CHAIN`]): they run their own query or build a new queryset.
pub const OWN_QUERY_METHODS: &[&str] = &[
    "count",
    "exists",
    "update",
    "delete",
    "aggregate",
    "get",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "in_bulk",
    "iterator",
    "explain",
    "earliest",
    "latest",
    "union",
    "intersection",
    "difference",
    "dates",
    "datetimes",
    "acount",
    "aexists",
    "aupdate",
    "adelete",
    "aaggregate",
    "aget",
    "acreate",
    "aget_or_create",
    "aupdate_or_create",
    "abulk_create",
    "abulk_update",
    "ain_bulk",
    "aiterator",
    "aexplain",
    "aearliest",
    "alatest",
];

/// Queryset methods that return one model instance.
pub const INSTANCE_METHODS: &[&str] = &[
    "get",
    "first",
    "last",
    "earliest",
    "latest",
    "create",
    "aget",
    "afirst",
    "alast",
    "aearliest",
    "alatest",
    "acreate",
];

/// The queryset method that counts rows in the database (`SELECT COUNT(*)`).
pub const COUNT: &str = "count";

/// The queryset method that asks the database whether a row exists (`SELECT 1 ... LIMIT 1`).
pub const EXISTS: &str = "exists";

/// A view's queryset method (generic views, and DRF's): `self.get_queryset()`.
pub const GET_QUERYSET: &str = "get_queryset";

/// The user of a request (`request.user`, `self.request.user` in a class-based view): a model
/// instance, whose related managers query.
pub const REQUEST_USER: &str = "request.user";

/// A detail view's object (`self.object`), a model instance.
pub const VIEW_OBJECT: &str = "self.object";

/// A detail view's method that fetches its object (`self.get_object()`).
pub const GET_OBJECT: &str = "get_object";

/// The queryset method that selects rows by field lookups (`filter(pk=...)`).
pub const FILTER: &str = "filter";

/// Lookups that select one row by primary key: `filter(id=...)` yields one row at most.
pub const PRIMARY_KEY_LOOKUPS: &[&str] = &["id", "pk", "id__exact", "pk__exact"];

/// What code that walks the schema rather than the data contains (`Model._meta.get_fields()`,
/// `apps.get_models()`): a query per model or per field touches a different table each time.
pub const SCHEMA_APIS: &[&str] = &["_meta", "get_models(", "get_fields("];

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch the rows once before the loop with `{model}.objects.in_bulk(ids)` (a dict by primary key) or `{model}.objects.filter(pk__in=ids)`, then look each one up in the loop.",
    write: "Batch the writes: `{model}.objects.bulk_create([...])`, `{model}.objects.bulk_update(objs, fields)`, or one `{model}.objects.filter(pk__in=ids).update(...)`.",
    unnamed: "Model",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
