//! Text in data files that differs by language: `title: {en: "…", ko: "…"}`. A plain
//! string is the same in every language. The record holds the text in the default
//! language; [`Data::in_language`] makes each edition's copy of the data.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Data;

/// A text field as written: one string, or one per language code.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub(crate) enum LocalizedText {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Default for LocalizedText {
    fn default() -> Self {
        LocalizedText::Plain(String::new())
    }
}

impl LocalizedText {
    /// The text until an edition is chosen: the plain string, or the first language's.
    pub fn text(&self) -> String {
        match self {
            LocalizedText::Plain(text) => text.clone(),
            LocalizedText::ByLanguage(texts) => texts.values().next().cloned().unwrap_or_default(),
        }
    }

    /// Records `field`'s texts by language in `translations`, when there is more than one.
    pub fn record(&self, field: &'static str, translations: &mut Translations) {
        self.record_as(field, translations, str::to_string);
    }

    /// [`LocalizedText::record`], each text passed through `clean` as the record's is.
    pub fn record_as(
        &self,
        field: &'static str,
        translations: &mut Translations,
        clean: impl Fn(&str) -> String,
    ) {
        if let LocalizedText::ByLanguage(texts) = self {
            let cleaned = texts.iter().map(|(l, t)| (l.clone(), clean(t))).collect();
            translations.fields.insert(field, cleaned);
        }
    }
}

/// A record's fields written per language, by field name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Translations {
    pub fields: BTreeMap<&'static str, BTreeMap<String, String>>,
}

impl Translations {
    /// The text of `field` in `language`, or in `default` when it has none there.
    fn pick(&self, field: &str, language: &str, default: &str) -> Option<String> {
        let texts = self.fields.get(field)?;
        texts
            .get(language)
            .or_else(|| texts.get(default))
            .or_else(|| texts.values().next())
            .cloned()
    }

    /// Sets every field written per language to its text in `language`.
    fn apply(&self, language: &str, default: &str, mut set: impl FnMut(&str, String)) {
        for field in self.fields.keys() {
            if let Some(text) = self.pick(field, language, default) {
                set(field, text);
            }
        }
    }
}

impl Data {
    /// The data as the edition in `language` shows it; `default` is the site's first
    /// language, whose text stands in where a field has none in `language`.
    pub fn in_language(&self, language: &str, default: &str) -> Data {
        let mut data = self.clone();
        for event in &mut data.events {
            let translations = std::mem::take(&mut event.translations);
            translations.apply(language, default, |field, text| {
                if field == "title" {
                    event.title = text;
                }
            });
            event.translations = translations;
        }
        for quote in &mut data.quotes {
            let translations = std::mem::take(&mut quote.translations);
            translations.apply(language, default, |field, text| match field {
                "text" => quote.text = text,
                "context" => quote.context = Some(text),
                _ => {}
            });
            quote.translations = translations;
        }
        for figure in &mut data.forces {
            let translations = std::mem::take(&mut figure.translations);
            translations.apply(language, default, |field, text| match field {
                "measure" => figure.measure_text = text,
                "unit" => figure.unit = text,
                "note" => figure.note = Some(text),
                _ => {}
            });
            figure.translations = translations;
        }
        for place in &mut data.places {
            let translations = std::mem::take(&mut place.translations);
            translations.apply(language, default, |field, text| {
                if field == "summary" {
                    place.summary = text;
                }
            });
            place.translations = translations;
        }
        data
    }
}
