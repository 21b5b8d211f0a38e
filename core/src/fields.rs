//! Field lookups by name, answered from a table per grammar.
//!
//! tree-sitter's `child_by_field_name` finds the field's id by comparing the name with every field name
//! of the grammar in turn (`strncmp`), on every call; rules and the model index ask hundreds of
//! thousands of times per run, which made it about 4% of a run on JavaScript. [`NodeFields::field`]
//! answers the same from a hash table built once per grammar.

use crate::language::Language;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use tree_sitter::Node;

/// `node.field("body")`: what `node.child_by_field_name("body")` answers, without the name scan.
pub trait NodeFields<'t> {
    /// The first child in field `name`; `None` when there is none, or the grammar has no such field.
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> NodeFields<'t> for Node<'t> {
    #[inline]
    fn field(&self, name: &str) -> Option<Node<'t>> {
        let grammar = self.language();
        match tables().iter().find(|table| table.grammar == *grammar) {
            Some(table) => self.child_by_field_id(*table.ids.get(name)?),
            // A grammar snag does not ship (a test's): tree-sitter's own lookup.
            None => self.child_by_field_name(name),
        }
    }
}

/// One grammar's field ids by name.
struct FieldTable {
    grammar: tree_sitter::Language,
    ids: FxHashMap<Box<str>, u16>,
}

fn tables() -> &'static [FieldTable; 4] {
    static TABLES: OnceLock<[FieldTable; 4]> = OnceLock::new();
    TABLES.get_or_init(|| Language::ALL.map(|language| FieldTable::of(language.grammar())))
}

impl FieldTable {
    fn of(grammar: tree_sitter::Language) -> FieldTable {
        // Field ids run from 1 to the count; 0 means "no field".
        let ids = (1..=grammar.field_count() as u16)
            .filter_map(|id| Some((grammar.field_name_for_id(id)?.into(), id)))
            .collect();
        FieldTable { grammar, ids }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of every node of a sample agrees with tree-sitter's own lookup, for every field name
    /// of the grammar and one that no grammar has.
    #[test]
    fn field_matches_child_by_field_name_in_every_grammar() {
        let samples = [
            (
                Language::JavaScript,
                "for (const x of xs) { if (a) f(x.y, () => 1); else g`t`; }",
            ),
            (
                Language::TypeScript,
                "function f(a: number): T { return a as T; }",
            ),
            (
                Language::Tsx,
                "const C = (p: P) => <div key={p.k}>{p.v}</div>;",
            ),
            (
                Language::Python,
                "class A(B):\n    def f(self, x=1):\n        return [y for y in x if y]\n",
            ),
        ];
        for (language, text) in samples {
            let grammar = language.grammar();
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&grammar).unwrap();
            let tree = parser.parse(text, None).unwrap();
            let mut names: Vec<&str> = (1..=grammar.field_count() as u16)
                .filter_map(|id| grammar.field_name_for_id(id))
                .collect();
            names.push("no_such_field");
            let mut stack = vec![tree.root_node()];
            let mut checked = 0;
            while let Some(node) = stack.pop() {
                for name in &names {
                    assert_eq!(
                        node.field(name),
                        node.child_by_field_name(name),
                        "{language:?} {name}"
                    );
                    checked += usize::from(node.field(name).is_some());
                }
                let mut cursor = node.walk();
                stack.extend(node.children(&mut cursor));
            }
            assert!(checked > 3, "{language:?}: the sample has fields");
        }
    }
}
