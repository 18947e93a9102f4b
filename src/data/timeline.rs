//! `timeline.yaml`: dated events.

use serde::Deserialize;

use crate::content::Tag;
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostics, Location};
use crate::ids::{ActorId, EventId, Ref, SourceId};
use crate::yaml::{Spanned, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvent {
    id: Spanned<String>,
    date: PartialDate,
    title: String,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
}

impl crate::data::RawRecord for RawEvent {
    fn record_id(&self) -> Option<&str> {
        Some(&self.id.value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEvent {
    pub id: EventId,
    pub at: Location,
    pub date: PartialDate,
    pub title: String,
    pub actors: Vec<Ref<ActorId>>,
    /// Markdown.
    pub summary: String,
    pub sources: Vec<Ref<SourceId>>,
    pub tags: Vec<Tag>,
}

pub(crate) fn from_raw(
    raw: RawEvent,
    yaml: &YamlSource<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<TimelineEvent> {
    Some(TimelineEvent {
        id: EventId::new(raw.id.value.trim()),
        at: yaml.location_of(&raw.id),
        date: raw.date,
        title: raw.title,
        actors: yaml.references(&raw.actors, ActorId::new),
        summary: raw.summary,
        sources: yaml.references(&raw.sources, SourceId::new),
        tags: crate::content::parse_tags(yaml, &raw.tags, diagnostics),
    })
}
