//! The search index, written by flashpoint at build time from the site model: stories,
//! actors, events, quotes, pages and sources become records, their words an inverted index
//! cut into small chunks that the search page's script (`search.js` in the theme) fetches on
//! demand. No server and no network are involved.
//!
//! A reader's first search costs the entry file (a few kilobytes), the one or two chunks that
//! hold the typed words, and the files of the results shown, however large the site: a word's
//! chunk keeps only its best-scoring records ([`encode`]). Building holds the postings of the
//! whole site (a few bytes per word and record), never its text: records are made and indexed
//! in batches on every core, and each batch's record files are handed on as soon as it is done.
//!
//! The files sit under `pagefind/`, the folder the index has always had, so hosting rules,
//! redirects and deploy plans that name it keep working.

use rayon::prelude::*;

use crate::error::Result;
use crate::site::Site;

mod encode;
mod numbers;
mod plan;
mod postings;
mod records;
pub mod update;
mod words;

pub use plan::{RecordRef, Shard, plan};
use postings::{Batch, Joined};
use records::{Record, Records};

/// The folder of the index, inside the output.
pub const SEARCH_DIR: &str = "pagefind";

/// Records indexed together by one thread before their files are handed on.
const BATCH: usize = 256;

/// One file of the search bundle, with its path inside the output folder.
pub struct SearchFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// The folder of the index inside the output, with a trailing slash.
pub fn shard_dir(_shard: &Shard) -> String {
    format!("{SEARCH_DIR}/")
}

/// A record's file: what its result shows.
#[derive(serde::Serialize)]
struct RecordFile<'a> {
    url: &'a str,
    title: &'a str,
    kind: &'a str,
    text: &'a str,
}

/// The record's text is kept as one line: the page shows an excerpt of it as running text.
fn record_file(dir: &str, number: u32, record: &Record) -> SearchFile {
    let text = one_line(&record.text);
    let file = RecordFile {
        url: &record.url,
        title: &record.title,
        kind: record.kind,
        text: &text,
    };
    SearchFile {
        path: format!("{dir}records/{number}.json"),
        contents: serde_json::to_vec(&file).unwrap_or_default(),
    }
}

/// `text`'s words joined by single spaces, as `split_whitespace` and `join(" ")` would
/// make them, in one pass over its bytes (most of them ASCII).
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word: Option<usize> = None;
    let mut at = 0;
    while at < text.len() {
        let byte = text.as_bytes()[at];
        let (blank, width) = if byte.is_ascii() {
            ((byte as char).is_whitespace(), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or('x');
            (c.is_whitespace(), c.len_utf8())
        };
        match (blank, word) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[start..at]);
                word = None;
            }
            (false, None) => word = Some(at),
            _ => {}
        }
        at += width;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

/// Builds the index of `shard`'s records in `language` (a BCP 47 tag, recorded in the entry
/// file for the script), handing its files to `each` in several calls, from several threads,
/// in no fixed order: first the records' own files batch by batch, then the entry, chunk and
/// tail files. The files do not depend on that order or on the number of threads.
pub fn build_language(
    site: &Site,
    shard: &Shard,
    language: &str,
    each: &(dyn Fn(Vec<SearchFile>) -> Result<()> + Sync),
) -> Result<()> {
    let dir = shard_dir(shard);
    let source = Records::new(site);
    let numbering = numbers::number(&shard.members, |member| source.url(member));
    let joined = std::sync::Mutex::new(Joined::default());
    shard
        .members
        .par_chunks(BATCH)
        .zip(numbering.numbers.par_chunks(BATCH))
        .try_for_each(|(members, numbers)| {
            let mut batch = Batch::default();
            let mut files = Vec::with_capacity(members.len());
            for (&member, &number) in members.iter().zip(numbers) {
                let record = source.record(member);
                batch.add(number, &record.title, &record.text);
                files.push(record_file(&dir, number, &record));
            }
            each(files)?;
            let runs = batch.into_runs();
            joined.lock().unwrap_or_else(|p| p.into_inner()).add(runs);
            Ok(())
        })?;
    let postings = joined
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .finish();
    encode::index_files(
        &dir,
        postings,
        language,
        shard.members.len() as u32,
        &numbering.runs,
        each,
    )
}

/// Builds the files of one unit in memory, sorted by path, in the site's language.
pub fn build_shard(site: &Site, shard: &Shard) -> Result<Vec<SearchFile>> {
    let all = std::sync::Mutex::new(Vec::new());
    build_language(site, shard, &site.config.language, &|files| {
        all.lock().unwrap_or_else(|p| p.into_inner()).extend(files);
        Ok(())
    })?;
    let mut files = all.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Builds `shards` in the site's language, handing their files to `each` in batches as soon
/// as they are made (see [`build_language`]), so that the records' text is never all in
/// memory. Stops at the first failure.
pub fn build_shards(
    site: &Site,
    shards: &[Shard],
    each: &(dyn Fn(&Shard, Vec<SearchFile>) -> Result<()> + Sync),
) -> Result<()> {
    for shard in shards {
        build_language(site, shard, &site.config.language, &|files| {
            each(shard, files)
        })?;
    }
    Ok(())
}

/// Builds the whole search bundle in memory, sorted by path.
pub fn build_index(site: &Site) -> Result<Vec<SearchFile>> {
    let mut files = Vec::new();
    for shard in plan(site) {
        files.extend(build_shard(site, &shard)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Other bundles for the search page to merge: none, the index is one bundle. Kept so that
/// themes written for the sharded pagefind index still render (`search_shards` is `[]`).
pub fn bundle_paths(_site: &Site, _shards: &[Shard]) -> Vec<String> {
    Vec::new()
}

/// Feeds `feed` everything a unit's files are made from, other than the flashpoint version:
/// the site's language, the unit's name, and each record's URL, title, kind and text, every
/// piece preceded by its length. Equal inputs build byte-identical files.
pub fn shard_inputs(site: &Site, shard: &Shard, feed: &mut dyn FnMut(&[u8])) {
    let mut piece = |bytes: &[u8]| {
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(bytes);
    };
    piece(site.config.language.as_bytes());
    piece(shard.name.as_bytes());
    let records = Records::new(site);
    for &member in &shard.members {
        let record = records.record(member);
        piece(record.url.as_bytes());
        piece(record.title.as_bytes());
        piece(record.kind.as_bytes());
        piece(record.text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_record_text_is_one_line_of_words_split_as_unicode_whitespace_splits_them() {
        for text in [
            "",
            "   ",
            "one",
            "  Summary.\nBody  text\there \u{a0}nbsp\u{2003}em\u{3000}北\r\n",
            "\u{85}next\u{b}vt\u{c}ff\u{1c}not-blank end",
            "ünïcødé  wörds\n\n",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(one_line(text), expected, "{text:?}");
        }
    }
}
