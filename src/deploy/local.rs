//! The built site as deploy sees it: every file of the output folder a reader may fetch,
//! with its size and MD5. MD5 because it is what S3 reports as the ETag of an object
//! uploaded in one request, so a bucket can be compared with the output by a listing alone.

use std::path::Path;

use md5::{Digest, Md5};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::fs;
use crate::output::RECORD_FILE;

/// One file of the output, by its path relative to the output with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalFile {
    pub path: String,
    pub size: u64,
    /// Lowercase hex.
    pub md5: String,
}

/// Every publishable file under `output`, sorted by path. Dotfiles and dot-folders (the
/// build's ownership record, a `.git/` of a Pages checkout) stay local, as the build keeps
/// them out of what it deletes.
pub(crate) fn scan(output: &Path) -> Result<Vec<LocalFile>> {
    if !output.join(RECORD_FILE).is_file() {
        return Err(Error::Internal(format!(
            "{} holds no site built by flashpoint (no {RECORD_FILE}); run `flashpoint build` first",
            output.display()
        )));
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Io {
            action: "list",
            path: e.path().unwrap_or(output).to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("a folder loop")),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(output) else {
            continue;
        };
        let parts: Option<Vec<&str>> = relative
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect();
        let Some(parts) = parts else {
            return Err(Error::Internal(format!(
                "{}: the name is not UTF-8 and cannot be an object key",
                entry.path().display()
            )));
        };
        if parts.iter().any(|part| part.starts_with('.')) {
            continue;
        }
        paths.push((parts.join("/"), entry.into_path()));
    }
    paths
        .into_par_iter()
        .map(|(path, file)| {
            let bytes = fs::read(&file)?;
            Ok(LocalFile {
                path,
                size: bytes.len() as u64,
                md5: md5_hex(&bytes),
            })
        })
        .collect()
}

/// The MD5 of `bytes` in lowercase hex.
pub(crate) fn md5_hex(bytes: &[u8]) -> String {
    let digest = Md5::digest(bytes);
    let mut hex = String::with_capacity(32);
    for byte in digest.iter() {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_is_lowercase_hex_as_s3_reports_it() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn dotfiles_stay_local_and_a_folder_without_a_build_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(scan(dir.path()).is_err());
        std::fs::write(dir.path().join(RECORD_FILE), "{}").unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/config"), "x").unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "abc").unwrap();
        let files = scan(dir.path()).unwrap();
        assert_eq!(
            files,
            vec![LocalFile {
                path: "a/index.html".into(),
                size: 3,
                md5: "900150983cd24fb0d6963f7d28e17f72".into()
            }]
        );
    }
}
