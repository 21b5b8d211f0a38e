//! Mongoose: model statics, schemas and `ref`s, `populate`, connections.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// `mongoose.createConnection(uri)`: a connection with its own pool.
pub const JS_CLIENTS: &[Client] = &[Client {
    names: &["mongoose.createConnection"],
    construct: Construct::Call,
    what: "a Mongoose connection (with its own connection pool)",
    instead: "`const conn = mongoose.createConnection(uri)` at module top level, then `conn.model(...)` in the handler",
}];
