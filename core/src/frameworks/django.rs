//! Django: function views and class-based views, the ORM (managers, querysets, eager loads), model declarations, mail.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

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
