//! The site's `language:`: a BCP 47 language tag (RFC 5646), checked by its syntax.
//!
//! The value becomes `<html lang>`, the feeds' language and part of the search index's
//! file names, so it must be a tag and nothing else: no path separators, dots or spaces
//! can pass. A strict check of the RFC's grammar is a few lines; no registry lookup is
//! made (an unregistered but well-formed subtag such as `qaa` is accepted), and the
//! irregular "grandfathered" tags (`i-klingon`) are refused.

/// The longest tag accepted. The search indexer names files by the language followed by
/// part of a hash and fails on long languages; every tag in common use (`zh-Hant-TW`,
/// `ca-ES-valencia`, `sr-Latn-RS`) is far shorter.
pub(crate) const MAX_LANGUAGE_TAG_LEN: usize = 20;

/// Why `tag` is not an acceptable language tag, or None when it is.
pub(crate) fn problem(tag: &str) -> Option<String> {
    if tag.is_empty() {
        return Some("the language is empty".to_string());
    }
    if !is_well_formed(tag) {
        return Some(format!("`{tag}` is not a BCP 47 language tag"));
    }
    if tag.len() > MAX_LANGUAGE_TAG_LEN {
        return Some(format!(
            "the language tag `{tag}` is longer than {MAX_LANGUAGE_TAG_LEN} characters"
        ));
    }
    None
}

fn alpha(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn alphanum(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

/// `langtag` or `privateuse` of RFC 5646 §2.1, case-insensitively.
fn is_well_formed(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let mut rest = subtags.as_slice();
    if rest.first().is_some_and(|s| s.eq_ignore_ascii_case("x")) {
        return private_use(&rest[1..]);
    }
    // language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
    match rest.split_first() {
        Some((language, tail)) if alpha(language, 2, 8) => {
            rest = tail;
            if language.len() <= 3 {
                // extlang = 3ALPHA *2("-" 3ALPHA)
                let extlangs = rest.iter().take(3).take_while(|s| alpha(s, 3, 3)).count();
                rest = &rest[extlangs..];
            }
        }
        _ => return false,
    }
    if let Some((script, tail)) = rest.split_first()
        && alpha(script, 4, 4)
    {
        rest = tail;
    }
    if let Some((region, tail)) = rest.split_first()
        && (alpha(region, 2, 2) || digits(region, 3))
    {
        rest = tail;
    }
    // variant = 5*8alphanum / (DIGIT 3alphanum)
    while let Some((variant, tail)) = rest.split_first() {
        let digit_first =
            variant.len() == 4 && variant.as_bytes()[0].is_ascii_digit() && alphanum(variant, 4, 4);
        if !(alphanum(variant, 5, 8) || digit_first) {
            break;
        }
        rest = tail;
    }
    // extension = singleton 1*("-" (2*8alphanum))
    while let Some((singleton, tail)) = rest.split_first() {
        if singleton.len() != 1 || singleton.eq_ignore_ascii_case("x") || !alphanum(singleton, 1, 1)
        {
            break;
        }
        let values = tail.iter().take_while(|s| alphanum(s, 2, 8)).count();
        if values == 0 {
            return false;
        }
        rest = &tail[values..];
    }
    match rest.split_first() {
        None => true,
        Some((x, tail)) if x.eq_ignore_ascii_case("x") => private_use(tail),
        Some(_) => false,
    }
}

/// `1*("-" (1*8alphanum))` after the `x`.
fn private_use(subtags: &[&str]) -> bool {
    !subtags.is_empty() && subtags.iter().all(|s| alphanum(s, 1, 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_tags_are_accepted() {
        for tag in [
            "en",
            "EN",
            "fr",
            "pt-BR",
            "zh-Hant",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "ca-ES-valencia",
            "de-CH-1901",
            "es-419",
            "en-US-x-twain",
            "x-private",
            "zh-yue-HK",
            "en-a-bbb-x-a",
        ] {
            assert_eq!(problem(tag), None, "{tag}");
        }
    }

    #[test]
    fn paths_spaces_and_malformed_tags_are_refused() {
        for tag in [
            "",
            "../../../../x/zz",
            "en/US",
            "en_US",
            "en US",
            "e",
            "en-",
            "-en",
            "en--US",
            "en-a",
            "x",
            "en-x",
            "i-klingon",
            "en.US",
            "ab\\cd",
            "é",
        ] {
            assert!(problem(tag).is_some(), "{tag}");
        }
    }

    #[test]
    fn a_well_formed_tag_longer_than_the_cap_is_refused() {
        let tag = "en-Latn-US-valencia-x-abcdefgh-abcdefgh";
        assert!(is_well_formed(tag));
        assert!(problem(tag).unwrap().contains("longer than 20"));
    }
}
