//! The key-facts box of an explainer, declared in `content/_index.md` front matter under
//! `key_facts:`: who the parties are, when it started, where it stands, the figures that
//! matter most and when the facts were last checked. Ids are checked once the site is
//! assembled (`site::key_facts_checks`), where the actors and figures are known.

use serde::Deserialize;

use crate::date::PartialDate;
use crate::ids::{ActorId, Ref};
use crate::yaml::{Spanned, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKeyFacts {
    #[serde(default)]
    parties: Vec<Spanned<String>>,
    #[serde(default)]
    started: Option<PartialDate>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    figures: Vec<RawHeadlineFigure>,
    #[serde(default)]
    updated: Option<PartialDate>,
}

/// One headline figure: the newest figure `forces.yaml` holds for this actor and measure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeadlineFigure {
    actor: Spanned<String>,
    measure: Spanned<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyFacts {
    pub parties: Vec<Ref<ActorId>>,
    pub started: Option<PartialDate>,
    pub status: Option<String>,
    pub figures: Vec<HeadlineFigure>,
    pub updated: Option<PartialDate>,
}

/// An actor and measure whose newest figure the box shows; `measure.at` places a measure
/// that `forces.yaml` never reports for the actor.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineFigure {
    pub actor: Ref<ActorId>,
    pub measure: Ref<String>,
}

pub(crate) fn from_raw(raw: RawKeyFacts, yaml: &YamlSource<'_>) -> KeyFacts {
    KeyFacts {
        parties: yaml.references(&raw.parties, ActorId::new),
        started: raw.started,
        status: raw
            .status
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        figures: raw
            .figures
            .iter()
            .map(|f| HeadlineFigure {
                actor: yaml.reference(&f.actor, ActorId::new),
                measure: yaml.reference(&f.measure, str::to_string),
            })
            .collect(),
        updated: raw.updated,
    }
}
