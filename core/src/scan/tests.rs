use super::python::{self, Definition, LogicalLine};
use super::*;
use crate::language::LanguageFamily::{JavaScript, Python};
use std::path::Path;

/// The text of each logical line, and whether the text is malformed.
fn lines(text: &str) -> (Vec<&str>, bool) {
    let mut lines = python::logical_lines(text.as_bytes());
    let texts = lines.by_ref().map(|l| &text[l.start..l.end]).collect();
    (texts, lines.malformed())
}

fn only_line(text: &str) -> LogicalLine {
    let all: Vec<LogicalLine> = python::logical_lines(text.as_bytes()).collect();
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    all[0]
}

#[test]
fn gaps_forwards_and_backwards() {
    let js = b"a /* b */ // c\n  \xC2\xA0d";
    assert_eq!(skip_gap(js, 1, JavaScript), js.len() - 1);
    assert_eq!(skip_gap(b"a # c\n d", 1, Python), 7);
    // A `#` is no comment in JavaScript, nor `//` in Python.
    assert_eq!(skip_gap(b"a # c", 1, JavaScript), 2);
    assert_eq!(skip_gap(b"a // c", 1, Python), 2);
    // Line continuations, also before CRLF.
    assert_eq!(skip_gap(b"a \\\r\n b", 1, Python), 6);
    // An unterminated block comment runs to the end.
    assert_eq!(skip_gap(b"a /* b", 1, JavaScript), 6);
    assert_eq!(skip_gap_back(b"a /* b */ c", 10, JavaScript), Back::At(1));
    assert_eq!(skip_gap_back(b"a \\\n  c", 6, Python), Back::At(1));
    assert_eq!(skip_gap_back(b"a \\\r\n  c", 7, Python), Back::At(1));
    // A line comment cannot be found backwards: a gap into a line with a marker is unknown.
    assert_eq!(skip_gap_back(b"a # c\n  d", 8, Python), Back::Unknown);
    assert_eq!(skip_gap_back(b"a // c\n  d", 9, JavaScript), Back::Unknown);
    assert_eq!(skip_gap_back(b"a */ d", 5, JavaScript), Back::Unknown);
}

#[test]
fn words_and_identifiers() {
    assert!(starts_with_word(b"for x", b"for"));
    assert!(!starts_with_word(b"format", b"for"));
    // A non-ASCII byte may be a space for a pattern, but continues a keyword.
    assert!(starts_with_word("for\u{a0}".as_bytes(), b"for"));
    assert!(!starts_with_keyword("classé = 1".as_bytes(), b"class"));
    assert!(starts_with_keyword(b"class A:", b"class"));
    assert!(keyword_before(b"x = await", 9, b"await"));
    assert!(!keyword_before(b"x = unawait", 11, b"await"));
    assert!(contains_word(b"x = 1\nglobal y", b"global"));
    assert!(!contains_word(b"globals()", b"global"));
    assert_eq!(identifier_before(b"a.$name", 7), 5);
    assert_eq!(identifier_after(b"x + y", 0), 1);
    let split: Vec<&[u8]> = physical_lines(b"a\r\nb\n").collect();
    assert_eq!(split, [&b"a\r"[..], b"b", b""]);
}

#[test]
fn python_strings() {
    let end = |text: &str| python::string_end(text.as_bytes(), 0);
    assert_eq!(end("'a\\'b' + x"), Ok(6));
    assert_eq!(end("\"\"\"a\n\"b\"\n\"\"\" x"), Ok(12));
    assert_eq!(end("'''it''s'''"), Ok(11));
    // A backslash escapes the newline of a one-line string.
    assert_eq!(end("'a\\\nb'"), Ok(6));
    assert_eq!(end("'abc\nd'"), Err(4));
    assert_eq!(end("'''abc"), Err(6));
}

#[test]
fn logical_lines_join_brackets_strings_and_continuations() {
    let (texts, malformed) =
        lines("x = (\n  1,  # )\n)\ny = 'a#b' \\\n  + \"c\"\n\n# c\nz = f'{a[\"k\"]}'\n");
    assert_eq!(
        texts,
        [
            "x = (\n  1,  # )\n)\n",
            "y = 'a#b' \\\n  + \"c\"\n",
            "\n",
            "# c\n",
            "z = f'{a[\"k\"]}'\n"
        ]
    );
    assert!(!malformed);
    // An f-string's replacement fields are text to the scanner: their `#`, brackets and other quotes too.
    let (texts, malformed) = lines("x = f\"{d['#'] + (1}\"  # (\ny = rf'{a!r:>{w}}\\'' + \"\"\n");
    assert_eq!(
        texts,
        [
            "x = f\"{d['#'] + (1}\"  # (\n",
            "y = rf'{a!r:>{w}}\\'' + \"\"\n"
        ]
    );
    assert!(!malformed);
    // CRLF continuations and line ends.
    let (texts, _) = lines("a = 1 + \\\r\n  2\r\nb = 3\r\n");
    assert_eq!(texts, ["a = 1 + \\\r\n  2\r\n", "b = 3\r\n"]);
    // Triple-quoted strings span lines; their brackets and `#` are text.
    let (texts, _) = lines("s = '''(\n# no\n'''\nt = 1");
    assert_eq!(texts, ["s = '''(\n# no\n'''\n", "t = 1"]);
    // The last significant byte ignores comments and whitespace.
    assert_eq!(only_line("def f(a):  # note (\n").last, Some(b':'));
    assert_eq!(only_line("   # only a comment\n").last, None);
    assert_eq!(only_line("s = 'x'  \n").last, Some(b'\''));
}

#[test]
fn malformed_python_is_reported_but_still_split() {
    let (texts, malformed) = lines("s = 'abc\nt = 1\n");
    assert_eq!(texts, ["s = 'abc\n", "t = 1\n"]);
    assert!(malformed);
    let (texts, malformed) = lines("x = 1)\ny = 2\n");
    assert_eq!(texts, ["x = 1)\n", "y = 2\n"]);
    assert!(malformed);
    let (texts, malformed) = lines("x = (1,\ny = 2\n");
    assert_eq!(texts, ["x = (1,\ny = 2\n"]);
    assert!(malformed);
    let (_, malformed) = lines("s = '''never closed\n");
    assert!(malformed);
}

#[test]
fn indentation_is_measured_as_tree_sitter_does() {
    assert_eq!(python::indentation(b"    x", 0), (4, 4));
    assert_eq!(python::indentation(b"\tx", 0), (8, 1));
    assert_eq!(python::indentation(b"  \tx", 0), (10, 3));
    // A form feed starts over.
    assert_eq!(python::indentation(b"    \x0c  x", 0), (2, 7));
    assert_eq!(only_line("\t\tpass\n").indent, 16);
}

#[test]
fn definitions() {
    let definition = |code: &str| python::definition(code.as_bytes());
    assert_eq!(definition("def f():"), Some(Definition::Def));
    assert_eq!(definition("async  def f():"), Some(Definition::Def));
    assert_eq!(definition("async \\\n def f():"), Some(Definition::Def));
    assert_eq!(definition("class A:"), Some(Definition::Class));
    assert_eq!(definition("define = 1"), None);
    assert_eq!(definition("async_def = 1"), None);
    assert_eq!(definition("classé = 1"), None);
}

#[test]
fn python_nested_code() {
    let nested = |text: &str| -> Option<Vec<String>> {
        python::nested_code(text.as_bytes()).map(|ranges| {
            ranges
                .iter()
                .map(|&(s, e)| text[s..e].to_string())
                .collect()
        })
    };
    assert_eq!(
        nested(
            "X = 1\n@dec\ndef f(\n    a,\n):\n    return a\n\n  # odd comment\n    y = 2\nZ = 3\n"
        ),
        Some(vec![
            "def f(\n    a,\n):\n    return a\n\n  # odd comment\n    y = 2\n".into()
        ])
    );
    // Tabs indent as tree-sitter reads them; CRLF ends lines.
    assert_eq!(
        nested("class A:\r\n\tx = {}\r\n\tdef f(self):\r\n\t\treturn 1\r\nB = {}\r\n"),
        Some(vec![
            "class A:\r\n\tx = {}\r\n\tdef f(self):\r\n\t\treturn 1\r\n".into()
        ])
    );
    assert_eq!(
        nested("def f(): return {}\nC = {}\n"),
        Some(vec!["def f(): return {}\n".into()])
    );
    // A string that spans lines is not code.
    assert_eq!(
        nested("def f():\n    s = '''\nC = {}\n'''\nD = {}\n"),
        Some(vec!["def f():\n    s = '''\nC = {}\n'''\n".into()])
    );
    assert_eq!(nested("def f():\n    global C\n    C = {}\n"), None);
    assert_eq!(nested("def f():\n    x = 'abc\n    y = {}\n"), None);
}

#[test]
fn javascript_function_bodies() {
    let bodies = |text: &str| -> Option<Vec<String>> {
        javascript::function_bodies(text.as_bytes()).map(|ranges| {
            ranges
                .iter()
                .map(|&(s, e)| text[s..e].to_string())
                .collect()
        })
    };
    assert_eq!(
        bodies("const a = {};\nfunction f(x = {}) { return {}; }\nconst g = async (y) => { };\n"),
        Some(vec!["(x = {}) { return {}; }".into(), "(y) => { }".into()])
    );
    // Strings, templates, regexes and comments hide braces.
    assert_eq!(
        bodies("const re = /[}{]/g; const t = `${'}'}{`; // }\nfunction f() { const s = \"}\"; /* { */ }\n"),
        Some(vec!["() { const s = \"}\"; /* { */ }".into()])
    );
    assert_eq!(
        bodies("const t = `a${ `b${ {}.x }` }c`;\nx => { }\n"),
        Some(vec!["=> { }".into()])
    );
    // A division is no regex.
    assert_eq!(
        bodies("const n = (a + b) / 2; function f() { var x = {}; }\n"),
        Some(vec!["() { var x = {}; }".into()])
    );
    assert_eq!(
        bodies("class A { m() {} }\n"),
        Some(vec!["{ m() {} }".into()])
    );
    assert_eq!(bodies("class A { static { var x = {}; } }\n"), Some(vec![]));
    // What cannot be read: an unterminated string, template, comment or regex, unbalanced braces, a `/`
    // after a word that may be a keyword or a name.
    assert_eq!(bodies("function f() { var s = 'a\n'; }\n"), None);
    assert_eq!(bodies("const t = `${x`;\n"), None);
    assert_eq!(bodies("function f() { /* open\n"), None);
    assert_eq!(bodies("function f() { }}\n"), None);
    assert_eq!(bodies("x = y\n/}/g.exec(z);\n"), None);
}

#[test]
fn line_comments() {
    assert!(javascript::is_line_comment(b"  // note"));
    assert!(!javascript::is_line_comment(b"x = 1 // note"));
}

/// The files of the labeled corpus (and of `SNAG_HANDLER_CORPUS`, when set) in `family`.
fn corpus_files(family: crate::LanguageFamily) -> Vec<(std::path::PathBuf, String)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut folders = vec![corpus];
    folders.extend(std::env::var_os("SNAG_HANDLER_CORPUS").map(std::path::PathBuf::from));
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).expect("corpus folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if crate::Language::from_path(&path).is_some_and(|l| l.family() == family) {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    files.push((path, text));
                }
            }
        }
    }
    files
}

/// What the scanner takes for function bodies and `def`/`class` statements, tree-sitter does too (in
/// files it parses without errors).
#[test]
fn nested_code_is_what_the_parser_sees() {
    for family in [JavaScript, Python] {
        let mut ranges_seen = 0;
        for (path, text) in corpus_files(family) {
            let language = crate::Language::from_path(&path).expect("language");
            let tree = crate::engine::parse(language, &text).expect("parsed");
            if tree.root_node().has_error() {
                continue;
            }
            let bytes = text.as_bytes();
            let ranges = match family {
                JavaScript => javascript::function_bodies(bytes),
                Python => python::nested_code(bytes),
            };
            for (start, end) in ranges.unwrap_or_default() {
                ranges_seen += 1;
                let first = start
                    + bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_whitespace())
                        .count();
                let node = tree
                    .root_node()
                    .descendant_for_byte_range(first, first + 1)
                    .expect("a node");
                let owner = match family {
                    // A function around the range (its parameters and body) or a class body; a
                    // TypeScript type (`(a) => { ... }`, `class A<T extends {}>`) holds no code.
                    JavaScript => {
                        let mut current = Some(node);
                        while let Some(n) = current {
                            let function = matches!(
                                n.kind(),
                                "function_declaration"
                                    | "function_expression"
                                    | "arrow_function"
                                    | "generator_function"
                                    | "generator_function_declaration"
                                    | "method_definition"
                                    | "function_type"
                                    | "object_type"
                                    | "class_body"
                            );
                            if function && n.start_byte() <= first && end <= n.end_byte() {
                                break;
                            }
                            current = n.parent();
                        }
                        current
                    }
                    Python => node.parent().filter(|p| {
                        matches!(p.kind(), "function_definition" | "class_definition")
                            && p.end_byte() <= end
                    }),
                };
                assert!(
                    owner.is_some(),
                    "{}: {start}..{end} is not a function body ({} in {:?} in {:?}, ends {:?})",
                    path.display(),
                    node.kind(),
                    node.parent().map(|p| p.kind()),
                    node.parent().and_then(|p| p.parent()).map(|p| p.kind()),
                    node.parent().map(|p| p.byte_range()),
                );
            }
        }
        assert!(ranges_seen >= 50, "{ranges_seen} ranges checked");
    }
}
