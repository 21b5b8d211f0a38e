//! `declare_rule!`: a rule's documentation and metadata in one place.

use snag_core::trigger::Trigger;

/// Declares a rule struct whose doc comment is its documentation:
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does ...
///     pub struct ReadFileSync {
///         id: "read-file-sync",
///         summary: "...",
///         severity: Warning,
///         fix: None,
///         // `Preview` until its findings have been judged on real code (see `scripts/new-rule`).
///         status: Stable,
///         since: "0.1.0",
///         targets: [JavaScript {
///             kinds: ["call_expression"],
///             triggers: [literal("Sync")],
///             // Optional: more groups of triggers, each of which must match too.
///             requires: [[import("fs"), import("fs-extra")], [snag_core::semantic::js_handler_triggers()]],
///         }],
///         // Optional: the rule reads the project-wide model index.
///         reads_models: true,
///     }
/// }
/// ```
///
/// A group lists triggers, written with the constructors of [`snag_core::trigger`] (in scope inside the
/// declaration), or collections of them (`[...].map(module_level)`, a `Vec` or slice of triggers).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            summary: $summary:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            status: $status:ident,
            since: $since:literal,
            targets: [$($family:ident {
                kinds: [$($kind:literal),* $(,)?],
                triggers: [$($trigger:expr),* $(,)?]
                $(, requires: [$([$($required:expr),* $(,)?]),* $(,)?])?
                $(,)?
            }),* $(,)?]
            $(, reads_models: $reads_models:literal)?
            $(, handles: [$($handles:ident),* $(,)?])? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name {
            meta: snag_core::rule::RuleMeta,
        }

        impl $name {
            /// The rule, with its metadata.
            pub fn new() -> $name {
                #[allow(unused_imports)]
                use snag_core::trigger::{
                    check, import, literal, member, module_level, path, pattern, word,
                };
                $name {
                    meta: snag_core::rule::RuleMeta {
                        id: $id.to_string(),
                        summary: $summary.to_string(),
                        docs: $crate::macros::unindent(&[$($doc),*]),
                        default_severity: snag_core::Severity::$severity,
                        fix: snag_core::rule::FixKind::$fix,
                        status: snag_core::rule::RuleStatus::$status,
                        since: $since.to_string(),
                        targets: vec![$(snag_core::rule::Target {
                            family: snag_core::LanguageFamily::$family,
                            node_kinds: vec![$($kind.to_string()),*],
                            triggers: {
                                #[allow(unused_mut)]
                                let mut group = Vec::new();
                                $($crate::macros::Triggers::add_to($trigger, &mut group);)*
                                group
                            },
                            requires: vec![$($({
                                #[allow(unused_mut)]
                                let mut group = Vec::new();
                                $($crate::macros::Triggers::add_to($required, &mut group);)*
                                group
                            }),*)?],
                        }),*],
                        // Every built-in rule is about per-request or per-row costs: it speaks on
                        // the request path, in background jobs and in code of unknown callers.
                        contexts: snag_core::semantic::Contexts::DEFAULT,
                        reads_models: false $(|| $reads_models)?,
                        handles: vec![$($(snag_core::semantic::DeclaredCall::$handles),*)?],
                    },
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    };
}

/// What a group of a declaration lists: one trigger or several.
pub(crate) trait Triggers {
    /// Adds the triggers to `group`.
    fn add_to(self, group: &mut Vec<Trigger>);
}

impl Triggers for Trigger {
    fn add_to(self, group: &mut Vec<Trigger>) {
        group.push(self);
    }
}

impl Triggers for Vec<Trigger> {
    fn add_to(self, group: &mut Vec<Trigger>) {
        group.extend(self);
    }
}

impl<const N: usize> Triggers for [Trigger; N] {
    fn add_to(self, group: &mut Vec<Trigger>) {
        group.extend(self);
    }
}

impl Triggers for &[Trigger] {
    fn add_to(self, group: &mut Vec<Trigger>) {
        group.extend_from_slice(self);
    }
}

/// Joins doc-comment lines, dropping the one space rustdoc leaves after `///`.
pub(crate) fn unindent(lines: &[&str]) -> String {
    let mut docs = String::new();
    for line in lines {
        docs.push_str(line.strip_prefix(' ').unwrap_or(line));
        docs.push('\n');
    }
    docs.trim().to_string() + "\n"
}
