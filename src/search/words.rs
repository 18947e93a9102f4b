//! How text is cut into the words the index holds and readers type: runs of letters and
//! digits, lower-cased. The search page's script cuts queries the same way (`search.js`:
//! `[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+`, `toLowerCase`), so what is indexed is what is found.
//!
//! Words are ordered as JavaScript compares strings (UTF-16 code units), not as Rust does
//! (UTF-8 bytes): the two differ above U+FFFF, and the script finds a word's chunk by
//! comparing it with the first word of each chunk.

use std::cmp::Ordering;

/// The words of `text`, lower-cased, in order, repeats kept.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text).map(str::to_lowercase)
}

/// The words of `text` as written, before lower-casing.
pub(crate) fn raw_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// The order of words in the index: JavaScript's `<` on strings.
pub(crate) fn js_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits_lower_cased() {
        let all: Vec<String> = words("North Korea’s 2024 test — 북한의 미사일, Zürich!").collect();
        assert_eq!(
            all,
            [
                "north",
                "korea",
                "s",
                "2024",
                "test",
                "북한의",
                "미사일",
                "zürich"
            ]
        );
    }

    #[test]
    fn words_are_ordered_by_utf16_code_units() {
        // U+FF21 (fullwidth A) is one UTF-16 unit above the surrogates of U+1F600; UTF-8
        // orders them the other way round.
        assert_eq!(js_order("\u{ff21}", "\u{1f600}"), Ordering::Greater);
        assert_eq!("\u{ff21}".cmp("\u{1f600}"), Ordering::Less);
        assert_eq!(js_order("korea", "korean"), Ordering::Less);
    }
}
