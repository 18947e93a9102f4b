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
    let mut text = PlainText::new(links, markdown.len());
    for event in parser(markdown) {
        text.see(event);
    }
    text.finish()
}

/// [`plain_text`] written as the parser's events go by, so that a pass drawing the page can
/// read its text without parsing the Markdown again. Give it every event of
/// `references::parser`, as the parser gives them.
pub(crate) struct PlainText<'l> {
    links: &'l dyn LinkResolver,
    wikilinks: wikilinks::Resolving,
    skipping: Skipping,
    text: String,
}

impl<'l> PlainText<'l> {
    pub(crate) fn new(links: &'l dyn LinkResolver, capacity: usize) -> Self {
        PlainText {
            links,
            wikilinks: wikilinks::Resolving::default(),
            skipping: Skipping::No,
            text: String::with_capacity(capacity),
        }
    }

    pub(crate) fn see(&mut self, event: Event<'_>) {
        let Some(event) = self.wikilinks.next(event, self.links) else {
            return;
        };
        let text = &mut self.text;
        match (&self.skipping, event) {
            (Skipping::Citation, Event::End(TagEnd::Link))
            | (Skipping::Embed, Event::End(TagEnd::Image)) => self.skipping = Skipping::No,
            (Skipping::Citation | Skipping::Embed, _) => {}
            (Skipping::No, Event::Start(Tag::Link { dest_url, .. }))
                if cited_ids(&dest_url).is_some() =>
            {
                self.skipping = Skipping::Citation;
            }
            (
                Skipping::No,
                Event::Start(Tag::Image {
                    link_type: LinkType::WikiLink { .. },
                    dest_url,
                    ..
                }),
            ) => {
                if let Some(words) = self.links.embed_text(dest_url.trim()) {
                    text.push_str(&words);
                }
                self.skipping = Skipping::Embed;
            }
            (Skipping::No, Event::Text(t) | Event::Code(t)) => text.push_str(&t),
            (Skipping::No, Event::SoftBreak | Event::HardBreak) => text.push(' '),
            (Skipping::No, Event::Rule) => end_block(text, false),
            (Skipping::No, Event::End(tag)) if ends_block(&tag) => {
                let stop = matches!(tag, TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item);
                end_block(text, stop)
            }
            (Skipping::No, Event::Start(Tag::TableCell)) if !text.ends_with('\n') => text.push(' '),
            _ => {}
        }
    }

    pub(crate) fn finish(mut self) -> String {
        self.text.truncate(self.text.trim_end().len());
        self.text
    }
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

    /// A story's reading time is counted from the text read while its body is drawn: it
    /// must be the text read on its own, whatever the Markdown holds.
    #[test]
    fn the_text_read_while_drawing_is_the_text_read_alone() {
        let texts = [
            "## Background\n\n[[iran]] *seized* the ship.[@lloyds; @bbc] It said so.[^n]\n\n![[quotes/q1]]\n\n[^n]: A note.\n",
            "[[iran|Tehran]] and [[nowhere]] and [[iran]]s, then `code` and **bold**\nsoft break.\n",
            "<div>raw <b>html</b></div>\n\nText <span>inline</span> &amp; entities &copy;.\n",
            "| a | b |\n|---|---|\n| [[iran]] | 2 |\n\n---\n\n1. one\n2. two\n\n> quoted\n",
            "```go\nfunc main() {}\n```\n\n    indented code\n\nIt's \"quoted\" -- dashes...\n",
            "![alt text](../images/a.jpg) and [a link](https://example.org) and <https://example.org>\n",
            "Setext\n======\n\n- item [[iran]]\n  - nested ![[quotes/q1]] after\n",
            "",
        ];
        for markdown in texts {
            let drawn =
                crate::markdown::render_body(markdown, &Site, &crate::markdown::Highlighter::new());
            assert_eq!(drawn.text, plain_text(markdown, &Site), "{markdown}");
        }
    }

    #[test]
    fn emphasis_leaves_no_space_behind() {
        assert_eq!(
            plain_text("The *Stena Impero*, a tanker.", &Site),
            "The Stena Impero, a tanker."
        );
    }
}
