//! What `serve` last served, kept on disk in the build cache folder so that the next
//! `serve` of a large site answers at once: on start, a page of the snapshot is served only
//! when the key the current sources give that page is the key it was made from (see
//! [`Engine::start_from_snapshot`](super::Engine::start_from_snapshot)); the first rebuild
//! then keeps those pages and renders the rest.
//!
//! `build`'s own output cannot serve here: its pages are made for the site's real address
//! and link hashed asset names, so they differ from what `serve` draws.
//!
//! Two files: `index.json` names each file with its key and length, `files.bin` holds their
//! bytes one after the other. Both are written aside and renamed into place, the blob
//! first, so that a reader never pairs an index with a blob it does not describe: the
//! index names the blob's length and is ignored when that does not match.

use std::io::Write;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use serde::{Deserialize, Serialize};

use crate::fingerprint::Fingerprint;

/// Bumped whenever the snapshot's shape or meaning changes.
const FORMAT: &str = "flashpoint-serve-snapshot-1";

/// The folder, under the build cache folder.
const DIR: &str = "serve";

#[derive(Serialize, Deserialize)]
struct Index {
    format: String,
    flashpoint: String,
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
}

/// Files of the snapshot that were made from a key: (path, bytes, key).
pub(crate) type KeyedFiles = Vec<(String, Bytes, Fingerprint)>;

fn folder(root: &Path) -> PathBuf {
    root.join(crate::cache::CACHE_DIR).join(DIR)
}

/// Writes the files and their keys; files without a key are left out, since nothing says
/// whether they are still right.
pub(crate) fn save(
    root: &Path,
    files: Vec<(String, Bytes, Option<Fingerprint>)>,
) -> std::io::Result<()> {
    let folder = folder(root);
    std::fs::create_dir_all(&folder)?;
    let mut entries = Vec::new();
    let blob_path = folder.join("files.bin");
    let blob_tmp = folder.join("files.bin.tmp");
    let mut blob = std::io::BufWriter::new(std::fs::File::create(&blob_tmp)?);
    let mut blob_len = 0;
    for (path, bytes, key) in files {
        let Some(key) = key else { continue };
        blob.write_all(&bytes)?;
        blob_len += bytes.len() as u64;
        entries.push(Entry {
            path,
            key: Some(key.to_hex()),
            len: bytes.len() as u64,
        });
    }
    blob.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    let index = Index {
        format: FORMAT.to_string(),
        flashpoint: env!("FLASHPOINT_BUILD_ID").to_string(),
        blob_len,
        files: entries,
    };
    let index_tmp = folder.join("index.json.tmp");
    std::fs::write(
        &index_tmp,
        serde_json::to_vec(&index).map_err(std::io::Error::other)?,
    )?;
    std::fs::rename(&blob_tmp, &blob_path)?;
    std::fs::rename(&index_tmp, folder.join("index.json"))
}

/// The snapshot's keyed files; None when there is none, or it was written by another
/// flashpoint, or it is damaged (then `serve` starts as if there were none).
pub(crate) fn load(root: &Path) -> Option<KeyedFiles> {
    let folder = folder(root);
    let index: Index =
        serde_json::from_slice(&std::fs::read(folder.join("index.json")).ok()?).ok()?;
    if index.format != FORMAT || index.flashpoint != env!("FLASHPOINT_BUILD_ID") {
        return None;
    }
    let blob = Bytes::from(std::fs::read(folder.join("files.bin")).ok()?);
    if blob.len() as u64 != index.blob_len {
        return None;
    }
    let mut at = 0usize;
    let mut files = Vec::with_capacity(index.files.len());
    for entry in index.files {
        let end = at.checked_add(usize::try_from(entry.len).ok()?)?;
        let bytes = blob.get(at..end).map(|_| blob.slice(at..end))?;
        at = end;
        if let Some(key) = entry.key.as_deref().and_then(Fingerprint::from_hex) {
            files.push((entry.path, bytes, key));
        }
    }
    Some(files)
}
