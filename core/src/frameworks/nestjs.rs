//! NestJS: route decorators of controllers, GraphQL resolver decorators, start-up hooks and providers, request-scoped providers.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Provider scopes that make one instance per request (or per consumer) rather than a singleton.
pub const REQUEST_SCOPES: &[&str] = &[
    "@nestjs/common.Scope.REQUEST",
    "@nestjs/common.Scope.TRANSIENT",
];

/// How a parameter decorator that injects the response object starts (`@Res() res`).
pub const RESPONSE_DECORATORS: &[&str] = &["@Res(", "@Response("];

/// NestJS's module of responses.
pub const RESPONSE_MODULES: &[&str] = &["@nestjs/common"];

/// NestJS's response class for files and streams.
pub const RESPONSE_BUILDERS: &[&str] = &["StreamableFile"];
