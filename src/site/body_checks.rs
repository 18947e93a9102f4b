//! The checks of what a Markdown body holds: the references it makes, markup that warns
//! (links with a scheme other than http, https or mailto, raw HTML, a comment or
//! `<script>`-like element left open) and the placeholder paragraph of `flashpoint new`.
//! What they need of a body was found when it was loaded (its references and
//! [`BodyNotes`](crate::content::BodyNotes)); a build keeps bodies in their files and reads
//! one again only to place a finding at its line. Documents are checked in parallel, and
//! the findings kept in the documents' order.
//!
//! Markup findings are warnings: the pages still build; see docs/trust-model.md for why.

use rayon::prelude::*;

use crate::content::MarkdownDocument;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::markdown::{MarkupWarning, markup_warnings};
use crate::site::Site;

use super::{placeholders, reference_checks};

/// Checks every document's body and every event's summary.
pub(super) fn check_bodies(site: &Site, diagnostics: &mut Diagnostics) {
    let raw_html_allowed = site.config.markdown.raw_html;
    let home = site.home.iter().map(|home| (&home.document, None));
    let stories = site
        .stories
        .iter()
        .map(|story| (&story.document, Some(story.id.as_str())));
    let others = site
        .actors
        .iter()
        .map(|actor| &actor.document)
        .chain(site.pages.iter().map(|page| &page.document))
        .chain(site.authors.iter().map(|author| &author.document))
        .map(|document| (document, None));
    let documents: Vec<(&MarkdownDocument, Option<&str>)> =
        home.chain(stories).chain(others).collect();
    let in_documents: Vec<Diagnostics> = documents
        .par_iter()
        .with_max_len(DOCUMENTS_PER_TASK)
        .map(|&(document, story)| {
            let mut found = Diagnostics::default();
            let references = reference_checks::body_references_to_report(site, document);
            if references.is_empty() && document.notes.is_none() {
                return found;
            }
            // Only now is the body read, to place each finding at its line and column.
            let body = document.body();
            let locator = document.body_locator(&body);
            reference_checks::check_body_references(site, &references, &locator, &mut found);
            if let Some(notes) = &document.notes {
                for warning in notes.markup.warnings(raw_html_allowed) {
                    found.push(markup_diagnostic(locator.locate(warning.offset), warning));
                }
                if let Some(id) = story {
                    placeholders::warn_about_story_body(id, notes, &locator, &mut found);
                }
            }
            found
        })
        .collect();
    // An event's summary sits inside its YAML record: a markup warning points at the
    // event, a reference at its place in the summary.
    let in_events: Vec<Diagnostics> = site
        .events
        .par_iter()
        .map(|event| {
            let mut found = Diagnostics::default();
            reference_checks::check_event_references(site, event, &mut found);
            for diagnostic in markup_in(&event.summary, raw_html_allowed, |_| event.at.clone()) {
                found.push(diagnostic);
            }
            found
        })
        .collect();
    for found in in_documents.into_iter().chain(in_events) {
        diagnostics.extend(found);
    }
}

fn markup_in(
    markdown: &str,
    raw_html_allowed: bool,
    locate: impl Fn(usize) -> Location,
) -> Vec<Diagnostic> {
    markup_warnings(markdown, raw_html_allowed)
        .into_iter()
        .map(|warning| markup_diagnostic(locate(warning.offset), warning))
        .collect()
}

fn markup_diagnostic(at: Location, warning: MarkupWarning) -> Diagnostic {
    Diagnostic::warning(at, warning.message).with_hint(warning.hint)
}

/// Documents checked by one task: few enough that no thread keeps a long run of them.
const DOCUMENTS_PER_TASK: usize = 64;
