//! `[@source-id]` becomes a numbered citation linking to the source list, with an id
//! the list can link back to.

use crate::markup::escape;
use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::markdown::LinkResolver;
use crate::markdown::references::cited_ids;

/// Where a citation points: on a story, the numbered entry of its source list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationTarget {
    /// The source's number on this page, if the page numbers its sources.
    pub number: Option<usize>,
    pub href: String,
    pub title: String,
}

/// The id of the n-th (1-based) citation of a source on a page, for links back to it.
pub fn citation_anchor(source: &str, occurrence: usize) -> String {
    if occurrence == 1 {
        format!("cite-ref-{source}")
    } else {
        format!("cite-ref-{source}-{occurrence}")
    }
}

pub(crate) fn number_citations<'a>(
    events: impl Iterator<Item = Event<'a>>,
    links: &'a dyn LinkResolver,
) -> impl Iterator<Item = Event<'a>> {
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    let mut inside_citation = false;
    events.filter_map(move |event| match event {
        Event::Start(Tag::Link { ref dest_url, .. }) if cited_ids(dest_url).is_some() => {
            inside_citation = true;
            let mut html = String::from("<sup class=\"citation\">");
            for id in cited_ids(dest_url).into_iter().flatten() {
                let count = occurrences.entry(id.to_string()).or_insert(0);
                *count += 1;
                html.push_str(&citation_html(id, *count, links));
            }
            html.push_str("</sup>");
            Some(Event::InlineHtml(CowStr::from(html)))
        }
        Event::End(TagEnd::Link) if inside_citation => {
            inside_citation = false;
            None
        }
        _ if inside_citation => None,
        other => Some(other),
    })
}

fn citation_html(id: &str, occurrence: usize, links: &dyn LinkResolver) -> String {
    let Some(target) = links.cite(id) else {
        return format!("[{}]", escape(id));
    };
    let label = target
        .number
        .map_or_else(|| "source".to_string(), |n| n.to_string());
    format!(
        "<a href=\"{}\" id=\"{}\" title=\"{}\">[{label}]</a>",
        escape(&target.href),
        citation_anchor(id, occurrence),
        escape(&target.title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Highlighter, ResolvedLink, render};

    struct Numbered;
    impl LinkResolver for Numbered {
        fn resolve(&self, _: &str) -> Option<ResolvedLink> {
            None
        }
        fn cite(&self, source: &str) -> Option<CitationTarget> {
            let number = match source {
                "s1" => 1,
                "s2" => 2,
                _ => return None,
            };
            Some(CitationTarget {
                number: Some(number),
                href: format!("#cite-{source}"),
                title: format!("Source {number}"),
            })
        }
    }

    #[test]
    fn citations_are_numbered_and_can_be_linked_back_to() {
        let html = render(
            "A claim.[@s1] Another.[@s2; @s1]",
            &Numbered,
            &Highlighter::new(),
        );
        assert!(html.contains("<sup class=\"citation\"><a href=\"#cite-s1\" id=\"cite-ref-s1\" title=\"Source 1\">[1]</a></sup>"), "{html}");
        assert!(html.contains("id=\"cite-ref-s2\""), "{html}");
        assert!(html.contains("id=\"cite-ref-s1-2\""), "{html}");
        assert!(!html.contains("@s1"), "{html}");
    }
}
