//! Next.js: `pages/api` default exports, app-router `GET`/`POST`/... exports, middleware, `getServerSideProps`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

/// The framework's name, as handler messages show it.
pub const FRAMEWORK: &str = "Next.js";

/// The folder whose modules' default exports answer API requests.
pub const PAGES_API: &str = "pages/api/";

/// The name of an app-router route file (`app/api/users/route.ts`).
pub const ROUTE_FILE: &str = "route";

/// The app router's folder, in which route files sit (a path that starts with `app` counts too).
pub const APP_FOLDER: &str = "app/";

/// The exports of a route file that answer requests.
pub const ROUTE_EXPORTS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The page export that runs per request.
pub const SERVER_SIDE_PROPS: &str = "getServerSideProps";

/// The middleware: a module of this name exporting a function of this name.
pub const MIDDLEWARE: &str = "middleware";

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Next.js's module of responses.
pub const RESPONSE_MODULES: &[&str] = &["next/server"];

/// Next.js's response class (besides the web platform's `Response`).
pub const RESPONSE_BUILDERS: &[&str] = &["NextResponse"];
