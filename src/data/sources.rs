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
    title: Spanned<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    date: Option<PartialDate>,
    #[serde(default)]
    url: Option<Spanned<String>>,
    /// A copy kept by an archive (the Wayback Machine, archive.today), for when the
    /// original moves or disappears.
    #[serde(default)]
    archive_url: Option<Spanned<String>>,
    /// When the editor last read the source at `url`.
    #[serde(default)]
    accessed: Option<PartialDate>,
}

impl crate::data::RawRecord for RawSource {
    fn record_id(&self) -> Option<&str> {
        Some(&self.id.value)
    }
}

/// The schemes a source's link may use: a page to read, or an address to write to.
/// Anything else (`javascript:`, `data:`, `file:`) would become a clickable link on
/// `/sources/` that runs code or opens something other than the source.
const SOURCE_URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The trimmed URL if it is an absolute http, https or mailto address.
fn checked_url(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    let Ok(parsed) = url::Url::parse(trimmed) else {
        return Err(format!("`{text}` is not an absolute URL"));
    };
    if !SOURCE_URL_SCHEMES.contains(&parsed.scheme()) {
        return Err(format!(
            "`{text}` uses the `{}:` scheme; a source's url must be an http, https or mailto address",
            parsed.scheme()
        ));
    }
    if parsed.scheme() != "mailto" && parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{text}` names no host"));
    }
    Ok(trimmed.to_string())
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: SourceId,
    pub at: Location,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    pub url: Option<String>,
    pub archive_url: Option<String>,
    pub accessed: Option<PartialDate>,
}

pub(crate) fn from_raw(
    raw: RawSource,
    yaml: &YamlSource<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Source> {
    if raw.title.value.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(
                yaml.location_of(&raw.title),
                format!("the source `{}` has an empty title", raw.id.value.trim()),
            )
            .with_hint("write the title of the article or document"),
        );
        return None;
    }
    let publisher = raw.publisher.filter(|p| !p.trim().is_empty());
    if publisher.is_none() && raw.url.as_ref().is_none_or(|u| u.value.trim().is_empty()) {
        diagnostics.push(
            Diagnostic::error(
                yaml.location_of(&raw.id),
                format!(
                    "the source `{}` does not say where it can be found: it has neither `url:` nor `publisher:`",
                    raw.id.value.trim()
                ),
            )
            .with_hint(
                "add `url: https://...` with its web address, or `publisher: <who published it>` \
                 for a document that is not online",
            ),
        );
        return None;
    }
    let url = raw.url.and_then(|url| match checked_url(&url.value) {
        Ok(url) => Some(url),
        Err(message) => {
            diagnostics.push(Diagnostic::error(yaml.location_of(&url), message).with_hint(
                "write the full web address, starting with https:// (or mailto: for an email address)",
            ));
            None
        }
    });
    let archive_url = raw.archive_url.and_then(|archive| {
        match checked_url(&archive.value).and_then(|url| {
            if url.starts_with("mailto:") {
                Err(format!("`{}` is an email address, not an archived copy", archive.value))
            } else {
                Ok(url)
            }
        }) {
            Ok(url) => Some(url),
            Err(message) => {
                diagnostics.push(
                    Diagnostic::error(yaml.location_of(&archive), format!("archive_url: {message}"))
                        .with_hint("write the full web address of the archived copy, e.g. https://web.archive.org/web/2024/https://example.com/article"),
                );
                None
            }
        }
    });
    Some(Source {
        id: SourceId::new(raw.id.value.trim()),
        at: yaml.location_of(&raw.id),
        title: crate::markdown::smart_punctuation(&raw.title.value),
        publisher: publisher.map(|p| crate::markdown::smart_punctuation(&p)),
        date: raw.date,
        url,
        archive_url,
        accessed: raw.accessed,
    })
}

#[cfg(test)]
mod tests {
    use super::checked_url;

    #[test]
    fn web_and_mail_addresses_are_accepted() {
        assert_eq!(
            checked_url(" https://example.com/a ").as_deref(),
            Ok("https://example.com/a")
        );
        assert!(checked_url("http://example.com").is_ok());
        assert!(checked_url("mailto:desk@example.com").is_ok());
    }

    #[test]
    fn other_schemes_and_relative_addresses_are_refused() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "/sources/x",
            "example.com/page",
            "https://",
        ] {
            assert!(checked_url(url).is_err(), "{url}");
        }
        assert!(
            checked_url("javascript:alert(1)")
                .unwrap_err()
                .contains("`javascript:` scheme")
        );
    }
}
