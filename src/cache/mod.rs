//! The build cache: a folder beside the output (`.flashpoint-cache/`) that lets a build
//! skip the pages and search shards whose inputs have not changed since the last build,
//! and reuse highlighted code blocks. It is safe to delete; a damaged or foreign cache is
//! ignored with a warning, and a file changed by hand in the output is made again.

mod fingerprints;
mod highlights;
mod manifest;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use fingerprints::Fingerprints;
pub use highlights::HighlightMemo;
pub use manifest::{FileRecord, FileState, Manifest};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::Result;
use crate::fs;

/// The cache folder's name; it sits beside the output folder.
pub const CACHE_DIR: &str = ".flashpoint-cache";
const HIGHLIGHTS_FILE: &str = "highlights.bin";

/// The cache of one output folder.
pub struct BuildCache {
    dir: PathBuf,
    manifest_path: PathBuf,
    enabled: bool,
    /// What the last build wrote; empty when there is no usable cache.
    pub manifest: Manifest,
}

impl BuildCache {
    /// Opens the cache for `output`. With `enabled` false nothing is read, and nothing will
    /// be written but the removal of the old manifest, which would no longer describe the output.
    pub fn open(output: &Path, enabled: bool, warnings: &mut Diagnostics) -> BuildCache {
        let manifest_path = manifest_path(output);
        let dir = manifest_path
            .parent()
            .map_or_else(|| PathBuf::from(CACHE_DIR), Path::to_path_buf);
        let mut cache = BuildCache {
            dir,
            manifest_path,
            enabled,
            manifest: Manifest::default(),
        };
        if enabled && output.is_dir() {
            cache.manifest = cache.read_manifest(warnings);
        }
        cache
    }

    fn read_manifest(&self, warnings: &mut Diagnostics) -> Manifest {
        let Ok(bytes) = std::fs::read(&self.manifest_path) else {
            return Manifest::default();
        };
        let problem = match serde_json::from_slice::<Manifest>(&bytes) {
            Ok(manifest) => match manifest.foreign() {
                None => return manifest,
                Some(problem) => problem,
            },
            Err(error) => format!("it cannot be read ({error})"),
        };
        warnings.push(ignored(&self.manifest_path, &problem));
        Manifest::default()
    }

    /// The highlighted code blocks of earlier builds, read when first needed.
    /// Where image variants and social cards are kept between builds.
    pub fn images_folder(&self) -> PathBuf {
        self.dir.join("images")
    }

    pub fn highlights(&self) -> Arc<HighlightMemo> {
        if !self.enabled {
            return Arc::default();
        }
        Arc::new(HighlightMemo::stored_in(self.dir.join(HIGHLIGHTS_FILE)))
    }

    /// Warns if the highlighted blocks were read and found damaged.
    pub fn check_highlights(&self, memo: &HighlightMemo, warnings: &mut Diagnostics) {
        if memo.was_damaged() {
            warnings.push(ignored(&self.dir.join(HIGHLIGHTS_FILE), "it is damaged"));
        }
    }

    /// Removes the manifest, before the output changes under it.
    pub fn forget(&self) -> Result<()> {
        match std::fs::remove_file(&self.manifest_path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(crate::error::Error::Io {
                    action: "cannot remove",
                    path: self.manifest_path.clone(),
                    source: error,
                })
            }
            _ => Ok(()),
        }
    }

    /// Records what this build wrote.
    pub fn save(&self, files: BTreeMap<String, FileRecord>) -> Result<()> {
        if !self.enabled {
            return Ok(());
        }
        let json = serde_json::to_vec(&Manifest::new(files)).map_err(|e| {
            crate::error::Error::Internal(format!("cannot write the cache manifest: {e}"))
        })?;
        self.write(&self.manifest_path, &json)
    }

    /// Keeps this build's highlighted blocks for the next build if it rendered at least
    /// half the pages; a build that rendered fewer leaves the earlier blocks in place.
    pub fn save_highlights(
        &self,
        memo: &HighlightMemo,
        rendered: usize,
        pages: usize,
    ) -> Result<()> {
        let path = self.dir.join(HIGHLIGHTS_FILE);
        memo.finish(rendered * 2 >= pages)
            .map_err(|source| crate::error::Error::Io {
                action: "cannot write",
                path,
                source,
            })
    }

    fn write(&self, path: &Path, contents: &[u8]) -> Result<()> {
        fs::create_dir_all(&self.dir)?;
        let partial = path.with_extension("partial");
        fs::write(&partial, contents)?;
        fs::rename(&partial, path)
    }
}

/// Where the manifest of `output` is: `<parent>/.flashpoint-cache/<name>.manifest.json`.
pub fn manifest_path(output: &Path) -> PathBuf {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    parent.join(CACHE_DIR).join(format!("{name}.manifest.json"))
}

fn ignored(path: &Path, problem: &str) -> Diagnostic {
    Diagnostic::warning(
        Location::file(path),
        format!("ignoring the build cache because {problem}; building without it"),
    )
    .with_hint(format!(
        "the cache is safe to delete: remove the {CACHE_DIR} folder beside the output"
    ))
}
