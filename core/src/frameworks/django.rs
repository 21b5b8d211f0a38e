//! Django: function views and class-based views, the ORM (managers, querysets, eager loads), model declarations, mail.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework's name, as handler messages show it.
pub const FRAMEWORK: &str = "Django";

/// Decorators that only decorate views.
pub const VIEW_DECORATORS: &[&str] = &[
    "require_http_methods",
    "require_GET",
    "require_POST",
    "require_safe",
    "login_required",
    "permission_required",
    "csrf_exempt",
];

/// Function views take the request first: a module-level function whose first parameter has this name.
pub const VIEW_REQUEST_PARAMETER: &str = "request";

/// Class-based views: `View`, `TemplateView`, `ListView`, ...
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &["View"],
    names: &[],
};

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
pub const LOCKING_OR_EMPTY: &[&str] = &["select_for_update", EMPTY];

/// `QuerySet.none()`: a queryset that returns no rows and runs no query.
pub const EMPTY: &str = "none";

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

/// The app registry's collections (`apps.app_configs`, `apps.get_app_configs()`, `apps.get_models()`):
/// the installed apps and their models, fixed once the project has started.
pub const APP_REGISTRY_COLLECTIONS: &[&str] = &[
    "django.apps.apps.app_configs",
    "django.apps.apps.get_app_configs",
    "django.apps.apps.get_models",
    "django.apps.apps.all_models",
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

use super::declarations::{Boundary, NamePattern};

/// The package whose classes a model can derive from (`django.db.models.Model`, the abstract models of
/// `django.contrib`); any other class of it (an expression, field, manager, form, view) is no model.
pub const PACKAGE: &str = "django";
/// The class every model derives from (`models.Model`), in [`PACKAGE`].
pub const MODEL_BASE: &str = "Model";
/// Abstract models of `django.contrib` that user models derive from.
pub const ABSTRACT_MODELS: &[&str] = &[
    "AbstractUser",
    "AbstractBaseUser",
    "PermissionsMixin",
    "AbstractBaseSession",
];
/// Where Django's own model fields live (`django.db.models.ForeignKey`).
pub const DB_PREFIX: &str = "django.db.";
/// The contributed apps: their model fields (`contenttypes.fields.GenericForeignKey`) and concrete
/// models (`auth.models.User`).
pub const CONTRIB_PREFIX: &str = "django.contrib.";
/// The form modules of the contributed apps (`django.contrib.postgres.forms`): no model fields.
pub const CONTRIB_FORMS: &str = ".forms";
/// The model modules of the contributed apps (`django.contrib.auth.models`).
pub const CONTRIB_MODELS: &str = ".models.";
/// The module segment of Django forms (`django.forms`, a project's `forms.py`): its `...Field`s are
/// form fields.
pub const FORMS_MODULE: &str = "forms";
/// Module path segments where a project declares its own model field classes (`myapp.models`,
/// `sentry.db.models.fields`), besides Django's.
pub const FIELD_MODULE_SEGMENTS: &[&str] = &["models", "fields", "db"];

/// Whether a qualified name is in [`PACKAGE`] (`django.utils.timezone`).
pub fn in_package(qualified: &str) -> bool {
    qualified
        .strip_prefix(PACKAGE)
        .is_some_and(|rest| rest.starts_with('.'))
}

/// Whether a qualified field class is one of Django's model fields: `django.db.` and the contributed
/// apps outside their forms.
pub fn is_django_model_field(qualified: &str) -> bool {
    qualified.starts_with(DB_PREFIX)
        || (qualified.starts_with(CONTRIB_PREFIX) && !qualified.contains(CONTRIB_FORMS))
}

/// Whether a qualified class is a concrete model of a contributed app (`django.contrib.auth.models.User`).
pub fn is_contrib_model(qualified: &str) -> bool {
    qualified.starts_with(CONTRIB_PREFIX) && qualified.contains(CONTRIB_MODELS)
}

/// The nested class that holds a model's options (forms, serializers and factories have one too).
pub const META_CLASS: &str = "Meta";
/// The options of a Django model's `Meta`.
pub const META_OPTIONS: &[&str] = &[
    "abstract",
    "app_label",
    "base_manager_name",
    "constraints",
    "db_table",
    "db_table_comment",
    "db_tablespace",
    "default_manager_name",
    "default_permissions",
    "default_related_name",
    "get_latest_by",
    "index_together",
    "indexes",
    "managed",
    "order_with_respect_to",
    "ordering",
    "permissions",
    "proxy",
    "required_db_features",
    "required_db_vendor",
    "select_on_save",
    "swappable",
    "unique_together",
    "verbose_name",
    "verbose_name_plural",
];
/// The `Meta` option that makes a model abstract (`abstract = True`).
pub const ABSTRACT_OPTION: &str = "abstract";
/// The options of the `Meta` of a model form, a serializer or a factory: a `Meta` with one is no model's.
pub const FORM_META_OPTIONS: &[&str] = &["model", "fields", "exclude"];

/// What a field class declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A plain field (`CharField`, a project field class).
    Plain,
    /// `ForeignKey` and its project subclasses (`FlexibleForeignKey`), `ParentalKey`.
    ForeignKey,
    /// `OneToOneField` and subclasses (`OneToOneCascadeDeletes`).
    OneToOne,
    /// `ManyToManyField` and subclasses.
    ManyToMany,
    /// `GenericForeignKey`: one row of any model.
    GenericForeignKey,
    /// `GenericRelation`: the rows of a generic foreign key that point here.
    GenericRelation,
}

/// Field classes whose name reads as a relation but that hold a plain value.
pub const NON_RELATION_FIELDS: &[&str] = &[
    // Sentry: the id of a row in another silo, with no database relation and no accessor.
    "HybridCloudForeignKey",
];

/// Field classes by name, the first that matches deciding (project subclasses keep Django's suffixes).
pub const FIELD_CLASSES: &[(NamePattern, FieldKind)] = &[
    (
        NamePattern::Exact("GenericForeignKey"),
        FieldKind::GenericForeignKey,
    ),
    (
        NamePattern::Exact("GenericRelation"),
        FieldKind::GenericRelation,
    ),
    (NamePattern::Suffix("ForeignKey"), FieldKind::ForeignKey),
    // django-modelcluster (Wagtail).
    (NamePattern::Exact("ParentalKey"), FieldKind::ForeignKey),
    (NamePattern::Prefix("OneToOne"), FieldKind::OneToOne),
    (NamePattern::Suffix("OneToOneField"), FieldKind::OneToOne),
    (
        NamePattern::Suffix("ManyToManyField"),
        FieldKind::ManyToMany,
    ),
    (NamePattern::ProperSuffix("Field"), FieldKind::Plain),
];

/// What a field class named `class` (the name it was declared with) declares, when it is a field.
pub fn field_kind(class: &str) -> Option<FieldKind> {
    if NON_RELATION_FIELDS.contains(&class) {
        return Some(FieldKind::Plain);
    }
    FIELD_CLASSES
        .iter()
        .find(|(pattern, _)| pattern.matches(class))
        .map(|&(_, kind)| kind)
}

/// The keyword argument of a relation field naming its target (`ForeignKey(to=Customer)`).
pub const TARGET_KEYWORD: &str = "to";
/// The target that names the declaring model (`ForeignKey("self")`).
pub const SELF_TARGET: &str = "self";
/// Spellings of the user model as a target (`settings.AUTH_USER_MODEL`, `get_user_model()`), ends of
/// the target's text.
pub const USER_MODEL_REFERENCES: &[&str] = &["AUTH_USER_MODEL", "get_user_model()"];
/// The model [`USER_MODEL_REFERENCES`] name.
pub const USER_MODEL: &str = "User";
/// The attribute that holds a forward relation's id: `customer` has `customer_id`.
pub const KEY_ATTRIBUTE_SUFFIX: &str = "_id";
/// The keyword argument naming the reverse accessor (`related_name="orders"`).
pub const RELATED_NAME_KEYWORD: &str = "related_name";
/// A `related_name` that ends so creates no reverse accessor (`"+"`, `"orders+"`).
pub const NO_REVERSE_ACCESSOR: &str = "+";
/// Placeholders of a `related_name` that expand to the lower-case model name (`"%(class)s_set"` on an
/// abstract model).
pub const RELATED_NAME_PLACEHOLDERS: &[&str] = &["%(class)s", "%(model_name)s"];
/// Ends the reverse accessor of a relation without `related_name` when it yields many rows: the
/// lower-case model name and this (`orderitem_set`); a one-to-one's is the name alone.
pub const REVERSE_ACCESSOR_SUFFIX: &str = "_set";

/// Words of the model check (`models/python.rs`) that Django declarations contain: the model base,
/// fields, relation fields, `class Meta`.
const MODEL_NEEDLES: &[(&str, Boundary)] = &[
    (MODEL_BASE, Boundary::Word),
    ("Field", Boundary::Suffix),
    ("ForeignKey", Boundary::Anywhere),
    ("OneToOne", Boundary::Anywhere),
    ("ManyToMany", Boundary::Anywhere),
    ("GenericRelation", Boundary::Anywhere),
    ("ParentalKey", Boundary::Anywhere),
    (META_CLASS, Boundary::Word),
];

/// The words of the model check for Django: the needles above and the [`ABSTRACT_MODELS`].
pub fn model_needles() -> impl Iterator<Item = (&'static str, Boundary)> {
    MODEL_NEEDLES.iter().copied().chain(
        ABSTRACT_MODELS
            .iter()
            .map(|&model| (model, Boundary::Anywhere)),
    )
}

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::Sender;

/// Django's mail: the functions of `django.core.mail`, the `send()` of its messages, and the
/// `send_messages()` of a connection.
pub const PYTHON_SENDERS: &[Sender] = &[
    Sender {
        library: "Django mail",
        functions: &[
            "django.core.mail.send_mail",
            "django.core.mail.send_mass_mail",
            "django.core.mail.mail_admins",
            "django.core.mail.mail_managers",
        ],
        clients: &[
            "django.core.mail.EmailMessage()",
            "django.core.mail.EmailMultiAlternatives()",
            "django.core.mail.message.EmailMessage()",
            "django.core.mail.message.EmailMultiAlternatives()",
        ],
        methods: &["send"],
    },
    Sender {
        library: "Django mail",
        functions: &[],
        clients: &["django.core.mail.get_connection()"],
        methods: &["send_messages"],
    },
];

/// The module Django's slow side work (its mail) is imported from.
pub const SIDE_WORK_MODULES: &[&str] = &["django.core.mail"];

/// The module of Django's responses (`HttpResponse`, `FileResponse`, ...).
pub const RESPONSE_MODULES: &[&str] = &["django.http"];

/// Django's response classes.
pub const RESPONSE_BUILDERS: &[&str] = &[
    "HttpResponse",
    "FileResponse",
    "JsonResponse",
    "StreamingHttpResponse",
];

/// Queryset methods that run the query synchronously (Django raises `SynchronousOnlyOperation` when
/// they run on the event loop).
pub const SYNC_ORM_TERMINALS: &[&str] = &[
    "get",
    "first",
    "last",
    "count",
    "exists",
    "create",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "aggregate",
    "bulk_create",
    "bulk_update",
    "in_bulk",
    "earliest",
    "latest",
    "iterator",
    "explain",
    "contains",
];

/// What to use instead of the sync ORM in `async def`.
pub const ASYNC_ORM_INSTEAD: &str =
    "the async ORM (`aget`, `acount`, `aexists`, `acreate`, `async for`) or `sync_to_async`";

/// Django's messages framework: what a view shows the user on the next page (`messages.error(request,
/// ...)`), as qualified names.
pub const USER_MESSAGES: &[&str] = &[
    "django.contrib.messages.add_message",
    "django.contrib.messages.debug",
    "django.contrib.messages.info",
    "django.contrib.messages.success",
    "django.contrib.messages.warning",
    "django.contrib.messages.error",
];

/// `transaction.atomic`: a block (or function) that runs in one transaction.
pub const ATOMIC: &str = "django.db.transaction.atomic";

/// Locking reads: `select_for_update()` holds the rows until the transaction ends.
pub const LOCKING_READS: &[&str] = &["select_for_update"];
