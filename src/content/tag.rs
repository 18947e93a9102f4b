//! Tags: written freely by editors, addressed by their slug.

use serde::Serialize;

use crate::ids::TagSlug;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub name: String,
    pub slug: TagSlug,
}

impl Tag {
    /// None when the name has nothing to make a URL from.
    pub fn new(name: &str) -> Option<Tag> {
        let slug = slug::slugify(name.trim());
        (!slug.is_empty()).then(|| Tag {
            name: name.trim().to_string(),
            slug: TagSlug::new(&slug),
        })
    }
}
