//! What a build owns in its output folder. The output may be shared: a GitHub Pages deploy
//! repository checked out in `public/` holds `.git/`, `CNAME` and `.nojekyll` beside the
//! pages. So a build deletes only files that the previous build recorded writing, and
//! never a dotfile or anything under a dot-folder, even if somehow recorded.
//!
//! The record is `.flashpoint-output.json` inside the output: it moves with the folder,
//! survives `--no-cache` and the removal of `.flashpoint-cache/`, and is replaced in the
//! same commit as the pages it lists. A cache manifest of an older build, which lists the
//! same files, counts as a record too.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The record's name inside the output folder.
pub const RECORD_FILE: &str = ".flashpoint-output.json";
const FORMAT: &str = "flashpoint-output-1";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    format: String,
    /// Files written by the build, by output-relative path with `/` separators.
    files: BTreeSet<String>,
}

/// The record's bytes for a build that wrote `files`.
pub(crate) fn record_bytes<'a>(files: impl Iterator<Item = &'a String>) -> Vec<u8> {
    let record = Record {
        format: FORMAT.into(),
        files: files.cloned().collect(),
    };
    let mut json = serde_json::to_vec_pretty(&record).unwrap_or_default();
    json.push(b'\n');
    json
}

/// Whether flashpoint may ever delete this output file: not a dotfile, and not under a
/// dot-folder such as `.git/`.
pub(crate) fn may_delete(file: &str) -> bool {
    !file.split('/').any(|part| part.starts_with('.'))
}

/// What is known about who made an output folder.
#[derive(Debug)]
pub(crate) enum Ownership {
    /// The folder does not exist, or holds nothing but dotfiles.
    Empty,
    /// A previous build recorded writing these files.
    Recorded(BTreeSet<String>),
    /// The folder holds files and no record says flashpoint wrote them.
    Foreign {
        /// Why the folder counts as not made by flashpoint.
        why: String,
    },
}

/// Reads the ownership record of `output`, falling back to the files listed by an older
/// build's cache manifest at `manifest`.
pub(crate) fn ownership(output: &Path, manifest: &Path) -> Result<Ownership> {
    let record_path = output.join(RECORD_FILE);
    let damaged = match std::fs::read(&record_path) {
        Ok(bytes) => match serde_json::from_slice::<Record>(&bytes) {
            Ok(record) if record.format == FORMAT => return Ok(Ownership::Recorded(record.files)),
            Ok(record) => Some(format!(
                "its record {RECORD_FILE} has the unknown format `{}`",
                record.format
            )),
            Err(error) => Some(format!("its record {RECORD_FILE} cannot be read ({error})")),
        },
        Err(_) => None,
    };
    // Checked before the manifest: an output deleted by hand while the cache stayed has
    // nothing left to take over, and its folder may not even exist.
    if !holds_visible_files(output)? {
        return Ok(Ownership::Empty);
    }
    if damaged.is_none()
        && let Some(files) = manifest_files(manifest)
    {
        return Ok(Ownership::Recorded(files));
    }
    Ok(Ownership::Foreign {
        why: damaged.unwrap_or_else(|| {
            format!("it holds files and no record ({RECORD_FILE}) says flashpoint wrote them")
        }),
    })
}

/// The files a cache manifest lists, read loosely: any manifest format or flashpoint
/// version that has a `files` object will do, since only the names matter here.
fn manifest_files(manifest: &Path) -> Option<BTreeSet<String>> {
    let bytes = std::fs::read(manifest).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let files = value.get("files")?.as_object()?;
    Some(files.keys().cloned().collect())
}

fn holds_visible_files(output: &Path) -> Result<bool> {
    let entries = match std::fs::read_dir(output) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(Error::Io {
                action: "cannot list",
                path: output.to_path_buf(),
                source,
            });
        }
    };
    Ok(entries
        .flatten()
        .any(|entry| !entry.file_name().to_string_lossy().starts_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotfiles_and_anything_under_a_dot_folder_are_never_deleted() {
        assert!(may_delete("stories/x/index.html"));
        assert!(may_delete("CNAME"));
        assert!(!may_delete(".nojekyll"));
        assert!(!may_delete(".git/objects/ab/cdef"));
        assert!(!may_delete("stories/.keep"));
    }

    #[test]
    fn a_record_lists_the_files_it_was_made_from() {
        let dir = tempfile::tempdir().unwrap();
        let files = ["a.html".to_string(), "b/c.html".to_string()];
        std::fs::write(dir.path().join(RECORD_FILE), record_bytes(files.iter())).unwrap();
        match ownership(dir.path(), &dir.path().join("none")).unwrap() {
            Ownership::Recorded(listed) => assert_eq!(listed, files.into_iter().collect()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_folder_with_only_dotfiles_counts_as_empty_and_one_with_files_as_foreign() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let none = dir.path().join("none");
        assert!(matches!(
            ownership(dir.path(), &none).unwrap(),
            Ownership::Empty
        ));
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            ownership(dir.path(), &none).unwrap(),
            Ownership::Foreign { .. }
        ));
    }
}
