//! Warnings about what editors' Markdown puts into pages: links with a scheme other than
//! http, https or mailto, raw HTML, and a comment or `<script>`-like element left open.
//! The pages still build; see docs/trust-model.md for why these are warnings.

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::markdown::markup_warnings;
use crate::site::Site;

/// Every text is parsed once more here, so the texts are read in parallel (a large site
/// has tens of thousands); the findings keep the texts' order.
pub(super) fn warn_about_markup(site: &Site, diagnostics: &mut Diagnostics) {
    let raw_html_allowed = site.config.markdown.raw_html;
    let documents: Vec<_> = site.documents().collect();
    let in_documents: Vec<Vec<Diagnostic>> = documents
        .par_iter()
        .map(|document| {
            let body = document.body();
            let locator = document.body_locator(&body);
            warnings_in(&body, raw_html_allowed, |offset| locator.locate(offset))
        })
        .collect();
    // An event's summary sits inside its YAML record: the warning points at the event.
    let in_events: Vec<Vec<Diagnostic>> = site
        .events
        .par_iter()
        .map(|event| warnings_in(&event.summary, raw_html_allowed, |_| event.at.clone()))
        .collect();
    for found in in_documents.into_iter().chain(in_events) {
        for diagnostic in found {
            diagnostics.push(diagnostic);
        }
    }
}

fn warnings_in(
    markdown: &str,
    raw_html_allowed: bool,
    locate: impl Fn(usize) -> Location,
) -> Vec<Diagnostic> {
    markup_warnings(markdown, raw_html_allowed)
        .into_iter()
        .map(|warning| {
            Diagnostic::warning(locate(warning.offset), warning.message).with_hint(warning.hint)
        })
        .collect()
}
