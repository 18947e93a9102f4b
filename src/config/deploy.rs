//! `deploy:` in site.yaml: where `flashpoint deploy` publishes the built site. Only places
//! and regions live here; credentials come from each provider's own environment variables
//! and files, so that site.yaml can be committed and shared.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::yaml::{Spanned, YamlSource};

/// The URL schemes a target may use.
const SCHEMES: &[&str] = &["s3", "gs", "az", "file"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeploy {
    #[serde(default)]
    targets: Vec<RawTarget>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    name: Spanned<String>,
    url: Spanned<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    endpoint: Option<Spanned<String>>,
}

/// One place the site can be deployed to, checked for shape but not contacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployTarget {
    pub name: String,
    /// `s3://bucket/prefix`, `gs://bucket/prefix`, `az://container/prefix` or `file:///path`.
    pub url: url::Url,
    /// The S3 region; when missing, `AWS_REGION` or `us-east-1`.
    pub region: Option<String>,
    /// The address of an S3-compatible store (R2, MinIO, a local test server).
    pub endpoint: Option<url::Url>,
    /// Where `url` is written in site.yaml, for errors about the target.
    pub at: Location,
}

/// The targets of `deploy:`, or every problem with them, each at its place in site.yaml.
pub(super) fn checked_targets(
    source: &YamlSource<'_>,
    raw: Option<RawDeploy>,
) -> Result<Vec<DeployTarget>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut targets = Vec::new();
    let mut names = BTreeSet::new();
    for target in raw.map(|raw| raw.targets).unwrap_or_default() {
        let name = target.name.value.trim().to_string();
        if name.is_empty() {
            problems.push(Diagnostic::error(
                source.location_of(&target.name),
                "the deploy target's name is empty",
            ));
        } else if !names.insert(name.clone()) {
            problems.push(
                Diagnostic::error(
                    source.location_of(&target.name),
                    format!("a second deploy target is named `{name}`"),
                )
                .with_hint("give each target its own name; `--target NAME` picks one"),
            );
        }
        let at = source.location_of(&target.url);
        let url = match checked_url(&target.url.value) {
            Ok(url) => Some(url),
            Err(message) => {
                problems.push(Diagnostic::error(at.clone(), message).with_hint(
                    "e.g. url: s3://bucket/prefix, gs://bucket, az://container or file:///srv/site",
                ));
                None
            }
        };
        let endpoint = match &target.endpoint {
            None => None,
            Some(endpoint) => match checked_endpoint(&endpoint.value) {
                Ok(parsed) => Some(parsed),
                Err(message) => {
                    problems.push(
                        Diagnostic::error(source.location_of(endpoint), message)
                            .with_hint("e.g. endpoint: https://ACCOUNT.r2.cloudflarestorage.com"),
                    );
                    None
                }
            },
        };
        if let Some(url) = url {
            targets.push(DeployTarget {
                name,
                url,
                region: target.region,
                endpoint,
                at,
            });
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(targets)
    }
}

fn checked_url(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text.trim())
        .map_err(|e| format!("the deploy url `{text}` is not a URL: {e}"))?;
    if !SCHEMES.contains(&url.scheme()) {
        return Err(format!(
            "the deploy url `{text}` has the scheme `{}`; use s3://, gs://, az:// or file://",
            url.scheme()
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "the deploy url `{text}` must not have a query or fragment"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "the deploy url holds credentials; give them in the environment instead".to_string(),
        );
    }
    if url.scheme() == "file" {
        if url.host_str().is_some_and(|host| !host.is_empty()) {
            return Err(format!(
                "the deploy url `{text}` names a host; write file:///absolute/path"
            ));
        }
    } else if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("the deploy url `{text}` names no bucket"));
    }
    if url.path().split('/').any(|part| part == "..") {
        return Err(format!("the deploy url `{text}` holds `..`"));
    }
    Ok(url)
}

fn checked_endpoint(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text.trim())
        .map_err(|e| format!("the endpoint `{text}` is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "the endpoint `{text}` must be an http:// or https:// address"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "the endpoint holds credentials; give them in the environment instead".to_string(),
        );
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_urls_and_absolute_file_urls_are_accepted() {
        assert!(checked_url("s3://bucket/site/prefix").is_ok());
        assert!(checked_url("gs://bucket").is_ok());
        assert!(checked_url("file:///srv/site").is_ok());
    }

    #[test]
    fn other_schemes_missing_buckets_and_embedded_secrets_are_refused() {
        assert!(
            checked_url("https://bucket/x")
                .unwrap_err()
                .contains("scheme")
        );
        assert!(
            checked_url("s3:///prefix")
                .unwrap_err()
                .contains("no bucket")
        );
        let secret = checked_url("s3://key:hunter2@bucket/").unwrap_err();
        assert!(!secret.contains("hunter2"), "{secret}");
        assert!(checked_endpoint("ftp://x").is_err());
    }
}
