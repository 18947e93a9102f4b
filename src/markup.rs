//! Escaping text for HTML, SVG and XML, and making safe element ids: the one place
//! every hand-written piece of markup goes through.

/// Escapes text for element content and double- or single-quoted attribute values;
/// control characters other than tab and newlines are dropped (XML forbids them).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_onto(text, &mut out);
    out
}

/// [`escape`], appended to `out`.
pub fn escape_onto(text: &str, out: &mut String) {
    escape_runs(text, |run| {
        out.push_str(run);
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
}

/// [`escape`] written straight to `out`: templates print every value through this, so no
/// string is made for each one.
pub fn escape_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escape_runs(text, |run| out.write_all(run.as_bytes()))
}

/// Whether a byte passes through escaping as it is: not one of `&<>"'`, not an ASCII
/// control but tab and line breaks, and not 0xC2, which may begin a C1 control.
const fn is_plain(byte: u8) -> bool {
    let special = matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'' | 0x7F | 0xC2)
        || (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r'));
    !special
}

/// [`is_plain`] of every byte: one load per byte in the loop that passes over plain
/// runs, nearly twice as fast as testing each byte's value.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_plain(byte as u8);
        byte += 1;
    }
    table
};

/// Hands `push` the escaped text piece by piece: plain runs whole (not character by
/// character) and the replacements between them.
fn escape_runs<E>(text: &str, mut push: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut at = 0;
    loop {
        while at < bytes.len() && PLAIN[bytes[at] as usize] {
            at += 1;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        let (replacement, width) = match byte {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            // Control characters (C0 but tab and line breaks, DEL) are dropped...
            0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F => ("", 1),
            // ...and so are C1 controls, U+0080 to U+009F, two bytes in UTF-8.
            0xC2 if matches!(bytes.get(at + 1), Some(0x80..=0x9F)) => ("", 2),
            _ => {
                at += 1;
                continue;
            }
        };
        if plain_from < at {
            push(&text[plain_from..at])?;
        }
        if !replacement.is_empty() {
            push(replacement)?;
        }
        at += width;
        plain_from = at;
    }
    if plain_from < bytes.len() {
        push(&text[plain_from..])?;
    }
    Ok(())
}

/// Keeps an id usable in `id` and `aria-labelledby` attributes: ASCII letters, digits,
/// `-` and `_`, anything else becoming `-`; `fallback` when nothing is left.
pub fn sanitize_id(id: &str, fallback: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.is_empty() {
        fallback.to_string()
    } else {
        cleaned
    }
}

/// Test helper: `svg` parses as XML with an `<svg>` root, and no attribute (where the
/// coordinates are) holds NaN or infinity.
#[cfg(test)]
pub(crate) fn assert_well_formed_svg(svg: &str) {
    let document = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    assert_eq!(document.root_element().tag_name().name(), "svg");
    for node in document.descendants() {
        let geometry = [
            "x",
            "y",
            "x1",
            "y1",
            "x2",
            "y2",
            "cx",
            "cy",
            "r",
            "width",
            "height",
            "d",
            "viewBox",
            "transform",
            "points",
        ];
        for attribute in node.attributes().filter(|a| geometry.contains(&a.name())) {
            let value = attribute.value().to_lowercase();
            assert!(
                !value.contains("nan") && !value.contains("inf"),
                "{}={value} in {svg}",
                attribute.name()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes_and_drops_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">Tom's & co\u{7}</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;"
        );
        assert_eq!(escape("한국\n"), "한국\n");
        assert_eq!(escape("a\u{85}b\u{a0}\u{9f}\u{7f}\r\t"), "ab\u{a0}\r\t");
    }

    /// Every character on its own, as the rules say: what `escape` must give wherever in a
    /// long text the character stands, inside a block of plain bytes or across its edge.
    fn escaped_char(c: char) -> String {
        match c {
            '&' => "&amp;".into(),
            '<' => "&lt;".into(),
            '>' => "&gt;".into(),
            '"' => "&quot;".into(),
            '\'' => "&#39;".into(),
            '\t' | '\n' | '\r' => c.to_string(),
            c if c.is_control() => String::new(),
            c => c.to_string(),
        }
    }

    #[test]
    fn a_character_is_escaped_the_same_at_every_place_in_a_long_text() {
        let characters = [
            '&', '<', '>', '"', '\'', '\u{0}', '\u{7}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}',
            '\u{9f}', '\t', '\n', '\r', '\u{a0}', 'é', 'Ā', '한', '😀', 'x',
        ];
        for &c in &characters {
            for before in 0..40 {
                for &other in &['a', 'é', c] {
                    let text: String = std::iter::repeat_n('a', before)
                        .chain([c])
                        .chain(std::iter::repeat_n(other, 20))
                        .collect();
                    let expected: String = text.chars().map(escaped_char).collect();
                    assert_eq!(escape(&text), expected, "{c:?} after {before} bytes");
                }
            }
        }
    }

    #[test]
    fn escaping_into_a_writer_gives_the_same_bytes_as_escaping_into_a_string() {
        for text in [
            "",
            "plain",
            "<a href=\"x\">Tom's & co\u{7}</a>",
            "a\u{85}b\u{a0}\u{9f}&",
        ] {
            let mut written = Vec::new();
            escape_to(text, &mut written).expect("writing to a Vec does not fail");
            assert_eq!(String::from_utf8(written).expect("UTF-8"), escape(text));
        }
    }

    #[test]
    fn ids_keep_only_safe_characters() {
        assert_eq!(sanitize_id("measure 1/a", "chart"), "measure-1-a");
        assert_eq!(sanitize_id("", "chart"), "chart");
    }
}
