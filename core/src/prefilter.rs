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
//!   JavaScript: outside the bodies of `function`s and arrow functions);
//! - `path:TEXT`: the file's path (with `/` separators) contains `TEXT`;
//! - `check:NAME`: a check the engine knows, too structural for a pattern (see [`Check`]). Checks run last,
//!   and only for a rule whose other groups matched.
//!
//! [`Target::triggers`]: crate::rule::Target::triggers
//! [`Target::requires`]: crate::rule::Target::requires

use crate::language::LanguageFamily;
use crate::rule::Target;
use crate::scan::{self, skip_gap, skip_gap_back, Back};
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

/// Bytes that are everywhere in code: an anchor made of them is found too often to be a good one.
const COMMON_BYTES: &[u8] = b" \t\n=.,;:()[]{}'\"";

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
    /// When the anchor is short and a gap and a literal follow it, the literal's first byte: the
    /// Aho-Corasick pass looks for the anchor followed by that byte or by whatever may start a gap, which
    /// is much rarer than the anchor alone (`.` in `. on`).
    expand: Option<u8>,
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
    /// A built-in check.
    Check(Check),
    /// A string that is not a valid pattern: it matches every file (the prefilter stays sound).
    Invalid,
}

impl Trigger {
    fn parse(source: &str) -> Trigger {
        if let Some(path) = source.strip_prefix("path:") {
            return Trigger::Path(path.to_string());
        }
        if let Some(name) = source.strip_prefix("check:") {
            return match name {
                "string-concat" => Trigger::Check(Check::StringConcat),
                "queryset-test" => Trigger::Check(Check::QuerysetTest),
                _ => Trigger::Invalid,
            };
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
        // The anchor is the literal the Aho-Corasick pass finds most rarely: the longest (counting the byte
        // after a short one followed by a gap: `.` of `. on` is looked for as `.o`, `. `, `.\n`, ...),
        // then the one made of rarer bytes; the rest of the pattern is matched forwards and backwards from
        // it. The pattern must start with a literal.
        if !matches!(tokens.first(), Some(Token::Literal(_))) {
            return Trigger::Invalid;
        }
        let expandable = |index: usize| -> Option<u8> {
            match (&tokens[index], tokens.get(index + 1), tokens.get(index + 2)) {
                (Token::Literal(bytes), Some(Token::Gap), Some(Token::Literal(next)))
                    if bytes.len() <= 2 =>
                {
                    next.first().copied()
                }
                _ => None,
            }
        };
        let score = |index: usize| -> Option<(usize, bool, usize)> {
            let Token::Literal(bytes) = &tokens[index] else {
                return None;
            };
            let expanded = expandable(index).is_some();
            let length = bytes.len() + usize::from(expanded);
            let rare = bytes.iter().filter(|b| !COMMON_BYTES.contains(b)).count();
            Some((length, expanded, rare))
        };
        let mut anchor_at = 0;
        for index in 1..tokens.len() {
            if score(index) > score(anchor_at) {
                anchor_at = index;
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
            expand: expandable(anchor_at),
            boundary_before,
            module_level,
        })
    }
}

/// The checks a trigger can name (`check:NAME`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// `check:string-concat`: some name is both grown by concatenation (`s += x`, `s = s + x`) and
    /// initialised as a string (a value with a string literal, `str(...)`, `repr(...)`, `.join`,
    /// `.format`, `.strip`, `.upper`, `.lower` on its logical line, or a `: str` annotation), or a function
    /// is declared `-> str`. Python only; in JavaScript it always matches.
    StringConcat,
    /// `check:queryset-test`: a logical line that tests or counts (`if`, `elif`, `not`, `and`, `or`,
    /// `len`, `bool`) and either calls a queryset method (`.filter(`, `.all(`, ... , `get_queryset`) or
    /// names a variable assigned from one (directly or through other variables). Python only; in
    /// JavaScript it always matches.
    QuerysetTest,
}

impl Check {
    fn holds(self, bytes: &[u8], family: LanguageFamily) -> bool {
        match (self, family) {
            (Check::StringConcat, LanguageFamily::Python) => python_string_concat(bytes),
            (Check::QuerysetTest, LanguageFamily::Python) => python_queryset_test(bytes),
            (_, LanguageFamily::JavaScript) => true,
        }
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
    /// Checks and the groups they satisfy.
    checks: Vec<(Check, Vec<u32>)>,
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
            checks: Vec::new(),
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
                        Trigger::Check(check) => {
                            match prefilter.checks.iter_mut().find(|(c, _)| *c == check) {
                                Some((_, groups)) => groups.push(id),
                                None => prefilter.checks.push((check, vec![id])),
                            }
                        }
                        Trigger::Text(pattern) => {
                            if let Some(existing) = sources.iter().position(|s| s == source) {
                                prefilter.pattern_groups[existing].push(id);
                                continue;
                            }
                            let pattern_id = prefilter.patterns.len() as u32;
                            let searched: Vec<Vec<u8>> = match pattern.expand {
                                Some(next) => std::iter::once(next)
                                    .chain(scan::gap_starts(family).iter().copied())
                                    .map(|b| [pattern.anchor.as_slice(), &[b]].concat())
                                    .collect(),
                                None => vec![pattern.anchor.clone()],
                            };
                            for literal in searched {
                                match anchors.iter().position(|a| *a == literal) {
                                    Some(anchor) => prefilter.by_anchor[anchor].push(pattern_id),
                                    None => {
                                        anchors.push(literal);
                                        prefilter.by_anchor.push(vec![pattern_id]);
                                    }
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
    /// `enabled` is false). Rules the file is `exempt` from are never active, and when every rule is, the
    /// text is not searched.
    pub(crate) fn active(
        &self,
        path: &Path,
        text: &str,
        enabled: bool,
        exempt: &[bool],
    ) -> Vec<bool> {
        let possible = |index: usize| !exempt.get(index).copied().unwrap_or(false);
        if !enabled || self.group_count == 0 {
            return self
                .rules
                .iter()
                .enumerate()
                .map(|(index, needs)| !matches!(needs, Needs::Nothing) && possible(index))
                .collect();
        }
        let searched = self
            .rules
            .iter()
            .enumerate()
            .any(|(index, needs)| matches!(needs, Needs::Groups(_)) && possible(index));
        if !searched {
            return self
                .rules
                .iter()
                .enumerate()
                .map(|(index, needs)| matches!(needs, Needs::Always) && possible(index))
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
        // Matches of `^` patterns, whose place (module level or not) is checked last.
        let mut pending: Vec<(usize, usize)> = Vec::new();
        if let Some(matcher) = self.matcher.as_ref().filter(|_| remaining > 0) {
            let bytes = text.as_bytes();
            let mut done = vec![false; self.patterns.len()];
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
                    let (start, end) = (found.start(), found.start() + pattern.anchor.len());
                    if !pattern.matches_at(bytes, start, end, self.family) {
                        continue;
                    }
                    if pattern.module_level {
                        // Decided after the search, and only if it matters.
                        pending.push((id, start));
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
        // A file some rule will be parsed for anyway: the costlier conditions below (where module-level
        // code is, the checks) only decide which rules run on it, and a rule that runs needlessly finds
        // nothing. They are then taken as met.
        let parsed_anyway = self.rules.iter().enumerate().any(|(index, needs)| {
            possible(index)
                && match needs {
                    Needs::Nothing => false,
                    Needs::Always => true,
                    Needs::Groups(groups) => groups.iter().all(|&g| satisfied[g as usize]),
                }
        });
        let bytes = text.as_bytes();
        let mut region = Region::Unknown;
        for (id, start) in pending {
            let groups = &self.pattern_groups[id];
            if groups.iter().all(|&g| satisfied[g as usize]) {
                continue;
            }
            if parsed_anyway || region.is_module_level(bytes, self.family, start) {
                satisfy(groups, &mut satisfied, &mut remaining);
            }
        }
        // Checks, last: only where one would decide a rule (its other groups all matched).
        let mut parsed_anyway = parsed_anyway;
        for (check, groups) in &self.checks {
            let decides = self.rules.iter().any(|needs| {
                let Needs::Groups(needed) = needs else {
                    return false;
                };
                let open: Vec<u32> = needed
                    .iter()
                    .copied()
                    .filter(|&g| !satisfied[g as usize])
                    .collect();
                !open.is_empty() && open.iter().all(|g| groups.contains(g))
            });
            if decides && (parsed_anyway || check.holds(bytes, self.family)) {
                satisfy(groups, &mut satisfied, &mut remaining);
                parsed_anyway = true;
            }
        }
        self.rules
            .iter()
            .enumerate()
            .map(|(index, needs)| {
                possible(index)
                    && match needs {
                        Needs::Nothing => false,
                        Needs::Always => true,
                        Needs::Groups(groups) => groups.iter().all(|&g| satisfied[g as usize]),
                    }
            })
            .collect()
    }
}

/// `check:string-concat` in Python (see [`Check::StringConcat`]).
fn python_string_concat(bytes: &[u8]) -> bool {
    let family = LanguageFamily::Python;
    // A call of a function declared to return `str` initialises a string under any name.
    let returns_str = memchr::memmem::find_iter(bytes, b"->").any(|at| {
        let after = skip_gap(bytes, at + 2, family);
        scan::starts_with_word(&bytes[after..], b"str")
    });
    if returns_str {
        return true;
    }
    // The names grown by concatenation; a target that cannot be read lets anything go.
    let mut targets: Vec<&[u8]> = Vec::new();
    // `name += ...` (not `obj.name += ...`, `name[0] += ...`).
    for at in memchr::memmem::find_iter(bytes, b"+=") {
        let Back::At(end) = skip_gap_back(bytes, at, family) else {
            return true;
        };
        let length = scan::identifier_before(bytes, end);
        if length == 0 {
            continue;
        }
        let start = end - length;
        let attribute = matches!(skip_gap_back(bytes, start, family), Back::At(b) if b > 0 && bytes[b - 1] == b'.');
        if !attribute {
            targets.push(&bytes[start..end]);
        }
    }
    // `name = name + ...`, the left operand maybe wrapped (`(name)`, `await name`).
    for at in memchr::memchr_iter(b'+', bytes) {
        if bytes.get(at + 1) == Some(&b'=') {
            continue;
        }
        let mut begin = at;
        loop {
            let Back::At(b) = skip_gap_back(bytes, begin, family) else {
                return true;
            };
            begin = b;
            if begin > 0 && bytes[begin - 1] == b')' {
                begin -= 1;
            } else {
                break;
            }
        }
        let length = scan::identifier_before(bytes, begin);
        if length == 0 {
            continue;
        }
        let operand = &bytes[begin - length..begin];
        begin -= length;
        loop {
            let Back::At(b) = skip_gap_back(bytes, begin, family) else {
                return true;
            };
            begin = b;
            if begin > 0 && bytes[begin - 1] == b'(' {
                begin -= 1;
            } else if scan::keyword_before(bytes, begin, b"await") {
                begin -= 5;
            } else {
                break;
            }
        }
        let assignment = begin > 0
            && bytes[begin - 1] == b'='
            && !(begin > 1 && matches!(bytes[begin - 2], b'=' | b'!' | b'<' | b'>'));
        if !assignment {
            continue;
        }
        let Back::At(end) = skip_gap_back(bytes, begin - 1, family) else {
            return true;
        };
        let length = scan::identifier_before(bytes, end);
        if length > 0 && &bytes[end - length..end] == operand {
            targets.push(operand);
        }
    }
    targets.sort_unstable();
    targets.dedup();
    targets
        .iter()
        .any(|name| python_string_initialised(bytes, name))
}

/// `check:queryset-test` in Python (see [`Check::QuerysetTest`]). String contents count as code (an
/// f-string holds code), comments do not.
fn python_queryset_test<'b>(bytes: &'b [u8]) -> bool {
    const CHAIN: &[&[u8]] = &[
        b"all",
        b"filter",
        b"exclude",
        b"order_by",
        b"select_related",
        b"prefetch_related",
        b"annotate",
        b"values",
        b"values_list",
        b"distinct",
        b"only",
        b"defer",
        b"using",
        b"reverse",
        b"alias",
    ];
    const SITES: &[&[u8]] = &[b"if", b"elif", b"not", b"and", b"or", b"len", b"bool"];
    let family = LanguageFamily::Python;
    /// What one logical line holds.
    struct Line<'b> {
        names: Vec<&'b [u8]>,
        /// Names followed by `=` (assigned, or keyword arguments).
        targets: Vec<&'b [u8]>,
        tests: bool,
        queryset: bool,
    }
    // A word of a line: a name, a test, a queryset method call, an assignment target.
    let word = |start: usize, stop: usize, line: &mut Line<'b>| {
        let word = &bytes[start..stop];
        line.names.push(word);
        line.tests |= SITES.contains(&word);
        let after = skip_gap(bytes, stop, family);
        let before_dot = matches!(
            skip_gap_back(bytes, start, family),
            Back::At(b) if b > 0 && bytes[b - 1] == b'.'
        );
        if word == b"get_queryset"
            || word == b"filter_queryset"
            || (before_dot && CHAIN.contains(&word) && bytes.get(after) == Some(&b'('))
        {
            line.queryset = true;
        }
        if bytes.get(after) == Some(&b'=') && bytes.get(after + 1) != Some(&b'=') {
            line.targets.push(word);
        }
    };
    // The words of `start..stop` that are not numbers.
    let words = |mut i: usize, stop: usize, line: &mut Line<'b>| {
        while i < stop {
            if scan::is_identifier_byte(bytes[i]) {
                let start = i;
                i += scan::identifier_after(&bytes[..stop], i);
                if !bytes[start].is_ascii_digit() {
                    word(start, i, line);
                }
            } else {
                i += 1;
            }
        }
    };
    let mut lines: Vec<Line<'b>> = Vec::new();
    let mut logical_lines = scan::python::logical_lines(bytes);
    while let Some(logical) = logical_lines.next() {
        if logical_lines.malformed() {
            return true;
        }
        let mut line = Line {
            names: Vec::new(),
            targets: Vec::new(),
            tests: false,
            queryset: false,
        };
        let (mut i, end) = (logical.start, logical.end);
        while i < end {
            match bytes[i] {
                b'\'' | b'"' => {
                    let Ok(close) = scan::python::string_end(bytes, i) else {
                        return true;
                    };
                    // An f-string holds code: its words count.
                    words(i + 1, close.min(end), &mut line);
                    i = close;
                }
                b'#' => {
                    i = memchr::memchr(b'\n', &bytes[i..end]).map_or(end, |n| i + n);
                }
                byte if scan::is_identifier_byte(byte) => {
                    let start = i;
                    i += scan::identifier_after(&bytes[..end], i);
                    if !bytes[start].is_ascii_digit() {
                        word(start, i, &mut line);
                    }
                }
                _ => i += 1,
            }
        }
        lines.push(line);
    }
    // The names that may hold a queryset: assigned on a line that makes one or names one.
    let mut querysets: Vec<&[u8]> = Vec::new();
    let mut changed = true;
    while changed {
        changed = false;
        for line in &lines {
            if line.targets.is_empty() {
                continue;
            }
            let makes = line.queryset || line.names.iter().any(|n| querysets.contains(n));
            if makes {
                for target in &line.targets {
                    if !querysets.contains(target) {
                        querysets.push(target);
                        changed = true;
                    }
                }
            }
        }
    }
    lines.iter().any(|line| {
        line.tests && (line.queryset || line.names.iter().any(|n| querysets.contains(n)))
    })
}
/// Whether `name` is given a string somewhere (see [`Check::StringConcat`]): an occurrence followed by
/// `=` or `:` whose logical line has a string hint after it, or one bound by `as`.
fn python_string_initialised(bytes: &[u8], name: &[u8]) -> bool {
    let family = LanguageFamily::Python;
    memchr::memmem::find_iter(bytes, name).any(|at| {
        let end = at + name.len();
        let whole =
            scan::identifier_before(bytes, at) == 0 && scan::identifier_after(bytes, end) == 0;
        if !whole {
            return false;
        }
        // `with ... as name` (also `except ... as name`, `import ... as name`): not followed.
        let bound_by_as = match skip_gap_back(bytes, at, family) {
            Back::At(b) => scan::keyword_before(bytes, b, b"as"),
            Back::Unknown => false,
        };
        let after = skip_gap(bytes, end, family);
        bound_by_as
            || match bytes.get(after) {
                Some(b'=') if bytes.get(after + 1) != Some(&b'=') => string_hint(bytes, after + 1),
                Some(b':') => string_hint(bytes, after + 1),
                _ => false,
            }
    })
}

/// Whether the rest of the logical line from `at` has a quote or names `str`, `repr`, `join`, `format`,
/// `strip`, `upper` or `lower` (comments aside).
fn string_hint(bytes: &[u8], mut at: usize) -> bool {
    const HINTS: &[&[u8]] = &[
        b"str", b"repr", b"join", b"format", b"strip", b"upper", b"lower",
    ];
    let mut depth: i64 = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\'' | b'"' => return true,
            b'#' => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            }
            b'\\' => at += 2,
            b'\n' if depth <= 0 => return false,
            b'(' | b'[' | b'{' => {
                depth += 1;
                at += 1;
            }
            b')' | b']' | b'}' => {
                depth -= 1;
                at += 1;
            }
            byte if scan::is_identifier_byte(byte) => {
                let start = at;
                at += scan::identifier_after(bytes, at);
                if HINTS.contains(&&bytes[start..at]) {
                    return true;
                }
            }
            _ => at += 1,
        }
    }
    false
}

impl Pattern {
    /// Whether the pattern matches with its anchor at `start..end`.
    fn matches_at(&self, bytes: &[u8], start: usize, end: usize, family: LanguageFamily) -> bool {
        self.matches_before(bytes, start, family) && self.matches_after(bytes, end, family)
    }

    /// Whether what precedes the anchor at `start` can match (a gap that cannot be read backwards
    /// can).
    fn matches_before(&self, bytes: &[u8], start: usize, family: LanguageFamily) -> bool {
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
                Token::Identifier => {
                    let length = scan::identifier_before(bytes, begin);
                    if length == 0 {
                        return false;
                    }
                    begin -= length;
                }
                // Wrappers are each followed by a gap: skip gaps and wrappers alike.
                Token::Opens | Token::Closes => loop {
                    match skip_gap_back(bytes, begin, family) {
                        Back::At(at) => begin = at,
                        Back::Unknown => return true,
                    }
                    let wrapper = if *token == Token::Closes { b')' } else { b'(' };
                    if begin > 0 && bytes[begin - 1] == wrapper {
                        begin -= 1;
                    } else if *token == Token::Opens && scan::keyword_before(bytes, begin, b"await")
                    {
                        begin -= 5;
                    } else {
                        break;
                    }
                },
                Token::BoundaryAfter => unreachable!("a boundary after ends the pattern"),
            }
        }
        !(self.boundary_before && begin > 0 && scan::continues_identifier_before(bytes[begin - 1]))
    }

    /// Whether what follows the anchor ending at `end` matches.
    fn matches_after(&self, bytes: &[u8], end: usize, family: LanguageFamily) -> bool {
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
                        .is_some_and(|&b| scan::continues_identifier_after(b))
                    {
                        return false;
                    }
                }
                Token::Identifier => {
                    let length = scan::identifier_after(bytes, at);
                    if length == 0 {
                        return false;
                    }
                    at += length;
                }
                Token::Opens => loop {
                    if bytes.get(at) == Some(&b'(') {
                        at = skip_gap(bytes, at + 1, family);
                    } else if scan::starts_with_keyword(&bytes[at..], b"await") {
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
                    scan::python::nested_code(bytes).map_or(Region::Everywhere, Region::Outside)
                }
                LanguageFamily::JavaScript => scan::javascript::function_bodies(bytes)
                    .map_or(Region::Everywhere, Region::Outside),
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
        Prefilter::new(family, [Some(&t)]).active(Path::new(path), text, true, &[])[0]
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
        assert!(js(concat, "s = s\n  + x"));
        assert!(js(concat, "s =\n  s\n  + x"));
        assert!(js(concat, "s = // the start\n  s + x"));
        assert!(!js(concat, "f(s)\n  + x"));
        assert!(py(&["= \\( \\w \\) +"], "s = s \\\n  + x"));
        assert!(py(&["= \\( \\w \\) +"], "s = (s  # the start\n  + x)"));
        assert!(!js(concat, "s = s - x; t = u * 2"));
    }

    #[test]
    fn groups_must_all_match() {
        let t = target(&["+="], &[&["\\bfor\\b", "\\bwhile\\b"]]);
        let prefilter = Prefilter::new(LanguageFamily::Python, [Some(&t), None]);
        let path = Path::new("a.py");
        assert_eq!(
            prefilter.active(path, "for x in y:\n    s += x\n", true, &[]),
            [true, false]
        );
        assert_eq!(
            prefilter.active(path, "s += x\n", true, &[]),
            [false, false]
        );
        assert_eq!(
            prefilter.active(path, "s += x\n", false, &[]),
            [true, false]
        );
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
    fn anchors_are_the_rarest_literals() {
        let anchor = |source: &str| match Trigger::parse(source) {
            Trigger::Text(p) => (String::from_utf8(p.anchor).unwrap(), p.expand),
            other => panic!("{other:?}"),
        };
        assert_eq!(anchor("= \\( \\w \\) +"), ("+".into(), None));
        assert_eq!(anchor(". on\\b"), (".".into(), Some(b'o')));
        assert_eq!(anchor(". objects\\b"), ("objects".into(), None));
        assert_eq!(anchor("^= \\( dict\\b"), ("dict".into(), None));
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
                    prefilter.active(path, text, true, &[])[0],
                    "{} has handler code but matches no handler trigger",
                    path.display()
                );
            }
        }
        assert!(with_handlers >= 20, "{with_handlers} files with handlers");
    }

    #[test]
    fn string_concat_check() {
        let holds = |text: &str| python_string_concat(text.as_bytes());
        assert!(holds("s = ''\nfor x in y:\n    s += x\n"));
        assert!(holds("def f(s: str):\n    while 1:\n        s = s + '!'\n"));
        assert!(holds("out = (\n    f'{a}'\n)\nout += b\n"));
        assert!(holds("parts = sep.join(x)\nparts += y\n"));
        assert!(holds("def g() -> str: ...\nt = g()\nt += 'x'\n"));
        assert!(holds("with open(p) as s:\n    s += 'x'\n"));
        assert!(!holds(
            "n = 0\nfor x in y:\n    n += 1\n    self.name += 'x'\n"
        ));
        assert!(!holds("s = ''\nt = 0\nt += 1\n"));
        assert!(!holds(
            "total = count(x)  # 'not a string'\ntotal = total + 1\n"
        ));
        let target = |requires: &[&[&str]]| {
            let mut t = target(&["+="], requires);
            t.family = LanguageFamily::Python;
            t
        };
        let t = target(&[&["\\bfor\\b"], &["check:string-concat"]]);
        let prefilter = Prefilter::new(LanguageFamily::Python, [Some(&t)]);
        let path = Path::new("a.py");
        assert_eq!(
            prefilter.active(path, "s = ''\nfor x in y:\n    s += x\n", true, &[]),
            [true]
        );
        assert_eq!(
            prefilter.active(path, "n = 0\nfor x in y:\n    n += 1\n", true, &[]),
            [false]
        );
    }

    #[test]
    fn queryset_test_check() {
        let holds = |text: &str| python_queryset_test(text.as_bytes());
        assert!(holds("if Book.objects.filter(a=1):\n    pass\n"));
        assert!(holds(
            "def f():\n    qs = Book.objects.all()\n    n = len(qs)\n"
        ));
        assert!(holds("def f():\n    qs = Book.objects.all()\n    recent = qs[:10]\n    return bool(recent)\n"));
        assert!(holds("def f(self):\n    items = (\n        self.get_queryset()\n    )\n    if not items:\n        return\n"));
        assert!(holds("x = f\"{len(Book.objects.all())}\"\n"));
        assert!(!holds(
            "def f():\n    qs = Book.objects.all()\n    return list(qs)\n"
        ));
        assert!(!holds("n = Book.objects.count()\nif n:\n    pass\n"));
        assert!(holds("s = 'unterminated\n"));
    }

    #[test]
    fn module_level_javascript() {
        let cache = &["^= \\( { }"];
        assert!(js(
            cache,
            "const cache = {};\nexport function f(k) { cache[k] = 1; }\n"
        ));
        assert!(js(cache, "if (x) { var cache = {}; }\n"));
        assert!(!js(
            cache,
            "function f() { const local = {}; return local; }\n"
        ));
        assert!(!js(
            cache,
            "const f = async (a) => {\n  let seen = [], m = {};\n};\n"
        ));
        assert!(!js(
            cache,
            "module.exports = function* () { var x = {}; };\n"
        ));
        // Class bodies are not module level, but for the `var`s of a `static { }` block.
        assert!(!js(
            cache,
            "class A extends B { m(a = {}) { const x = {}; } }\n"
        ));
        assert!(js(cache, "class A { static { var x = {}; } }\n"));
        assert!(js(
            cache,
            "const o = { class: 1 }; if (o) { var x = {}; }\n"
        ));
        // Object-literal methods are not recognised: they count as module level.
        assert!(js(cache, "const o = { m() { const x = {}; } };\n"));
        // Strings, templates, regexes and comments hide braces.
        assert!(!js(
            cache,
            "const re = /[}{]/g; const t = `${'}'}`; // }\nfunction f() { const x = '}'; const y = {}; }\n"
        ));
        assert!(js(
            cache,
            "function f() { const s = `}`; }\nconst cache = {};\n"
        ));
        assert!(js(cache, "if (a) /}/.test(b);\nconst cache = {};\n"));
        assert!(!js(
            cache,
            "const n = (a + b) / 2; function f() { var x = {}; }\n"
        ));
        // Unreadable files count as module level throughout.
        assert!(js(
            cache,
            "x = y\n/}/g.exec(z); function f() { var x = {}; }\n"
        ));
        assert!(js(cache, "function f() { var x = {}; }}\n"));
        assert!(js(cache, "function f() { var x = {}; var s = 'a\n'; }\n"));
        assert!(js(cache, "function f() { var x = {}; /* open\n"));
        assert!(js(
            cache,
            "const el = <p>Don't {x}</p>;\nfunction f() { var x = {}; }\n"
        ));
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
        // Tabs indent as the parser reads them.
        assert!(!py(cache, "def f():\n\tx = {}\n"));
        assert!(py(cache, "def f():\n\tx = 1\nC = {}\n"));
        // Unreadable files count as module level throughout.
        assert!(py(cache, "def f():\n    x = 'abc\n    y = {}\n"));
    }
}
