//! A [`Sink`] that writes a `.gz` copy beside each compressible file it is handed
//! (`hosting.precompress`). The copy is made from the same key as its file, so a page the
//! build cache keeps keeps its copy too, and nothing is compressed again.

use std::collections::HashSet;
use std::path::Path;

use crate::error::Result;
use crate::fingerprint::Fingerprint;
use crate::hosting::{gzip, is_compressible};

use super::Sink;

pub(crate) struct Precompressing<'a> {
    pub inner: &'a dyn Sink,
}

impl Sink for Precompressing<'_> {
    fn keep(&self, key: Fingerprint) -> Option<Vec<String>> {
        self.inner.keep(key)
    }

    fn kept_contents(&self, file: &str) -> Option<Vec<u8>> {
        self.inner.kept_contents(file)
    }

    fn lost_any(&self, files: &HashSet<String>) -> bool {
        // The copies are not among the site's files, but were not lost either.
        let mut with_copies = files.clone();
        with_copies.extend(
            files
                .iter()
                .filter(|file| is_compressible(file))
                .map(|file| format!("{file}.gz")),
        );
        self.inner.lost_any(&with_copies)
    }

    fn keep_all_under(&self, dir: &str) -> Vec<String> {
        self.inner.keep_all_under(dir)
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()> {
        self.inner.write(file, contents, key)?;
        let name = file.to_string_lossy();
        if is_compressible(&name)
            && let Some(copy) = gzip(contents)
        {
            self.inner
                .write(Path::new(&format!("{name}.gz")), &copy, key)?;
        }
        Ok(())
    }
}
