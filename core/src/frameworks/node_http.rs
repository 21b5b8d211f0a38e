//! Node's `http`/`https`/`http2` servers: `createServer(handler)`, `server.on('request', handler)`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework name of the functions Node's HTTP servers call per request.
pub const FRAMEWORK: &str = "Node http";

/// Node's HTTP server factories: the functions given to them answer requests.
pub const SERVER_FACTORIES: &[&str] = &[
    "http.createServer",
    "https.createServer",
    "http2.createServer",
    "http2.createSecureServer",
];

/// `server.on('request', fn)`: the method that adds a listener of a server's requests.
pub const REQUEST_EVENT_METHOD: &str = "on";

/// The event whose listeners answer requests.
pub const REQUEST_EVENT: &str = "request";

/// The servers (prefixes of a qualified name) whose `request` listeners answer requests.
pub const REQUEST_EVENT_SERVERS: &[&str] = &["http.createServer", "https.createServer"];

/// `server.listen(port, callback)`: the callback runs once, at start-up (Express, Koa and Fastify apps
/// listen the same way).
pub const LISTEN: &str = "listen";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
