//! Escaping for the XML formats (JUnit, Checkstyle): the five special characters, and the characters
//! XML 1.0 does not allow at all (most C0 controls, U+FFFE, U+FFFF), which become U+FFFD so that the
//! document stays well-formed whatever a message or a path holds.

/// Text content: `&`, `<` and `>` escaped.
pub(crate) fn text(value: &str) -> String {
    escape(value, |_| None)
}

/// An attribute value between double quotes: also both quotes, and tab, CR and LF as character
/// references (a parser would turn them into spaces otherwise).
pub(crate) fn attribute(value: &str) -> String {
    escape(value, |c| match c {
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\t' => Some("&#9;"),
        '\n' => Some("&#10;"),
        '\r' => Some("&#13;"),
        _ => None,
    })
}

/// `value` with `&`, `<`, `>` and what `more` names escaped, and forbidden characters replaced.
fn escape(value: &str, more: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => match more(c) {
                Some(reference) => out.push_str(reference),
                None => out.push(allowed(c)),
            },
        }
    }
    out
}

/// `c`, or U+FFFD when XML 1.0 forbids it (`Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] |
/// [#xE000-#xFFFD] | [#x10000-#x10FFFF]`; Rust's `char` already excludes the surrogates).
fn allowed(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_and_forbidden_characters_are_escaped() {
        assert_eq!(text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
        assert_eq!(
            text("quotes \" ' stay\nand lines"),
            "quotes \" ' stay\nand lines"
        );
        assert_eq!(
            attribute("say \"hi\" & 'bye'\n\tnext"),
            "say &quot;hi&quot; &amp; &apos;bye&apos;&#10;&#9;next"
        );
        assert_eq!(
            text("bell\u{7}nul\u{0}\u{ffff}"),
            "bell\u{fffd}nul\u{fffd}\u{fffd}"
        );
        assert_eq!(attribute("\u{1b}[0m"), "\u{fffd}[0m");
        assert_eq!(text("é ✓ 😀"), "é ✓ 😀");
    }
}
