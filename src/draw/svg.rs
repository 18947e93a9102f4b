//! Text and numbers in hand-written SVG: coordinates that are always valid, and label
//! widths estimated without a font engine so long names can be cut before they overflow.

/// A number as an SVG coordinate: one decimal, never NaN, infinite or "-0.0".
pub(crate) fn coordinate(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{value:.1}");
    if text == "-0.0" {
        "0.0".to_string()
    } else {
        text
    }
}

/// The cleaned full text and the text to draw within `max_width` at `font`.
pub(crate) fn fitted(text: &str, max_width: f64, font: f64) -> (String, String) {
    let full = clean(text);
    let drawn = truncate(&full, max_width, font);
    (full, drawn)
}

/// Collapses whitespace and drops control characters (which XML does not allow).
pub(crate) fn clean(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cuts `text` to fit `max_width` user units at `font`, ending it with an ellipsis when cut.
pub(crate) fn truncate(text: &str, max_width: f64, font: f64) -> String {
    if text_width(text, font) <= max_width {
        return text.to_string();
    }
    let budget = max_width - char_em('…') * font;
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += char_em(c) * font;
        if used > budget {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// Estimated width of `text` at `font`; generous so text rarely overflows.
pub(crate) fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font
}

/// Estimated advance of a character, in ems.
fn char_em(c: char) -> f64 {
    match c {
        // Hangul, CJK, kana and full-width forms are about one em wide.
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}' => 1.0,
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | ' ' => 0.34,
        'f' | 'r' | 't' | '(' | ')' | '-' => 0.44,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '—' => 0.95,
        c if c.is_uppercase() => 0.76,
        _ => 0.64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_always_valid_numbers() {
        assert_eq!(coordinate(1.25), "1.2");
        assert_eq!(coordinate(-0.01), "0.0");
        assert_eq!(coordinate(f64::NAN), "0.0");
        assert_eq!(coordinate(-0.04), "0.0");
        assert_eq!(coordinate(1.26), "1.3");
    }

    #[test]
    fn clean_collapses_whitespace_and_drops_control_characters() {
        assert_eq!(clean("  a\n b\u{7}c  "), "a bc");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_and_hangul_counts_wide() {
        let cut = truncate("Workers' Party of Korea", 100.0, 12.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(
            "Workers' Party of Korea".starts_with(cut.trim_end_matches('…')),
            "{cut}"
        );
        assert!(text_width(&cut, 12.0) <= 100.0, "{cut}");
        assert_eq!(truncate("Iran", 100.0, 12.0), "Iran");
        assert!(text_width("한국", 12.0) > text_width("ab", 12.0));
        assert_eq!(truncate("short", 100.0, 12.0), "short");
        assert!(truncate("한국어 이름이 아주 깁니다 정말로", 60.0, 12.0).ends_with('…'));
        assert_eq!(
            fitted("  a \u{7} b ", 100.0, 12.0),
            ("a b".to_string(), "a b".to_string())
        );
    }
}
