//! `quotes.yaml`: words said by actors, with where they were reported.

use serde::Deserialize;

use crate::date::PartialDate;
use crate::diagnostics::{Diagnostics, Location};
use crate::ids::{ActorId, QuoteId, Ref, SourceId};
use crate::yaml::{Spanned, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuote {
    id: Spanned<String>,
    speaker: Spanned<String>,
    text: String,
    #[serde(default)]
    date: Option<PartialDate>,
    #[serde(default)]
    context: Option<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    via: Option<String>,
}

impl crate::data::RawRecord for RawQuote {
    fn record_id(&self) -> Option<&str> {
        Some(&self.id.value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub id: QuoteId,
    pub at: Location,
    pub speaker: Ref<ActorId>,
    pub text: String,
    pub date: Option<PartialDate>,
    pub context: Option<String>,
    pub source: Option<Ref<SourceId>>,
    pub via: Option<String>,
}

pub(crate) fn from_raw(raw: RawQuote, yaml: &YamlSource<'_>, _: &mut Diagnostics) -> Option<Quote> {
    Some(Quote {
        id: QuoteId::new(raw.id.value.trim()),
        at: yaml.location_of(&raw.id),
        speaker: yaml.reference(&raw.speaker, ActorId::new),
        text: raw.text,
        date: raw.date,
        context: raw.context,
        source: raw
            .source
            .as_ref()
            .map(|s| yaml.reference(s, SourceId::new)),
        via: raw.via,
    })
}
