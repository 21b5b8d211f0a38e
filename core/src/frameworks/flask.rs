//! Flask: route decorators and `add_url_rule`, request-scoped globals (`flask.g`), Flask-Mail, Flask-SQLAlchemy's `Model.query`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

/// Flask-SQLAlchemy's module.
pub const SQLALCHEMY_MODULE: &str = "flask_sqlalchemy";

/// Flask-SQLAlchemy's `Model.query`: a SQLAlchemy `Query` of the model's rows.
pub const MODEL_QUERY: &str = "query";

/// Flask-SQLAlchemy's `Query` methods that run it (besides SQLAlchemy's).
pub const QUERY_TERMINALS: &[&str] = &["paginate", "get_or_404", "first_or_404", "one_or_404"];

/// Flask-SQLAlchemy's `db` methods that run a statement (`db.get_or_404(User, 1)`).
pub const SESSION_EXECUTE: &[&str] = &["get_or_404", "first_or_404", "one_or_404"];

/// Flask-SQLAlchemy's `db` methods that fetch a row by primary key.
pub const SESSION_GETTERS: &[&str] = &["get_or_404"];

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----
