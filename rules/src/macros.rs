//! `declare_rule!`: a rule's documentation and metadata in one place.

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
///         targets: [JavaScript {
///             kinds: ["call_expression"],
///             triggers: ["Sync"],
///             // Optional: more groups of triggers, each of which must match too.
///             requires: [["fs"], snag_core::prefilter::JS_HANDLER_TRIGGERS],
///         }],
///         // Optional: the rule reads the project-wide model index.
///         reads_models: true,
///     }
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            summary: $summary:literal,
            severity: $severity:ident,
            fix: $fix:ident,
            targets: [$($family:ident {
                kinds: [$($kind:literal),* $(,)?],
                triggers: [$($trigger:literal),* $(,)?]
                $(, requires: [$($group:expr),* $(,)?])?
                $(,)?
            }),* $(,)?]
            $(, reads_models: $reads_models:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name {
            meta: snag_core::rule::RuleMeta,
        }

        impl $name {
            /// The rule, with its metadata.
            pub fn new() -> $name {
                $name {
                    meta: snag_core::rule::RuleMeta {
                        id: $id.to_string(),
                        summary: $summary.to_string(),
                        docs: $crate::macros::unindent(&[$($doc),*]),
                        default_severity: snag_core::Severity::$severity,
                        fix: snag_core::rule::FixKind::$fix,
                        targets: vec![$(snag_core::rule::Target {
                            family: snag_core::LanguageFamily::$family,
                            node_kinds: vec![$($kind.to_string()),*],
                            triggers: vec![$($trigger.to_string()),*],
                            requires: vec![$($($crate::macros::group(&$group)),*)?],
                        }),*],
                        // Every built-in rule is about code that runs in production.
                        production_only: true,
                        reads_models: false $(|| $reads_models)?,
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

/// A group of trigger patterns (`["for", "while"]`, or a shared `&[&str]`) as the engine takes it.
pub(crate) fn group(patterns: &[&str]) -> Vec<String> {
    patterns.iter().map(|p| p.to_string()).collect()
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
