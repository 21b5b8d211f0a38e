//! The rule interface: what a rule declares (its metadata, node kinds and triggers) and the context it
//! reports through. Built-in rules and plugin rules implement the same trait.

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::language::{Language, LanguageFamily};
use crate::models::ModelIndex;
use crate::semantic::Semantic;
use crate::trigger::{Trigger, TriggerError};
use rustc_hash::FxHashMap;
use std::any::{Any, TypeId};
use std::sync::Arc;
use thiserror::Error;
use tree_sitter::Node;

/// Whether and how a rule fixes what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixKind {
    /// No fix.
    None,
    /// A suggestion a person applies (behaviour may change).
    Suggestion,
    /// A safe fix `--fix` applies.
    Safe,
}

impl FixKind {
    /// The name shown by `snag rules`.
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Suggestion => "suggestion",
            FixKind::Safe => "safe",
        }
    }
}

/// How settled a rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleStatus {
    /// New: its findings are still being judged on real code. Off unless the configuration turns
    /// preview rules on (`preview = true`, `--preview`) or selects it by id.
    Preview,
    /// On by default.
    Stable,
}

impl RuleStatus {
    /// The name shown by `snag rules`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStatus::Preview => "preview",
            RuleStatus::Stable => "stable",
        }
    }
}

/// What a rule looks at in one language family.
#[derive(Clone, Debug)]
pub struct Target {
    /// The family.
    pub family: LanguageFamily,
    /// The tree-sitter node kinds the rule is called on (named kinds of a grammar of the family).
    pub node_kinds: Vec<String>,
    /// Triggers: a file must contain at least one for the rule to be able to fire; empty means the rule
    /// may fire on any file. The engine does not parse a file no enabled rule can fire on. Every trigger
    /// must be *necessary*: a file without any of them is one the rule reports nothing on. See
    /// [`crate::trigger`].
    pub triggers: Vec<Trigger>,
    /// More groups of triggers, all of which must match too (each by at least one of its triggers):
    /// `string-concat-in-loop` needs a `+` *and* a loop. Empty: no further condition.
    pub requires: Vec<Vec<Trigger>>,
}

/// A rule declaration the engine cannot use, naming the rule.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DeclarationError {
    /// A trigger that is not valid.
    #[error("rule `{rule}`: invalid {trigger} for {family:?}: {reason}")]
    Trigger {
        /// The rule's id.
        rule: String,
        /// The family of the target.
        family: LanguageFamily,
        /// The trigger, as written.
        trigger: String,
        /// What is wrong with it.
        reason: TriggerError,
    },
    /// A node kind no grammar of the family has (as a named kind).
    #[error("rule `{rule}`: `{kind}` is not a node kind of {family:?}")]
    NodeKind {
        /// The rule's id.
        rule: String,
        /// The family of the target.
        family: LanguageFamily,
        /// The kind, as written.
        kind: String,
    },
}

/// Everything the engine and the edges know about a rule.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id (`read-file-sync`; plugins: `PLUGIN/RULE`).
    pub id: String,
    /// One line: what it flags.
    pub summary: String,
    /// The documentation, in Markdown (what, why, example, use instead, stays quiet on).
    pub docs: String,
    /// Severity unless configured.
    pub default_severity: Severity,
    /// Its fix.
    pub fix: FixKind,
    /// Preview or stable.
    pub status: RuleStatus,
    /// The snag version it appeared in (`0.1.0`).
    pub since: String,
    /// The languages it checks, with the node kinds and triggers for each.
    pub targets: Vec<Target>,
    /// The contexts it speaks in unless configured otherwise (`[contexts]`): what runs the code it
    /// reports on (see [`Context`](crate::semantic::Context)). The engine does not run it on files of
    /// other contexts (tests, migrations, command-line programs, browser code) and drops its findings in
    /// code of other contexts.
    pub contexts: crate::semantic::Contexts,
    /// Whether it reads the project-wide model index ([`RuleContext::models`]): the engine builds the
    /// index before linting only when an enabled rule does.
    pub reads_models: bool,
    /// The calls the configuration may declare that the rule handles (`[[functions]]` with `runs`):
    /// their names join its triggers.
    pub handles: Vec<crate::semantic::DeclaredCall>,
}

impl RuleMeta {
    /// The target for a language family, when the rule checks it.
    pub fn target(&self, family: LanguageFamily) -> Option<&Target> {
        self.targets.iter().find(|t| t.family == family)
    }

    /// Checks the declaration: every node kind is a named kind of a grammar of its target's family
    /// (TypeScript's own kinds count for the JavaScript family), and every trigger is valid.
    pub fn validate(&self) -> Result<(), DeclarationError> {
        for target in &self.targets {
            let grammars: Vec<tree_sitter::Language> = Language::ALL
                .iter()
                .filter(|language| language.family() == target.family)
                .map(|language| language.grammar())
                .collect();
            let known = |kind: &str| {
                grammars
                    .iter()
                    .any(|grammar| grammar.id_for_node_kind(kind, true) != 0)
            };
            if let Some(kind) = target.node_kinds.iter().find(|kind| !known(kind)) {
                return Err(DeclarationError::NodeKind {
                    rule: self.id.clone(),
                    family: target.family,
                    kind: kind.clone(),
                });
            }
            let triggers = target
                .triggers
                .iter()
                .chain(target.requires.iter().flatten());
            for trigger in triggers {
                trigger
                    .validate(target.family)
                    .map_err(|reason| DeclarationError::Trigger {
                        rule: self.id.clone(),
                        family: target.family,
                        trigger: trigger.to_string(),
                        reason,
                    })?;
            }
        }
        Ok(())
    }
}

/// A rule. The engine calls [`Rule::check`] with every node of a kind the rule declared, after the
/// semantic model of the file is complete.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &RuleMeta;

    /// Checks one node.
    fn check(&self, node: Node<'_>, ctx: &mut RuleContext<'_, '_>);
}

/// What a rule sees of the file under check, and where it reports.
pub struct RuleContext<'a, 't> {
    semantic: &'a Semantic<'t>,
    models: &'a ModelIndex,
    rule: &'a Arc<str>,
    severity: Severity,
    diagnostics: &'a mut Vec<Diagnostic>,
    memo: &'a mut FileMemo,
}

/// What a rule remembers while it checks one file (answers it would otherwise compute once per node):
/// one value per type, created on first use and dropped with the file. Each rule has its own.
#[derive(Default)]
pub struct FileMemo(Option<FxHashMap<TypeId, Box<dyn Any>>>);

impl FileMemo {
    /// The file's value of type `T`, created with `T::default()` on first use.
    pub fn get<T: Default + 'static>(&mut self) -> &mut T {
        self.0
            .get_or_insert_with(FxHashMap::default)
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Box::new(T::default()))
            .downcast_mut()
            .expect("keyed by its own type")
    }
}

impl<'a, 't> RuleContext<'a, 't> {
    /// A context reporting as `rule` with `severity` into `diagnostics`, remembering in `memo`.
    pub fn new(
        semantic: &'a Semantic<'t>,
        models: &'a ModelIndex,
        rule: &'a Arc<str>,
        severity: Severity,
        diagnostics: &'a mut Vec<Diagnostic>,
        memo: &'a mut FileMemo,
    ) -> RuleContext<'a, 't> {
        RuleContext {
            semantic,
            models,
            rule,
            severity,
            diagnostics,
            memo,
        }
    }

    /// This rule's memo for the file (see [`FileMemo`]).
    pub fn memo<T: Default + 'static>(&mut self) -> &mut T {
        self.memo.get()
    }

    /// The semantic model of the file.
    pub fn semantic(&self) -> &'a Semantic<'t> {
        self.semantic
    }

    /// The project's ORM models and serializers (empty unless the rule declares
    /// [`RuleMeta::reads_models`]).
    pub fn models(&self) -> &'a ModelIndex {
        self.models
    }

    /// The text of a node.
    pub fn text(&self, node: Node<'_>) -> &'t str {
        self.semantic.text(node)
    }

    /// A new diagnostic of this rule, to fill in and [`report`](Self::report).
    pub fn diagnostic(&self, span: impl Into<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule: self.rule.clone(),
            severity: self.severity,
            message: message.into(),
            span: span.into(),
            labels: Vec::new(),
            help: None,
            fix: None,
            context: None,
        }
    }

    /// Reports a finding.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::FileMemo;

    #[test]
    fn a_memo_keeps_one_value_per_type() {
        let mut memo = FileMemo::default();
        memo.get::<Vec<u32>>().push(7);
        memo.get::<Vec<u32>>().push(8);
        *memo.get::<u64>() += 1;
        assert_eq!(memo.get::<Vec<u32>>(), &[7, 8]);
        assert_eq!(*memo.get::<u64>(), 1);
    }
}
