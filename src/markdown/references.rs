//! Finding what a Markdown text refers to: `[[links]]`, `![[embeds]]` and `[@citations]`,
//! with their byte ranges, so validation can point at the exact place.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, BrokenLinkCallback, CowStr, Event, LinkType, Parser, Tag};

use crate::markdown::options;

/// How a text refers to something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    /// `[[target]]` or `[[target|text]]`.
    Link,
    /// `![[quotes/id]]`: the thing itself is shown in place.
    Embed,
    /// `[@source-id]`, or several: `[@a; @b]`.
    Citation,
}

/// One reference as written, with its byte range in the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub kind: ReferenceKind,
    pub target: String,
    pub range: Range<usize>,
}

/// URL prefix that marks a citation link inside the event stream.
pub(crate) const CITATION_PREFIX: &str = "cite:";

/// `[@a; @b]` is not a link pulldown-cmark knows: it asks us, and we make it a citation.
fn citation_link<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    let ids: Vec<&str> = link
        .reference
        .split([';', ','])
        .map(|part| part.trim().strip_prefix('@').map(str::trim))
        .collect::<Option<Vec<_>>>()?;
    if ids.is_empty() || ids.iter().any(|id| id.is_empty()) {
        return None;
    }
    Some((
        CowStr::from(format!("{CITATION_PREFIX}{}", ids.join(";"))),
        CowStr::Borrowed(""),
    ))
}

/// The parser every stage uses, so that they all see the same references.
pub(crate) fn parser(markdown: &str) -> Parser<'_, impl BrokenLinkCallback<'_>> {
    Parser::new_with_broken_link_callback(markdown, options(), Some(citation_link))
}

/// The ids a citation link names.
pub(crate) fn cited_ids(dest_url: &str) -> Option<impl Iterator<Item = &str>> {
    dest_url
        .strip_prefix(CITATION_PREFIX)
        .map(|ids| ids.split(';'))
}

/// Every reference in a text, in order.
pub fn references(markdown: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    for (event, range) in parser(markdown).into_offset_iter() {
        see_reference(&event, range, &mut found);
    }
    found
}

/// Adds the references `event` (at `range` of its text) makes to `found`: one pass over a
/// body's events can feed this and other finders.
pub fn see_reference(event: &Event<'_>, range: Range<usize>, found: &mut Vec<Reference>) {
    match event {
        Event::Start(Tag::Link {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) => {
            found.push(Reference {
                kind: ReferenceKind::Link,
                target: dest_url.trim().to_string(),
                range,
            });
        }
        Event::Start(Tag::Image {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) => {
            found.push(Reference {
                kind: ReferenceKind::Embed,
                target: dest_url.trim().to_string(),
                range,
            });
        }
        Event::Start(Tag::Link { dest_url, .. }) => {
            if let Some(ids) = cited_ids(dest_url) {
                for id in ids {
                    found.push(Reference {
                        kind: ReferenceKind::Citation,
                        target: id.to_string(),
                        range: range.clone(),
                    });
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> Vec<(ReferenceKind, String, &str)> {
        references(text)
            .into_iter()
            .map(|r| (r.kind, r.target, &text[r.range]))
            .collect()
    }

    #[test]
    fn finds_links_embeds_and_citations_with_their_places() {
        let text = "See [[north-korea]] and [[stories/x|this]].[@s1]\n\n![[quotes/q1]]\n\nTwo sources.[@a; @b]";
        assert_eq!(
            summary(text),
            [
                (
                    ReferenceKind::Link,
                    "north-korea".to_string(),
                    "[[north-korea]]"
                ),
                (
                    ReferenceKind::Link,
                    "stories/x".to_string(),
                    "[[stories/x|this]]"
                ),
                (ReferenceKind::Citation, "s1".to_string(), "[@s1]"),
                (
                    ReferenceKind::Embed,
                    "quotes/q1".to_string(),
                    "![[quotes/q1]]"
                ),
                (ReferenceKind::Citation, "a".to_string(), "[@a; @b]"),
                (ReferenceKind::Citation, "b".to_string(), "[@a; @b]"),
            ]
        );
    }

    #[test]
    fn ordinary_brackets_are_not_citations() {
        assert!(references("an [aside] and [email@example.org] and [@]").is_empty());
    }
}
