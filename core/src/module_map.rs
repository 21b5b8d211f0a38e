//! What names a module of the project besides a relative specifier: TypeScript's `baseUrl` and `paths`
//! (in `tsconfig.json`, `jsconfig.json` or an Nx `tsconfig.base.json`, through `extends`), and the packages of the project's own
//! workspaces (`workspaces` in the root `package.json`, `pnpm-workspace.yaml`) by their names. Read once
//! per project from its root; the project graph resolves `import { db } from '@app/db'` or
//! `require('@acme/billing')` to the file as it resolves `'./db'`. Packages installed under
//! `node_modules` are never files of the project, so nothing there is followed.

use rustc_hash::FxHashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// How deep `extends` chains are followed.
const EXTENDS_DEPTH: usize = 8;

/// The project's own module names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ModuleMap {
    /// The project's root, which the paths below are absolute paths in.
    root: PathBuf,
    /// The path settings of each configuration (see [`Self::candidates`] for their order).
    configs: Vec<PathConfig>,
    /// The workspaces' packages.
    packages: Vec<Package>,
}

/// The path settings of one `tsconfig.json` or `jsconfig.json`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PathConfig {
    /// The folder of the configuration: the files it applies to are below it.
    scope: PathBuf,
    /// `compilerOptions.baseUrl`, resolved: bare specifiers may name files below it.
    base: Option<PathBuf>,
    /// The names directly in `base` (folders and files without extension): the first segments a bare
    /// specifier must start with to name a file there.
    base_names: Vec<String>,
    /// `compilerOptions.paths`: each pattern (`@app/*`, `config`) with its targets, resolved against
    /// `base`, or the folder of the configuration that declares them when there is none.
    paths: Vec<(String, Vec<PathBuf>)>,
}

/// A `paths` table as written: each pattern with its targets.
type WrittenPaths = Vec<(String, Vec<String>)>;

/// A package of the project's workspaces.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Package {
    /// Its `name` (`@acme/billing`).
    name: String,
    folder: PathBuf,
    /// What `name` itself leads to (`exports["."]`, `module`, `main`), below `folder`.
    entry: Option<String>,
    /// Subpath exports (`./jobs` to `./src/jobs/index.ts`), below `folder`.
    subpaths: Vec<(String, String)>,
}

impl ModuleMap {
    /// The map of the project at `root` (empty when it configures nothing). Files that cannot be read or
    /// parsed are left out: a relative import resolves all the same.
    pub fn read(root: &Path) -> ModuleMap {
        let mut map = ModuleMap {
            root: root.to_path_buf(),
            ..ModuleMap::default()
        };
        // The root's configuration, its direct folders' (`server/tsconfig.json` of an application
        // beside its front end), and each workspace package's.
        let mut folders = vec![root.to_path_buf()];
        folders.extend(child_folders(root));
        let packages = workspace_folders(root);
        folders.extend(packages.iter().cloned());
        folders.sort();
        folders.dedup();
        for folder in &folders {
            // Nx and other monorepos keep the shared `paths` in `tsconfig.base.json`.
            if let Some(config) = ["tsconfig.json", "jsconfig.json", "tsconfig.base.json"]
                .iter()
                .find_map(|name| path_config(&folder.join(name)))
            {
                map.configs.push(config);
            }
        }
        map.packages = packages.iter().filter_map(|f| package_of(f)).collect();
        map
    }

    /// Whether it names nothing but relative specifiers.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
            && self
                .configs
                .iter()
                .all(|c| c.paths.is_empty() && c.base_names.is_empty())
    }

    /// A digest of the map: summaries read with another map name other modules.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        self.hash(&mut hasher);
        hasher.finish()
    }

    /// Whether `specifier` may name a module of the project: a relative one, or one this map may
    /// resolve (a `paths` pattern, a name below `baseUrl`, a workspace package). Asked of every import
    /// of a file; which file it names, if any, is the graph's to find.
    pub fn may_name_module(&self, specifier: &str) -> bool {
        if specifier.starts_with("./") || specifier.starts_with("../") || specifier == "." {
            return true;
        }
        let first = specifier.split('/').next().unwrap_or(specifier);
        self.configs.iter().any(|config| {
            config
                .paths
                .iter()
                .filter(|(pattern, _)| !is_catch_all(pattern))
                .any(|(pattern, _)| matches_pattern(pattern, specifier).is_some())
                || config.base_names.iter().any(|name| name == first)
        }) || self
            .packages
            .iter()
            .any(|p| package_subpath(&p.name, specifier).is_some())
    }

    /// The paths `specifier` (not relative), written in a file of `folder`, may name, most likely first,
    /// each without the extension or `index` file a resolver adds: the `paths` of the configurations
    /// that apply (the nearest first; the longest pattern prefix first), then `baseUrl`, then a
    /// workspace package's entry or subpath.
    pub fn candidates(&self, folder: &Path, specifier: &str) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut applying: Vec<&PathConfig> = self
            .configs
            .iter()
            .filter(|c| folder.starts_with(&c.scope))
            .collect();
        applying.sort_by_key(|c| std::cmp::Reverse(c.scope.components().count()));
        for config in applying {
            let mut matched: Vec<(usize, &Vec<PathBuf>, &str)> = config
                .paths
                .iter()
                .filter(|(pattern, _)| !is_catch_all(pattern))
                .filter_map(|(pattern, targets)| {
                    let star = matches_pattern(pattern, specifier)?;
                    let prefix = pattern.split('*').next().unwrap_or(pattern).len();
                    Some((prefix, targets, star))
                })
                .collect();
            matched.sort_by_key(|(prefix, _, _)| std::cmp::Reverse(*prefix));
            for (_, targets, star) in matched {
                for target in targets {
                    let text = target.to_string_lossy().replacen('*', star, 1);
                    found.push(PathBuf::from(text));
                }
            }
            if let Some(base) = &config.base {
                let first = specifier.split('/').next().unwrap_or(specifier);
                if config.base_names.iter().any(|name| name == first) {
                    found.push(base.join(specifier));
                }
            }
        }
        for package in &self.packages {
            let Some(subpath) = package_subpath(&package.name, specifier) else {
                continue;
            };
            if subpath.is_empty() {
                if let Some(entry) = &package.entry {
                    found.push(package.folder.join(entry));
                }
                // A package whose entry is a build output names its sources by convention.
                found.push(package.folder.join("src/index"));
                found.push(package.folder.join("index"));
            } else {
                let written = format!("./{subpath}");
                if let Some((_, target)) = package.subpaths.iter().find(|(s, _)| *s == written) {
                    found.push(package.folder.join(target));
                }
                found.push(package.folder.join(subpath));
                found.push(package.folder.join("src").join(subpath));
            }
        }
        found
    }
}

impl ModuleMap {
    /// The first of [`candidates`](Self::candidates), for a file whose folder is `folder` below the
    /// root, as a path below the root (a hint of where a module is, for names the semantic layer
    /// resolves without the project's files).
    pub fn candidate_below_root(&self, folder: &Path, specifier: &str) -> Option<PathBuf> {
        let first = self
            .candidates(&self.root.join(folder), specifier)
            .into_iter()
            .next()?;
        first.strip_prefix(&self.root).ok().map(Path::to_path_buf)
    }
}

/// A pattern that matches every specifier (`"*": ["types/*", "node_modules/*"]`, for declarations):
/// it would make every package a module of the project.
fn is_catch_all(pattern: &str) -> bool {
    pattern.starts_with('*')
}

/// What `*` stands for when `specifier` matches `pattern` (`@app/*` and `@app/db`: `db`; an exact
/// pattern: the empty string).
fn matches_pattern<'s>(pattern: &str, specifier: &'s str) -> Option<&'s str> {
    match pattern.split_once('*') {
        None => (pattern == specifier).then_some(""),
        Some((prefix, suffix)) => specifier
            .strip_prefix(prefix)?
            .strip_suffix(suffix)
            .filter(|_| specifier.len() >= prefix.len() + suffix.len()),
    }
}

/// The subpath of package `name` that `specifier` names (`""` for the package itself).
fn package_subpath<'s>(name: &str, specifier: &'s str) -> Option<&'s str> {
    let rest = specifier.strip_prefix(name)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix('/')
}

/// The path settings of the configuration at `file`, with what it `extends` (relative files only: a
/// package's shared configuration sets compiler options, not this project's paths).
fn path_config(file: &Path) -> Option<PathConfig> {
    let scope = file.parent()?.to_path_buf();
    let mut base: Option<PathBuf> = None;
    // The `paths` table as written, with the folder of the configuration that declares it.
    let mut paths: Option<(WrittenPaths, PathBuf)> = None;
    // The chain, the file itself first: the first to set a value wins.
    let mut current = Some(file.to_path_buf());
    let mut seen = FxHashSet::default();
    for _ in 0..EXTENDS_DEPTH {
        let Some(path) = current.take() else { break };
        if !seen.insert(path.clone()) {
            break;
        }
        let Some(value) = read_jsonc(&path) else {
            if path == file {
                return None;
            }
            break;
        };
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let options = value.get("compilerOptions");
        if base.is_none() {
            if let Some(url) = options
                .and_then(|o| o.get("baseUrl"))
                .and_then(|b| b.as_str())
            {
                base = Some(crate::project::lexical(&folder.join(url)));
            }
        }
        if paths.is_none() {
            if let Some(table) = options
                .and_then(|o| o.get("paths"))
                .and_then(|p| p.as_object())
            {
                let entries = table
                    .iter()
                    .map(|(pattern, targets)| {
                        let targets = targets
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|t| t.as_str().map(str::to_string))
                            .collect();
                        (pattern.clone(), targets)
                    })
                    .collect();
                paths = Some((entries, folder.clone()));
            }
        }
        let extends = match value.get("extends") {
            Some(serde_json::Value::String(one)) => Some(one.clone()),
            Some(serde_json::Value::Array(many)) => {
                many.first().and_then(|v| v.as_str()).map(str::to_string)
            }
            _ => None,
        };
        current = extends
            .filter(|e| e.starts_with('.'))
            .map(|e| {
                let joined = folder.join(&e);
                if joined.extension().is_some_and(|x| x == "json") {
                    joined
                } else {
                    // `./tsconfig.base` names `./tsconfig.base.json`.
                    let mut named = joined.into_os_string();
                    named.push(".json");
                    PathBuf::from(named)
                }
            })
            .map(|p| crate::project::lexical(&p));
    }
    // `paths` targets are relative to `baseUrl`, or to the configuration that declares them.
    let paths = paths
        .map(|(entries, declared_in)| {
            let against = base.clone().unwrap_or(declared_in);
            entries
                .into_iter()
                .map(|(pattern, targets)| {
                    let targets = targets
                        .iter()
                        .map(|t| crate::project::lexical(&against.join(t)))
                        .map(|t| strip_source_extension(&t))
                        .collect();
                    (pattern, targets)
                })
                .collect()
        })
        .unwrap_or_default();
    let base_names = base.as_deref().map(names_in).unwrap_or_default();
    Some(PathConfig {
        scope,
        base,
        base_names,
        paths,
    })
}

/// A target named with its extension (`src/config.ts`) without it: the resolver tries the extensions.
fn strip_source_extension(path: &Path) -> PathBuf {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if crate::graph::is_module_extension(e) => path.with_extension(""),
        _ => path.to_path_buf(),
    }
}

/// The folders and module files directly in `folder` (files without their extension), but
/// `node_modules` and hidden ones: what a bare specifier's first segment may name below `baseUrl`.
fn names_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            if name.starts_with('.') || name == "node_modules" {
                return None;
            }
            let is_dir = entry.file_type().ok()?.is_dir();
            if is_dir {
                return Some(name);
            }
            let (stem, extension) = name.rsplit_once('.')?;
            crate::graph::is_module_extension(extension).then(|| stem.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The folders directly in `root`, but hidden ones and `node_modules`.
fn child_folders(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && name != "node_modules"
        })
        .map(|e| e.path())
        .collect()
}

/// The folders of the root's workspaces: `workspaces` in `package.json` (a list, or `packages` of an
/// object) or `packages` in `pnpm-workspace.yaml`; each pattern a folder or a folder's children
/// (`packages/*`, `apps/**`).
fn workspace_folders(root: &Path) -> Vec<PathBuf> {
    let mut patterns: Vec<String> = Vec::new();
    if let Some(manifest) = read_jsonc(&root.join("package.json")) {
        let list = match manifest.get("workspaces") {
            Some(serde_json::Value::Array(list)) => Some(list.clone()),
            Some(serde_json::Value::Object(object)) => {
                object.get("packages").and_then(|p| p.as_array()).cloned()
            }
            _ => None,
        };
        patterns.extend(
            list.into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string)),
        );
    }
    if let Ok(text) = std::fs::read_to_string(root.join("pnpm-workspace.yaml")) {
        patterns.extend(pnpm_packages(&text));
    }
    let mut folders = Vec::new();
    for pattern in patterns {
        if pattern.starts_with('!') || pattern.contains("node_modules") {
            continue;
        }
        let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
        match pattern
            .strip_suffix("/**")
            .or_else(|| pattern.strip_suffix("/*"))
        {
            Some(parent) if !parent.contains('*') => {
                let Ok(entries) = std::fs::read_dir(root.join(parent)) else {
                    continue;
                };
                let mut children: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                    .map(|e| e.path())
                    .collect();
                children.sort();
                folders.extend(children);
            }
            None if !pattern.contains('*') => folders.push(root.join(pattern)),
            _ => {}
        }
    }
    folders.sort();
    folders.dedup();
    folders
}

/// The `packages:` list of a `pnpm-workspace.yaml` (`- 'packages/*'` items).
fn pnpm_packages(text: &str) -> Vec<String> {
    let mut in_packages = false;
    let mut found = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t', '-']) {
            in_packages = trimmed.starts_with("packages:");
            continue;
        }
        if let Some(item) = trimmed.strip_prefix('-').filter(|_| in_packages) {
            let item = item.trim().trim_matches(|c| c == '\'' || c == '"');
            if !item.is_empty() {
                found.push(item.to_string());
            }
        }
    }
    found
}

/// A workspace package: the `package.json` in `folder`, with a name.
fn package_of(folder: &Path) -> Option<Package> {
    let manifest = read_jsonc(&folder.join("package.json"))?;
    let name = manifest.get("name")?.as_str()?.to_string();
    let relative = |target: &str| target.trim_start_matches("./").to_string();
    let mut entry = None;
    let mut subpaths = Vec::new();
    match manifest.get("exports") {
        Some(serde_json::Value::String(target)) => entry = Some(relative(target)),
        Some(serde_json::Value::Object(table)) => {
            for (key, value) in table {
                let Some(target) = export_target(value) else {
                    continue;
                };
                if key == "." {
                    entry = Some(relative(&target));
                } else if key.starts_with("./") && !key.contains('*') {
                    subpaths.push((key.clone(), relative(&target)));
                }
            }
        }
        _ => {}
    }
    if entry.is_none() {
        entry = ["source", "module", "main"]
            .iter()
            .find_map(|k| manifest.get(*k).and_then(|v| v.as_str()))
            .map(relative);
    }
    let strip = |target: String| {
        strip_source_extension(Path::new(&target))
            .to_string_lossy()
            .into_owned()
    };
    Some(Package {
        name,
        folder: folder.to_path_buf(),
        entry: entry.map(strip),
        subpaths: subpaths.into_iter().map(|(k, t)| (k, strip(t))).collect(),
    })
}

/// The file a conditional export leads to: a string, or the first of its conditions that names
/// sources (`source`, `import`, `require`, `default`, `node`).
fn export_target(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(target) => Some(target.clone()),
        serde_json::Value::Object(conditions) => ["source", "import", "require", "node", "default"]
            .iter()
            .find_map(|c| conditions.get(*c).and_then(export_target)),
        _ => None,
    }
}

/// A JSON file that may hold comments and trailing commas (`tsconfig.json` does).
fn read_jsonc(path: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&strip_jsonc(&text)).ok()
}

/// `text` without `//` and `/* */` comments and without commas before a closing bracket, outside
/// strings.
fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let start = at;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at = (at + 1).min(bytes.len());
                out.extend_from_slice(&bytes[start..at]);
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at += 2;
                while at + 1 < bytes.len() && !(bytes[at] == b'*' && bytes[at + 1] == b'/') {
                    at += 1;
                }
                at = (at + 2).min(bytes.len());
            }
            b',' => {
                let next = bytes[at + 1..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map(|p| bytes[at + 1 + p]);
                if !matches!(next, Some(b'}' | b']')) {
                    out.push(b',');
                }
                at += 1;
            }
            other => {
                out.push(other);
                at += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    fn temporary(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("snag-module-map-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn comments_and_trailing_commas_are_not_json() {
        let text = "{\n // a comment\n \"a\": \"//not a comment\", /* block */ \"b\": [1, 2,],\n}";
        let value: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(value["a"], "//not a comment");
        assert_eq!(value["b"], serde_json::json!([1, 2]));
    }

    #[test]
    fn paths_base_url_and_extends_name_the_project_modules() {
        let root = temporary("paths");
        write(
            &root,
            "tsconfig.base.json",
            r#"{ "compilerOptions": { "baseUrl": "./src", "paths": { "@app/*": ["app/*"], "config": ["config/index.ts"] } } }"#,
        );
        write(
            &root,
            "tsconfig.json",
            "{ // the project\n \"extends\": \"./tsconfig.base\", }",
        );
        write(&root, "src/app/db.ts", "");
        write(&root, "src/utils/format.ts", "");
        let map = ModuleMap::read(&root);
        assert!(map.may_name_module("@app/db"));
        assert!(map.may_name_module("config"));
        assert!(map.may_name_module("utils/format"));
        assert!(map.may_name_module("./x"));
        assert!(!map.may_name_module("lodash"));
        // A catch-all pattern (declarations) makes no package a module of the project.
        write(
            &root,
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "*": ["types/*"], "@app/*": ["src/app/*"] } } }"#,
        );
        let catch_all = ModuleMap::read(&root);
        assert!(!catch_all.may_name_module("express"));
        assert!(catch_all.may_name_module("@app/db"));
        let folder = root.join("src/routes");
        assert_eq!(
            map.candidates(&folder, "@app/db"),
            vec![root.join("src/app/db")]
        );
        assert_eq!(
            map.candidates(&folder, "config"),
            vec![root.join("src/config/index")]
        );
        assert_eq!(
            map.candidates(&folder, "utils/format"),
            vec![root.join("src/utils/format")]
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn workspace_packages_are_named_by_their_names() {
        let root = temporary("workspaces");
        write(&root, "package.json", r#"{ "workspaces": ["packages/*"] }"#);
        write(
            &root,
            "packages/billing/package.json",
            r#"{ "name": "@acme/billing", "main": "dist/index.js", "exports": { ".": { "import": "./dist/index.mjs" }, "./jobs": "./src/jobs/index.ts" } }"#,
        );
        write(&root, "packages/billing/src/index.ts", "");
        let map = ModuleMap::read(&root);
        assert!(map.may_name_module("@acme/billing"));
        assert!(map.may_name_module("@acme/billing/jobs"));
        assert!(!map.may_name_module("@acme/billingx"));
        let package = root.join("packages/billing");
        let folder = root.join("apps/web");
        assert_eq!(
            map.candidates(&folder, "@acme/billing"),
            vec![
                package.join("dist/index"),
                package.join("src/index"),
                package.join("index")
            ]
        );
        assert_eq!(
            map.candidates(&folder, "@acme/billing/jobs")[0],
            package.join("src/jobs/index")
        );
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn pnpm_workspaces_list_their_packages() {
        let text = "packages:\n  - 'apps/*'\n  - \"packages/**\"\n  - '!**/test/**'\nother: x\n";
        assert_eq!(
            pnpm_packages(text),
            vec!["apps/*", "packages/**", "!**/test/**"]
        );
    }

    #[test]
    fn a_project_without_configuration_maps_nothing() {
        let root = temporary("empty");
        assert!(ModuleMap::read(&root).is_empty());
        std::fs::remove_dir_all(root).unwrap();
    }
}
