//! Which records the index holds, and in what order: their numbers in the index.

use crate::config::SearchMode;
use crate::site::Site;

/// One record of the index, by its position in `site.stories`, `site.actors`, `site.events`,
/// `site.quotes`, `site.pages` or `site.sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordRef {
    Story(usize),
    Actor(usize),
    Event(usize),
    Quote(usize),
    /// A plain page (`content/pages/`).
    Page(usize),
    /// An entry of the sources page.
    Source(usize),
}

impl RecordRef {
    /// The kind's place in the index's order of kinds (stories first).
    pub(crate) fn kind_index(self) -> usize {
        match self {
            RecordRef::Story(_) => 0,
            RecordRef::Actor(_) => 1,
            RecordRef::Event(_) => 2,
            RecordRef::Quote(_) => 3,
            RecordRef::Page(_) => 4,
            RecordRef::Source(_) => 5,
        }
    }

    /// The kind as the index names it (`entry.json`'s `kinds`, the script's filters).
    pub(crate) fn kind_name(self) -> &'static str {
        ["Story", "Actor", "Event", "Quote", "Page", "Source"][self.kind_index()]
    }
}

/// The unit the search index is built and cached in: every record of the site. The whole
/// index is one unit because every word chunk may name any record; a record's own file is
/// remade with it but keeps its name and bytes while the record does not change (records are
/// numbered by URL, see [`numbers`](super::numbers)), so a writer that skips equal files
/// writes little more than the chunks that hold changed words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// Empty: the index has one unit, written at `pagefind/`.
    pub name: String,
    /// Records by kind (stories, actors, events, quotes, pages, sources), each kind in the
    /// site's order.
    pub members: Vec<RecordRef>,
}

impl Shard {
    pub fn is_primary(&self) -> bool {
        self.name.is_empty()
    }
}

/// The units of the index of `site`: one holding every record, or none when search is off.
pub fn plan(site: &Site) -> Vec<Shard> {
    if site.config.search == SearchMode::Off {
        return Vec::new();
    }
    let members = (0..site.stories.len())
        .map(RecordRef::Story)
        .chain((0..site.actors.len()).map(RecordRef::Actor))
        .chain((0..site.events.len()).map(RecordRef::Event))
        .chain((0..site.quotes.len()).map(RecordRef::Quote))
        .chain((0..site.pages.len()).map(RecordRef::Page))
        .chain((0..site.sources.len()).map(RecordRef::Source))
        .collect();
    vec![Shard {
        name: String::new(),
        members,
    }]
}
