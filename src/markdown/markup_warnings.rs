//! What in a Markdown text deserves a warning though the page still builds: links with a
//! scheme other than http, https or mailto, raw HTML, and a comment or `<script>`-like
//! element left open. Each comes with its byte offset, for the caller to turn into a
//! line and column.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag};

use crate::markdown::link_schemes::disallowed_scheme;
use crate::markdown::raw_html::OpenTracker;
use crate::markdown::references::{cited_ids, parser};

/// One finding in a Markdown text, at a byte offset of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupWarning {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// The warnings for one text. Raw HTML is reported once per text, at its first place,
/// with the number of places; every link with a refused scheme and the unclosed opening
/// (there can be only one: it takes the rest of the text) are reported where they are.
pub fn markup_warnings(markdown: &str, raw_html_allowed: bool) -> Vec<MarkupWarning> {
    let mut finder = MarkupFinder::new(markdown);
    for (event, range) in parser(markdown).into_offset_iter() {
        finder.see(&event, range);
    }
    finder.finish().warnings(raw_html_allowed)
}

/// What one text holds that deserves a warning, as found: whether raw HTML is allowed
/// changes only what its warning says, so a text's findings can be kept from its load and
/// told later, by [`MarkupFindings::warnings`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkupFindings {
    /// Each link or image with a refused scheme, in the order of the text.
    refused: Vec<MarkupWarning>,
    /// The first raw HTML: its offset, its first line, and how many places hold raw HTML.
    raw_html: Option<(usize, String, usize)>,
    /// The opening never closed.
    unclosed: Option<MarkupWarning>,
}

impl MarkupFindings {
    pub fn is_empty(&self) -> bool {
        self.refused.is_empty() && self.raw_html.is_none() && self.unclosed.is_none()
    }

    /// The warnings, refused schemes first, then raw HTML, then the unclosed opening.
    pub fn warnings(&self, raw_html_allowed: bool) -> Vec<MarkupWarning> {
        let mut warnings = self.refused.clone();
        if let Some((offset, first_line, places)) = &self.raw_html {
            warnings.push(raw_html_warning(
                first_line,
                *places,
                *offset,
                raw_html_allowed,
            ));
        }
        warnings.extend(self.unclosed.clone());
        warnings
    }
}

/// Finds the [`MarkupFindings`] of a text from its parser's events, so that one pass over
/// a body can feed this and other finders.
pub struct MarkupFinder<'t> {
    text: &'t str,
    refused: Vec<MarkupWarning>,
    raw_html: Option<(usize, &'t str)>,
    raw_html_places: usize,
    tracker: OpenTracker,
}

impl<'t> MarkupFinder<'t> {
    pub fn new(text: &'t str) -> Self {
        MarkupFinder {
            text,
            refused: Vec::new(),
            raw_html: None,
            raw_html_places: 0,
            tracker: OpenTracker::default(),
        }
    }

    /// Takes in one event of `text`'s parse, at `range` of the text.
    pub fn see(&mut self, event: &Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::WikiLink { .. })
                && cited_ids(dest_url).is_none() =>
            {
                if let Some(scheme) = disallowed_scheme(dest_url) {
                    self.refused
                        .push(scheme_warning("link", dest_url, &scheme, range.start));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::WikiLink { .. }) => {
                if let Some(scheme) = disallowed_scheme(dest_url) {
                    self.refused
                        .push(scheme_warning("image", dest_url, &scheme, range.start));
                }
            }
            Event::Start(Tag::HtmlBlock) => self.raw_html_at(range),
            Event::InlineHtml(html) => {
                self.tracker.feed(html, range.start);
                self.raw_html_at(range);
            }
            Event::Html(html) => self.tracker.feed(html, range.start),
            _ => {}
        }
    }

    fn raw_html_at(&mut self, range: Range<usize>) {
        self.raw_html_places += 1;
        if self.raw_html.is_none() {
            self.raw_html = Some((range.start, &self.text[range]));
        }
    }

    pub fn finish(self) -> MarkupFindings {
        let unclosed = self
            .tracker
            .still_open()
            .map(|(opening, offset)| MarkupWarning {
                offset,
                message: format!(
                    "`{}` is never closed: everything after it in this text is swallowed by it",
                    opening.opener()
                ),
                hint: format!(
                    "close it with `{}`; flashpoint closes it at the end of the text so the rest of the page survives",
                    opening.closer()
                ),
            });
        let places = self.raw_html_places;
        MarkupFindings {
            refused: self.refused,
            raw_html: self.raw_html.map(|(offset, html)| {
                let first = shortened(html.lines().next().unwrap_or("").trim());
                (offset, first, places)
            }),
            unclosed,
        }
    }
}

fn scheme_warning(what: &str, url: &str, scheme: &str, offset: usize) -> MarkupWarning {
    MarkupWarning {
        offset,
        message: format!(
            "{what} to `{}` uses the `{scheme}:` scheme, not http, https or mailto",
            shortened(url)
        ),
        hint: format!(
            "link to web pages with https://, to the site's pages with /path/; \
             a `{scheme}:` address can run code or open something that is not on the web"
        ),
    }
}

fn raw_html_warning(first: &str, places: usize, offset: usize, allowed: bool) -> MarkupWarning {
    let more = match places {
        1 => String::new(),
        2 => " (and 1 more place in this text)".to_string(),
        n => format!(" (and {} more places in this text)", n - 1),
    };
    if allowed {
        MarkupWarning {
            offset,
            message: format!("raw HTML `{first}` goes into the page unchecked{more}"),
            hint: "write it in Markdown if you can; `markdown: { raw_html: false }` in site.yaml shows raw HTML as text instead".to_string(),
        }
    } else {
        MarkupWarning {
            offset,
            message: format!("raw HTML `{first}` is shown as text{more}"),
            hint: "site.yaml sets `markdown: { raw_html: false }`; write it in Markdown instead"
                .to_string(),
        }
    }
}

/// A long address or tag cut for a one-line message.
fn shortened(text: &str) -> String {
    const LIMIT: usize = 60;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(LIMIT).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(markdown: &str) -> Vec<(&str, String)> {
        markup_warnings(markdown, true)
            .into_iter()
            .map(|w| (&markdown[w.offset..], w.message))
            .map(|(at, message)| (at.lines().next().unwrap_or(""), message))
            .collect()
    }

    #[test]
    fn web_site_and_wiki_links_and_citations_pass_quietly() {
        let text = "[a](https://x.org) [b](/stories/x/) [c](#top) [[alpha]] [@s1] ![m](img/m.png) <https://x.org>";
        assert_eq!(found(text), []);
    }

    #[test]
    fn links_and_images_with_other_schemes_are_found_where_they_are() {
        let text = "Hi [x](javascript:alert(1)).\n\n![i](data:image/png;base64,AAAA)\n\n[r]\n\n[r]: JAVASCRIPT:go()\n";
        let warnings = found(text);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].0.starts_with("[x](javascript:"));
        assert!(warnings[0].1.contains("`javascript:` scheme"));
        assert!(warnings[1].0.starts_with("![i](data:"));
        assert!(warnings[1].1.starts_with("image to `data:"));
        assert!(warnings[2].0.starts_with("[r]"));
    }

    #[test]
    fn raw_html_is_reported_once_with_its_count() {
        let text = "a <b>bold</b>\n\n<div>\nx\n</div>\n";
        let warnings = found(text);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, "<b>bold</b>");
        assert_eq!(
            warnings[0].1,
            "raw HTML `<b>` goes into the page unchecked (and 2 more places in this text)"
        );
        let refused = markup_warnings(text, false);
        assert!(refused[0].message.contains("is shown as text"));
    }

    #[test]
    fn an_unclosed_comment_is_found_where_it_opens() {
        let text = "Intro.\n\n<!-- draft\n\nthe rest [@s1]\n";
        let warnings = found(text);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[1].0, "<!-- draft");
        assert!(warnings[1].1.starts_with("`<!--` is never closed"));
    }
}
