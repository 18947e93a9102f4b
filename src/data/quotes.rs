//! `quotes.yaml`: words said by actors or by people speaking for them, with where they
//! were reported.
//!
//! A speaker is either an actor's id (`speaker: iran`), credited by the actor's name, or a
//! person who is not an actor (`speaker: {name: Jane Doe, role: spokeswoman, actor: navy}`),
//! credited by name and role, with the actor they speak for when `actor` is given.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};

use crate::content::correction::{Correction, RawCorrection, corrections};
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::ids::{ActorId, QuoteId, Ref, SourceId};
use crate::markdown::smart_punctuation;
use crate::yaml::{Spanned, YamlSource};

use super::localized::{LocalizedText, Translations};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuote {
    id: Spanned<String>,
    speaker: Spanned<RawSpeaker>,
    text: LocalizedText,
    #[serde(default)]
    date: Option<PartialDate>,
    #[serde(default)]
    context: Option<LocalizedText>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    via: Option<String>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
}

/// `speaker:` as written: an actor id, or a person.
#[derive(Debug)]
enum RawSpeaker {
    Actor(String),
    Person(RawPerson),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: Spanned<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    actor: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawSpeaker {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpeakerVisitor;

        impl<'de> Visitor<'de> for SpeakerVisitor {
            type Value = RawSpeaker;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an actor id, or a person written as {name, role, actor}")
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<RawSpeaker, E> {
                Ok(RawSpeaker::Actor(id.to_string()))
            }

            // An id made of digits reaches us as a number.
            fn visit_u64<E: de::Error>(self, id: u64) -> Result<RawSpeaker, E> {
                Ok(RawSpeaker::Actor(id.to_string()))
            }

            fn visit_i64<E: de::Error>(self, id: i64) -> Result<RawSpeaker, E> {
                Ok(RawSpeaker::Actor(id.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSpeaker, A::Error> {
                RawPerson::deserialize(MapAccessDeserializer::new(map)).map(RawSpeaker::Person)
            }
        }

        deserializer.deserialize_any(SpeakerVisitor)
    }
}

impl crate::data::RawRecord for RawQuote {
    fn record_id(&self) -> Option<&str> {
        Some(&self.id.value)
    }
}

/// A person quoted who is not an actor of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub name: String,
    /// Their position, as a credit line gives it: `spokeswoman`, `foreign minister`.
    pub role: Option<String>,
}

/// Who said it: an actor, a person, or a person speaking for an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The person, when the speaker is not credited by an actor's name.
    pub person: Option<Person>,
    /// The actor who spoke, or whom the person speaks for.
    pub actor: Option<Ref<ActorId>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub id: QuoteId,
    pub at: Location,
    pub speaker: Speaker,
    pub text: String,
    pub date: Option<PartialDate>,
    pub context: Option<String>,
    pub source: Option<Ref<SourceId>>,
    /// Who reported the words, as a name (`The New York Times`): the theme writes the
    /// "via" around it.
    pub via: Option<String>,
    /// Fields written per language (`{en: …, ko: …}`).
    pub translations: Translations,
    /// Corrections of the quote, oldest first.
    pub corrections: Vec<Correction>,
}

/// Words a theme already writes before `via`, taken off an editor's `via:` so the credit
/// never reads "Via reported by …".
const VIA_LEAD_INS: &[&str] = &["as reported by ", "reported by ", "quoted by ", "via "];

/// `via` as a name: surrounding spaces and any lead-in of [`VIA_LEAD_INS`] removed.
fn via_name(via: &str) -> String {
    let mut via = via.trim();
    for lead_in in VIA_LEAD_INS {
        if via.len() > lead_in.len()
            && via.is_char_boundary(lead_in.len())
            && via[..lead_in.len()].eq_ignore_ascii_case(lead_in)
        {
            via = via[lead_in.len()..].trim_start();
            break;
        }
    }
    via.to_string()
}

fn speaker(
    raw: &Spanned<RawSpeaker>,
    yaml: &YamlSource<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Speaker> {
    match &raw.value {
        RawSpeaker::Actor(id) => Some(Speaker {
            person: None,
            actor: Some(Ref {
                id: ActorId::new(id.trim()),
                at: yaml.location_of(raw),
            }),
        }),
        RawSpeaker::Person(person) => {
            if person.name.value.trim().is_empty() {
                diagnostics.push(
                    Diagnostic::error(
                        yaml.location_of(&person.name),
                        "the speaker's name is empty",
                    )
                    .with_hint(
                        "write the person's name, or give an actor id as the speaker instead",
                    ),
                );
                return None;
            }
            Some(Speaker {
                person: Some(Person {
                    name: smart_punctuation(person.name.value.trim()),
                    role: person
                        .role
                        .as_deref()
                        .map(str::trim)
                        .filter(|role| !role.is_empty())
                        .map(smart_punctuation),
                }),
                actor: person
                    .actor
                    .as_ref()
                    .map(|actor| yaml.reference(actor, ActorId::new)),
            })
        }
    }
}

pub(crate) fn from_raw(
    raw: RawQuote,
    yaml: &YamlSource<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Quote> {
    Some(Quote {
        id: QuoteId::new(raw.id.value.trim()),
        at: yaml.location_of(&raw.id),
        speaker: speaker(&raw.speaker, yaml, diagnostics)?,
        text: smart_punctuation(&raw.text.text()),
        date: raw.date,
        context: raw.context.as_ref().map(|c| smart_punctuation(&c.text())),
        translations: {
            let mut translations = Translations::default();
            raw.text
                .record_as("text", &mut translations, smart_punctuation);
            if let Some(context) = &raw.context {
                context.record_as("context", &mut translations, smart_punctuation);
            }
            translations
        },
        source: raw
            .source
            .as_ref()
            .map(|s| yaml.reference(s, SourceId::new)),
        via: raw
            .via
            .as_deref()
            .map(via_name)
            .filter(|via| !via.is_empty())
            .map(|via| smart_punctuation(&via)),
        corrections: corrections(yaml, &raw.corrections),
    })
}

#[cfg(test)]
mod tests {
    use super::via_name;

    #[test]
    fn via_keeps_only_the_name_of_who_reported_it() {
        assert_eq!(via_name("Reported by Reuters"), "Reuters");
        assert_eq!(via_name(" via the BBC "), "the BBC");
        assert_eq!(via_name("As reported by AP"), "AP");
        assert_eq!(via_name("The New York Times"), "The New York Times");
        assert_eq!(via_name("Viacom"), "Viacom");
    }
}
