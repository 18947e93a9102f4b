//! HTML written inside Markdown. It passes through as is by default (editors are trusted
//! authors), or is shown as text when the site sets `markdown: { raw_html: false }`; and
//! a comment or a `<script>`-like element left open is closed at the end of the text,
//! so that it cannot swallow the rest of the page (the story's source list included).

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// Elements whose content the browser (or CommonMark, for `pre`) reads up to their
/// closing tag whatever comes between: left open, they take the rest of the page.
const SWALLOWING_ELEMENTS: &[&str] = &[
    "script", "style", "textarea", "pre", "title", "xmp", "iframe", "noembed", "noframes",
    "noscript",
];

/// Something opened in raw HTML that takes everything after it until it is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opening {
    Comment,
    Element(&'static str),
}

impl Opening {
    /// How it is written: `<!--` or `<script>`.
    pub(crate) fn opener(self) -> String {
        match self {
            Opening::Comment => "<!--".to_string(),
            Opening::Element(name) => format!("<{name}>"),
        }
    }

    /// What closes it: `-->` or `</script>`.
    pub(crate) fn closer(self) -> String {
        match self {
            Opening::Comment => "-->".to_string(),
            Opening::Element(name) => format!("</{name}>"),
        }
    }
}

/// Follows raw HTML fragments in order, remembering a comment or swallowing element
/// that is still open and the offset where it was opened.
#[derive(Debug, Default)]
pub(crate) struct OpenTracker {
    open: Option<(Opening, usize)>,
}

impl OpenTracker {
    /// Reads one fragment of raw HTML that starts at `offset` in the Markdown text.
    pub(crate) fn feed(&mut self, fragment: &str, offset: usize) {
        let lower = fragment.to_ascii_lowercase();
        let mut at = 0;
        while at < lower.len() {
            match self.open {
                Some((Opening::Comment, _)) => match lower[at..].find("-->") {
                    Some(end) => {
                        at += end + 3;
                        self.open = None;
                    }
                    None => return,
                },
                Some((Opening::Element(name), _)) => match lower[at..].find(&format!("</{name}")) {
                    Some(end) => {
                        at += end + 2 + name.len();
                        self.open = None;
                    }
                    None => return,
                },
                None => {
                    let Some(start) = lower[at..].find('<').map(|i| at + i) else {
                        return;
                    };
                    let rest = &lower[start..];
                    if let Some(after) = rest.strip_prefix("<!--") {
                        // `<!-->` and `<!--->` are complete, empty comments.
                        if after.starts_with('>') || after.starts_with("->") {
                            at = start + 4;
                            continue;
                        }
                        self.open = Some((Opening::Comment, offset + start));
                        at = start + 4;
                    } else if let Some(name) = swallowing_element(&rest[1..]) {
                        self.open = Some((Opening::Element(name), offset + start));
                        at = start + 1 + name.len();
                    } else {
                        at = start + 1;
                    }
                }
            }
        }
    }

    /// What is still open after every fragment, and where it was opened.
    pub(crate) fn still_open(&self) -> Option<(Opening, usize)> {
        self.open
    }
}

/// The swallowing element a tag (after its `<`) opens, if any.
fn swallowing_element(tag: &str) -> Option<&'static str> {
    SWALLOWING_ELEMENTS.iter().copied().find(|name| {
        tag.strip_prefix(name).is_some_and(|after| {
            after.is_empty()
                || after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        })
    })
}

/// Raw HTML becomes text unless `allowed`: inline HTML is escaped in place, an HTML
/// block is shown as a code block, so editors see what they wrote and readers get no markup.
pub(crate) fn shown_as_text_unless<'a>(
    events: impl Iterator<Item = Event<'a>>,
    allowed: bool,
) -> impl Iterator<Item = Event<'a>> {
    events.map(move |event| match event {
        event if allowed => event,
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::CodeBlock),
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    })
}

/// Passes the events through and, if raw HTML among them left a comment or swallowing
/// element open, closes it after the last one.
pub(crate) fn closing_what_is_left_open<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    ClosingLeftOpen {
        events,
        tracker: OpenTracker::default(),
        finished: false,
    }
}

struct ClosingLeftOpen<I> {
    events: I,
    tracker: OpenTracker,
    finished: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for ClosingLeftOpen<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if self.finished {
            return None;
        }
        match self.events.next() {
            Some(event) => {
                if let Event::Html(html) | Event::InlineHtml(html) = &event {
                    self.tracker.feed(html, 0);
                }
                Some(event)
            }
            None => {
                self.finished = true;
                let (opening, _) = self.tracker.still_open()?;
                Some(Event::Html(CowStr::from(format!("{}\n", opening.closer()))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Highlighter, LinkResolver, ResolvedLink, render};

    struct Settings {
        raw_html: bool,
    }
    impl LinkResolver for Settings {
        fn resolve(&self, _: &str) -> Option<ResolvedLink> {
            None
        }
        fn raw_html_allowed(&self) -> bool {
            self.raw_html
        }
    }

    fn html(markdown: &str, raw_html: bool) -> String {
        render(markdown, &Settings { raw_html }, &Highlighter::new())
    }

    #[test]
    fn raw_html_passes_through_only_when_allowed() {
        let text = "a <b>x</b>\n\n<script>alert(1)</script>\n";
        assert_eq!(
            html(text, true),
            "<p>a <b>x</b></p>\n<script>alert(1)</script>\n"
        );
        let shown = html(text, false);
        assert!(
            !shown.contains("<script") && !shown.contains("<b>"),
            "{shown}"
        );
        assert!(
            shown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{shown}"
        );
        assert!(shown.contains("a &lt;b&gt;x&lt;/b&gt;"), "{shown}");
    }

    #[test]
    fn what_raw_html_leaves_open_is_closed_at_the_end_of_the_text() {
        assert!(html("a\n\n<!-- draft\n\nrest\n", true).ends_with("rest\n-->\n"));
        assert!(html("a <style> b\n", true).ends_with("</style>\n"));
        assert!(html("<!-- done -->\n\nrest\n", true).ends_with("<p>rest</p>\n"));
    }

    fn left_open(fragments: &[&str]) -> Option<(Opening, usize)> {
        let mut tracker = OpenTracker::default();
        let mut offset = 0;
        for fragment in fragments {
            tracker.feed(fragment, offset);
            offset += fragment.len();
        }
        tracker.still_open()
    }

    #[test]
    fn closed_comments_and_elements_leave_nothing_open() {
        assert_eq!(left_open(&["<!-- a -->", "<div>x</div>"]), None);
        assert_eq!(left_open(&["<SCRIPT src=x>", "a()", "</script>"]), None);
        assert_eq!(left_open(&["<!-->", "<p>"]), None);
        assert_eq!(left_open(&["<prefix>", "<stylesheet>"]), None);
    }

    #[test]
    fn an_unclosed_comment_or_element_is_found_where_it_opened() {
        assert_eq!(
            left_open(&["<p>", "a <!-- note"]),
            Some((Opening::Comment, 5))
        );
        assert_eq!(
            left_open(&["<pre>", "</pre><style>"]),
            Some((Opening::Element("style"), 11))
        );
        assert_eq!(
            left_open(&["<script>", "<!-- x -->"]),
            Some((Opening::Element("script"), 0))
        );
    }
}
