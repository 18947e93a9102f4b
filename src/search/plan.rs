//! Which records go in which shard: a pure function of the site's ids and counts.
//!
//! Each kind of record is spread over its own shards by a stable hash of its id:
//! [`fnv1a`] (64-bit FNV-1a over the id's UTF-8 bytes) fed to [`jump_bucket`] (Lamping and
//! Veach's jump consistent hash). The number of shards of a kind depends only on how many
//! records of that kind there are, so a story keeps its shard while other stories are added or
//! removed, until the count of that kind crosses a multiple of its target size; then the jump
//! hash moves only the stories that go to the new shard (about 1 in `n + 1`), never one old
//! shard's stories to another old shard.

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

/// An independent pagefind index over some records, written under `pagefind/<name>/`; the
/// primary shard (`name` empty) is written at `pagefind/` itself with pagefind's scripts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub name: String,
    /// In ascending order.
    pub members: Vec<RecordRef>,
}

impl Shard {
    pub fn is_primary(&self) -> bool {
        self.name.is_empty()
    }
}

/// Target stories per shard. pagefind holds a shard's whole index in memory while building
/// it; at 500 stories of the benchmark corpus that is roughly 100 MB, and at most
/// [`super::SHARDS_IN_FLIGHT`] shards are built at once.
pub const STORIES_PER_SHARD: usize = 500;
/// Target timeline events per shard: events are short (a title and a summary).
pub const EVENTS_PER_SHARD: usize = 2000;
/// Target actors, quotes, plain pages and sources per shard. These make up the primary shard,
/// which carries pagefind's scripts and changes rarely; a site with more of them spreads
/// them further.
pub const PEOPLE_PER_SHARD: usize = 2000;

/// How many records of each kind a shard should hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardSizes {
    pub stories: usize,
    pub events: usize,
    /// Actors, quotes, plain pages and sources together.
    pub people: usize,
}

impl Default for ShardSizes {
    fn default() -> ShardSizes {
        ShardSizes {
            stories: STORIES_PER_SHARD,
            events: EVENTS_PER_SHARD,
            people: PEOPLE_PER_SHARD,
        }
    }
}

/// Environment variables that override the target sizes, for tests and tuning only (e.g.
/// `FLASHPOINT_SEARCH_STORIES_PER_SHARD=2` makes the example site's stories several shards).
pub const STORIES_PER_SHARD_VAR: &str = "FLASHPOINT_SEARCH_STORIES_PER_SHARD";
pub const EVENTS_PER_SHARD_VAR: &str = "FLASHPOINT_SEARCH_EVENTS_PER_SHARD";
pub const PEOPLE_PER_SHARD_VAR: &str = "FLASHPOINT_SEARCH_PEOPLE_PER_SHARD";

impl ShardSizes {
    /// The defaults, each overridden by its environment variable when that holds a positive
    /// whole number.
    pub fn from_env() -> ShardSizes {
        let read = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|value| value.trim().parse::<usize>().ok())
                .filter(|&n| n > 0)
                .unwrap_or(default)
        };
        let defaults = ShardSizes::default();
        ShardSizes {
            stories: read(STORIES_PER_SHARD_VAR, defaults.stories),
            events: read(EVENTS_PER_SHARD_VAR, defaults.events),
            people: read(PEOPLE_PER_SHARD_VAR, defaults.people),
        }
    }
}

/// 64-bit FNV-1a: offset basis 0xcbf29ce484222325, prime 0x100000001b3, one byte at a time.
/// Fixed forever, unlike std's hashers.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Jump consistent hash (Lamping and Veach, 2014, "A Fast, Minimal Memory, Consistent Hash
/// Algorithm"): a bucket in `0..buckets` for `key`; going from `n` to `n + 1` buckets moves
/// only keys into the new bucket. `buckets` must be at least 1.
pub fn jump_bucket(mut key: u64, buckets: usize) -> usize {
    let (mut bucket, mut next): (i64, i64) = (-1, 0);
    while next < buckets as i64 {
        bucket = next;
        key = key.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(1);
        next = ((bucket + 1) as f64 * ((1u64 << 31) as f64 / ((key >> 33) + 1) as f64)) as i64;
    }
    bucket as usize
}

/// How many shards `count` records need at `per_shard` each (at least one).
fn shard_count(count: usize, per_shard: usize) -> usize {
    count.div_ceil(per_shard.max(1)).max(1)
}

/// The shards of `site` at the default sizes (or those set by the environment variables
/// above); empty when search is off.
pub fn plan(site: &Site) -> Vec<Shard> {
    plan_with(site, ShardSizes::from_env())
}

/// The shards of `site` at the given target sizes; empty when search is off.
///
/// A site whose records of every kind fit in one shard of that kind is one shard, the primary,
/// holding everything (the browser then loads a single index). Otherwise each kind has shards
/// of its own: the primary holds the actors, quotes, pages and sources (the first share of
/// them when there are more than `sizes.people`), followed by `people-01`…, `stories-00`… and
/// `events-00`…, in that order. Secondary shards that would be empty are left out; the primary
/// is always there.
pub fn plan_with(site: &Site, sizes: ShardSizes) -> Vec<Shard> {
    if site.config.search == SearchMode::Off {
        return Vec::new();
    }
    let story_shards = shard_count(site.stories.len(), sizes.stories);
    let event_shards = shard_count(site.events.len(), sizes.events);
    let people_shards = shard_count(
        site.actors.len() + site.quotes.len() + site.pages.len() + site.sources.len(),
        sizes.people,
    );
    if story_shards == 1 && event_shards == 1 && people_shards == 1 {
        let members = (0..site.stories.len())
            .map(RecordRef::Story)
            .chain((0..site.actors.len()).map(RecordRef::Actor))
            .chain((0..site.events.len()).map(RecordRef::Event))
            .chain((0..site.quotes.len()).map(RecordRef::Quote))
            .chain((0..site.pages.len()).map(RecordRef::Page))
            .chain((0..site.sources.len()).map(RecordRef::Source))
            .collect();
        return vec![Shard {
            name: String::new(),
            members,
        }];
    }
    let spread = |buckets: usize, ids: &mut dyn Iterator<Item = (&str, RecordRef)>| {
        let mut shards = vec![Vec::new(); buckets];
        for (id, record) in ids {
            shards[jump_bucket(fnv1a(id.as_bytes()), buckets)].push(record);
        }
        for members in &mut shards {
            members.sort();
        }
        shards
    };
    let people = spread(
        people_shards,
        &mut site
            .actors
            .iter()
            .enumerate()
            .map(|(ix, actor)| (actor.id.as_str(), RecordRef::Actor(ix)))
            .chain(
                site.quotes
                    .iter()
                    .enumerate()
                    .map(|(ix, quote)| (quote.id.as_str(), RecordRef::Quote(ix))),
            )
            .chain(
                site.pages
                    .iter()
                    .enumerate()
                    .map(|(ix, page)| (page.id.as_str(), RecordRef::Page(ix))),
            )
            .chain(
                site.sources
                    .iter()
                    .enumerate()
                    .map(|(ix, source)| (source.id.as_str(), RecordRef::Source(ix))),
            ),
    );
    let stories = spread(
        story_shards,
        &mut site
            .stories
            .iter()
            .enumerate()
            .map(|(ix, story)| (story.id.as_str(), RecordRef::Story(ix))),
    );
    let events = spread(
        event_shards,
        &mut site
            .events
            .iter()
            .enumerate()
            .map(|(ix, event)| (event.id.as_str(), RecordRef::Event(ix))),
    );
    let mut shards = Vec::with_capacity(people_shards + story_shards + event_shards);
    for (ix, members) in people.into_iter().enumerate() {
        let name = if ix == 0 {
            String::new()
        } else {
            format!("people-{ix:02}")
        };
        shards.push(Shard { name, members });
    }
    for (kind, groups) in [("stories", stories), ("events", events)] {
        for (ix, members) in groups.into_iter().enumerate() {
            shards.push(Shard {
                name: format!("{kind}-{ix:02}"),
                members,
            });
        }
    }
    shards.retain(|shard| shard.is_primary() || !shard.members.is_empty());
    shards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn jump_hash_matches_the_reference_implementation() {
        // The test vectors other implementations check against (e.g. Go's dgryski/go-jump).
        for (key, buckets, expected) in [
            (1, 1, 0),
            (42, 57, 43),
            (0xDEAD_10CC, 1, 0),
            (0xDEAD_10CC, 666, 361),
            (256, 1024, 520),
        ] {
            assert_eq!(
                jump_bucket(key, buckets),
                expected,
                "key {key}, {buckets} buckets"
            );
        }
        let mut moved = 0;
        for key in 0..10_000u64 {
            let before = jump_bucket(fnv1a(&key.to_le_bytes()), 10);
            let after = jump_bucket(fnv1a(&key.to_le_bytes()), 11);
            assert!(
                after == before || after == 10,
                "key {key}: {before} → {after}"
            );
            moved += usize::from(after != before);
        }
        // About one key in eleven moves, all of them to the new bucket.
        assert!((700..1100).contains(&moved), "{moved} moved");
    }

    #[test]
    fn buckets_are_balanced() {
        let mut counts = [0usize; 20];
        for n in 0..10_000 {
            counts[jump_bucket(fnv1a(format!("story-{n}").as_bytes()), 20)] += 1;
        }
        for count in counts {
            assert!((400..600).contains(&count), "{counts:?}");
        }
    }
}
