//! Mongoose: model statics, schemas and `ref`s, `populate`, connections.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

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
