//! `places.yaml`: where things happen. Each place has a position, a kind (`city`,
//! `base`, `facility`, `sea`, …: an open vocabulary) and the sources that place it.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::ids::{PlaceId, Ref, SourceId};
use crate::yaml::{Spanned, YamlSource};

use super::localized::{LocalizedText, Translations};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlace {
    id: Spanned<String>,
    name: Spanned<String>,
    lat: Spanned<f64>,
    lon: Spanned<f64>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    summary: Option<LocalizedText>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
}

impl crate::data::RawRecord for RawPlace {
    fn record_id(&self) -> Option<&str> {
        Some(&self.id.value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: PlaceId,
    pub at: Location,
    pub name: String,
    /// Degrees north, -90 to 90.
    pub lat: f64,
    /// Degrees east, -180 to 180.
    pub lon: f64,
    pub kind: String,
    pub country: String,
    pub summary: String,
    pub aliases: Vec<String>,
    pub sources: Vec<Ref<SourceId>>,
    /// Fields written per language (`{en: …, ko: …}`).
    pub translations: Translations,
}

/// A coordinate out of its range, reported at the value.
fn out_of_range(
    yaml: &YamlSource<'_>,
    value: &Spanned<f64>,
    what: &str,
    limit: f64,
    diagnostics: &mut Diagnostics,
) -> bool {
    let v = value.value;
    if v.is_finite() && (-limit..=limit).contains(&v) {
        return false;
    }
    diagnostics.push(
        Diagnostic::error(
            yaml.location_of(value),
            format!("{what} `{v}` is outside -{limit} to {limit}"),
        )
        .with_hint("write decimal degrees: north and east positive, south and west negative"),
    );
    true
}

pub(crate) fn from_raw(
    raw: RawPlace,
    yaml: &YamlSource<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Place> {
    let id = raw.id.value.trim();
    if raw.name.value.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(
                yaml.location_of(&raw.name),
                format!("the place `{id}` has an empty name"),
            )
            .with_hint("write the name readers know it by"),
        );
        return None;
    }
    let bad_lat = out_of_range(yaml, &raw.lat, "latitude", 90.0, diagnostics);
    let bad_lon = out_of_range(yaml, &raw.lon, "longitude", 180.0, diagnostics);
    if bad_lat || bad_lon {
        return None;
    }
    Some(Place {
        id: PlaceId::new(id),
        at: yaml.location_of(&raw.id),
        name: raw.name.value.trim().to_string(),
        lat: raw.lat.value,
        lon: raw.lon.value,
        kind: raw.kind.unwrap_or_default().trim().to_string(),
        country: raw.country.unwrap_or_default().trim().to_string(),
        summary: raw
            .summary
            .as_ref()
            .map(LocalizedText::text)
            .unwrap_or_default()
            .trim()
            .to_string(),
        translations: {
            let mut translations = Translations::default();
            if let Some(summary) = &raw.summary {
                summary.record_as("summary", &mut translations, |t| t.trim().to_string());
            }
            translations
        },
        aliases: raw.aliases,
        sources: yaml.references(&raw.sources, SourceId::new),
    })
}
