//! The one walk of a tree that builds the semantic model: a cursor walk in source order, with the scopes
//! and functions open at the current node. Both language builders drive it.

use super::{FunctionId, ScopeId, ScopeKind, Semantic};
use crate::diagnostic::Span;
use tree_sitter::Node;

/// The scopes and functions open at the walk's current node.
pub(super) struct Frames {
    scopes: Vec<ScopeId>,
    functions: Vec<FunctionId>,
    /// What to close when the walk leaves a node: (node id, scopes opened, function opened).
    exits: Vec<(usize, u8, bool)>,
    /// Opened while entering the current node, not yet tied to it.
    opened_scopes: u8,
    opened_function: bool,
}

impl Frames {
    /// Frames with only the module scope open.
    pub(super) fn new(module: ScopeId) -> Frames {
        Frames {
            scopes: vec![module],
            functions: Vec::new(),
            exits: Vec::new(),
            opened_scopes: 0,
            opened_function: false,
        }
    }

    /// The innermost open scope.
    pub(super) fn scope(&self) -> ScopeId {
        *self.scopes.last().expect("the module scope is always open")
    }

    /// The open scopes, outermost first.
    pub(super) fn scopes(&self) -> &[ScopeId] {
        &self.scopes
    }

    /// The innermost open function.
    pub(super) fn function(&self) -> Option<FunctionId> {
        self.functions.last().copied()
    }

    /// Whether the walk is at module top level (in no function).
    pub(super) fn at_top_level(&self) -> bool {
        self.functions.is_empty()
    }

    /// Opens a scope covering `node`; it closes when the walk leaves `node`.
    pub(super) fn push_scope(
        &mut self,
        semantic: &mut Semantic<'_>,
        kind: ScopeKind,
        node: Node<'_>,
    ) {
        let id = semantic.add_scope(kind, Span::from(node), Some(self.scope()));
        self.scopes.push(id);
        self.opened_scopes += 1;
    }

    /// Opens a function; it closes when the walk leaves the node being entered.
    pub(super) fn push_function(&mut self, id: FunctionId) {
        self.functions.push(id);
        self.opened_function = true;
    }

    /// Ties what was opened while entering `node` to it.
    fn seal(&mut self, node: Node<'_>) {
        if self.opened_scopes > 0 || self.opened_function {
            self.exits
                .push((node.id(), self.opened_scopes, self.opened_function));
        }
        self.opened_scopes = 0;
        self.opened_function = false;
    }

    /// Closes what `node` opened.
    fn leave(&mut self, node: Node<'_>) {
        while let Some(&(id, scopes, function)) = self.exits.last() {
            if id != node.id() {
                break;
            }
            self.exits.pop();
            for _ in 0..scopes {
                self.scopes.pop();
            }
            if function {
                self.functions.pop();
            }
        }
    }
}

/// A language's model builder, called on every node in source order.
pub(super) trait Enter<'t> {
    /// The builder's frames.
    fn frames(&mut self) -> &mut Frames;
    /// Records what `node` declares, opens or registers.
    fn enter(&mut self, node: Node<'t>);
}

/// Walks the tree under `root` once: `builder.enter` then `visit` on every node, in source order.
pub(super) fn walk<'t>(
    root: Node<'t>,
    builder: &mut impl Enter<'t>,
    visit: &mut dyn FnMut(Node<'t>),
) {
    let mut cursor = root.walk();
    'walk: loop {
        let node = cursor.node();
        builder.enter(node);
        builder.frames().seal(node);
        visit(node);
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            builder.frames().leave(cursor.node());
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
}

/// Whether `node` has an anonymous child token `token` (`async`, `await`, `in`, `const`).
pub(super) fn has_token(node: Node<'_>, token: &str) -> bool {
    let mut cursor = node.walk();
    let found = node
        .children(&mut cursor)
        .any(|c| !c.is_named() && c.kind() == token);
    found
}
