//! Footnotes in order of first reference, with `fn-`/`fnref-` prefixed ids so they never
//! collide with other ids on the page.
//!
//! Footnotes are marked with letters (a, b, … z, aa, ab, …), not numbers: citations are
//! numbered `[1]`, `[2]` on the same page, and a reader must tell an author's note from a
//! source at a glance.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The letters of the n-th (1-based) footnote: `a` … `z`, then `aa`, `ab`, ….
pub(crate) fn footnote_letters(mut n: usize) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

pub(crate) fn with_prefixed_ids<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut references: HashMap<usize, usize> = HashMap::new();
    let mut open_definition: Vec<usize> = Vec::new();
    events.map(move |event| {
        let mut number_of = |label: &str| {
            let next = numbers.len() + 1;
            *numbers.entry(label.to_string()).or_insert(next)
        };
        match event {
            Event::FootnoteReference(label) => {
                let n = number_of(&label);
                let count = references.entry(n).or_insert(0);
                *count += 1;
                let id = if *count == 1 { format!("fnref-{n}") } else { format!("fnref-{n}-{count}") };
                let letters = footnote_letters(n);
                Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\" id=\"{id}\"><a href=\"#fn-{n}\" aria-label=\"Note {letters}\">{letters}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = number_of(&label);
                open_definition.push(n);
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{n}\"><span class=\"footnote-label\">{}.</span>",
                    footnote_letters(n)
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let n = open_definition.pop().unwrap_or(0);
                Event::Html(CowStr::from(format!(
                    "<a class=\"footnote-back\" href=\"#fnref-{n}\" aria-label=\"Back to note {}\">↩</a></div>\n",
                    footnote_letters(n)
                )))
            }
            other => other,
        }
    })
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser, html};

    #[test]
    fn footnote_ids_are_prefixed_and_linked_both_ways() {
        let mut out = String::new();
        let parser = Parser::new_ext(
            "Claim.[^src]\n\n[^src]: The source.\n",
            Options::ENABLE_FOOTNOTES,
        );
        html::push_html(&mut out, super::with_prefixed_ids(parser));
        assert!(
            out.contains(
                "<sup class=\"footnote-ref\" id=\"fnref-1\"><a href=\"#fn-1\" aria-label=\"Note a\">a</a></sup>"
            ),
            "{out}"
        );
        assert!(
            out.contains("<div class=\"footnote\" id=\"fn-1\">"),
            "{out}"
        );
        assert!(out.contains("href=\"#fnref-1\""), "{out}");
        assert!(!out.contains("id=\"src\""), "{out}");
        assert!(
            out.contains("<span class=\"footnote-label\">a.</span>"),
            "{out}"
        );
    }

    #[test]
    fn footnotes_are_lettered_past_z() {
        let letters: Vec<String> = [1, 2, 26, 27, 28, 52, 53]
            .map(super::footnote_letters)
            .into();
        assert_eq!(letters, ["a", "b", "z", "aa", "ab", "az", "ba"]);
    }
}
