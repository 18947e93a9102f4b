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

/// The entry, chunk and tail files of `postings`, under `dir` (`pagefind/`).
pub(super) fn index_files(
    dir: &str,
    postings: &Postings,
    language: &str,
    records: u32,
    kinds: &[KindRun],
) -> Vec<SearchFile> {
    index_files_packed(dir, postings, language, records, kinds, &gzip)
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
) -> Vec<SearchFile> {
    let mut files = Vec::new();
    // Every word's postings as its chunk gives them, and its tail, made in parallel (each
    // word's postings unpacked and scored once); only the words' own bytes and the cuts
    // between chunks are left to the loop below.
    let encoded: Vec<(Vec<u8>, Option<TailFile>)> = postings
        .words
        .par_iter()
        .map(|(_, packed)| encode_word(dir, postings, packed, pack))
        .collect();
    let mut raw_chunks: Vec<(String, Vec<u8>)> = Vec::new();
    let mut current = Vec::new();
    let mut first = String::new();
    let mut previous: &[u8] = &[];
    for ((word, _), (body, _)) in postings.words.iter().zip(&encoded) {
        if current.is_empty() {
            first = if raw_chunks.is_empty() {
                String::new()
            } else {
                word.clone()
            };
            previous = &[];
        }
        let bytes = word.as_bytes();
        let shared = bytes
            .iter()
            .zip(previous)
            .take_while(|(a, b)| a == b)
            .count();
        varint(&mut current, shared as u64);
        varint(&mut current, (bytes.len() - shared) as u64);
        current.extend_from_slice(&bytes[shared..]);
        current.extend_from_slice(body);
        previous = bytes;
        if current.len() >= CHUNK_MAX || (current.len() >= CHUNK_MIN && cuts_after(word)) {
            raw_chunks.push((std::mem::take(&mut first), std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() || raw_chunks.is_empty() {
        raw_chunks.push((first, current));
    }
    let tails: Vec<TailFile> = encoded.into_iter().filter_map(|(_, tail)| tail).collect();
    let chunks: Vec<(String, String, Vec<u8>)> = raw_chunks
        .into_par_iter()
        .map(|(from, raw)| {
            let contents = pack(&raw);
            (from, hashed(dir, "words/w.bin", &contents), contents)
        })
        .collect();
    let entry = Entry {
        format: FORMAT,
        language,
        records,
        kinds,
        chunks: chunks
            .iter()
            .map(|(from, file, _)| ChunkRef {
                from: from.clone(),
                file: file[dir.len()..].to_string(),
            })
            .collect(),
    };
    files.push(SearchFile {
        path: format!("{dir}entry.json"),
        contents: serde_json::to_vec(&entry).unwrap_or_default(),
    });
    files.extend(
        chunks
            .into_iter()
            .map(|(_, path, contents)| SearchFile { path, contents }),
    );
    files.extend(
        tails
            .into_iter()
            .map(|(path, contents)| SearchFile { path, contents }),
    );
    files
}

#[cfg(test)]
mod tests {
    use super::*;

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
