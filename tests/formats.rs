//! End-to-end tests of `snag check`'s report formats on the labeled corpus (`corpus/`), each read back
//! with the parser its consumers use (a JSON-schema validator for SARIF, an XML parser for JUnit and
//! Checkstyle, the Actions toolkit's unescaping for GitHub) and compared with `--format json`; and of
//! baselines on a copy of the corpus.

use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn snag(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_snag"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run snag");
    Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().expect("exited normally"),
    }
}

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// `snag check --no-cache --format FORMAT` over the corpus (the cache would write into the repository).
fn corpus_report(format: &str) -> Run {
    let run = snag(&corpus(), &["check", "--no-cache", "--format", format]);
    assert_eq!(run.code, 1, "{format}: {}", run.stderr);
    run
}

/// The findings of `--format json` over the corpus.
fn corpus_json() -> Vec<Value> {
    let findings: Vec<Value> = serde_json::from_str(&corpus_report("json").stdout).unwrap();
    assert!(
        findings.len() > 300,
        "the corpus has {} findings",
        findings.len()
    );
    findings
}

/// `(rule, path, line, column, message)` of a JSON finding.
fn key(finding: &Value) -> (String, String, u64, u64, String) {
    (
        finding["rule"].as_str().unwrap().to_string(),
        finding["path"].as_str().unwrap().to_string(),
        finding["line"].as_u64().unwrap(),
        finding["column"].as_u64().unwrap(),
        finding["message"].as_str().unwrap().to_string(),
    )
}

// ---------------------------------------------------------------------------------------------------
// SARIF

/// The SARIF 2.1.0 schema (OASIS' `sarif-schema-2.1.0.json`, kept in `tests/schemas/`), compiled with
/// format assertions on; `Err` carries the validator's explanation.
fn sarif_validator() -> impl Fn(&Value) -> Result<(), String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let id = schema["id"].as_str().unwrap().to_string();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource(&id, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(&id, &mut schemas).unwrap();
    move |document| {
        schemas
            .validate(document, index)
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn sarif_of_the_corpus_validates_against_the_sarif_2_1_0_schema() {
    let validate = sarif_validator();
    let log: Value = serde_json::from_str(&corpus_report("sarif").stdout).unwrap();
    if let Err(e) = validate(&log) {
        panic!("the SARIF log does not validate: {e}");
    }
    // The validator can fail: documents that break the schema are rejected.
    let mut broken = log.clone();
    broken["version"] = "2.0.0".into();
    assert!(validate(&broken).is_err(), "a wrong version validates");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(validate(&broken).is_err(), "an unknown level validates");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(validate(&broken).is_err(), "line 0 validates");
    let mut broken = log.clone();
    broken["runs"][0]["tool"]["driver"]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(
        validate(&broken).is_err(),
        "a driver without a name validates"
    );
}

#[test]
fn sarif_results_mirror_the_json_findings_with_rules_fingerprints_labels_and_fixes() {
    let json = corpus_json();
    let log: Value = serde_json::from_str(&corpus_report("sarif").stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with("/corpus/"),
        "{root}"
    );
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "snag");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    // Every enabled rule, documented; no preview rule (not enabled by default).
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rule_ids.contains(&"unused-suppression") && rule_ids.contains(&"query-in-loop"));
    for rule in rules {
        assert!(!rule["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty());
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        assert!(
            markdown.contains("## What it does") && markdown.contains("## Why is this bad?"),
            "{markdown}"
        );
        assert!(["error", "warning", "note"]
            .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        serde_json::json!([])
    );

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), json.len());
    let mut fingerprints = HashSet::new();
    for (result, finding) in results.iter().zip(&json) {
        assert_eq!(result["ruleId"], finding["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["rule"]);
        let level = match finding["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(result["level"], level);
        assert!(result["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with(finding["message"].as_str().unwrap()));
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding["path"]);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["endLine"], finding["end_line"]);
        // The corpus's flagged lines are ASCII before the findings: UTF-16 and character columns agree.
        assert_eq!(region["startColumn"], finding["column"]);
        let labels = finding["labels"].as_array().unwrap();
        let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, labels.len());
        if let Some(first) = labels.first() {
            let related = &result["relatedLocations"][0];
            assert_eq!(related["id"], 1);
            assert_eq!(related["message"]["text"], first["message"]);
            assert_eq!(
                related["physicalLocation"]["region"]["startLine"],
                first["line"]
            );
        }
        match finding["fix"].as_object() {
            Some(fix) => {
                let change = &result["fixes"][0]["artifactChanges"][0];
                assert_eq!(result["fixes"][0]["description"]["text"], fix["message"]);
                let replacements = change["replacements"].as_array().unwrap();
                let edits = fix["edits"].as_array().unwrap();
                assert_eq!(replacements.len(), edits.len());
                for (replacement, edit) in replacements.iter().zip(edits) {
                    assert_eq!(replacement["insertedContent"]["text"], edit["content"]);
                    assert_eq!(replacement["deletedRegion"]["startLine"], edit["line"]);
                    assert_eq!(replacement["deletedRegion"]["endLine"], edit["end_line"]);
                }
            }
            None => assert!(result.get("fixes").is_none()),
        }
        let fingerprint = result["partialFingerprints"]["snag/v1"].as_str().unwrap();
        assert_eq!(fingerprint.len(), 16, "{fingerprint}");
        assert!(
            fingerprints.insert(fingerprint.to_string()),
            "{fingerprint} twice"
        );
    }
}

#[test]
fn sarif_reports_skipped_files_as_notifications_and_columns_in_utf16() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.js"), b"const x = 1;\0\n").unwrap();
    // `fs` after an emoji: character column 17, UTF-16 column 18.
    std::fs::create_dir(dir.path().join("my src")).unwrap();
    std::fs::write(
        dir.path().join("my src/a.js"),
        "const fs = require('fs');\nfunction load(p) { /* 😀 */ return fs.readFileSync(p); }\nmodule.exports = { load };\n",
    )
    .unwrap();
    let run = snag(dir.path(), &["check", "--format", "sarif", "--no-cache"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    if let Err(e) = sarif_validator()(&log) {
        panic!("the SARIF log does not validate: {e}");
    }
    let run_log = &log["runs"][0];
    let notifications = run_log["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notifications.len(), 1, "{notifications:?}");
    assert_eq!(notifications[0]["level"], "warning");
    assert!(notifications[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("binary"));
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "binary.js"
    );
    assert_eq!(run_log["invocations"][0]["executionSuccessful"], true);
    let location = &run_log["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "my%20src/a.js");
    let json = snag(dir.path(), &["check", "--format", "json", "--no-cache"]);
    let findings: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    let column = findings[0]["column"].as_u64().unwrap();
    assert_eq!(location["region"]["startColumn"].as_u64(), Some(column + 1));

    // A missing path fails the run: the invocation says so.
    let run = snag(
        dir.path(),
        &["check", "--format", "sarif", "--no-cache", "nope.js"],
    );
    assert_eq!(run.code, 2);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

// ---------------------------------------------------------------------------------------------------
// GitHub, GitLab, JSON lines, concise, full

/// Undoes the Actions toolkit's escaping of a message (`%25` last, so that `%250A` stays `%0A`).
fn unescape_data(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%25", "%")
}

fn unescape_property(text: &str) -> String {
    unescape_data(&text.replace("%3A", ":").replace("%2C", ","))
}

/// `(command, properties, message)` of a workflow command line.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, data) = rest.split_once("::").expect("a message");
    let (command, properties) = head.split_once(' ').expect("properties");
    let properties = properties
        .split(',')
        .map(|pair| {
            let (name, value) = pair.split_once('=').expect("name=value");
            (name.to_string(), unescape_property(value))
        })
        .collect();
    (command.to_string(), properties, unescape_data(data))
}

#[test]
fn github_annotations_parse_back_into_the_json_findings() {
    let json = corpus_json();
    let run = corpus_report("github");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), json.len());
    for (line, finding) in lines.iter().zip(&json) {
        let (command, properties, message) = parse_command(line);
        let property = |name: &str| {
            properties
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {name} in {line}"))
        };
        let parsed = (
            property("title"),
            property("file"),
            property("line").parse::<u64>().unwrap(),
            property("col").parse::<u64>().unwrap(),
            message,
        );
        assert_eq!(parsed, key(finding), "{line}");
        assert_eq!(property("endLine"), finding["end_line"].to_string());
        let expected = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(command, expected);
    }
    assert!(lines.iter().any(|l| l.starts_with("::error ")));
    assert!(lines.iter().any(|l| l.starts_with("::notice ")));
}

#[test]
fn gitlab_code_quality_of_the_corpus_has_unique_fingerprints_shared_with_sarif() {
    let json = corpus_json();
    let issues: Vec<Value> = serde_json::from_str(&corpus_report("gitlab").stdout).unwrap();
    let log: Value = serde_json::from_str(&corpus_report("sarif").stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(issues.len(), json.len());
    let mut fingerprints = HashSet::new();
    for ((issue, finding), result) in issues.iter().zip(&json).zip(results) {
        assert_eq!(issue["check_name"], finding["rule"]);
        assert_eq!(issue["description"], finding["message"]);
        assert_eq!(issue["location"]["path"], finding["path"]);
        assert_eq!(issue["location"]["lines"]["begin"], finding["line"]);
        assert_eq!(issue["location"]["lines"]["end"], finding["end_line"]);
        let severity = match finding["severity"].as_str().unwrap() {
            "error" => "critical",
            "warning" => "major",
            _ => "info",
        };
        assert_eq!(issue["severity"], severity);
        assert_eq!(
            issue["fingerprint"],
            result["partialFingerprints"]["snag/v1"]
        );
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
}

#[test]
fn json_lines_hold_the_json_findings_one_per_line() {
    let json = corpus_json();
    let run = corpus_report("json-lines");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), json.len());
    for (line, finding) in lines.iter().zip(&json) {
        assert!(!line.contains("\n  "), "compact: {line}");
        assert_eq!(&serde_json::from_str::<Value>(line).unwrap(), finding);
    }
}

#[test]
fn concise_and_full_reports_of_the_corpus_show_every_finding() {
    let json = corpus_json();
    let concise = corpus_report("concise");
    let expected: Vec<String> = json
        .iter()
        .map(|f| {
            let (rule, path, line, column, message) = key(f);
            format!("{path}:{line}:{column}: {rule} {message}")
        })
        .collect();
    assert_eq!(concise.stdout.lines().collect::<Vec<_>>(), expected);
    assert!(
        concise
            .stderr
            .starts_with(&format!("Found {} findings", json.len())),
        "{}",
        concise.stderr
    );
    let full = corpus_report("full");
    for finding in &json {
        let (_, path, line, column, _) = key(finding);
        assert!(
            full.stdout.contains(&format!("[{path}:{line}:{column}]")),
            "{path}:{line}:{column} missing"
        );
    }
    assert!(full
        .stdout
        .lines()
        .last()
        .unwrap()
        .starts_with(&format!("Found {} findings", json.len())));
}

// ---------------------------------------------------------------------------------------------------
// JUnit and Checkstyle

#[test]
fn junit_of_the_corpus_parses_with_one_failed_case_per_finding() {
    let json = corpus_json();
    let run = corpus_report("junit");
    let document = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        root.attribute("tests"),
        Some(json.len().to_string().as_str())
    );
    assert_eq!(
        root.attribute("failures"),
        Some(json.len().to_string().as_str())
    );
    let cases: Vec<roxmltree::Node<'_, '_>> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), json.len());
    for (case, finding) in cases.iter().zip(&json) {
        let (rule, path, line, _, message) = key(finding);
        assert_eq!(case.attribute("classname"), Some(path.as_str()));
        assert_eq!(case.attribute("file"), Some(path.as_str()));
        assert_eq!(case.attribute("line"), Some(line.to_string().as_str()));
        let failure = case
            .children()
            .find(|n| n.has_tag_name("failure"))
            .expect("a failure");
        assert_eq!(failure.attribute("message"), Some(message.as_str()));
        assert_eq!(failure.attribute("type"), Some(rule.as_str()));
        assert!(failure.text().unwrap().contains(&message));
        assert_eq!(
            case.parent().unwrap().attribute("name"),
            Some(path.as_str())
        );
    }
    let suites = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .count();
    let paths: HashSet<&str> = json.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(suites, paths.len());

    // Without findings: one passing case.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.js"), "const x = 1;\n").unwrap();
    let clean = snag(dir.path(), &["check", "--format", "junit", "--no-cache"]);
    assert_eq!(clean.code, 0);
    let document = roxmltree::Document::parse(&clean.stdout).unwrap();
    let cases: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].children().all(|n| !n.has_tag_name("failure")));
}

#[test]
fn checkstyle_of_the_corpus_parses_with_one_error_per_finding() {
    let json = corpus_json();
    let run = corpus_report("checkstyle");
    let document = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "checkstyle");
    assert_eq!(root.attribute("version"), Some("4.3"));
    let errors: Vec<roxmltree::Node<'_, '_>> = root
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), json.len());
    for (error, finding) in errors.iter().zip(&json) {
        let (rule, path, line, column, message) = key(finding);
        assert_eq!(
            error.parent().unwrap().attribute("name"),
            Some(path.as_str())
        );
        assert_eq!(error.attribute("line"), Some(line.to_string().as_str()));
        assert_eq!(error.attribute("column"), Some(column.to_string().as_str()));
        assert_eq!(error.attribute("severity"), finding["severity"].as_str());
        assert_eq!(error.attribute("message"), Some(message.as_str()));
        assert_eq!(error.attribute("source"), Some(rule.as_str()));
    }
}

#[test]
fn xml_reports_escape_special_and_forbidden_characters_in_paths() {
    // A file name with XML's special characters and a control character.
    let dir = tempfile::tempdir().unwrap();
    let name = "a&b<'\"\u{1}>.js";
    std::fs::write(
        dir.path().join(name),
        "const fs = require('fs');\nfunction load(p) { return fs.readFileSync(p); }\nmodule.exports = { load };\n",
    )
    .unwrap();
    for format in ["junit", "checkstyle"] {
        let run = snag(dir.path(), &["check", "--format", format, "--no-cache"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let document = roxmltree::Document::parse(&run.stdout)
            .unwrap_or_else(|e| panic!("{format}: {e}\n{}", run.stdout));
        let named = document
            .descendants()
            .find_map(|n| n.attribute("name").filter(|v| v.starts_with("a&b")))
            .expect("the file's element");
        assert_eq!(named, "a&b<'\"\u{fffd}>.js", "{format}");
    }
}

// ---------------------------------------------------------------------------------------------------
// Baselines

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn source_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(source_files(&path));
        } else if path.extension().is_some_and(|e| {
            ["js", "ts", "tsx", "py", "mjs", "cjs", "jsx"].contains(&e.to_str().unwrap())
        }) {
            files.push(path);
        }
    }
    files
}

/// Inserts a comment line at the top of the file (after a `#!` line) and before every top-level
/// declaration: every finding moves down, none of its code changes.
fn insert_lines(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let comment = if path.extension().unwrap() == "py" {
        "# moved"
    } else {
        "// moved"
    };
    let declarations = [
        "def ",
        "async def ",
        "class ",
        "function ",
        "async function ",
        "export ",
    ];
    let mut out = String::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let shebang = index == 0 && line.starts_with("#!");
        if index == 0 && !shebang {
            out.push_str(comment);
            out.push('\n');
        }
        if index > 0 && declarations.iter().any(|d| line.starts_with(d)) {
            out.push_str(comment);
            out.push('\n');
        }
        out.push_str(line);
        if shebang {
            out.push_str(comment);
            out.push('\n');
        }
    }
    std::fs::write(path, out).unwrap();
}

fn findings(dir: &Path, extra: &[&str]) -> (Vec<Value>, Run) {
    let mut args = vec!["check", "--no-cache", "--format", "json"];
    args.extend_from_slice(extra);
    let run = snag(dir, &args);
    let findings = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
    (findings, run)
}

#[test]
fn a_baseline_hides_known_findings_across_edits_and_reports_new_and_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&corpus(), dir.path());
    let (before, _) = findings(dir.path(), &[]);

    let written = snag(
        dir.path(),
        &["check", "--no-cache", "--write-baseline", "baseline.json"],
    );
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(written.stdout.is_empty(), "{}", written.stdout);
    assert!(
        written.stderr.contains(&format!(
            "wrote a baseline of {} findings to baseline.json",
            before.len()
        )),
        "{}",
        written.stderr
    );
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["entries"].as_array().unwrap();
    assert_eq!(entries.len(), before.len());
    for (entry, finding) in entries.iter().zip(&before) {
        assert_eq!(entry["rule"], finding["rule"]);
        assert_eq!(entry["path"], finding["path"]);
        assert_eq!(entry["line"], finding["line"]);
        assert_eq!(entry["message"], finding["message"]);
        assert_eq!(entry["fingerprint"].as_str().unwrap().len(), 16);
    }

    // Every finding moves down; the baseline still knows every one of them.
    for file in source_files(dir.path()) {
        insert_lines(&file);
    }
    let (moved, _) = findings(dir.path(), &[]);
    assert_eq!(moved.len(), before.len());
    for (after, was) in moved.iter().zip(&before) {
        assert_eq!(
            (&after["rule"], &after["path"]),
            (&was["rule"], &was["path"])
        );
        assert!(
            after["line"].as_u64() > was["line"].as_u64(),
            "{after} did not move"
        );
    }
    let hidden = snag(
        dir.path(),
        &["check", "--no-cache", "--baseline", "baseline.json"],
    );
    assert_eq!(hidden.code, 0, "{}\n{}", hidden.stdout, hidden.stderr);
    assert!(hidden.stdout.is_empty(), "{}", hidden.stdout);
    assert!(
        hidden
            .stderr
            .contains(&format!("{} findings hidden by the baseline", before.len()))
            && !hidden.stderr.contains("warning"),
        "{}",
        hidden.stderr
    );

    // One new finding is reported; a fixed one and those of a deleted file are stale.
    std::fs::write(
        dir.path().join("read-file-sync/new-loader.js"),
        "const fs = require('fs');\nfunction loadTemplate(p) { return fs.readFileSync(p, 'utf8'); }\nmodule.exports = { loadTemplate };\n",
    )
    .unwrap();
    let bootstrap = dir.path().join("read-file-sync/startup/bootstrap.js");
    let text = std::fs::read_to_string(&bootstrap).unwrap();
    assert!(text.contains("readText(file, 'utf8').trim()"));
    std::fs::write(
        &bootstrap,
        text.replace("readText(file, 'utf8').trim()", "null"),
    )
    .unwrap();
    let deleted = before
        .iter()
        .filter(|f| f["path"] == "read-file-sync/services/i18n.ts")
        .count();
    assert!(deleted > 0);
    std::fs::remove_file(dir.path().join("read-file-sync/services/i18n.ts")).unwrap();

    let (new, run) = findings(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let new: Vec<_> = new.iter().map(key).collect();
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(
        (new[0].0.as_str(), new[0].1.as_str(), new[0].2),
        ("read-file-sync", "read-file-sync/new-loader.js", 2)
    );
    let stale = deleted + 1;
    assert!(
        run.stderr.contains(&format!(
            "snag: warning: baseline.json: {stale} baseline entries are no longer found"
        )) && run
            .stderr
            .contains("read-file-sync/startup/bootstrap.js:40 (read-file-sync)")
            && run.stderr.contains("read-file-sync/services/i18n.ts:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{} findings hidden by the baseline",
            before.len() - stale
        )),
        "{}",
        run.stderr
    );

    // Linting one folder calls stale only the entries of files that are gone, not those of the files
    // it did not lint.
    let (_, part) = findings(
        dir.path(),
        &["--baseline", "baseline.json", "query-in-loop"],
    );
    assert!(
        part.stderr.contains("read-file-sync/services/i18n.ts:")
            && !part.stderr.contains("bootstrap.js"),
        "{}",
        part.stderr
    );

    // Writing the baseline again drops the stale entries and records the new finding.
    let rewritten = snag(
        dir.path(),
        &[
            "check",
            "--no-cache",
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "baseline.json",
        ],
    );
    assert_eq!(rewritten.code, 0, "{}", rewritten.stderr);
    let (none, run) = findings(dir.path(), &["--baseline", "baseline.json"]);
    assert!(none.is_empty(), "{none:?}");
    assert_eq!(run.code, 0);
    assert!(!run.stderr.contains("no longer found"), "{}", run.stderr);
}

#[test]
fn a_missing_or_broken_baseline_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.js"), "const x = 1;\n").unwrap();
    let missing = snag(dir.path(), &["check", "--baseline", "absent.json"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .starts_with("snag: error: absent.json: cannot read the baseline: "),
        "{}",
        missing.stderr
    );
    for (text, reason) in [
        ("{\"version\": 1, \"entries\": [", "not a snag baseline"),
        ("{\"entries\": []}", "no `version`"),
        (
            "{\"version\": 7, \"entries\": []}",
            "a baseline of version 7",
        ),
        ("", "not a snag baseline"),
    ] {
        std::fs::write(dir.path().join("broken.json"), text).unwrap();
        let run = snag(dir.path(), &["check", "--baseline", "broken.json"]);
        assert_eq!(run.code, 2, "{text}");
        assert!(
            run.stderr.starts_with("snag: error: broken.json: ") && run.stderr.contains(reason),
            "{text}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}
