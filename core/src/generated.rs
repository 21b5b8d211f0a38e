//! Generated JavaScript: minified files and bundles, which snag does not lint.
//!
//! A bundle (`webpack`, `esbuild`, `vite` output shipped in a package's `static/` folder) is built from
//! sources that live elsewhere; a finding in it cannot be acted on there, and its one-letter names defeat
//! the semantic layer (`Promise.all(i.filter(...))` in a browser bundle). The default `exclude` list
//! covers the usual names (`*.min.js`, `*.bundle.js`, `dist`, `build`); this catches the rest by content.

use crate::language::LanguageFamily;
use crate::scan;

/// A line longer than this is not written by hand (or holds data).
const LONG_LINE: usize = 1_000;

/// Hand-written JavaScript averages 30 to 60 bytes a line; minified code, hundreds or thousands.
const MINIFIED_AVERAGE_LINE: usize = 200;

/// Whether `text`, in a language of `family`, is generated code snag leaves alone: minified JavaScript
/// (Python is not minified).
pub fn is_generated(family: LanguageFamily, text: &str) -> bool {
    family == LanguageFamily::JavaScript && is_minified(text)
}

/// Whether JavaScript `text` looks minified: lines of over 1,000 bytes that are not `//` comments hold
/// more than half of it, and its lines average over 200 bytes. Compiled but readable code (Babel,
/// TypeScript output) keeps short lines, and its inline source map is one long `//#` comment; a
/// hand-written module with one long string (an inline SVG) still has many short lines.
pub fn is_minified(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() <= LONG_LINE {
        return false;
    }
    let (mut lines, mut long_code) = (0, 0);
    for line in scan::physical_lines(bytes) {
        lines += 1;
        if line.len() > LONG_LINE && !scan::javascript::is_line_comment(line) {
            long_code += line.len();
        }
    }
    long_code * 2 > bytes.len() && bytes.len() > MINIFIED_AVERAGE_LINE * lines
}

#[cfg(test)]
mod tests {
    use super::is_minified;

    #[test]
    fn bundles_are_minified_and_hand_written_code_is_not() {
        let body = "var a=1;".repeat(400);
        let bundle = format!(
            "/*! For license information see core.js.LICENSE.txt */\n(()=>{{{body}}})();\n"
        );
        assert!(is_minified(&bundle));
        let source = "const x = require('x');\n\nfunction f(a) {\n  return a + 1;\n}\n".repeat(100);
        assert!(!is_minified(&source));
        // Babel output with an inline source map: one long comment line.
        let map = "a".repeat(50_000);
        let compiled = format!("{source}//# sourceMappingURL=data:application/json;base64,{map}\n");
        assert!(!is_minified(&compiled));
        // A long data line in a larger hand-written file, or in a small one.
        let data = format!("const icon = '{}';\n", "b".repeat(2_000));
        assert!(!is_minified(&format!("{source}{data}")));
        let small = format!(
            "{}{data}{}",
            "const a = 1;\n".repeat(20),
            "f(icon);\n".repeat(12)
        );
        assert!(!is_minified(&small));
        assert!(!is_minified("x"));
    }
}
