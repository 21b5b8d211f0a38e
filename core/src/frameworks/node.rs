//! Node.js itself: `fs` and its drop-ins (fs-extra, graceful-fs), `child_process`, `crypto`, `zlib`, `events`, timers, and CPU-heavy libraries with synchronous APIs (bcrypt).
//!
//! What snag knows about it, as data that the semantic layer, the model index and the rules read
//! (see [`crate::frameworks`]).

// ----- Handlers: how it registers code that runs per request, or once at start-up. -----

// ----- Queries: the calls that run a query (lazy and executing), and eager loads. -----

// ----- Models: how models, fields and relations are declared. -----

// ----- Clients and calls: connections, blocking calls, slow side work. -----

/// What kind of blocking call a synchronous Node API is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncApi {
    /// `fs.*Sync`.
    FileSystem,
    /// `child_process.execSync/execFileSync/spawnSync`.
    ChildProcess,
    /// `crypto.*Sync`.
    Crypto,
    /// `zlib.*Sync`.
    Zlib,
}

/// How the name of every synchronous Node API ends.
pub const SYNC_SUFFIX: &str = "Sync";

/// Modules that expose Node's `fs` API: `fs` and its drop-ins.
pub const FS_MODULES: &[&str] = &["fs", "fs-extra", "graceful-fs", "original-fs"];

/// Node's child processes.
pub const CHILD_PROCESS: &str = "child_process";

/// Synchronous `fs` calls that cost one system call on a path, served from the kernel's caches (a
/// `stat`, resolving a path, `mkdir -p` of a folder that usually exists): they block, but for
/// microseconds, not for a file's contents.
pub const FS_METADATA_SYNC: &[&str] = &[
    "existsSync",
    "statSync",
    "lstatSync",
    "accessSync",
    "realpathSync",
    "mkdirSync",
];

/// Synchronous `fs` calls that read (contents, a listing or metadata), as opposed to writing, creating
/// or removing: reading the same thing on every call can be done once and remembered.
pub const FS_READ_SYNC: &[&str] = &[
    "readFileSync",
    "readdirSync",
    "readlinkSync",
    "realpathSync",
    "opendirSync",
    "existsSync",
    "statSync",
    "lstatSync",
    "accessSync",
];

/// Synchronous `fs` calls that create a path (`mkdirSync(dir)`): under `if (!existsSync(dir))` they
/// run once, the first time, and never again.
pub const FS_CREATE_SYNC: &[&str] = &["mkdirSync", "writeFileSync", "copyFileSync", "symlinkSync"];

/// The synchronous functions of `child_process`.
pub const CHILD_PROCESS_SYNC: &[&str] = &["execSync", "execFileSync", "spawnSync"];

/// Node's cryptography (`pbkdf2Sync`, `scryptSync`, `randomFillSync`, ...).
pub const CRYPTO: &str = "crypto";

/// Node's compression (`gzipSync`, `inflateSync`, ...).
pub const ZLIB: &str = "zlib";

/// The synchronous API `method` of `module` belongs to (`fs`, `readFileSync`), if it is one.
pub fn sync_api(module: &str, method: &str) -> Option<SyncApi> {
    if !method.ends_with(SYNC_SUFFIX) {
        return None;
    }
    if FS_MODULES.contains(&module) {
        Some(SyncApi::FileSystem)
    } else if module == CHILD_PROCESS && CHILD_PROCESS_SYNC.contains(&method) {
        Some(SyncApi::ChildProcess)
    } else if module == CRYPTO {
        Some(SyncApi::Crypto)
    } else if module == ZLIB {
        Some(SyncApi::Zlib)
    } else {
        None
    }
}

/// Every module with a synchronous API [`sync_api`] knows.
pub fn sync_api_modules() -> impl Iterator<Item = &'static str> {
    FS_MODULES
        .iter()
        .copied()
        .chain([CHILD_PROCESS, CRYPTO, ZLIB])
}

/// The non-blocking replacement of the synchronous API `method` (`readFileSync`), for messages.
pub fn async_alternative(method: &str, api: SyncApi) -> String {
    let base = method.strip_suffix(SYNC_SUFFIX).unwrap_or(method);
    match api {
        SyncApi::FileSystem if base == "exists" => {
            "`await fs.promises.access(path)` (or `stat`)".to_string()
        }
        SyncApi::FileSystem => {
            format!("`await fs.promises.{base}(...)` (from `node:fs/promises`)")
        }
        SyncApi::ChildProcess => {
            format!("`await promisify(child_process.{base})(...)` or `spawn` with events")
        }
        SyncApi::Crypto => format!("the callback form `crypto.{base}(...)`, promisified"),
        SyncApi::Zlib => format!("`await promisify(zlib.{base})(...)` or a zlib stream"),
    }
}

/// Functions that read the file a path names.
pub const FILE_READERS: &[&str] = &[
    "fs.createReadStream",
    "fs.readFile",
    "fs.promises.readFile",
    "fs/promises.readFile",
];

/// Functions and constructors that re-encode or wrap bytes (Node's `Buffer` and streams, and the
/// typed arrays and blobs of the JavaScript runtime).
pub const TRANSFORMS: &[&str] = &[
    "Buffer.from",
    "Buffer.concat",
    "Uint8Array",
    "Blob",
    "stream.Readable.from",
];

/// The stream method that sends a readable stream's output into a writable one (`doc.pipe(res)`).
pub const PIPE: &str = "pipe";

/// Functions that run a callback later, after the current call returns (timers and the microtask
/// queue).
pub const DEFERRING_FUNCTIONS: &[&str] = &[
    "setImmediate",
    "setTimeout",
    "process.nextTick",
    "queueMicrotask",
];

/// Node's `events` module.
pub const EVENTS: &str = "events";

/// Methods of event emitters (and the `EventTarget`s of the runtime) that add a listener that stays
/// until it is removed.
pub const ADD_LISTENER_METHODS: &[&str] =
    &["on", "addListener", "prependListener", "addEventListener"];

/// The `EventTarget` method that adds a listener: it adds the same function only once.
pub const EVENT_TARGET_ADD: &str = "addEventListener";

/// The listener option that removes the listener after the first event (`{ once: true }`).
pub const ONCE_OPTION: &str = "once";

/// The listener option whose `AbortSignal` removes the listener when aborted (`{ signal }`).
pub const SIGNAL_OPTION: &str = "signal";

/// Methods that add a listener removed after the first event (they also return the emitter).
pub const ONCE_LISTENER_METHODS: &[&str] = &["once", "prependOnceListener"];

/// Methods that remove listeners.
pub const REMOVE_LISTENER_METHODS: &[&str] = &[
    "off",
    "removeListener",
    "removeEventListener",
    "removeAllListeners",
];

/// Methods that count or list an emitter's listeners (`bus.listenerCount('x')`).
pub const LISTENER_COUNT_METHODS: &[&str] = &["listenerCount", "listeners"];

/// Methods that change an emitter's own settings (a write to the emitter).
pub const EMITTER_SETTINGS: &[&str] = &["setMaxListeners"];

/// The async-iterator form of `events`: `on(emitter, 'x', { signal })`, by its own name.
pub const ITERATOR_FUNCTION: &str = "on";

/// The qualified names of [`ITERATOR_FUNCTION`].
pub const ITERATOR_FUNCTIONS: &[&str] = &["events.on", "events.EventEmitter.on"];

/// Globals whose call returns its value synchronously (awaiting it waits for nothing): CommonJS
/// `require` and the JSON codec.
pub const SYNCHRONOUS_GLOBALS: &[&str] =
    &["require", "JSON.parse", "JSON.stringify", "structuredClone"];

/// Promise methods whose callback runs at most once, when the promise settles.
pub const SETTLEMENT_METHODS: &[&str] = &["then", "catch", "finally"];

/// Calls whose value differs on every call (the clock, randomness): keys made from them never repeat.
pub const FRESH_VALUES: &[&str] = &[
    "Date.now",
    "Date",
    "Math.random",
    "crypto.randomUUID",
    "crypto.randomBytes",
    "uuid.v4",
    "uuid.v1",
    "performance.now",
    "process.hrtime",
];
