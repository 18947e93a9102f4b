//! Markdown images at relative paths become `<picture>`s of the build's variants. An image
//! alone in its paragraph becomes a `<figure>`, its title (`![alt](a.jpg "Caption")`) the
//! caption; one inside a sentence stays inline. URLs and site paths are left as written.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use crate::markdown::LinkResolver;
use crate::markup::escape;

pub(crate) fn as_pictures<'a>(
    events: impl Iterator<Item = Event<'a>>,
    links: &'a dyn LinkResolver,
) -> impl Iterator<Item = Event<'a>> {
    let events: Vec<Event<'a>> = events.collect();
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Image { .. })))
    {
        return events.into_iter();
    }
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        // A paragraph holding only one image: [Start(P), Start(Image), ..., End(Image), End(P)].
        if matches!(events[i], Event::Start(Tag::Paragraph))
            && let Some((picture, title, end)) = picture_at(&events, i + 1, links)
            && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph)))
        {
            let caption = if title.trim().is_empty() {
                String::new()
            } else {
                format!("<figcaption>{}</figcaption>", escape(title.trim()))
            };
            out.push(Event::Html(CowStr::from(format!(
                "<figure class=\"body-image\">{picture}{caption}</figure>\n"
            ))));
            i = end + 2;
            continue;
        }
        if let Some((picture, _, end)) = picture_at(&events, i, links) {
            out.push(Event::InlineHtml(CowStr::from(picture)));
            i = end + 1;
            continue;
        }
        out.push(events[i].clone());
        i += 1;
    }
    out.into_iter()
}

/// The picture for an image starting at `events[start]`, its title, and the index of its end.
fn picture_at(
    events: &[Event<'_>],
    start: usize,
    links: &dyn LinkResolver,
) -> Option<(String, String, usize)> {
    let Some(Event::Start(Tag::Image {
        link_type,
        dest_url,
        title,
        ..
    })) = events.get(start)
    else {
        return None;
    };
    if matches!(link_type, LinkType::WikiLink { .. }) {
        return None;
    }
    let mut alt = String::new();
    let mut end = start + 1;
    loop {
        match events.get(end)? {
            Event::End(TagEnd::Image) => break,
            Event::Text(text) | Event::Code(text) => alt.push_str(text),
            _ => {}
        }
        end += 1;
    }
    let picture = links.image(dest_url, &alt)?;
    Some((picture, title.to_string(), end))
}

#[cfg(test)]
mod tests {
    use crate::markdown::{Highlighter, LinkResolver, ResolvedLink, render};

    struct Pictures;
    impl LinkResolver for Pictures {
        fn resolve(&self, _: &str) -> Option<ResolvedLink> {
            None
        }
        fn image(&self, src: &str, alt: &str) -> Option<String> {
            (src == "a.png").then(|| format!("<picture alt=\"{alt}\"></picture>"))
        }
    }

    #[test]
    fn an_image_alone_in_its_paragraph_becomes_a_figure_with_its_title_as_caption() {
        let html = render(
            "![A door](a.png \"At dawn\")\n",
            &Pictures,
            &Highlighter::new(),
        );
        assert_eq!(
            html,
            "<figure class=\"body-image\"><picture alt=\"A door\"></picture><figcaption>At dawn</figcaption></figure>\n"
        );
    }

    #[test]
    fn an_image_in_a_sentence_stays_inline_and_others_are_left_alone() {
        let html = render(
            "See ![door](a.png) and ![x](b.png).\n",
            &Pictures,
            &Highlighter::new(),
        );
        assert!(
            html.starts_with("<p>See <picture alt=\"door\"></picture> and <img src=\"b.png\""),
            "{html}"
        );
    }
}
