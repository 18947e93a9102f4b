//! `sources.yaml`: the reporting and documents behind every claim.

use serde::Deserialize;

use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::ids::SourceId;
use crate::yaml::{Spanned, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    date: Option<PartialDate>,
    #[serde(default)]
    url: Option<Spanned<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub at: Location,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    pub url: Option<String>,
}

pub(crate) fn from_raw(
    raw: RawSource,
    yaml: &YamlSource<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Source> {
    let url = match raw.url {
        Some(url) if url::Url::parse(url.value.trim()).is_err() => {
            diagnostics.push(
                Diagnostic::error(
                    yaml.location_of(&url),
                    format!("`{}` is not an absolute URL", url.value),
                )
                .with_hint("write the full address, starting with https://"),
            );
            None
        }
        Some(url) => Some(url.value.trim().to_string()),
        None => None,
    };
    Some(Source {
        id: SourceId::new(raw.id.value.trim()),
        at: yaml.location_of(&raw.id),
        title: raw.title,
        publisher: raw.publisher,
        date: raw.date,
        url,
    })
}
