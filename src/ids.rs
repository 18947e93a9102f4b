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
    fn suggestion_is_a_safe_segment() {
        assert_eq!(suggested_segment("North Korea"), "north-korea");
        assert!(is_safe_segment(&suggested_segment("../Cyber Attack!")));
    }
}
