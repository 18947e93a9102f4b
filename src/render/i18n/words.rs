//! Words the build writes itself rather than a template: actor kinds, relation labels,
//! the kind line of a link preview, the captions and titles of charts, graphs and maps.
//! They come from the same strings files as `t()` (under `words.` and `relation.`), so
//! a Korean or Persian edition says them in its own language.
//!
//! Every key the build uses is checked when the renderer starts ([`Words::check`]): a
//! missing one is a build error naming the key and the file, as for a template's `t()`.
//! After that check a lookup cannot fail; should it, the key itself is printed rather
//! than stopping half-way through a page.

use std::sync::Arc;

use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Location};
use crate::error::Result;
use crate::site::{Direction, RelationEdge, Site};

use super::{Catalog, formats};

/// The keys the build looks up itself, each with `{name}`s it fills in.
const KEYS: &[&str] = &[
    "words.actor_kind.state",
    "words.actor_kind.organization",
    "words.actor_kind.person",
    "words.actor_kind.group",
    "words.preview.actor",
    "words.preview.story",
    "words.preview.event",
    "words.preview.place",
    "words.preview.source",
    "words.map.title",
    "words.map.one",
    "words.map.many",
    "words.map.every_place",
    "words.map.these_events",
    "words.map.this_story",
    "words.map.of_actor",
    "words.chart.latest",
    "words.chart.latest_disputed",
    "words.chart.as_of",
    "words.chart.as_of_disputed",
    "words.chart.disputed_mark",
    "words.chart.history",
    "words.chart.history_title",
    "words.chart.then",
    "words.chart.disputed",
    "words.chart.disputed_item",
    "words.chart.disputed_title",
    "words.chart.baseline",
    "words.chart.baseline_note",
    "words.chart.on_day",
    "words.chart.in_period",
    "words.chart.units",
    "words.chart.unknown_actor",
    "words.graph.all_title",
    "words.graph.all_caption",
    "words.graph.actor_title",
    "words.graph.actor_caption",
    "citation.story",
    "citation.home",
    "citation.page",
    "citation.actor",
    "citation.event",
    "citation.quote",
    "citation.figure",
];

/// One edition's words, for the code that writes text outside templates.
#[derive(Clone)]
pub(crate) struct Words {
    catalog: Arc<Catalog>,
    language: String,
}

impl Words {
    pub(crate) fn new(catalog: Arc<Catalog>, language: &str) -> Words {
        Words {
            catalog,
            language: language.to_string(),
        }
    }

    /// Fails naming the first key the edition's strings file lacks: every key in
    /// [`KEYS`] and, outside English, a label for each relation kind the site uses.
    pub(crate) fn check(&self, site: &Site) -> Result<()> {
        let mut keys: Vec<String> = KEYS.iter().map(|k| k.to_string()).collect();
        if !self.english_labels_suffice() {
            for links in &site.actor_links {
                for edge in &links.relations {
                    keys.push(relation_key(&edge.kind, edge.direction));
                }
            }
            // Named in a steady order: a kind's own label before its inverse.
            keys.sort();
            keys.dedup();
        }
        for key in keys {
            if let Err(message) = self.catalog.message(&self.language, &key, None) {
                let file = self.catalog.file_of(&self.language);
                return Err(super::invalid(
                    Diagnostic::error(
                        Location::file(&file),
                        format!("{message} (the build writes it itself)"),
                    )
                    .with_hint(format!("add `{key}` to {}", file.display())),
                ));
            }
        }
        Ok(())
    }

    /// Whether a relation kind without a string of its own may read as its English
    /// label: in English, and in a one-language site whose language has no strings file.
    fn english_labels_suffice(&self) -> bool {
        self.language == "en" || self.catalog.is_english_fallback(&self.language)
    }

    /// The message of `key`, `{name}`s replaced by `args`.
    pub(crate) fn say(&self, key: &str, args: &[(&str, &str)]) -> String {
        let text = self
            .catalog
            .message(&self.language, key, None)
            .unwrap_or_else(|_| key.to_string());
        fill(text, args)
    }

    /// The plural form of `key` for `count`, `{count}` written in the language's digits.
    pub(crate) fn count(&self, key: &str, count: usize, args: &[(&str, &str)]) -> String {
        let text = self
            .catalog
            .message(&self.language, key, Some(count as f64))
            .unwrap_or_else(|_| key.to_string());
        let text = text.replace("{count}", &self.number(count as f64));
        fill(text, args)
    }

    /// The edition's language code.
    pub(crate) fn language(&self) -> &str {
        &self.language
    }

    /// A number with the language's digits and separators.
    pub(crate) fn number(&self, value: f64) -> String {
        formats::format_number(value, &self.language)
    }

    /// A date as the language writes it.
    pub(crate) fn date(&self, date: PartialDate) -> String {
        formats::format_date(date, &self.language)
    }

    /// What an actor kind is called: "State", "국가".
    pub(crate) fn actor_kind(&self, kind: crate::content::ActorKind) -> String {
        let key = match kind {
            crate::content::ActorKind::State => "words.actor_kind.state",
            crate::content::ActorKind::Organization => "words.actor_kind.organization",
            crate::content::ActorKind::Person => "words.actor_kind.person",
            crate::content::ActorKind::Group => "words.actor_kind.group",
        };
        self.say(key, &[])
    }

    /// How a relation reads from one end: `relation.<kind>` written in this actor's
    /// file, `relation_from.<kind>` seen from the other; English falls back to the label
    /// made from the kind's name.
    pub(crate) fn relation(&self, edge: &RelationEdge) -> String {
        let key = relation_key(&edge.kind, edge.direction);
        match self.catalog.message(&self.language, &key, None) {
            Ok(text) => text,
            Err(_) => edge.label(),
        }
    }

    /// The label of a relation drawn as an arrow, read from its start.
    pub(crate) fn relation_outgoing(&self, kind: &str) -> String {
        self.relation(&RelationEdge {
            other: 0,
            kind: kind.to_string(),
            direction: Direction::Outgoing,
        })
    }

    /// Whether the language writes numbers as English does, so drawings keep their digits.
    pub(crate) fn numbers_as_english(&self) -> bool {
        self.number(1234567.5) == "1,234,567.5"
    }

    /// Whether the language runs right to left.
    pub(crate) fn right_to_left(&self) -> bool {
        crate::config::Language::single(&self.language).dir == crate::config::TextDirection::Rtl
    }
}

fn relation_key(kind: &str, direction: Direction) -> String {
    match direction {
        Direction::Outgoing => format!("relation.{kind}"),
        Direction::Incoming => format!("relation_from.{kind}"),
    }
}

fn fill(mut text: String, args: &[(&str, &str)]) -> String {
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
