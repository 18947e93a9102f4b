//! Markdown to HTML: pulldown-cmark events passed through small adapters
//! (wiki links, embeds, citations, heading ids, footnotes, code highlighting), each one job.

mod citations;
mod embeds;
mod footnotes;
mod headings;
mod highlight;
mod images;
mod link_schemes;
mod markup_warnings;
mod plain_text;
mod raw_html;
mod readable_colours;
mod reading_time;
mod references;
mod site_paths;
mod smart_punctuation;
mod tree_sitter_code;
mod wikilinks;

use pulldown_cmark::Options;

pub use citations::{CitationTarget, citation_anchor};
pub use headings::Heading;
pub(crate) use headings::RESERVED_IDS;
pub use highlight::{HighlightStore, Highlighter};
pub use markup_warnings::{MarkupFinder, MarkupFindings, MarkupWarning, markup_warnings};
pub use plain_text::plain_text;
pub(crate) use reading_time::reading_minutes;
pub(crate) use references::parser;
pub use references::{Reference, ReferenceKind, references, see_reference};
pub use smart_punctuation::smart_punctuation;
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
    let events = highlighter.highlight_code_blocks(page_events(markdown, links, None, None));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// A story's body drawn in one pass: its HTML, its headings in order (the table of
/// contents) and its text as it reads (for the reading time), all from one parse.
pub struct RenderedBody {
    pub html: String,
    pub headings: Vec<Heading>,
    pub text: String,
}

/// [`render`], and the headings and the [`plain_text`] of the text as it renders.
pub fn render_body(
    markdown: &str,
    links: &dyn LinkResolver,
    highlighter: &Highlighter,
) -> RenderedBody {
    let mut headings = Vec::new();
    let mut text = plain_text::PlainText::new(links, markdown.len());
    let events = page_events(markdown, links, Some(&mut headings), Some(&mut text));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, highlighter.highlight_code_blocks(events));
    RenderedBody {
        html,
        headings,
        text: text.finish(),
    }
}

/// The ids the headings of a Markdown text get when it is rendered with `links`, in order:
/// what a `[[target#fragment]]` may name on that page.
pub(crate) fn heading_ids(markdown: &str, links: &dyn LinkResolver) -> Vec<String> {
    let mut headings = Vec::new();
    page_events(markdown, links, Some(&mut headings), None).for_each(drop);
    headings.into_iter().map(|heading| heading.id).collect()
}

/// The events of a page's Markdown, every adapter applied but code highlighting; each
/// heading is added to `headings` and the parser's every event shown to `text`, when given.
fn page_events<'a, 'h>(
    markdown: &'a str,
    links: &'a dyn LinkResolver,
    headings: Option<&'h mut Vec<Heading>>,
    mut text: Option<&'h mut plain_text::PlainText<'a>>,
) -> impl Iterator<Item = pulldown_cmark::Event<'a>> + 'h
where
    'a: 'h,
{
    let events = references::parser(markdown).inspect(move |event| {
        if let Some(text) = text.as_deref_mut() {
            text.see(event.clone());
        }
    });
    // Before the stages that write HTML of their own: only the editor's is checked.
    let events = raw_html::shown_as_text_unless(events, links.raw_html_allowed());
    let events = raw_html::closing_what_is_left_open(events);
    let events = embeds::embed_quotes(events, links);
    let events = citations::number_citations(events, links);
    let events = wikilinks::resolve(events, links);
    let events = images::as_pictures(events, links);
    let events = site_paths::under_base_path(events, links);
    let events = headings::with_ids(events, headings);
    footnotes::with_prefixed_ids(events)
}

/// The text of a Markdown document's headings only (for a lighter search index).
pub fn headings_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_heading = false;
    for event in references::parser(markdown) {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. }) => in_heading = true,
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Heading(_)) => {
                in_heading = false;
                text.push('\n');
            }
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) if in_heading => {
                text.push_str(&t)
            }
            _ => {}
        }
    }
    text
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
    fn heading_ids_are_the_ids_rendering_gives() {
        let markdown = "## What happened\n\n## What happened\n\n## Sources\n\n## X {#custom}\n";
        let ids = heading_ids(markdown, &NoLinks);
        assert_eq!(
            ids,
            ["what-happened", "what-happened-1", "sources-1", "custom"]
        );
        let RenderedBody { html, headings, .. } =
            render_body(markdown, &NoLinks, &Highlighter::new());
        for (id, heading) in ids.iter().zip(&headings) {
            assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{html}");
            assert_eq!(&heading.id, id);
        }
        assert_eq!(headings.len(), 4);
    }

    #[test]
    fn inline_rendering_drops_the_paragraph() {
        assert_eq!(
            render_inline("*a*", &NoLinks, &Highlighter::new()),
            "<em>a</em>"
        );
    }
}
