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

use super::declarations::{JsNeedle, JsNeedleFit};

/// The package: a registration called through it makes a model even when its schema is imported.
pub const PACKAGE: &str = "mongoose";
/// The class of schemas (`new Schema({...})`, `new mongoose.Schema({...})`).
pub const SCHEMA_CLASS: &str = "Schema";
/// The method that makes a model of a schema (`mongoose.model('Order', orderSchema)`).
pub const REGISTRATION: &str = "model";
/// A word of a registered value that names a schema (`OrderSchema`, `schemas.order`), any case.
pub const SCHEMA_WORD: &str = "schema";
/// The schema method that declares a virtual (`orderSchema.virtual('items', { ref, localField, ... })`).
pub const VIRTUAL: &str = "virtual";
/// The schema method that adds paths (`orderSchema.add({...})`).
pub const ADD: &str = "add";
/// The path option naming the model it refers to (`{ type: ObjectId, ref: 'Customer' }`).
pub const REF_OPTION: &str = "ref";
/// The path option naming its type (`type: [ObjectId]` holds many refs).
pub const TYPE_OPTION: &str = "type";
/// The virtual option that makes it a count, no rows.
pub const COUNT_OPTION: &str = "count";
/// The virtual option that makes it one row.
pub const JUST_ONE_OPTION: &str = "justOne";
/// The static property of a model holding its name (`ref: Customer.modelName`).
pub const MODEL_NAME_PROPERTY: &str = "modelName";
/// NestJS (`@nestjs/mongoose`): the class decorator of schemas (`@Schema() class Order`).
pub const SCHEMA_DECORATOR: &str = "Schema";
/// NestJS (`@nestjs/mongoose`): the decorator of paths (`@Prop({ type: ObjectId, ref: 'Customer' })`).
pub const PROP_DECORATOR: &str = "Prop";

/// Words of the model check (`models/js.rs`) that Mongoose declarations contain: a registration,
/// NestJS's `@Schema()`.
pub const MODEL_NEEDLES: &[JsNeedle] = &[
    (REGISTRATION, JsNeedleFit::NamedCall),
    (SCHEMA_DECORATOR, JsNeedleFit::CalledDecorator),
];

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// `mongoose.createConnection(uri)`: a connection with its own pool.
pub const JS_CLIENTS: &[Client] = &[Client {
    names: &["mongoose.createConnection"],
    construct: Construct::Call,
    what: "a Mongoose connection (with its own connection pool)",
    instead: "`const conn = mongoose.createConnection(uri)` at module top level, then `conn.model(...)` in the handler",
}];
