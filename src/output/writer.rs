//! Writing a build's files: each file whose bytes differ from the output's goes into a
//! staging folder beside the output, and only there; files still current are left alone.
//! Every name written passes [`inside_output`] first.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::cache::{FileRecord, FileState, Manifest};
use crate::error::Result;
use crate::fingerprint::Fingerprint;
use crate::fs;

use super::Sink;
use super::relative::inside_output;
use super::slash_path;

/// The files of an output folder as they are before the build (folders are listed in
/// parallel: a large site has tens of thousands of files).
pub(crate) fn existing_files(output: &Path) -> HashMap<String, FileState> {
    if !output.is_dir() {
        return HashMap::new();
    }
    files_under(output, "").into_iter().collect()
}

fn files_under(dir: &Path, prefix: &str) -> Vec<(String, FileState)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in entries.flatten() {
        // Dotfiles and dot-folders (`.git/`, `.nojekyll`, the ownership record) are never
        // the build's to replace or delete, and `.git/` can be large: they are not listed.
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if file_name.starts_with('.') {
            continue;
        }
        let name = format!("{prefix}{file_name}");
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => folders.push((entry.path(), format!("{name}/"))),
            _ => {
                if let Ok(metadata) = entry.metadata() {
                    files.push((name, FileState::of(&metadata)));
                }
            }
        }
    }
    let nested: Vec<Vec<(String, FileState)>> = folders
        .par_iter()
        .map(|(path, prefix)| files_under(path, prefix))
        .collect();
    files.extend(nested.into_iter().flatten());
    files
}

/// A [`Sink`] that stages changed files and remembers what every file was made from.
pub(crate) struct OutputWriter<'a> {
    output: &'a Path,
    staging: &'a Path,
    previous: &'a HashMap<String, FileState>,
    /// The files the last build recorded writing.
    recorded: &'a BTreeSet<String>,
    manifest: &'a Manifest,
    by_key: HashMap<Fingerprint, Vec<String>>,
    /// Every file of the new site, with its key and state.
    records: Mutex<BTreeMap<String, FileRecord>>,
    /// Files written into the staging folder.
    staged: Mutex<Vec<String>>,
}

impl<'a> OutputWriter<'a> {
    pub fn new(
        output: &'a Path,
        staging: &'a Path,
        previous: &'a HashMap<String, FileState>,
        recorded: &'a BTreeSet<String>,
        manifest: &'a Manifest,
    ) -> Self {
        OutputWriter {
            output,
            staging,
            previous,
            recorded,
            manifest,
            by_key: manifest.files_by_key(),
            records: Mutex::default(),
            staged: Mutex::default(),
        }
    }

    /// Every file of the new site, and those of them that were staged, each once: a file
    /// handed over twice (the same name from two search shards) is staged twice but
    /// moved in and counted once, so the summary never says more were written than exist.
    pub fn finish(self) -> (BTreeMap<String, FileRecord>, Vec<String>) {
        let records = self.records.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut staged = self.staged.into_inner().unwrap_or_else(|p| p.into_inner());
        staged.sort();
        staged.dedup();
        (records, staged)
    }

    fn record(&self, file: String, record: FileRecord) {
        self.records
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(file, record);
    }
}

impl Sink for OutputWriter<'_> {
    fn keep(&self, key: Fingerprint) -> Option<Vec<String>> {
        let files = self.by_key.get(&key)?;
        let unchanged = files
            .iter()
            .all(|file| self.previous.get(file) == self.manifest.files.get(file).map(|r| &r.state));
        if !unchanged {
            return None;
        }
        for file in files {
            self.record(file.clone(), self.manifest.files[file].clone());
        }
        Some(files.clone())
    }

    fn kept_contents(&self, file: &str) -> Option<Vec<u8>> {
        std::fs::read(self.output.join(file)).ok()
    }

    fn lost_any(&self, site_files: &HashSet<String>) -> bool {
        self.previous.keys().any(|file| {
            self.recorded.contains(file)
                && !site_files.contains(file)
                && !super::produce::is_search_file(file)
        })
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()> {
        let file = &inside_output(file)?;
        let name = slash_path(file);
        // Bytes the output already has are not written again, so the file keeps its
        // modification time and deploy tools that compare them upload only what changed.
        if let Some(&state) = self.previous.get(&name)
            && state.len == contents.len() as u64
            && std::fs::read(self.output.join(file)).is_ok_and(|existing| existing == contents)
        {
            self.record(name, FileRecord { key, state });
            return Ok(());
        }
        // A dotfile the site writes (`.nojekyll`) is written only where the output has none:
        // dotfiles already there are never touched (a deploy checkout's own `.nojekyll`).
        if name.starts_with('.')
            && let Some(state) = FileState::read(&self.output.join(file))
        {
            self.record(name, FileRecord { key, state });
            return Ok(());
        }
        let target = self.staging.join(file);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let state = FileState::of(&fs::write_in_folder(&target, contents)?);
        self.record(name.clone(), FileRecord { key, state });
        self.staged
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(name);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_twice_is_staged_and_counted_once() {
        let output = tempfile::tempdir().expect("temporary folder");
        let staging = tempfile::tempdir().expect("temporary folder");
        let (previous, recorded, manifest) = (HashMap::new(), BTreeSet::new(), Manifest::default());
        let writer = OutputWriter::new(
            output.path(),
            staging.path(),
            &previous,
            &recorded,
            &manifest,
        );
        writer
            .write(Path::new("search/shared.pf_meta"), b"first", None)
            .expect("first write");
        writer
            .write(Path::new("search/shared.pf_meta"), b"second", None)
            .expect("second write");
        writer
            .write(Path::new("index.html"), b"<p>", None)
            .expect("page");
        let (records, staged) = writer.finish();
        assert_eq!(staged, ["index.html", "search/shared.pf_meta"]);
        assert_eq!(records.len(), staged.len());
        let staged_bytes =
            std::fs::read(staging.path().join("search/shared.pf_meta")).expect("staged file");
        assert_eq!(staged_bytes, b"second");
    }
}
