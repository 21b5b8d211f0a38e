//! Python's standard library: blocking calls (`time.sleep`, `open`, `subprocess`, `os.system`, `urllib.request`), caching decorators (`functools`), `asyncio`.
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

/// `asyncio.gather(*coroutines)`: runs every coroutine it is given at once.
pub const GATHERS: &[&str] = &["asyncio.gather"];

/// `asyncio.wait(tasks)`, `asyncio.as_completed(tasks)`: wait for every task of a collection.
pub const WAITS: &[&str] = &["asyncio.wait", "asyncio.as_completed"];

/// The module whose bare `create_task(...)`/`ensure_future(...)` start a task.
pub const ASYNCIO: &str = "asyncio";

/// Methods that start a task per call (`loop.create_task(coro)`, `asyncio.ensure_future(coro)`).
pub const TASK_STARTS: &[&str] = &["create_task", "ensure_future"];

/// `itertools.islice(rows, n)`: a bounded slice of an iterator, what batched loops take one batch with.
pub const ISLICE: &str = "islice";

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// Functions that sleep the calling thread.
pub const SLEEPS: &[&str] = &["time.sleep"];
/// What to use instead of sleeping on the event loop.
pub const ASYNC_SLEEP: &str = "`await asyncio.sleep(...)`";

/// Functions that open a file (blocking reads and writes follow).
pub const FILE_OPENS: &[&str] = &["open", "io.open", "codecs.open"];
/// pathlib's methods that read or write a whole file.
pub const PATH_IO_METHODS: &[&str] = &["read_text", "write_text", "read_bytes", "write_bytes"];
/// Libraries whose paths have pathlib's methods, asynchronous (anyio, trio, aiofiles, aiopath): their
/// `read_text()` is awaited, not blocking.
pub const ASYNC_PATH_MODULES: &[&str] = &["anyio", "trio", "aiofiles", "aiopath"];
/// What to use instead of blocking file calls on the event loop.
pub const ASYNC_FILES: &str = "`aiofiles`/`anyio.Path`, or `await asyncio.to_thread(...)`";

/// The module of child processes.
pub const SUBPROCESS: &str = "subprocess";
/// `subprocess`'s functions that wait for the child process (or start one, `Popen`).
pub const SUBPROCESS_FUNCTIONS: &[&str] = &[
    "run",
    "call",
    "check_call",
    "check_output",
    "Popen",
    "getoutput",
    "getstatusoutput",
];
/// `os`'s functions that run a shell command.
pub const SHELL_FUNCTIONS: &[&str] = &["os.system", "os.popen"];
/// What to use instead of a child process on the event loop.
pub const ASYNC_SUBPROCESS: &str = "`await asyncio.create_subprocess_exec(...)`";

/// Functions that read the file a path names (and aiofiles' async `open`).
pub const FILE_READERS: &[&str] = &["open", "io.open", "aiofiles.open"];

/// Functions and types that re-encode or wrap bytes (`base64`, `io.BytesIO`, the builtins `bytes` and
/// `bytearray`).
pub const TRANSFORMS: &[&str] = &[
    "base64.b64encode",
    "base64.standard_b64encode",
    "base64.urlsafe_b64encode",
    "base64.encodebytes",
    "io.BytesIO",
    "bytes",
    "bytearray",
];

/// `contextlib.closing(thing)`: closes `thing` when its `with` block ends.
pub const CLOSING: &str = "contextlib.closing";

/// `functools`' caching decorators (the last part of their names): the body runs once per argument
/// list.
pub const MEMOISING_DECORATORS: &[&str] = &["lru_cache", "cache", "cached_property"];

/// Calls whose value differs on every call (the clock, randomness): keys made from them never repeat.
pub const FRESH_VALUES: &[&str] = &[
    "time.time",
    "time.time_ns",
    "time.monotonic",
    "datetime.datetime.now",
    "datetime.datetime.utcnow",
    "datetime.now",
    "uuid.uuid4",
    "uuid.uuid1",
    "random.random",
    "secrets.token_hex",
    "secrets.token_urlsafe",
];
