//! JavaScript and TypeScript without a parser: where function bodies are, and comment lines.
//!
//! Telling a regex from a division needs the token before a `/`; the scanner tracks enough of it to
//! know, and gives up (`None`) where it cannot.

use super::{is_identifier_byte, skip_gap, unicode_space};
use crate::language::LanguageFamily::JavaScript;

/// Whether a physical line (without its newline) is a `//` comment.
pub fn is_line_comment(line: &[u8]) -> bool {
    line.trim_ascii_start().starts_with(b"//")
}

/// What the JavaScript scanner has open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `{` at `start`: a function body (from its parameters, `start`), a class body (with or without a
    /// `static { }` block, whose `var`s belong to the module), or any other brace.
    Brace {
        start: usize,
        kind: BraceKind,
    },
    /// `(` at `start`, with what its `)` leaves before a `/`, and whether it holds a `function`'s
    /// parameters.
    Paren {
        start: usize,
        closes: Previous,
        parameters: bool,
    },
    Bracket,
    /// `${` of a template literal.
    Template,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BraceKind {
    Function,
    Class { static_block: bool },
    Other,
}

/// The token before the current one, as far as telling a regex from a division needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previous {
    /// An operator or punctuation after which an expression starts: `/` begins a regex.
    Operator,
    /// A value (a name, a number, a string, `]`): `/` divides.
    Value,
    /// A keyword after which an expression starts (`return`, `typeof`): `/` begins a regex.
    Keyword,
    /// A word that may be a keyword or a name (`of`, `yield`, `await`), `}`, `++`/`--`: unknown.
    Unclear,
    /// `)` closing `if (...)`-like heads: a regex may follow.
    KeywordParen,
}

/// The byte ranges of JavaScript code that is not module level, outermost only: functions' parameters
/// and bodies (`function` declarations and expressions, arrow functions with a block body) and class
/// bodies (without a `static { }` block). `None` when the file cannot be read reliably (a `/` that may
/// begin a regex or divide, an unterminated string, comment, template or regex, unbalanced brackets).
/// Object-literal methods and functions with a return type annotation are not recognised: their code
/// counts as module level, which only lets more files through.
pub fn function_bodies(bytes: &[u8]) -> Option<Vec<(usize, usize)>> {
    const REGEX_AFTER: &[&[u8]] = &[
        b"return",
        b"typeof",
        b"instanceof",
        b"in",
        b"new",
        b"delete",
        b"void",
        b"throw",
        b"case",
        b"do",
        b"else",
    ];
    const UNCLEAR: &[&[u8]] = &[
        b"of",
        b"yield",
        b"await",
        b"async",
        b"let",
        b"static",
        b"get",
        b"set",
        b"extends",
        b"as",
        b"satisfies",
        b"from",
        b"type",
        b"declare",
        b"abstract",
        b"readonly",
        b"keyof",
        b"infer",
        b"is",
        b"asserts",
        b"unique",
        b"module",
        b"namespace",
        b"global",
        b"public",
        b"private",
        b"protected",
        b"accessor",
        b"out",
        b"implements",
    ];
    const PAREN_KEYWORDS: &[&[u8]] = &[b"if", b"for", b"while", b"with", b"switch", b"catch"];
    let mut ranges = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut previous = Previous::Operator;
    let mut previous_word: &[u8] = b"";
    // After `function` (and `*` and the name): its parameters' `(` may come next.
    let mut function_head = false;
    // After `class`: the first `{` at this depth opens its body.
    let mut class_head: Option<usize> = None;
    // A function body may come next; its function starts there (its parameters' `(`).
    let mut body_next: Option<usize> = None;
    // The `(` of the parentheses the previous token closed.
    let mut closed_paren: Option<usize> = None;
    let mut at = 0;
    if bytes.starts_with(b"#!") {
        at = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    }
    // Scans a template literal's text from `at` (after the backtick or the `}` of a `${`).
    // Returns where the text ends and what the scan resumes after: the whole template (a value), or a
    // `${` (an expression starts).
    fn template_text(
        bytes: &[u8],
        mut at: usize,
        open: &mut Vec<Open>,
    ) -> Option<(usize, Previous)> {
        while at < bytes.len() {
            match bytes[at] {
                b'\\' => at += 2,
                b'`' => return Some((at + 1, Previous::Value)),
                b'$' if bytes.get(at + 1) == Some(&b'{') => {
                    open.push(Open::Template);
                    return Some((at + 2, Previous::Operator));
                }
                _ => at += 1,
            }
        }
        None
    }
    while at < bytes.len() {
        let byte = bytes[at];
        if matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            at += 1;
            continue;
        }
        if byte == b'/' && bytes.get(at + 1) == Some(&b'/') {
            at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
            continue;
        }
        if byte == b'/' && bytes.get(at + 1) == Some(&b'*') {
            at = at + 2 + memchr::memmem::find(&bytes[at + 2..], b"*/")? + 2;
            continue;
        }
        if byte >= 0x80 && unicode_space(bytes, at) > 0 {
            at += unicode_space(bytes, at);
            continue;
        }
        // Anything but whitespace and comments ends a function head or the wait for a body.
        let was_body_next = body_next.take();
        let was_closed_paren = closed_paren.take();
        let was_function_head = std::mem::take(&mut function_head);
        match byte {
            b'\'' | b'"' => {
                let mut i = at + 1;
                loop {
                    match bytes.get(i) {
                        None | Some(b'\n' | b'\r') => return None,
                        Some(b'\\') => i += 2,
                        Some(&b) if b == byte => break,
                        Some(_) => i += 1,
                    }
                }
                at = i + 1;
                previous = Previous::Value;
            }
            b'`' => {
                (at, previous) = template_text(bytes, at + 1, &mut open)?;
            }
            b'/' => {
                let regex = match previous {
                    Previous::Operator | Previous::Keyword | Previous::KeywordParen => true,
                    Previous::Value => false,
                    Previous::Unclear => return None,
                };
                if regex {
                    let mut i = at + 1;
                    let mut class = false;
                    loop {
                        match bytes.get(i) {
                            None | Some(b'\n' | b'\r') => return None,
                            Some(b'\\') => i += 2,
                            Some(b'[') => {
                                class = true;
                                i += 1;
                            }
                            Some(b']') => {
                                class = false;
                                i += 1;
                            }
                            Some(b'/') if !class => break,
                            Some(_) => i += 1,
                        }
                    }
                    at = i + 1;
                    while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                        at += 1;
                    }
                    previous = Previous::Value;
                } else {
                    at += 1;
                    previous = Previous::Operator;
                }
            }
            b'0'..=b'9' => {
                while at < bytes.len()
                    && (bytes[at].is_ascii_alphanumeric() || matches!(bytes[at], b'_' | b'.'))
                {
                    at += 1;
                }
                previous = Previous::Value;
            }
            b'.' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => {
                at += 1;
                while at < bytes.len()
                    && (bytes[at].is_ascii_alphanumeric() || matches!(bytes[at], b'_' | b'.'))
                {
                    at += 1;
                }
                previous = Previous::Value;
            }
            b'\\' => return None,
            _ if is_identifier_byte(byte) || byte == b'#' => {
                let start = at;
                at += 1;
                while at < bytes.len() && is_identifier_byte(bytes[at]) {
                    at += 1;
                }
                let word = &bytes[start..at];
                let after_dot = previous_word == b"." && previous == Previous::Operator;
                previous_word = word;
                if after_dot {
                    // A property name, not a keyword.
                    previous = Previous::Value;
                    previous_word = b"";
                } else if word == b"function" {
                    function_head = true;
                    previous = Previous::Operator;
                } else if was_function_head {
                    // The function's name.
                    function_head = true;
                    previous = Previous::Value;
                } else if word == b"class" {
                    class_head = Some(open.len());
                    previous = Previous::Operator;
                } else {
                    if word == b"static"
                        && skip_gap(bytes, at, JavaScript) < bytes.len()
                        && bytes[skip_gap(bytes, at, JavaScript)] == b'{'
                    {
                        if let Some(Open::Brace {
                            kind: BraceKind::Class { static_block },
                            ..
                        }) = open.last_mut()
                        {
                            *static_block = true;
                        }
                    }
                    previous = if REGEX_AFTER.contains(&word) {
                        Previous::Keyword
                    } else if UNCLEAR.contains(&word) {
                        Previous::Unclear
                    } else {
                        Previous::Value
                    };
                }
                continue;
            }
            b'*' if was_function_head => {
                function_head = true;
                at += 1;
                previous = Previous::Operator;
            }
            b'(' => {
                // `if (...) /re/`: a regex may follow the head's `)`; after `await (...)` or
                // `for await (...)` it may be either.
                let closes =
                    if previous == Previous::Value && PAREN_KEYWORDS.contains(&previous_word) {
                        Previous::KeywordParen
                    } else if previous == Previous::Unclear {
                        Previous::Unclear
                    } else {
                        Previous::Value
                    };
                open.push(Open::Paren {
                    start: at,
                    closes,
                    parameters: was_function_head,
                });
                at += 1;
                previous = Previous::Operator;
            }
            b')' => {
                let Some(Open::Paren {
                    start,
                    closes,
                    parameters,
                }) = open.pop()
                else {
                    return None;
                };
                body_next = parameters.then_some(start);
                closed_paren = Some(start);
                at += 1;
                previous = closes;
            }
            b'[' => {
                open.push(Open::Bracket);
                at += 1;
                previous = Previous::Operator;
            }
            b']' => {
                if open.pop() != Some(Open::Bracket) {
                    return None;
                }
                at += 1;
                previous = Previous::Value;
            }
            b'{' => {
                let kind = if let Some(start) = was_body_next {
                    open.push(Open::Brace {
                        start,
                        kind: BraceKind::Function,
                    });
                    BraceKind::Function
                } else if class_head == Some(open.len()) {
                    class_head = None;
                    BraceKind::Class {
                        static_block: false,
                    }
                } else {
                    BraceKind::Other
                };
                if kind != BraceKind::Function {
                    open.push(Open::Brace { start: at, kind });
                }
                at += 1;
                previous = Previous::Operator;
            }
            b'}' => match open.pop() {
                Some(Open::Brace { start, kind }) => {
                    at += 1;
                    if matches!(
                        kind,
                        BraceKind::Function
                            | BraceKind::Class {
                                static_block: false
                            }
                    ) {
                        ranges.push((start, at));
                    }
                    previous = Previous::Unclear;
                }
                Some(Open::Template) => {
                    (at, previous) = template_text(bytes, at + 1, &mut open)?;
                }
                _ => return None,
            },
            b'=' if bytes.get(at + 1) == Some(&b'>') => {
                // `(a = {}) => {`: the parameters are part of the function; `a => {` starts at `=>`.
                body_next = Some(was_closed_paren.unwrap_or(at));
                at += 2;
                previous = Previous::Operator;
            }
            b'+' | b'-' if bytes.get(at + 1) == Some(&byte) => {
                at += 2;
                previous = Previous::Unclear;
            }
            _ => {
                at += 1;
                previous = Previous::Operator;
            }
        }
        // A class head ends at its body, or at what cannot be part of it.
        if matches!(byte, b';' | b':') || class_head.is_some_and(|depth| open.len() < depth) {
            class_head = None;
        }
        previous_word = if byte == b'.' && previous == Previous::Operator {
            b"."
        } else {
            b""
        };
    }
    if !open.is_empty() {
        return None;
    }
    // Outermost ranges only (an inner range ends inside the outer one: the outer one closed later).
    ranges.sort_unstable();
    let mut outermost: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match outermost.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => outermost.push((start, end)),
        }
    }
    Some(outermost)
}
