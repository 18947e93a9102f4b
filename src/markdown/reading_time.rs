//! How long a text takes to read: words at 200 a minute, and characters of scripts written
//! without spaces between words (Hangul, Han, kana) at 500 a minute, so that a story in
//! Korean gets an honest estimate too.

/// Words read in a minute.
const WORDS_PER_MINUTE: usize = 200;
/// Characters of Hangul, Han or kana read in a minute.
const CJK_CHARACTERS_PER_MINUTE: usize = 500;

/// Whether a character belongs to a script counted by characters rather than words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'     // Hangul Jamo
        | '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}'   // Hangul compatibility Jamo
        | '\u{3400}'..='\u{4DBF}'   // Han extension A
        | '\u{4E00}'..='\u{9FFF}'   // Han
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // Han compatibility
    )
}

/// Whole minutes to read `text` (plain text, not Markdown), rounded up; at least 1.
pub(crate) fn reading_minutes(text: &str) -> usize {
    let (words, cjk) = if text.is_ascii() {
        (ascii_words(text.as_bytes()), 0)
    } else {
        words_and_cjk(text)
    };
    // Minutes as a fraction over the least common multiple of both rates, to round once.
    let units = words * CJK_CHARACTERS_PER_MINUTE + cjk * WORDS_PER_MINUTE;
    let per_minute = WORDS_PER_MINUTE * CJK_CHARACTERS_PER_MINUTE;
    units.div_ceil(per_minute).max(1)
}

/// The words of an ASCII text, as [`words_and_cjk`] counts them (runs between whitespace
/// holding a letter or digit), in one pass over the bytes.
fn ascii_words(text: &[u8]) -> usize {
    let mut words = 0;
    let mut word_has_alphanumeric = false;
    for &byte in text {
        // The ASCII characters `char::is_whitespace` takes: tab to carriage return, space.
        if matches!(byte, b' ' | b'\t'..=b'\r') {
            words += usize::from(word_has_alphanumeric);
            word_has_alphanumeric = false;
        } else {
            word_has_alphanumeric |= byte.is_ascii_alphanumeric();
        }
    }
    words + usize::from(word_has_alphanumeric)
}

/// Words (runs between whitespace holding a letter or digit of a script written with
/// spaces) and characters of Hangul, Han or kana.
fn words_and_cjk(text: &str) -> (usize, usize) {
    let mut words = 0;
    let mut cjk = 0;
    for token in text.split_whitespace() {
        // Most words of most stories are ASCII: no CJK to count, one cheap byte test.
        if token.is_ascii() {
            words += usize::from(token.bytes().any(|b| b.is_ascii_alphanumeric()));
            continue;
        }
        let counted = token.chars().filter(|&c| is_cjk(c)).count();
        cjk += counted;
        if token.chars().any(|c| c.is_alphanumeric() && !is_cjk(c)) {
            words += 1;
        }
    }
    (words, cjk)
}

#[cfg(test)]
mod tests {
    use super::{ascii_words, reading_minutes, words_and_cjk};

    #[test]
    fn ascii_text_counts_the_same_words_on_its_fast_path() {
        for text in [
            "",
            "   ",
            "one",
            "a\u{b}b\u{c}c\rd\te\nf  g",
            "-- x -- 42 ... (y)",
            "trailing word ",
            "\u{1c}x\u{1f}y",
        ] {
            assert_eq!(
                ascii_words(text.as_bytes()),
                words_and_cjk(text).0,
                "{text:?}"
            );
        }
        assert_eq!(ascii_words(b"a\x0bb\x0cc"), 3);
        assert_eq!(ascii_words(b"-- x -- 42 ... (y)"), 3);
    }

    #[test]
    fn words_are_read_at_two_hundred_a_minute_rounded_up() {
        assert_eq!(reading_minutes(&"word ".repeat(200)), 1);
        assert_eq!(reading_minutes(&"word ".repeat(201)), 2);
        assert_eq!(reading_minutes(&"word ".repeat(799)), 4);
        assert_eq!(reading_minutes(""), 1);
    }

    #[test]
    fn korean_is_read_by_characters_at_five_hundred_a_minute() {
        assert_eq!(reading_minutes(&"한국어 ".repeat(166)), 1);
        assert_eq!(reading_minutes(&"한국어 ".repeat(334)), 3);
    }

    #[test]
    fn punctuation_alone_is_not_a_word() {
        assert_eq!(reading_minutes(&"— ".repeat(1000)), 1);
        assert_eq!(reading_minutes(&"-- ".repeat(1000)), 1);
    }

    #[test]
    fn a_word_mixing_latin_and_hangul_counts_as_a_word_and_its_characters() {
        // 100 words (half a minute) and 200 characters (two fifths): under a minute.
        assert_eq!(reading_minutes(&"KBS방송 ".repeat(100)), 1);
        // 150 words (three quarters) and 300 characters (three fifths): over a minute.
        assert_eq!(reading_minutes(&"KBS방송 ".repeat(150)), 2);
    }
}
