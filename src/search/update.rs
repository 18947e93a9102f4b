//! The search index kept up to date in place, for `serve`: a save re-indexes only the
//! records it changed and rewrites only the index files whose bytes differ.
//!
//! A [`LiveIndex`] holds, for every record, its number and its word counts, and the index's
//! postings; it is read back from the index's own files ([`LiveIndex::from_files`]), so it
//! never needs the site model. After a save it takes the changed records, made from the site
//! by the caller ([`changed_records`]: the quick path's edited documents, or the records
//! whose key changed, which `serve` tells), takes their old postings out, puts the new ones in and
//! encodes the index again; chunks and tails are compressed only when their bytes are new,
//! since compression is most of an index's cost. The files equal what a full build writes
//! for the same records: numbers come from the URLs alone, and the encoding is the build's
//! own. When the set of URLs changes (a record added or removed), numbers may move, and the
//! caller builds the index again whole.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use axum::body::Bytes;
use rayon::prelude::*;

use crate::fingerprint::Fingerprint;
use crate::site::Site;

use super::encode;
use super::numbers::KindRun;
use super::postings::{Batch, Joined, Packed, Postings, counts};
use super::records::{Record, Records};
use super::words::js_order;
use super::{RecordRef, SEARCH_DIR, SearchFile, Shard, plan, record_file};

/// A record made from the site, to hand to a [`LiveIndex`] on another thread.
pub struct ChangedRecord(Record);

/// The URL of each of `members`, as the index numbers them.
pub fn record_urls(site: &Site, members: &[RecordRef]) -> Vec<String> {
    let records = Records::new(site);
    members
        .par_iter()
        .map(|&member| records.url(member))
        .collect()
}

/// What [`LiveIndex::from_files`] reads of the entry file.
#[derive(serde::Deserialize)]
struct EntryFile {
    format: u32,
    language: String,
    records: u32,
    kinds: Vec<KindRunIn>,
}

#[derive(serde::Deserialize)]
struct KindRunIn {
    kind: String,
    from: u32,
    to: u32,
}

/// What [`LiveIndex::from_files`] reads of a record's file.
#[derive(serde::Deserialize)]
struct RecordFileIn {
    url: String,
    title: String,
    text: String,
}

/// The kinds' names, as [`RecordRef::kind_name`] gives them.
fn kind_names() -> [&'static str; 6] {
    [
        RecordRef::Story(0),
        RecordRef::Actor(0),
        RecordRef::Event(0),
        RecordRef::Quote(0),
        RecordRef::Page(0),
        RecordRef::Source(0),
    ]
    .map(RecordRef::kind_name)
}

/// The records of `members`, made from `site` now.
pub fn changed_records(site: &Site, members: &[RecordRef]) -> Vec<ChangedRecord> {
    let records = Records::new(site);
    members
        .iter()
        .map(|&member| ChangedRecord(records.record(member)))
        .collect()
}

/// A record read back from its file: URL, number, word counts and length.
type ReadRecord = (String, u32, Vec<(String, u16)>, u32);

/// What the index holds of one record.
struct Held {
    number: u32,
    counts: Vec<(String, u16)>,
}

/// A site's search index in memory, updated record by record.
pub struct LiveIndex {
    dir: String,
    language: String,
    /// Every record, by URL.
    held: HashMap<String, Held>,
    kinds: Vec<KindRun>,
    postings: Postings,
    /// Compressed chunks and tails by the hash of their raw bytes, those of the last
    /// encoding only.
    packed: Mutex<HashMap<Fingerprint, Vec<u8>>>,
}

/// The one unit of the index of `site`, if it has an index and a single edition: the
/// sites whose index a [`LiveIndex`] keeps.
pub fn single_unit(site: &Site) -> Option<Shard> {
    if !site.other_editions.is_empty() {
        return None;
    }
    let mut units = plan(site);
    (units.len() == 1).then(|| units.remove(0))
}

impl LiveIndex {
    /// Reads the index back from its files as a build or serve wrote them (`files`, by
    /// site-relative path): the entry and every record's file. None when they are not a
    /// whole index of this format (the caller then builds the index from the site).
    pub fn from_files(files: &HashMap<String, Bytes>) -> Option<LiveIndex> {
        let dir = format!("{SEARCH_DIR}/");
        let entry: EntryFile =
            serde_json::from_slice(files.get(&format!("{dir}entry.json"))?).ok()?;
        if entry.format != encode::FORMAT {
            return None;
        }
        let kinds = entry
            .kinds
            .iter()
            .map(|run| {
                let kind = kind_names().into_iter().find(|name| *name == run.kind)?;
                Some(KindRun {
                    kind,
                    from: run.from,
                    to: run.to,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let prefix = format!("{dir}records/");
        let held: Vec<(&String, &Bytes)> = files
            .iter()
            .filter(|(name, _)| name.starts_with(&prefix))
            .collect();
        let read: Vec<ReadRecord> = held
            .par_iter()
            .map(|(name, bytes)| {
                let number: u32 = name[prefix.len()..].strip_suffix(".json")?.parse().ok()?;
                let record: RecordFileIn = serde_json::from_slice(bytes).ok()?;
                let (counts, length) = counts(&record.title, &record.text);
                let mut counts: Vec<(String, u16)> = counts.into_iter().collect();
                counts.sort_unstable();
                Some((record.url, number, counts, length))
            })
            .collect::<Option<_>>()?;
        if read.len() != entry.records as usize {
            return None;
        }
        let mut batch = Batch::default();
        let mut held = HashMap::with_capacity(read.len());
        for (url, number, counts, length) in read {
            batch.add_counted(number, counts.iter().cloned(), length);
            held.insert(url, Held { number, counts });
        }
        let mut index = LiveIndex {
            dir,
            language: entry.language,
            held,
            kinds,
            postings: {
                let mut joined = Joined::default();
                joined.add(batch.into_runs());
                joined.finish()
            },
            packed: Mutex::default(),
        };
        // Fills the cache of compressed chunks and tails.
        index.encode();
        Some(index)
    }

    /// Puts in records made by [`changed_records`]; None when one of them is not in the
    /// index (a new record: numbers may move).
    pub fn replace(&mut self, records: Vec<ChangedRecord>) -> Option<Vec<SearchFile>> {
        if records
            .iter()
            .any(|record| !self.held.contains_key(&record.0.url))
        {
            return None;
        }
        Some(self.put(records.into_iter().map(|r| r.0).collect()))
    }

    /// Swaps the postings of `records` for their new ones; the index files, and the files
    /// of the records whose title or text changed.
    fn put(&mut self, records: Vec<Record>) -> Vec<SearchFile> {
        let mut files = Vec::new();
        let mut lengths_changed = false;
        for record in records {
            let Some(held) = self.held.get_mut(&record.url) else {
                continue;
            };
            let (counts, length) = counts(&record.title, &record.text);
            let mut counts: Vec<(String, u16)> = counts.into_iter().collect();
            counts.sort_unstable();
            let number = held.number;
            // The record's file shows its title and text, which its words may not change.
            files.push(record_file(&self.dir, number, &record));
            if counts == held.counts {
                continue;
            }
            let old = std::mem::replace(&mut held.counts, counts.clone());
            remove_postings(&mut self.postings.words, number, &old);
            add_postings(&mut self.postings.words, number, &counts);
            if self.postings.lengths.insert(number, length) != Some(length) {
                lengths_changed = true;
            }
        }
        if lengths_changed {
            self.postings.measure_again();
        }
        files.extend(self.encode());
        files
    }

    /// The entry, chunk and tail files, compressing only chunks and tails not met in the
    /// last encoding.
    fn encode(&mut self) -> Vec<SearchFile> {
        let used: Mutex<HashSet<Fingerprint>> = Mutex::default();
        let pack = |raw: &[u8]| -> Vec<u8> {
            let hash = Fingerprint::of(raw);
            lock(&used).insert(hash);
            if let Some(packed) = lock(&self.packed).get(&hash) {
                return packed.clone();
            }
            let packed = encode::gzip(raw);
            lock(&self.packed).insert(hash, packed.clone());
            packed
        };
        let files: Mutex<Vec<SearchFile>> = Mutex::default();
        // Handing files to a list cannot fail.
        let _ = encode::index_files_packed(
            &self.dir,
            &self.postings,
            &self.language,
            self.held.len() as u32,
            &self.kinds,
            &pack,
            &|made| {
                lock(&files).extend(made);
                Ok(())
            },
        );
        let files = files.into_inner().unwrap_or_else(|p| p.into_inner());
        let used = used.into_inner().unwrap_or_else(|p| p.into_inner());
        lock(&self.packed).retain(|hash, _| used.contains(hash));
        files
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Where `word` sits in `words` (sorted by [`js_order`]), or where it would go.
fn find(words: &[(String, Packed)], word: &str) -> Result<usize, usize> {
    words.binary_search_by(|(held, _)| js_order(held, word))
}

/// Takes record `number` out of the lists of `counts`' words, and the words no record holds
/// any more out of the index.
fn remove_postings(words: &mut Vec<(String, Packed)>, number: u32, counts: &[(String, u16)]) {
    for (word, _) in counts {
        let Ok(at) = find(words, word) else { continue };
        let mut list = words[at].1.unpack();
        if let Ok(place) = list.binary_search_by_key(&number, |posting| posting.0) {
            list.remove(place);
        }
        if list.is_empty() {
            words.remove(at);
        } else {
            words[at].1 = Packed::of(&list);
        }
    }
}

/// Puts record `number` into the lists of `counts`' words, in order of record number.
fn add_postings(words: &mut Vec<(String, Packed)>, number: u32, counts: &[(String, u16)]) {
    for (word, count) in counts {
        match find(words, word) {
            Ok(at) => {
                let mut list = words[at].1.unpack();
                match list.binary_search_by_key(&number, |posting| posting.0) {
                    Ok(place) => list[place].1 = *count,
                    Err(place) => list.insert(place, (number, *count)),
                }
                words[at].1 = Packed::of(&list);
            }
            Err(at) => words.insert(at, (word.clone(), Packed::of(&[(number, *count)]))),
        }
    }
}
