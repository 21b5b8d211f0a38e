use snag_core::rule::{Rule, RuleContext, RuleMeta};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Not written yet.
    ///
    /// ## Why is this bad?
    ///
    /// ## Example
    ///
    /// ## Use instead
    ///
    /// ## Stays quiet on
    pub struct UnboundedModuleCache {
        id: "unbounded-module-cache",
        summary: "Not written yet",
        severity: Warning,
        fix: None,
        targets: [],
    }
}

impl Rule for UnboundedModuleCache {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, _node: Node<'_>, _ctx: &mut RuleContext<'_, '_>) {}
}
