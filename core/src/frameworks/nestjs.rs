//! NestJS: route decorators of controllers, GraphQL resolver decorators, start-up hooks and providers, request-scoped providers.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

/// `@InjectRepository(User)` (`@nestjs/typeorm`): the parameter or field holds a TypeORM repository
/// of the entity.
pub const INJECT_REPOSITORY: &str = "InjectRepository";

/// `@InjectModel(User.name)` (`@nestjs/mongoose`, `@nestjs/sequelize`): the parameter or field holds
/// a model.
pub const INJECT_MODEL: &str = "InjectModel";

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
