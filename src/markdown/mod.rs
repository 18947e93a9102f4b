//! Markdown to HTML: pulldown-cmark events passed through small adapters
//! (wiki links, heading ids, footnotes, code highlighting), each one job.

mod footnotes;
mod headings;
mod highlight;
mod site_paths;
mod wikilinks;

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

pub use highlight::Highlighter;
pub use wikilinks::{LinkResolver, ResolvedLink};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown to HTML; `links` turns `[[...]]` targets into hrefs and titles.
pub fn render(markdown: &str, links: &dyn LinkResolver, highlighter: &Highlighter) -> String {
    let events = Parser::new_ext(markdown, options());
    let events = wikilinks::resolve(events, links);
    let events = site_paths::under_base_path(events, links);
    let events = headings::with_ids(events);
    let events = footnotes::with_prefixed_ids(events);
    let events = highlighter.highlight_code_blocks(events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Renders a short Markdown text (a summary) without wrapping it in a paragraph.
pub fn render_inline(
    markdown: &str,
    links: &dyn LinkResolver,
    highlighter: &Highlighter,
) -> String {
    let html = render(markdown, links, highlighter);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// A `[[target]]` as written, with its byte range in the Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiLink {
    pub target: String,
    pub range: Range<usize>,
}

/// Every wiki link in a text, in order, for validation and backlinks.
pub fn wiki_links(markdown: &str) -> Vec<WikiLink> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => Some(WikiLink {
                target: dest_url.trim().to_string(),
                range,
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn resolve(&self, _: &str) -> Option<ResolvedLink> {
            None
        }
    }

    #[test]
    fn finds_wiki_links_with_their_offsets() {
        let text = "See [[north-korea]] and [[stories/x|this]].";
        let links = wiki_links(text);
        let targets: Vec<&str> = links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["north-korea", "stories/x"]);
        assert_eq!(&text[links[0].range.clone()], "[[north-korea]]");
    }

    #[test]
    fn renders_tables_strikethrough_and_smart_quotes() {
        let html = render(
            "a ~~b~~ \"c\"\n\n|x|\n|-|\n|1|\n",
            &NoLinks,
            &Highlighter::new(),
        );
        assert!(html.contains("<del>b</del>"));
        assert!(html.contains("“c”"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn inline_rendering_drops_the_paragraph() {
        assert_eq!(
            render_inline("*a*", &NoLinks, &Highlighter::new()),
            "<em>a</em>"
        );
    }
}
