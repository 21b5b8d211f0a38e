//! The rule registry: every rule snag knows, checked once when it is registered.
//!
//! The engine, configuration validation, `snag rules` and `snag explain` all read the same registry: a rule
//! id the registry does not know is an unknown rule everywhere. Built-in rules are registered by
//! `snag-rules`; plugin rules join the same registry, so a misdeclared plugin rule is refused with the same
//! errors as a misdeclared built-in one, naming the rule.

use crate::rule::{DeclarationError, Rule};
use std::sync::Arc;
use thiserror::Error;

/// A rule the registry refuses.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum RegistryError {
    /// Two rules with one id.
    #[error("rule `{0}` is registered twice")]
    Duplicate(String),
    /// An id that is not kebab-case (`read-file-sync`), or for a plugin `plugin/rule` with both parts
    /// kebab-case.
    #[error("rule id `{0}` is not kebab-case (plugin rules: `plugin/rule-name`)")]
    BadId(String),
    /// A declaration the engine cannot use (an unknown node kind, an invalid trigger).
    #[error(transparent)]
    Declaration(#[from] DeclarationError),
    /// A rule without a summary or documentation.
    #[error("rule `{0}` has no summary or no documentation")]
    Undocumented(String),
}

/// Every rule snag knows, in registration order.
#[derive(Clone, Default)]
pub struct RuleRegistry {
    rules: Vec<Arc<dyn Rule>>,
}

impl RuleRegistry {
    /// An empty registry.
    pub fn new() -> RuleRegistry {
        RuleRegistry::default()
    }

    /// A registry of `rules`, or the first one it refuses.
    pub fn with(
        rules: impl IntoIterator<Item = Arc<dyn Rule>>,
    ) -> Result<RuleRegistry, RegistryError> {
        let mut registry = RuleRegistry::new();
        for rule in rules {
            registry.register(rule)?;
        }
        Ok(registry)
    }

    /// Adds a rule: its id must be well-formed and new, its declaration valid
    /// ([`RuleMeta::validate`](crate::rule::RuleMeta::validate)) and its documentation present.
    pub fn register(&mut self, rule: Arc<dyn Rule>) -> Result<(), RegistryError> {
        let meta = rule.meta();
        if !is_rule_id(&meta.id) {
            return Err(RegistryError::BadId(meta.id.clone()));
        }
        if self.contains(&meta.id) {
            return Err(RegistryError::Duplicate(meta.id.clone()));
        }
        if meta.summary.trim().is_empty() || meta.docs.trim().is_empty() {
            return Err(RegistryError::Undocumented(meta.id.clone()));
        }
        meta.validate()?;
        self.rules.push(rule);
        Ok(())
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<dyn Rule>> {
        self.rules.iter().find(|r| r.meta().id == id)
    }

    /// Whether a rule has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// The rules, in registration order.
    pub fn iter(&self) -> std::slice::Iter<'_, Arc<dyn Rule>> {
        self.rules.iter()
    }

    /// The rule ids, in registration order.
    pub fn ids(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.meta().id.as_str()).collect()
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

impl<'a> IntoIterator for &'a RuleRegistry {
    type Item = &'a Arc<dyn Rule>;
    type IntoIter = std::slice::Iter<'a, Arc<dyn Rule>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for RuleRegistry {
    type Item = Arc<dyn Rule>;
    type IntoIter = std::vec::IntoIter<Arc<dyn Rule>>;

    fn into_iter(self) -> Self::IntoIter {
        self.rules.into_iter()
    }
}

/// A rule id: kebab-case (`read-file-sync`), or `plugin/rule` with both parts kebab-case.
fn is_rule_id(id: &str) -> bool {
    let kebab = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !part.starts_with('-')
            && !part.ends_with('-')
            && !part.contains("--")
            && part.as_bytes()[0].is_ascii_lowercase()
    };
    match id.split_once('/') {
        Some((plugin, rule)) => kebab(plugin) && kebab(rule),
        None => kebab(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rule::{FixKind, RuleContext, RuleMeta, RuleStatus, Target};
    use crate::LanguageFamily;
    use tree_sitter::Node;

    struct Declared(RuleMeta);

    impl Rule for Declared {
        fn meta(&self) -> &RuleMeta {
            &self.0
        }
        fn check(&self, _: Node<'_>, _: &mut RuleContext<'_, '_>) {}
    }

    fn rule(id: &str, kind: &str) -> Arc<dyn Rule> {
        Arc::new(Declared(RuleMeta {
            id: id.into(),
            summary: "a summary".into(),
            docs: "## What it does\n".into(),
            default_severity: Severity::Warning,
            fix: FixKind::None,
            status: RuleStatus::Preview,
            since: "0.1.0".into(),
            targets: vec![Target {
                family: LanguageFamily::JavaScript,
                node_kinds: vec![kind.into()],
                triggers: Vec::new(),
                requires: Vec::new(),
            }],
            contexts: crate::semantic::Contexts::DEFAULT,
            reads_models: false,
            handles: Vec::new(),
        }))
    }

    #[test]
    fn ids_are_kebab_case_or_plugin_qualified_and_unique() {
        for id in ["read-file-sync", "n-plus-1", "acme/no-sleep"] {
            assert!(is_rule_id(id), "{id}");
        }
        for id in [
            "ReadFileSync",
            "read_file_sync",
            "-a",
            "a-",
            "a--b",
            "a/b/c",
            "/a",
            "1a",
        ] {
            assert!(!is_rule_id(id), "{id}");
        }
        let mut registry = RuleRegistry::new();
        registry.register(rule("one", "call_expression")).unwrap();
        assert_eq!(
            registry.register(rule("one", "call_expression")),
            Err(RegistryError::Duplicate("one".into()))
        );
        assert_eq!(
            registry.register(rule("Two", "call_expression")),
            Err(RegistryError::BadId("Two".into()))
        );
        assert_eq!(registry.ids(), vec!["one"]);
    }

    #[test]
    fn a_misdeclared_rule_is_refused_naming_it() {
        let error = RuleRegistry::with([rule("bad-kind", "call_expresion")])
            .err()
            .expect("refused");
        assert_eq!(
            error.to_string(),
            "rule `bad-kind`: `call_expresion` is not a node kind of JavaScript"
        );
    }
}
