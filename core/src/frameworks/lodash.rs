//! lodash and underscore: iteration helpers whose callback runs per element (`_.each(xs, fn)`), and
//! views of a collection (`_.filter(xs, ...)`).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// The modules (`import _ from 'lodash'`); an undeclared `_` is taken as one of them.
pub const MODULES: &[&str] = &["lodash", "underscore", "lodash-es"];

/// The conventional global name of the library.
pub const GLOBAL: &str = "_";

/// Functions whose callback runs once per element of their first argument (`_.each(xs, fn)`).
pub const ITERATION_METHODS: &[&str] = &[
    "forEach", "each", "map", "flatMap", "filter", "reduce", "some", "every", "find", "forOwn",
    "times",
];

/// Functions that hand back part of their first argument (a view: its size follows the collection's).
pub const VIEWS: &[&str] = &["lodash.filter", "lodash.reject"];
