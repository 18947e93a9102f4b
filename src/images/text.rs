//! Measuring and wrapping a card's text with the card font's own advance widths, so a
//! title never runs off the card, whatever its script.

use std::sync::Arc;

use resvg::usvg::fontdb;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The font cards are drawn with (shipped with the theme: `fonts/card-font.ttf`).
pub struct CardFont<'a> {
    font: FontRef<'a>,
    pub bytes: &'a [u8],
    /// The font as resvg looks it up, parsed once and shared by every card of a build
    /// (loading it per card copied and parsed 730 KB each time).
    pub(crate) database: Arc<fontdb::Database>,
}

impl<'a> CardFont<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<CardFont<'a>, String> {
        let font = FontRef::new(bytes).map_err(|e| format!("the card font is unreadable: {e}"))?;
        let mut database = fontdb::Database::new();
        database.load_font_data(bytes.to_vec());
        Ok(CardFont {
            font,
            bytes,
            database: Arc::new(database),
        })
    }

    /// Whether the font draws `ch` (rather than a blank box).
    pub fn covers(&self, ch: char) -> bool {
        self.font.charmap().map(ch).is_some()
    }

    /// The width of `text` set at `size` pixels; a character the font lacks counts as
    /// wide as the notdef box it would be drawn with.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|ch| {
                let glyph = charmap.map(ch).unwrap_or_default();
                metrics.advance_width(glyph).unwrap_or(size * 0.5)
            })
            .sum()
    }
}

/// `text` broken into at most `max_lines` lines no wider than `width`, between words
/// where it can and anywhere in a word too long for a line; text left over shortens
/// the last line, which then ends with an ellipsis.
pub fn wrap_lines(
    font: &CardFont<'_>,
    text: &str,
    size: f32,
    width: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut overflow = false;
    'words: for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if font.width(&candidate, size) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                overflow = true;
                break;
            }
        }
        // The word alone: split it where it must be.
        for ch in word.chars() {
            let mut longer = current.clone();
            longer.push(ch);
            if font.width(&longer, size) > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                if lines.len() == max_lines {
                    overflow = true;
                    break 'words;
                }
                current.push(ch);
            } else {
                current = longer;
            }
        }
    }
    if !overflow && !current.is_empty() {
        lines.push(current);
    }
    if overflow && let Some(last) = lines.last_mut() {
        while !last.is_empty() && font.width(&format!("{last}…"), size) > width {
            last.pop();
        }
        let trimmed = last.trim_end().to_string();
        *last = format!("{trimmed}…");
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> CardFont<'static> {
        CardFont::new(crate::images::card::tests::FONT).unwrap()
    }

    #[test]
    fn the_card_font_covers_latin_and_the_ks_x_1001_hangul() {
        let font = font();
        for ch in "Seoul, 2013 — “quotes” Café Straße".chars() {
            assert!(font.covers(ch), "no glyph for {ch:?}");
        }
        // KS X 1001 has 2,350 of the 11,172 precomposed syllables, among them these.
        let hangul = ('\u{AC00}'..='\u{D7A3}')
            .filter(|&ch| font.covers(ch))
            .count();
        assert_eq!(hangul, 2350);
        for ch in "서울 사이버 공격 한국어"
            .chars()
            .filter(|c| !c.is_whitespace())
        {
            assert!(font.covers(ch), "no glyph for {ch:?}");
        }
    }

    #[test]
    fn a_long_title_wraps_to_three_lines_ending_with_an_ellipsis() {
        let font = font();
        let title = "word ".repeat(80);
        let lines = wrap_lines(&font, &title, 64.0, 1040.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| font.width(l, 64.0) <= 1040.0));
    }

    #[test]
    fn a_korean_title_without_spaces_still_wraps() {
        let font = font();
        let lines = wrap_lines(&font, &"사이버공격".repeat(10), 64.0, 1040.0, 3);
        assert!(lines.len() >= 2 && lines.len() <= 3, "{lines:?}");
        assert!(lines.iter().all(|l| font.width(l, 64.0) <= 1040.0));
    }

    #[test]
    fn a_short_title_is_one_line() {
        assert_eq!(
            wrap_lines(&font(), "Banks hit", 64.0, 1040.0, 3),
            ["Banks hit"]
        );
    }
}
