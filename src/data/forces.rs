//! `forces.yaml`: force sizes. Several figures for one actor and measure form a history.

use serde::Deserialize;

use crate::content::correction::{Correction, RawCorrection, corrections};
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostics, Location};
use crate::ids::{ActorId, Ref, SourceId};
use crate::yaml::{Spanned, YamlSource};

use super::localized::{LocalizedText, Translations};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFigure {
    actor: Spanned<String>,
    /// A string, or one per language: `{en: …, ko: …}`.
    measure: LocalizedText,
    value: f64,
    #[serde(default)]
    unit: LocalizedText,
    as_of: PartialDate,
    #[serde(default)]
    source: Option<Spanned<String>>,
    #[serde(default)]
    note: Option<LocalizedText>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
}

impl crate::data::RawRecord for RawFigure {
    fn record_id(&self) -> Option<&str> {
        None
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForceFigure {
    pub at: Location,
    pub actor: Ref<ActorId>,
    /// What the figure counts, as written (or in the first language written): the figures
    /// of one actor and measure form a history, and key facts name a measure by this text.
    pub measure: String,
    /// The measure as the edition's readers see it.
    pub measure_text: String,
    pub value: f64,
    pub unit: String,
    pub as_of: PartialDate,
    pub source: Option<Ref<SourceId>>,
    pub note: Option<String>,
    /// Fields written per language (`{en: …, ko: …}`).
    pub translations: Translations,
    /// Corrections of the figure, oldest first.
    pub corrections: Vec<Correction>,
}

impl ForceFigure {
    /// `1,000` for whole numbers, `2.5` otherwise.
    pub fn display_value(&self) -> String {
        format_number(self.value)
    }
}

/// The unit as it reads after `value`: singular after exactly 1 ("1 ship", "1 battery"),
/// as written otherwise. Units are written in the plural in `forces.yaml`; a unit that
/// does not end in a plural `s` ("personnel") is left alone.
pub fn unit_for(value: f64, unit: &str) -> String {
    if value != 1.0 {
        return unit.to_string();
    }
    let unit = unit.trim_end();
    let (head, last) = match unit.rsplit_once(' ') {
        Some((head, last)) => (format!("{head} "), last),
        None => (String::new(), unit),
    };
    let singular = if let Some(stem) = last.strip_suffix("ies").filter(|s| !s.is_empty()) {
        format!("{stem}y")
    } else if last.ends_with("ss") || last.ends_with("us") || last.len() < 3 {
        last.to_string()
    } else if let Some(stem) = last.strip_suffix('s') {
        stem.to_string()
    } else {
        last.to_string()
    };
    format!("{head}{singular}")
}

pub fn format_number(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return value.to_string();
    }
    let digits = (value.abs() as u64).to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if value < 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

pub(crate) fn from_raw(
    raw: RawFigure,
    yaml: &YamlSource<'_>,
    _: &mut Diagnostics,
) -> Option<ForceFigure> {
    Some(ForceFigure {
        at: yaml.location_of(&raw.actor),
        actor: yaml.reference(&raw.actor, ActorId::new),
        measure: raw.measure.text().trim().to_string(),
        measure_text: raw.measure.text().trim().to_string(),
        value: raw.value,
        unit: raw.unit.text(),
        as_of: raw.as_of,
        source: raw
            .source
            .as_ref()
            .map(|s| yaml.reference(s, SourceId::new)),
        note: raw.note.as_ref().map(LocalizedText::text),
        translations: {
            let mut translations = Translations::default();
            raw.measure
                .record_as("measure", &mut translations, |text| text.trim().to_string());
            raw.unit.record("unit", &mut translations);
            if let Some(note) = &raw.note {
                note.record("note", &mut translations);
            }
            translations
        },
        corrections: corrections(yaml, &raw.corrections),
    })
}

#[cfg(test)]
mod tests {
    use super::{format_number, unit_for};

    #[test]
    fn units_are_singular_after_exactly_one() {
        assert_eq!(unit_for(1.0, "ships"), "ship");
        assert_eq!(unit_for(2.0, "ships"), "ships");
        assert_eq!(
            unit_for(1.0, "air defence batteries"),
            "air defence battery"
        );
        assert_eq!(unit_for(1.0, "personnel"), "personnel");
        assert_eq!(unit_for(1.0, "bus"), "bus");
        assert_eq!(unit_for(1.0, ""), "");
    }

    #[test]
    fn groups_thousands_and_keeps_fractions() {
        assert_eq!(format_number(1000.0), "1,000");
        assert_eq!(format_number(13.0), "13");
        assert_eq!(format_number(1234567.0), "1,234,567");
        assert_eq!(format_number(2.5), "2.5");
    }
}
