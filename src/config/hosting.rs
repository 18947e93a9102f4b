//! `hosting:` in site.yaml: which files a build writes for static hosts, and how.

use serde::Deserialize;

use crate::yaml::Spanned;

/// `hosting:` as written; every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHosting {
    hashed_assets: Option<bool>,
    headers: Option<bool>,
    redirects: Option<bool>,
    nojekyll: Option<bool>,
    nginx: Option<bool>,
    precompress: Option<bool>,
    pub(super) content_security_policy: Option<Spanned<String>>,
}

/// The site's hosting settings, with their defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostingSettings {
    /// Styles, scripts, images and fonts get a copy named after their bytes
    /// (`style.<hash>.css`), which pages link. Default: on.
    pub hashed_assets: bool,
    /// Write `_headers` (Netlify, Cloudflare Pages). Default: on.
    pub headers: bool,
    /// Write `_redirects` from the aliases. Default: on.
    pub redirects: bool,
    /// Write `.nojekyll` (GitHub Pages) where the output has none. Default: off, as a
    /// deploy checkout usually brings its own.
    pub nojekyll: bool,
    /// Write `_nginx.conf`, a snippet for an nginx server block. Default: on.
    pub nginx: bool,
    /// Write a `.gz` copy beside each HTML, CSS, JS, SVG, XML and JSON file. Default: off.
    pub precompress: bool,
    /// The Content-Security-Policy of `_headers` and the nginx snippet; None for
    /// the one the default theme satisfies.
    pub content_security_policy: Option<String>,
}

impl Default for HostingSettings {
    fn default() -> Self {
        HostingSettings {
            hashed_assets: true,
            headers: true,
            redirects: true,
            nojekyll: false,
            nginx: true,
            precompress: false,
            content_security_policy: None,
        }
    }
}

impl HostingSettings {
    pub(super) fn from_raw(raw: RawHosting) -> HostingSettings {
        let defaults = HostingSettings::default();
        HostingSettings {
            hashed_assets: raw.hashed_assets.unwrap_or(defaults.hashed_assets),
            headers: raw.headers.unwrap_or(defaults.headers),
            redirects: raw.redirects.unwrap_or(defaults.redirects),
            nojekyll: raw.nojekyll.unwrap_or(defaults.nojekyll),
            nginx: raw.nginx.unwrap_or(defaults.nginx),
            precompress: raw.precompress.unwrap_or(defaults.precompress),
            content_security_policy: raw.content_security_policy.map(|csp| csp.value),
        }
    }
}

/// What is wrong with a Content-Security-Policy for the files it goes into: one line of
/// `_headers`, one quoted nginx string (where `$` would start a variable).
pub(super) fn policy_problem(policy: &str) -> Option<&'static str> {
    if policy.trim().is_empty() {
        Some("the content_security_policy is empty")
    } else if policy.contains(['\n', '\r']) {
        Some("the content_security_policy must be one line")
    } else if policy.contains(['"', '$', '\\']) {
        Some("the content_security_policy may not hold `\"`, `$` or `\\`")
    } else {
        None
    }
}
