//! The prefilter: byte-level conditions a file must meet for a rule to be able to fire, checked before the
//! file is parsed. A file no enabled rule can fire on is never parsed.
//!
//! Each rule target declares groups of [`Trigger`]s ([`Target::triggers`] and [`Target::requires`]): the
//! rule can fire on a file only when every group has a trigger that occurs in it. One Aho-Corasick pass
//! over each file finds the text triggers' anchors (their rarest literal part); each anchor found is
//! verified in place with the scanner ([`crate::scan`]). Paths are compared once per file; module-level
//! positions and checks are decided last, and only where they decide a rule. Every condition must be
//! *necessary*: a file the prefilter rejects must be one on which the rule would report nothing (the
//! corpus test runs with the prefilter on and off and compares).

use crate::language::LanguageFamily;
use crate::rule::Target;
use crate::scan::{self, skip_gap, skip_gap_back, Back};
use crate::trigger::{Check, Condition, Pattern, Token, Trigger};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
use std::path::Path;

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
        let mut anchors: Vec<Vec<u8>> = Vec::new();
        let mut pattern_ids: FxHashMap<Pattern, u32> = FxHashMap::default();
        for target in targets {
            let Some(target) = target else {
                prefilter.rules.push(Needs::Nothing);
                continue;
            };
            let groups: Vec<&[Trigger]> = std::iter::once(target.triggers.as_slice())
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
                for trigger in group {
                    // An invalid trigger (the engine validates its rules first) matches every file: the
                    // prefilter stays sound.
                    let Ok(conditions) = trigger.conditions(family) else {
                        prefilter.always_groups.push(id);
                        continue;
                    };
                    for condition in conditions {
                        prefilter.add(condition, id, &mut anchors, &mut pattern_ids);
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

    /// Adds `condition`, one way to satisfy group `id`.
    fn add(
        &mut self,
        condition: Condition,
        id: u32,
        anchors: &mut Vec<Vec<u8>>,
        pattern_ids: &mut FxHashMap<Pattern, u32>,
    ) {
        match condition {
            Condition::Path(path) => match self.paths.iter_mut().find(|(p, _)| *p == path) {
                Some((_, groups)) => groups.push(id),
                None => self.paths.push((path, vec![id])),
            },
            Condition::Check(check) => match self.checks.iter_mut().find(|(c, _)| *c == check) {
                Some((_, groups)) => groups.push(id),
                None => self.checks.push((check, vec![id])),
            },
            Condition::Text(pattern) => {
                if let Some(&existing) = pattern_ids.get(&pattern) {
                    self.pattern_groups[existing as usize].push(id);
                    return;
                }
                let pattern_id = self.patterns.len() as u32;
                let searched: Vec<Vec<u8>> = match pattern.expand {
                    Some(next) => std::iter::once(next)
                        .chain(scan::gap_starts(self.family).iter().copied())
                        .map(|b| [pattern.anchor.as_slice(), &[b]].concat())
                        .collect(),
                    None => vec![pattern.anchor.clone()],
                };
                for literal in searched {
                    match anchors.iter().position(|a| *a == literal) {
                        Some(anchor) => self.by_anchor[anchor].push(pattern_id),
                        None => {
                            anchors.push(literal);
                            self.by_anchor.push(vec![pattern_id]);
                        }
                    }
                }
                pattern_ids.insert(pattern.clone(), pattern_id);
                self.patterns.push(pattern);
                self.pattern_groups.push(vec![id]);
            }
        }
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
            if decides && (parsed_anyway || (check.holds)(bytes)) {
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

impl Pattern {
    /// Whether the pattern matches with its anchor at `start..end`.
    // The three are inlined into the search loop, which runs them for every anchor found: as calls they
    // cost the JavaScript corpus 2% more prefilter instructions (callgrind).
    #[inline(always)]
    fn matches_at(&self, bytes: &[u8], start: usize, end: usize, family: LanguageFamily) -> bool {
        self.matches_before(bytes, start, family) && self.matches_after(bytes, end, family)
    }

    /// Whether what precedes the anchor at `start` can match (a gap that cannot be read backwards
    /// can).
    #[inline(always)]
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
    #[inline(always)]
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

    /// A trigger from a test's shorthand: `path:TEXT`, `^PATTERN` (module level), or a pattern.
    fn trigger(source: &str) -> Trigger {
        use crate::trigger::{module_level, path, pattern};
        if let Some(text) = source.strip_prefix("path:") {
            return path(text);
        }
        match source.strip_prefix('^') {
            Some(rest) => module_level(pattern(rest)),
            None => pattern(source),
        }
    }

    fn target(triggers: &[&str], requires: &[&[&str]]) -> Target {
        Target {
            family: LanguageFamily::Python,
            node_kinds: Vec::new(),
            triggers: triggers.iter().map(|s| trigger(s)).collect(),
            requires: requires
                .iter()
                .map(|g| g.iter().map(|s| trigger(s)).collect())
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
    fn invalid_triggers_match_everything() {
        assert!(py(&["\\q"], ""));
        assert!(py(&["\\w +"], ""));
    }

    #[test]
    fn checks_run_last_and_decide() {
        let mut t = target(&["+="], &[&["\\bfor\\b"]]);
        t.requires
            .push(vec![crate::trigger::check("has-quote", |text| {
                text.contains(&b'\'')
            })]);
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
    fn the_generated_groups_are_valid() {
        let generated = crate::semantic::js_handler_triggers()
            .iter()
            .chain(crate::semantic::js_iteration_callback_triggers());
        for trigger in generated {
            assert_eq!(
                trigger.validate(LanguageFamily::JavaScript),
                Ok(()),
                "{trigger}"
            );
        }
    }

    /// Every JavaScript file of the labeled corpus in which the semantic layer finds a registered handler
    /// matches the handler group, and so do the handler snippets of the semantic tests' kind.
    #[test]
    fn files_with_handlers_match_the_handler_group() {
        let group = Target {
            family: LanguageFamily::JavaScript,
            node_kinds: Vec::new(),
            triggers: crate::semantic::js_handler_triggers().to_vec(),
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
