//! Record numbers that stay put when the site changes.
//!
//! Postings name records by number, and a record's file is `records/<number>.json`. Numbered
//! by position, one story added early in the site's order would renumber every record after
//! it: every record file and every word chunk would change, and a deploy would upload the
//! whole index again. Here a record's number comes from its URL instead: each kind owns a
//! range of numbers ([`KIND_SPAN`] apart), and inside it a record sits at the hash of its URL
//! modulo a table at most half full; a record whose place is taken moves to the next free
//! one. Adding a record moves at most the few records of its own run of taken places, until
//! the kind's table doubles (at 512 records, then at every power of two).

use super::RecordRef;

/// Numbers reserved for each kind: the six kinds fit in a `u32`.
const KIND_SPAN: u32 = 1 << 28;

/// The smallest table of a kind: small sites never change their table's size.
const MIN_TABLE: u64 = 1024;

/// A run of record numbers, `from..to`, all of one kind: numbers in it that no record has
/// are simply never named.
#[derive(serde::Serialize, Debug, PartialEq, Eq)]
pub(super) struct KindRun {
    pub kind: &'static str,
    pub from: u32,
    pub to: u32,
}

/// The number of each member, in the members' order, and the runs of each kind.
pub(super) struct Numbering {
    pub numbers: Vec<u32>,
    pub runs: Vec<KindRun>,
}

/// Numbers `members` (grouped by kind, as [`plan`](super::plan) gives them) from their URLs.
pub(super) fn number(members: &[RecordRef], url: impl Fn(RecordRef) -> String) -> Numbering {
    let mut numbers = vec![0u32; members.len()];
    let mut runs = Vec::new();
    let mut start = 0;
    while start < members.len() {
        let kind = members[start].kind_index();
        let end = members[start..]
            .iter()
            .position(|member| member.kind_index() != kind)
            .map_or(members.len(), |len| start + len);
        let count = (end - start) as u64;
        let table = (count * 2).next_power_of_two().max(MIN_TABLE);
        let mut homes: Vec<(u64, String, usize)> = (start..end)
            .map(|at| {
                let url = url(members[at]);
                (home(&url, table), url, at)
            })
            .collect();
        homes.sort_unstable();
        let base = u64::from(KIND_SPAN) * kind as u64;
        let mut next = 0u64;
        for (home, _, at) in homes {
            let slot = home.max(next);
            next = slot + 1;
            // A table at most half full ends its last run well inside the kind's span.
            numbers[at] = u32::try_from(base + slot).unwrap_or(u32::MAX);
        }
        runs.push(KindRun {
            kind: members[start].kind_name(),
            from: u32::try_from(base).unwrap_or(u32::MAX),
            to: u32::try_from(base + next).unwrap_or(u32::MAX),
        });
        start = end;
    }
    Numbering { numbers, runs }
}

/// Where a URL's record would sit in a table of `table` places.
fn home(url: &str, table: u64) -> u64 {
    let hash = blake3::hash(url.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first) % table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(count: usize) -> impl Fn(RecordRef) -> String {
        move |member| match member {
            RecordRef::Story(ix) => format!("/stories/{}/", ix + 1000 - count),
            RecordRef::Actor(ix) => format!("/actors/{ix}/"),
            _ => String::new(),
        }
    }

    #[test]
    fn adding_a_record_keeps_the_numbers_of_the_others() {
        // Story 0 of the larger site is new; the others are the smaller site's, one later.
        let before: Vec<RecordRef> = (0..300).map(RecordRef::Story).collect();
        let after: Vec<RecordRef> = (0..301).map(RecordRef::Story).collect();
        let old = number(&before, |m| match m {
            RecordRef::Story(ix) => format!("/stories/s{}/", ix + 1),
            _ => String::new(),
        });
        let new = number(&after, |m| match m {
            RecordRef::Story(ix) => format!("/stories/s{ix}/"),
            _ => String::new(),
        });
        let moved = (0..300)
            .filter(|&ix| old.numbers[ix] != new.numbers[ix + 1])
            .count();
        assert!(moved <= 3, "{moved} records moved");
    }

    #[test]
    fn each_kind_has_its_own_run_and_numbers_are_distinct() {
        let members: Vec<RecordRef> = (0..600)
            .map(RecordRef::Story)
            .chain((0..20).map(RecordRef::Actor))
            .collect();
        let numbering = number(&members, urls(600));
        let mut seen = numbering.numbers.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), members.len());
        assert_eq!(numbering.runs.len(), 2);
        assert_eq!(
            (numbering.runs[0].kind, numbering.runs[0].from),
            ("Story", 0)
        );
        assert_eq!(
            (numbering.runs[1].kind, numbering.runs[1].from),
            ("Actor", KIND_SPAN)
        );
        for (member, number) in members.iter().zip(&numbering.numbers) {
            let run = &numbering.runs[member.kind_index()];
            assert!(run.from <= *number && *number < run.to);
        }
    }
}
