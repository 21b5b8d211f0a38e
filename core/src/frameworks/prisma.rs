//! Prisma Client: `prisma.model.findMany(...)` and the other model methods, `include`/`select`, the client.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::{Client, Construct};

/// `new PrismaClient()`.
pub const JS_CLIENTS: &[Client] = &[Client {
    names: &["@prisma/client.PrismaClient"],
    construct: Construct::New,
    what: "a Prisma client (with its own connection pool)",
    instead: "one `export const prisma = new PrismaClient()` in a shared module (e.g. `lib/prisma.ts`), imported where it is needed",
}];
