//! A site kept in memory, as `serve` serves it: every file by site-relative path, with the
//! key ([`Fingerprint`]) each page and search file was made from. A [`MemorySink`] takes
//! one production's files and, on [`MemorySink::commit`], swaps them in and drops the
//! files the site no longer has, exactly as a build does on disk.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use axum::body::Bytes;

use crate::error::Result;
use crate::fingerprint::Fingerprint;

use super::Sink;
use super::relative::inside_output;
use super::slash_path;

/// Files served, by site-relative path with `/` separators (`stories/x/index.html`).
pub type Files = Arc<RwLock<HashMap<String, Bytes>>>;

/// The files of a site in memory and the key each was made from, shared between the
/// rebuilds, the search job and the HTTP server.
#[derive(Debug, Clone, Default)]
pub struct MemoryFiles {
    files: Files,
    keys: Arc<Mutex<HashMap<String, Fingerprint>>>,
}

impl MemoryFiles {
    /// The files, for the HTTP server.
    pub fn files(&self) -> Files {
        self.files.clone()
    }

    /// Forgets what made the files, so that the next production makes every file again.
    pub fn forget_keys(&self) {
        self.keys.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// Every file with the key it was made from, if any (for `serve`'s snapshot).
    pub fn with_keys(&self) -> Vec<(String, Bytes, Option<Fingerprint>)> {
        let files = self.files.read().unwrap_or_else(|p| p.into_inner());
        let keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        files
            .iter()
            .map(|(name, bytes)| (name.clone(), bytes.clone(), keys.get(name).copied()))
            .collect()
    }

    /// Records `key` as what made every held file for which `owns` is true: for `serve`'s
    /// search job, which updates a few files of the index and stands for all of them.
    pub fn rekey(&self, owns: impl Fn(&str) -> bool, key: Option<Fingerprint>) {
        let files = self.files.read().unwrap_or_else(|p| p.into_inner());
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        for name in files.keys().filter(|name| owns(name)) {
            match key {
                Some(key) => keys.insert(name.clone(), key),
                None => keys.remove(name),
            };
        }
    }

    /// Puts in files made from no key, returning the names whose bytes changed, sorted:
    /// for `serve`'s quick path, which changes a page or two and must not cost O(files)
    /// as a [`MemorySink`] does. With no key held for them, the next production makes
    /// them again.
    pub fn put_unkeyed(&self, made: Vec<(String, Vec<u8>)>) -> Vec<String> {
        let mut files = self.files.write().unwrap_or_else(|p| p.into_inner());
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        let mut updated = Vec::new();
        for (name, bytes) in made {
            keys.remove(&name);
            if files.get(&name).map(|held| held.as_ref()) != Some(bytes.as_slice()) {
                files.insert(name.clone(), Bytes::from(bytes));
                updated.push(name);
            }
        }
        updated.sort();
        updated
    }

    /// Holds files as if a production had made them from their keys, so that the next
    /// production keeps them: for `serve` starting from its snapshot, with only files whose
    /// keys the current site gives.
    pub fn prefill(&self, made: Vec<(String, Bytes, Fingerprint)>) {
        let mut files = self.files.write().unwrap_or_else(|p| p.into_inner());
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        for (name, bytes, key) in made {
            keys.insert(name.clone(), key);
            files.insert(name, bytes);
        }
    }
}

/// What a [`MemorySink::commit`] changed, sorted.
#[derive(Debug, Default)]
pub struct Swapped {
    /// Files whose bytes changed or which are new.
    pub updated: Vec<String>,
    /// Files the site no longer has.
    pub removed: Vec<String>,
}

/// A [`Sink`] that gathers a production's files, to swap them into [`MemoryFiles`] at once.
pub struct MemorySink<'a> {
    held: &'a MemoryFiles,
    /// The files each key made last time, as when this production started.
    by_key: HashMap<Fingerprint, Vec<String>>,
    made: Mutex<BTreeMap<String, (Bytes, Option<Fingerprint>)>>,
    kept: Mutex<BTreeSet<String>>,
}

impl<'a> MemorySink<'a> {
    pub fn new(held: &'a MemoryFiles) -> MemorySink<'a> {
        let mut by_key: HashMap<Fingerprint, Vec<String>> = HashMap::new();
        for (file, key) in held.keys.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            by_key.entry(*key).or_default().push(file.clone());
        }
        MemorySink {
            held,
            by_key,
            made: Mutex::default(),
            kept: Mutex::default(),
        }
    }

    /// Swaps the files made in, and removes the held files for which `owns` is true that
    /// were neither made nor kept: `owns` names the files this production stands for (all
    /// of them, all but the search index, or only the search index).
    pub fn commit(self, owns: impl Fn(&str) -> bool) -> Swapped {
        let made = self.made.into_inner().unwrap_or_else(|p| p.into_inner());
        let kept = self.kept.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut files = self.held.files.write().unwrap_or_else(|p| p.into_inner());
        let mut keys = self.held.keys.lock().unwrap_or_else(|p| p.into_inner());
        let mut swapped = Swapped::default();
        let mut gone: Vec<String> = files
            .keys()
            .filter(|file| owns(file) && !made.contains_key(*file) && !kept.contains(*file))
            .cloned()
            .collect();
        gone.sort();
        for file in &gone {
            files.remove(file);
            keys.remove(file);
        }
        swapped.removed = gone;
        for (file, (bytes, key)) in made {
            match key {
                Some(key) => keys.insert(file.clone(), key),
                None => keys.remove(&file),
            };
            if files.get(&file) != Some(&bytes) {
                swapped.updated.push(file.clone());
                files.insert(file, bytes);
            }
        }
        swapped
    }
}

impl Sink for MemorySink<'_> {
    fn keep(&self, key: Fingerprint) -> Option<Vec<String>> {
        let files = self.by_key.get(&key)?;
        // The search job may have replaced them since this production started.
        let keys = self.held.keys.lock().unwrap_or_else(|p| p.into_inner());
        if !files.iter().all(|file| keys.get(file) == Some(&key)) {
            return None;
        }
        drop(keys);
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.extend(files.iter().cloned());
        Some(files.clone())
    }

    fn kept_contents(&self, file: &str) -> Option<Vec<u8>> {
        let files = self.held.files.read().unwrap_or_else(|p| p.into_inner());
        files.get(file).map(|bytes| bytes.to_vec())
    }

    fn lost_any(&self, site_files: &HashSet<String>) -> bool {
        let files = self.held.files.read().unwrap_or_else(|p| p.into_inner());
        files
            .keys()
            .any(|file| !site_files.contains(file) && !super::produce::is_search_file(file))
    }

    fn keep_all_under(&self, dir: &str) -> Vec<String> {
        let files = self.held.files.read().unwrap_or_else(|p| p.into_inner());
        let under: Vec<String> = files
            .keys()
            .filter(|file| file.starts_with(dir))
            .cloned()
            .collect();
        drop(files);
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.extend(under.iter().cloned());
        under
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()> {
        let name = slash_path(&inside_output(file)?);
        self.made
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(name, (Bytes::copy_from_slice(contents), key));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn produce<'a>(held: &'a MemoryFiles, files: &[(&str, &str, Option<&str>)]) -> MemorySink<'a> {
        let sink = MemorySink::new(held);
        for (name, text, key) in files {
            let key = key.map(|key| Fingerprint::of(key.as_bytes()));
            if let Some(key) = key
                && sink.keep(key).is_some()
            {
                continue;
            }
            sink.write(Path::new(name), text.as_bytes(), key).unwrap();
        }
        sink
    }

    fn names(held: &MemoryFiles) -> Vec<String> {
        let mut names: Vec<String> = held.files().read().unwrap().keys().cloned().collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_made_by_the_same_key_is_kept_and_one_no_longer_made_is_removed() {
        let held = MemoryFiles::default();
        let first = [
            ("a/index.html", "a", Some("key a")),
            ("b/index.html", "b", Some("key b")),
            ("style.css", "css", None),
        ];
        produce(&held, &first).commit(|_| true);
        let sink = produce(&held, &[("a/index.html", "changed", Some("key a"))]);
        assert!(sink.made.lock().unwrap().is_empty(), "key a was made again");
        let swapped = sink.commit(|_| true);
        assert_eq!(swapped.removed, ["b/index.html", "style.css"]);
        assert!(swapped.updated.is_empty());
        assert_eq!(names(&held), ["a/index.html"]);
    }

    #[test]
    fn a_commit_removes_only_the_files_it_stands_for() {
        let held = MemoryFiles::default();
        let first = [
            ("page/index.html", "p", Some("page")),
            ("pagefind/x.pf_meta", "s", Some("shard")),
        ];
        produce(&held, &first).commit(|_| true);
        let swapped = produce(&held, &[]).commit(|file| !file.starts_with("pagefind/"));
        assert_eq!(swapped.removed, ["page/index.html"]);
        assert_eq!(names(&held), ["pagefind/x.pf_meta"]);
    }

    #[test]
    fn forgotten_keys_make_every_file_again_and_unchanged_bytes_are_not_updates() {
        let held = MemoryFiles::default();
        let files = [("a/index.html", "a", Some("key a"))];
        produce(&held, &files).commit(|_| true);
        held.forget_keys();
        let sink = produce(&held, &files);
        assert_eq!(sink.made.lock().unwrap().len(), 1);
        let swapped = sink.commit(|_| true);
        assert!(swapped.updated.is_empty() && swapped.removed.is_empty());
    }

    #[test]
    fn a_name_outside_the_site_is_refused() {
        let held = MemoryFiles::default();
        let sink = MemorySink::new(&held);
        assert!(sink.write(Path::new("../escape"), b"x", None).is_err());
    }
}
