//! MongoDB drivers: the Node.js `mongodb` driver, pymongo, motor.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// The Node.js driver's client: `new MongoClient(uri)`, `MongoClient.connect(uri)`.
pub const JS_CLIENTS: &[Client] = &[
    Client {
        names: &["mongodb.MongoClient"],
        construct: Construct::New,
        what: "a MongoDB client (with its own connection pool)",
        instead: "`const client = new MongoClient(uri)` at module top level (it pools connections and reconnects), then `client.db(...)` in the handler",
    },
    Client {
        names: &["mongodb.MongoClient.connect"],
        construct: Construct::Call,
        what: "a MongoDB client (with its own connection pool)",
        instead: "`const client = new MongoClient(uri)` at module top level (it pools connections and reconnects), then `client.db(...)` in the handler",
    },
];

/// pymongo's and motor's clients.
pub const PYTHON_CLIENTS: &[Client] = &[Client {
    names: &[
        "pymongo.MongoClient",
        "pymongo.mongo_client.MongoClient",
        "pymongo.AsyncMongoClient",
        "motor.motor_asyncio.AsyncIOMotorClient",
        "motor.motor_tornado.MotorClient",
    ],
    construct: Construct::Call,
    what: "a MongoDB client (with its own connection pool and monitoring threads)",
    instead: "`client = MongoClient(MONGO_URL)` at module level (it is thread-safe and pools connections), then `client.app.users.find(...)` per request",
}];
