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
    let (words, cjk) = words_and_cjk(text);
    // Minutes as a fraction over the least common multiple of both rates, to round once.
    let units = words * CJK_CHARACTERS_PER_MINUTE + cjk * WORDS_PER_MINUTE;
    let per_minute = WORDS_PER_MINUTE * CJK_CHARACTERS_PER_MINUTE;
    units.div_ceil(per_minute).max(1)
}

/// What a character is to the count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Whitespace, which separates words.
    Space,
    /// A letter or digit of a script written with spaces: its run of non-space is a word.
    WordCharacter,
    /// Hangul, Han or kana: counted one by one.
    Cjk,
    /// Punctuation and symbols, which make no word on their own.
    Other,
}

/// The kind of each ASCII byte, looked up rather than tested: most of most stories is ASCII.
static ASCII_KINDS: [Kind; 128] = {
    let mut kinds = [Kind::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        // The ASCII characters `char::is_whitespace` takes: tab to carriage return, space.
        if b == b' ' || (b >= b'\t' && b <= b'\r') {
            kinds[byte] = Kind::Space;
        } else if b.is_ascii_alphanumeric() {
            kinds[byte] = Kind::WordCharacter;
        }
        byte += 1;
    }
    kinds
};

fn kind_of(c: char) -> Kind {
    if c.is_whitespace() {
        Kind::Space
    } else if is_cjk(c) {
        Kind::Cjk
    } else if c.is_alphanumeric() {
        Kind::WordCharacter
    } else {
        Kind::Other
    }
}

/// Words (runs between whitespace holding a letter or digit of a script written with
/// spaces) and characters of Hangul, Han or kana, in one pass: a word is counted at its
/// first letter or digit since the last whitespace. Only characters outside ASCII are
/// decoded.
fn words_and_cjk(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut cjk = 0;
    let mut counted_since_space = false;
    let mut at = 0;
    while at < bytes.len() {
        let kind = match ASCII_KINDS.get(usize::from(bytes[at])) {
            Some(&kind) => {
                at += 1;
                kind
            }
            None => {
                let c = text[at..].chars().next().unwrap_or(' ');
                at += c.len_utf8();
                kind_of(c)
            }
        };
        match kind {
            Kind::Space => counted_since_space = false,
            Kind::WordCharacter => {
                words += usize::from(!counted_since_space);
                counted_since_space = true;
            }
            Kind::Cjk => cjk += 1,
            Kind::Other => {}
        }
    }
    (words, cjk)
}

#[cfg(test)]
mod tests {
    use super::{is_cjk, reading_minutes, words_and_cjk};

    /// The count as first written, token by token: what the one-pass count must equal.
    fn by_tokens(text: &str) -> (usize, usize) {
        let mut words = 0;
        let mut cjk = 0;
        for token in text.split_whitespace() {
            cjk += token.chars().filter(|&c| is_cjk(c)).count();
            if token.chars().any(|c| c.is_alphanumeric() && !is_cjk(c)) {
                words += 1;
            }
        }
        (words, cjk)
    }

    #[test]
    fn the_one_pass_count_equals_the_count_by_whitespace_separated_tokens() {
        for text in [
            "",
            "   ",
            "one",
            "a\u{b}b\u{c}c\rd\te\nf  g",
            "-- x -- 42 ... (y)",
            "trailing word ",
            "\u{1c}x\u{1f}y",
            "“Quoted,” she said — twice’s enough…",
            "non\u{a0}breaking\u{2003}em space\u{3000}ideographic",
            "KBS방송 한국어 漢字かな — 2013年",
            "Ünïcödé wörds ßtraße Αθήνα Москва",
            "٣ أرقام عربية ١٢",
            "😀 ✓ → x",
        ] {
            assert_eq!(words_and_cjk(text), by_tokens(text), "{text:?}");
        }
        assert_eq!(words_and_cjk("a\x0bb\x0cc"), (3, 0));
        assert_eq!(words_and_cjk("-- x -- 42 ... (y)"), (3, 0));
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
