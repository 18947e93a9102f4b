//! Warnings about what editors' Markdown puts into pages: links with a scheme other than
//! http, https or mailto, raw HTML, and a comment or `<script>`-like element left open.
//! The pages still build; see docs/trust-model.md for why these are warnings.

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::markdown::markup_warnings;
use crate::site::Site;

pub(super) fn warn_about_markup(site: &Site, diagnostics: &mut Diagnostics) {
    let raw_html_allowed = site.config.markdown.raw_html;
    for document in site.documents() {
        let locator = document.body_locator();
        warn_about_text(&document.body, raw_html_allowed, diagnostics, |offset| {
            locator.locate(offset)
        });
    }
    // An event's summary sits inside its YAML record: the warning points at the event.
    for event in &site.events {
        warn_about_text(&event.summary, raw_html_allowed, diagnostics, |_| {
            event.at.clone()
        });
    }
}

fn warn_about_text(
    markdown: &str,
    raw_html_allowed: bool,
    diagnostics: &mut Diagnostics,
    locate: impl Fn(usize) -> Location,
) {
    for warning in markup_warnings(markdown, raw_html_allowed) {
        diagnostics.push(
            Diagnostic::warning(locate(warning.offset), warning.message).with_hint(warning.hint),
        );
    }
}
