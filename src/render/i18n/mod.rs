//! Interface strings: the words the theme's templates print ("Published", "Actors in
//! this story"), read from `i18n/<language>.yaml` of the theme and drawn by the template
//! function `t(key="story.published")`. Keys may be written flat (`story.published: …`)
//! or nested (`story: {published: …}`). A value may hold plural forms (`{one: …, other:
//! …}`), chosen by `t(key=…, count=n)`. `{count}` and any other `{name}` given to `t`
//! are filled in. Dates and numbers in each language's convention are in [`formats`].
//!
//! Layers, as for templates: the built-in theme's files, then the theme's, then the site's
//! own `i18n/` folder, each key of a later file replacing the earlier. A site in one
//! language whose language has no file keeps the English strings, as before; a language
//! declared in `languages:` must have its file, and a key missing from it is an error.

mod folding;
pub(crate) mod formats;
mod words;

pub(crate) use folding::fold_messages;

pub(crate) use words::Words;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::render::embedded_theme;

/// The folder interface strings are in, inside a theme or the site.
pub const I18N_DIR: &str = "i18n";

/// One string: the same in every count, or by CLDR plural category.
#[derive(Debug, Clone)]
enum Message {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

/// One language's interface strings.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Hashed rather than ordered: `t()` looks a key up for every label of every page.
    messages: FxHashMap<String, Message>,
    /// The file named in messages about a missing key: the most specific file for the
    /// language, or where the theme's would be.
    file: PathBuf,
}

/// Every declared language's strings, for one build.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    by_language: BTreeMap<String, Strings>,
    /// Languages with no strings file of their own, which read the English strings.
    english_fallback: std::collections::BTreeSet<String>,
}

impl Catalog {
    /// Reads the strings of `languages` for the theme `theme_name`; `required` is true for
    /// a site in several languages, whose every language must have a file.
    pub fn load(
        root: &Path,
        theme_name: &str,
        languages: &[String],
        required: bool,
    ) -> Result<Catalog> {
        let mut catalog = Catalog::default();
        for code in languages {
            let theme_file = Path::new(super::THEMES_DIR)
                .join(theme_name)
                .join(I18N_DIR)
                .join(format!("{code}.yaml"));
            let site_file = Path::new(I18N_DIR).join(format!("{code}.yaml"));
            let mut strings = Strings {
                file: theme_file.clone(),
                ..Strings::default()
            };
            let mut found = false;
            let built_in = format!("{I18N_DIR}/{code}.yaml");
            if let Some(file) = embedded_theme::files()
                .into_iter()
                .find(|file| file.path == built_in)
            {
                let text = String::from_utf8_lossy(file.contents);
                strings.merge(&theme_file, &text)?;
                found = true;
            }
            for file in [&theme_file, &site_file] {
                let absolute = root.join(file);
                if absolute.is_file() {
                    let text = String::from_utf8_lossy(&crate::fs::read(&absolute)?).into_owned();
                    strings.merge(file, &text)?;
                    strings.file = file.clone();
                    found = true;
                }
            }
            if !found {
                if required {
                    return Err(invalid(
                        Diagnostic::error(
                            Location::file(&theme_file),
                            format!("the theme has no interface strings for the language `{code}`"),
                        )
                        .with_hint(format!(
                            "copy themes/default/i18n/en.yaml to {} and translate its values",
                            theme_file.display()
                        )),
                    ));
                }
                // One language without its own file: the interface stays in English.
                let english = catalog_english(root, theme_name)?;
                catalog.by_language.insert(code.clone(), english);
                catalog.english_fallback.insert(code.clone());
                continue;
            }
            catalog.by_language.insert(code.clone(), strings);
        }
        Ok(catalog)
    }

    /// The file a message missing in `language` should be added to.
    pub(crate) fn file_of(&self, language: &str) -> PathBuf {
        self.by_language
            .get(language)
            .map(|strings| strings.file.clone())
            .unwrap_or_default()
    }

    /// Whether `language` has no strings file and reads the English ones.
    pub(crate) fn is_english_fallback(&self, language: &str) -> bool {
        self.english_fallback.contains(language)
    }

    /// The message of `key` in `language` when it is one text, not plural forms.
    pub(crate) fn plain_message(&self, language: &str, key: &str) -> Option<&str> {
        match self.by_language.get(language)?.messages.get(key)? {
            Message::Plain(text) => Some(text),
            Message::Plural(_) => None,
        }
    }

    /// A catalog of one language read from `yaml`, for tests.
    #[cfg(test)]
    pub(crate) fn from_strings(language: &str, yaml: &str) -> Catalog {
        let mut strings = Strings::default();
        strings
            .merge(Path::new("test.yaml"), yaml)
            .expect("test strings parse");
        let mut catalog = Catalog::default();
        catalog.by_language.insert(language.to_string(), strings);
        catalog
    }

    /// The message of `key` in `language`, its plural form chosen by `count`.
    pub fn message(
        &self,
        language: &str,
        key: &str,
        count: Option<f64>,
    ) -> std::result::Result<String, String> {
        let Some(strings) = self.by_language.get(language) else {
            return Err(format!(
                "`{language}` is not one of the site's languages, so `t` has no strings for it"
            ));
        };
        let missing = || {
            format!(
                "the interface string `{key}` is missing from {}",
                strings.file.display()
            )
        };
        match strings.messages.get(key) {
            None => Err(missing()),
            Some(Message::Plain(text)) => Ok(text.clone()),
            Some(Message::Plural(forms)) => {
                let category = formats::plural_category(language, count.unwrap_or(0.0));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .cloned()
                    .ok_or_else(|| format!("{} (its `other` form)", missing()))
            }
        }
    }
}

/// The English strings, for a language with no file of its own.
fn catalog_english(root: &Path, theme_name: &str) -> Result<Strings> {
    let catalog = Catalog::load(root, theme_name, &["en".to_string()], false)?;
    Ok(catalog.by_language.get("en").cloned().unwrap_or_default())
}

impl Strings {
    /// Adds the keys of one file, replacing those already read.
    fn merge(&mut self, file: &Path, text: &str) -> Result<()> {
        let source = crate::yaml::YamlSource {
            path: file,
            text,
            line_offset: 0,
        };
        let tree: Value = if text.trim().is_empty() {
            Value::Object(Default::default())
        } else {
            source.parse().map_err(|d| {
                let mut all = Diagnostics::default();
                all.push(d);
                Error::Invalid(all)
            })?
        };
        let Value::Object(map) = tree else {
            return Err(invalid(Diagnostic::error(
                Location::file(file),
                "an interface strings file must map keys to strings",
            )));
        };
        flatten(file, "", &map, &mut self.messages)
    }
}

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Keys joined by dots; a map whose keys are all plural categories is one plural message.
fn flatten(
    file: &Path,
    prefix: &str,
    map: &serde_json::Map<String, Value>,
    messages: &mut FxHashMap<String, Message>,
) -> Result<()> {
    for (key, value) in map {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::String(text) => {
                messages.insert(full, Message::Plain(text.clone()));
            }
            Value::Number(number) => {
                messages.insert(full, Message::Plain(number.to_string()));
            }
            Value::Object(inner)
                if !inner.is_empty()
                    && inner
                        .keys()
                        .all(|k| PLURAL_CATEGORIES.contains(&k.as_str()))
                    && inner.values().all(Value::is_string) =>
            {
                let forms = inner
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect();
                messages.insert(full, Message::Plural(forms));
            }
            Value::Object(inner) => flatten(file, &full, inner, messages)?,
            _ => {
                return Err(invalid(Diagnostic::error(
                    Location::file(file),
                    format!("the interface string `{full}` is not text"),
                )));
            }
        }
    }
    Ok(())
}

fn invalid(diagnostic: Diagnostic) -> Error {
    let mut all = Diagnostics::default();
    all.push(diagnostic);
    Error::Invalid(all)
}

/// Registers `t(key=…, count=…, lang=…)`: the interface string `key` in the page's
/// language (or `lang`), with `{count}` and every other `{name}` argument filled in.
pub(crate) fn register(tera: &mut tera::Tera, catalog: Arc<Catalog>, language: String) {
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let lang: Option<&str> = kwargs.get("lang")?;
            let lang = lang.unwrap_or(&language);
            let count = kwargs.get::<&tera::Value>("count")?.and_then(|v| {
                v.as_number().map(|n| match n {
                    tera::Number::Integer(i) => i as f64,
                    tera::Number::Float(f) => f,
                    _ => 0.0,
                })
            });
            let mut text = catalog
                .message(lang, key, count)
                .map_err(tera::Error::message)?;
            if let Some(count) = count {
                text = text.replace("{count}", &formats::format_number(count, lang));
            }
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str() else { continue };
                if matches!(name, "key" | "lang" | "count") {
                    continue;
                }
                let value = match value.as_str() {
                    Some(text) => text.to_string(),
                    None => value.to_string(),
                };
                text = text.replace(&format!("{{{name}}}"), &value);
            }
            Ok(text)
        },
    );
}
