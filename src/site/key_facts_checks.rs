//! The key-facts box names actors and, for its headline figures, an actor and a measure
//! that `forces.yaml` must report: each one that names nothing is reported where it was
//! written, with the nearest id or measure when it looks like a typo.

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::site::Site;
use crate::site::reference_checks::check_actor;

pub(super) fn check_key_facts(site: &Site, diagnostics: &mut Diagnostics) {
    let Some(facts) = site.home.as_ref().and_then(|home| home.key_facts.as_ref()) else {
        return;
    };
    for party in &facts.parties {
        check_actor(site, party, diagnostics);
    }
    for figure in &facts.figures {
        check_actor(site, &figure.actor, diagnostics);
        let actor = figure.actor.id.as_str();
        if site.actor_ix(actor).is_none() {
            continue;
        }
        let measures: Vec<&str> = site
            .forces
            .iter()
            .filter(|f| f.actor.id.as_str() == actor)
            .map(|f| f.measure.as_str())
            .collect();
        let wanted = figure.measure.id.as_str();
        if measures.contains(&wanted) {
            continue;
        }
        let hint = did_you_mean(wanted, measures.iter().copied()).unwrap_or_else(|| {
            let mut known = measures.clone();
            known.dedup();
            if known.is_empty() {
                format!("content/data/forces.yaml has no figure for `{actor}`")
            } else {
                format!("its measures are: {}", known.join(", "))
            }
        });
        diagnostics.push(
            Diagnostic::error(
                figure.measure.at.clone(),
                format!("content/data/forces.yaml has no `{wanted}` figure for `{actor}`"),
            )
            .with_hint(hint),
        );
    }
}
