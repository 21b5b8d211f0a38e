//! Method chains, the shape every ORM query takes: `Order.objects.filter(x=1).select_related("c")[:50]`,
//! `session.query(User).options(...).all()`, `await prisma.user.findMany({...})`. A chain is a root
//! expression and the links applied to it, in order; `await` and parentheses are see-through.

use crate::fields::NodeFields;
use crate::semantic::Semantic;
use tree_sitter::Node;

/// One link of a chain: `.name`, `.name(args)` or `[index]`.
#[derive(Clone, Debug)]
pub struct Link<'t> {
    /// The member name (`filter`); empty for a subscript.
    pub name: &'t str,
    /// The expression that ends with this link (the call when it is called).
    pub node: Node<'t>,
    /// The call, when the member is called.
    pub call: Option<Node<'t>>,
    /// Whether it is a subscript (`qs[:50]`, `rows[0]`).
    pub is_subscript: bool,
}

impl<'t> Link<'t> {
    /// Whether this link is a call of a member named `name`.
    pub fn is_call(&self, name: &str) -> bool {
        self.call.is_some() && self.name == name
    }
}

/// A root and the links applied to it, innermost first.
#[derive(Clone, Debug)]
pub struct Chain<'t> {
    /// What the chain starts from (`Order`, `session`, `prisma`, a call of a plain function).
    pub root: Node<'t>,
    /// The links, from the root outwards.
    pub links: Vec<Link<'t>>,
}

impl<'t> Chain<'t> {
    /// The chain an expression is made of (its root alone when it is not a member chain).
    pub fn of(semantic: &Semantic<'t>, expression: Node<'t>) -> Chain<'t> {
        let mut links = Vec::new();
        let mut node = unwrap(expression);
        loop {
            match node.kind() {
                "call_expression" | "call" => {
                    let Some(callee) = semantic.callee(node).map(unwrap) else {
                        break;
                    };
                    match member_parts(callee) {
                        Some((object, name)) => {
                            links.push(Link {
                                name: semantic.text(name),
                                node,
                                call: Some(node),
                                is_subscript: false,
                            });
                            node = unwrap(object);
                        }
                        None => break,
                    }
                }
                "member_expression" | "attribute" => {
                    let Some((object, name)) = member_parts(node) else {
                        break;
                    };
                    links.push(Link {
                        name: semantic.text(name),
                        node,
                        call: None,
                        is_subscript: false,
                    });
                    node = unwrap(object);
                }
                "subscript_expression" | "subscript" => {
                    let Some(object) = node.field("object").or_else(|| node.field("value")) else {
                        break;
                    };
                    links.push(Link {
                        name: "",
                        node,
                        call: None,
                        is_subscript: true,
                    });
                    node = unwrap(object);
                }
                _ => break,
            }
        }
        links.reverse();
        Chain { root: node, links }
    }

    /// The first link that is a call of a member named one of `names`.
    pub fn find_call(&self, names: &[&str]) -> Option<&Link<'t>> {
        self.links
            .iter()
            .find(|l| l.call.is_some() && names.contains(&l.name))
    }

    /// The names of the links, in order (`["objects", "filter", "first"]`).
    pub fn names(&self) -> impl Iterator<Item = &'t str> + '_ {
        self.links.iter().map(|l| l.name)
    }

    /// The last link.
    pub fn last(&self) -> Option<&Link<'t>> {
        self.links.last()
    }
}

pub use crate::semantic::syntax::{member_parts, unwrap};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::parse;
    use crate::Language;
    use std::path::Path;

    fn names_of(language: Language, source: &str, needle: &str) -> (String, Vec<String>) {
        let tree = parse(language, source).unwrap();
        let semantic = Semantic::build(language, Path::new("a"), source, &tree, &mut |_| {});
        let start = source.find(needle).unwrap();
        let mut node = tree
            .root_node()
            .descendant_for_byte_range(start, start + needle.len())
            .unwrap();
        while node.byte_range() != (start..start + needle.len()) {
            node = node.parent().unwrap();
        }
        let chain = Chain::of(&semantic, node);
        (
            semantic.text(chain.root).to_string(),
            chain
                .links
                .iter()
                .map(|l| {
                    if l.is_subscript {
                        "[]".to_string()
                    } else if l.call.is_some() {
                        format!("{}()", l.name)
                    } else {
                        l.name.to_string()
                    }
                })
                .collect(),
        )
    }

    #[test]
    fn python_querysets_are_root_and_links() {
        let source = "rows = Order.objects.filter(a=1).select_related('c')[:50]\n";
        let (root, links) = names_of(
            Language::Python,
            source,
            "Order.objects.filter(a=1).select_related('c')[:50]",
        );
        assert_eq!(root, "Order");
        assert_eq!(links, ["objects", "filter()", "select_related()", "[]"]);
    }

    #[test]
    fn javascript_chains_see_through_await_and_parentheses() {
        let source = "const rows = await (prisma.user.findMany({ include: { posts: true } }));\n";
        let (root, links) = names_of(
            Language::TypeScript,
            source,
            "await (prisma.user.findMany({ include: { posts: true } }))",
        );
        assert_eq!(root, "prisma");
        assert_eq!(links, ["user", "findMany()"]);
    }
}
