//! The concepts of notable calls, and lookups over every module's data: database and cache clients (what
//! they open, and what to do instead), blocking calls, slow side work (mail, PDF, images), request-scoped
//! values, limiters and batching helpers.
//!
//! The modules hold the spellings (`sql_drivers::JS_CLIENTS`, `mail::PYTHON_SENDERS`,
//! `node::FS_MODULES`, ...); this file says what they mean and combines them, so that a rule asks "which
//! client does this constructor make", "which library sends this e-mail", "which modules must a file
//! import for this rule to fire", and lists no library itself.

use super::{
    aiohttp, caches, celery, django, drf, fastapi, flask, images, knex, mail, mongodb, mongoose,
    nestjs, nextjs, node, pdf, prisma, python_stdlib, quart, redis, sanic, sequelize, sql_drivers,
    sqlalchemy, starlette,
};
use crate::language::LanguageFamily;

// ----- Clients: database and cache connections -----

/// How a client is created in JavaScript (in Python every client is created by a call).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Construct {
    /// `new Pool()`.
    New,
    /// `createClient()`.
    Call,
}

/// A client constructor (a connection, a pool, a client with its own pool) and what to say about it.
#[derive(Debug)]
pub struct Client {
    /// Qualified names of the callee (`pg.Pool`, `redis.asyncio.from_url`).
    pub names: &'static [&'static str],
    /// How JavaScript creates it.
    pub construct: Construct,
    /// What one call opens ("a PostgreSQL connection pool").
    pub what: &'static str,
    /// The module-level client to create instead, and how handlers use it.
    pub instead: &'static str,
}

/// Every client constructor, per language family and library.
const CLIENTS: PerFamily<Client> = PerFamily {
    javascript: &[
        sql_drivers::JS_CLIENTS,
        mongodb::JS_CLIENTS,
        redis::JS_CLIENTS,
        prisma::JS_CLIENTS,
        knex::JS_CLIENTS,
        sequelize::JS_CLIENTS,
        mongoose::JS_CLIENTS,
    ],
    python: &[
        sql_drivers::PYTHON_CLIENTS,
        redis::PYTHON_CLIENTS,
        sqlalchemy::PYTHON_CLIENTS,
        mongodb::PYTHON_CLIENTS,
    ],
};

/// Every client constructor of a language family.
pub fn clients(family: LanguageFamily) -> impl Iterator<Item = &'static Client> {
    CLIENTS.of(family)
}

/// The client that the callee `name`, called as `construct`, creates.
pub fn client(family: LanguageFamily, construct: Construct, name: &str) -> Option<&'static Client> {
    clients(family).find(|client| client.construct == construct && client.names.contains(&name))
}

/// The modules a file must import to create one of the family's clients (`pg`, `mysql2/promise`;
/// Python: `psycopg`, which also covers `psycopg2` and `psycopg_pool`, as an import trigger does).
pub fn client_modules(family: LanguageFamily) -> Vec<&'static str> {
    let modules = distinct(clients(family).flat_map(|c| c.names).map(|n| module_of(n)));
    match family {
        LanguageFamily::JavaScript => modules,
        LanguageFamily::Python => {
            without_covered(modules, |module, other| module.starts_with(other))
        }
    }
}

/// Text every file that creates one of the family's clients contains: the constructor's own name
/// (`Pool`, `createConnection`, `MongoClient`) or, for a library that is itself the constructor
/// (`knex(...)`, `new Redis()` from `ioredis`), the library's name, which its import spells. A spelling
/// that contains another is left out (`Client` covers `MongoClient`).
pub fn client_spellings(family: LanguageFamily) -> Vec<&'static str> {
    let names = || clients(family).flat_map(|c| c.names.iter().copied());
    let constructors: Vec<&str> = names().filter(|n| !n.contains('.')).collect();
    let spelled = names().map(|name| {
        let module = module_of(name);
        if constructors.contains(&module) {
            module
        } else {
            last_member(name)
        }
    });
    without_covered(distinct(spelled), |spelling, other| {
        spelling.contains(other)
    })
}

/// Methods that close a client (a connection, a pool, a client with its own pool).
const CLOSE_METHODS: &[&str] = &[
    // pg, mysql/mysql2, postgres.js.
    "end",
    // DB-API connections, MongoDB, redis-py, asyncpg, Mongoose, Sequelize.
    "close",
    // ioredis, node-redis.
    "quit",
    // ioredis, node-redis, Mongoose.
    "disconnect",
    // Prisma.
    "$disconnect",
    // Knex, mysql.
    "destroy",
    // SQLAlchemy engines.
    "dispose",
    // redis.asyncio.
    "aclose",
    // asyncpg.
    "terminate",
];

/// Whether `method` closes a client.
pub fn is_close_method(method: &str) -> bool {
    CLOSE_METHODS.contains(&method)
}

/// Methods that return an object holding on to the client (a database handle, a cursor, the client
/// itself): returning or storing their result keeps the client alive.
const HANDLE_METHODS: &[&str] = &[
    // MongoDB (Node.js): databases and collections.
    "db",
    "collection",
    // pymongo, motor: databases and collections.
    "database",
    "get_database",
    "get_default_database",
    "get_collection",
    // pg pools, SQLAlchemy engines, `MongoClient.connect()`: a connection or the connected client.
    "connect",
    // mysql2: the promise wrapper of a connection or pool.
    "promise",
    // ioredis, node-redis: pipelines, transactions, duplicated connections.
    "pipeline",
    "multi",
    "duplicate",
    // Node's event emitters (every client is one): `on` and `once` return the emitter.
    "on",
    "once",
    // Client extensions that wrap the client (`client.extend(...)`, Prisma's `$extends(...)`).
    "extend",
    "$extends",
    // DB-API connections.
    "cursor",
    // Mongoose connections: models bound to the connection.
    "model",
];

/// Whether `method` returns an object holding on to the client it is called on.
pub fn is_handle_method(method: &str) -> bool {
    HANDLE_METHODS.contains(&method)
}

/// Whether a client's first argument names a database that runs in the process, cheap to open
/// (`create_engine("sqlite://")`, `create_engine("gsheets://")`).
pub fn is_local_database_url(url: &str) -> bool {
    sql_drivers::IN_PROCESS_URL_PREFIXES.iter().any(|scheme| {
        url.strip_prefix(scheme).is_some_and(|rest| {
            rest.starts_with("://") || rest.starts_with('+') || rest.starts_with(':')
        })
    })
}

// ----- Slow side work: e-mail, PDF, images -----

/// An e-mail API: functions that send, or methods that send on a client made by a factory.
#[derive(Debug)]
pub struct Sender {
    /// The library, for messages ("nodemailer", "Django mail").
    pub library: &'static str,
    /// Qualified names of functions that send (`django.core.mail.send_mail`).
    pub functions: &'static [&'static str],
    /// Qualified names the sending methods are called on (`nodemailer.createTransport()`), matched as
    /// prefixes (a member or call of them).
    pub clients: &'static [&'static str],
    /// The methods of those clients that send (`sendMail`).
    pub methods: &'static [&'static str],
}

/// Every e-mail API, per language family and library.
const SENDERS: PerFamily<Sender> = PerFamily {
    javascript: &[mail::JS_SENDERS],
    python: &[
        django::PYTHON_SENDERS,
        mail::PYTHON_SENDERS,
        flask::PYTHON_SENDERS,
    ],
};

/// Every e-mail API of a language family.
pub fn senders(family: LanguageFamily) -> impl Iterator<Item = &'static Sender> {
    SENDERS.of(family)
}

/// The e-mail API a callee (qualified name, dotted) sends with: one of its functions, or a sending
/// method of one of its clients.
pub fn email_sender(family: LanguageFamily, name: &str) -> Option<&'static Sender> {
    let trimmed = name.trim_end_matches("()");
    let last = trimmed.rsplit('.').next().unwrap_or(trimmed);
    let from = |client: &str| {
        name.strip_prefix(client)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '(']))
    };
    senders(family).find(|sender| {
        sender.functions.contains(&name)
            || (sender.clients.iter().any(|c| from(c)) && sender.methods.contains(&last))
    })
}

/// An argument of a call, by position or keyword (Python's `write_pdf(target=...)`).
#[derive(Clone, Copy, Debug)]
pub struct Argument {
    /// Its position among the positional arguments.
    pub position: usize,
    /// Its keyword.
    pub keyword: &'static str,
}

/// An image pipeline of JavaScript: a chain started by one of `roots`, whose output methods encode the
/// image into a buffer or write it to a file (its first argument).
#[derive(Debug)]
pub struct ImagePipeline {
    /// The library, for messages.
    pub library: &'static str,
    /// Qualified names the pipeline's methods are called on, matched as prefixes (`sharp()`).
    pub roots: &'static [&'static str],
    /// Methods whose value is the encoded image (`toBuffer`).
    pub buffer_outputs: &'static [&'static str],
    /// Methods that write the image to the file or stream named by their first argument (`toFile`).
    pub file_outputs: &'static [&'static str],
}

/// A headless browser library whose pages render PDFs (`page.pdf()`).
#[derive(Debug)]
pub struct Browser {
    /// Its module (`puppeteer-core`).
    pub module: &'static str,
    /// The library, for messages (`puppeteer`).
    pub library: &'static str,
}

/// Every qualified name (or prefix of one) that starts slow side work in JavaScript: e-mail APIs, PDF
/// documents and browsers, image pipelines.
fn js_side_work_spellings() -> impl Iterator<Item = &'static str> {
    let senders = senders(LanguageFamily::JavaScript)
        .flat_map(|s| s.functions.iter().chain(s.clients))
        .copied();
    let pdf = pdf::PDFKIT_DOCUMENTS
        .iter()
        .copied()
        .chain(pdf::BROWSERS.iter().map(|b| b.module));
    let images = images::JS_PIPELINES.iter().flat_map(|p| p.roots).copied();
    senders.chain(pdf).chain(images)
}

/// Text every JavaScript file doing slow side work contains: the names of the libraries it imports
/// (`puppeteer` also covers `puppeteer-core`).
pub fn js_side_work_libraries() -> Vec<&'static str> {
    let modules = distinct(js_side_work_spellings().map(module_of));
    without_covered(modules, |module, other| module.contains(other))
}

/// The Python modules slow side work is imported from (`django.core.mail`, `PIL`).
const PYTHON_SIDE_WORK_MODULES: &[&[&str]] = &[
    django::SIDE_WORK_MODULES,
    mail::PYTHON_MODULES,
    flask::SIDE_WORK_MODULES,
    pdf::PYTHON_MODULES,
    images::PYTHON_MODULES,
];

fn python_side_work_modules() -> impl Iterator<Item = &'static str> {
    PYTHON_SIDE_WORK_MODULES
        .iter()
        .flat_map(|m| m.iter())
        .copied()
}

/// The top-level packages a Python file doing slow side work imports (`django`, `smtplib`).
pub fn python_side_work_packages() -> Vec<&'static str> {
    distinct(python_side_work_modules().map(module_of))
}

/// Text every Python file doing slow side work contains: the last part of the module it comes from
/// (`mail` of `django.core.mail`, which `from django.core import mail` also spells; `mail` covers
/// `flask_mail`).
pub fn python_side_work_libraries() -> Vec<&'static str> {
    let spelled = distinct(python_side_work_modules().map(last_member));
    without_covered(spelled, |spelling, other| spelling.contains(other))
}

/// Text every Python call doing slow side work contains: the name of the function or method that does
/// the work (`send`, which covers `send_mail` and `sendmail`; `write_pdf`; `save`).
pub fn python_side_work_methods() -> Vec<&'static str> {
    let senders = senders(LanguageFamily::Python).flat_map(|s| {
        s.functions
            .iter()
            .map(|f| last_member(f))
            .chain(s.methods.iter().copied())
    });
    let pdf = [pdf::WEASYPRINT_RENDER]
        .into_iter()
        .chain(pdf::PDFKIT_RENDERS.iter().copied())
        .chain(pdf::XHTML2PDF_RENDERERS.iter().map(|r| last_member(r)))
        .chain(pdf::REPORTLAB_RENDERS.iter().map(|(_, method)| *method));
    let images = [images::PILLOW_OUTPUT];
    let methods = distinct(senders.chain(pdf).chain(images));
    without_covered(methods, |method, other| method.contains(other))
}

/// Modules whose `Response`-like classes and functions send a body, per framework.
const RESPONSE_MODULES: &[&[&str]] = &[
    django::RESPONSE_MODULES,
    starlette::RESPONSE_MODULES,
    fastapi::RESPONSE_MODULES,
    flask::RESPONSE_MODULES,
    quart::RESPONSE_MODULES,
    sanic::RESPONSE_MODULES,
    aiohttp::RESPONSE_MODULES,
    drf::RESPONSE_MODULES,
    nextjs::RESPONSE_MODULES,
    nestjs::RESPONSE_MODULES,
];

/// Names (a member anywhere in a qualified name) that build a response, per framework.
const RESPONSE_BUILDERS: &[&[&str]] = &[
    django::RESPONSE_BUILDERS,
    starlette::RESPONSE_BUILDERS,
    flask::RESPONSE_BUILDERS,
    sanic::RESPONSE_BUILDERS,
    aiohttp::RESPONSE_BUILDERS,
    drf::RESPONSE_BUILDERS,
    nextjs::RESPONSE_BUILDERS,
    nestjs::RESPONSE_BUILDERS,
];

/// The modules whose response builders send a body (`django.http`, `next/server`).
pub fn response_modules() -> impl Iterator<Item = &'static str> {
    RESPONSE_MODULES.iter().flat_map(|m| m.iter()).copied()
}

/// Whether `member` (a part of a qualified name) builds a response in some framework (`HttpResponse`,
/// `send_file`, `NextResponse`).
pub fn is_response_builder(member: &str) -> bool {
    listed(RESPONSE_BUILDERS, member)
}

/// Functions that show the user a message on the next page (Django's `messages.error`, Flask's `flash`).
const USER_MESSAGES: &[&[&str]] = &[django::USER_MESSAGES, flask::USER_MESSAGES];

/// Whether the callee `name` (qualified) shows the user a message.
pub fn is_user_message(name: &str) -> bool {
    listed(USER_MESSAGES, name)
}

/// Functions that read the file a path names (`open(path, "rb")`, `fs.createReadStream(path)`).
const FILE_READERS: &[&[&str]] = &[python_stdlib::FILE_READERS, node::FILE_READERS];

/// Whether the callee `name` reads the file its argument names.
pub fn is_file_reader(name: &str) -> bool {
    listed(FILE_READERS, name)
}

/// Functions and types that re-encode or wrap bytes (`Buffer.from`, `base64.b64encode`).
const TRANSFORMS: &[&[&str]] = &[node::TRANSFORMS, python_stdlib::TRANSFORMS];

/// Whether the callee `name` re-encodes or wraps the bytes it is handed.
pub fn is_transform(name: &str) -> bool {
    listed(TRANSFORMS, name)
}

/// Methods that write their argument into the receiver.
const WRITE_METHODS: &[&str] = &[
    // Python file objects and buffers, Node's writable streams.
    "write",
    // Python file objects.
    "writelines",
    // Python's `zipfile.ZipFile`.
    "writestr",
    // Lists.
    "append",
    // JSZip: `zip.file(name, data)`.
    "file",
    // Node's readable streams.
    "push",
    // Node's writable streams (and HTTP responses): `res.end(data)`.
    "end",
];

/// Whether `method` writes its argument into the object it is called on.
pub fn is_write_method(method: &str) -> bool {
    WRITE_METHODS.contains(&method)
}

// ----- Work handed to a queue -----

/// Task queues of Python whose decorators make a function a task run by a worker.
const TASK_DECORATORS: &[&[&str]] = &[celery::TASK_DECORATORS];

/// Whether the last part of a decorator's name makes a task (`shared_task`, `actor`, `job`).
pub fn is_task_decorator(last: &str) -> bool {
    listed(TASK_DECORATORS, last)
}

// ----- Values and decorators of the semantic layer -----

/// Module-level names whose values live for one request only, per framework.
const REQUEST_LOCALS: &[&[&str]] = &[flask::REQUEST_LOCALS, quart::REQUEST_LOCALS];

/// Whether the qualified name `name` is a module-level value that lives for one request (`flask.g`).
pub fn is_request_local(name: &str) -> bool {
    listed(REQUEST_LOCALS, name)
}

/// Decorators that memoise a function (the last part of their name), per library.
const MEMOISING_DECORATORS: &[&[&str]] = &[
    python_stdlib::MEMOISING_DECORATORS,
    caches::MEMOISING_DECORATORS,
];

/// Whether a decorator whose name ends in `last` memoises the function it decorates.
pub fn is_memoising_decorator(last: &str) -> bool {
    listed(MEMOISING_DECORATORS, last)
}

// ----- Combining the modules' data -----

/// Data of every library, per language family.
struct PerFamily<T: 'static> {
    javascript: &'static [&'static [T]],
    python: &'static [&'static [T]],
}

impl<T> PerFamily<T> {
    /// The data of every library of `family`.
    fn of(&self, family: LanguageFamily) -> impl Iterator<Item = &'static T> {
        let libraries = match family {
            LanguageFamily::JavaScript => self.javascript,
            LanguageFamily::Python => self.python,
        };
        libraries.iter().flat_map(|library| library.iter())
    }
}

/// Whether one of the lists (one per library) holds `item`.
fn listed(lists: &[&[&str]], item: &str) -> bool {
    lists.iter().any(|list| list.contains(&item))
}

// ----- Deriving prefilter text from the data -----

/// The module a qualified name starts from (`pg` of `pg.native.Pool`, `sharp` of `sharp().toBuffer`).
fn module_of(name: &str) -> &str {
    name.split(['.', '(']).next().unwrap_or(name)
}

/// The last member of a qualified name (`Pool` of `pg.native.Pool`), without a trailing `()`.
fn last_member(name: &str) -> &str {
    let name = name.trim_end_matches("()");
    name.rsplit('.').next().unwrap_or(name)
}

/// The items, each once, in their first order.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// The items that no other item covers (`covers(item, other)`): a trigger that matches wherever another
/// matches adds nothing.
fn without_covered(items: Vec<&str>, covers: fn(&str, &str) -> bool) -> Vec<&str> {
    items
        .iter()
        .copied()
        .filter(|item| {
            !items
                .iter()
                .any(|other| other != item && covers(item, other))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_name_makes_one_client() {
        for family in [LanguageFamily::JavaScript, LanguageFamily::Python] {
            let names: Vec<&str> = clients(family)
                .flat_map(|c| c.names.iter().copied())
                .collect();
            for name in &names {
                assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name}");
            }
        }
    }

    #[test]
    fn client_text_is_derived_from_the_constructors() {
        let mut js = client_modules(LanguageFamily::JavaScript);
        js.sort_unstable();
        assert_eq!(
            js,
            [
                "@prisma/client",
                "@redis/client",
                "@sequelize/core",
                "ioredis",
                "knex",
                "mongodb",
                "mongoose",
                "mysql",
                "mysql2",
                "mysql2/promise",
                "pg",
                "pg-pool",
                "postgres",
                "redis",
                "sequelize",
            ]
        );
        let mut python = client_modules(LanguageFamily::Python);
        python.sort_unstable();
        assert_eq!(
            python,
            [
                "MySQLdb",
                "aiomysql",
                "aioredis",
                "asyncpg",
                "motor",
                "mysql",
                "psycopg",
                "pymongo",
                "pymysql",
                "redis",
                "sqlalchemy",
                "sqlmodel",
            ]
        );
        let mut spelled = client_spellings(LanguageFamily::JavaScript);
        spelled.sort_unstable();
        assert_eq!(
            spelled,
            [
                "Client",
                "Pool",
                "Sequelize",
                "connect",
                "createCluster",
                "createConnection",
                "ioredis",
                "knex",
                "pg-pool",
                "postgres",
                "sequelize",
            ]
        );
        let mut spelled = client_spellings(LanguageFamily::Python);
        spelled.sort_unstable();
        assert_eq!(
            spelled,
            [
                "Connect",
                "MongoClient",
                "MotorClient",
                "Redis",
                "connect",
                "create_async_engine",
                "create_engine",
                "create_pool",
                "from_url",
            ]
        );
    }

    #[test]
    fn side_work_text_is_derived_from_the_apis() {
        let mut js = js_side_work_libraries();
        js.sort_unstable();
        assert_eq!(
            js,
            [
                "@sendgrid/mail",
                "jimp",
                "nodemailer",
                "pdfkit",
                "playwright",
                "puppeteer",
                "sharp"
            ]
        );
        let mut packages = python_side_work_packages();
        packages.sort_unstable();
        assert_eq!(
            packages,
            [
                "PIL",
                "django",
                "flask_mail",
                "pdfkit",
                "reportlab",
                "sendgrid",
                "smtplib",
                "weasyprint",
                "xhtml2pdf",
            ]
        );
        let mut libraries = python_side_work_libraries();
        libraries.sort_unstable();
        assert_eq!(
            libraries,
            [
                "PIL",
                "mail",
                "pdfkit",
                "reportlab",
                "sendgrid",
                "smtplib",
                "weasyprint",
                "xhtml2pdf"
            ]
        );
        let mut methods = python_side_work_methods();
        methods.sort_unstable();
        assert_eq!(
            methods,
            [
                "CreatePDF",
                "build",
                "from_file",
                "from_string",
                "from_url",
                "mail_admins",
                "mail_managers",
                "multiBuild",
                "pisaDocument",
                "save",
                "send",
                "write_pdf",
            ]
        );
    }

    /// Whether `name` is `prefix` or a member or call of it, as qualified names are matched.
    fn is_member_of(name: &str, prefix: &str) -> bool {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('('))
    }

    #[test]
    fn every_python_side_work_spelling_comes_from_a_listed_module() {
        let spellings = senders(LanguageFamily::Python)
            .flat_map(|s| s.functions.iter().chain(s.clients))
            .chain(pdf::XHTML2PDF_RENDERERS)
            .chain(images::PILLOW_ROOTS)
            .copied()
            .chain([pdf::WEASYPRINT, pdf::PDFKIT, pdf::REPORTLAB]);
        for spelling in spellings {
            assert!(
                python_side_work_modules().any(|m| is_member_of(spelling, m)),
                "{spelling}"
            );
        }
    }
}
