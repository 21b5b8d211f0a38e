//! Positions: byte offsets to 1-based lines and character columns.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r` (JavaScript and Python both end lines there), and a
//! byte-order mark at the start of the text is no column: every output format and the code frames then
//! agree with what editors show.

/// A 1-based line and column; columns count characters (Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineColumn {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// Line starts of one text, to turn byte offsets into [`LineColumn`]s.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                // The `\r` of a `\r\n` ends no line: its `\n` does.
                .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| i as u32 + 1),
        );
        LineIndex { line_starts }
    }

    /// The 0-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&(offset as u32)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where a 0-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)] as usize
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 1-based line and character column of a byte offset in `text`.
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let column =
            text[start..offset].chars().count() - usize::from(starts_with_bom(text, start, offset));
        LineColumn {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// The byte offset of a 1-based line and character column, clamped to the line's end.
    pub fn offset(&self, text: &str, at: LineColumn) -> usize {
        let line = (at.line.max(1) - 1) as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let start = self.line_starts[line] as usize;
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&s| s as usize);
        let wanted =
            (at.column.max(1) - 1) as usize + usize::from(starts_with_bom(text, start, end));
        text[start..end]
            .char_indices()
            .nth(wanted)
            .map_or(end, |(i, _)| start + i)
    }
}

/// Whether `text[start..end]` begins with the text's byte-order mark (which counts as no column).
fn starts_with_bom(text: &str, start: usize, end: usize) -> bool {
    start == 0 && end >= '\u{feff}'.len_utf8() && text.starts_with('\u{feff}')
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\nçé = 1\n";
        let index = LineIndex::new(text);
        let at = index.line_column(text, text.find('=').unwrap());
        assert_eq!(at, LineColumn { line: 2, column: 4 });
        assert_eq!(index.offset(text, at), text.find('=').unwrap());
    }

    #[test]
    fn lines_end_at_lone_carriage_returns_too() {
        let text = "a\rbc\r\nd\ne";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let at = |offset| index.line_column(text, offset);
        assert_eq!(at(3), LineColumn { line: 2, column: 2 });
        assert_eq!(at(6), LineColumn { line: 3, column: 1 });
        assert_eq!(at(8), LineColumn { line: 4, column: 1 });
        assert_eq!(index.offset(text, LineColumn { line: 2, column: 2 }), 3);
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let text = "\u{feff}let x;\nlet y;";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, 3),
            LineColumn { line: 1, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 7),
            LineColumn { line: 1, column: 5 }
        );
        assert_eq!(index.offset(text, LineColumn { line: 1, column: 5 }), 7);
        assert_eq!(
            index.line_column(text, 10),
            LineColumn { line: 2, column: 1 }
        );
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let text = "a\nb";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, 99),
            LineColumn { line: 2, column: 2 }
        );
    }
}
