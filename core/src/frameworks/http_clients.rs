//! HTTP clients: requests, httpx, urllib, aiohttp's client session.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Synchronous HTTP client modules whose request functions block (`requests.get`, `httpx.post`).
pub const SYNC_MODULES: &[&str] = &["requests", "httpx"];

/// Synchronous sessions, as a qualified name shows them (`requests.Session().get`).
pub const SYNC_SESSIONS: &[&str] = &[
    "requests.Session()",
    "requests.session()",
    "requests.sessions.Session()",
    "httpx.Client()",
];

/// The request methods of those modules and sessions.
pub const REQUEST_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream",
];

/// Other blocking HTTP functions (urllib's, urllib3's).
pub const SYNC_FUNCTIONS: &[&str] = &[
    "urllib.request.urlopen",
    "urllib.request.urlretrieve",
    "urllib3.request",
];

/// What to use instead of a blocking HTTP call on the event loop.
pub const ASYNC_INSTEAD: &str =
    "an async client (`httpx.AsyncClient`, `aiohttp`) or `await asyncio.to_thread(...)`";

/// JavaScript modules whose calls send an HTTP request, as the first part of a qualified name
/// (`axios.get`, `got(...)`).
pub const JS_REQUEST_MODULES: &[&str] =
    &["axios", "got", "node-fetch", "undici", "superagent", "ky"];
/// Python modules whose calls send an HTTP request (`requests.get`, `httpx.AsyncClient().get`).
pub const PY_REQUEST_MODULES: &[&str] =
    &["requests", "httpx", "aiohttp", "urllib.request", "urllib3"];

/// JavaScript functions that send an HTTP request (the platform's `fetch`, Node's `http(s)`).
pub const JS_REQUEST_FUNCTIONS: &[&str] = &[
    "fetch",
    "https.get",
    "https.request",
    "http.get",
    "http.request",
    "node:https.get",
    "node:https.request",
    "node:http.get",
    "node:http.request",
];

/// Whether a qualified callee name sends an HTTP request.
pub fn is_request_call(javascript: bool, name: &str) -> bool {
    let (modules, functions): (&[&str], &[&str]) = if javascript {
        (JS_REQUEST_MODULES, JS_REQUEST_FUNCTIONS)
    } else {
        (PY_REQUEST_MODULES, &[])
    };
    // `axios(...)`, `got(...)` send; of a module's other members, only the request methods do
    // (`requests.get`, `httpx.AsyncClient().post`), not `requests.Session()` or `axios.create()`.
    let trimmed = name.trim_end_matches("()");
    let last = trimmed.rsplit('.').next().unwrap_or(trimmed);
    let sends = REQUEST_METHODS.contains(&last) || matches!(last, "urlopen" | "fetch");
    functions.contains(&name)
        || modules.iter().any(|m| {
            name == *m
                || name
                    .strip_prefix(m)
                    .is_some_and(|rest| rest.starts_with(['.', '(']) && sends)
        })
}
