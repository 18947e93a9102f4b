//! The index's files, as the search page's script (`search.js` in the theme) reads them.
//!
//! - `entry.json`: the format, the language, how many records there are, which run of record
//!   numbers holds each kind (numbers come from the records' URLs, see
//!   [`numbers`](super::numbers), so a run has gaps), and the word chunks with the first word
//!   of each (a chunk ends where its words say, see [`cuts_after`]). It is the only
//!   file not named after its bytes, and stays a few kilobytes however large the site.
//! - `words/w.<hash>.bin`: a run of words in [`js_order`](super::words::js_order), gzipped.
//!   Each word is `shared` (bytes of the previous word it starts with, varint), `suffix
//!   length` (varint), the suffix's UTF-8 bytes, `count` (records holding it, varint), `head`
//!   (postings given here, varint), when `head < count` the 16 hex digits naming its tail
//!   file, then `head` postings: the gap from the previous record number (the first: the
//!   number itself, varint) and the match score (one byte, 1 to 255).
//! - `tails/t.<hash>.bin`: every posting of a word held by more than [`HEAD`] records,
//!   gzipped: `count` (varint) then the postings as above. The chunk keeps only the word's
//!   [`HEAD`] best-scoring records, enough to rank a one-word search and show its first
//!   results; the script fetches a tail only to combine words or to page further.
//! - `records/<number>.json`: one record's URL, title, kind and text, for its result and
//!   excerpt; the script fetches those of the results it shows.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;

use super::SearchFile;
use super::numbers::KindRun;
use super::postings::{Packed, Postings, varint};
use crate::error::Result;

/// Postings of a word kept in its chunk: the best-scoring ones.
pub(super) const HEAD: usize = 500;

/// Bytes of encoded words (before compression) a chunk holds at least, unless it is the last.
const CHUNK_MIN: usize = 8 * 1024;

/// Bytes of encoded words after which a chunk is closed whatever its last word.
const CHUNK_MAX: usize = 48 * 1024;

/// Past [`CHUNK_MIN`], a chunk ends after a word whose hash is a multiple of this. Cuts that
/// depend on the words, not on a running count of bytes, keep the other chunks' bounds (and
/// bytes, and names) when a story adds words or postings to one of them.
const CUT_EVERY: u32 = 64;

/// Whether a chunk past [`CHUNK_MIN`] may end after `word`.
fn cuts_after(word: &str) -> bool {
    let hash = blake3::hash(word.as_bytes());
    let mut first = [0u8; 4];
    first.copy_from_slice(&hash.as_bytes()[..4]);
    u32::from_le_bytes(first) % CUT_EVERY == 0
}

/// The version of the files' format, in `entry.json`; the script refuses others.
pub(super) const FORMAT: u32 = 1;

#[derive(serde::Serialize)]
struct Entry<'a> {
    format: u32,
    language: &'a str,
    records: u32,
    kinds: &'a [KindRun],
    chunks: Vec<ChunkRef>,
}

#[derive(serde::Serialize)]
struct ChunkRef {
    from: String,
    file: String,
}

pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::new(6));
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// `name` (`words/w.bin`) with the hash of `contents`, inside `dir`.
fn hashed(dir: &str, name: &str, contents: &[u8]) -> String {
    format!("{dir}{}", crate::hosting::hashed_name(name, contents))
}

/// Postings as gaps and scores.
fn encode_postings(out: &mut Vec<u8>, postings: &Postings, list: &[(u32, u16)]) {
    let mut previous = 0u32;
    for &posting in list {
        varint(out, u64::from(posting.0 - previous));
        out.push(postings.score(posting));
        previous = posting.0;
    }
}

/// A tail file: its path and contents.
type TailFile = (String, Vec<u8>);

/// One word's bytes in its chunk after the word itself: `count`, `head`, the tail's hash
/// when it has one, and the head's postings; with its tail file (path and contents) when
/// more than [`HEAD`] records hold it.
fn encode_word(
    dir: &str,
    postings: &Postings,
    packed: &Packed,
    pack: &(dyn Fn(&[u8]) -> Vec<u8> + Sync),
) -> (Vec<u8>, Option<TailFile>) {
    let list = packed.unpack();
    let mut body = Vec::with_capacity(4 + list.len().min(HEAD) * 2);
    varint(&mut body, list.len() as u64);
    if list.len() <= HEAD {
        varint(&mut body, list.len() as u64);
        encode_postings(&mut body, postings, &list);
        return (body, None);
    }
    let scored: Vec<(u32, u8)> = list
        .iter()
        .map(|&posting| (posting.0, postings.score(posting)))
        .collect();
    let mut raw = Vec::with_capacity(list.len() * 2 + 4);
    varint(&mut raw, list.len() as u64);
    encode_scored(&mut raw, &scored);
    let contents = pack(&raw);
    let name = hashed(dir, "tails/t.bin", &contents);
    let mut best = scored;
    best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    best.truncate(HEAD);
    best.sort_unstable_by_key(|&(record, _)| record);
    varint(&mut body, best.len() as u64);
    let hash = name.rsplit('.').nth(1).unwrap_or_default();
    body.extend_from_slice(hash.as_bytes());
    encode_scored(&mut body, &best);
    (body, Some((name, contents)))
}

/// Scored postings, ascending by record, as gaps and scores.
fn encode_scored(out: &mut Vec<u8>, list: &[(u32, u8)]) {
    let mut previous = 0u32;
    for &(record, score) in list {
        varint(out, u64::from(record - previous));
        out.push(score);
        previous = record;
    }
}

/// Words encoded together before their chunks and tails are handed on: enough to keep
/// every core busy, few enough that one window's bytes are all the encoding holds.
const WINDOW: usize = 1024;

/// The entry, chunk and tail files of `postings`, under `dir` (`pagefind/`), handed to
/// `each` as they are made (tails and chunks a window of words at a time, the entry last),
/// so that the index's files are never all in memory at once.
///
/// `postings` are given up as they are encoded: each window's packed postings are dropped
/// once its chunks and tails are made.
pub(super) fn index_files(
    dir: &str,
    mut postings: Postings,
    language: &str,
    records: u32,
    kinds: &[KindRun],
    each: &(dyn Fn(Vec<SearchFile>) -> Result<()> + Sync),
) -> Result<()> {
    let words = std::mem::take(&mut postings.words);
    let files = IndexFiles {
        dir,
        language,
        records,
        kinds,
        pack: &gzip,
    };
    encode_all(&files, &postings, words, WINDOW, each)
}

/// [`index_files`], compressing with `pack` ([`gzip`] or a cache of it, as `serve`'s
/// [`update`](super::update) keeps, so that only the chunks that changed are compressed).
pub(super) fn index_files_packed(
    dir: &str,
    postings: &Postings,
    language: &str,
    records: u32,
    kinds: &[KindRun],
    pack: &(dyn Fn(&[u8]) -> Vec<u8> + Sync),
    each: &(dyn Fn(Vec<SearchFile>) -> Result<()> + Sync),
) -> Result<()> {
    let words: Vec<(&str, &Packed)> = postings
        .words
        .iter()
        .map(|(word, packed)| (word.as_str(), packed))
        .collect();
    let files = IndexFiles {
        dir,
        language,
        records,
        kinds,
        pack,
    };
    encode_all(&files, postings, words, WINDOW, each)
}

/// Where an index's files go and what its entry says.
struct IndexFiles<'a> {
    dir: &'a str,
    language: &'a str,
    records: u32,
    kinds: &'a [KindRun],
    pack: &'a (dyn Fn(&[u8]) -> Vec<u8> + Sync),
}

/// What a word's entry is made from: the word and its packed postings, owned (and dropped
/// once encoded) or borrowed.
trait WordPostings: Sync {
    fn word(&self) -> &str;
    fn packed(&self) -> &Packed;
}

impl WordPostings for (String, Packed) {
    fn word(&self) -> &str {
        &self.0
    }
    fn packed(&self) -> &Packed {
        &self.1
    }
}

impl WordPostings for (&str, &Packed) {
    fn word(&self) -> &str {
        self.0
    }
    fn packed(&self) -> &Packed {
        self.1
    }
}

/// Encodes `words` (in the index's order) with the scores of `postings`, `window` words at
/// a time; each window's words are dropped once handed on. The files do not depend on
/// `window`.
fn encode_all<W: WordPostings + Send>(
    files: &IndexFiles,
    postings: &Postings,
    words: Vec<W>,
    window: usize,
    each: &(dyn Fn(Vec<SearchFile>) -> Result<()> + Sync),
) -> Result<()> {
    let IndexFiles {
        dir,
        language,
        records,
        kinds,
        pack,
    } = *files;
    let mut chunks = Chunks {
        dir,
        pack,
        each,
        refs: Vec::new(),
        closed: Vec::new(),
        current: Vec::new(),
        first: String::new(),
        previous: Vec::new(),
    };
    let mut words = words.into_iter().peekable();
    while words.peek().is_some() {
        let window: Vec<W> = words.by_ref().take(window).collect();
        // Each word's postings as its chunk gives them, and its tail, made in parallel (each
        // word's postings unpacked and scored once); only the words' own bytes and the cuts
        // between chunks are left to [`Chunks::add`].
        let encoded: Vec<(Vec<u8>, Option<TailFile>)> = window
            .par_iter()
            .map(|word| encode_word(dir, postings, word.packed(), pack))
            .collect();
        let mut tails = Vec::new();
        for (word, (body, tail)) in window.iter().zip(encoded) {
            chunks.add(word.word(), &body);
            if let Some((path, contents)) = tail {
                tails.push(SearchFile { path, contents });
            }
        }
        each(tails)?;
        chunks.hand_on_closed()?;
    }
    let refs = chunks.finish()?;
    let entry = Entry {
        format: FORMAT,
        language,
        records,
        kinds,
        chunks: refs,
    };
    each(vec![SearchFile {
        path: format!("{dir}entry.json"),
        contents: serde_json::to_vec(&entry).unwrap_or_default(),
    }])
}

/// The word chunks being cut: the one being filled, those closed but not yet compressed,
/// and a reference to every chunk handed on, for the entry file.
struct Chunks<'a> {
    dir: &'a str,
    pack: &'a (dyn Fn(&[u8]) -> Vec<u8> + Sync),
    each: &'a (dyn Fn(Vec<SearchFile>) -> Result<()> + Sync),
    refs: Vec<ChunkRef>,
    /// Closed chunks, with the first word of each (empty for the first chunk).
    closed: Vec<(String, Vec<u8>)>,
    current: Vec<u8>,
    first: String,
    previous: Vec<u8>,
}

impl Chunks<'_> {
    /// Appends `word` and its encoded postings to the current chunk, closing the chunk
    /// where [`CHUNK_MAX`] or a cut after the word ([`cuts_after`]) says.
    fn add(&mut self, word: &str, body: &[u8]) {
        if self.current.is_empty() {
            self.first = if self.refs.is_empty() && self.closed.is_empty() {
                String::new()
            } else {
                word.to_string()
            };
            self.previous.clear();
        }
        let bytes = word.as_bytes();
        let shared = bytes
            .iter()
            .zip(&self.previous)
            .take_while(|(a, b)| a == b)
            .count();
        varint(&mut self.current, shared as u64);
        varint(&mut self.current, (bytes.len() - shared) as u64);
        self.current.extend_from_slice(&bytes[shared..]);
        self.current.extend_from_slice(body);
        self.previous.clear();
        self.previous.extend_from_slice(bytes);
        if self.current.len() >= CHUNK_MAX || (self.current.len() >= CHUNK_MIN && cuts_after(word))
        {
            self.close();
        }
    }

    fn close(&mut self) {
        let first = std::mem::take(&mut self.first);
        self.closed.push((first, std::mem::take(&mut self.current)));
    }

    /// Compresses the closed chunks (in parallel), hands their files on and keeps their
    /// references.
    fn hand_on_closed(&mut self) -> Result<()> {
        let (dir, pack) = (self.dir, self.pack);
        let made: Vec<(ChunkRef, SearchFile)> = std::mem::take(&mut self.closed)
            .into_par_iter()
            .map(|(from, raw)| {
                let contents = pack(&raw);
                let path = hashed(dir, "words/w.bin", &contents);
                let file = path[dir.len()..].to_string();
                (ChunkRef { from, file }, SearchFile { path, contents })
            })
            .collect();
        let (refs, files): (Vec<ChunkRef>, Vec<SearchFile>) = made.into_iter().unzip();
        self.refs.extend(refs);
        (self.each)(files)
    }

    /// Closes the last chunk (an index always has one, if empty) and hands it on; returns
    /// the references of every chunk, in order.
    fn finish(mut self) -> Result<Vec<ChunkRef>> {
        if !self.current.is_empty() || (self.refs.is_empty() && self.closed.is_empty()) {
            self.close();
        }
        self.hand_on_closed()?;
        Ok(self.refs)
    }
}

#[cfg(test)]
mod tests {
    use super::super::postings::{Batch, Joined};
    use super::*;

    /// `words` records, record `n` holding the words `w0`..`wn` (so `w0` is in every one),
    /// encoded `window` words at a time; the files sorted by path.
    fn encoded(words: u32, window: usize) -> Vec<(String, Vec<u8>)> {
        let mut batch = Batch::default();
        let mut text = String::new();
        for number in 0..words {
            text.push_str(&format!(" w{number}"));
            batch.add(number, "", &text);
        }
        let mut joined = Joined::default();
        joined.add(batch.into_runs());
        let postings = joined.finish();
        let files = IndexFiles {
            dir: "pagefind/",
            language: "en",
            records: words,
            kinds: &[],
            pack: &gzip,
        };
        let made = std::sync::Mutex::new(Vec::new());
        let borrowed = postings
            .words
            .iter()
            .map(|(word, packed)| (word.as_str(), packed))
            .collect();
        encode_all(&files, &postings, borrowed, window, &|files| {
            let mut made = made.lock().expect("not poisoned");
            made.extend(files.into_iter().map(|file| (file.path, file.contents)));
            Ok(())
        })
        .expect("encoding into a list does not fail");
        let mut made = made.into_inner().expect("not poisoned");
        made.sort();
        made
    }

    #[test]
    fn the_files_do_not_depend_on_how_many_words_are_encoded_at_a_time() {
        // Enough words for several chunks and tails (`w0` to `w699` are in more than
        // `HEAD` records).
        let whole = encoded(1200, usize::MAX);
        let chunks = whole
            .iter()
            .filter(|(path, _)| path.contains("/words/"))
            .count();
        let tails = whole
            .iter()
            .filter(|(path, _)| path.contains("/tails/"))
            .count();
        assert!(chunks > 3, "{chunks} chunks");
        assert!(tails > 100, "{tails} tails");
        for window in [1, 7, WINDOW] {
            assert!(encoded(1200, window) == whole, "window of {window} words");
        }
    }

    #[test]
    fn varints_carry_seven_bits_a_byte_low_bits_first() {
        let mut out = Vec::new();
        for value in [0, 127, 128, 300, u64::from(u32::MAX)] {
            varint(&mut out, value);
        }
        assert_eq!(
            out,
            [0, 127, 0x80, 1, 0xac, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]
        );
    }
}
