//! The project graph: what the files of a project do with each other's functions, followed through
//! their imports. Today: the functions a file takes from another module of the project (a relative
//! import) and registers with a web framework, so that the module knows them as request handlers
//! (`router.get('/admin', admin.index)` in `routes.js` makes `index` in `controllers/admin.js` handler
//! code).
//!
//! Like the model index, the graph is a pure merge of per-file contributions ([`FileSummary`], what the
//! index pass reads from each file and caches), resolved against the project's files: an editor swaps
//! one file's part and rebuilds it. Nothing is guessed: an import that does not resolve to a file of the
//! project (a package, a path alias, a missing file) contributes nothing, and cycles are harmless (a
//! registration is one edge, nothing propagates along chains of them).

use crate::semantic::{IncomingHandler, OutgoingHandler};
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What one file contributes to the project graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FileSummary {
    /// Functions of other modules it registers as request handlers.
    pub handlers: Vec<OutgoingHandler>,
}

impl FileSummary {
    /// Whether it contributes nothing.
    pub fn is_empty(&self) -> bool {
        self.handlers.is_empty()
    }
}

/// The merged graph: for each file, what other files do with its exports.
#[derive(Debug, Default)]
pub struct ProjectGraph {
    incoming: FxHashMap<PathBuf, Vec<IncomingHandler>>,
    fingerprint: u64,
}

/// The extensions a module specifier may leave out, in the order Node and TypeScript try them.
const EXTENSIONS: &[&str] = &["js", "ts", "tsx", "jsx", "mjs", "cjs", "mts", "cts"];

impl ProjectGraph {
    /// Merges the summaries of a project whose files are `files` (the walk's), resolving each import
    /// against them. `root` is what registering files are shown relative to.
    pub fn new<'a>(
        summaries: impl IntoIterator<Item = (&'a Path, &'a FileSummary)>,
        files: &[PathBuf],
        root: Option<&Path>,
    ) -> ProjectGraph {
        let known: FxHashSet<PathBuf> = files.iter().map(|f| key(f)).collect();
        let mut incoming: FxHashMap<PathBuf, Vec<IncomingHandler>> = FxHashMap::default();
        for (path, summary) in summaries {
            let shown: Arc<str> = Arc::from(shown_path(path, root).as_str());
            for handler in &summary.handlers {
                let Some(target) = resolve(path, &handler.specifier, &known) else {
                    continue;
                };
                incoming.entry(target).or_default().push(IncomingHandler {
                    member: handler.member.clone(),
                    framework: handler.framework.clone(),
                    from: shown.clone(),
                    line: handler.line,
                });
            }
        }
        let mut entries: Vec<(&PathBuf, &Vec<IncomingHandler>)> = incoming.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        entries.hash(&mut hasher);
        let fingerprint = hasher.finish();
        ProjectGraph {
            incoming,
            fingerprint,
        }
    }

    /// What other files do with the exports of `path`.
    pub fn incoming(&self, path: &Path) -> &[IncomingHandler] {
        self.incoming.get(&key(path)).map_or(&[], Vec::as_slice)
    }

    /// A hash of what the graph says of `path` (0: nothing): a file's findings depend on it.
    pub fn facts(&self, path: &Path) -> u64 {
        Self::facts_of(self.incoming(path))
    }

    /// The hash [`facts`](Self::facts) gives a file the graph says `incoming` of.
    pub fn facts_of(incoming: &[IncomingHandler]) -> u64 {
        if incoming.is_empty() {
            return 0;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        incoming.hash(&mut hasher);
        hasher.finish().max(1)
    }

    /// A hash of the whole graph.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// How many files other files register functions of.
    pub fn len(&self) -> usize {
        self.incoming.len()
    }

    /// Whether no file registers a function of another.
    pub fn is_empty(&self) -> bool {
        self.incoming.is_empty()
    }
}

/// The file of the project a relative specifier written in `from` names: the file itself, a
/// TypeScript source its `.js` name stands for (`./x.js` for `x.ts`), the name with one of
/// [`EXTENSIONS`], or a folder's `index` file. `None` for packages and for names no file answers.
pub fn resolve(from: &Path, specifier: &str, known: &FxHashSet<PathBuf>) -> Option<PathBuf> {
    if !specifier.starts_with('.') {
        return None;
    }
    let base = key(&from.parent()?.join(specifier));
    let exists = |candidate: &PathBuf| known.contains(candidate);
    let has_extension = base
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e));
    if has_extension {
        if exists(&base) {
            return Some(base);
        }
        let sources: &[&str] = match base.extension().and_then(|e| e.to_str()) {
            Some("js") => &["ts", "tsx"],
            Some("jsx") => &["tsx"],
            Some("mjs") => &["mts"],
            Some("cjs") => &["cts"],
            _ => &[],
        };
        if let Some(found) = sources
            .iter()
            .map(|e| base.with_extension(e))
            .find(|c| exists(c))
        {
            return Some(found);
        }
    }
    let with_extension = |path: &Path, extension: &str| {
        let mut name = path.as_os_str().to_os_string();
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    };
    EXTENSIONS
        .iter()
        .map(|e| with_extension(&base, e))
        .chain(EXTENSIONS.iter().map(|e| base.join(format!("index.{e}"))))
        .find(|c| exists(c))
}

/// A path as the graph keys files: `.` and `..` resolved by name (walked paths may be spelled
/// `./routes/a.js`, resolved ones `routes/../controllers/b.js`).
fn key(path: &Path) -> PathBuf {
    crate::project::lexical(path)
}

/// `path` as a registering file is shown: below `root`, with forward slashes.
fn shown_path(path: &Path, root: Option<&Path>) -> String {
    let below = root
        .and_then(|root| path.strip_prefix(root).ok())
        .unwrap_or(path);
    key(below).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> FxHashSet<PathBuf> {
        names.iter().map(|n| key(Path::new(n))).collect()
    }

    #[test]
    fn relative_specifiers_resolve_like_node_and_typescript() {
        let known = files(&[
            "/p/src/controllers/admin.js",
            "/p/src/controllers/users.ts",
            "/p/src/middleware/index.ts",
            "/p/src/lib/x.mts",
        ]);
        let from = Path::new("/p/src/routes/index.js");
        let resolve = |s: &str| resolve(from, s, &known).map(|p| p.display().to_string());
        assert_eq!(
            resolve("../controllers/admin").as_deref(),
            Some("/p/src/controllers/admin.js")
        );
        assert_eq!(
            resolve("../controllers/admin.js").as_deref(),
            Some("/p/src/controllers/admin.js")
        );
        assert_eq!(
            resolve("../controllers/users.js").as_deref(),
            Some("/p/src/controllers/users.ts")
        );
        assert_eq!(
            resolve("../middleware").as_deref(),
            Some("/p/src/middleware/index.ts")
        );
        assert_eq!(resolve("../lib/x.mjs").as_deref(), Some("/p/src/lib/x.mts"));
        assert_eq!(resolve("express"), None);
        assert_eq!(resolve("../controllers/missing"), None);
    }

    #[test]
    fn registrations_reach_the_module_they_name() {
        let summary = FileSummary {
            handlers: vec![OutgoingHandler {
                specifier: "./controllers/admin".into(),
                member: Some("index".into()),
                framework: "Express".into(),
                line: 7,
            }],
        };
        let routes = PathBuf::from("./app/routes.js");
        let files = vec![routes.clone(), PathBuf::from("./app/controllers/admin.js")];
        let graph = ProjectGraph::new([(routes.as_path(), &summary)], &files, None);
        let incoming = graph.incoming(Path::new("app/controllers/admin.js"));
        assert_eq!(incoming.len(), 1);
        assert_eq!(&*incoming[0].from, "app/routes.js");
        assert_eq!(incoming[0].member.as_deref(), Some("index"));
        assert!(graph.incoming(&routes).is_empty());
    }
}

/// Whether `text` may register a function it imports from a module of the project: a route method,
/// route objects, a hook or a server factory is called with an argument list that names a binding of a
/// relative import (`import { index } from './admin'`, `const ctrl = require('./ctrl')`) or requires
/// one in place (`require('./controller')`). A byte-level over-approximation (the import statements'
/// names, whole words in the argument lists), so that only files that can contribute to the graph are
/// parsed for it.
pub fn may_register_imports(text: &[u8]) -> bool {
    let names = relative_import_names(text);
    if names.is_empty() {
        return false;
    }
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'.', &text[at..]) {
        let dot = at + offset;
        at = dot + 1;
        let name_start = skip_spaces(text, dot + 1);
        let name_end = identifier_end(text, name_start);
        let method = std::str::from_utf8(&text[name_start..name_end]).unwrap_or("");
        if !is_registration_method(method) {
            continue;
        }
        let open = skip_spaces(text, name_end);
        if text.get(open) != Some(&b'(') {
            continue;
        }
        let arguments = balanced(text, open);
        if contains_word(arguments, b"require")
            || names.iter().any(|name| contains_word(arguments, name))
        {
            return true;
        }
    }
    false
}

fn is_registration_method(method: &str) -> bool {
    !method.is_empty()
        && (crate::frameworks::web::is_route_method(method)
            || crate::frameworks::web::is_server_factory_name(method)
            || crate::frameworks::web::REGISTRATION_METHODS.contains(&method))
}

/// The identifiers of the statements that import a relative module: from the statement's start (the
/// line's first non-blank byte, or a `;` before it) to the specifier.
fn relative_import_names(text: &[u8]) -> Vec<&[u8]> {
    const NOT_NAMES: &[&[u8]] = &[
        b"import", b"from", b"const", b"let", b"var", b"as", b"require", b"default", b"type",
    ];
    let mut names = Vec::new();
    for (index, window) in text.windows(3).enumerate() {
        let is_relative = matches!(window[0], b'\'' | b'"' | b'`')
            && window[1] == b'.'
            && (window[2] == b'/' || text.get(index + 3) == Some(&b'/'));
        if !is_relative {
            continue;
        }
        // Back to the statement's start, across the lines of a multi-line import.
        let mut start = index;
        let mut lines = 0;
        while start > 0 && text[start - 1] != b';' {
            if text[start - 1] == b'\n' {
                lines += 1;
                if lines > 40 {
                    break;
                }
            }
            start -= 1;
        }
        let statement = &text[start..index];
        let mut position = 0;
        while position < statement.len() {
            if is_identifier_start(statement[position]) {
                let end = identifier_end(statement, position);
                let word = &statement[position..end];
                if !NOT_NAMES.contains(&word) {
                    names.push(word);
                }
                position = end;
            } else {
                position += 1;
            }
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

fn is_identifier_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$'
}

fn identifier_end(text: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < text.len()
        && (text[end].is_ascii_alphanumeric() || matches!(text[end], b'_' | b'$'))
    {
        end += 1;
    }
    end
}

fn skip_spaces(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && text[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The text from `open` (a `(`) to its matching `)` (at most 4 KB: an argument list, not a file).
fn balanced(text: &[u8], open: usize) -> &[u8] {
    let mut depth = 0usize;
    let end = text.len().min(open + 4096);
    for at in open..end {
        match text[at] {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &text[open..=at];
                }
            }
            _ => {}
        }
    }
    &text[open..end]
}

fn contains_word(haystack: &[u8], word: &[u8]) -> bool {
    let finder = memchr::memmem::Finder::new(word);
    finder.find_iter(haystack).any(|at| {
        let before = at.checked_sub(1).map(|b| haystack[b]);
        let after = haystack.get(at + word.len()).copied();
        let is_part =
            |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
        !is_part(before) && !is_part(after)
    })
}

#[cfg(test)]
mod registration_tests {
    use super::may_register_imports;

    #[test]
    fn only_argument_lists_that_name_a_relative_import_count() {
        let yes = [
            "const ctrl = require('./ctrl');\nrouter.get('/a', ctrl.index);",
            "import {\n  index,\n  show,\n} from '../controllers/posts.js';\napp.get('/', show);",
            "adminApp.get('*', require('./controller'));",
            "server.route([{ method: 'GET', path: '/x', handler: reports.show }]);\nconst reports = require('./reports');",
        ];
        for text in yes {
            assert!(may_register_imports(text.as_bytes()), "{text}");
        }
        let no = [
            "const config = require('./config');\nconst port = config.get('port');\napp.get('/', (req, res) => res.end());",
            "const express = require('express');\nrouter.get('/a', (req, res) => res.end());",
            "const util = require('./util');\nutil.format('x');",
        ];
        for text in no {
            assert!(!may_register_imports(text.as_bytes()), "{text}");
        }
    }
}
