//! Generated JavaScript: minified files and bundles, which snag does not lint.
//!
//! A bundle (`webpack`, `esbuild`, `vite` output shipped in a package's `static/` folder) is built from
//! sources that live elsewhere; a finding in it cannot be acted on there, and its one-letter names defeat
//! the semantic layer (`Promise.all(i.filter(...))` in a browser bundle). The default `exclude` list
//! covers the usual names (`*.min.js`, `*.bundle.js`, `dist`, `build`); this catches the rest by content.

use crate::language::LanguageFamily;
use crate::scan;
use std::path::Path;

/// A line longer than this is not written by hand (or holds data).
const LONG_LINE: usize = 1_000;

/// Hand-written JavaScript averages 30 to 60 bytes a line; minified code, hundreds or thousands.
const MINIFIED_AVERAGE_LINE: usize = 200;

/// Whether the file at `path`, with `text` in a language of `family`, is generated code snag leaves
/// alone: JavaScript named by a bundler (see [`is_bundler_output_name`]) or minified (Python is neither).
pub fn is_generated(family: LanguageFamily, path: &Path, text: &str) -> bool {
    family == LanguageFamily::JavaScript && (is_bundler_output_name(path) || is_minified(text))
}

/// Whether a file's name carries a content hash, as bundlers name their chunks: `Calendar-Bcl0IvO9.js`
/// (Vite, Rollup: eight characters of base64 with digits and both cases), `2795.af7b90bb1b1f.entry.js`,
/// `main.7bb061f8.bundle.js`, `output.9b2fab85a00d.js` (webpack, django-compressor: eight or more hex
/// digits with a letter and a digit). Hand-written sources are not named by their hash; a date
/// (`20240101`) has no letter, a word no digit.
pub fn is_bundler_output_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    stem.split(['.', '-']).skip(1).any(is_content_hash)
}

fn is_content_hash(part: &str) -> bool {
    let has = |test: fn(&u8) -> bool| part.as_bytes().iter().any(test);
    let hex = part.len() >= 8
        && part
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && has(u8::is_ascii_digit)
        && has(u8::is_ascii_lowercase);
    let base64 = part.len() == 8
        && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && has(u8::is_ascii_digit)
        && has(u8::is_ascii_uppercase)
        && has(u8::is_ascii_lowercase);
    hex || base64
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
    use super::{is_bundler_output_name, is_minified};
    use std::path::Path;

    #[test]
    fn bundler_chunks_are_named_by_their_hash_and_sources_are_not() {
        for chunk in [
            "client/chunks/Calendar-Bcl0IvO9.js",
            "static/assets/2795.af7b90bb1b1f9b21e098.entry.js",
            "static/dist/js/main.7bb061f8.bundle.js",
            "static.dist/js/output.9b2fab85a00d.js",
        ] {
            assert!(is_bundler_output_name(Path::new(chunk)), "{chunk}");
        }
        for source in [
            "src/services/user-service.js",
            "migrations/20240101120000_create_users.js",
            "lib/utf8-decoder.js",
            "src/base64ToBuffer.ts",
            "src/deadbeef.js",
            "src/handlers/webhook-v2.js",
            "src/ReadMe12.js",
        ] {
            assert!(!is_bundler_output_name(Path::new(source)), "{source}");
        }
    }

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
