//! NestJS: route decorators of controllers, GraphQL resolver decorators, start-up hooks and providers, request-scoped providers.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework's name, as handler messages show it.
pub const FRAMEWORK: &str = "NestJS";

/// Method decorators that make a method a request handler: controllers' routes and GraphQL resolvers'
/// operations and fields.
pub const ROUTE_DECORATORS: &[&str] = &[
    "Get",
    "Post",
    "Put",
    "Patch",
    "Delete",
    "All",
    "Options",
    "Head",
    "Sse",
    "Query",
    "Mutation",
    "ResolveField",
    "Subscription",
];

/// Methods that run once, at start-up: the lifecycle hooks, and constructors (services and providers are
/// built once, and where a class is instantiated lies in other files, which the per-file model cannot
/// see: when in doubt, do not flag).
pub const STARTUP_METHODS: &[&str] = &["onModuleInit", "onApplicationBootstrap", "constructor"];

/// `{ provide, useFactory: () => ... }`: the provider key whose function runs once, at start-up.
pub const FACTORY_PROVIDER: &str = "useFactory";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

/// `@InjectRepository(User)` (`@nestjs/typeorm`): the parameter or field holds a TypeORM repository
/// of the entity.
pub const INJECT_REPOSITORY: &str = "InjectRepository";

/// `@InjectModel(User.name)` (`@nestjs/mongoose`, `@nestjs/sequelize`): the parameter or field holds
/// a model.
pub const INJECT_MODEL: &str = "InjectModel";

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Provider scopes that make one instance per request (or per consumer) rather than a singleton.
pub const REQUEST_SCOPES: &[&str] = &[
    "@nestjs/common.Scope.REQUEST",
    "@nestjs/common.Scope.TRANSIENT",
];

/// The parameter decorators that inject the response object (`@Res() res`), as qualified names.
pub const RESPONSE_DECORATORS: &[&str] = &["@nestjs/common.Res", "@nestjs/common.Response"];

/// Where NestJS handlers get their response: only a parameter injected with `@Res()`.
pub const RESPONSE: super::web::ResponseParameter =
    super::web::ResponseParameter::Decorated(RESPONSE_DECORATORS);

/// NestJS's module of responses.
pub const RESPONSE_MODULES: &[&str] = &["@nestjs/common"];

/// NestJS's response class for files and streams.
pub const RESPONSE_BUILDERS: &[&str] = &["StreamableFile"];
