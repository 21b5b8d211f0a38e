//! The concepts of web frameworks, and lookups over every framework module's handler data: which calls,
//! decorators, exports and classes register code that runs per request (or once at start-up).
//!
//! Each framework module's handlers section holds its own spellings (its name as messages show it, its
//! modules, route methods, decorators, exports, view base classes); this file combines them where the
//! semantic layer asks across frameworks ("is this a route method of any app", "which framework's app is
//! this"). The detection itself (which argument is the handler, what a receiver is) stays in the semantic
//! layer (`semantic/js.rs`, `semantic/python.rs`), which reads this data; its prefilter triggers for
//! handler code (`semantic::js_handler_triggers`) are generated from the same data.

use super::{
    aiohttp, aws_lambda, django, drf, express, fastapi, fastify, flask, hapi, koa, nestjs, nextjs,
    node_http, quart, sanic, starlette, tornado,
};

/// The distinct names of the lists given (each a `&[&str]`), in the order they first appear, as a
/// `&'static [&str]` built at compile time: a lookup over it costs what one list's `contains` costs.
/// `distinct!(lists: EXPR)` takes the lists as one `&[&[&str]]`.
macro_rules! distinct {
    (lists: $lists:expr) => {{
        const LISTS: &[&[&str]] = $lists;
        &distinct::<{ count_distinct(LISTS) }>(LISTS)
    }};
    ($($list:expr),+ $(,)?) => {
        distinct!(lists: &[$($list),+])
    };
}

// ----- JavaScript -----

/// A JavaScript framework whose apps or routers register handlers by calling route methods on them.
#[derive(Clone, Copy, Debug)]
pub struct JsApp {
    /// The framework's name, as handler messages show it.
    pub framework: &'static str,
    /// The modules that make its apps and routers, as prefixes of a qualified name (`express` covers
    /// `express.Router()`).
    pub modules: &'static [&'static str],
}

/// Where a framework's handlers receive the object they answer the request with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseParameter {
    /// One object is request and response: the parameter at this position (Koa's `ctx`).
    Context(usize),
    /// The parameters after the request (`(req, res)`, `(request, reply)`, `(request, h)`).
    AfterRequest,
    /// Only a parameter injected with one of these decorators (qualified names: NestJS `@Res()`).
    Decorated(&'static [&'static str]),
}

/// Where handlers of `framework` (a `HandlerOrigin::Registered` framework name) receive the response.
pub fn response_parameter(framework: &str) -> ResponseParameter {
    if framework == nestjs::FRAMEWORK {
        nestjs::RESPONSE
    } else if framework == koa::APP.framework || framework == koa::ROUTER.framework {
        koa::RESPONSE
    } else {
        ResponseParameter::AfterRequest
    }
}

/// How a handler of `framework` learns that its request ended, for help texts (`req.on('close'`).
pub fn request_closed(framework: Option<&str>) -> &'static str {
    match framework {
        Some(f) if f == koa::APP.framework || f == koa::ROUTER.framework => koa::REQUEST_CLOSED,
        Some(f) if f == fastify::APP.framework => fastify::REQUEST_CLOSED,
        _ => express::REQUEST_CLOSED,
    }
}

/// The JavaScript app frameworks, in the order a receiver's qualified name is matched against their
/// modules: a module that extends another's name (`koa-router` of `koa`) comes first.
pub const JS_APPS: &[JsApp] = &[express::APP, koa::ROUTER, koa::APP, fastify::APP];

/// The framework of an app or router whose qualified name is `qualified` (`express().get`,
/// `koa-router()`): the first of [`JS_APPS`] with a module that is a prefix of it.
pub fn js_app_framework(qualified: &str) -> Option<&'static str> {
    JS_APPS
        .iter()
        .find(|app| {
            app.modules
                .iter()
                .any(|module| qualified.starts_with(module))
        })
        .map(|app| app.framework)
}

/// The route methods of every JavaScript app and router (`app.get('/x', fn)`, `router.use(fn)`), once
/// each. Detection takes them together: an app of one framework is often extended with another's
/// methods (`fastify.use` with middie), and a receiver of no known framework registers with a route path.
pub const ROUTE_METHODS: &[&str] = distinct!(
    express::ROUTE_METHODS,
    koa::ROUTER_METHODS,
    koa::APP_METHODS,
    fastify::ROUTE_METHODS,
);

/// Whether `method` is a route method of some JavaScript app or router.
#[inline]
pub fn is_route_method(method: &str) -> bool {
    ROUTE_METHODS.contains(&method)
}

/// Whether `method` is a route method that adds middleware (`app.use(fn)`): without a route path it
/// registers only on a receiver known to be an app (`i18next.use(plugin)` does not).
pub fn is_middleware_method(method: &str) -> bool {
    method == express::MIDDLEWARE || method == koa::MIDDLEWARE
}

/// What a route path given to a JavaScript route method starts with, after its quote (Express,
/// koa-router and Fastify paths: `'/users/:id'`, `'*'`).
pub const ROUTE_PATH_STARTS: &[char] = &['/', '*'];

/// The framework name of a route registered on a receiver of no known framework (`router.get('/x', fn)`
/// with `router` from another file).
pub const ANY_ROUTER: &str = "HTTP route";

/// The Python registration kind of a name another file recorded (a registration of the project
/// graph: a FastAPI dependency, a route table): the `&'static str` every handler origin carries.
pub fn python_framework_named(name: &str) -> Option<&'static str> {
    [super::fastapi::DEPENDENCY, ROUTE_TABLE]
        .into_iter()
        .find(|framework| *framework == name)
}

/// The JavaScript framework of this name (a registration in another file, as the project graph hands
/// it over).
pub fn js_framework_named(name: &str) -> Option<&'static str> {
    JS_APPS
        .iter()
        .map(|app| app.framework)
        .chain([
            hapi::FRAMEWORK,
            node_http::FRAMEWORK,
            nextjs::FRAMEWORK,
            nestjs::FRAMEWORK,
            aws_lambda::FRAMEWORK,
            ANY_ROUTER,
        ])
        .find(|framework| *framework == name)
}

/// What a JavaScript call can register, told by its method's name alone (the semantic layer then checks
/// the receiver and the arguments).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsRegistration {
    /// `server.listen(port, callback)`: the callback runs once, at start-up.
    Listen,
    /// `http.createServer(handler)`: the handler answers requests.
    ServerFactory,
    /// `server.on('request', handler)`.
    ServerEvent,
    /// Fastify's `addHook('onRequest', fn)`.
    Hook,
    /// `route(...)`: Fastify's and Hapi's route objects (`route({ method, url, handler })`).
    RouteObjects,
    /// A route method of an app or router ([`ROUTE_METHODS`]).
    RouteMethod,
}

/// What a call of `method` can register, if anything: the semantic layer keeps the calls this answers
/// for, and decides on them once the file is walked.
#[inline]
pub fn js_registration(method: &str) -> Option<JsRegistration> {
    if method == node_http::LISTEN {
        Some(JsRegistration::Listen)
    } else if is_server_factory_name(method) {
        Some(JsRegistration::ServerFactory)
    } else if method == node_http::REQUEST_EVENT_METHOD {
        Some(JsRegistration::ServerEvent)
    } else if method == fastify::ADD_HOOK {
        Some(JsRegistration::Hook)
    } else if method == fastify::ROUTE_OBJECTS || method == hapi::ROUTE_OBJECTS {
        Some(JsRegistration::RouteObjects)
    } else if is_route_method(method) {
        Some(JsRegistration::RouteMethod)
    } else {
        None
    }
}

/// The last names of Node's HTTP server factories (`createServer`, `createSecureServer`), once each.
pub const SERVER_FACTORY_NAMES: &[&str] = distinct!(&SERVER_FACTORY_LAST_NAMES);

/// The last name of each of Node's HTTP server factories.
const SERVER_FACTORY_LAST_NAMES: [&str; node_http::SERVER_FACTORIES.len()] =
    last_names(node_http::SERVER_FACTORIES);

/// The methods besides route methods and server factories that register handlers ([`js_registration`]):
/// route objects (Fastify's and Hapi's), Fastify's hooks, an HTTP server's request event.
pub const REGISTRATION_METHODS: [&str; 4] = [
    fastify::ROUTE_OBJECTS,
    hapi::ROUTE_OBJECTS,
    fastify::ADD_HOOK,
    node_http::REQUEST_EVENT_METHOD,
];

/// Whether `method` is the last name of one of Node's HTTP server factories.
#[inline]
pub fn is_server_factory_name(method: &str) -> bool {
    SERVER_FACTORY_NAMES.contains(&method)
}

/// The names of the methods that take route objects (Fastify's and Hapi's `route`) or start a route
/// chain (Express's `route`), once each.
pub const ROUTE_OBJECT_METHODS: &[&str] = distinct!(&[
    fastify::ROUTE_OBJECTS,
    hapi::ROUTE_OBJECTS,
    express::ROUTE_CHAIN,
]);

/// The keys of a route object (Fastify's `route({ method, url, handler })`, Hapi's
/// `server.route({ method, path, handler })`) and their spellings in each framework.
#[derive(Clone, Copy, Debug)]
pub struct RouteObject {
    /// Keys that say an object is a route (`method`, `url`, `path`).
    pub route_keys: &'static [&'static str],
    /// Keys whose value is the handler (`handler`).
    pub handler_keys: &'static [&'static str],
    /// Keys whose value runs per request before or after the handler (Fastify's `preHandler`).
    pub hook_keys: &'static [&'static str],
    /// Keys whose value is an object of route options holding handlers (Hapi's `options`).
    pub options_keys: &'static [&'static str],
    /// The keys of that options object whose value runs per request (Hapi's `options.handler`,
    /// `options.pre`).
    pub options_handler_keys: &'static [&'static str],
}

/// The route objects of the frameworks that take them; detection reads them together.
const ROUTE_OBJECTS: &[RouteObject] = &[fastify::ROUTE_OBJECT, hapi::ROUTE_OBJECT];

/// What a key of a route object holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteObjectKey {
    /// The key names the route (`method`, `url`, `path`).
    Route,
    /// The handler.
    Handler,
    /// A per-request hook (`preHandler`).
    Hook,
    /// An object of route options (`options`, `config`).
    Options,
}

/// What `key` holds in a route object of any framework, if it is one of theirs. A route object has a
/// [`RouteObjectKey::Route`] key and a [`RouteObjectKey::Handler`] or [`RouteObjectKey::Options`] key.
pub fn route_object_key(key: &str) -> Option<RouteObjectKey> {
    let any = |keys: fn(&RouteObject) -> &'static [&'static str]| {
        ROUTE_OBJECTS
            .iter()
            .any(|object| keys(object).contains(&key))
    };
    if any(|o| o.route_keys) {
        Some(RouteObjectKey::Route)
    } else if any(|o| o.handler_keys) {
        Some(RouteObjectKey::Handler)
    } else if any(|o| o.hook_keys) {
        Some(RouteObjectKey::Hook)
    } else if any(|o| o.options_keys) {
        Some(RouteObjectKey::Options)
    } else {
        None
    }
}

/// Whether `key`, in a route object's options object, holds code that runs per request.
pub fn is_route_options_handler_key(key: &str) -> bool {
    ROUTE_OBJECTS
        .iter()
        .any(|object| object.options_handler_keys.contains(&key))
}

/// Where a JavaScript module sits, as the export lookups read it.
#[derive(Clone, Copy, Debug)]
pub struct ModuleFile<'a> {
    /// The module's path, with `/` separators.
    pub path: &'a str,
    /// Its file name without the extension.
    pub stem: &'a str,
}

impl ModuleFile<'_> {
    /// A Next.js `pages/api` module: its default export answers requests.
    pub fn is_next_pages_api(&self) -> bool {
        self.path.contains(nextjs::PAGES_API)
    }

    /// A Next.js app-router route file (`app/api/users/route.ts`): its [`nextjs::ROUTE_EXPORTS`] answer
    /// requests.
    fn is_next_route_file(&self) -> bool {
        self.stem == nextjs::ROUTE_FILE
            && (self.path.contains(nextjs::APP_FOLDER)
                || self
                    .path
                    .starts_with(nextjs::APP_FOLDER.trim_end_matches('/')))
    }

    /// The Next.js middleware module: its export of the same name runs per request.
    fn is_next_middleware(&self) -> bool {
        self.stem == nextjs::MIDDLEWARE
    }
}

/// The framework that calls a named export `name` of `module` per request (`export function handler`,
/// `export const GET`, `export { getServerSideProps }`), if any.
pub fn named_export_framework(name: &str, module: &ModuleFile<'_>) -> Option<&'static str> {
    if name == aws_lambda::HANDLER_EXPORT {
        Some(aws_lambda::FRAMEWORK)
    } else if (module.is_next_route_file() && nextjs::ROUTE_EXPORTS.contains(&name))
        || name == nextjs::SERVER_SIDE_PROPS
        || (module.is_next_middleware() && name == nextjs::MIDDLEWARE)
    {
        Some(nextjs::FRAMEWORK)
    } else {
        None
    }
}

// ----- Python -----

/// A Python framework whose apps, routers and blueprints register handlers with route decorators
/// (`@app.get("/")`, `@bp.route("/")`).
#[derive(Clone, Copy, Debug)]
pub struct PythonApp {
    /// The framework's name, as handler messages show it.
    pub framework: &'static str,
    /// Its module, as a prefix of a receiver's qualified name (`fastapi` covers `fastapi.APIRouter()`).
    pub module: &'static str,
    /// The decorator methods that register a route (`get`, `route`, `websocket`).
    pub route_decorators: &'static [&'static str],
    /// The keyword names of a route decorator's path (`@app.route(rule="/")`).
    pub path_keywords: &'static [&'static str],
}

/// The Python frameworks with route decorators, in the order a receiver's qualified name is matched
/// against their modules.
pub const PYTHON_APPS: &[PythonApp] = &[
    fastapi::APP,
    flask::APP,
    quart::APP,
    sanic::APP,
    starlette::APP,
    aiohttp::APP,
];

/// The framework name of a route decorator on a receiver of no known framework.
pub const ANY_WEB_FRAMEWORK: &str = "web framework";

/// The route decorator methods of every Python framework, once each.
pub const ROUTE_DECORATOR_METHODS: &[&str] = distinct!(lists: &ROUTE_DECORATOR_LISTS);

/// Each Python framework's route decorator methods.
const ROUTE_DECORATOR_LISTS: [&[&str]; PYTHON_APPS.len()] = {
    let mut lists: [&[&str]; PYTHON_APPS.len()] = [&[]; PYTHON_APPS.len()];
    let mut app = 0;
    while app < PYTHON_APPS.len() {
        lists[app] = PYTHON_APPS[app].route_decorators;
        app += 1;
    }
    lists
};

/// Whether `method` is a route decorator method of some Python framework (`@app.get`, `@bp.route`).
pub fn is_route_decorator_method(method: &str) -> bool {
    ROUTE_DECORATOR_METHODS.contains(&method)
}

/// Whether `keyword` names a route decorator's path in some Python framework (`path=`, `rule=`, `uri=`).
pub fn is_route_path_keyword(keyword: &str) -> bool {
    PYTHON_APPS
        .iter()
        .any(|app| app.path_keywords.contains(&keyword))
}

/// The framework of a route decorator's receiver whose qualified name is `qualified`: the first of
/// [`PYTHON_APPS`] whose module is a prefix of it, or [`ANY_WEB_FRAMEWORK`].
pub fn python_app_framework(qualified: Option<&str>) -> &'static str {
    qualified
        .and_then(|q| PYTHON_APPS.iter().find(|app| q.starts_with(app.module)))
        .map_or(ANY_WEB_FRAMEWORK, |app| app.framework)
}

/// The framework of a decorator that only decorates views (`@api_view`, `@login_required`), by its
/// last name.
pub fn view_decorator_framework(name: &str) -> Option<&'static str> {
    if drf::VIEW_DECORATORS.contains(&name) {
        Some(drf::FRAMEWORK)
    } else if django::VIEW_DECORATORS.contains(&name) {
        Some(django::FRAMEWORK)
    } else {
        None
    }
}

/// The framework name of a function a route table registers (`Route("/", endpoint)`,
/// `app.add_url_rule("/", view_func=f)`).
pub const ROUTE_TABLE: &str = "route table";

/// The calls that register a function as an endpoint (`Route("/", endpoint)`, `web.get("/", handler)`,
/// `app.add_url_rule("/", view_func=f)`), by their last name, once each.
pub const ROUTE_CALLS: &[&str] = distinct!(
    starlette::ROUTE_CALLS,
    aiohttp::ROUTE_CALLS,
    flask::ROUTE_CALLS,
    quart::ROUTE_CALLS,
    sanic::ROUTE_CALLS,
    fastapi::ROUTE_CALLS,
);

/// Whether a call of this last name registers a function per request: a route call or a FastAPI
/// dependency (`Depends(get_db)`).
#[inline]
pub fn is_python_registration_call(name: &str) -> bool {
    ROUTE_CALLS.contains(&name) || fastapi::DEPENDENCY_CALLS.contains(&name)
}

/// The keyword arguments that name the function a route call registers (Starlette's `endpoint=`,
/// Flask's `view_func=`, aiohttp's `handler=`, FastAPI's `Depends(dependency=...)`), once each.
pub const ENDPOINT_KEYWORDS: &[&str] = distinct!(
    starlette::ENDPOINT_KEYWORDS,
    flask::ENDPOINT_KEYWORDS,
    quart::ENDPOINT_KEYWORDS,
    aiohttp::ENDPOINT_KEYWORDS,
    fastapi::ENDPOINT_KEYWORDS,
);

/// Whether a route call's argument, a string `value`, is a route path: absolute (`"/users"`) or empty
/// (a router's root, `@router.get("")` under a prefix).
pub fn is_route_path(value: &str) -> bool {
    value.starts_with('/') || value.is_empty()
}

/// What a framework's class-based views derive from, by the last name of a base class.
#[derive(Clone, Copy, Debug)]
pub struct ViewBases {
    /// Endings of a base's name (`View` of `TemplateView`, `ViewSet` of `ModelViewSet`).
    pub suffixes: &'static [&'static str],
    /// Whole names of a base (`HTTPEndpoint`).
    pub names: &'static [&'static str],
}

/// The view bases of every framework with class-based views.
const VIEW_BASES: &[ViewBases] = &[
    django::VIEW_BASES,
    drf::VIEW_BASES,
    flask::VIEW_BASES,
    aiohttp::VIEW_BASES,
    starlette::VIEW_BASES,
    tornado::VIEW_BASES,
    sanic::VIEW_BASES,
];

/// The endings of view base names of every framework, once each.
const VIEW_BASE_SUFFIXES: &[&str] = distinct!(lists: &view_base_lists(true));

/// The whole view base names of every framework, once each.
const VIEW_BASE_NAMES: &[&str] = distinct!(lists: &view_base_lists(false));

/// Each framework's view base endings (`suffixes`) or whole names.
const fn view_base_lists(suffixes: bool) -> [&'static [&'static str]; VIEW_BASES.len()] {
    let mut lists: [&[&str]; VIEW_BASES.len()] = [&[]; VIEW_BASES.len()];
    let mut framework = 0;
    while framework < VIEW_BASES.len() {
        let bases = VIEW_BASES[framework];
        lists[framework] = if suffixes {
            bases.suffixes
        } else {
            bases.names
        };
        framework += 1;
    }
    lists
}

/// The framework name of a class-based view's methods.
pub const CLASS_BASED_VIEW: &str = "class-based view";

/// Whether a class whose base's last name is `base` (`ModelViewSet` of `viewsets.ModelViewSet`) is a
/// class-based view of some framework: its methods answer requests.
pub fn is_view_base(base: &str) -> bool {
    VIEW_BASE_SUFFIXES
        .iter()
        .any(|suffix| base.ends_with(suffix))
        || VIEW_BASE_NAMES.contains(&base)
}

// ----- Combining lists at compile time (`==` on `str` is not `const`) -----

/// Whether two names are the same.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

/// Whether the name at `entry` of list `list` occurs earlier in `lists`.
const fn seen_before(lists: &[&[&str]], list: usize, entry: usize) -> bool {
    let name = lists[list][entry];
    let mut earlier = 0;
    while earlier <= list {
        let end = if earlier == list {
            entry
        } else {
            lists[earlier].len()
        };
        let mut at = 0;
        while at < end {
            if same(lists[earlier][at], name) {
                return true;
            }
            at += 1;
        }
        earlier += 1;
    }
    false
}

/// Writes the distinct names of `lists` to `names`, in the order they first appear, as far as `names`
/// has room, and returns how many there are.
const fn collect_distinct(lists: &[&[&'static str]], names: &mut [&'static str]) -> usize {
    let mut count = 0;
    let mut list = 0;
    while list < lists.len() {
        let mut entry = 0;
        while entry < lists[list].len() {
            if !seen_before(lists, list, entry) {
                if count < names.len() {
                    names[count] = lists[list][entry];
                }
                count += 1;
            }
            entry += 1;
        }
        list += 1;
    }
    count
}

/// How many distinct names `lists` hold.
const fn count_distinct(lists: &[&[&'static str]]) -> usize {
    collect_distinct(lists, &mut [])
}

/// The distinct names of `lists` (there are `N`), in the order they first appear.
const fn distinct<const N: usize>(lists: &[&[&'static str]]) -> [&'static str; N] {
    let mut names = [""; N];
    let count = collect_distinct(lists, &mut names);
    assert!(count == N, "N is count_distinct(lists)");
    names
}

/// The last dot-separated name of each of `names` (`createServer` of `http.createServer`).
const fn last_names<const N: usize>(names: &[&'static str]) -> [&'static str; N] {
    let mut last = [""; N];
    let mut at = 0;
    while at < N {
        last[at] = last_name(names[at]);
        at += 1;
    }
    last
}

/// The last dot-separated name of `name`.
const fn last_name(name: &'static str) -> &'static str {
    let bytes = name.as_bytes();
    let mut start = bytes.len();
    while start > 0 && bytes[start - 1] != b'.' {
        start -= 1;
    }
    let (_, last) = bytes.split_at(start);
    match std::str::from_utf8(last) {
        Ok(last) => last,
        Err(_) => panic!("a name split after an ASCII dot is UTF-8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_apps_match_the_longest_module_first() {
        assert_eq!(js_app_framework("express().get"), Some("Express"));
        assert_eq!(js_app_framework("express.Router()"), Some("Express"));
        assert_eq!(js_app_framework("koa-router()"), Some("koa-router"));
        assert_eq!(js_app_framework("@koa/router()"), Some("koa-router"));
        assert_eq!(js_app_framework("koa()"), Some("Koa"));
        assert_eq!(js_app_framework("fastify()"), Some("Fastify"));
        assert_eq!(js_app_framework("axios"), None);
    }

    #[test]
    fn route_methods_are_listed_once() {
        let methods = ROUTE_METHODS;
        for method in ["get", "post", "delete", "del", "all", "use", "options"] {
            assert_eq!(
                methods.iter().filter(|m| **m == method).count(),
                1,
                "{method}"
            );
        }
        assert!(!is_route_method("route"));
        assert!(is_middleware_method("use") && !is_middleware_method("get"));
        assert!(!is_route_method("listen"));
    }

    #[test]
    fn js_registrations_by_method() {
        assert_eq!(js_registration("listen"), Some(JsRegistration::Listen));
        assert_eq!(
            js_registration("createServer"),
            Some(JsRegistration::ServerFactory)
        );
        assert_eq!(
            js_registration("createSecureServer"),
            Some(JsRegistration::ServerFactory)
        );
        assert_eq!(js_registration("on"), Some(JsRegistration::ServerEvent));
        assert_eq!(js_registration("addHook"), Some(JsRegistration::Hook));
        assert_eq!(js_registration("route"), Some(JsRegistration::RouteObjects));
        assert_eq!(js_registration("patch"), Some(JsRegistration::RouteMethod));
        assert_eq!(js_registration("then"), None);
        assert_eq!(SERVER_FACTORY_NAMES, ["createServer", "createSecureServer"]);
        assert_eq!(ROUTE_OBJECT_METHODS, ["route"]);
    }

    #[test]
    fn route_object_keys() {
        assert_eq!(route_object_key("url"), Some(RouteObjectKey::Route));
        assert_eq!(route_object_key("path"), Some(RouteObjectKey::Route));
        assert_eq!(route_object_key("handler"), Some(RouteObjectKey::Handler));
        assert_eq!(route_object_key("preHandler"), Some(RouteObjectKey::Hook));
        assert_eq!(route_object_key("config"), Some(RouteObjectKey::Options));
        assert_eq!(route_object_key("schema"), None);
        assert!(is_route_options_handler_key("pre"));
        assert!(!is_route_options_handler_key("auth"));
    }

    #[test]
    fn exports_by_file() {
        /// The framework that calls export `name` of the module at `path`.
        fn framework(path: &str, name: &str) -> Option<&'static str> {
            let file = path.rsplit('/').next().unwrap_or(path);
            let stem = file.split('.').next().unwrap_or(file);
            named_export_framework(name, &ModuleFile { path, stem })
        }
        for (path, name, expected) in [
            ("src/index.js", "handler", Some("AWS Lambda")),
            ("src/index.js", "GET", None),
            ("src/index.js", "getServerSideProps", Some("Next.js")),
            ("app/api/users/route.ts", "GET", Some("Next.js")),
            ("app/api/users/route.ts", "helper", None),
            ("src/app/route.ts", "POST", Some("Next.js")),
            ("src/route.ts", "POST", None),
            ("middleware.ts", "middleware", Some("Next.js")),
        ] {
            assert_eq!(framework(path, name), expected, "{path} {name}");
        }
        let pages_api = |path| ModuleFile { path, stem: "" }.is_next_pages_api();
        assert!(pages_api("pages/api/user.js"));
        assert!(!pages_api("src/index.js"));
    }

    #[test]
    fn python_route_decorators() {
        assert!(is_route_decorator_method("api_route"));
        assert!(is_route_decorator_method("view"));
        assert!(is_route_decorator_method("trace"));
        assert!(!is_route_decorator_method("task"));
        assert!(is_route_path_keyword("rule"));
        assert!(is_route_path_keyword("uri"));
        assert!(!is_route_path_keyword("methods"));
        assert_eq!(python_app_framework(Some("fastapi.FastAPI()")), "FastAPI");
        assert_eq!(
            python_app_framework(Some("aiohttp.web.RouteTableDef()")),
            "aiohttp"
        );
        assert_eq!(python_app_framework(Some("myapp.app")), "web framework");
        assert_eq!(python_app_framework(None), "web framework");
    }

    #[test]
    fn python_view_decorators_and_route_calls() {
        assert_eq!(
            view_decorator_framework("api_view"),
            Some("Django REST framework")
        );
        assert_eq!(view_decorator_framework("login_required"), Some("Django"));
        assert_eq!(view_decorator_framework("cache"), None);
        assert!(is_python_registration_call("Route"));
        assert!(is_python_registration_call("add_url_rule"));
        assert!(is_python_registration_call("Depends"));
        assert!(!is_python_registration_call("include"));
        assert_eq!(ROUTE_CALLS.iter().filter(|c| **c == "add_route").count(), 1);
        assert_eq!(
            ENDPOINT_KEYWORDS,
            ["endpoint", "view_func", "handler", "dependency"]
        );
        assert!(is_route_path("/users") && is_route_path("") && !is_route_path("users"));
    }

    #[test]
    fn view_bases() {
        for base in [
            "View",
            "TemplateView",
            "ModelViewSet",
            "APIView",
            "MethodView",
            "HTTPEndpoint",
            "WebSocketEndpoint",
            "RequestHandler",
            "HTTPMethodView",
        ] {
            assert!(is_view_base(base), "{base}");
        }
        assert_eq!(VIEW_BASE_SUFFIXES, ["View", "ViewSet", "APIView"]);
        assert_eq!(
            VIEW_BASE_NAMES,
            [
                "View",
                "HTTPEndpoint",
                "WebSocketEndpoint",
                "RequestHandler",
                "HTTPMethodView"
            ]
        );
        assert!(!is_view_base("Model"));
        assert!(!is_view_base("MyRequestHandlerMixin"));
    }
}
