//! The inverted index in memory: for each word, the records that hold it and how often.
//!
//! Records are indexed in batches on every core, each batch folded into one table as soon
//! as it is done ([`Joined`]); finishing sorts each word's records by number. What is
//! kept is one packed pair per word and record (about 3 bytes, see [`Packed`]), never the
//! records' text: at 50,000 stories of the benchmark corpus that is tens of megabytes.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::words::{js_order, raw_words, words};

/// How much more a word in a record's title counts than one in its text.
const TITLE_WEIGHT: u16 = 5;

/// A record holding a word, and how often it holds it (title words counting
/// [`TITLE_WEIGHT`] times).
pub(super) type Posting = (u32, u16);

/// The words of a run of records. Each word is held once, with a slot of its own: a record's
/// words are looked up (without a copy when already lower-case) and counted by slot, so
/// indexing allocates per distinct word of the batch, not per word of the text.
#[derive(Default)]
pub(super) struct Batch {
    slots: FxHashMap<String, u32>,
    /// The postings of each slot's word, in the order records were added.
    lists: Vec<Vec<Posting>>,
    /// The length in words of each record of the batch, by number, titles weighted.
    lengths: Vec<(u32, u32)>,
    /// The slot and weight of each word of the record being added.
    seen: Vec<(u32, u16)>,
    /// A word lower-cased, when it was not already.
    lower: String,
}

impl Batch {
    /// Adds record `number`, which no other record of the site has.
    pub fn add(&mut self, number: u32, title: &str, text: &str) {
        let Batch {
            slots,
            lists,
            seen,
            lower,
            ..
        } = self;
        seen.clear();
        let mut length = 0u32;
        for (part, weight) in [(title, TITLE_WEIGHT), (text, 1)] {
            for word in raw_words(part) {
                let word = lower_cased(word, lower);
                seen.push((slot(slots, lists, word), weight));
                length = length.saturating_add(u32::from(weight));
            }
        }
        seen.sort_unstable_by_key(|&(slot, _)| slot);
        let mut at = 0;
        while at < seen.len() {
            let slot = seen[at].0;
            let mut count = 0u16;
            while at < seen.len() && seen[at].0 == slot {
                count = count.saturating_add(seen[at].1);
                at += 1;
            }
            lists[slot as usize].push((number, count));
        }
        self.lengths.push((number, length));
    }

    /// Adds record `number` from its [`counts`].
    pub fn add_counted(
        &mut self,
        number: u32,
        counts: impl IntoIterator<Item = (String, u16)>,
        length: u32,
    ) {
        self.lengths.push((number, length));
        for (word, count) in counts {
            let slot = slot(&mut self.slots, &mut self.lists, &word);
            self.lists[slot as usize].push((number, count));
        }
    }

    /// The batch's words with their postings ascending by record, ready to be folded into
    /// [`Joined`] (sorted here, on the batch's own thread, not under the table's lock).
    pub fn into_runs(self) -> Runs {
        let Batch {
            slots,
            mut lists,
            lengths,
            ..
        } = self;
        for list in &mut lists {
            list.sort_unstable();
        }
        let mut words = Vec::with_capacity(slots.len());
        let mut lists: Vec<Option<Vec<Posting>>> = lists.into_iter().map(Some).collect();
        for (word, slot) in slots {
            if let Some(list) = lists[slot as usize].take() {
                words.push((word, list));
            }
        }
        Runs { words, lengths }
    }
}

/// A batch's postings, each word's ascending by record.
pub(super) struct Runs {
    words: Vec<(String, Vec<Posting>)>,
    lengths: Vec<(u32, u32)>,
}

/// The slot of `word` in a batch, given one if it has none yet.
fn slot(slots: &mut FxHashMap<String, u32>, lists: &mut Vec<Vec<Posting>>, word: &str) -> u32 {
    if let Some(&slot) = slots.get(word) {
        return slot;
    }
    let slot = lists.len() as u32;
    slots.insert(word.to_string(), slot);
    lists.push(Vec::new());
    slot
}

/// `word` lower-cased as [`words`] does it, borrowed when it already is, else made in
/// `buffer`.
fn lower_cased<'a>(word: &'a str, buffer: &'a mut String) -> &'a str {
    if word.is_ascii() {
        if !word.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return word;
        }
        buffer.clear();
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        return buffer;
    }
    // Beyond ASCII, lower-casing depends on the letters around (a final sigma).
    *buffer = word.to_lowercase();
    buffer
}

/// How often a record holds each of its words (title words counting [`TITLE_WEIGHT`]
/// times), and its length in words, titles weighted.
pub(super) fn counts(title: &str, text: &str) -> (HashMap<String, u16>, u32) {
    let mut counts: HashMap<String, u16> = HashMap::new();
    let mut length = 0u32;
    for (part, weight) in [(title, TITLE_WEIGHT), (text, 1)] {
        for word in words(part) {
            let count = counts.entry(word).or_default();
            *count = count.saturating_add(weight);
            length = length.saturating_add(u32::from(weight));
        }
    }
    (counts, length)
}

/// `value` (at least 1) rounded to the nearest power of 2^(1/12).
fn rounded(value: f64) -> f64 {
    const STEPS: f64 = 12.0;
    ((value.log2() * STEPS).round() / STEPS).exp2()
}

/// The rounded average of `lengths`, at least 1.
fn average(lengths: &FxHashMap<u32, u32>) -> f64 {
    let total: u64 = lengths.values().map(|&l| u64::from(l)).sum();
    rounded((total as f64 / lengths.len().max(1) as f64).max(1.0))
}

/// Every word of a site's records with its postings, in the index's word order.
pub(super) struct Postings {
    /// Sorted by [`js_order`].
    pub words: Vec<(String, Packed)>,
    /// The length of every record, by record number.
    pub lengths: FxHashMap<u32, u32>,
    /// Their average, at least 1, rounded to a step of a twelfth of an octave: one record
    /// more or less rarely moves it, so it rarely changes the scores of the others (and
    /// with them every word chunk).
    average: f64,
}

/// One word's postings, packed: a run per batch that held the word, each the number of
/// its postings then, ascending by record, the gap from the previous record (the first
/// from 0) and the count, all varints. About 3 bytes a posting where the pairs take 8
/// and lists grown batch by batch up to twice that: at 50,000 stories, over 12 million
/// postings.
#[derive(Default)]
pub(super) struct Packed {
    bytes: Vec<u8>,
    len: u32,
}

impl Packed {
    fn push_run(&mut self, run: &[Posting]) {
        encode_run(&mut self.bytes, run);
        self.len += run.len() as u32;
    }

    /// [`push_run`](Self::push_run), growing the bytes by exactly the run's size (encoded
    /// first in `scratch`) rather than doubling them: a word's bytes grow batch by batch, and
    /// doubling would leave up to half the table's memory unused.
    fn push_run_exact(&mut self, run: &[Posting], scratch: &mut Vec<u8>) {
        scratch.clear();
        encode_run(scratch, run);
        self.bytes.reserve_exact(scratch.len());
        self.bytes.extend_from_slice(scratch);
        self.len += run.len() as u32;
    }

    /// `list` (ascending by record) packed as one run.
    pub fn of(list: &[Posting]) -> Packed {
        let mut packed = Packed::default();
        packed.push_run(list);
        packed
    }

    /// How many records hold the word.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The postings, ascending by record.
    pub fn unpack(&self) -> Vec<Posting> {
        let mut out = Vec::with_capacity(self.len());
        let mut at = 0;
        while at < self.bytes.len() {
            let run = read_varint(&self.bytes, &mut at);
            let mut record = 0u64;
            for _ in 0..run {
                record += read_varint(&self.bytes, &mut at);
                let count = read_varint(&self.bytes, &mut at);
                out.push((record as u32, count as u16));
            }
        }
        out.sort_unstable();
        out
    }
}

/// A run: its length, then each posting's gap from the previous record and its count.
fn encode_run(out: &mut Vec<u8>, run: &[Posting]) {
    varint(out, run.len() as u64);
    let mut previous = 0;
    for &(record, count) in run {
        varint(out, u64::from(record - previous));
        varint(out, u64::from(count));
        previous = record;
    }
}

pub(super) fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads what [`varint`] wrote; only ever given bytes it wrote.
fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}

/// Batches joined so far: each batch is folded in as soon as it is done and then dropped,
/// so building holds one packed table for the site ([`Packed`]), not one table per batch
/// (at 50,000 stories the batches' tables held more than the postings themselves).
#[derive(Default)]
pub(super) struct Joined {
    words: FxHashMap<String, Packed>,
    lengths: FxHashMap<u32, u32>,
    /// Where a run is encoded before it is appended ([`Packed::push_run_exact`]).
    scratch: Vec<u8>,
}

impl Joined {
    /// Folds in a batch's runs; batches may come in any order.
    pub fn add(&mut self, runs: Runs) {
        self.lengths.extend(runs.lengths);
        for (word, run) in runs.words {
            match self.words.get_mut(&word) {
                Some(packed) => packed.push_run_exact(&run, &mut self.scratch),
                None => {
                    let mut packed = Packed::default();
                    packed.push_run_exact(&run, &mut self.scratch);
                    self.words.insert(word, packed);
                }
            }
        }
    }

    /// Every word in the index's order, each trimmed to its length.
    pub fn finish(self) -> Postings {
        let Joined { words, lengths, .. } = self;
        let mut words: Vec<(String, Packed)> = words.into_iter().collect();
        words.sort_unstable_by(|a, b| js_order(&a.0, &b.0));
        for (_, packed) in &mut words {
            packed.bytes.shrink_to_fit();
        }
        let average = average(&lengths);
        Postings {
            words,
            lengths,
            average,
        }
    }
}

impl Postings {
    /// Takes the average length again after `lengths` changed; true if it moved.
    pub fn measure_again(&mut self) -> bool {
        let average = average(&self.lengths);
        let moved = average != self.average;
        self.average = average;
        moved
    }

    /// How well each posting's record matches its word, 1 (barely) to 255, from Okapi BM25's
    /// term-frequency part (k1 = 1.2, b = 0.75): more occurrences count for less and less,
    /// and a long record needs more of them. The word's rarity is left to the reader's script,
    /// which knows how many records hold it.
    pub fn score(&self, posting: Posting) -> u8 {
        const K1: f64 = 1.2;
        const B: f64 = 0.75;
        let (record, count) = posting;
        let average = self.average;
        let length = f64::from(self.lengths.get(&record).copied().unwrap_or(1).max(1));
        let tf = f64::from(count);
        let part = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average));
        ((part / (K1 + 1.0) * 255.0).ceil() as i64).clamp(1, 255) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(records: &[(u32, &str)]) -> Batch {
        let mut batch = Batch::default();
        for &(number, text) in records {
            batch.add(number, "", text);
        }
        batch
    }

    fn folded(order: &[usize]) -> Postings {
        let batches = [
            &[(7, "north korea test"), (2, "korea korea")][..],
            &[(40, "test of the north")][..],
            &[(9, "korea"), (11, "zürich north")][..],
        ];
        let mut joined = Joined::default();
        for &at in order {
            joined.add(batch(batches[at]).into_runs());
        }
        joined.finish()
    }

    #[test]
    fn batches_folded_in_any_order_give_the_same_postings_and_scores() {
        let unpacked = |postings: &Postings| -> Vec<(String, Vec<Posting>)> {
            postings
                .words
                .iter()
                .map(|(word, packed)| (word.clone(), packed.unpack()))
                .collect()
        };
        let first = folded(&[0, 1, 2]);
        let words = unpacked(&first);
        let korea = words.iter().find(|(word, _)| word == "korea");
        assert_eq!(
            korea.map(|(_, list)| list.as_slice()),
            Some(&[(2, 2), (7, 1), (9, 1)][..])
        );
        for order in [[2, 1, 0], [1, 2, 0]] {
            let other = folded(&order);
            assert_eq!(unpacked(&other), words);
            assert_eq!(other.average, first.average);
            for (_, list) in &words {
                for &posting in list {
                    assert_eq!(other.score(posting), first.score(posting));
                }
            }
        }
    }

    #[test]
    fn a_batch_counts_words_as_the_live_index_counts_them() {
        let records = [
            (
                3,
                "Korea's TEST",
                "korea Korea test—ΟΔΟΣ οδος Straße STRASSE 북한의 Zürich zürich",
            ),
            (1, "", "a a A b"),
            (8, "Only Title", ""),
        ];
        let mut added = Batch::default();
        let mut counted = Batch::default();
        for (number, title, text) in records {
            added.add(number, title, text);
            let (counts, length) = counts(title, text);
            counted.add_counted(number, counts, length);
        }
        let runs = |batch: Batch| {
            let mut runs = batch.into_runs();
            runs.words.sort();
            runs.lengths.sort();
            (runs.words, runs.lengths)
        };
        let (words, lengths) = runs(added);
        assert_eq!((words.clone(), lengths.clone()), runs(counted));
        let korea = words.iter().find(|(word, _)| word == "korea");
        assert_eq!(korea.map(|(_, list)| list.as_slice()), Some(&[(3, 7)][..]));
        assert_eq!(lengths, [(1, 4), (3, 25), (8, 10)]);
    }

    #[test]
    fn packed_postings_unpack_as_they_were_given_whatever_the_size_of_the_numbers() {
        let mut packed = Packed::default();
        packed.push_run(&[(0, 1), (127, 300), (128, u16::MAX)]);
        packed.push_run(&[(5, 2), (1 << 30, 7)]);
        assert_eq!(packed.len(), 5);
        assert_eq!(
            packed.unpack(),
            [(0, 1), (5, 2), (127, 300), (128, u16::MAX), (1 << 30, 7)]
        );
    }

    #[test]
    fn the_average_length_moves_in_steps_of_a_twelfth_of_an_octave() {
        assert_eq!(rounded(1.0), 1.0);
        assert_eq!(rounded(200.0), rounded(201.0));
        assert!((rounded(64.0) - 64.0).abs() < 1e-9);
        assert!(rounded(300.0) / 300.0 < 1.03 && 300.0 / rounded(300.0) < 1.03);
    }
}
