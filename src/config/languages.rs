//! `languages:` in site.yaml: the editions of a bilingual (or more) site. The first
//! language is the default, published at the site's root; every other one under
//! `/<code>/`. A site with only `language: xx` has one edition, as before.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::yaml::{Spanned, YamlSource};

use super::language_tag;

/// Which way a language's text runs: `<html dir>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    Ltr,
    Rtl,
}

impl TextDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }

    /// The direction of a language by its primary subtag: the scripts of these languages
    /// run right to left (Arabic, Persian, Hebrew, Urdu, Pashto, Sindhi, Kurdish in Arabic
    /// script, Yiddish, Dhivehi, Uyghur, Syriac).
    pub fn of_language(code: &str) -> TextDirection {
        const RIGHT_TO_LEFT: [&str; 14] = [
            "ar", "fa", "he", "iw", "ur", "ps", "sd", "ckb", "yi", "dv", "ug", "syr", "arc", "ks",
        ];
        let primary = code
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if RIGHT_TO_LEFT.contains(&primary.as_str())
            || code.to_ascii_lowercase().contains("-arab")
            || code.to_ascii_lowercase().contains("-hebr")
        {
            TextDirection::Rtl
        } else {
            TextDirection::Ltr
        }
    }
}

/// One language the site is published in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// A BCP 47 tag: `en`, `ko`, `fa`.
    pub code: String,
    /// How the language names itself, for the language switcher: `한국어`.
    pub name: String,
    pub dir: TextDirection,
}

impl Language {
    /// The language of a site that declares only `language:`.
    pub fn single(code: &str) -> Language {
        Language {
            code: code.to_string(),
            name: code.to_string(),
            dir: TextDirection::of_language(code),
        }
    }
}

/// One entry of `languages:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    code: Spanned<String>,
    name: String,
    #[serde(default)]
    dir: Option<TextDirection>,
}

/// The declared languages, checked: each a language tag, none twice.
pub(crate) fn checked_languages(
    source: &YamlSource<'_>,
    raw: Vec<RawLanguage>,
) -> Result<Vec<Language>, Diagnostic> {
    let mut languages: Vec<Language> = Vec::new();
    for entry in raw {
        let code = entry.code.value.trim().to_string();
        if let Some(message) = language_tag::problem(&code) {
            return Err(Diagnostic::error(source.location_of(&entry.code), message)
                .with_hint("write a language tag such as en, ko, fa or pt-BR"));
        }
        if languages.iter().any(|l| l.code.eq_ignore_ascii_case(&code)) {
            return Err(Diagnostic::error(
                source.location_of(&entry.code),
                format!("the language `{code}` is declared twice"),
            ));
        }
        languages.push(Language {
            dir: entry
                .dir
                .unwrap_or_else(|| TextDirection::of_language(&code)),
            name: entry.name,
            code,
        });
    }
    Ok(languages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_script_languages_run_right_to_left() {
        for code in ["ar", "fa", "he", "ur", "ps", "fa-IR", "ks-Arab"] {
            assert_eq!(
                TextDirection::of_language(code),
                TextDirection::Rtl,
                "{code}"
            );
        }
        for code in ["en", "ko", "fr", "zh-Hant"] {
            assert_eq!(
                TextDirection::of_language(code),
                TextDirection::Ltr,
                "{code}"
            );
        }
    }
}
