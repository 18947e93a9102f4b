//! `site.yaml`: the settings of one explainer.

mod deploy;
mod hosting;
mod language_tag;
mod languages;
mod paginate;
mod site_text;

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::error::{Error, Result};
use crate::fs;
use crate::yaml::{Spanned, YamlSource};

pub use deploy::DeployTarget;
pub use hosting::HostingSettings;
pub use languages::{Language, TextDirection};
pub use site_text::SiteText;

pub const CONFIG_FILE: &str = "site.yaml";

/// How a quote, event or force figure without a source is reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnsourcedLevel {
    #[default]
    Error,
    Warning,
}

impl UnsourcedLevel {
    pub fn severity(self) -> Severity {
        match self {
            UnsourcedLevel::Error => Severity::Error,
            UnsourcedLevel::Warning => Severity::Warning,
        }
    }
}

/// `social_cards:` in site.yaml: what a story without a lead image shares as its picture.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SocialCards {
    /// A 1200×630 PNG card drawn at build time with the story's title, the explainer's
    /// name and the date.
    #[default]
    Drawn,
    /// No picture: such stories share as a plain link (`twitter:card=summary`). Drawing
    /// a card costs a few milliseconds of CPU per story on a cold build (kept in the build
    /// cache afterwards), which an archive of tens of thousands of stories may not want.
    None,
}

/// What the search index holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchMode {
    /// Every word of every story, actor profile, event and quote.
    #[default]
    Full,
    /// Titles, summaries, headings, events and quotes: a fraction of the time and
    /// memory on very large sites.
    Summaries,
    /// No index and no search page.
    Off,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// A string, or one per language: `{en: "…", ko: "…"}`.
    title: Spanned<site_text::RawSiteText>,
    #[serde(default)]
    description: Option<Spanned<site_text::RawSiteText>>,
    base_url: Spanned<String>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    /// The editions, the default first; see `docs/languages.md`.
    #[serde(default)]
    languages: Option<Spanned<Vec<languages::RawLanguage>>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    copyright: Option<String>,
    #[serde(default)]
    unsourced_claims: UnsourcedLevel,
    #[serde(default)]
    search: SearchMode,
    #[serde(default)]
    social_cards: SocialCards,
    #[serde(default)]
    paginate: Option<Spanned<paginate::RawPaginate>>,
    #[serde(default)]
    markdown: MarkdownSettings,
    #[serde(default)]
    hosting: hosting::RawHosting,
    deploy: Option<deploy::RawDeploy>,
}

/// `markdown:` in site.yaml: how editors' Markdown may reach the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    /// HTML written in Markdown passes through as is (true, with a warning) or is shown
    /// as text (false), for sites whose editors should not add scripts or embeds.
    #[serde(default = "raw_html_allowed")]
    pub raw_html: bool,
}

impl Default for MarkdownSettings {
    fn default() -> Self {
        MarkdownSettings {
            raw_html: raw_html_allowed(),
        }
    }
}

fn raw_html_allowed() -> bool {
    true
}

fn default_language() -> String {
    "en".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

/// The site's settings, after command-line overrides.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The site's folder, holding site.yaml.
    pub root: std::path::PathBuf,
    /// The title of the edition being built; every edition's is in `titles`.
    pub title: String,
    /// The description of the edition being built; every edition's is in `descriptions`.
    pub description: String,
    pub titles: SiteText,
    pub descriptions: SiteText,
    pub base_url: BaseUrl,
    /// The language of the edition being built (the default one, unless the site
    /// model is one of the other editions).
    pub language: String,
    /// Every edition's language, the default first; one entry for a site that declares
    /// only `language:`.
    pub languages: Vec<Language>,
    pub theme: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub copyright: Option<String>,
    pub unsourced_claims: UnsourcedLevel,
    pub search: SearchMode,
    pub social_cards: SocialCards,
    /// `paginate:`: how many stories a page of the home page's or a tag's list shows
    /// before the rest go to `page/2/`, `page/3/` …; 0 for one page however long.
    pub paginate: usize,
    pub markdown: MarkdownSettings,
    /// Set by the build (`--relative`), never by site.yaml.
    pub links: LinkStyle,
    /// `hosting:`: the files written for static hosts.
    pub hosting: HostingSettings,
    /// `deploy: targets:`, in the order written.
    pub deploy_targets: Vec<DeployTarget>,
}

/// How the pages of one build link to each other and to the site's files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkStyle {
    /// `/explainer/stories/x/`: the site's own path on its web server.
    #[default]
    RootRelative,
    /// `../../stories/x/index.html`: from each file to the other, so that the folder works
    /// opened from disk or unpacked from an archive, where there is no server to find a
    /// folder's index or the site's root.
    Relative,
}

/// Where the site is published: an absolute http(s) URL whose path may be a sub-folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org` with no trailing slash.
    origin: String,
    /// `/` or `/explainer/`: always starts and ends with a slash.
    path: String,
}

impl SiteConfig {
    /// The configuration of the edition in `language`: its language, title and
    /// description.
    pub fn for_edition(&self, language: &str) -> SiteConfig {
        let mut config = self.clone();
        config.language = language.to_string();
        config.title = self.titles.in_language(language).to_string();
        config.description = self.descriptions.in_language(language).to_string();
        config
    }

    /// Whether the site has editions in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The language of the edition being built.
    pub fn edition_language(&self) -> Language {
        self.languages
            .iter()
            .find(|l| l.code == self.language)
            .cloned()
            .unwrap_or_else(|| Language::single(&self.language))
    }

    /// Where the edition being built sits under the site's root: `` for the default
    /// language, `ko/` for the others.
    pub fn edition_prefix(&self) -> String {
        match self.languages.first() {
            Some(first) if first.code != self.language => format!("{}/", self.language),
            _ => String::new(),
        }
    }
}

impl BaseUrl {
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let url =
            url::Url::parse(text.trim()).map_err(|e| format!("`{text}` is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{text}` must be an http:// or https:// address"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("`{text}` must not have a query or fragment"));
        }
        let mut path = url.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: url.origin().ascii_serialization(),
            path,
        })
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Reads `site.yaml` from the site root; `base_url_override` comes from `--base-url`.
pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<SiteConfig> {
    let path = root.join(CONFIG_FILE);
    if !path.exists() {
        return Err(invalid(
            Diagnostic::error(
                Location::file(CONFIG_FILE),
                format!("no {CONFIG_FILE} in {}", root.display()),
            )
            .with_hint("run flashpoint in the site's folder or pass --root DIR"),
        ));
    }
    let bytes = fs::read(&path)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        invalid(Diagnostic::error(
            Location::file(CONFIG_FILE),
            "site.yaml is not valid UTF-8",
        ))
    })?;
    let source = YamlSource {
        path: Path::new(CONFIG_FILE),
        text: &text,
        line_offset: 0,
    };
    let raw: RawConfig = source.parse().map_err(invalid)?;
    let base_url = match base_url_override {
        Some(text) => BaseUrl::parse(text).map_err(|message| {
            invalid(Diagnostic::error(
                Location::file(CONFIG_FILE),
                format!("--base-url: {message}"),
            ))
        })?,
        None => BaseUrl::parse(&raw.base_url.value).map_err(|message| {
            invalid(
                Diagnostic::error(source.location_of(&raw.base_url), message)
                    .with_hint("e.g. base_url: https://example.org/explainer/"),
            )
        })?,
    };
    let (language, languages) = match raw.languages {
        None => {
            let language = checked_language(&source, raw.language)?;
            let single = Language::single(&language);
            (language, vec![single])
        }
        Some(declared) => {
            let at = source.location_of(&declared);
            let languages =
                languages::checked_languages(&source, declared.value).map_err(invalid)?;
            let Some(first) = languages.first() else {
                return Err(invalid(Diagnostic::error(at, "`languages:` is empty").with_hint(
                    "list the languages, the default first: languages: [{code: en, name: English}]",
                )));
            };
            if let Some(single) = &raw.language
                && single.value.trim() != first.code
            {
                return Err(invalid(
                    Diagnostic::error(
                        source.location_of(single),
                        format!(
                            "`language: {}` differs from the first of `languages:` ({})",
                            single.value, first.code
                        ),
                    )
                    .with_hint("remove `language:`: the first of `languages:` is the default"),
                ));
            }
            (first.code.clone(), languages)
        }
    };
    let theme = checked_theme(&source, raw.theme)?;
    if let Some(policy) = &raw.hosting.content_security_policy
        && let Some(message) = hosting::policy_problem(&policy.value)
    {
        return Err(invalid(Diagnostic::error(
            source.location_of(policy),
            message,
        )));
    }
    let paginate = paginate::checked(&source, raw.paginate).map_err(invalid)?;
    let deploy_targets = deploy::checked_targets(&source, raw.deploy).map_err(Error::Invalid)?;
    let titles = site_text::checked(&source, "title", raw.title, &languages).map_err(invalid)?;
    let descriptions = match raw.description {
        Some(description) => {
            site_text::checked(&source, "description", description, &languages).map_err(invalid)?
        }
        None => SiteText::default(),
    };
    Ok(SiteConfig {
        root: root.to_path_buf(),
        title: titles.in_language(&language).to_string(),
        description: descriptions.in_language(&language).to_string(),
        titles,
        descriptions,
        base_url,
        language,
        languages,
        theme,
        author: raw.author,
        publisher: raw.publisher,
        copyright: raw.copyright,
        unsourced_claims: raw.unsourced_claims,
        search: raw.search,
        social_cards: raw.social_cards,
        paginate,
        markdown: raw.markdown,
        links: LinkStyle::default(),
        hosting: HostingSettings::from_raw(raw.hosting),
        deploy_targets,
    })
}

/// The `language:` value, which must be a BCP 47 tag: it becomes part of the search
/// index's file names, so anything else could write outside the output or fail the build.
fn checked_language(source: &YamlSource<'_>, language: Option<Spanned<String>>) -> Result<String> {
    let Some(language) = language else {
        return Ok(default_language());
    };
    match language_tag::problem(&language.value) {
        None => Ok(language.value),
        Some(message) => Err(invalid(
            Diagnostic::error(source.location_of(&language), message)
                .with_hint("write a language tag such as en, fr, pt-BR or zh-Hant"),
        )),
    }
}

/// The `theme:` value, which must name a folder directly in `themes/`: a path could
/// publish another folder's files.
fn checked_theme(source: &YamlSource<'_>, theme: Option<Spanned<String>>) -> Result<String> {
    let Some(theme) = theme else {
        return Ok(default_theme());
    };
    let name = theme.value.as_str();
    let problem = if name.trim().is_empty() {
        Some("the theme name is empty".to_string())
    } else if name.contains(['/', '\\', ':']) || Path::new(name).is_absolute() {
        Some(format!("the theme `{name}` is a path, not a folder name"))
    } else if name.starts_with('.') {
        Some(format!("the theme `{name}` starts with a dot"))
    } else if name.chars().any(char::is_control) {
        Some("the theme name holds a control character".to_string())
    } else {
        None
    };
    match problem {
        None => Ok(theme.value),
        Some(message) => Err(invalid(
            Diagnostic::error(source.location_of(&theme), message)
                .with_hint("name a folder in the site's themes/ folder, e.g. theme: default"),
        )),
    }
}

fn invalid(diagnostic: Diagnostic) -> Error {
    let mut all = crate::diagnostics::Diagnostics::default();
    all.push(diagnostic);
    Error::Invalid(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_a_sub_path_with_one_trailing_slash() {
        let base = BaseUrl::parse("https://example.org/explainer").unwrap();
        assert_eq!(base.origin(), "https://example.org");
        assert_eq!(base.path(), "/explainer/");
        assert_eq!(BaseUrl::parse("http://127.0.0.1:8080").unwrap().path(), "/");
    }

    #[test]
    fn base_url_must_be_http() {
        assert!(BaseUrl::parse("ftp://example.org/").is_err());
        assert!(BaseUrl::parse("example.org").is_err());
    }
}
