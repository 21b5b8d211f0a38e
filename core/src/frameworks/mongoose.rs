//! Mongoose: model statics, schemas and `ref`s, `populate`, connections.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::Batched;

/// Model statics that run a query.
pub const MODEL_METHODS: &[&str] = &[
    "find",
    "findOne",
    "findById",
    "findByIdAndUpdate",
    "findByIdAndDelete",
    "findByIdAndRemove",
    "findOneAndUpdate",
    "findOneAndDelete",
    "findOneAndReplace",
    "findOneAndRemove",
    "updateOne",
    "updateMany",
    "deleteOne",
    "deleteMany",
    "replaceOne",
    "countDocuments",
    "estimatedDocumentCount",
    "count",
    "create",
    "insertMany",
    "aggregate",
    "exists",
    "distinct",
    "bulkWrite",
];

/// Model statics no other common API has: recognisable on a class-like name without the model index.
pub const STRONG: &[&str] = &[
    "findById",
    "findByIdAndUpdate",
    "findByIdAndDelete",
    "findByIdAndRemove",
    "findOneAndUpdate",
    "findOneAndDelete",
    "findOneAndReplace",
    "findOneAndRemove",
    "countDocuments",
    "estimatedDocumentCount",
];

/// The module whose `model('User', schema)` defines or returns a model, and whose `Model` a class
/// extends.
pub const MODEL_MODULE: &str = "mongoose";

/// `mongoose.model('User', schema)`: a model defined or looked up by name.
pub const MODEL_FACTORY: &str = "model";

/// The type of a model (`Model<UserDocument>`), as a type annotation starts.
pub const MODEL_TYPE: &str = "Model<";

/// What a document type's name conventionally ends with (`UserDocument`, `UserDoc`), trimmed in this
/// order to name the model.
pub const DOCUMENT_TYPE_SUFFIXES: &[&str] = &["Document", "Doc"];

/// The eager load of a `ref`: `.populate('customer')`.
pub const POPULATE: &str = "populate";

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch the documents once before the loop, `{model}.find({ _id: { $in: ids } })`, then a `Map` by id.",
    write: "Batch the writes: `{model}.insertMany([...])` or `{model}.bulkWrite([...])`.",
    unnamed: "Model",
};

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
