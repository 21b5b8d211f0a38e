use snag_core::rule::{Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Reports `snag-ignore` and `snag-ignore-file` comments that suppress nothing: no finding of the
    /// rules they name is reported on their line or the next (or, for `snag-ignore-file`, in the file),
    /// or they name a rule that does not exist.
    ///
    /// The engine checks suppressions after every other rule has run; this rule has no node kinds of its
    /// own. Its fix deletes the comment.
    ///
    /// ## Why is this bad?
    /// A suppression that matches nothing is a trap: the bug it once excused is gone, and the next real
    /// finding on that line will be hidden without anyone deciding it should be.
    ///
    /// ## Example
    /// ```js
    /// // snag-ignore read-file-sync -- config is read once
    /// const port = Number(process.env.PORT);
    /// ```
    ///
    /// ## Use instead
    /// ```js
    /// const port = Number(process.env.PORT);
    /// ```
    ///
    /// ## Stays quiet on
    /// - suppressions that hide a finding;
    /// - suppressions of rules that are not enabled in this run (`--select`, `ignore`): they cannot be judged.
    pub struct UnusedSuppression {
        id: "unused-suppression",
        summary: "A `snag-ignore` comment that suppresses nothing",
        severity: Warning,
        fix: Safe,
        status: Stable,
        since: "0.1.0",
        targets: [],
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Never called: the engine reports unused suppressions itself, once all other rules have run.
    fn check(&self, _node: Node<'_>, _ctx: &mut RuleContext<'_, '_>) {}
}
