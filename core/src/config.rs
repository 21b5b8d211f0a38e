//! Configuration: `snag.toml`, `.snag.toml` or `[tool.snag]` in `pyproject.toml`, found upwards from the
//! current directory or named with `--config`. Every error names the file, the key and what is allowed.

use crate::diagnostic::Severity;
use crate::semantic::{Context, Contexts, DeclaredCall};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The default `exclude` list: folders of dependencies, environments and build output.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    "site-packages",
    "__pypackages__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".next",
    "bower_components",
    ".snag_cache",
    // Build output and bundles: generated, not the application's source.
    "dist",
    "build",
    "built",
    "*.min.js",
    "*.min.mjs",
    "*.bundle.js",
];

/// The default `max-file-size`: 2 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

const KEYS: &[&str] = &[
    "preview",
    "select",
    "ignore",
    "rules",
    "contexts",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "max-file-size",
    "functions",
    "output-format",
];
const FUNCTION_KEYS: &[&str] = &["names", "files", "context", "runs"];
const SEVERITIES: &str = "\"error\", \"warning\", \"info\", \"off\"";

/// How `snag check` reports its findings (`output-format`; `--format` on the command line wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Code frames and a summary, for people (`human` is an older name).
    Full,
    /// One line per finding: `path:line:col: rule message`.
    Concise,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
}

impl OutputFormat {
    /// Every format with the name the configuration spells it with.
    pub const ALL: [(&'static str, OutputFormat); 9] = [
        ("full", OutputFormat::Full),
        ("concise", OutputFormat::Concise),
        ("json", OutputFormat::Json),
        ("json-lines", OutputFormat::JsonLines),
        ("sarif", OutputFormat::Sarif),
        ("github", OutputFormat::Github),
        ("gitlab", OutputFormat::Gitlab),
        ("junit", OutputFormat::Junit),
        ("checkstyle", OutputFormat::Checkstyle),
    ];

    /// The format a name spells (`human` still means `full`, so older configurations keep working).
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        if name == "human" {
            return Some(OutputFormat::Full);
        }
        OutputFormat::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, format)| *format)
    }
}

/// A severity setting for one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    /// Disabled.
    Off,
    /// Enabled with this severity.
    On(Severity),
}

/// A loaded, validated configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
    /// The folder globs are relative to: the config file's folder, or the current directory.
    pub root: PathBuf,
    /// `preview`: run preview rules too (off by default; a preview rule named in `select` runs anyway).
    pub preview: bool,
    /// `select`: only these rules (all rules when unset).
    pub select: Option<Vec<String>>,
    /// `ignore`: rules turned off.
    pub ignore: Vec<String>,
    /// `[rules]`: severities per rule.
    pub rules: BTreeMap<String, RuleSetting>,
    /// `[contexts]`: where each rule speaks, replacing its default (see [`Context`]).
    pub contexts: BTreeMap<String, Contexts>,
    /// `exclude`: replaces [`DEFAULT_EXCLUDE`].
    pub exclude: Option<Vec<String>>,
    /// `extend-exclude`: added to `exclude`.
    pub extend_exclude: Vec<String>,
    /// `per-file-ignores`: glob → rules off for matching files.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// `max-file-size` in bytes: larger files are reported and skipped.
    pub max_file_size: u64,
    /// `[[functions]]`: what runs functions whose callers snag cannot see (a boot function called from
    /// another file, a handler registered elsewhere).
    pub functions: Vec<FunctionDeclaration>,
    /// `output-format`: how findings are reported when `--format` does not say.
    pub output_format: Option<OutputFormat>,
}

/// One `[[functions]]` entry: the functions (or methods) named `names` either run in `context` (those
/// defined in files matching `files`, every file when empty), or are called to do what `runs` says
/// (calls of them in files matching `files`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionDeclaration {
    /// Function or method names, as written where they are defined or called.
    pub names: Vec<String>,
    /// Globs of the files the entry applies to, relative to the configuration's folder.
    pub files: Vec<String>,
    /// What the declaration says of them.
    pub declares: Declares,
}

/// What a `[[functions]]` entry declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declares {
    /// What runs the functions (`context = "start-up"`).
    Context(Context),
    /// What a call of them does (`runs = "query"`).
    Runs(DeclaredCall),
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read the configuration: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML.
    #[error("{path}: invalid TOML: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
    /// A key snag does not know.
    #[error("{path}: unknown key `{key}`; allowed keys: {allowed}")]
    UnknownKey {
        /// The file.
        path: PathBuf,
        /// The key (dotted).
        key: String,
        /// The keys allowed there.
        allowed: String,
    },
    /// A value of the wrong type.
    #[error("{path}: `{key}` must be {expected}")]
    WrongType {
        /// The file.
        path: PathBuf,
        /// The key (dotted).
        key: String,
        /// What it must be.
        expected: String,
    },
    /// A rule id that no rule has.
    #[error("{path}: `{key}` names unknown rule `{rule}`; known rules: {known}")]
    UnknownRule {
        /// The file.
        path: PathBuf,
        /// The key (dotted).
        key: String,
        /// The id given.
        rule: String,
        /// The known ids.
        known: String,
    },
    /// A glob that does not compile.
    #[error("{path}: `{key}` has an invalid glob `{glob}`: {message}")]
    Glob {
        /// The file.
        path: PathBuf,
        /// The key.
        key: String,
        /// The glob.
        glob: String,
        /// Why.
        message: String,
    },
}

/// The file in `folder` that configures snag, with its text: `snag.toml`, `.snag.toml`, or a
/// `pyproject.toml` with a `[tool.snag]` table (one without configures nothing and is passed over).
fn configuration_in(folder: &Path) -> Result<Option<(PathBuf, String)>, ConfigError> {
    for name in ["snag.toml", ".snag.toml"] {
        let candidate = folder.join(name);
        if candidate.is_file() {
            return Ok(Some((candidate.clone(), read(&candidate)?)));
        }
    }
    let pyproject = folder.join("pyproject.toml");
    if pyproject.is_file() {
        let text = read(&pyproject)?;
        if text.contains("[tool.snag") {
            return Ok(Some((pyproject, text)));
        }
    }
    Ok(None)
}

/// Whether `folder` holds a file that configures snag (one that cannot be read does not count).
pub fn configures(folder: &Path) -> bool {
    configuration_in(folder).is_ok_and(|found| found.is_some())
}

impl Config {
    /// The configuration that applies when no file is found.
    pub fn default_at(root: PathBuf) -> Config {
        Config {
            root,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            ..Config::default()
        }
    }

    /// Looks upwards from `start` for `snag.toml`, `.snag.toml` or a `pyproject.toml` with `[tool.snag]`.
    pub fn discover(start: &Path, known_rules: &[&str]) -> Result<Config, ConfigError> {
        for folder in start.ancestors() {
            if let Some((file, text)) = configuration_in(folder)? {
                return Config::parse(&file, &text, known_rules);
            }
        }
        Ok(Config::default_at(start.to_path_buf()))
    }

    /// Loads a named configuration file.
    pub fn load(path: &Path, known_rules: &[&str]) -> Result<Config, ConfigError> {
        let text = read(path)?;
        Config::parse(path, &text, known_rules)
    }

    /// Parses configuration text; `path` names it in errors and decides whether it is a `pyproject.toml`.
    pub fn parse(path: &Path, text: &str, known_rules: &[&str]) -> Result<Config, ConfigError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        let (table, prefix) = if is_pyproject {
            let snag = table
                .get("tool")
                .and_then(|t| t.get("snag"))
                .cloned()
                .unwrap_or_else(|| toml::Value::Table(toml::Table::new()));
            match snag {
                toml::Value::Table(t) => (t, "tool.snag."),
                _ => return Err(wrong_type(path, "tool.snag", "a table")),
            }
        } else {
            (table, "")
        };
        let root = path
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let mut config = Config::default_at(root);
        config.file = Some(path.to_path_buf());
        let reader = Reader {
            path,
            prefix,
            known_rules,
        };
        for (key, value) in &table {
            match key.as_str() {
                "preview" => {
                    config.preview = value.as_bool().ok_or_else(|| {
                        wrong_type(path, &format!("{prefix}{key}"), "true or false")
                    })?
                }
                "select" => config.select = Some(reader.rule_list(key, value)?),
                "ignore" => config.ignore = reader.rule_list(key, value)?,
                "exclude" => config.exclude = Some(reader.globs(key, value)?),
                "extend-exclude" => config.extend_exclude = reader.globs(key, value)?,
                "max-file-size" => config.max_file_size = reader.size(key, value)?,
                "rules" => config.rules = reader.severities(key, value)?,
                "contexts" => config.contexts = reader.contexts(key, value)?,
                "per-file-ignores" => {
                    config.per_file_ignores = reader.per_file_ignores(key, value)?
                }
                "functions" => config.functions = reader.functions(key, value)?,
                "output-format" => config.output_format = Some(reader.output_format(key, value)?),
                _ => {
                    return Err(ConfigError::UnknownKey {
                        path: path.to_path_buf(),
                        key: format!("{prefix}{key}"),
                        allowed: KEYS.join(", "),
                    })
                }
            }
        }
        Ok(config)
    }

    /// The exclusion globs in force.
    pub fn exclusions(&self) -> Vec<String> {
        let mut globs: Vec<String> = match &self.exclude {
            Some(list) => list.clone(),
            None => DEFAULT_EXCLUDE.iter().map(|s| s.to_string()).collect(),
        };
        globs.extend(self.extend_exclude.iter().cloned());
        globs
    }

    /// Whether a preview rule may run: `preview` is on, or `select` names it.
    pub fn enables_preview(&self, rule: &str) -> bool {
        self.preview
            || self
                .select
                .as_ref()
                .is_some_and(|s| s.iter().any(|r| r == rule))
    }

    /// The setting of a rule: off, or its severity (`default` when not configured).
    pub fn rule_setting(&self, rule: &str, default: Severity) -> RuleSetting {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|s| s.iter().any(|r| r == rule));
        if !selected || self.ignore.iter().any(|r| r == rule) {
            return RuleSetting::Off;
        }
        self.rules
            .get(rule)
            .copied()
            .unwrap_or(RuleSetting::On(default))
    }
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn wrong_type(path: &Path, key: &str, expected: &str) -> ConfigError {
    ConfigError::WrongType {
        path: path.to_path_buf(),
        key: key.to_string(),
        expected: expected.to_string(),
    }
}

struct Reader<'a> {
    path: &'a Path,
    prefix: &'a str,
    known_rules: &'a [&'a str],
}

impl Reader<'_> {
    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn strings(&self, key: &str, value: &toml::Value) -> Result<Vec<String>, ConfigError> {
        let expected = "an array of strings";
        let array = value
            .as_array()
            .ok_or_else(|| wrong_type(self.path, &self.key(key), expected))?;
        array
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| wrong_type(self.path, &self.key(key), expected))
            })
            .collect()
    }

    fn rule_id(&self, key: &str, rule: &str) -> Result<(), ConfigError> {
        // Plugin rules (`PLUGIN/RULE`) are checked when plugins load.
        if self.known_rules.contains(&rule) || rule.contains('/') {
            return Ok(());
        }
        Err(ConfigError::UnknownRule {
            path: self.path.to_path_buf(),
            key: self.key(key),
            rule: rule.to_string(),
            known: self.known_rules.join(", "),
        })
    }

    fn rule_list(&self, key: &str, value: &toml::Value) -> Result<Vec<String>, ConfigError> {
        let rules = self.strings(key, value)?;
        for rule in &rules {
            self.rule_id(key, rule)?;
        }
        Ok(rules)
    }

    fn globs(&self, key: &str, value: &toml::Value) -> Result<Vec<String>, ConfigError> {
        let globs = self.strings(key, value)?;
        for glob in &globs {
            globset::Glob::new(glob).map_err(|e| ConfigError::Glob {
                path: self.path.to_path_buf(),
                key: self.key(key),
                glob: glob.clone(),
                message: e.kind().to_string(),
            })?;
        }
        Ok(globs)
    }

    fn output_format(&self, key: &str, value: &toml::Value) -> Result<OutputFormat, ConfigError> {
        let names: Vec<String> = OutputFormat::ALL
            .iter()
            .map(|(name, _)| format!("\"{name}\""))
            .collect();
        value
            .as_str()
            .and_then(OutputFormat::from_name)
            .ok_or_else(|| {
                wrong_type(
                    self.path,
                    &self.key(key),
                    &format!("one of {}", names.join(", ")),
                )
            })
    }

    fn size(&self, key: &str, value: &toml::Value) -> Result<u64, ConfigError> {
        let expected = "a size in bytes (an integer) or a string like \"2MiB\", \"512KiB\"";
        match value {
            toml::Value::Integer(n) if *n > 0 => Ok(*n as u64),
            toml::Value::String(s) => {
                parse_size(s).ok_or_else(|| wrong_type(self.path, &self.key(key), expected))
            }
            _ => Err(wrong_type(self.path, &self.key(key), expected)),
        }
    }

    fn severities(
        &self,
        key: &str,
        value: &toml::Value,
    ) -> Result<BTreeMap<String, RuleSetting>, ConfigError> {
        let table = value.as_table().ok_or_else(|| {
            wrong_type(
                self.path,
                &self.key(key),
                "a table of rule ids to severities",
            )
        })?;
        let mut settings = BTreeMap::new();
        for (rule, severity) in table {
            let dotted = format!("{key}.{rule}");
            self.rule_id(&dotted, rule)?;
            let setting = match severity.as_str() {
                Some("error") => RuleSetting::On(Severity::Error),
                Some("warning") => RuleSetting::On(Severity::Warning),
                Some("info") => RuleSetting::On(Severity::Info),
                Some("off") => RuleSetting::Off,
                _ => {
                    return Err(wrong_type(
                        self.path,
                        &self.key(&dotted),
                        &format!("one of {SEVERITIES}"),
                    ))
                }
            };
            settings.insert(rule.clone(), setting);
        }
        Ok(settings)
    }

    fn contexts(
        &self,
        key: &str,
        value: &toml::Value,
    ) -> Result<BTreeMap<String, Contexts>, ConfigError> {
        let known: Vec<String> = Context::ALL
            .iter()
            .map(|c| format!("\"{}\"", c.id()))
            .collect();
        let expected = format!("an array of contexts: {}", known.join(", "));
        let table = value.as_table().ok_or_else(|| {
            wrong_type(
                self.path,
                &self.key(key),
                "a table of rule ids to arrays of contexts",
            )
        })?;
        let mut settings = BTreeMap::new();
        for (rule, list) in table {
            let dotted = format!("{key}.{rule}");
            self.rule_id(&dotted, rule)?;
            let contexts = list
                .as_array()
                .and_then(|items| {
                    items
                        .iter()
                        .map(|item| item.as_str().and_then(Context::from_id))
                        .collect::<Option<Vec<Context>>>()
                })
                .ok_or_else(|| wrong_type(self.path, &self.key(&dotted), &expected))?;
            settings.insert(rule.clone(), Contexts::of(&contexts));
        }
        Ok(settings)
    }

    /// `[[functions]]`: an array of tables with `names`, optional `files` and `context`.
    fn functions(
        &self,
        key: &str,
        value: &toml::Value,
    ) -> Result<Vec<FunctionDeclaration>, ConfigError> {
        let entries = value.as_array().ok_or_else(|| {
            wrong_type(
                self.path,
                &self.key(key),
                "an array of tables (`[[functions]]` with `names`, `files`, `context`)",
            )
        })?;
        let known: Vec<String> = Context::ALL
            .iter()
            .map(|c| format!("\"{}\"", c.id()))
            .collect();
        let mut declarations = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let dotted = format!("{key}[{index}]");
            let table = entry
                .as_table()
                .ok_or_else(|| wrong_type(self.path, &self.key(&dotted), "a table"))?;
            if let Some(unknown) = table.keys().find(|k| !FUNCTION_KEYS.contains(&k.as_str())) {
                return Err(ConfigError::UnknownKey {
                    path: self.path.to_path_buf(),
                    key: self.key(&format!("{dotted}.{unknown}")),
                    allowed: FUNCTION_KEYS.join(", "),
                });
            }
            let strings = |name: &str, required: bool| -> Result<Vec<String>, ConfigError> {
                let dotted = format!("{dotted}.{name}");
                match table.get(name) {
                    None if !required => Ok(Vec::new()),
                    None => Err(wrong_type(
                        self.path,
                        &self.key(&dotted),
                        "an array of strings",
                    )),
                    Some(list) => list
                        .as_array()
                        .and_then(|items| {
                            items
                                .iter()
                                .map(|i| i.as_str().map(str::to_string))
                                .collect::<Option<Vec<String>>>()
                        })
                        .filter(|items| !required || !items.is_empty())
                        .ok_or_else(|| {
                            wrong_type(self.path, &self.key(&dotted), "an array of strings")
                        }),
                }
            };
            let names = strings("names", true)?;
            let files = strings("files", false)?;
            for glob in &files {
                globset::Glob::new(glob).map_err(|e| ConfigError::Glob {
                    path: self.path.to_path_buf(),
                    key: self.key(&format!("{dotted}.files")),
                    glob: glob.clone(),
                    message: e.kind().to_string(),
                })?;
            }
            let declares = match (table.get("context"), table.get("runs")) {
                (Some(context), None) => Declares::Context(
                    context.as_str().and_then(Context::from_id).ok_or_else(|| {
                        wrong_type(
                            self.path,
                            &self.key(&format!("{dotted}.context")),
                            &format!("one of {}", known.join(", ")),
                        )
                    })?,
                ),
                (None, Some(runs)) => {
                    Declares::Runs(runs.as_str().and_then(DeclaredCall::from_id).ok_or_else(
                        || {
                            wrong_type(
                                self.path,
                                &self.key(&format!("{dotted}.runs")),
                                "\"query\" or \"fan-out\"",
                            )
                        },
                    )?)
                }
                _ => {
                    return Err(wrong_type(
                        self.path,
                        &self.key(&dotted),
                        "a table with either `context` or `runs`",
                    ))
                }
            };
            declarations.push(FunctionDeclaration {
                names,
                files,
                declares,
            });
        }
        Ok(declarations)
    }

    fn per_file_ignores(
        &self,
        key: &str,
        value: &toml::Value,
    ) -> Result<Vec<(String, Vec<String>)>, ConfigError> {
        let table = value.as_table().ok_or_else(|| {
            wrong_type(
                self.path,
                &self.key(key),
                "a table of globs to arrays of rule ids",
            )
        })?;
        let mut entries = Vec::new();
        for (glob, rules) in table {
            let dotted = format!("{key}.\"{glob}\"");
            globset::Glob::new(glob).map_err(|e| ConfigError::Glob {
                path: self.path.to_path_buf(),
                key: self.key(key),
                glob: glob.clone(),
                message: e.kind().to_string(),
            })?;
            entries.push((glob.clone(), self.rule_list(&dotted, rules)?));
        }
        Ok(entries)
    }
}

/// `"2MiB"`, `"512KiB"`, `"1MB"`, `"1000"`.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1000,
        "kib" | "k" => 1024,
        "mb" => 1000 * 1000,
        "mib" | "m" => 1024 * 1024,
        "gb" => 1000 * 1000 * 1000,
        "gib" | "g" => 1024 * 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(factor).filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &[&str] = &["read-file-sync", "query-in-loop"];

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("proj/snag.toml"), text, RULES)
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            r#"
            select = ["read-file-sync", "query-in-loop"]
            ignore = ["query-in-loop"]
            exclude = ["vendor"]
            extend-exclude = ["gen/**"]
            max-file-size = "1MiB"
            [rules]
            read-file-sync = "error"
            [per-file-ignores]
            "tests/**" = ["read-file-sync"]
            "#,
        )
        .unwrap();
        assert_eq!(
            config.rule_setting("read-file-sync", Severity::Warning),
            RuleSetting::On(Severity::Error)
        );
        assert_eq!(
            config.rule_setting("query-in-loop", Severity::Warning),
            RuleSetting::Off
        );
        assert_eq!(config.exclusions(), vec!["vendor", "gen/**"]);
        assert_eq!(config.max_file_size, 1024 * 1024);
        assert_eq!(config.per_file_ignores[0].1, vec!["read-file-sync"]);
        assert_eq!(config.root, Path::new("proj"));
    }

    #[test]
    fn errors_name_the_file_the_key_and_the_allowed_values() {
        let unknown = parse("colour = true").unwrap_err().to_string();
        assert!(
            unknown.contains("proj/snag.toml")
                && unknown.contains("`colour`")
                && unknown.contains("select")
        );
        let severity = parse("[rules]\nread-file-sync = \"loud\"")
            .unwrap_err()
            .to_string();
        assert!(
            severity.contains("rules.read-file-sync") && severity.contains("\"warning\""),
            "{severity}"
        );
        let rule = parse("select = [\"no-such-rule\"]")
            .unwrap_err()
            .to_string();
        assert!(
            rule.contains("no-such-rule") && rule.contains("read-file-sync"),
            "{rule}"
        );
        let kind = parse("ignore = \"read-file-sync\"")
            .unwrap_err()
            .to_string();
        assert!(
            kind.contains("`ignore` must be an array of strings"),
            "{kind}"
        );
    }

    #[test]
    fn function_declarations_are_read_and_checked() {
        let config = parse(
            "[[functions]]\nnames = [\"restartServer\", \"reloadSettings\"]\nfiles = [\"node/**\"]\ncontext = \"start-up\"\n",
        )
        .unwrap();
        assert_eq!(
            config.functions,
            vec![FunctionDeclaration {
                names: vec!["restartServer".into(), "reloadSettings".into()],
                files: vec!["node/**".into()],
                declares: Declares::Context(Context::StartUp),
            }]
        );
        let runs = parse("[[functions]]\nnames = [\"fetch_user\"]\nruns = \"query\"\n").unwrap();
        assert_eq!(
            runs.functions[0].declares,
            Declares::Runs(DeclaredCall::Query)
        );
        let both = parse("[[functions]]\nnames = [\"f\"]\nruns = \"query\"\ncontext = \"job\"\n")
            .unwrap_err()
            .to_string();
        assert!(both.contains("either `context` or `runs`"), "{both}");
        let unknown = parse("[[functions]]\nnames = [\"f\"]\nruns = \"email\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            unknown.contains("functions[0].runs") && unknown.contains("\"fan-out\""),
            "{unknown}"
        );
        let context = parse("[[functions]]\nnames = [\"f\"]\ncontext = \"boot\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            context.contains("functions[0].context") && context.contains("\"start-up\""),
            "{context}"
        );
        let key = parse("[[functions]]\nnames = [\"f\"]\ncontext = \"job\"\nfile = \"a\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            key.contains("functions[0].file") && key.contains("names, files, context"),
            "{key}"
        );
        let names = parse("[[functions]]\nnames = []\ncontext = \"job\"\n")
            .unwrap_err()
            .to_string();
        assert!(names.contains("functions[0].names"), "{names}");
    }

    #[test]
    fn output_format_names_a_known_format() {
        assert_eq!(
            parse("output-format = \"sarif\"").unwrap().output_format,
            Some(OutputFormat::Sarif)
        );
        assert_eq!(
            parse("output-format = \"human\"").unwrap().output_format,
            Some(OutputFormat::Full)
        );
        assert_eq!(parse("").unwrap().output_format, None);
        let unknown = parse("output-format = \"xml\"").unwrap_err().to_string();
        assert_eq!(
            unknown,
            "proj/snag.toml: `output-format` must be one of \"full\", \"concise\", \"json\", \
             \"json-lines\", \"sarif\", \"github\", \"gitlab\", \"junit\", \"checkstyle\""
        );
    }

    #[test]
    fn preview_is_a_boolean_that_also_selected_rules_imply() {
        let config = parse("preview = true").unwrap();
        assert!(config.preview && config.enables_preview("read-file-sync"));
        let selected = parse("select = [\"read-file-sync\"]").unwrap();
        assert!(selected.enables_preview("read-file-sync"));
        assert!(!selected.enables_preview("query-in-loop"));
        let wrong = parse("preview = \"yes\"").unwrap_err().to_string();
        assert_eq!(wrong, "proj/snag.toml: `preview` must be true or false");
    }

    #[test]
    fn pyproject_reads_tool_snag_only() {
        let config = Config::parse(
            Path::new("pyproject.toml"),
            "[project]\nname = \"x\"\n[tool.snag]\nignore = [\"read-file-sync\"]\n",
            RULES,
        )
        .unwrap();
        assert_eq!(config.ignore, vec!["read-file-sync"]);
        let error = Config::parse(
            Path::new("pyproject.toml"),
            "[tool.snag]\nbogus = 1\n",
            RULES,
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("tool.snag.bogus"), "{error}");
    }
}
