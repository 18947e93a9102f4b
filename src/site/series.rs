//! Series: stories that read in order. Each part names its series and its number
//! (`series: {id: ..., part: 2}`); the parts of a series must run 1, 2, 3... with no number
//! twice and none missing, so "Part 2 of 4" is always true.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ids::{SeriesId, segment_problem, suggested_segment};
use crate::site::{Site, StoryIx};

/// One series and its parts in reading order.
#[derive(Debug, Clone)]
pub struct Series {
    pub id: SeriesId,
    /// The first part's `title:`, else the first part's own title.
    pub title: String,
    /// Offered on the home page as the place to start.
    pub start_here: bool,
    /// Stories, part 1 first.
    pub parts: Vec<StoryIx>,
}

/// Gathers the series the stories name, reporting duplicate or missing parts.
pub(super) fn gather_series(site: &mut Site, diagnostics: &mut Diagnostics) {
    let mut by_id: BTreeMap<&str, Vec<StoryIx>> = BTreeMap::new();
    for (ix, story) in site.stories.iter().enumerate() {
        if let Some(part) = &story.series {
            by_id.entry(part.id.id.as_str()).or_default().push(ix);
        }
    }
    let mut all = Vec::new();
    let mut story_series = vec![None; site.stories.len()];
    for (id, mut parts) in by_id {
        let part_of = |ix: StoryIx| site.stories[ix].series.as_ref().map_or(0, |p| p.part);
        parts.sort_by_key(|&ix| (part_of(ix), site.stories[ix].date));
        let first = &site.stories[parts[0]];
        let Some(first_part) = &first.series else {
            continue;
        };
        if let Some(problem) = segment_problem(id) {
            diagnostics.push(
                Diagnostic::error(
                    first_part.id.at.clone(),
                    format!("`{id}` cannot be a series id: {problem}"),
                )
                .with_hint(format!("use `{}`", suggested_segment(id))),
            );
            continue;
        }
        if !parts_are_whole(site, id, &parts, diagnostics) {
            continue;
        }
        let series_ix = all.len();
        for (position, &ix) in parts.iter().enumerate() {
            story_series[ix] = Some((series_ix, position));
        }
        all.push(Series {
            id: SeriesId::new(id),
            title: first_part
                .title
                .clone()
                .unwrap_or_else(|| first.title.clone()),
            start_here: first_part.start_here,
            parts,
        });
    }
    site.series = all;
    site.story_series = story_series;
}

/// Whether the parts, sorted by number, run 1, 2, 3... Each number written twice, and
/// the first number missing, is reported.
fn parts_are_whole(
    site: &Site,
    id: &str,
    parts: &[StoryIx],
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut whole = true;
    let mut expected = 1;
    let mut previous: Option<StoryIx> = None;
    for &ix in parts {
        let Some(part) = &site.stories[ix].series else {
            continue;
        };
        if let Some(prev) = previous
            && site.stories[prev].series.as_ref().map(|p| p.part) == Some(part.part)
        {
            let first = &site.stories[prev];
            diagnostics.push(
                Diagnostic::error(
                    part.at.clone(),
                    format!(
                        "{} is already part {} of the series `{id}`",
                        first.document.path.display(),
                        part.part
                    ),
                )
                .with_hint("give each part of a series its own number"),
            );
            whole = false;
        } else if part.part == 0 {
            diagnostics.push(
                Diagnostic::error(part.at.clone(), "a series has no part 0")
                    .with_hint("number the parts of a series from 1"),
            );
            whole = false;
        } else if part.part != expected {
            let missing = if expected + 1 == part.part {
                format!("part {expected} is missing")
            } else {
                format!("parts {expected} to {} are missing", part.part - 1)
            };
            diagnostics.push(
                Diagnostic::error(
                    part.at.clone(),
                    format!("the series `{id}` jumps to part {}: {missing}", part.part),
                )
                .with_hint("number the parts of a series 1, 2, 3... with no gaps"),
            );
            whole = false;
            expected = part.part + 1;
        } else {
            expected += 1;
        }
        previous = Some(ix);
    }
    whole
}
