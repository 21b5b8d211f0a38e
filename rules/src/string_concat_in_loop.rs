use snag_core::rule::{Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// (being written)
    /// ## Why is this bad?
    /// ## Example
    /// ## Use instead
    /// ## Stays quiet on
    pub struct StringConcatInLoop {
        id: "string-concat-in-loop",
        summary: "(being written)",
        severity: Warning,
        fix: None,
        targets: [JavaScript { kinds: [], triggers: ["\u{0}never"] }],
    }
}

impl Rule for StringConcatInLoop {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, _node: Node<'_>, _ctx: &mut RuleContext<'_, '_>) {}
}
