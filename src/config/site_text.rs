//! The site's title and description, written once (`title: "…"`) or per language
//! (`title: {en: "…", ko: "…"}`), the same inline form the data files use. Each
//! edition's configuration holds its own text; a language left out reads the default
//! language's.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::yaml::{Spanned, YamlSource};

use super::Language;

/// `title:` or `description:` as written in site.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum RawSiteText {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Default for RawSiteText {
    fn default() -> Self {
        RawSiteText::Plain(String::new())
    }
}

/// A site-wide text in every language it was written in; empty for a plain string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteText {
    /// The text in the default language.
    pub default: String,
    /// Each language's text, when written per language.
    pub by_language: BTreeMap<String, String>,
}

impl SiteText {
    /// The text in `language`, or the default language's where it has none.
    pub fn in_language(&self, language: &str) -> &str {
        self.by_language
            .get(language)
            .map_or(self.default.as_str(), String::as_str)
    }
}

/// Checks a per-language text: each key a declared language and the default language
/// present, so no edition falls back to an unexpected one.
pub(super) fn checked(
    source: &YamlSource<'_>,
    field: &str,
    raw: Spanned<RawSiteText>,
    languages: &[Language],
) -> Result<SiteText, Diagnostic> {
    let at = source.location_of(&raw);
    match raw.value {
        RawSiteText::Plain(text) => Ok(SiteText {
            default: text,
            by_language: BTreeMap::new(),
        }),
        RawSiteText::ByLanguage(texts) => {
            let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
            if let Some(unknown) = texts.keys().find(|code| !codes.contains(&code.as_str())) {
                return Err(Diagnostic::error(
                    at,
                    format!(
                        "`{field}:` has a text for `{unknown}`, which is not one of the site's languages ({})",
                        codes.join(", ")
                    ),
                )
                .with_hint("declare it under `languages:`, or remove its text"));
            }
            let default_code = codes.first().copied().unwrap_or("en");
            let Some(default) = texts.get(default_code) else {
                return Err(Diagnostic::error(
                    at,
                    format!("`{field}:` has no text for the default language `{default_code}`"),
                )
                .with_hint(format!("add `{default_code}: \"…\"` to `{field}:`")));
            };
            Ok(SiteText {
                default: default.clone(),
                by_language: texts,
            })
        }
    }
}
