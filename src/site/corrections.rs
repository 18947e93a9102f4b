//! Corrections across the site: each one's date is checked (it names the day, falls on or
//! after the date of what it corrects, and is not in the future), and all of them are
//! gathered, newest first, for the `/corrections/` page and its feed.

use crate::content::Correction;
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{ActorIx, EventIx, FigureIx, QuoteIx, Site, StoryIx};

/// What a correction corrects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Corrected {
    Story(StoryIx),
    Actor(ActorIx),
    Event(EventIx),
    Figure(FigureIx),
    Quote(QuoteIx),
}

/// One correction, with what it corrects: `number` is its place in that record's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionRef {
    pub corrected: Corrected,
    pub number: usize,
}

impl Site {
    /// The correction a [`CorrectionRef`] points at.
    pub fn correction(&self, at: CorrectionRef) -> &Correction {
        let list = match at.corrected {
            Corrected::Story(ix) => &self.stories[ix].corrections,
            Corrected::Actor(ix) => &self.actors[ix].corrections,
            Corrected::Event(ix) => &self.events[ix].corrections,
            Corrected::Figure(ix) => &self.forces[ix].corrections,
            Corrected::Quote(ix) => &self.quotes[ix].corrections,
        };
        &list[at.number]
    }
}

/// Today's date where the build runs: a correction cannot be dated later.
fn today() -> Option<PartialDate> {
    let now = jiff::Zoned::now();
    PartialDate::parse(&format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        now.month(),
        now.day()
    ))
    .ok()
}

/// Checks every correction's date and lists them all in `site.corrections`, newest first.
pub(super) fn gather_corrections(site: &mut Site, diagnostics: &mut Diagnostics) {
    let today = today();
    let mut all = Vec::new();
    let records = site
        .stories
        .iter()
        .enumerate()
        .map(|(ix, s)| {
            (
                Corrected::Story(ix),
                Some((s.date, "the story")),
                &s.corrections,
            )
        })
        .chain(
            site.actors
                .iter()
                .enumerate()
                .map(|(ix, a)| (Corrected::Actor(ix), None, &a.corrections)),
        )
        .chain(site.events.iter().enumerate().map(|(ix, e)| {
            (
                Corrected::Event(ix),
                Some((e.date, "the event")),
                &e.corrections,
            )
        }))
        .chain(site.forces.iter().enumerate().map(|(ix, f)| {
            (
                Corrected::Figure(ix),
                Some((f.as_of, "the figure")),
                &f.corrections,
            )
        }))
        .chain(site.quotes.iter().enumerate().map(|(ix, q)| {
            (
                Corrected::Quote(ix),
                q.date.map(|d| (d, "the quote")),
                &q.corrections,
            )
        }));
    for (corrected, dated, corrections) in records {
        for (number, correction) in corrections.iter().enumerate() {
            if check_date(correction, dated, today, diagnostics) {
                all.push(CorrectionRef { corrected, number });
            }
        }
    }
    all.sort_by(|a, b| {
        site.correction(*b)
            .date
            .cmp(&site.correction(*a).date)
            .then_with(|| a.corrected.cmp(&b.corrected))
            .then_with(|| a.number.cmp(&b.number))
    });
    site.corrections = all;
}

/// Whether a correction's date is usable, reporting why not.
fn check_date(
    correction: &Correction,
    record: Option<(PartialDate, &str)>,
    today: Option<PartialDate>,
    diagnostics: &mut Diagnostics,
) -> bool {
    let date = correction.date;
    let problem = if !date.is_complete() {
        Some((
            format!("a correction's date must name the day, not only `{date}`"),
            "write YYYY-MM-DD, the day the correction was published".to_string(),
        ))
    } else if let Some((record_date, what)) = record
        && date < record_date
    {
        Some((
            format!(
                "this correction is dated {}, before {what} it corrects ({})",
                date.iso(),
                record_date.iso()
            ),
            "date the correction the day it was published".to_string(),
        ))
    } else if let Some(today) = today
        && date > today
    {
        Some((
            format!(
                "this correction is dated {}, which is in the future (today is {})",
                date.iso(),
                today.iso()
            ),
            "date the correction the day it was published".to_string(),
        ))
    } else {
        None
    };
    match problem {
        Some((message, hint)) => {
            diagnostics.push(Diagnostic::error(correction.at.clone(), message).with_hint(hint));
            false
        }
        None => true,
    }
}
