//! The id indexes of the site's lists, and the checks on ids themselves: each defined once,
//! none taking a section's name, each one that came from a YAML `id:` field usable in a URL.

use rustc_hash::FxHashMap;
use std::hash::Hash;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::ids::{segment_problem, suggested_segment};
use crate::site::Site;

/// Page ids that would collide with the site's own sections.
const RESERVED_PAGE_IDS: &[&str] = &[
    "stories",
    "actors",
    "timeline",
    "forces",
    "quotes",
    "sources",
    "tags",
    "search",
    "static",
    "places",
    "authors",
    "corrections",
    "series",
];

/// Maps ids to positions, reporting each id defined twice with both places.
pub(super) fn index<K: Eq + Hash + Clone + std::fmt::Display>(
    entries: impl Iterator<Item = (K, Location)>,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> FxHashMap<K, usize> {
    let mut index = FxHashMap::default();
    let mut first_seen: FxHashMap<K, Location> = FxHashMap::default();
    for (ix, (id, at)) in entries.enumerate() {
        if let Some(first) = first_seen.get(&id) {
            diagnostics.push(
                Diagnostic::error(
                    at,
                    format!("the {what} id `{id}` is already used at {first}"),
                )
                .with_hint("give each one its own id"),
            );
            continue;
        }
        first_seen.insert(id.clone(), at);
        index.insert(id, ix);
    }
    index
}

/// Fills `site.index`, reporting duplicate ids, page ids that name a section, and unsafe
/// data ids.
pub(super) fn build_indexes(site: &mut Site, diagnostics: &mut Diagnostics) {
    site.index.stories = index(
        site.stories
            .iter()
            .map(|s| (s.id.clone(), s.document.file_location())),
        "story",
        diagnostics,
    );
    site.index.actors = index(
        site.actors
            .iter()
            .map(|a| (a.id.clone(), a.document.file_location())),
        "actor",
        diagnostics,
    );
    site.index.pages = index(
        site.pages
            .iter()
            .map(|p| (p.id.clone(), p.document.file_location())),
        "page",
        diagnostics,
    );
    site.index.events = index(
        site.events.iter().map(|e| (e.id.clone(), e.at.clone())),
        "event",
        diagnostics,
    );
    site.index.quotes = index(
        site.quotes.iter().map(|q| (q.id.clone(), q.at.clone())),
        "quote",
        diagnostics,
    );
    site.index.sources = index(
        site.sources.iter().map(|s| (s.id.clone(), s.at.clone())),
        "source",
        diagnostics,
    );
    check_page_ids(site, diagnostics);
    check_data_ids(site, diagnostics);
}

fn check_page_ids(site: &Site, diagnostics: &mut Diagnostics) {
    for page in &site.pages {
        if RESERVED_PAGE_IDS.contains(&page.id.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    page.document.file_location(),
                    format!(
                        "the page name `{}` is taken by the site's own section",
                        page.id
                    ),
                )
                .with_hint("rename the file, e.g. about-sources.md"),
            );
        }
    }
}

/// Ids of Markdown files come from file names, which loading has already checked; these
/// come from `id:` fields.
fn check_data_ids(site: &Site, diagnostics: &mut Diagnostics) {
    for (what, at, id) in site
        .events
        .iter()
        .map(|e| ("event", &e.at, e.id.as_str()))
        .chain(site.quotes.iter().map(|q| ("quote", &q.at, q.id.as_str())))
        .chain(
            site.sources
                .iter()
                .map(|s| ("source", &s.at, s.id.as_str())),
        )
    {
        if let Some(problem) = segment_problem(id) {
            diagnostics.push(
                Diagnostic::error(
                    at.clone(),
                    format!("`{id}` cannot be a {what} id: {problem}"),
                )
                .with_hint(format!("use `{}`", suggested_segment(id))),
            );
        }
    }
}
