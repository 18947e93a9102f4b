//! The words of a Markdown text as readers see them on the page, for the search index:
//! wiki links read as their titles, an embedded quote as its words and speaker, citation
//! markers and footnote markers left out (they are numbers on the page, not words), and
//! emphasis dropped without leaving a space where it was.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use crate::markdown::references::{cited_ids, parser};
use crate::markdown::{LinkResolver, wikilinks};

/// What the walk is inside of: something whose words readers do not see as written.
enum Skipping {
    No,
    /// A `[@source]` citation: its text is the source id.
    Citation,
    /// A `![[quotes/id]]` embed: its text is the target path.
    Embed,
}

/// Whether the end of this tag ends a block: its text and the next are apart.
fn ends_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Adds a break between blocks; a heading, paragraph or list item that ends without
/// punctuation gets a full stop, so that it does not run into the sentence after it when an
/// excerpt joins the lines.
fn end_block(text: &mut String, stop: bool) {
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if text.is_empty() {
        return;
    }
    if stop && !text.ends_with(|c: char| c.is_ascii_punctuation() || "…”’".contains(c)) {
        text.push('.');
    }
    text.push('\n');
}

/// The text of `markdown` as it reads on the page.
pub fn plain_text(markdown: &str, links: &dyn LinkResolver) -> String {
    let mut text = String::with_capacity(markdown.len());
    let mut skipping = Skipping::No;
    for event in wikilinks::resolve(parser(markdown), links) {
        match (&skipping, event) {
            (Skipping::Citation, Event::End(TagEnd::Link))
            | (Skipping::Embed, Event::End(TagEnd::Image)) => skipping = Skipping::No,
            (Skipping::Citation | Skipping::Embed, _) => {}
            (Skipping::No, Event::Start(Tag::Link { dest_url, .. }))
                if cited_ids(&dest_url).is_some() =>
            {
                skipping = Skipping::Citation;
            }
            (
                Skipping::No,
                Event::Start(Tag::Image {
                    link_type: LinkType::WikiLink { .. },
                    dest_url,
                    ..
                }),
            ) => {
                if let Some(words) = links.embed_text(dest_url.trim()) {
                    text.push_str(&words);
                }
                skipping = Skipping::Embed;
            }
            (Skipping::No, Event::Text(t) | Event::Code(t)) => text.push_str(&t),
            (Skipping::No, Event::SoftBreak | Event::HardBreak) => text.push(' '),
            (Skipping::No, Event::Rule) => end_block(&mut text, false),
            (Skipping::No, Event::End(tag)) if ends_block(&tag) => {
                let stop = matches!(tag, TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item);
                end_block(&mut text, stop)
            }
            (Skipping::No, Event::Start(Tag::TableCell)) if !text.ends_with('\n') => text.push(' '),
            _ => {}
        }
    }
    text.truncate(text.trim_end().len());
    text
}

#[cfg(test)]
mod tests {
    use super::plain_text;
    use crate::markdown::{CitationTarget, LinkResolver, ResolvedLink};

    struct Site;
    impl LinkResolver for Site {
        fn resolve(&self, target: &str) -> Option<ResolvedLink> {
            (target == "iran").then(|| ResolvedLink {
                href: "/actors/iran/".to_string(),
                title: "Iran".to_string(),
            })
        }
        fn cite(&self, _: &str) -> Option<CitationTarget> {
            None
        }
        fn embed_text(&self, target: &str) -> Option<String> {
            (target == "quotes/q1").then(|| "“Not today.” (Jane Doe)".to_string())
        }
    }

    #[test]
    fn citations_embeds_and_footnote_markers_are_not_words() {
        let text = plain_text(
            "## Background\n\n[[iran]] *seized* the ship.[@lloyds; @bbc] It said so.[^n]\n\n![[quotes/q1]]\n\n[^n]: A note.\n",
            &Site,
        );
        assert_eq!(
            text,
            "Background.\nIran seized the ship. It said so.\n“Not today.” (Jane Doe)\nA note."
        );
    }

    #[test]
    fn emphasis_leaves_no_space_behind() {
        assert_eq!(
            plain_text("The *Stena Impero*, a tanker.", &Site),
            "The Stena Impero, a tanker."
        );
    }
}
