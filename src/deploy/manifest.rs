//! The deploy manifest: an object beside the site at the target (`.flashpoint-deploy.json`
//! under the prefix) listing what the last successful deploy left there. It is written last,
//! after every upload and deletion, so it never claims more than the store holds: a deploy
//! cut short leaves the previous manifest, and the next run redoes what was not recorded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The manifest's object name, under the target's prefix. A dotfile, so no site file can
/// share its name (deploy never uploads dotfiles).
pub(crate) const MANIFEST_NAME: &str = ".flashpoint-deploy.json";
const FORMAT: &str = "flashpoint-deploy-1";

/// What the target held after the last successful deploy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    format: String,
    /// Object paths relative to the prefix, with `/` separators.
    pub files: BTreeMap<String, Entry>,
}

/// One object as deploy uploaded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub size: u64,
    /// MD5 of the bytes, lowercase hex.
    pub md5: String,
    /// The ETag the store reported for the object, to tell with a listing whether someone
    /// replaced it since (stores other than S3 do not use the MD5 as the ETag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

/// What was found at the manifest's name.
#[derive(Debug)]
pub(crate) enum Found {
    /// No manifest: a first deploy, or a prefix filled by other means.
    Missing,
    /// Something that is not a manifest this version writes: compare by listing instead.
    Foreign(String),
    Valid(Manifest),
}

impl Manifest {
    pub(crate) fn new(files: BTreeMap<String, Entry>) -> Manifest {
        Manifest {
            format: FORMAT.to_string(),
            files,
        }
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).unwrap_or_default();
        json.push(b'\n');
        json
    }
}

/// Reads the bytes stored at the manifest's name.
pub(crate) fn parse(bytes: &[u8]) -> Found {
    match serde_json::from_slice::<Manifest>(bytes) {
        Ok(manifest) if manifest.format == FORMAT => Found::Valid(manifest),
        Ok(manifest) => Found::Foreign(format!("its format is `{}`", manifest.format)),
        Err(e) => Found::Foreign(format!("it is not a flashpoint deploy manifest ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written_and_anything_else_is_foreign() {
        let mut files = BTreeMap::new();
        files.insert(
            "index.html".to_string(),
            Entry {
                size: 3,
                md5: "900150983cd24fb0d6963f7d28e17f72".into(),
                etag: Some("\"900150983cd24fb0d6963f7d28e17f72\"".into()),
            },
        );
        let manifest = Manifest::new(files);
        assert!(matches!(parse(&manifest.to_bytes()), Found::Valid(m) if m == manifest));
        assert!(matches!(
            parse(b"{\"format\":\"other-2\",\"files\":{}}"),
            Found::Foreign(_)
        ));
        assert!(matches!(parse(b"<html>"), Found::Foreign(_)));
    }
}
