//! MongoDB drivers: the Node.js `mongodb` driver, pymongo, motor.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::{Access, Batched};

/// pymongo and motor collection methods that run a query; those in [`PY_STRONG`] are recognisable on
/// any receiver.
pub const PY_METHODS: &[&str] = &[
    "find",
    "aggregate",
    "distinct",
    "find_one",
    "insert_one",
    "insert_many",
    "update_one",
    "update_many",
    "replace_one",
    "delete_one",
    "delete_many",
    "count_documents",
    "estimated_document_count",
    "find_one_and_update",
    "find_one_and_replace",
    "find_one_and_delete",
    "bulk_write",
];

/// pymongo collection methods no other common API has.
pub const PY_STRONG: &[&str] = &[
    "find_one",
    "insert_one",
    "update_one",
    "update_many",
    "replace_one",
    "delete_one",
    "delete_many",
    "count_documents",
    "find_one_and_update",
    "find_one_and_replace",
    "find_one_and_delete",
];

/// The Python drivers' modules (mongomock stands in for pymongo in tests).
pub const PY_MODULES: &[&str] = &["pymongo", "motor", "mongomock"];

/// The Node.js driver's module.
pub const JS_MODULE: &str = "mongodb";

/// Node.js `mongodb` collection methods that run a query.
pub const JS_METHODS: &[&str] = &[
    "find",
    "findOne",
    "insertOne",
    "insertMany",
    "updateOne",
    "updateMany",
    "replaceOne",
    "deleteOne",
    "deleteMany",
    "countDocuments",
    "estimatedDocumentCount",
    "aggregate",
    "distinct",
    "findOneAndUpdate",
    "findOneAndDelete",
    "findOneAndReplace",
    "bulkWrite",
];

/// `db.collection('users')`: a collection of a database.
pub const COLLECTION: &str = "collection";

/// Collection methods that read, besides `find*` (see [`access`]).
const READS: &[&str] = &[
    "aggregate",
    "distinct",
    "count_documents",
    "estimated_document_count",
    "countDocuments",
    "estimatedDocumentCount",
];

/// Whether a collection method (Python or JavaScript) reads documents or writes them: `find*` reads,
/// unless it also updates, replaces or deletes (`find_one_and_update`, `findOneAndDelete`).
pub fn access(method: &str) -> Access {
    if (method.starts_with("find") && !method.contains("_and_") && !method.contains("And"))
        || READS.contains(&method)
    {
        Access::Read
    } else {
        Access::Write
    }
}

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch every document in one query before the loop, `find({ _id: { $in: ids } })`, and index them by `_id`.",
    write: "Batch the writes: `insert_many`/`insertMany` or `bulk_write`/`bulkWrite`.",
    unnamed: "Model",
};

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
