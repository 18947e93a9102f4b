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

/// The text to draw for a name within `max_width` at `font`, with `suffix` (e.g. an
/// as-of date) always kept whole after it: the full name when it fits, else the shortest
/// of its `aliases` that fits, else the shortest of them cut with an ellipsis. The full
/// name stays in the accessible text; this is only what is drawn.
pub(crate) fn fitted_name(
    full: &str,
    aliases: &[String],
    suffix: &str,
    max_width: f64,
    font: f64,
) -> String {
    let full = clean(full);
    let suffix = clean(suffix);
    let join = |name: &str| match (name.is_empty(), suffix.is_empty()) {
        (_, true) => name.to_string(),
        (true, false) => suffix.clone(),
        (false, false) => format!("{name} {suffix}"),
    };
    if text_width(&join(&full), font) <= max_width {
        return join(&full);
    }
    let mut shorter: Vec<String> = aliases
        .iter()
        .map(|a| clean(a))
        .filter(|a| !a.is_empty())
        .collect();
    shorter.sort_by(|a, b| {
        text_width(a, font)
            .total_cmp(&text_width(b, font))
            .then_with(|| a.cmp(b))
    });
    if let Some(alias) = shorter.first()
        && text_width(&join(alias), font) <= max_width
    {
        return join(alias);
    }
    let shortest = shorter.into_iter().next().unwrap_or(full);
    let room = max_width
        - text_width(&join(""), font)
        - if suffix.is_empty() {
            0.0
        } else {
            char_em(' ') * font
        };
    join(&truncate(
        &shortest,
        room.max(char_em('…') * font * 2.0),
        font,
    ))
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
    fn names_too_long_fall_back_to_their_shortest_alias_and_keep_their_suffix() {
        let aliases = ["Southern Guard Navy".to_string(), "SGN".to_string()];
        let long = "Islamic Revolutionary Guard Corps Navy of the Southern Shore";
        assert_eq!(
            fitted_name("Iran", &aliases, "(2019)", 190.0, 12.0),
            "Iran (2019)"
        );
        assert_eq!(
            fitted_name(long, &aliases, "(2019)", 190.0, 12.0),
            "SGN (2019)"
        );
        assert_eq!(fitted_name(long, &aliases, "", 190.0, 12.0), "SGN");
        let cut = fitted_name(long, &[], "(14 November 2020)", 190.0, 12.0);
        assert!(cut.ends_with("… (14 November 2020)"), "{cut}");
        assert!(text_width(&cut, 12.0) <= 190.0, "{cut}");
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
