//! Warnings about what editors' Markdown puts into pages: links with a scheme other than
//! http, https or mailto, raw HTML, and a comment or `<script>`-like element left open.
//! The pages still build; see docs/trust-model.md for why these are warnings.

use std::path::Path;

use crate::content::source_file::line_and_column;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::markdown::markup_warnings;
use crate::site::Site;

pub(super) fn warn_about_markup(site: &Site, diagnostics: &mut Diagnostics) {
    let raw_html_allowed = site.config.markdown.raw_html;
    let bodies = site
        .home
        .iter()
        .map(|p| (p.body.as_str(), p.path.as_path(), p.body_line))
        .chain(
            site.stories
                .iter()
                .map(|s| (s.body.as_str(), s.path.as_path(), s.body_line)),
        )
        .chain(
            site.actors
                .iter()
                .map(|a| (a.body.as_str(), a.path.as_path(), a.body_line)),
        )
        .chain(
            site.pages
                .iter()
                .map(|p| (p.body.as_str(), p.path.as_path(), p.body_line)),
        );
    for (body, path, body_line) in bodies {
        warn_about_text(body, raw_html_allowed, diagnostics, |offset| {
            at_offset(body, path, body_line, offset)
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

/// The file position of a byte offset in a body that starts on line `body_line`.
fn at_offset(body: &str, path: &Path, body_line: u32, offset: usize) -> Location {
    let (line, column) = line_and_column(body, offset);
    Location::new(path, body_line + line - 1, column)
}
