//! Images written in Markdown bodies: `![alt](path "caption")`. Only paths relative to the
//! file are the build's to resize; site paths (`/x.png`) and URLs are left as written.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// One `![alt](src "title")` of a body whose `src` is a relative path, found at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    pub src: String,
    pub alt: String,
    pub title: String,
    /// Byte range in the body, for positions.
    pub range: Range<usize>,
}

/// Whether the build resizes an image at `src`: a relative path, not a URL or site path.
pub(crate) fn is_local(src: &str) -> bool {
    let src = src.trim();
    !src.is_empty()
        && !src.starts_with('/')
        && !src.starts_with('#')
        && !src.contains(':')
        && !src.starts_with("//")
}

/// The local images of a Markdown text, in order.
pub fn body_images(markdown: &str) -> Vec<BodyImage> {
    let mut finder = BodyImageFinder::default();
    for (event, range) in crate::markdown::parser(markdown).into_offset_iter() {
        finder.see(&event, range);
    }
    finder.found
}

/// Gathers the local images of a text from its parser's events, fed one at a time, so
/// that one pass over a body can serve it and other finders.
#[derive(Default)]
pub struct BodyImageFinder {
    pub found: Vec<BodyImage>,
    open: Option<BodyImage>,
}

impl BodyImageFinder {
    pub fn see(&mut self, event: &Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            }) if !matches!(link_type, LinkType::WikiLink { .. }) && is_local(dest_url) => {
                self.open = Some(BodyImage {
                    src: dest_url.trim().to_string(),
                    alt: String::new(),
                    title: title.to_string(),
                    range,
                });
            }
            Event::End(TagEnd::Image) => {
                if let Some(image) = self.open.take() {
                    self.found.push(image);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(image) = self.open.as_mut() {
                    image.alt.push_str(text);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_relative_images_with_their_alt_and_title_and_skips_urls() {
        let images = body_images(
            "A ![A *red* door](../images/door.png \"At dawn\") and ![x](https://e.org/a.png) ![y](/s.png)\n",
        );
        assert_eq!(images.len(), 1);
        assert_eq!(images[0].src, "../images/door.png");
        assert_eq!(images[0].alt, "A red door");
        assert_eq!(images[0].title, "At dawn");
        assert_eq!(images[0].range.start, 2);
    }
}
