//! Stable, unique `id`s for headings, made from their text.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Ids the default theme uses for its own sections; headings never take them, and a
/// `[[target#fragment]]` may name them on any page (`[[actors/x#relations]]`).
pub(crate) const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "content",
    "actors",
    "sources",
    "related",
    "timeline",
    "quotes",
    "figures",
    "relations",
    "stories",
    "events",
    "profile",
    "footnotes",
    "search",
    "nav",
];

/// A heading as the page shows it: its level (1 to 6), its id and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Buffers each heading to read its text, then gives it an id unless the editor set one
/// (`{#id}`). Each heading is also added to `noted` when given: the headings of the text
/// exactly as it renders (wiki links read as their titles).
pub(crate) fn with_ids<'a, 'h>(
    events: impl Iterator<Item = Event<'a>> + 'h,
    mut noted: Option<&'h mut Vec<Heading>>,
) -> impl Iterator<Item = Event<'a>> + 'h
where
    'a: 'h,
{
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut events = events.peekable();
    std::iter::from_fn(move || {
        let event = events.next()?;
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            return Some(vec![event]);
        };
        let mut inner = Vec::new();
        let mut text = String::new();
        for event in events.by_ref() {
            if let Event::End(TagEnd::Heading(_)) = event {
                inner.push(event);
                break;
            }
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
            inner.push(event);
        }
        let id = match id {
            Some(id) => {
                used.insert(id.to_string());
                id
            }
            None => CowStr::from(unique_id(&text, &mut used)),
        };
        if let Some(noted) = noted.as_deref_mut() {
            noted.push(Heading {
                level: level as u8,
                id: id.to_string(),
                text,
            });
        }
        let mut out = vec![Event::Start(Tag::Heading {
            level,
            id: Some(id),
            classes,
            attrs,
        })];
        out.extend(inner);
        Some(out)
    })
    .flatten()
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let base = match slug::slugify(text) {
        s if s.is_empty() => "section".to_string(),
        s => s,
    };
    let mut candidate = base.clone();
    let mut n = 1;
    while used.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser, html};

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        let parser = Parser::new_ext(markdown, Options::ENABLE_HEADING_ATTRIBUTES);
        html::push_html(&mut out, super::with_ids(parser, None));
        out
    }

    #[test]
    fn headings_get_unique_slug_ids() {
        let html = render("## What happened\n\n## What happened\n\n### `Code` here\n");
        assert!(html.contains("<h2 id=\"what-happened\">"));
        assert!(html.contains("<h2 id=\"what-happened-1\">"));
        assert!(html.contains("<h3 id=\"code-here\">"));
    }

    #[test]
    fn theme_ids_are_never_taken() {
        assert!(render("## Sources\n").contains("<h2 id=\"sources-1\">"));
    }

    #[test]
    fn explicit_ids_are_kept() {
        assert!(render("## Title {#custom}\n").contains("<h2 id=\"custom\">"));
    }
}
