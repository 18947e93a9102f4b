//! `timeline.yaml`: dated events.

use serde::Deserialize;

use crate::content::Tag;
use crate::content::correction::{Correction, RawCorrection, corrections};
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostics, Location};
use crate::ids::{ActorId, EventId, PlaceId, Ref, SourceId};
use crate::yaml::{Spanned, YamlSource};

use super::localized::{LocalizedText, Translations};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvent {
    id: Spanned<String>,
    date: PartialDate,
    title: LocalizedText,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
    #[serde(default)]
    summary: Option<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    places: Vec<Spanned<String>>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
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
    /// Where the summary's text starts, for placing problems found in it.
    pub summary_at: SummaryPlace,
    pub sources: Vec<Ref<SourceId>>,
    pub tags: Vec<Tag>,
    /// Where it happened (`places.yaml` ids).
    pub places: Vec<Ref<PlaceId>>,
    /// Fields written per language.
    pub translations: Translations,
    /// Corrections of the entry, oldest first.
    pub corrections: Vec<Correction>,
}

/// Where an event's summary is written, so that a `[[link]]` inside it is reported at
/// its own line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryPlace {
    /// The first character of the value (after an opening quote).
    pub start: Location,
    /// Whether the value is written on its one line, as it reads (plain or quoted without
    /// escapes), so that an offset into it is a column offset; otherwise problems inside
    /// it are placed at `start`.
    pub inline: bool,
}

impl SummaryPlace {
    /// The file position of a byte offset into the summary.
    pub fn locate(&self, summary: &str, offset: usize) -> Location {
        if !self.inline {
            return self.start.clone();
        }
        let columns = summary.get(..offset).map_or(0, |text| text.chars().count());
        Location::new(
            &self.start.path,
            self.start.line,
            self.start.column + columns as u32,
        )
    }
}

/// Where a summary's value starts, and whether it is written as it reads on one line.
fn summary_place(yaml: &YamlSource<'_>, summary: &Spanned<String>) -> SummaryPlace {
    let at = yaml.location_of(summary);
    // The value's byte offset in the text parsed, so that finding its line costs nothing.
    let rest = summary
        .referenced
        .span()
        .byte_offset()
        .and_then(|offset| yaml.text.get(usize::try_from(offset).ok()?..))
        .and_then(|rest| rest.lines().next())
        .unwrap_or("");
    let value = &summary.value;
    let (start, inline) = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let written = &rest[1..];
            let as_reads =
                written.starts_with(value.as_str()) && written[value.len()..].starts_with(quote);
            (Location::new(&at.path, at.line, at.column + 1), as_reads)
        }
        _ => (
            at.clone(),
            rest.starts_with(value.as_str()) && !value.contains('\n'),
        ),
    };
    SummaryPlace { start, inline }
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
        title: crate::markdown::smart_punctuation(&raw.title.text()),
        translations: {
            let mut translations = Translations::default();
            raw.title.record_as(
                "title",
                &mut translations,
                crate::markdown::smart_punctuation,
            );
            translations
        },
        actors: yaml.references(&raw.actors, ActorId::new),
        summary_at: match &raw.summary {
            Some(summary) => summary_place(yaml, summary),
            None => SummaryPlace {
                start: yaml.location_of(&raw.id),
                inline: false,
            },
        },
        summary: raw.summary.map(|s| s.value).unwrap_or_default(),
        sources: yaml.references(&raw.sources, SourceId::new),
        tags: crate::content::parse_tags(yaml, &raw.tags, diagnostics),
        places: yaml.references(&raw.places, PlaceId::new),
        corrections: corrections(yaml, &raw.corrections),
    })
}
