//! Tags: written freely by editors, addressed by their slug.

use serde::Serialize;

use crate::ids::{MAX_SEGMENT_BYTES, TagSlug, is_windows_reserved};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub name: String,
    pub slug: TagSlug,
}

impl Tag {
    /// The tag, or why its name cannot make a URL: nothing to slug, a Windows device
    /// name (`con`, `nul`…) as slug, or a slug longer than [`MAX_SEGMENT_BYTES`].
    ///
    /// A tag's slug names its page's folder, so a very long tag would make a file name the
    /// file system refuses, failing `build` with no place to look. Such a tag is an error
    /// at the place it was written, the same for `check` and `build`, rather than capped
    /// with a hash: a cut-down slug would give the tag an address nobody could guess.
    pub fn new(name: &str) -> Result<Tag, TagProblem> {
        let slug = slug_of(name.trim());
        if slug.is_empty() {
            return Err(TagProblem::NoLetters);
        }
        if slug.len() > MAX_SEGMENT_BYTES {
            return Err(TagProblem::TooLong {
                slug_len: slug.len(),
            });
        }
        if is_windows_reserved(&slug) {
            return Err(TagProblem::Reserved);
        }
        Ok(Tag {
            name: name.trim().to_string(),
            slug: TagSlug::new(&slug),
        })
    }
}

/// Why a tag's name cannot be a tag.
/// A tag's slug. A name in the Latin script is transliterated as before (`Café` → `cafe`);
/// a name in another script keeps it (`해킹 사건` → `해킹-사건`), since transliterating
/// Korean or Persian gives slugs no reader of the language recognizes. Only letters and
/// digits are kept, lowercased, runs of anything else becoming one hyphen: the slug is a
/// safe folder name, written in UTF-8 on disk and percent-encoded by browsers in URLs.
pub(crate) fn slug_of(name: &str) -> String {
    // Latin letters end at U+024F (Latin Extended-B); IPA and beyond are other scripts.
    let other_script = name.chars().any(|c| c.is_alphabetic() && c > '\u{024f}');
    if !other_script {
        return slug::slugify(name);
    }
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagProblem {
    /// Nothing to make a URL from.
    NoLetters,
    /// The slug would be `slug_len` bytes, over [`MAX_SEGMENT_BYTES`].
    TooLong { slug_len: usize },
    /// The slug is a Windows device name (`con`, `nul`…), which no folder can have there.
    Reserved,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_whose_slug_is_over_the_cap_is_refused_and_one_at_the_cap_kept() {
        let at_cap = "a".repeat(MAX_SEGMENT_BYTES);
        assert_eq!(Tag::new(&at_cap).unwrap().slug.as_str(), at_cap);
        assert_eq!(
            Tag::new(&"Word ".repeat(60)),
            Err(TagProblem::TooLong { slug_len: 299 })
        );
        assert_eq!(Tag::new("!!"), Err(TagProblem::NoLetters));
        assert_eq!(Tag::new("NUL"), Err(TagProblem::Reserved));
        assert!(Tag::new("Null").is_ok());
    }

    #[test]
    fn a_tag_in_another_script_keeps_its_letters() {
        assert_eq!(Tag::new("해킹 사건").unwrap().slug.as_str(), "해킹-사건");
        assert_eq!(Tag::new("تنگه هرمز").unwrap().slug.as_str(), "تنگه-هرمز");
        assert_eq!(
            Tag::new("Cyber Attacks").unwrap().slug.as_str(),
            "cyber-attacks"
        );
        assert_eq!(Tag::new("Café").unwrap().slug.as_str(), "cafe");
    }
}
