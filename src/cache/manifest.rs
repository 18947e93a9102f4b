//! The record of the last build: for every output file, the key it was made from and
//! the size and modification time it had, so that a file changed by hand is never trusted.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::fingerprint::Fingerprint;

/// Bumped whenever the manifest's shape or meaning changes.
pub const FORMAT: &str = "flashpoint-manifest-1";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub flashpoint: String,
    /// Output files by site-relative path with `/` separators.
    pub files: BTreeMap<String, FileRecord>,
}

/// One output file as the last build left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The key of the page or search shard the file belongs to (written in hex); none for
    /// files made from the whole site, which are compared byte for byte instead. Held as
    /// bytes: a large site's manifest has a record for each of its 100,000-odd files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Fingerprint>,
    #[serde(flatten)]
    pub state: FileState,
}

/// What a file looks like from outside: enough to notice it was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    pub len: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified: u64,
}

impl FileState {
    pub fn of(metadata: &std::fs::Metadata) -> FileState {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        FileState {
            len: metadata.len(),
            modified,
        }
    }

    pub fn read(path: &Path) -> Option<FileState> {
        std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| FileState::of(&m))
    }
}

impl Manifest {
    pub fn new(files: BTreeMap<String, FileRecord>) -> Manifest {
        Manifest {
            format: FORMAT.to_string(),
            flashpoint: env!("FLASHPOINT_BUILD_ID").to_string(),
            files,
        }
    }

    /// Why this manifest cannot be used, if it cannot.
    pub fn foreign(&self) -> Option<String> {
        if self.format != FORMAT {
            return Some(format!("it has the format `{}`", self.format));
        }
        if self.flashpoint != env!("FLASHPOINT_BUILD_ID") {
            return Some(format!("it was written by flashpoint {}", self.flashpoint));
        }
        None
    }

    /// Files by the key they were made from.
    pub fn files_by_key(&self) -> HashMap<Fingerprint, Vec<String>> {
        let mut by_key: HashMap<Fingerprint, Vec<String>> = HashMap::new();
        for (file, record) in &self.files {
            if let Some(key) = record.key {
                by_key.entry(key).or_default().push(file.clone());
            }
        }
        by_key
    }
}
