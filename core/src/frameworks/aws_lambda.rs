//! AWS Lambda: `exports.handler` and `export const handler`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework's name, as handler messages show it.
pub const FRAMEWORK: &str = "AWS Lambda";

/// The name of a handler export (`exports.handler`, `export const handler`, `module.exports = { handler }`).
pub const HANDLER_EXPORT: &str = "handler";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// The member of a Lambda event that holds the records of S3, SQS, SNS or Kinesis: a handler that reads
/// it consumes events in the background, for no waiting user.
pub const EVENT_RECORDS: &str = "Records";
