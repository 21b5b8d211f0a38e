//! The prefilter: byte-level conditions a file must meet for a rule to be able to fire, checked before the
//! file is parsed. A file no enabled rule can fire on is never parsed.
//!
//! Each rule target declares groups of trigger patterns ([`Target::triggers`] and
//! [`Target::requires`]): the rule can fire on a file only when every group has a pattern that occurs in
//! it. One Aho-Corasick pass over each file finds the patterns' anchors (their longest literal part);
//! each anchor found is verified in place. Every condition must be *necessary*: a file the prefilter
//! rejects must be one on which the rule would report nothing (the corpus test runs with the prefilter on
//! and off and compares).
//!
//! The pattern syntax (also documented on [`Target::triggers`]):
//!
//! - characters match themselves (`Sync`, `+=`, `get_queryset`);
//! - a space matches any run of whitespace and comments, including none (`async def`, `. objects`);
//! - `\b` at the start or the end: an identifier boundary there (`\bfor\b` does not match `format`);
//! - `\w`: an identifier (a run of letters, digits, `_`, `$`);
//! - `\(`: any number of opening wrappers of an expression (`(`, `await`), `\)` any number of `)`;
//! - `\\`, `\ `, `\^`: a literal backslash, space or caret;
//! - a leading `^`: the match must start in module-level code (Python: outside `def` and `class` bodies;
//!   JavaScript: anywhere, for now);
//! - `path:TEXT`: the file's path (with `/` separators) contains `TEXT`.
//!
//! [`Target::triggers`]: crate::rule::Target::triggers
//! [`Target::requires`]: crate::rule::Target::requires

use crate::language::LanguageFamily;
use crate::rule::Target;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::path::Path;

/// The trigger patterns of JavaScript handler code: a file in which the semantic layer finds a function
/// that frameworks call per request contains at least one of them. Rules that only report in handler code
/// require this group. Kept in step with the handler detection in `semantic/js.rs`: apps and routers of
/// Express, Koa and Fastify (their module names), route paths given to a route method (`get('/x', ...)`,
/// a regex or an array), route chains and route objects (`route`), `http.createServer`, Fastify hooks,
/// Lambda and Next.js exports, Next.js `pages/api/` files, and NestJS route decorators.
pub const JS_HANDLER_TRIGGERS: &[&str] = &[
    "express",
    "koa",
    "fastify",
    "createServer",
    "createSecureServer",
    "addHook",
    "\\broute\\b",
    "handler",
    "getServerSideProps",
    "middleware",
    "path:pages/api/",
    "\\bGET\\b",
    "\\bPOST\\b",
    "\\bPUT\\b",
    "\\bPATCH\\b",
    "\\bDELETE\\b",
    "\\bHEAD\\b",
    "\\bOPTIONS\\b",
    "@ Get\\b",
    ". Get\\b",
    "@ Post\\b",
    ". Post\\b",
    "@ Put\\b",
    ". Put\\b",
    "@ Patch\\b",
    ". Patch\\b",
    "@ Delete\\b",
    ". Delete\\b",
    "@ All\\b",
    ". All\\b",
    "@ Options\\b",
    ". Options\\b",
    "@ Head\\b",
    ". Head\\b",
    "@ Sse\\b",
    ". Sse\\b",
    "@ Query\\b",
    ". Query\\b",
    "@ Mutation\\b",
    ". Mutation\\b",
    "@ ResolveField\\b",
    ". ResolveField\\b",
    "@ Subscription\\b",
    ". Subscription\\b",
    "\\bget ( '/",
    "\\bget ( \"/",
    "\\bget ( `/",
    "\\bget ( '*",
    "\\bget ( \"*",
    "\\bget ( `*",
    "\\bget ( /",
    "\\bget ( [",
    "\\bget ?.",
    "\\bget <",
    "\\bpost ( '/",
    "\\bpost ( \"/",
    "\\bpost ( `/",
    "\\bpost ( '*",
    "\\bpost ( \"*",
    "\\bpost ( `*",
    "\\bpost ( /",
    "\\bpost ( [",
    "\\bpost ?.",
    "\\bpost <",
    "\\bput ( '/",
    "\\bput ( \"/",
    "\\bput ( `/",
    "\\bput ( '*",
    "\\bput ( \"*",
    "\\bput ( `*",
    "\\bput ( /",
    "\\bput ( [",
    "\\bput ?.",
    "\\bput <",
    "\\bpatch ( '/",
    "\\bpatch ( \"/",
    "\\bpatch ( `/",
    "\\bpatch ( '*",
    "\\bpatch ( \"*",
    "\\bpatch ( `*",
    "\\bpatch ( /",
    "\\bpatch ( [",
    "\\bpatch ?.",
    "\\bpatch <",
    "\\bdelete ( '/",
    "\\bdelete ( \"/",
    "\\bdelete ( `/",
    "\\bdelete ( '*",
    "\\bdelete ( \"*",
    "\\bdelete ( `*",
    "\\bdelete ( /",
    "\\bdelete ( [",
    "\\bdelete ?.",
    "\\bdelete <",
    "\\bdel ( '/",
    "\\bdel ( \"/",
    "\\bdel ( `/",
    "\\bdel ( '*",
    "\\bdel ( \"*",
    "\\bdel ( `*",
    "\\bdel ( /",
    "\\bdel ( [",
    "\\bdel ?.",
    "\\bdel <",
    "\\ball ( '/",
    "\\ball ( \"/",
    "\\ball ( `/",
    "\\ball ( '*",
    "\\ball ( \"*",
    "\\ball ( `*",
    "\\ball ( /",
    "\\ball ( [",
    "\\ball ?.",
    "\\ball <",
    "\\bhead ( '/",
    "\\bhead ( \"/",
    "\\bhead ( `/",
    "\\bhead ( '*",
    "\\bhead ( \"*",
    "\\bhead ( `*",
    "\\bhead ( /",
    "\\bhead ( [",
    "\\bhead ?.",
    "\\bhead <",
    "\\boptions ( '/",
    "\\boptions ( \"/",
    "\\boptions ( `/",
    "\\boptions ( '*",
    "\\boptions ( \"*",
    "\\boptions ( `*",
    "\\boptions ( /",
    "\\boptions ( [",
    "\\boptions ?.",
    "\\boptions <",
    "\\buse ( '/",
    "\\buse ( \"/",
    "\\buse ( `/",
    "\\buse ( '*",
    "\\buse ( \"*",
    "\\buse ( `*",
    "\\buse ( /",
    "\\buse ( [",
    "\\buse ?.",
    "\\buse <",
];

/// One piece of a pattern after its anchor (or, reversed, before it).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// Literal bytes.
    Literal(Vec<u8>),
    /// Whitespace and comments, possibly none.
    Gap,
    /// No identifier character follows.
    BoundaryAfter,
    /// An identifier.
    Identifier,
    /// Any number of `(` and `await`, each followed by a gap.
    Opens,
    /// Any number of `)`, each followed by a gap.
    Closes,
}

/// A trigger pattern, compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pattern {
    /// The literal the Aho-Corasick pass looks for.
    anchor: Vec<u8>,
    /// What must come before the anchor, nearest first (only literals and gaps).
    before: Vec<Token>,
    /// What must come after the anchor.
    after: Vec<Token>,
    /// No identifier character may precede the match.
    boundary_before: bool,
    /// The match must start in module-level code.
    module_level: bool,
}

/// A parsed trigger string.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Trigger {
    /// A pattern matched against the text.
    Text(Pattern),
    /// A substring of the path.
    Path(String),
    /// A string that is not a valid pattern: it matches every file (the prefilter stays sound).
    Invalid,
}

impl Trigger {
    fn parse(source: &str) -> Trigger {
        if let Some(path) = source.strip_prefix("path:") {
            return Trigger::Path(path.to_string());
        }
        let (module_level, source) = match source.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, source),
        };
        let (boundary_before, source) = match source.strip_prefix("\\b") {
            Some(rest) => (true, rest),
            None => (false, source),
        };
        let mut tokens: Vec<Token> = Vec::new();
        let mut literal: Vec<u8> = Vec::new();
        let flush = |literal: &mut Vec<u8>, tokens: &mut Vec<Token>| {
            if !literal.is_empty() {
                tokens.push(Token::Literal(std::mem::take(literal)));
            }
        };
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                ' ' => {
                    flush(&mut literal, &mut tokens);
                    if tokens.last() != Some(&Token::Gap) {
                        tokens.push(Token::Gap);
                    }
                }
                '\\' => {
                    let special = match chars.next() {
                        Some('b') if chars.peek().is_none() => Token::BoundaryAfter,
                        Some('w') => Token::Identifier,
                        Some('(') => Token::Opens,
                        Some(')') => Token::Closes,
                        Some(escaped @ ('\\' | ' ' | '^')) => {
                            let mut buffer = [0; 4];
                            literal.extend_from_slice(escaped.encode_utf8(&mut buffer).as_bytes());
                            continue;
                        }
                        _ => return Trigger::Invalid,
                    };
                    flush(&mut literal, &mut tokens);
                    tokens.push(special);
                }
                _ => {
                    let mut buffer = [0; 4];
                    literal.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
            }
        }
        flush(&mut literal, &mut tokens);
        // A gap at either end matches nothing in particular.
        while tokens.first() == Some(&Token::Gap) {
            tokens.remove(0);
        }
        while tokens.last() == Some(&Token::Gap) {
            tokens.pop();
        }
        // The anchor is the longest literal (the rarest, as a rule); what precedes it is matched backwards,
        // which only literals and gaps support. The pattern must start with a literal.
        if !matches!(tokens.first(), Some(Token::Literal(_))) {
            return Trigger::Invalid;
        }
        let simple_prefix = |end: usize| {
            tokens[..end]
                .iter()
                .all(|t| matches!(t, Token::Literal(_) | Token::Gap))
        };
        let mut anchor_at = 0;
        for (index, token) in tokens.iter().enumerate() {
            if let (Token::Literal(bytes), Token::Literal(best)) = (token, &tokens[anchor_at]) {
                if bytes.len() > best.len() && simple_prefix(index) {
                    anchor_at = index;
                }
            }
        }
        let Token::Literal(anchor) = tokens[anchor_at].clone() else {
            unreachable!("the anchor is a literal")
        };
        let mut before: Vec<Token> = tokens[..anchor_at].to_vec();
        before.reverse();
        Trigger::Text(Pattern {
            anchor,
            before,
            after: tokens[anchor_at + 1..].to_vec(),
            boundary_before,
            module_level,
        })
    }
}

/// What one enabled rule needs in this family.
#[derive(Clone, Debug)]
enum Needs {
    /// The rule has no target in this family.
    Nothing,
    /// It may fire on any file.
    Always,
    /// Every one of these groups must match.
    Groups(Vec<u32>),
}

/// Per language family: the rules' trigger groups, compiled.
pub(crate) struct Prefilter {
    family: LanguageFamily,
    matcher: Option<AhoCorasick>,
    /// For each anchor of the matcher, the text patterns that start verifying there.
    by_anchor: Vec<Vec<u32>>,
    patterns: Vec<Pattern>,
    /// For each text pattern, the groups it satisfies.
    pattern_groups: Vec<Vec<u32>>,
    /// Path substrings and the groups they satisfy.
    paths: Vec<(String, Vec<u32>)>,
    /// Groups satisfied by every file (they hold an invalid pattern).
    always_groups: Vec<u32>,
    group_count: usize,
    rules: Vec<Needs>,
}

impl Prefilter {
    /// The prefilter of `family` for the enabled rules' targets (`None`: the rule has no target there).
    pub(crate) fn new<'a>(
        family: LanguageFamily,
        targets: impl IntoIterator<Item = Option<&'a Target>>,
    ) -> Prefilter {
        let mut prefilter = Prefilter {
            family,
            matcher: None,
            by_anchor: Vec::new(),
            patterns: Vec::new(),
            pattern_groups: Vec::new(),
            paths: Vec::new(),
            always_groups: Vec::new(),
            group_count: 0,
            rules: Vec::new(),
        };
        let mut sources: Vec<String> = Vec::new();
        let mut anchors: Vec<Vec<u8>> = Vec::new();
        for target in targets {
            let Some(target) = target else {
                prefilter.rules.push(Needs::Nothing);
                continue;
            };
            let groups: Vec<&[String]> = std::iter::once(target.triggers.as_slice())
                .chain(target.requires.iter().map(Vec::as_slice))
                .filter(|g| !g.is_empty())
                .collect();
            if groups.is_empty() {
                prefilter.rules.push(Needs::Always);
                continue;
            }
            let mut ids = Vec::new();
            for group in groups {
                let id = prefilter.group_count as u32;
                prefilter.group_count += 1;
                ids.push(id);
                for source in group {
                    match Trigger::parse(source) {
                        Trigger::Invalid => prefilter.always_groups.push(id),
                        Trigger::Path(path) => {
                            match prefilter.paths.iter_mut().find(|(p, _)| *p == path) {
                                Some((_, groups)) => groups.push(id),
                                None => prefilter.paths.push((path, vec![id])),
                            }
                        }
                        Trigger::Text(pattern) => {
                            if let Some(existing) = sources.iter().position(|s| s == source) {
                                prefilter.pattern_groups[existing].push(id);
                                continue;
                            }
                            let pattern_id = prefilter.patterns.len() as u32;
                            match anchors.iter().position(|a| *a == pattern.anchor) {
                                Some(anchor) => prefilter.by_anchor[anchor].push(pattern_id),
                                None => {
                                    anchors.push(pattern.anchor.clone());
                                    prefilter.by_anchor.push(vec![pattern_id]);
                                }
                            }
                            sources.push(source.clone());
                            prefilter.patterns.push(pattern);
                            prefilter.pattern_groups.push(vec![id]);
                        }
                    }
                }
            }
            prefilter.rules.push(Needs::Groups(ids));
        }
        if !anchors.is_empty() {
            let matcher = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&anchors)
                .or_else(|_| AhoCorasick::new(&anchors))
                .expect("literal anchors");
            prefilter.matcher = Some(matcher);
        }
        prefilter
    }

    /// The rules that may fire on `text` at `path` (every rule with a target in this family when
    /// `enabled` is false).
    pub(crate) fn active(&self, path: &Path, text: &str, enabled: bool) -> Vec<bool> {
        if !enabled || self.group_count == 0 {
            return self
                .rules
                .iter()
                .map(|needs| !matches!(needs, Needs::Nothing))
                .collect();
        }
        let mut satisfied = vec![false; self.group_count];
        let mut remaining = self.group_count;
        fn satisfy(groups: &[u32], satisfied: &mut [bool], remaining: &mut usize) {
            for &group in groups {
                if !satisfied[group as usize] {
                    satisfied[group as usize] = true;
                    *remaining -= 1;
                }
            }
        }
        satisfy(&self.always_groups, &mut satisfied, &mut remaining);
        if !self.paths.is_empty() {
            let path = path.to_string_lossy().replace('\\', "/");
            for (needle, groups) in &self.paths {
                if path.contains(needle.as_str()) {
                    satisfy(groups, &mut satisfied, &mut remaining);
                }
            }
        }
        if let Some(matcher) = self.matcher.as_ref().filter(|_| remaining > 0) {
            let bytes = text.as_bytes();
            let mut done = vec![false; self.patterns.len()];
            let mut region = Region::Unknown;
            'search: for found in matcher.find_overlapping_iter(text) {
                for &id in &self.by_anchor[found.pattern().as_usize()] {
                    let id = id as usize;
                    if done[id] {
                        continue;
                    }
                    let groups = &self.pattern_groups[id];
                    if groups.iter().all(|&g| satisfied[g as usize]) {
                        done[id] = true;
                        continue;
                    }
                    let pattern = &self.patterns[id];
                    if !pattern.matches_at(bytes, found.start(), found.end(), self.family) {
                        continue;
                    }
                    if pattern.module_level
                        && !region.is_module_level(bytes, self.family, found.start())
                    {
                        continue;
                    }
                    done[id] = true;
                    satisfy(groups, &mut satisfied, &mut remaining);
                    if remaining == 0 {
                        break 'search;
                    }
                }
            }
        }
        self.rules
            .iter()
            .map(|needs| match needs {
                Needs::Nothing => false,
                Needs::Always => true,
                Needs::Groups(groups) => groups.iter().all(|&g| satisfied[g as usize]),
            })
            .collect()
    }
}

/// A character that may continue an identifier (any non-ASCII byte counts: the pattern then matches
/// more, never less).
fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// A character before a match that makes it part of a longer identifier. Digits do not count (Python
/// reads `1if x else 2`), nor do non-ASCII characters (they may be spaces).
fn continues_identifier_before(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$'
}

/// A character after a match that makes it part of a longer identifier (non-ASCII does not count).
fn continues_identifier_after(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$'
}

/// The length of a Unicode space (JavaScript reads them as whitespace) starting at `at`.
fn unicode_space(bytes: &[u8], at: usize) -> usize {
    match bytes[at..] {
        [0xC2, 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] => 3,
        [0xE2, 0x80, 0x80..=0x8A, ..] | [0xE2, 0x80, 0xA8 | 0xA9 | 0xAF, ..] => 3,
        [0xE2, 0x81, 0x9F, ..] | [0xE3, 0x80, 0x80, ..] | [0xEF, 0xBB, 0xBF, ..] => 3,
        _ => 0,
    }
}

/// Skips whitespace, comments and line continuations forwards from `at`.
fn skip_gap(bytes: &[u8], mut at: usize, family: LanguageFamily) -> usize {
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
enum Back {
    /// The gap ends here.
    At(usize),
    /// The gap crosses a line, which may hold a line comment: the pattern cannot be ruled out.
    Unknown,
}

/// Skips whitespace and block comments backwards from `at` (exclusive).
fn skip_gap_back(bytes: &[u8], mut at: usize, family: LanguageFamily) -> Back {
    while at > 0 {
        match bytes[at - 1] {
            b'\n' | b'\r' => return Back::Unknown,
            b' ' | b'\t' | 0x0B | 0x0C => at -= 1,
            b'/' if family == LanguageFamily::JavaScript && at >= 2 && bytes[at - 2] == b'*' => {
                match memchr::memmem::rfind(&bytes[..at - 2], b"/*") {
                    Some(start) => at = start,
                    None => return Back::Unknown,
                }
            }
            0x80.. => return Back::Unknown,
            _ => break,
        }
    }
    Back::At(at)
}

impl Pattern {
    /// Whether the pattern matches with its anchor at `start..end`.
    fn matches_at(&self, bytes: &[u8], start: usize, end: usize, family: LanguageFamily) -> bool {
        let mut begin = start;
        for token in &self.before {
            match token {
                Token::Gap => match skip_gap_back(bytes, begin, family) {
                    Back::At(at) => begin = at,
                    Back::Unknown => return true,
                },
                Token::Literal(literal) => {
                    if !bytes[..begin].ends_with(literal) {
                        return false;
                    }
                    begin -= literal.len();
                }
                _ => unreachable!("only literals and gaps precede the anchor"),
            }
        }
        if self.boundary_before && begin > 0 && continues_identifier_before(bytes[begin - 1]) {
            return false;
        }
        let mut at = end;
        for token in &self.after {
            match token {
                Token::Literal(literal) => {
                    if !bytes[at..].starts_with(literal) {
                        return false;
                    }
                    at += literal.len();
                }
                Token::Gap => at = skip_gap(bytes, at, family),
                Token::BoundaryAfter => {
                    if bytes
                        .get(at)
                        .is_some_and(|&b| continues_identifier_after(b))
                    {
                        return false;
                    }
                }
                Token::Identifier => {
                    let length = bytes[at..]
                        .iter()
                        .take_while(|&&b| is_identifier_byte(b))
                        .count();
                    if length == 0 {
                        return false;
                    }
                    at += length;
                }
                Token::Opens => loop {
                    if bytes.get(at) == Some(&b'(') {
                        at = skip_gap(bytes, at + 1, family);
                    } else if bytes[at..].starts_with(b"await")
                        && !bytes.get(at + 5).is_some_and(|&b| is_identifier_byte(b))
                    {
                        at = skip_gap(bytes, at + 5, family);
                    } else {
                        break;
                    }
                },
                Token::Closes => {
                    while bytes.get(at) == Some(&b')') {
                        at = skip_gap(bytes, at + 1, family);
                    }
                }
            }
        }
        true
    }
}

/// Where module-level code is, computed once per file when a `^` pattern needs it.
enum Region {
    Unknown,
    /// Everything counts as module level.
    Everywhere,
    /// Byte ranges of code that is not module level, sorted.
    Outside(Vec<(usize, usize)>),
}

impl Region {
    fn is_module_level(&mut self, bytes: &[u8], family: LanguageFamily, at: usize) -> bool {
        if let Region::Unknown = self {
            *self = match family {
                LanguageFamily::Python => {
                    python_nested_code(bytes).map_or(Region::Everywhere, Region::Outside)
                }
                LanguageFamily::JavaScript => Region::Everywhere,
            };
        }
        match self {
            Region::Outside(ranges) => {
                let after = ranges.partition_point(|&(start, _)| start <= at);
                after == 0 || ranges[after - 1].1 <= at
            }
            _ => true,
        }
    }
}

/// The byte ranges of Python `def` and `class` statements (headers and bodies), outermost only; `None`
/// when the file cannot be read reliably (a tab in an indentation, an unterminated string or bracket, a
/// `global` statement, which lets a function bind module names), and then every byte counts as module
/// level.
fn python_nested_code(bytes: &[u8]) -> Option<Vec<(usize, usize)>> {
    if contains_word(bytes, b"global") {
        return None;
    }
    let mut ranges = Vec::new();
    // Open `def`/`class` blocks: (indentation of the header, start of the outermost one).
    let mut blocks: Vec<usize> = Vec::new();
    let mut outer_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        // At the start of a physical line that starts a logical line.
        let line_start = at;
        let mut indent = 0;
        while at < bytes.len() && bytes[at] == b' ' {
            indent += 1;
            at += 1;
        }
        match bytes.get(at) {
            None => break,
            Some(b'\t' | 0x0C) => return None,
            Some(b'\n') => {
                at += 1;
                continue;
            }
            Some(b'\r') => {
                at += 1;
                continue;
            }
            Some(b'#') => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
                continue;
            }
            Some(b'\\') if matches!(bytes.get(at + 1), Some(b'\n' | b'\r')) => {
                // A blank line continued: part of the next logical line; read it as one.
            }
            _ => {}
        }
        while blocks.last().is_some_and(|&header| header >= indent) {
            blocks.pop();
            if blocks.is_empty() {
                ranges.push((outer_start, line_start));
            }
        }
        let header = starts_with_word(&bytes[at..], b"def")
            || starts_with_word(&bytes[at..], b"class")
            || (starts_with_word(&bytes[at..], b"async") && {
                let after = skip_gap(bytes, at + 5, LanguageFamily::Python);
                starts_with_word(&bytes[after..], b"def")
            });
        let (end, last) = logical_line_end(bytes, at)?;
        if header {
            if blocks.is_empty() {
                outer_start = line_start;
            }
            if last == Some(b':') {
                blocks.push(indent);
            } else if blocks.is_empty() {
                ranges.push((line_start, end));
            }
        }
        at = end;
    }
    if !blocks.is_empty() {
        ranges.push((outer_start, bytes.len()));
    }
    Some(ranges)
}

/// The end of the logical line starting at `at` (after its newline) and its last significant byte
/// (comments and whitespace aside); `None` for an unterminated string or unbalanced brackets.
fn logical_line_end(bytes: &[u8], mut at: usize) -> Option<(usize, Option<u8>)> {
    let mut depth: usize = 0;
    let mut last = None;
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            b'\n' if depth == 0 => return Some((at + 1, last)),
            b' ' | b'\t' | b'\r' | b'\n' | 0x0C => at += 1,
            b'\\' => {
                // A line continuation (or a stray backslash).
                at += if bytes.get(at + 1) == Some(&b'\r') && bytes.get(at + 2) == Some(&b'\n') {
                    3
                } else {
                    2
                };
            }
            b'#' => {
                at = memchr::memchr(b'\n', &bytes[at..]).unwrap_or(bytes.len() - at) + at;
            }
            b'\'' | b'"' => {
                at = string_end(bytes, at)?;
                last = Some(byte);
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                last = Some(byte);
                at += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                last = Some(byte);
                at += 1;
            }
            _ => {
                last = Some(byte);
                at += 1;
            }
        }
    }
    (depth == 0).then_some((bytes.len(), last))
}

/// The end of the Python string literal whose opening quote is at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let quote = bytes[at];
    let triple = bytes.get(at + 1) == Some(&quote) && bytes.get(at + 2) == Some(&quote);
    let mut i = at + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return None,
            byte if byte == quote => {
                if !triple {
                    return Some(i + 1);
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    return Some(i + 3);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

fn starts_with_word(bytes: &[u8], word: &[u8]) -> bool {
    bytes.starts_with(word)
        && !bytes
            .get(word.len())
            .is_some_and(|&b| continues_identifier_after(b))
}

fn contains_word(bytes: &[u8], word: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, word).any(|at| {
        (at == 0 || !continues_identifier_before(bytes[at - 1]))
            && !bytes
                .get(at + word.len())
                .is_some_and(|&b| continues_identifier_after(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(triggers: &[&str], requires: &[&[&str]]) -> Target {
        Target {
            family: LanguageFamily::Python,
            node_kinds: Vec::new(),
            triggers: triggers.iter().map(|s| s.to_string()).collect(),
            requires: requires
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    fn fires_in(family: LanguageFamily, path: &str, triggers: &[&str], text: &str) -> bool {
        let mut t = target(triggers, &[]);
        t.family = family;
        Prefilter::new(family, [Some(&t)]).active(Path::new(path), text, true)[0]
    }

    fn js(triggers: &[&str], text: &str) -> bool {
        fires_in(LanguageFamily::JavaScript, "a.js", triggers, text)
    }

    fn py(triggers: &[&str], text: &str) -> bool {
        fires_in(LanguageFamily::Python, "a.py", triggers, text)
    }

    #[test]
    fn literals_and_gaps() {
        assert!(js(&["Sync"], "fs.readFileSync(p)"));
        assert!(!js(&["Sync"], "fs.readFile(p)"));
        assert!(js(&[". on"], "bus\n  .on('x', f)"));
        assert!(js(&[". on"], "bus. /* c */ on('x', f)"));
        assert!(js(&[". on"], "bus.\n  // c\n  on('x', f)"));
        assert!(!js(&[". on"], "bus.once('x', f)") || js(&[". on\\b"], "bus.on()"));
        assert!(!js(&[". on\\b"], "bus.once('x', f)"));
        assert!(py(&["async def"], "async  def f(): pass"));
        assert!(py(&["async def"], "async \\\n def f(): pass"));
        assert!(py(&["{ }"], "x = { # c\n }"));
        assert!(!py(&["{ }"], "x = { 'a': 1 }"));
    }

    #[test]
    fn boundaries() {
        assert!(py(&["\\bfor\\b"], "for x in y: pass"));
        assert!(py(&["\\bfor\\b"], "[0for x in y]"));
        assert!(!py(&["\\bfor\\b"], "format(before)"));
        assert!(js(&["\\bget ( '/"], "app.get('/users', h)"));
        assert!(js(
            &["\\bget ( '/"],
            "app.get(\n  // the list\n  '/users', h)"
        ));
        assert!(!js(&["\\bget ( '/"], "map.get('x')"));
        assert!(!js(&["\\bget ( '/"], "forget('/users')"));
    }

    #[test]
    fn identifiers_and_wrappers() {
        let concat = &["+=", "= \\( \\w \\) +"];
        assert!(js(concat, "s += x"));
        assert!(js(concat, "s = s + x"));
        assert!(js(concat, "s = ((s)) + x"));
        assert!(js(concat, "s = (await s) + x"));
        assert!(js(concat, "s = await s + x"));
        assert!(js(concat, "s = /* c */ s\n  + x"));
        assert!(!js(concat, "s = f(s) + x"));
        assert!(!js(concat, "s = s - x; t = u * 2"));
    }

    #[test]
    fn groups_must_all_match() {
        let t = target(&["+="], &[&["\\bfor\\b", "\\bwhile\\b"]]);
        let prefilter = Prefilter::new(LanguageFamily::Python, [Some(&t), None]);
        let path = Path::new("a.py");
        assert_eq!(
            prefilter.active(path, "for x in y:\n    s += x\n", true),
            [true, false]
        );
        assert_eq!(prefilter.active(path, "s += x\n", true), [false, false]);
        assert_eq!(prefilter.active(path, "s += x\n", false), [true, false]);
    }

    #[test]
    fn paths() {
        assert!(fires_in(
            LanguageFamily::JavaScript,
            "web/pages/api/user.js",
            &["path:pages/api/"],
            ""
        ));
        assert!(!fires_in(
            LanguageFamily::JavaScript,
            "web/pages/user.js",
            &["path:pages/api/"],
            ""
        ));
    }

    #[test]
    fn invalid_patterns_match_everything() {
        assert_eq!(Trigger::parse("\\q"), Trigger::Invalid);
        assert_eq!(Trigger::parse("\\w +"), Trigger::Invalid);
        assert!(py(&["\\q"], ""));
    }

    #[test]
    fn the_shared_handler_group_parses() {
        for pattern in JS_HANDLER_TRIGGERS {
            assert_ne!(Trigger::parse(pattern), Trigger::Invalid, "{pattern}");
        }
    }

    /// Every JavaScript file of the labeled corpus in which the semantic layer finds a registered handler
    /// matches the handler group, and so do the handler snippets of the semantic tests' kind.
    #[test]
    fn files_with_handlers_match_the_handler_group() {
        let group = Target {
            family: LanguageFamily::JavaScript,
            node_kinds: Vec::new(),
            triggers: JS_HANDLER_TRIGGERS.iter().map(|s| s.to_string()).collect(),
            requires: Vec::new(),
        };
        let prefilter = Prefilter::new(LanguageFamily::JavaScript, [Some(&group)]);
        let mut sources: Vec<(std::path::PathBuf, String)> = [
            (
                "a.js",
                "app.get('/x', (req, res) => res.send(fs.readFileSync('f')));",
            ),
            (
                "a.ts",
                "router.post<Params>(\"/x\", handle);\nfunction handle(req, res) {}",
            ),
            (
                "a.js",
                "server.route({ method: 'GET', path: '/x', handler: (r) => r });",
            ),
            ("a.js", "http.createServer((req, res) => {});"),
            ("a.js", "exports.handler = async (event) => {};"),
            ("pages/api/user.js", "export default function (req, res) {}"),
            ("app/api/route.ts", "export async function GET(request) {}"),
            ("a.ts", "class C { @Get(':id') find() {} }"),
            ("a.js", "app.use(/^\\/api/, (req, res, next) => next());"),
        ]
        .iter()
        .map(|(path, text)| (std::path::PathBuf::from(path), text.to_string()))
        .collect();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let mut folders = vec![corpus];
        // A larger tree to check by hand (the benchmark's JavaScript corpus).
        folders.extend(std::env::var_os("SNAG_HANDLER_CORPUS").map(std::path::PathBuf::from));
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).expect("corpus folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() && path.file_name().is_some_and(|n| n != "node_modules") {
                    folders.push(path);
                } else if crate::Language::from_path(&path)
                    .is_some_and(|l| l.family() == LanguageFamily::JavaScript)
                {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        sources.push((path, text));
                    }
                }
            }
        }
        let mut with_handlers = 0;
        for (path, text) in &sources {
            let language = crate::Language::from_path(path).expect("a JavaScript path");
            let tree = crate::engine::parse(language, text).expect("parsed");
            let semantic =
                crate::semantic::Semantic::build(language, path, text, &tree, &mut |_| {});
            let registered = semantic.functions().any(|(_, f)| {
                matches!(
                    f.handler,
                    Some(crate::semantic::HandlerOrigin::Registered { .. })
                )
            });
            if registered {
                with_handlers += 1;
                assert!(
                    prefilter.active(path, text, true)[0],
                    "{} has handler code but matches no handler trigger",
                    path.display()
                );
            }
        }
        assert!(with_handlers >= 20, "{with_handlers} files with handlers");
    }

    #[test]
    fn module_level_python() {
        let cache = &["^{ }"];
        assert!(py(cache, "CACHE = {}\ndef f():\n    CACHE[1] = 2\n"));
        assert!(py(cache, "if X:\n    CACHE = {}\n"));
        assert!(!py(cache, "def f():\n    local = {}\n    return local\n"));
        assert!(!py(cache, "class A:\n    attr = {}\n"));
        assert!(!py(cache, "def f(): return {}\n"));
        assert!(!py(
            cache,
            "@dec\nasync def f(\n    a,\n):\n    x = {}\n\n  # odd comment\n    y = []\n"
        ));
        assert!(py(cache, "def f():\n    x = 1\nCACHE = {}\n"));
        assert!(py(
            cache,
            "def f():\n    s = '''\n}\nCACHE = {}\n'''\nC = {}\n"
        ));
        // `global` lets a function bind a module name: everything counts.
        assert!(py(cache, "def f():\n    global C\n    C = {}\n"));
        // Unreadable files count as module level throughout.
        assert!(py(cache, "def f():\n\tx = {}\n"));
        assert!(py(cache, "def f():\n    x = 'abc\n    y = {}\n"));
    }
}
