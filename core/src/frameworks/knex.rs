//! Knex: query builders (`db('users').where(...)`), instances.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// `knex({ ... })`: an instance with its own pool.
pub const JS_CLIENTS: &[Client] = &[Client {
    names: &["knex", "knex.knex", "knex.default"],
    construct: Construct::Call,
    what: "a Knex instance (with its own connection pool)",
    instead: "`const db = knex({ ... })` at module top level, then `db('table')...` in the handler",
}];
