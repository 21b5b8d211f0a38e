//! Flask: route decorators and `add_url_rule`, request-scoped globals (`flask.g`), Flask-Mail, Flask-SQLAlchemy's `Model.query`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// Flask apps and blueprints: `@app.route("/")`, `@bp.get("/")`.
pub const APP: super::web::PythonApp = super::web::PythonApp {
    framework: "Flask",
    module: "flask",
    route_decorators: &["get", "post", "put", "patch", "delete", "route"],
    path_keywords: &["rule"],
};

/// `app.add_url_rule("/", view_func=index)`: the call that registers a view.
pub const ROUTE_CALLS: &[&str] = &["add_url_rule"];

/// The keyword of that call naming the view.
pub const ENDPOINT_KEYWORDS: &[&str] = &["view_func"];

/// Class-based views: `View`, `MethodView`.
pub const VIEW_BASES: super::web::ViewBases = super::web::ViewBases {
    suffixes: &["View"],
    names: &[],
};

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

/// Flask-SQLAlchemy's module.
pub const SQLALCHEMY_MODULE: &str = "flask_sqlalchemy";

/// Flask-SQLAlchemy's `Model.query`: a SQLAlchemy `Query` of the model's rows.
pub const MODEL_QUERY: &str = "query";

/// Flask-SQLAlchemy's `Query` methods that run it (besides SQLAlchemy's).
pub const QUERY_TERMINALS: &[&str] = &[PAGINATE, "get_or_404", "first_or_404", "one_or_404"];

/// `query.paginate(page=2, per_page=50)`: one page of the rows, a bounded batch.
pub const PAGINATE: &str = "paginate";

/// Flask-SQLAlchemy's `db` methods that run a statement (`db.get_or_404(User, 1)`).
pub const SESSION_EXECUTE: &[&str] = &["get_or_404", "first_or_404", "one_or_404"];

/// Flask-SQLAlchemy's `db` methods that fetch a row by primary key.
pub const SESSION_GETTERS: &[&str] = &["get_or_404"];

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

use super::calls::Sender;

/// Flask's context locals: values stored on them live for one request.
pub const REQUEST_LOCALS: &[&str] = &["flask.g", "flask.request", "flask.session"];

/// Flask-Mail: `mail.send(message)` on a `Mail(app)`.
pub const PYTHON_SENDERS: &[Sender] = &[Sender {
    library: "Flask-Mail",
    functions: &[],
    clients: &["flask_mail.Mail()"],
    methods: &["send", "send_message"],
}];

/// The module Flask-Mail is imported from.
pub const SIDE_WORK_MODULES: &[&str] = &["flask_mail"];

/// Flask's modules of responses (and werkzeug's, whose `Response` Flask's is).
pub const RESPONSE_MODULES: &[&str] = &["flask", "werkzeug"];

/// Flask's response classes and functions.
pub const RESPONSE_BUILDERS: &[&str] = &[
    "Response",
    "send_file",
    "send_from_directory",
    "make_response",
    "jsonify",
];

/// Flask's message flashing: what a view shows the user on the next page.
pub const USER_MESSAGES: &[&str] = &["flask.flash"];
