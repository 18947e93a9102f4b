//! What `serve` answers with while its first build runs, when an earlier run left the
//! site behind: the last serve's snapshot or the last `flashpoint build`'s output,
//! whichever is newer. Files are read from disk by address as they are asked for, so the
//! first page of a large site is served in milliseconds rather than after the whole model
//! has loaded.
//!
//! They are not checked against the sources (that needs the whole model), so they are
//! only a stand-in: the first build replaces every one of them, and browsers that were
//! given a file that build made differently are told to reload. Nothing here is ever
//! served once that build has run, and since `serve` sends `no-cache`, a reader keeps no
//! stale copy. Bytes the record does not vouch for (a snapshot entry that no longer hashes
//! as written, an output file changed since the build) are not served at all.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::Bytes;

use crate::cache::{FileState, Manifest};
use crate::fingerprint::Fingerprint;

use super::Events;
use super::snapshot::{self, Lazy};

/// Files an earlier run left, served until the first build has run.
pub(crate) struct ProvisionalFiles {
    source: Source,
    root: PathBuf,
    /// The hash of every file served, to tell whether the first build changed it.
    served: Mutex<HashMap<String, Fingerprint>>,
    events: Arc<dyn Events>,
    warned: AtomicBool,
}

enum Source {
    Snapshot(Lazy),
    /// The output folder and, for each file, how the build left it.
    Build {
        output: PathBuf,
        files: HashMap<String, FileState>,
    },
}

impl ProvisionalFiles {
    /// The newer of the last serve's snapshot (of a serve at `origin`) and the last build's output (the default
    /// `public/` folder with its cache manifest), if either is usable. One that is damaged
    /// is passed over with a warning; one written by another flashpoint, quietly.
    pub(crate) fn open(
        root: &Path,
        origin: &str,
        events: Arc<dyn Events>,
    ) -> Option<Arc<ProvisionalFiles>> {
        let snapshot = match Lazy::open(root, origin) {
            Ok(snapshot) => snapshot.map(|s| (s.written, Source::Snapshot(s))),
            Err(problem) => {
                if let Some(problem) = problem {
                    events.warning(&format!(
                        "warning: ignoring serve's snapshot {} because {problem}; serving nothing until the first build\n",
                        snapshot::index_path(root).display()
                    ));
                }
                None
            }
        };
        let build = open_build(root, events.as_ref());
        let source = match (snapshot, build) {
            (Some(snapshot), Some(build)) if build.0 > snapshot.0 => build.1,
            (Some(snapshot), _) => snapshot.1,
            (None, Some(build)) => build.1,
            (None, None) => return None,
        };
        Some(Arc::new(ProvisionalFiles {
            source,
            root: root.to_path_buf(),
            served: Mutex::default(),
            events,
            warned: AtomicBool::new(false),
        }))
    }

    /// What is served, for the line `serve` prints.
    pub(crate) fn describe(&self) -> String {
        match &self.source {
            Source::Snapshot(lazy) => format!("{} files of the last serve's snapshot", lazy.len()),
            Source::Build { output, files } => {
                format!(
                    "{} files of the last build in {}",
                    files.len(),
                    output.display()
                )
            }
        }
    }

    /// The file at site-relative `name`, if the earlier run left it unchanged.
    pub(crate) fn file(&self, name: &str) -> Option<Bytes> {
        let bytes = match &self.source {
            Source::Snapshot(lazy) => match lazy.read(name) {
                snapshot::Lookup::Found(bytes) => bytes,
                snapshot::Lookup::Absent => return None,
                snapshot::Lookup::Damaged => {
                    self.warn_once(&format!(
                        "warning: serve's snapshot {} is damaged (`{name}` is not as recorded); its damaged files are not served\n",
                        snapshot::index_path(&self.root).display()
                    ));
                    return None;
                }
            },
            Source::Build { output, files } => {
                let recorded = files.get(name)?;
                let path = output.join(name);
                let bytes = std::fs::read(&path).ok()?;
                // Changed by hand (or by a build under way) since the manifest: not ours.
                if FileState::read(&path) != Some(*recorded) || bytes.len() as u64 != recorded.len {
                    return None;
                }
                Bytes::from(bytes)
            }
        };
        self.served
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(name.to_string(), Fingerprint::of(&bytes));
        Some(bytes)
    }

    /// Whether any file served from here is missing from `files` (what the first build
    /// made) or differs from it.
    pub(crate) fn served_any_other_than(&self, files: &HashMap<String, Bytes>) -> bool {
        let served = self.served.lock().unwrap_or_else(|p| p.into_inner());
        served.iter().any(|(name, hash)| {
            files
                .get(name)
                .is_none_or(|bytes| Fingerprint::of(bytes) != *hash)
        })
    }

    fn warn_once(&self, text: &str) {
        if !self.warned.swap(true, Ordering::Relaxed) {
            self.events.warning(text);
        }
    }
}

/// The last build's output in the default folder, with when its manifest was written.
fn open_build(root: &Path, events: &dyn Events) -> Option<(SystemTime, Source)> {
    let output = root.join("public");
    let manifest_path = crate::cache::manifest_path(&output);
    let bytes = std::fs::read(&manifest_path).ok()?;
    let written = std::fs::metadata(&manifest_path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let manifest: Manifest = match serde_json::from_slice(&bytes) {
        Ok(manifest) => manifest,
        Err(error) => {
            events.warning(&format!(
                "warning: ignoring the last build's output because its cache manifest {} is damaged ({error}); serving nothing until the first build\n",
                manifest_path.display()
            ));
            return None;
        }
    };
    if manifest.foreign().is_some() || !output.is_dir() {
        return None;
    }
    let files = manifest
        .files
        .into_iter()
        .map(|(name, record)| (name, record.state))
        .collect();
    Some((written, Source::Build { output, files }))
}
