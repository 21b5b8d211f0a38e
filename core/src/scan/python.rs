//! Python without a parser: string literals, logical lines, indentation, and where `def` and `class`
//! statements are.
//!
//! Indentation is measured as tree-sitter-python measures it (a space is one column, a tab eight, a form
//! feed starts over), so the blocks found here are the parser's. CPython refuses a file whose blocks
//! would differ under other tab widths (`TabError`), so for the files it runs the answer is the same.

use super::{contains_word, skip_gap, starts_with_keyword};
use crate::language::LanguageFamily;

/// Where the string literal whose opening quote is at `at` ends: `Ok` after its closing quote; `Err`
/// when it is unterminated, with where it stops (the newline that ends a one-line string, or the end
/// of the text). A prefix (`f`, `rb`) is an ordinary letter before the quote; a backslash escapes the
/// next byte, in raw strings too (`r'\''` is one string).
pub fn string_end(bytes: &[u8], at: usize) -> Result<usize, usize> {
    let quote = bytes[at];
    let triple = bytes.get(at + 1) == Some(&quote) && bytes.get(at + 2) == Some(&quote);
    let mut i = at + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return Err(i),
            byte if byte == quote => {
                if !triple {
                    return Ok(i + 1);
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    return Ok(i + 3);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Err(bytes.len())
}

/// The width of the indentation of the physical line starting at `start`, and where it ends.
pub fn indentation(bytes: &[u8], start: usize) -> (usize, usize) {
    let (mut width, mut at) = (0, start);
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b' ' => width += 1,
            b'\t' => width += 8,
            0x0C => width = 0,
            _ => break,
        }
        at += 1;
    }
    (width, at)
}

/// One logical line: whole physical lines, joined by brackets, strings and `\` continuations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogicalLine {
    /// The start of its first physical line.
    pub start: usize,
    /// Its first byte after the indentation.
    pub code: usize,
    /// After its last newline (or the end of the text).
    pub end: usize,
    /// The width of its indentation (see [`indentation`]).
    pub indent: usize,
    /// Its last significant byte (comments, whitespace and continuations aside; a string counts as
    /// its quote); `None` for a blank or comment-only line.
    pub last: Option<u8>,
}

/// The logical lines of a text, blank and comment-only lines included (see [`logical_lines`]).
pub struct LogicalLines<'b> {
    bytes: &'b [u8],
    at: usize,
    malformed: bool,
}

/// Splits Python source into logical lines. An unterminated string or an unbalanced bracket does not
/// stop the split (a one-line string ends at its newline, a stray closing bracket is ignored), but marks
/// the text [`malformed`](LogicalLines::malformed): from there on the lines may not be the parser's.
pub fn logical_lines(bytes: &[u8]) -> LogicalLines<'_> {
    LogicalLines {
        bytes,
        at: 0,
        malformed: false,
    }
}

impl LogicalLines<'_> {
    /// Whether a line returned so far held an unterminated string or unbalanced brackets.
    pub fn malformed(&self) -> bool {
        self.malformed
    }
}

impl Iterator for LogicalLines<'_> {
    type Item = LogicalLine;

    fn next(&mut self) -> Option<LogicalLine> {
        let bytes = self.bytes;
        let start = self.at;
        if start >= bytes.len() {
            return None;
        }
        let (indent, code) = indentation(bytes, start);
        let (mut at, mut depth, mut last) = (code, 0usize, None);
        while at < bytes.len() {
            let byte = bytes[at];
            match byte {
                b'\n' if depth == 0 => {
                    at += 1;
                    break;
                }
                b' ' | b'\t' | b'\r' | b'\n' | 0x0C => at += 1,
                b'\\' => {
                    // A line continuation (or a stray backslash).
                    at += if bytes.get(at + 1) == Some(&b'\r') && bytes.get(at + 2) == Some(&b'\n')
                    {
                        3
                    } else {
                        2
                    };
                }
                b'#' => at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n),
                b'\'' | b'"' => {
                    at = string_end(bytes, at).unwrap_or_else(|stop| {
                        self.malformed = true;
                        stop
                    });
                    last = Some(byte);
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    last = Some(byte);
                    at += 1;
                }
                b')' | b']' | b'}' => {
                    match depth.checked_sub(1) {
                        Some(outer) => depth = outer,
                        None => self.malformed = true,
                    }
                    last = Some(byte);
                    at += 1;
                }
                _ => {
                    last = Some(byte);
                    at += 1;
                }
            }
        }
        if depth > 0 {
            self.malformed = true;
        }
        let end = at.min(bytes.len());
        self.at = end;
        Some(LogicalLine {
            start,
            code,
            end,
            indent,
            last,
        })
    }
}

/// A statement that opens a definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Definition {
    /// `def` or `async def`.
    Def,
    /// `class`.
    Class,
}

/// The definition a logical line opens, from its code (past the indentation).
pub fn definition(code: &[u8]) -> Option<Definition> {
    if starts_with_keyword(code, b"def") {
        return Some(Definition::Def);
    }
    if starts_with_keyword(code, b"class") {
        return Some(Definition::Class);
    }
    if starts_with_keyword(code, b"async") {
        let after = skip_gap(code, b"async".len(), LanguageFamily::Python);
        if starts_with_keyword(&code[after..], b"def") {
            return Some(Definition::Def);
        }
    }
    None
}

/// The byte ranges of `def` and `class` statements (headers and bodies), outermost only. `None` when the
/// text cannot be read reliably ([`LogicalLines::malformed`]) or holds a `global` statement, which lets
/// a function bind module names: then every byte counts as module level.
pub fn nested_code(bytes: &[u8]) -> Option<Vec<(usize, usize)>> {
    if contains_word(bytes, b"global") {
        return None;
    }
    let mut ranges = Vec::new();
    // The indentation of the headers of the open `def`/`class` blocks, and where the outermost starts.
    let mut blocks: Vec<usize> = Vec::new();
    let mut outer_start = 0;
    let mut lines = logical_lines(bytes);
    while let Some(line) = lines.next() {
        if lines.malformed() {
            return None;
        }
        if line.last.is_none() {
            continue;
        }
        while blocks.last().is_some_and(|&header| header >= line.indent) {
            blocks.pop();
            if blocks.is_empty() {
                ranges.push((outer_start, line.start));
            }
        }
        if definition(&bytes[line.code..]).is_some() {
            if blocks.is_empty() {
                outer_start = line.start;
            }
            if line.last == Some(b':') {
                blocks.push(line.indent);
            } else if blocks.is_empty() {
                ranges.push((line.start, line.end));
            }
        }
    }
    if !blocks.is_empty() {
        ranges.push((outer_start, bytes.len()));
    }
    Some(ranges)
}
