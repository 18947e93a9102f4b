//! Records that were written but not read, because a field of theirs is wrong. Their
//! mistake is reported once, where it is; references to them are not reported again as
//! unknown ids, and warnings that would need them ("nothing cites the source") are held
//! back until the mistake is fixed.

use std::collections::HashSet;

/// The ids of one kind of record that were dropped.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DroppedIds {
    /// Every record of the kind is unknown: its whole file could not be read.
    pub whole_file: bool,
    pub ids: HashSet<String>,
    /// Records dropped whatever their id (some have none, or it could not be read).
    pub count: usize,
}

impl DroppedIds {
    /// Whether a reference to `id` may name a record that was dropped.
    pub fn may_hold(&self, id: &str) -> bool {
        self.whole_file || self.ids.contains(id.trim())
    }

    /// Whether any record of the kind was dropped.
    pub fn any(&self) -> bool {
        self.whole_file || self.count > 0
    }

    pub(crate) fn record(&mut self, id: Option<&str>) {
        self.count += 1;
        if let Some(id) = id {
            self.ids.insert(id.trim().to_string());
        }
    }

    pub(crate) fn merge(&mut self, other: DroppedIds) {
        self.whole_file |= other.whole_file;
        self.ids.extend(other.ids);
        self.count += other.count;
    }
}

/// Every kind of record that was dropped in one load.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub actors: DroppedIds,
    pub stories: DroppedIds,
    pub pages: DroppedIds,
    pub events: DroppedIds,
    pub figures: DroppedIds,
    pub quotes: DroppedIds,
    pub sources: DroppedIds,
    pub places: DroppedIds,
    pub authors: DroppedIds,
}

impl Dropped {
    pub(crate) fn merge(&mut self, other: Dropped) {
        self.actors.merge(other.actors);
        self.stories.merge(other.stories);
        self.pages.merge(other.pages);
        self.authors.merge(other.authors);
        self.events.merge(other.events);
        self.figures.merge(other.figures);
        self.quotes.merge(other.quotes);
        self.sources.merge(other.sources);
        self.places.merge(other.places);
    }

    /// Whether something that could name an actor or cite a source was dropped, so that
    /// "nobody names this" warnings cannot be trusted.
    pub fn any_citer(&self) -> bool {
        self.stories.any()
            || self.pages.any()
            || self.actors.any()
            || self.events.any()
            || self.figures.any()
            || self.quotes.any()
    }
}
