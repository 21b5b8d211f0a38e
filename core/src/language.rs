//! The languages snag reads, and how a path maps to one.

use std::path::Path;

/// A grammar snag parses with. JavaScript covers JSX; TSX is TypeScript with JSX.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// `.js .mjs .cjs .jsx`
    JavaScript,
    /// `.ts .mts .cts`
    TypeScript,
    /// `.tsx`
    Tsx,
    /// `.py .pyi`
    Python,
}

/// The family a rule is written for: the JavaScript family shares one semantic model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LanguageFamily {
    /// JavaScript, TypeScript and TSX.
    JavaScript,
    /// Python.
    Python,
}

impl Language {
    /// Every language, in a fixed order (used to index per-language tables).
    pub const ALL: [Language; 4] = [
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Python,
    ];

    /// The language of a path, by its extension; `None` for files snag does not lint.
    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "py" | "pyi" => Language::Python,
            _ => return None,
        })
    }

    /// The family whose semantic model and rules apply.
    pub fn family(self) -> LanguageFamily {
        match self {
            Language::Python => LanguageFamily::Python,
            _ => LanguageFamily::JavaScript,
        }
    }

    /// A dense index, for per-language tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tree-sitter grammar.
    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Python => tree_sitter_python::LANGUAGE.into(),
        }
    }

    /// The prefix of a line comment in this language.
    pub fn line_comment(self) -> &'static str {
        match self {
            Language::Python => "#",
            _ => "//",
        }
    }
}

impl LanguageFamily {
    /// Human name.
    pub fn name(self) -> &'static str {
        match self {
            LanguageFamily::JavaScript => "JavaScript",
            LanguageFamily::Python => "Python",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grammar_loads_into_a_parser() {
        for language in Language::ALL {
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&language.grammar())
                .unwrap_or_else(|e| panic!("{language:?}: {e}"));
            assert!(parser.parse("x", None).is_some());
        }
    }

    #[test]
    fn extensions_map_to_languages() {
        assert_eq!(
            Language::from_path(Path::new("a/b.cjs")),
            Some(Language::JavaScript)
        );
        assert_eq!(
            Language::from_path(Path::new("a.mts")),
            Some(Language::TypeScript)
        );
        assert_eq!(Language::from_path(Path::new("a.tsx")), Some(Language::Tsx));
        assert_eq!(
            Language::from_path(Path::new("a.pyi")),
            Some(Language::Python)
        );
        assert_eq!(Language::from_path(Path::new("a.rb")), None);
        assert_eq!(Language::from_path(Path::new("Makefile")), None);
    }
}
