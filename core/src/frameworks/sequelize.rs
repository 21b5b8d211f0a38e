//! Sequelize: model statics and instance methods that query, associations and their getters, `include` eager loads, instances.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// `new Sequelize(url)`: an instance with its own pool.
pub const JS_CLIENTS: &[Client] = &[Client {
    names: &[
        "sequelize",
        "sequelize.Sequelize",
        "@sequelize/core.Sequelize",
    ],
    construct: Construct::New,
    what: "a Sequelize instance (with its own connection pool)",
    instead:
        "`const sequelize = new Sequelize(url)` at module top level, defining the models on it once",
}];
