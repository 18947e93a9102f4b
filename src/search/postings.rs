//! The inverted index in memory: for each word, the records that hold it and how often.
//!
//! Records are indexed in batches on every core; joining the batches sorts each word's
//! records by number. What is
//! kept is one small pair per word and record (about 6 bytes), never the records' text: at
//! 50,000 stories of the benchmark corpus that is tens of megabytes.

use std::collections::HashMap;

use super::words::{js_order, words};

/// How much more a word in a record's title counts than one in its text.
const TITLE_WEIGHT: u16 = 5;

/// A record holding a word, and how often it holds it (title words counting
/// [`TITLE_WEIGHT`] times).
pub(super) type Posting = (u32, u16);

/// The words of a run of records.
#[derive(Default)]
pub(super) struct Batch {
    words: HashMap<String, Vec<Posting>>,
    /// The length in words of each record of the batch, by number, titles weighted.
    lengths: Vec<(u32, u32)>,
}

impl Batch {
    /// Adds record `number`, which no other record of the site has.
    pub fn add(&mut self, number: u32, title: &str, text: &str) {
        let (counts, length) = counts(title, text);
        self.add_counted(number, counts, length);
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
            self.words.entry(word).or_default().push((number, count));
        }
    }
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
fn average(lengths: &HashMap<u32, u32>) -> f64 {
    let total: u64 = lengths.values().map(|&l| u64::from(l)).sum();
    rounded((total as f64 / lengths.len().max(1) as f64).max(1.0))
}

/// Every word of a site's records with its postings, in the index's word order.
pub(super) struct Postings {
    /// Sorted by [`js_order`]; each list ascending by record.
    pub words: Vec<(String, Vec<Posting>)>,
    /// The length of every record, by record number.
    pub lengths: HashMap<u32, u32>,
    /// Their average, at least 1, rounded to a step of a twelfth of an octave: one record
    /// more or less rarely moves it, so it rarely changes the scores of the others (and
    /// with them every word chunk).
    average: f64,
}

impl Postings {
    /// Joins batches given in any order.
    pub fn join(batches: Vec<Batch>) -> Postings {
        let mut all: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut lengths = HashMap::new();
        for batch in batches {
            lengths.extend(batch.lengths);
            for (word, postings) in batch.words {
                let list = all.entry(word).or_default();
                list.extend(postings);
            }
        }
        let mut words: Vec<(String, Vec<Posting>)> = all.into_iter().collect();
        words.sort_unstable_by(|a, b| js_order(&a.0, &b.0));
        for (_, postings) in &mut words {
            postings.sort_unstable();
        }
        let average = average(&lengths);
        Postings {
            words,
            lengths,
            average,
        }
    }

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

    #[test]
    fn the_average_length_moves_in_steps_of_a_twelfth_of_an_octave() {
        assert_eq!(rounded(1.0), 1.0);
        assert_eq!(rounded(200.0), rounded(201.0));
        assert!((rounded(64.0) - 64.0).abs() < 1e-9);
        assert!(rounded(300.0) / 300.0 < 1.03 && 300.0 / rounded(300.0) < 1.03);
    }
}
