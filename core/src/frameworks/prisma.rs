//! Prisma Client: `prisma.model.findMany(...)` and the other model methods, `include`/`select`, the client.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

use super::orm::Batched;

/// The client's module.
pub const CLIENT_MODULE: &str = "@prisma/client";

/// What the client's raw read methods start with (`$queryRaw`, `$queryRawUnsafe`).
pub const RAW_QUERY_PREFIX: &str = "$queryRaw";

/// What the client's raw write methods start with (`$executeRaw`, `$executeRawUnsafe`).
pub const RAW_EXECUTE_PREFIX: &str = "$executeRaw";

/// Delegate methods recognisable on any `x.model.` receiver.
pub const STRONG: &[&str] = &[
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
    "upsert",
    "createMany",
    "createManyAndReturn",
    "updateMany",
    "updateManyAndReturn",
    "deleteMany",
    "groupBy",
];

/// Delegate methods that need more evidence (a resolved client, or Prisma's argument shape).
pub const WEAK: &[&str] = &["create", "update", "delete", "count", "aggregate"];

/// Keys of the delegate methods' argument objects.
pub const ARGUMENT_KEYS: &[&str] = &[
    "where", "data", "select", "include", "orderBy", "by", "_count", "_sum", "_avg", "_min",
    "_max", "cursor", "take", "skip",
];

/// Delegate methods that write rows.
pub const WRITES: &[&str] = &[
    "create",
    "update",
    "delete",
    "upsert",
    "createMany",
    "createManyAndReturn",
    "updateMany",
    "updateManyAndReturn",
    "deleteMany",
];

/// How to batch the queries a loop runs per item.
pub const BATCHED: Batched = Batched {
    read: "Fetch the rows once before the loop, `prisma.{model}.findMany({ where: { id: { in: ids } } })`, then a `Map` by id.",
    write: "Batch the writes: `createMany({ data: [...] })`, `updateMany(...)`, or one `prisma.$transaction([...])`.",
    unnamed: "model",
};

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
