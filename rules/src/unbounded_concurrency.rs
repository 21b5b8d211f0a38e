use snag_core::rule::{Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// (being written)
    /// ## Why is this bad?
    /// ## Example
    /// ## Use instead
    /// ## Stays quiet on
    pub struct UnboundedConcurrency {
        id: "unbounded-concurrency",
        summary: "(being written)",
        severity: Warning,
        fix: None,
        targets: [JavaScript { kinds: [], triggers: ["\u{0}never"] }],
    }
}

impl Rule for UnboundedConcurrency {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, _node: Node<'_>, _ctx: &mut RuleContext<'_, '_>) {}
}
