//! The key-facts box as templates see it, on the home page and beside every story.

use serde::Serialize;

use super::ContextBuilder;
use crate::render::views::{DateView, Link};
use crate::render::visuals::latest_row;

#[derive(Serialize)]
pub(super) struct KeyFactsView<'a> {
    parties: Vec<Link<'a>>,
    started: Option<DateView>,
    status: Option<&'a str>,
    figures: Vec<HeadlineFigureView<'a>>,
    updated: Option<DateView>,
}

/// The newest figure for one actor and measure, as the forces page chooses it.
#[derive(Serialize)]
pub(super) struct HeadlineFigureView<'a> {
    actor: Link<'a>,
    measure: &'a str,
    value_display: String,
    /// The unit, singular for exactly 1 ("1 ship").
    unit: String,
    as_of: DateView,
    disputed: bool,
}

impl<'a> ContextBuilder<'a> {
    /// None when `content/_index.md` declares no `key_facts:`.
    pub(super) fn key_facts(&self) -> Option<KeyFactsView<'a>> {
        let site = self.site;
        let facts = site.home.as_ref()?.key_facts.as_ref()?;
        let figures = facts
            .figures
            .iter()
            .filter_map(|wanted| {
                let actor = site.actor_ix(wanted.actor.id.as_str())?;
                let figures: Vec<usize> = (0..site.forces.len())
                    .filter(|&ix| {
                        let figure = &site.forces[ix];
                        figure.actor.id == wanted.actor.id && figure.measure == wanted.measure.id
                    })
                    .collect();
                let rows = self.views.figure_rows(&figures);
                let refs: Vec<_> = rows.iter().collect();
                let row = latest_row(&refs)?;
                Some(HeadlineFigureView {
                    actor: self.views.actor_link(actor),
                    measure: &site.forces[*figures.first()?].measure_text,
                    value_display: row.value_display.clone(),
                    unit: row.unit_display.clone(),
                    as_of: DateView {
                        iso: row.as_of.iso.clone(),
                        display: row.as_of.display.clone(),
                    },
                    disputed: row.disputed,
                })
            })
            .collect();
        Some(KeyFactsView {
            parties: facts
                .parties
                .iter()
                .filter_map(|p| site.actor_ix(p.id.as_str()))
                .map(|ix| self.views.actor_link(ix))
                .collect(),
            started: facts.started.map(|d| self.views.date(d)),
            status: facts.status.as_deref(),
            figures,
            updated: facts.updated.map(|d| self.views.date(d)),
        })
    }
}
