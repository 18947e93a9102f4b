//! Typed ids. An id is the same in every language edition: it comes from a file name
//! or an `id:` field, never from a title.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Location;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            pub fn new(id: &str) -> Self {
                $name(Arc::from(id))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// An actor: `content/actors/<id>.md`.
    ActorId
);
id_type!(
    /// A story: `content/stories/<slug>.md`.
    StoryId
);
id_type!(
    /// A plain page: `content/pages/<slug>.md`.
    PageId
);
id_type!(
    /// A timeline event's `id:`.
    EventId
);
id_type!(
    /// A quote's `id:`.
    QuoteId
);
id_type!(
    /// A source's `id:`.
    SourceId
);
id_type!(
    /// A place's `id:` in `places.yaml`.
    PlaceId
);
id_type!(
    /// An author of stories: `content/authors/<id>.md`.
    AuthorId
);
id_type!(
    /// A series of stories, named by the stories' `series: {id: ...}`.
    SeriesId
);
id_type!(
    /// A tag's URL slug; the tag's display name is kept separately.
    TagSlug
);

/// A reference to an id as an editor wrote it, kept with its place so that an
/// unknown id can be reported where it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref<T> {
    pub id: T,
    pub at: Location,
}

/// Whether a name can be used as one segment of a URL and of an output path:
/// lowercase ASCII letters, digits and inner hyphens, so it can never climb out of
/// the output folder or collide by case on case-insensitive hosts.
pub fn is_safe_segment(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The longest name accepted as one segment of an output path. File systems cap a name
/// at 255 bytes; the margin leaves room for what a build adds (`.html`, `.xml`).
pub const MAX_SEGMENT_BYTES: usize = 200;

/// Names Windows keeps for devices, whatever the case and extension (`CON`, `nul.txt`):
/// a site built or copied onto Windows could not hold a file or folder so named.
const WINDOWS_RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];

/// Whether `name` is a Windows device name: `con`, `prn`, `aux`, `nul`, `com0`–`com9`
/// or `lpt0`–`lpt9` (also with superscript digits), in any case, with or without an
/// extension.
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches(' ');
    let lower = stem.to_ascii_lowercase();
    if WINDOWS_RESERVED.contains(&lower.as_str()) {
        return true;
    }
    let Some(tail) = lower
        .strip_prefix("com")
        .or_else(|| lower.strip_prefix("lpt"))
    else {
        return false;
    };
    let mut chars = tail.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('0'..='9' | '¹' | '²' | '³'), None)
    )
}

/// Why a name cannot be one segment of a URL and of an output path, or None when it can;
/// the message completes "`name` cannot be used as an id: …".
pub fn segment_problem(name: &str) -> Option<String> {
    if !is_safe_segment(name) {
        return Some("ids are lowercase letters, digits and hyphens".to_string());
    }
    if is_windows_reserved(name) {
        return Some(format!("`{name}` is a name Windows keeps for a device"));
    }
    if name.len() > MAX_SEGMENT_BYTES {
        return Some(format!(
            "it is {} bytes long, more than the {MAX_SEGMENT_BYTES} a file name can safely take",
            name.len()
        ));
    }
    None
}

/// What an unsafe name would become if slugified, for the error hint.
pub fn suggested_segment(name: &str) -> String {
    slug::slugify(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_segments_are_lowercase_words_and_hyphens() {
        for good in ["north-korea", "unsc-2094", "a"] {
            assert!(is_safe_segment(good), "{good}");
        }
        for bad in ["../x", "North-Korea", "a b", "", "-a", "a/b", "한국", "a.b"] {
            assert!(!is_safe_segment(bad), "{bad}");
        }
    }

    #[test]
    fn windows_device_names_are_reserved_in_any_case_and_with_an_extension() {
        for reserved in [
            "con", "CON", "nul", "Nul.txt", "aux", "prn", "com1", "COM9", "lpt1", "lpt0.md",
            "com¹", "con ",
        ] {
            assert!(is_windows_reserved(reserved), "{reserved}");
        }
        for fine in [
            "console",
            "null",
            "com",
            "com10",
            "lpt",
            "auxiliary",
            "a-con",
            "icon",
        ] {
            assert!(!is_windows_reserved(fine), "{fine}");
        }
        assert!(segment_problem("con").unwrap().contains("Windows"));
        assert_eq!(segment_problem("contact"), None);
    }

    #[test]
    fn a_segment_longer_than_the_cap_is_refused() {
        assert_eq!(segment_problem(&"a".repeat(MAX_SEGMENT_BYTES)), None);
        assert!(
            segment_problem(&"a".repeat(MAX_SEGMENT_BYTES + 1))
                .unwrap()
                .contains("bytes long")
        );
    }

    #[test]
    fn suggestion_is_a_safe_segment() {
        assert_eq!(suggested_segment("North Korea"), "north-korea");
        assert!(is_safe_segment(&suggested_segment("../Cyber Attack!")));
    }
}
