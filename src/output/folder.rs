//! The output folder and the things a build keeps beside it while it runs: a lock file,
//! the staging folder, and the commit folder (journal and backups). Before a build reads
//! the output it takes the lock, finishes what a killed build left half done, and removes
//! staging folders that crashed builds left behind.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs;

use super::commit;

/// An output folder locked for one build. The lock is released when this is dropped
/// (or the process dies: it is an advisory lock the kernel drops with the process).
pub struct OutputFolder {
    /// The folder, with symlinks resolved.
    pub(crate) path: PathBuf,
    pub(crate) parent: PathBuf,
    pub(crate) name: String,
    /// Whether a non-empty folder without a record of flashpoint's files may be written into.
    pub(crate) force: bool,
    _lock: File,
}

impl OutputFolder {
    /// Locks `path` (already resolved, see [`crate::fs::resolve`]) for a build and brings
    /// it back to a consistent state if a build was killed while moving files in. Refuses,
    /// rather than waits, when another build holds the lock: a build that waited would
    /// then overwrite the other's output with a site read before it finished.
    pub fn prepare(path: &Path, force: bool) -> Result<OutputFolder> {
        let (parent, name) = parent_and_name(path);
        fs::create_dir_all(&parent)?;
        if path.exists() && !path.is_dir() {
            return Err(Error::Internal(format!(
                "cannot build into {}: it is a file, not a folder",
                path.display()
            )));
        }
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock = fs::open_lock_file(&lock_path)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Internal(format!(
                    "another flashpoint build is writing into {} (it holds the lock {}); \
                     this build stopped without changing anything: run it again when the other has finished",
                    path.display(),
                    lock_path.display()
                )));
            }
            Err(TryLockError::Error(source)) => {
                return Err(Error::Io {
                    action: "cannot lock",
                    path: lock_path,
                    source,
                });
            }
        }
        let folder = OutputFolder {
            path: path.to_path_buf(),
            parent,
            name,
            force,
            _lock: lock,
        };
        commit::recover(&folder)?;
        folder.remove_stale_staging()?;
        Ok(folder)
    }

    /// Whether a build into `path` was killed while moving files in, leaving a journal (or
    /// staging folders) for the next build to deal with. A build whose input turns out to
    /// be broken still restores such an output first; one that finds nothing to restore
    /// touches nothing until its input has loaded.
    pub fn interrupted(path: &Path) -> bool {
        let (parent, name) = parent_and_name(path);
        let prefix = format!(".{name}.staging-");
        parent.join(format!(".{name}.commit")).exists()
            || std::fs::read_dir(&parent).is_ok_and(|entries| {
                entries
                    .flatten()
                    .any(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
            })
    }

    /// An unlocked handle on `path`, for unit tests of the commit.
    #[cfg(test)]
    pub(crate) fn for_test(path: &Path) -> OutputFolder {
        let parent = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        OutputFolder {
            path: path.to_path_buf(),
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            _lock: File::create(parent.join(".test.lock")).unwrap(),
            parent,
            force: false,
        }
    }

    /// The prefix of staging folders' names, beside the output.
    pub(crate) fn staging_prefix(&self) -> String {
        format!(".{}.staging-", self.name)
    }

    /// The folder holding the journal and backups of a commit in progress.
    pub(crate) fn commit_dir(&self) -> PathBuf {
        self.parent.join(format!(".{}.commit", self.name))
    }

    /// Staging folders are only ever in use under the lock, which this build holds: any
    /// found now were left by a build that crashed or was killed.
    fn remove_stale_staging(&self) -> Result<()> {
        let prefix = self.staging_prefix();
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix)
                && entry.file_type().is_ok_and(|kind| kind.is_dir())
            {
                fs::remove_dir_all(&entry.path())?;
            }
        }
        Ok(())
    }
}

/// The folder holding `path` and `path`'s own name (`public` for a path with none).
fn parent_and_name(path: &Path) -> (PathBuf, String) {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}
