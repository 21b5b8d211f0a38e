//! Triggers: what a file must contain for a rule to be able to fire, declared as data.
//!
//! A rule target lists groups of [`Trigger`]s ([`crate::rule::Target::triggers`] and
//! [`crate::rule::Target::requires`]); the prefilter ([`crate::prefilter`]) parses no file in which some
//! group has no trigger that occurs. Every trigger must be *necessary*: a file without any trigger of a
//! group is one the rule reports nothing on.
//!
//! Triggers are written with the constructor functions ([`literal`], [`word`], [`member`], [`pattern`],
//! [`import`], [`path`], [`module_level`], [`check`]) and validated when the engine is built
//! ([`crate::rule::RuleMeta::validate`]): a pattern that does not parse is an error, not a trigger that
//! silently matches every file.
//!
//! The pattern language of [`pattern`]:
//!
//! - characters match themselves (`Sync`, `+=`, `get_queryset`);
//! - a space matches any run of whitespace and comments, including none (`async def`, `. objects`);
//! - `\b` at the start or the end: an identifier boundary there (`\bfor\b` does not match `format`);
//! - `\w`: an identifier (a run of letters, digits, `_`, `$`);
//! - `\(`: any number of opening wrappers of an expression (`(`, `await`), `\)` any number of `)`;
//! - `\\`, `\ `, `\^`: a literal backslash, space or caret.
//!
//! A pattern starts with literal text (after an optional `\b`): the prefilter finds its literal parts
//! with one Aho-Corasick pass and verifies the rest in place.

use crate::language::LanguageFamily;
use crate::scan;
use std::fmt;
use thiserror::Error;

/// One trigger of a group: a file satisfies the group when one of its triggers occurs.
#[derive(Clone, Debug)]
pub enum Trigger {
    /// Exactly this text (`Sync`, `+=`, `request.user`).
    Literal(String),
    /// This identifier as a whole word (`for`, not `format`).
    Word(String),
    /// A pattern in the pattern language (see the [module documentation](self)).
    Pattern(String),
    /// An import of the module (JavaScript: its name quoted as `require`, `import` and `import()` give
    /// it, with or without `node:`; Python: `import m`, `from m`, `, m`, where the imported module's name
    /// starts with `m`, so that `psycopg` covers `psycopg2` and `django` covers `django.core.mail`).
    Import(String),
    /// The file's path (with `/` separators) contains this text.
    Path(String),
    /// The text trigger inside matches where module-level code starts (Python: outside `def` and
    /// `class` statements; JavaScript: outside function and class bodies).
    ModuleLevel(Box<Trigger>),
    /// A check of the whole text, too structural for a pattern. Checks run last, and only for a rule
    /// whose other groups all matched.
    Check(Check),
}

/// A check a rule declares as a trigger: a function of the text of a file of the target's family.
#[derive(Clone, Copy, Debug)]
pub struct Check {
    /// Its name, for messages (`string-concat`).
    pub name: &'static str,
    /// Whether the text can hold what the rule looks for. It must hold on every file the rule can
    /// report on, whatever else the file holds.
    pub holds: fn(&[u8]) -> bool,
}

/// Exactly `text`.
pub fn literal(text: &str) -> Trigger {
    Trigger::Literal(text.to_string())
}

/// The identifier `name` as a whole word.
pub fn word(name: &str) -> Trigger {
    Trigger::Word(name.to_string())
}

/// A property or method named `name`: `. name\b` (whitespace and comments allowed around the dot).
pub fn member(name: &str) -> Trigger {
    Trigger::Pattern(format!(". {name}\\b"))
}

/// A pattern in the pattern language (see the [module documentation](self)).
pub fn pattern(source: &str) -> Trigger {
    Trigger::Pattern(source.to_string())
}

/// An import of `module` (see [`Trigger::Import`]).
pub fn import(module: &str) -> Trigger {
    Trigger::Import(module.to_string())
}

/// A path that contains `text`.
pub fn path(text: &str) -> Trigger {
    Trigger::Path(text.to_string())
}

/// `trigger`, where module-level code starts.
pub fn module_level(trigger: Trigger) -> Trigger {
    Trigger::ModuleLevel(Box::new(trigger))
}

/// The check `holds`, named `name`.
pub fn check(name: &'static str, holds: fn(&[u8]) -> bool) -> Trigger {
    Trigger::Check(Check { name, holds })
}

/// Why a trigger is not valid.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum TriggerError {
    /// An empty trigger (it would match every file).
    #[error("it is empty")]
    Empty,
    /// A backslash that starts no escape of the pattern language.
    #[error("`\\{0}` is not an escape of the pattern language (`\\b`, `\\w`, `\\(`, `\\)`, `\\\\`, `\\ `, `\\^`)")]
    UnknownEscape(String),
    /// `\b` somewhere but at the start or the end.
    #[error("`\\b` can only start or end a pattern")]
    InnerBoundary,
    /// A pattern whose first part is not literal text.
    #[error("a pattern must start with literal text (after an optional `\\b`)")]
    NoLeadingLiteral,
    /// A leading `^` (the old spelling of module-level).
    #[error("a leading `^` is not part of the pattern language: wrap the trigger in `module_level(...)`, or write `\\^`")]
    LeadingCaret,
    /// A word that is not an identifier.
    #[error("`{0}` is not an identifier")]
    NotAnIdentifier(String),
    /// A module name with characters no module name has.
    #[error("`{0}` is not a module name")]
    NotAModule(String),
    /// `module_level` around a path or a check.
    #[error("only text triggers can be module-level")]
    ModuleLevelNeedsText,
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trigger::Literal(text) => write!(f, "literal `{text}`"),
            Trigger::Word(name) => write!(f, "word `{name}`"),
            Trigger::Pattern(source) => write!(f, "pattern `{source}`"),
            Trigger::Import(module) => write!(f, "import of `{module}`"),
            Trigger::Path(text) => write!(f, "path `{text}`"),
            Trigger::ModuleLevel(inner) => write!(f, "module-level {inner}"),
            Trigger::Check(check) => write!(f, "check `{}`", check.name),
        }
    }
}

impl Trigger {
    /// Checks that the trigger is valid in a target of `family`.
    pub fn validate(&self, family: LanguageFamily) -> Result<(), TriggerError> {
        self.conditions(family).map(drop)
    }

    /// What the prefilter verifies for this trigger in `family`: one of them must hold.
    pub(crate) fn conditions(
        &self,
        family: LanguageFamily,
    ) -> Result<Vec<Condition>, TriggerError> {
        let text = |pattern: Pattern| Ok(vec![Condition::Text(pattern)]);
        match self {
            Trigger::Literal(text_) if text_.is_empty() => Err(TriggerError::Empty),
            Trigger::Literal(literal) => text(Pattern::new(
                vec![Token::Literal(literal.as_bytes().to_vec())],
                false,
            )?),
            Trigger::Word(name) => {
                if name.is_empty() || !name.bytes().all(scan::is_identifier_byte) {
                    return Err(TriggerError::NotAnIdentifier(name.clone()));
                }
                let tokens = vec![
                    Token::Literal(name.as_bytes().to_vec()),
                    Token::BoundaryAfter,
                ];
                text(Pattern::new(tokens, true)?)
            }
            Trigger::Pattern(source) => text(Pattern::parse(source)?),
            Trigger::Import(module) => import_patterns(module, family)
                .map(|patterns| patterns.into_iter().map(Condition::Text).collect()),
            Trigger::Path(text) if text.is_empty() => Err(TriggerError::Empty),
            Trigger::Path(text) => Ok(vec![Condition::Path(text.clone())]),
            Trigger::ModuleLevel(inner) => inner
                .conditions(family)?
                .into_iter()
                .map(|condition| match condition {
                    Condition::Text(pattern) => Ok(Condition::Text(Pattern {
                        module_level: true,
                        ..pattern
                    })),
                    _ => Err(TriggerError::ModuleLevelNeedsText),
                })
                .collect(),
            Trigger::Check(check) => Ok(vec![Condition::Check(*check)]),
        }
    }
}

/// The spellings of an import of `module` in `family` (see [`Trigger::Import`]).
fn import_patterns(module: &str, family: LanguageFamily) -> Result<Vec<Pattern>, TriggerError> {
    let module = module.strip_prefix("node:").unwrap_or(module);
    let valid = !module.is_empty()
        && module
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'\'' | b'"' | b'`' | b'\\'));
    if !valid {
        return Err(TriggerError::NotAModule(module.to_string()));
    }
    let literal = |text: String| Token::Literal(text.into_bytes());
    match family {
        LanguageFamily::JavaScript => ["'", "\"", "`"]
            .iter()
            .flat_map(|quote| ["", "node:"].map(|scheme| format!("{quote}{scheme}{module}{quote}")))
            .map(|spelling| Pattern::new(vec![literal(spelling)], false))
            .collect(),
        LanguageFamily::Python => [("import", true), ("from", true), (",", false)]
            .into_iter()
            .map(|(keyword, boundary)| {
                let tokens = vec![
                    literal(keyword.to_string()),
                    Token::Gap,
                    literal(module.to_string()),
                ];
                Pattern::new(tokens, boundary)
            })
            .collect(),
    }
}

/// What a trigger asks of a file, compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Condition {
    /// A pattern matched against the text.
    Text(Pattern),
    /// A substring of the path.
    Path(String),
    /// A check of the text.
    Check(Check),
}

impl PartialEq for Check {
    /// Checks are told apart by name and function (only the prefilter's tests compare them).
    fn eq(&self, other: &Check) -> bool {
        self.name == other.name && std::ptr::fn_addr_eq(self.holds, other.holds)
    }
}

impl Eq for Check {}

/// Bytes that are everywhere in code: an anchor made of them is found too often to be a good one.
const COMMON_BYTES: &[u8] = b" \t\n=.,;:()[]{}'\"";

/// One piece of a pattern after its anchor (or, reversed, before it).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Token {
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

/// A text trigger, compiled: an anchor the Aho-Corasick pass finds, and what must surround it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Pattern {
    /// The literal the Aho-Corasick pass looks for.
    pub(crate) anchor: Vec<u8>,
    /// What must come before the anchor, nearest first.
    pub(crate) before: Vec<Token>,
    /// What must come after the anchor.
    pub(crate) after: Vec<Token>,
    /// When the anchor is short and a gap and a literal follow it, the literal's first byte: the
    /// Aho-Corasick pass looks for the anchor followed by that byte or by whatever may start a gap, which
    /// is much rarer than the anchor alone (`.` in `. on`).
    pub(crate) expand: Option<u8>,
    /// No identifier character may precede the match.
    pub(crate) boundary_before: bool,
    /// The match must start in module-level code.
    pub(crate) module_level: bool,
}

impl Pattern {
    /// Parses a pattern of the pattern language.
    pub(crate) fn parse(source: &str) -> Result<Pattern, TriggerError> {
        if source.starts_with('^') {
            return Err(TriggerError::LeadingCaret);
        }
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
                        Some('b') => return Err(TriggerError::InnerBoundary),
                        Some('w') => Token::Identifier,
                        Some('(') => Token::Opens,
                        Some(')') => Token::Closes,
                        Some(escaped @ ('\\' | ' ' | '^')) => {
                            let mut buffer = [0; 4];
                            literal.extend_from_slice(escaped.encode_utf8(&mut buffer).as_bytes());
                            continue;
                        }
                        other => {
                            return Err(TriggerError::UnknownEscape(
                                other.map(String::from).unwrap_or_default(),
                            ))
                        }
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
        Pattern::new(tokens, boundary_before)
    }

    /// The pattern made of `tokens` (a boundary before them when `boundary_before`), anchored on its
    /// rarest literal.
    fn new(mut tokens: Vec<Token>, boundary_before: bool) -> Result<Pattern, TriggerError> {
        // A gap at either end matches nothing in particular.
        while tokens.first() == Some(&Token::Gap) {
            tokens.remove(0);
        }
        while tokens.last() == Some(&Token::Gap) {
            tokens.pop();
        }
        match tokens.first() {
            None => return Err(TriggerError::Empty),
            Some(Token::Literal(_)) => {}
            Some(_) => return Err(TriggerError::NoLeadingLiteral),
        }
        // The anchor is the literal the Aho-Corasick pass finds most rarely: the longest (counting the byte
        // after a short one followed by a gap: `.` of `. on` is looked for as `.o`, `. `, `.\n`, ...),
        // then the one made of rarer bytes; the rest of the pattern is matched forwards and backwards from
        // it.
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
        Ok(Pattern {
            anchor,
            before,
            after: tokens[anchor_at + 1..].to_vec(),
            expand: expandable(anchor_at),
            boundary_before,
            module_level: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::LanguageFamily::{JavaScript, Python};

    fn text(trigger: &Trigger, family: LanguageFamily) -> Vec<Pattern> {
        trigger
            .conditions(family)
            .expect("valid")
            .into_iter()
            .map(|c| match c {
                Condition::Text(pattern) => pattern,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn anchors_are_the_rarest_literals() {
        let anchor = |source: &str| {
            let pattern = Pattern::parse(source).expect("valid");
            (String::from_utf8(pattern.anchor).unwrap(), pattern.expand)
        };
        assert_eq!(anchor("= \\( \\w \\) +"), ("+".into(), None));
        assert_eq!(anchor(". on\\b"), (".".into(), Some(b'o')));
        assert_eq!(anchor(". objects\\b"), ("objects".into(), None));
        assert_eq!(anchor("= \\( dict\\b"), ("dict".into(), None));
    }

    #[test]
    fn words_literals_and_members_are_patterns() {
        assert_eq!(
            text(&word("for"), Python),
            [Pattern::parse("\\bfor\\b").unwrap()]
        );
        assert_eq!(
            text(&literal("Sync"), Python),
            [Pattern::parse("Sync").unwrap()]
        );
        // A literal's spaces are its own.
        assert_eq!(text(&literal("a b"), Python)[0].anchor, b"a b");
        assert_eq!(
            text(&member("all"), Python),
            [Pattern::parse(". all\\b").unwrap()]
        );
        let cache = text(&module_level(pattern("= \\( { }")), JavaScript);
        assert!(cache[0].module_level);
    }

    #[test]
    fn imports_spell_every_form() {
        let spellings = |module: &str, family| -> Vec<String> {
            text(&import(module), family)
                .into_iter()
                .map(|p| {
                    let mut spelled = String::from_utf8(p.anchor).unwrap();
                    if !p.before.is_empty() || !p.after.is_empty() {
                        spelled = format!("{:?} {spelled} {:?}", p.before, p.after);
                    }
                    spelled
                })
                .collect()
        };
        assert_eq!(
            spellings("fs", JavaScript),
            [
                "'fs'",
                "'node:fs'",
                "\"fs\"",
                "\"node:fs\"",
                "`fs`",
                "`node:fs`"
            ]
        );
        assert_eq!(
            spellings("node:fs", JavaScript),
            spellings("fs", JavaScript)
        );
        let python: Vec<Pattern> = text(&import("redis"), Python);
        assert_eq!(
            python,
            [
                Pattern::parse("\\bimport redis").unwrap(),
                Pattern::parse("\\bfrom redis").unwrap(),
                Pattern::parse(", redis").unwrap(),
            ]
        );
    }

    #[test]
    fn invalid_triggers_are_errors() {
        let error = |trigger: Trigger| trigger.validate(Python).unwrap_err();
        assert_eq!(
            error(pattern("\\q")),
            TriggerError::UnknownEscape("q".into())
        );
        assert_eq!(
            error(pattern("a\\")),
            TriggerError::UnknownEscape("".into())
        );
        assert_eq!(error(pattern("\\w +")), TriggerError::NoLeadingLiteral);
        assert_eq!(error(pattern("a\\bb")), TriggerError::InnerBoundary);
        assert_eq!(error(pattern("^= {")), TriggerError::LeadingCaret);
        assert_eq!(error(pattern("  ")), TriggerError::Empty);
        assert_eq!(error(literal("")), TriggerError::Empty);
        assert_eq!(
            error(word("get(")),
            TriggerError::NotAnIdentifier("get(".into())
        );
        assert_eq!(error(import("a b")), TriggerError::NotAModule("a b".into()));
        assert_eq!(
            error(module_level(path("api/"))),
            TriggerError::ModuleLevelNeedsText
        );
        assert!(pattern("\\^x \\\\ \\ y").validate(Python).is_ok());
    }
}
