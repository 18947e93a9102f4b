//! Line and column of byte offsets in one text, from one index of line starts.
//!
//! Counting newlines from the start of the text for every reference made loading a
//! story with many links quadratic in its size; the index is built once per text and
//! each lookup is a binary search plus a count of the characters before the offset on
//! its line, resumed from the previous lookup when offsets come in order on one line.

use std::cell::Cell;

/// The byte offset of every line start of one text.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last lookup: (offset, column), so that ordered lookups on one very long line
    /// count each character once rather than once per lookup.
    last: Cell<Option<(usize, u32)>>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            last: Cell::new(None),
        }
    }

    /// 1-based line and column (in characters) of a byte offset; an offset past the end
    /// or inside a character counts as the nearest character boundary before it.
    pub(crate) fn locate(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts[line - 1];
        let (from, column_before) = match self.last.get() {
            Some((last, column)) if last >= line_start && last <= offset => (last, column - 1),
            _ => (line_start, 0),
        };
        let column = column_before + self.text[from..offset].chars().count() as u32 + 1;
        self.last.set(Some((offset, column)));
        (line as u32, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::source_file::line_and_column;

    #[test]
    fn the_index_gives_the_positions_of_counting_from_the_start() {
        let text = "ab\n한국 x\n\n[[link]] and [[other]]\r\nlast 한 line";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 2).collect();
        for &offset in offsets.iter().chain(offsets.iter().rev()) {
            let expected = line_and_column(text, floor_boundary(text, offset));
            assert_eq!(index.locate(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn ordered_lookups_on_one_long_line_resume_from_the_last_one() {
        let text = "x".repeat(1000) + "한" + &"y".repeat(1000);
        let index = LineIndex::new(&text);
        assert_eq!(index.locate(10), (1, 11));
        assert_eq!(index.locate(1003), (1, 1002));
        assert_eq!(index.locate(2003), (1, 2002));
        assert_eq!(index.locate(5), (1, 6));
    }

    fn floor_boundary(text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}
