//! What `serve` last served, kept on disk in the build cache folder so that the next
//! `serve` of a large site answers at once. It is read two ways: by address, a file at a
//! time, to answer requests before the first build has run (see [`super::provisional`]);
//! and whole, behind them, where a page is kept only when the key the current sources give
//! that page is the key it was made from (see
//! [`Engine::start_from_snapshot`](super::Engine::start_from_snapshot)), so that the first
//! build renders only the rest.
//!
//! Two files: `index.json` names each file with its key, length and the hash of its bytes,
//! `files.bin` holds their bytes one after the other. Both are written aside and renamed
//! into place, the blob first, so that a reader never pairs an index with a blob it does
//! not describe: the index names the blob's length and is ignored when that does not
//! match, and a file whose bytes do not hash as recorded is never served.

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use axum::body::Bytes;
use serde::{Deserialize, Serialize};

use crate::fingerprint::Fingerprint;

/// Bumped whenever the snapshot's shape or meaning changes.
const FORMAT: &str = "flashpoint-serve-snapshot-2";

/// The folder, under the build cache folder.
const DIR: &str = "serve";
const INDEX_FILE: &str = "index.json";
const BLOB_FILE: &str = "files.bin";

#[derive(Serialize, Deserialize)]
struct Index {
    format: String,
    flashpoint: String,
    /// The origin the files were served at: their pages link it. (Defaults, like `hash`,
    /// let an older snapshot be read far enough to see its format.)
    #[serde(default)]
    origin: String,
    /// The length of `files.bin` this index describes.
    blob_len: u64,
    files: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    /// The key of the page or search shard, in hex; None for files made from the whole site.
    key: Option<String>,
    len: u64,
    /// The hash of the file's bytes, in hex: a damaged blob is never served.
    #[serde(default)]
    hash: String,
}

/// Files of the snapshot that were made from a key: (path, bytes, key).
pub(crate) type KeyedFiles = Vec<(String, Bytes, Fingerprint)>;

fn folder(root: &Path) -> PathBuf {
    root.join(crate::cache::CACHE_DIR).join(DIR)
}

/// Where the snapshot's index is, for messages.
pub(crate) fn index_path(root: &Path) -> PathBuf {
    folder(root).join(INDEX_FILE)
}

/// Writes every served file, with the key it was made from when it has one.
pub(crate) fn save(
    root: &Path,
    origin: &str,
    files: Vec<(String, Bytes, Option<Fingerprint>)>,
) -> std::io::Result<()> {
    let folder = folder(root);
    std::fs::create_dir_all(&folder)?;
    let mut entries = Vec::new();
    let blob_path = folder.join(BLOB_FILE);
    let blob_tmp = folder.join("files.bin.tmp");
    let mut blob = std::io::BufWriter::new(std::fs::File::create(&blob_tmp)?);
    let mut blob_len = 0;
    for (path, bytes, key) in files {
        blob.write_all(&bytes)?;
        blob_len += bytes.len() as u64;
        entries.push(Entry {
            path,
            key: key.map(Fingerprint::to_hex),
            len: bytes.len() as u64,
            hash: Fingerprint::of(&bytes).to_hex(),
        });
    }
    blob.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    let index = Index {
        format: FORMAT.to_string(),
        flashpoint: env!("FLASHPOINT_BUILD_ID").to_string(),
        origin: origin.to_string(),
        blob_len,
        files: entries,
    };
    let index_tmp = folder.join("index.json.tmp");
    std::fs::write(
        &index_tmp,
        serde_json::to_vec(&index).map_err(std::io::Error::other)?,
    )?;
    std::fs::rename(&blob_tmp, &blob_path)?;
    std::fs::rename(&index_tmp, folder.join(INDEX_FILE))
}

/// Why a snapshot that is there cannot be used: None for one written by another
/// flashpoint or served at another origin, which is expected and not worth a warning.
pub(crate) type Unusable = Option<String>;

/// The snapshot's index, checked against its blob's length.
fn read_index(
    root: &Path,
    origin: &str,
) -> std::result::Result<Option<(Index, std::fs::File)>, Unusable> {
    let folder = folder(root);
    let bytes = match std::fs::read(folder.join(INDEX_FILE)) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Some(format!("it cannot be read ({error})"))),
    };
    let index: Index =
        serde_json::from_slice(&bytes).map_err(|error| Some(format!("it is damaged ({error})")))?;
    if index.format != FORMAT
        || index.flashpoint != env!("FLASHPOINT_BUILD_ID")
        || index.origin != origin
    {
        return Err(None);
    }
    let blob = std::fs::File::open(folder.join(BLOB_FILE))
        .map_err(|error| Some(format!("its {BLOB_FILE} cannot be read ({error})")))?;
    let len = blob.metadata().map(|m| m.len()).unwrap_or(0);
    if len != index.blob_len {
        return Err(Some(format!(
            "its {BLOB_FILE} is truncated or replaced ({len} bytes, not {})",
            index.blob_len
        )));
    }
    Ok(Some((index, blob)))
}

/// The snapshot's keyed files whose bytes hash as recorded; None when there is none, or it
/// was written by another flashpoint, or it is damaged (then `serve` starts as if there
/// were none: [`Lazy::open`] has already said why).
pub(crate) fn load(root: &Path, origin: &str) -> Option<KeyedFiles> {
    let (index, mut file) = read_index(root, origin).ok()??;
    let mut blob = Vec::new();
    file.read_to_end(&mut blob).ok()?;
    let blob = Bytes::from(blob);
    if blob.len() as u64 != index.blob_len {
        return None;
    }
    let mut at = 0usize;
    let mut files = Vec::with_capacity(index.files.len());
    for entry in index.files {
        let end = at.checked_add(usize::try_from(entry.len).ok()?)?;
        let bytes = blob.get(at..end).map(|_| blob.slice(at..end))?;
        at = end;
        let Some(key) = entry.key.as_deref().and_then(Fingerprint::from_hex) else {
            continue;
        };
        if Fingerprint::from_hex(&entry.hash) == Some(Fingerprint::of(&bytes)) {
            files.push((entry.path, bytes, key));
        }
    }
    Some(files)
}

/// The snapshot opened for reading a file at a time: only its index is read whole.
pub(crate) struct Lazy {
    /// Each file's place in the blob and the hash of its bytes.
    places: HashMap<String, (u64, usize, Fingerprint)>,
    blob: Mutex<std::fs::File>,
    /// When the index was written.
    pub(crate) written: SystemTime,
}

/// What reading one file of a [`Lazy`] snapshot found.
pub(crate) enum Lookup {
    Found(Bytes),
    Absent,
    /// The bytes are not the ones the index records: the blob was damaged since.
    Damaged,
}

impl Lazy {
    /// The snapshot, when there is one this flashpoint wrote serving at `origin`; Err with why when one is
    /// there but cannot be used.
    pub(crate) fn open(root: &Path, origin: &str) -> std::result::Result<Option<Lazy>, Unusable> {
        let Some((index, blob)) = read_index(root, origin)? else {
            return Ok(None);
        };
        let written = std::fs::metadata(index_path(root))
            .and_then(|m| m.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let mut places = HashMap::with_capacity(index.files.len());
        let mut at = 0u64;
        for entry in index.files {
            let damaged = || Some(format!("it is damaged (the entry for `{}`)", entry.path));
            let len = usize::try_from(entry.len).map_err(|_| damaged())?;
            let hash = Fingerprint::from_hex(&entry.hash).ok_or_else(damaged)?;
            places.insert(entry.path, (at, len, hash));
            at = at.checked_add(entry.len).ok_or(None)?;
        }
        if at != index.blob_len {
            return Err(Some(format!(
                "it is damaged (its entries add up to {at} bytes, not {})",
                index.blob_len
            )));
        }
        Ok(Some(Lazy {
            places,
            blob: Mutex::new(blob),
            written,
        }))
    }

    /// How many files it holds.
    pub(crate) fn len(&self) -> usize {
        self.places.len()
    }

    /// The file at site-relative `name`.
    pub(crate) fn read(&self, name: &str) -> Lookup {
        let Some(&(at, len, hash)) = self.places.get(name) else {
            return Lookup::Absent;
        };
        let mut bytes = vec![0; len];
        let mut blob = self.blob.lock().unwrap_or_else(|p| p.into_inner());
        let read = blob
            .seek(SeekFrom::Start(at))
            .and_then(|_| blob.read_exact(&mut bytes));
        drop(blob);
        match read {
            Ok(()) if Fingerprint::of(&bytes) == hash => Lookup::Found(Bytes::from(bytes)),
            _ => Lookup::Damaged,
        }
    }
}
