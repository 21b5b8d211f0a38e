//! The one walk of a tree that builds the semantic model: a cursor walk in source order, with the scopes
//! and functions open at the current node. Both language builders drive it.

use super::{FunctionId, ScopeId, ScopeKind, Semantic};
use crate::diagnostic::Span;
use std::num::NonZeroU16;
use tree_sitter::{Language, Node};

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
    /// Records what `node` declares, opens or registers; `ancestors` are the nodes around it, the root
    /// first and its parent last (what `parent()` would find, without searching the tree from its root).
    fn enter(&mut self, node: Node<'t>, ancestors: &[Node<'t>]);
}

/// Walks the tree under `root` once: `builder.enter` then `visit` on every node, in source order.
pub(super) fn walk<'t>(
    root: Node<'t>,
    builder: &mut impl Enter<'t>,
    visit: &mut dyn FnMut(Node<'t>),
) {
    let mut cursor = root.walk();
    let mut ancestors: Vec<Node<'t>> = Vec::with_capacity(64);
    'walk: loop {
        let node = cursor.node();
        builder.enter(node, &ancestors);
        builder.frames().seal(node);
        visit(node);
        if cursor.goto_first_child() {
            ancestors.push(node);
            continue;
        }
        let mut current = node;
        loop {
            builder.frames().leave(current);
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
            current = ancestors
                .pop()
                .expect("the parent was pushed on the way down");
        }
    }
}

/// The builder's names for node kinds, looked up by kind id: one table per grammar, built once from the
/// kind names, so a lookup answers exactly what comparing `node.kind()` with those names would.
pub(super) struct KindTable<K> {
    kinds: Vec<K>,
    other: K,
}

impl<K: Copy> KindTable<K> {
    /// Classifies every kind of `grammar` by its name and whether it is named (`function` is both a
    /// JavaScript node and the keyword inside it); `other` for ids out of range (`ERROR`).
    pub(super) fn new(
        grammar: &Language,
        classify: impl Fn(&str, bool) -> K,
        other: K,
    ) -> KindTable<K> {
        let kinds = (0..grammar.node_kind_count())
            .map(|id| {
                grammar.node_kind_for_id(id as u16).map_or(other, |name| {
                    classify(name, grammar.node_kind_is_named(id as u16))
                })
            })
            .collect();
        KindTable { kinds, other }
    }

    /// The kind of `node`.
    #[inline]
    pub(super) fn of(&self, node: Node<'_>) -> K {
        self.kinds
            .get(node.kind_id() as usize)
            .copied()
            .unwrap_or(self.other)
    }
}

/// A field of a grammar, looked up once by name (`None` when the grammar has no such field).
pub(super) type Field = Option<NonZeroU16>;

/// The field's id in `grammar`.
pub(super) fn field(grammar: &Language, name: &str) -> Field {
    grammar.field_id_for_name(name)
}

/// `node`'s child in `field`: what `child_by_field_name` finds, without looking the name up.
#[inline]
pub(super) fn child<'t>(node: Node<'t>, field: Field) -> Option<Node<'t>> {
    node.child_by_field_id(field?.get())
}

/// Whether `node` has an anonymous child token of kind `token` (`async`, `await`, `in`, `const`).
pub(super) fn has_token<K: Copy + PartialEq>(
    node: Node<'_>,
    kinds: &KindTable<K>,
    token: K,
) -> bool {
    let mut cursor = node.walk();
    let found = node
        .children(&mut cursor)
        .any(|c| !c.is_named() && kinds.of(c) == token);
    found
}
