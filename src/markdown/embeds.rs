//! `![[quotes/id]]` shows the quote itself: a pull quote when it stands alone in its
//! paragraph, an inline quotation otherwise.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use crate::markdown::LinkResolver;

pub(crate) fn embed_quotes<'a>(
    events: impl Iterator<Item = Event<'a>>,
    links: &'a dyn LinkResolver,
) -> impl Iterator<Item = Event<'a>> {
    let mut events = events.peekable();
    std::iter::from_fn(move || {
        let event = events.next()?;
        if event != Event::Start(Tag::Paragraph) {
            return Some(inline_embeds(vec![event], &mut events, links));
        }
        let mut paragraph = vec![event];
        for inner in events.by_ref() {
            let end = inner == Event::End(TagEnd::Paragraph);
            paragraph.push(inner);
            if end {
                break;
            }
        }
        if let Some(html) = lone_embed(&paragraph).and_then(|target| links.embed(&target, true)) {
            return Some(vec![Event::Html(CowStr::from(html))]);
        }
        Some(replace_embeds(paragraph, links))
    })
    .flatten()
}

/// An embed outside a paragraph (e.g. in a tight list item).
fn inline_embeds<'a>(
    start: Vec<Event<'a>>,
    events: &mut impl Iterator<Item = Event<'a>>,
    links: &dyn LinkResolver,
) -> Vec<Event<'a>> {
    if !matches!(
        start.first(),
        Some(Event::Start(Tag::Image {
            link_type: LinkType::WikiLink { .. },
            ..
        }))
    ) {
        return start;
    }
    let mut all = start;
    for inner in events.by_ref() {
        let end = inner == Event::End(TagEnd::Image);
        all.push(inner);
        if end {
            break;
        }
    }
    replace_embeds(all, links)
}

/// The target when a paragraph holds nothing but one embed.
fn lone_embed(paragraph: &[Event<'_>]) -> Option<String> {
    let inner = &paragraph[1..paragraph.len().saturating_sub(1)];
    let first = inner.first()?;
    let Event::Start(Tag::Image {
        link_type: LinkType::WikiLink { .. },
        dest_url,
        ..
    }) = first
    else {
        return None;
    };
    let end = inner.iter().position(|e| *e == Event::End(TagEnd::Image))?;
    let rest_is_blank = inner[end + 1..].iter().all(|e| {
        matches!(e, Event::Text(t) if t.trim().is_empty()) || matches!(e, Event::SoftBreak)
    });
    rest_is_blank.then(|| dest_url.trim().to_string())
}

/// Swaps each embed in a run of events for its inline HTML.
fn replace_embeds<'a>(events: Vec<Event<'a>>, links: &dyn LinkResolver) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut skipping = false;
    for event in events {
        match event {
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ref dest_url,
                ..
            }) => match links.embed(dest_url.trim(), false) {
                Some(html) => {
                    out.push(Event::InlineHtml(CowStr::from(html)));
                    skipping = true;
                }
                None => out.push(event),
            },
            Event::End(TagEnd::Image) if skipping => skipping = false,
            _ if skipping => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::markdown::{Highlighter, LinkResolver, ResolvedLink, render};

    struct OneQuote;
    impl LinkResolver for OneQuote {
        fn resolve(&self, _: &str) -> Option<ResolvedLink> {
            None
        }
        fn embed(&self, target: &str, block: bool) -> Option<String> {
            (target == "quotes/q1").then(|| {
                if block {
                    "<figure>Q</figure>\n".to_string()
                } else {
                    "<q>Q</q>".to_string()
                }
            })
        }
    }

    fn html(markdown: &str) -> String {
        render(markdown, &OneQuote, &Highlighter::new())
    }

    #[test]
    fn a_lone_embed_replaces_its_paragraph() {
        assert_eq!(
            html("Before.\n\n![[quotes/q1]]\n\nAfter."),
            "<p>Before.</p>\n<figure>Q</figure>\n<p>After.</p>\n"
        );
    }

    #[test]
    fn an_embed_inside_text_is_an_inline_quotation() {
        assert_eq!(
            html("They said ![[quotes/q1]] loudly."),
            "<p>They said <q>Q</q> loudly.</p>\n"
        );
    }
}
