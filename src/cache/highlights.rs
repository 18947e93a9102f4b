//! Highlighted code blocks kept between builds, by the fingerprint of their language and
//! text: highlighting is the slowest part of rendering a page.
//!
//! The file holds the blocks' HTML one after another, then an index (key, offset, length
//! and checksum of each block) and a trailer. Only the index is read into memory; a block
//! is read from the file when a page wants it, and checked against its checksum. Blocks
//! made in this build are written to a new file as they are made, so memory stays small
//! on large sites.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::fingerprint::{Fingerprint, FingerprintHasher};
use crate::markdown::HighlightStore;

const MAGIC: &[u8] = b"flashpoint-highlights-2\n";
/// Index entry: key, offset, length, checksum.
const ENTRY_BYTES: usize = 32 + 8 + 4 + 32;
/// Trailer: index offset, entry count, index checksum, magic.
const TRAILER_BYTES: usize = 8 + 8 + 32 + MAGIC.len();

#[derive(Clone, Copy)]
struct Entry {
    offset: u64,
    len: u32,
    checksum: Fingerprint,
}

/// The blocks of the last build's file, read when a block is first wanted.
struct Stored {
    file: File,
    index: HashMap<Fingerprint, Entry>,
}

/// The blocks of this build, written as they are made.
struct Fresh {
    out: BufWriter<File>,
    offset: u64,
    index: Vec<(Fingerprint, Entry)>,
    written: HashSet<Fingerprint>,
}

/// Code blocks highlighted by earlier builds, and those of this one.
#[derive(Default)]
pub struct HighlightMemo {
    /// Where the blocks are kept; none keeps nothing.
    path: Option<PathBuf>,
    stored: OnceLock<Option<Stored>>,
    fresh: Mutex<Option<Fresh>>,
    damaged: AtomicBool,
    write_failed: AtomicBool,
    used: AtomicUsize,
}

impl HighlightMemo {
    pub fn key(language: &str, source: &str) -> Fingerprint {
        FingerprintHasher::new()
            .str(env!("FLASHPOINT_BUILD_ID"))
            .str(language)
            .str(source)
            .finish()
    }

    /// A memo kept in the file `path`.
    pub fn stored_in(path: PathBuf) -> HighlightMemo {
        HighlightMemo {
            path: Some(path),
            ..HighlightMemo::default()
        }
    }

    fn partial_path(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .map(|path| path.with_extension("partial"))
    }

    fn stored(&self) -> Option<&Stored> {
        self.stored
            .get_or_init(|| {
                let path = self.path.as_ref()?;
                let file = File::open(path).ok()?;
                match read_index(&file) {
                    Some(index) => Some(Stored { file, index }),
                    None => {
                        self.damaged.store(true, Ordering::Relaxed);
                        None
                    }
                }
            })
            .as_ref()
    }

    fn stored_block(&self, key: &Fingerprint) -> Option<String> {
        let stored = self.stored()?;
        let entry = stored.index.get(key)?;
        let mut html = vec![0; entry.len as usize];
        stored.file.read_exact_at(&mut html, entry.offset).ok()?;
        if Fingerprint::of(&html) != entry.checksum {
            self.damaged.store(true, Ordering::Relaxed);
            return None;
        }
        String::from_utf8(html).ok()
    }

    /// Whether the file of earlier blocks was read and found damaged.
    pub fn was_damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// How many blocks this build asked for.
    pub fn used_count(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }

    /// The highlighted HTML of a block, from the memo or made by `highlight`.
    pub fn get_or_insert(&self, key: Fingerprint, highlight: impl FnOnce() -> String) -> String {
        self.used.fetch_add(1, Ordering::Relaxed);
        let html = self.stored_block(&key).unwrap_or_else(highlight);
        self.append(key, &html);
        html
    }

    fn append(&self, key: Fingerprint, html: &str) {
        let Some(partial) = self.partial_path() else {
            return;
        };
        if self.write_failed.load(Ordering::Relaxed) {
            return;
        }
        let mut fresh = self.fresh.lock().unwrap_or_else(|p| p.into_inner());
        if fresh.is_none() {
            let opened = partial
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| File::create(&partial))
                .and_then(|file| {
                    let mut out = BufWriter::new(file);
                    out.write_all(MAGIC)?;
                    Ok(out)
                });
            match opened {
                Ok(out) => {
                    *fresh = Some(Fresh {
                        out,
                        offset: MAGIC.len() as u64,
                        index: Vec::new(),
                        written: HashSet::new(),
                    })
                }
                Err(_) => {
                    self.write_failed.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
        let Some(fresh) = fresh.as_mut() else {
            return;
        };
        if !fresh.written.insert(key) {
            return;
        }
        if fresh.out.write_all(html.as_bytes()).is_err() {
            self.write_failed.store(true, Ordering::Relaxed);
            return;
        }
        fresh.index.push((
            key,
            Entry {
                offset: fresh.offset,
                len: html.len() as u32,
                checksum: Fingerprint::of(html.as_bytes()),
            },
        ));
        fresh.offset += html.len() as u64;
    }

    /// Makes this build's blocks the memo for the next build, when `replace` (a build that
    /// rendered most pages, and so used most blocks); otherwise the earlier memo stays.
    pub fn finish(&self, replace: bool) -> std::io::Result<()> {
        let Some(fresh) = self.fresh.lock().unwrap_or_else(|p| p.into_inner()).take() else {
            return Ok(());
        };
        let (Some(path), Some(partial)) = (self.path.as_ref(), self.partial_path()) else {
            return Ok(());
        };
        if !replace || self.write_failed.load(Ordering::Relaxed) {
            drop(fresh);
            return std::fs::remove_file(partial);
        }
        let Fresh {
            mut out,
            offset,
            mut index,
            ..
        } = fresh;
        index.sort_by_key(|(key, _)| *key);
        let mut index_bytes = Vec::with_capacity(index.len() * ENTRY_BYTES);
        for (key, entry) in &index {
            index_bytes.extend_from_slice(key.as_bytes());
            index_bytes.extend_from_slice(&entry.offset.to_le_bytes());
            index_bytes.extend_from_slice(&entry.len.to_le_bytes());
            index_bytes.extend_from_slice(entry.checksum.as_bytes());
        }
        out.write_all(&index_bytes)?;
        out.write_all(&offset.to_le_bytes())?;
        out.write_all(&(index.len() as u64).to_le_bytes())?;
        out.write_all(Fingerprint::of(&index_bytes).as_bytes())?;
        out.write_all(MAGIC)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_data()?;
        std::fs::rename(partial, path)
    }
}

impl HighlightStore for HighlightMemo {
    fn get_or_insert(
        &self,
        language: &str,
        source: &str,
        highlight: &dyn Fn() -> String,
    ) -> String {
        HighlightMemo::get_or_insert(self, HighlightMemo::key(language, source), highlight)
    }
}

/// The index of a memo file, if the file is whole.
fn read_index(file: &File) -> Option<HashMap<Fingerprint, Entry>> {
    let mut file = file;
    let size = file.metadata().ok()?.len();
    let trailer_at = size.checked_sub(TRAILER_BYTES as u64)?;
    let mut trailer = [0; TRAILER_BYTES];
    file.seek(SeekFrom::Start(trailer_at)).ok()?;
    file.read_exact(&mut trailer).ok()?;
    let (index_at, rest) = trailer.split_at(8);
    let (count, rest) = rest.split_at(8);
    let (checksum, magic) = rest.split_at(32);
    if magic != MAGIC {
        return None;
    }
    let index_at = u64::from_le_bytes(index_at.try_into().ok()?);
    let count = u64::from_le_bytes(count.try_into().ok()?) as usize;
    if index_at.checked_add((count * ENTRY_BYTES) as u64)? != trailer_at {
        return None;
    }
    let mut bytes = vec![0; count * ENTRY_BYTES];
    file.seek(SeekFrom::Start(index_at)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    if Fingerprint::of(&bytes).as_bytes() != checksum {
        return None;
    }
    let mut index = HashMap::with_capacity(count);
    for entry in bytes.chunks_exact(ENTRY_BYTES) {
        let (key, rest) = entry.split_at(32);
        let (offset, rest) = rest.split_at(8);
        let (len, checksum) = rest.split_at(4);
        let entry = Entry {
            offset: u64::from_le_bytes(offset.try_into().ok()?),
            len: u32::from_le_bytes(len.try_into().ok()?),
            checksum: Fingerprint::from_bytes(checksum.try_into().ok()?),
        };
        if entry.offset.checked_add(entry.len as u64)? > index_at {
            return None;
        }
        index.insert(Fingerprint::from_bytes(key.try_into().ok()?), entry);
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn memo_with_one_block(file: &Path) -> Fingerprint {
        let memo = HighlightMemo::stored_in(file.to_path_buf());
        let key = HighlightMemo::key("rust", "fn main() {}");
        memo.get_or_insert(key, || "<pre>x</pre>".to_string());
        memo.finish(true).unwrap();
        key
    }

    #[test]
    fn blocks_are_kept_for_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("highlights.bin");
        let key = memo_with_one_block(&file);
        let next = HighlightMemo::stored_in(file.clone());
        assert_eq!(next.get_or_insert(key, || unreachable!()), "<pre>x</pre>");
        assert!(!next.was_damaged());
        // A build that rendered only a few pages leaves the memo as it was.
        next.finish(false).unwrap();
        assert!(file.is_file() && !file.with_extension("partial").exists());
        let again = HighlightMemo::stored_in(file);
        assert_eq!(again.get_or_insert(key, || unreachable!()), "<pre>x</pre>");
    }

    #[test]
    fn a_damaged_block_or_index_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("highlights.bin");
        let key = memo_with_one_block(&file);
        let bytes = std::fs::read(&file).unwrap();

        let mut block_damaged = bytes.clone();
        block_damaged[MAGIC.len() + 2] ^= 1;
        std::fs::write(&file, &block_damaged).unwrap();
        let memo = HighlightMemo::stored_in(file.clone());
        assert_eq!(memo.get_or_insert(key, || "fresh".to_string()), "fresh");
        assert!(memo.was_damaged());

        for cut in [1, 40, bytes.len() - MAGIC.len()] {
            std::fs::write(&file, &bytes[..bytes.len() - cut]).unwrap();
            let memo = HighlightMemo::stored_in(file.clone());
            assert_eq!(memo.get_or_insert(key, || "fresh".to_string()), "fresh");
            assert!(memo.was_damaged(), "cut {cut}");
        }
    }
}
