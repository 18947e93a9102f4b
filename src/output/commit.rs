//! Moving a build's staged files into the output so that a failed or killed build leaves
//! the previous output as it was. The output folder stays in place (people serve it or
//! bind-mount it), so the commit is a series of renames made undoable by a journal:
//!
//! 1. the journal (which files are added, replaced and deleted, and where the staging
//!    folder is) is written, flushed, into the commit folder beside the output;
//! 2. every file to delete or replace is first moved into the commit folder's backup;
//! 3. the staged files are moved in;
//! 4. the journal is removed: that is the moment the new output is committed. Only then
//!    are the backups and the staging folder removed.
//!
//! A step that fails rolls back at once. A build killed between 1 and 4 leaves the journal
//! behind; the next build reads it and rolls back before anything else ([`recover`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fs;

use super::folder::OutputFolder;

const JOURNAL_FILE: &str = "journal.json";
const BACKUP_DIR: &str = "backup";

/// What one commit does, written down before it starts.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    /// The staging folder's name, beside the output.
    staging: String,
    /// Staged files that nothing stood at in the output.
    added: Vec<String>,
    /// Staged files that replace a file of the output.
    replaced: Vec<String>,
    /// Output files the site no longer has.
    deleted: Vec<String>,
}

/// Moves the `staged` files (paths relative to `staging`) into the output and removes the
/// `deleted` ones, all or nothing.
pub(crate) fn commit(
    folder: &OutputFolder,
    staging: &Path,
    staged: &[String],
    deleted: &[String],
) -> Result<()> {
    let output = &folder.path;
    if !output.exists() {
        // A first build: one rename puts the whole site in place.
        return fs::rename(staging, output);
    }
    let (replaced, added) = staged
        .iter()
        .cloned()
        .partition(|file| output.join(file).symlink_metadata().is_ok());
    let journal = Journal {
        staging: staging
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        added,
        replaced,
        deleted: deleted.to_vec(),
    };
    let commit_dir = folder.commit_dir();
    fs::create_dir_all(&commit_dir)?;
    let json = serde_json::to_vec(&journal)
        .map_err(|e| Error::Internal(format!("cannot write the commit journal: {e}")))?;
    fs::write_atomically(&commit_dir.join(JOURNAL_FILE), &json)?;

    if let Err(error) = apply(
        output,
        staging,
        &commit_dir.join(BACKUP_DIR),
        staged,
        deleted,
    ) {
        return match roll_back(folder, &journal) {
            Ok(()) => {
                fs::remove_file(&commit_dir.join(JOURNAL_FILE))?;
                fs::remove_dir_all(&commit_dir)?;
                fs::remove_dir_all(staging)?;
                Err(error)
            }
            Err(rollback) => Err(Error::Internal(format!(
                "{error}; rolling back failed too ({rollback}): the next build will finish \
                 the roll-back from {} before it does anything else",
                commit_dir.display()
            ))),
        };
    }
    // The commit point: from here on the new output stands.
    fs::remove_file(&commit_dir.join(JOURNAL_FILE))?;
    fs::remove_dir_all(&commit_dir)?;
    remove_emptied_folders(output, journal.deleted.iter());
    fs::remove_dir_all(staging)
}

fn apply(
    output: &Path,
    staging: &Path,
    backup: &Path,
    staged: &[String],
    deleted: &[String],
) -> Result<()> {
    let hook = TestHook::from_env();
    let mut folders = FolderMaker::default();
    let mut checked = BTreeSet::new();
    let mut step = 0;
    // Deletions first: a file the site no longer has may stand where a folder must now be.
    for file in deleted {
        hook.before_step(step)?;
        step += 1;
        move_aside(&output.join(file), &backup.join(file), &mut folders)?;
    }
    for file in staged {
        hook.before_step(step)?;
        step += 1;
        if let Some(parent) = Path::new(file).parent() {
            refuse_symlinked_folders(output, parent, &mut checked)?;
        }
        let target = output.join(file);
        if let Ok(metadata) = target.symlink_metadata() {
            if metadata.is_dir() {
                // Only an empty folder may go: anything in it is not this build's to delete.
                std::fs::remove_dir(&target).map_err(|_| {
                    Error::Internal(format!(
                        "cannot write {}: a folder that is not empty stands there",
                        target.display()
                    ))
                })?;
            } else {
                move_aside(&target, &backup.join(file), &mut folders)?;
            }
        }
        if let Some(parent) = target.parent() {
            folders.make(parent)?;
        }
        fs::rename(&staging.join(file), &target)?;
    }
    hook.before_step(usize::MAX)
}

/// Refuses to write through a symbolic link standing where the site has a folder (say
/// `stories -> /home/someone`): the file would land outside the output. `checked` holds
/// the folders (relative to the output) already looked at.
fn refuse_symlinked_folders(
    output: &Path,
    relative: &Path,
    checked: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    let mut so_far = PathBuf::new();
    for part in relative.components() {
        so_far.push(part);
        if checked.contains(&so_far) {
            continue;
        }
        let path = output.join(&so_far);
        if path
            .symlink_metadata()
            .is_ok_and(|metadata| metadata.file_type().is_symlink())
        {
            return Err(Error::Internal(format!(
                "cannot write into {}: it is a symbolic link, and the site's files must stay \
                 inside the output; remove the link",
                path.display()
            )));
        }
        checked.insert(so_far.clone());
    }
    Ok(())
}

fn move_aside(file: &Path, backup: &Path, folders: &mut FolderMaker) -> Result<()> {
    if let Some(parent) = backup.parent() {
        folders.make(parent)?;
    }
    fs::rename(file, backup)
}

/// Creates folders, each once.
#[derive(Default)]
struct FolderMaker(BTreeSet<PathBuf>);

impl FolderMaker {
    fn make(&mut self, dir: &Path) -> Result<()> {
        if self.0.contains(dir) {
            return Ok(());
        }
        fs::create_dir_all(dir)?;
        self.0.insert(dir.to_path_buf());
        Ok(())
    }
}

/// Moves every file that was moved in back into the staging folder, then every backed-up
/// file back into the output. Each step leaves a state the same steps can start from, so
/// a roll-back that is itself interrupted is finished by running it again.
fn roll_back(folder: &OutputFolder, journal: &Journal) -> Result<()> {
    let output = &folder.path;
    let backup = folder.commit_dir().join(BACKUP_DIR);
    let staging = folder.parent.join(&journal.staging);
    let mut folders = FolderMaker::default();
    let staged = || journal.added.iter().chain(&journal.replaced);
    for file in staged() {
        // Moved in if it is no longer in the staging folder.
        let (target, staged_copy) = (output.join(file), staging.join(file));
        if staged_copy.symlink_metadata().is_err() && target.symlink_metadata().is_ok() {
            if let Some(parent) = staged_copy.parent() {
                folders.make(parent)?;
            }
            fs::rename(&target, &staged_copy)?;
        }
    }
    // Folders made for the new files go, so a file backed up from where one stood fits again.
    remove_emptied_folders(output, staged());
    for file in journal.replaced.iter().chain(&journal.deleted) {
        let saved = backup.join(file);
        if saved.symlink_metadata().is_ok() {
            let target = output.join(file);
            if let Some(parent) = target.parent() {
                folders.make(parent)?;
            }
            fs::rename(&saved, &target)?;
        }
    }
    Ok(())
}

/// Finishes what a killed build left: rolls back a commit whose journal is still there,
/// and removes the commit folder and its staging folder.
pub(crate) fn recover(folder: &OutputFolder) -> Result<()> {
    let commit_dir = folder.commit_dir();
    let journal_path = commit_dir.join(JOURNAL_FILE);
    if let Ok(bytes) = std::fs::read(&journal_path) {
        let journal: Journal = serde_json::from_slice(&bytes).map_err(|e| {
            Error::Internal(format!(
                "cannot read the journal of an interrupted build, {} ({e}); the output {} \
                 may mix two builds: remove that file, and build again with --force",
                journal_path.display(),
                folder.path.display()
            ))
        })?;
        roll_back(folder, &journal)?;
        fs::remove_file(&journal_path)?;
    }
    if commit_dir.exists() {
        fs::remove_dir_all(&commit_dir)?;
    }
    Ok(())
}

/// Removes the folders that held `files` if they are now empty, up to the output.
fn remove_emptied_folders<'a>(output: &Path, files: impl Iterator<Item = &'a String>) {
    let mut folders: BTreeSet<PathBuf> = files
        .filter_map(|file| output.join(file).parent().map(Path::to_path_buf))
        .collect();
    // Deepest first, so a folder is looked at after its subfolders went.
    while let Some(dir) = folders.pop_last() {
        if dir != output
            && dir.starts_with(output)
            && std::fs::remove_dir(&dir).is_ok()
            && let Some(parent) = dir.parent()
        {
            folders.insert(parent.to_path_buf());
        }
    }
}

/// A test hook, read from the `FLASHPOINT_TEST_COMMIT_HOOK` environment variable, that
/// makes the commit fail or slow down at a chosen step. Tests run as root, for whom no
/// folder is unwritable, so this is how they make a commit fail halfway (`fail-at:N`
/// fails before the Nth move, `fail-at:end` after the last) or slow enough to be killed
/// halfway (`pause-ms:N` sleeps before each move). Unset, it does nothing.
#[derive(Debug, Default)]
struct TestHook {
    fail_at: Option<usize>,
    pause: Option<std::time::Duration>,
}

impl TestHook {
    fn from_env() -> TestHook {
        let mut hook = TestHook::default();
        let Ok(value) = std::env::var("FLASHPOINT_TEST_COMMIT_HOOK") else {
            return hook;
        };
        for part in value.split(',') {
            if part == "fail-at:end" {
                hook.fail_at = Some(usize::MAX);
            } else if let Some(n) = part.strip_prefix("fail-at:") {
                hook.fail_at = n.trim().parse().ok();
            } else if let Some(ms) = part.strip_prefix("pause-ms:") {
                hook.pause = ms.trim().parse().ok().map(std::time::Duration::from_millis);
            }
        }
        hook
    }

    fn before_step(&self, step: usize) -> Result<()> {
        if let Some(pause) = self.pause {
            std::thread::sleep(pause);
        }
        if self.fail_at == Some(step) {
            let step = if step == usize::MAX {
                "end".to_string()
            } else {
                step.to_string()
            };
            return Err(Error::Internal(format!(
                "the commit failed at step {step} (FLASHPOINT_TEST_COMMIT_HOOK)"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (name, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// An output whose commit replaced `a`, added `new/c` and deleted `b`, all moves done.
    fn fully_moved_in() -> (tempfile::TempDir, OutputFolder, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let folder = OutputFolder::for_test(&dir.path().join("public"));
        let backup = folder.commit_dir().join(BACKUP_DIR);
        put(&folder.path.join("a"), "new a");
        put(&folder.path.join("new/c"), "new c");
        put(&backup.join("a"), "old a");
        put(&backup.join("b"), "old b");
        std::fs::create_dir_all(folder.parent.join(".public.staging-x")).unwrap();
        let journal = Journal {
            staging: ".public.staging-x".into(),
            added: vec!["new/c".into()],
            replaced: vec!["a".into()],
            deleted: vec!["b".into()],
        };
        (dir, folder, journal)
    }

    fn old_output() -> Vec<(String, String)> {
        vec![("a".into(), "old a".into()), ("b".into(), "old b".into())]
    }

    #[test]
    fn a_roll_back_restores_the_previous_files_and_removes_the_new_ones() {
        let (_dir, folder, journal) = fully_moved_in();
        roll_back(&folder, &journal).unwrap();
        assert_eq!(tree(&folder.path), old_output());
    }

    #[test]
    fn a_roll_back_run_twice_or_after_an_interrupted_one_ends_in_the_same_state() {
        let (_dir, folder, journal) = fully_moved_in();
        roll_back(&folder, &journal).unwrap();
        roll_back(&folder, &journal).unwrap();
        assert_eq!(tree(&folder.path), old_output());

        // Interrupted after the new files went back to staging, before any backup returned.
        let (_dir, folder, journal) = fully_moved_in();
        let staging = folder.parent.join(&journal.staging);
        for file in ["a", "new/c"] {
            let target = staging.join(file);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::rename(folder.path.join(file), target).unwrap();
        }
        roll_back(&folder, &journal).unwrap();
        assert_eq!(tree(&folder.path), old_output());
    }
}
