//! The byte-level scanner: what can be told about source text without parsing it (identifiers,
//! whitespace and comments, strings, Python's logical lines, where function bodies are). The prefilter,
//! the model index's filters and outline, the minified check and the rules' prefilter checks all read
//! text through it, so each question has one answer.
//!
//! Every function here is conservative in a stated direction: when the text cannot be read reliably (an
//! unterminated string, a comment that cannot be found going backwards), it says so (`None`,
//! [`Back::Unknown`], [`python::LogicalLines::malformed`]) instead of guessing, and the caller decides
//! which answer is the safe one.
//!
//! **Architecture Invariant:** the scanner depends on nothing but [`crate::language`]: no rule, no
//! prefilter, no tree.

use crate::language::LanguageFamily;

pub mod javascript;
pub mod python;

/// A byte that may continue an identifier (any non-ASCII byte counts: an identifier may hold
/// non-ASCII letters, so a word is never taken to end inside one).
pub fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// A byte before a word that makes it part of a longer identifier. Digits do not count (Python reads
/// `1if x else 2`), nor do non-ASCII bytes (they may be spaces): a pattern's boundary then matches more,
/// never less.
pub fn continues_identifier_before(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$'
}

/// A byte after a word that makes it part of a longer identifier (non-ASCII does not count: it may be a
/// space).
pub fn continues_identifier_after(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$'
}

/// The length of the identifier that ends at `end` (0: none).
pub fn identifier_before(bytes: &[u8], end: usize) -> usize {
    bytes[..end]
        .iter()
        .rev()
        .take_while(|&&b| is_identifier_byte(b))
        .count()
}

/// The length of the identifier that starts at `at` (0: none).
pub fn identifier_after(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|&&b| is_identifier_byte(b))
        .count()
}

/// Whether `bytes` starts with `word` and no identifier character continues it (pattern boundaries:
/// a non-ASCII byte after it does not continue it).
pub fn starts_with_word(bytes: &[u8], word: &[u8]) -> bool {
    bytes.starts_with(word)
        && !bytes
            .get(word.len())
            .is_some_and(|&b| continues_identifier_after(b))
}

/// Whether `bytes` starts with the keyword `word`: no identifier byte, ASCII or not, follows it
/// (`classé` is a name, not `class`).
pub fn starts_with_keyword(bytes: &[u8], word: &[u8]) -> bool {
    bytes.starts_with(word)
        && !bytes
            .get(word.len())
            .is_some_and(|&b| is_identifier_byte(b))
}

/// Whether the keyword `word` ends at `end` (no identifier byte before it).
pub fn keyword_before(bytes: &[u8], end: usize, word: &[u8]) -> bool {
    bytes[..end].ends_with(word)
        && (end == word.len() || !is_identifier_byte(bytes[end - word.len() - 1]))
}

/// Whether `word` occurs in `bytes` as a whole word (pattern boundaries on both sides).
pub fn contains_word(bytes: &[u8], word: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, word).any(|at| {
        (at == 0 || !continues_identifier_before(bytes[at - 1]))
            && !bytes
                .get(at + word.len())
                .is_some_and(|&b| continues_identifier_after(b))
    })
}

/// The length of a Unicode space (JavaScript reads them as whitespace) starting at `at`.
pub fn unicode_space(bytes: &[u8], at: usize) -> usize {
    match bytes[at..] {
        [0xC2, 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] => 3,
        [0xE2, 0x80, 0x80..=0x8A, ..] | [0xE2, 0x80, 0xA8 | 0xA9 | 0xAF, ..] => 3,
        [0xE2, 0x81, 0x9F, ..] | [0xE3, 0x80, 0x80, ..] | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

/// The bytes a gap ([`skip_gap`]) may start with: whitespace, a comment, a line continuation, the
/// first byte of a Unicode space.
pub fn gap_starts(family: LanguageFamily) -> &'static [u8] {
    match family {
        LanguageFamily::JavaScript => b" \t\n\r\x0B\x0C\\/\xC2\xE1\xE2\xE3\xEF",
        LanguageFamily::Python => b" \t\n\r\x0B\x0C\\#\xC2\xE1\xE2\xE3\xEF",
    }
}

/// Skips a gap forwards from `at`: whitespace, comments (`//`, `/* */` in JavaScript, `#` in Python),
/// line continuations and Unicode spaces. An unterminated block comment runs to the end.
pub fn skip_gap(bytes: &[u8], mut at: usize, family: LanguageFamily) -> usize {
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => at += 1,
            b'\\' if matches!(bytes.get(at + 1), Some(b'\n' | b'\r')) => at += 2,
            b'/' if family == LanguageFamily::JavaScript && bytes.get(at + 1) == Some(&b'/') => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
            }
            b'/' if family == LanguageFamily::JavaScript && bytes.get(at + 1) == Some(&b'*') => {
                at = memchr::memmem::find(&bytes[at + 2..], b"*/")
                    .map_or(bytes.len(), |n| at + 2 + n + 2);
            }
            b'#' if family == LanguageFamily::Python => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
            }
            0x80.. => match unicode_space(bytes, at) {
                0 => break,
                n => at += n,
            },
            _ => break,
        }
    }
    at
}

/// What skipping a gap backwards found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Back {
    /// The gap ends here.
    At(usize),
    /// The gap may hold a comment that cannot be told from code backwards: nothing can be ruled out.
    Unknown,
}

/// Skips a gap backwards from `at` (exclusive). A line comment cannot be found going backwards, so a
/// gap that crosses into a line with a comment marker (`//`, `#`) anywhere on it is [`Back::Unknown`].
pub fn skip_gap_back(bytes: &[u8], mut at: usize, family: LanguageFamily) -> Back {
    while at > 0 {
        match bytes[at - 1] {
            b' ' | b'\t' | 0x0B | 0x0C | b'\r' => at -= 1,
            b'\n' => {
                at -= 1;
                let line = &bytes[line_start(bytes, at)..at];
                let commented = match family {
                    LanguageFamily::JavaScript => memchr::memmem::find(line, b"//").is_some(),
                    LanguageFamily::Python => memchr::memchr(b'#', line).is_some(),
                };
                if commented {
                    return Back::Unknown;
                }
                // A line continuation.
                if at > 0 && bytes[at - 1] == b'\\' {
                    at -= 1;
                } else if at > 1 && bytes[at - 1] == b'\r' && bytes[at - 2] == b'\\' {
                    at -= 2;
                }
            }
            b'/' if family == LanguageFamily::JavaScript && at >= 2 && bytes[at - 2] == b'*' => {
                match memchr::memmem::rfind(&bytes[..at - 2], b"/*") {
                    Some(start) => at = start,
                    None => return Back::Unknown,
                }
            }
            0x80.. => match (1..=3).find(|&n| at >= n && unicode_space(bytes, at - n) == n) {
                Some(n) => at -= n,
                None => break,
            },
            _ => break,
        }
    }
    Back::At(at)
}

/// Skips ASCII whitespace (no comments) forwards from `at`.
pub fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// Skips ASCII whitespace (no comments) backwards from `at` (exclusive).
pub fn skip_whitespace_back(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && bytes[at - 1].is_ascii_whitespace() {
        at -= 1;
    }
    at
}

/// The start of the physical line that holds `at`.
pub fn line_start(bytes: &[u8], at: usize) -> usize {
    memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1)
}

/// The physical lines of `bytes`, without their `\n` (a text ending in `\n` has an empty last line).
pub fn physical_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', bytes)
        .chain(std::iter::once(bytes.len()))
        .map(move |end| {
            let line = &bytes[start..end];
            start = end + 1;
            line
        })
}

#[cfg(test)]
mod tests;
