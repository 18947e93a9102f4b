//! Where variants are kept between builds: the build cache's `images/` folder, one file
//! per variant named by its key. A variant found there is read, not encoded again.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::library::{SourceImage, Variant};

/// The variant cache of one build, and what it did.
#[derive(Debug, Default)]
pub struct VariantStore {
    /// None: no cache (`check`, `serve`, `--no-cache`); every variant is encoded.
    folder: Mutex<Option<PathBuf>>,
    encoded: AtomicUsize,
    reused: AtomicUsize,
    encoding: Mutex<Duration>,
}

impl VariantStore {
    /// Keeps variants in `folder` from now on.
    pub fn use_folder(&self, folder: PathBuf) {
        *self.folder.lock().unwrap_or_else(|p| p.into_inner()) = Some(folder);
    }

    pub(crate) fn folder(&self) -> Option<PathBuf> {
        self.folder
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// How many variants were encoded and how many were read from the cache, and how long
    /// encoding took.
    pub fn counts(&self) -> (usize, usize, Duration) {
        (
            self.encoded.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
            *self.encoding.lock().unwrap_or_else(|p| p.into_inner()),
        )
    }

    /// The bytes of every variant of `image` (read from `root`), from the cache where it
    /// has them; the source is decoded once for all the others.
    pub fn variants(
        &self,
        root: &Path,
        image: &SourceImage,
    ) -> Result<Vec<(Variant, Vec<u8>)>, String> {
        let folder = self.folder();
        let mut made = Vec::new();
        let mut missing = Vec::new();
        for variant in image.variants() {
            let cached = folder
                .as_ref()
                .and_then(|folder| std::fs::read(cache_file(folder, &variant)).ok());
            match cached {
                Some(bytes) => made.push((variant, bytes)),
                None => missing.push(variant),
            }
        }
        self.reused.fetch_add(made.len(), Ordering::Relaxed);
        if missing.is_empty() {
            return Ok(made);
        }
        let started = Instant::now();
        let bytes = std::fs::read(root.join(&image.path))
            .map_err(|e| format!("cannot read the image `{}`: {e}", image.path.display()))?;
        if crate::fingerprint::Fingerprint::of(&bytes) != image.fingerprint {
            return Err(format!(
                "the image `{}` changed during the build; build again",
                image.path.display()
            ));
        }
        let pixels = super::encode::decode(&bytes).map_err(|why| {
            format!(
                "`{}` is not an image the build can read: {why}",
                image.path.display()
            )
        })?;
        for variant in missing {
            let encoded = super::encode::encode(&pixels, &variant)
                .map_err(|why| format!("cannot encode `{}`: {why}", variant.output_path))?;
            if let Some(folder) = &folder {
                // A cache that cannot be written only costs the next build time.
                let _ = store(folder, &variant, &encoded);
            }
            self.encoded.fetch_add(1, Ordering::Relaxed);
            made.push((variant, encoded));
        }
        *self.encoding.lock().unwrap_or_else(|p| p.into_inner()) += started.elapsed();
        Ok(made)
    }
}

impl VariantStore {
    /// The bytes of a file made from `key` alone (a social card): from the cache, or made
    /// by `make` and kept.
    pub fn cached(
        &self,
        key: crate::fingerprint::Fingerprint,
        extension: &str,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<Vec<u8>, String> {
        let folder = self.folder();
        let file = folder
            .as_ref()
            .map(|folder| folder.join(format!("{}.{extension}", key.to_hex())));
        if let Some(bytes) = file.as_ref().and_then(|file| std::fs::read(file).ok()) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(bytes);
        }
        let started = Instant::now();
        let bytes = make()?;
        if let (Some(folder), Some(file)) = (&folder, &file) {
            let _ = write_atomically(folder, file, &bytes);
        }
        self.encoded.fetch_add(1, Ordering::Relaxed);
        *self.encoding.lock().unwrap_or_else(|p| p.into_inner()) += started.elapsed();
        Ok(bytes)
    }
}

fn cache_file(folder: &Path, variant: &Variant) -> PathBuf {
    folder.join(format!(
        "{}.{}",
        variant.key.to_hex(),
        variant.format.extension()
    ))
}

/// Writes through a temporary file, so a killed build never leaves half a variant.
fn store(folder: &Path, variant: &Variant, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically(folder, &cache_file(folder, variant), bytes)
}

fn write_atomically(folder: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let mut temporary = tempfile::NamedTempFile::new_in(folder)?;
    std::io::Write::write_all(&mut temporary, bytes)?;
    temporary.persist(file).map(drop).map_err(|e| e.error)
}
