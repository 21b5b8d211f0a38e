//! What snag knows about frameworks and libraries, one module per framework or library (CodeQL's
//! layout: `Django.qll`, `SqlAlchemy.qll`, ...): its handler registrations, query APIs, eager-load
//! spellings, model declarations, clients and notable calls, mostly as data.
//!
//! **Architecture Invariant:** this module is a leaf: it holds spellings and small pure lookups over
//! them, and imports nothing of the semantic layer, the model index or the rules. Those layers read it
//! and ask by capability ("does this call run a query", "is this a handler registration", "which client
//! does this constructor make"), so no rule lists a framework's spellings itself. Adding an ORM or a
//! web framework is one module here (plus, where its API needs new logic, the capability module that
//! reads it) and one corpus folder.
//!
//! Each module keeps its knowledge in sections: handlers, queries (and eager loads), models, and
//! clients and calls. The concepts those sections fill, and the lookups over every module, are in
//! [`web`], [`orm`], [`declarations`] and [`calls`].

pub mod aiohttp;
pub mod aws_lambda;
pub mod bookshelf;
pub mod caches;
pub mod calls;
pub mod celery;
pub mod concurrency;
pub mod declarations;
pub mod django;
pub mod drf;
pub mod express;
pub mod fastapi;
pub mod fastify;
pub mod flask;
pub mod graphql;
pub mod hapi;
pub mod http_clients;
pub mod images;
pub mod knex;
pub mod koa;
pub mod lodash;
pub mod mail;
pub mod mongodb;
pub mod mongoose;
pub mod nestjs;
pub mod nextjs;
pub mod node;
pub mod node_http;
pub mod orm;
pub mod pdf;
pub mod prisma;
pub mod python_stdlib;
pub mod quart;
pub mod queues;
pub mod redis;
pub mod sanic;
pub mod sequelize;
pub mod sql_drivers;
pub mod sqlalchemy;
pub mod starlette;
pub mod tornado;
pub mod typeorm;
pub mod web;
