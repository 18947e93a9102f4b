//! What a deploy will do, decided before the store is changed: which files to upload, in
//! which order, and which objects to delete. A pure function of the local files and what is
//! known of the target, so the order readers depend on is tested without a store.
//!
//! The order keeps every published page whole at every moment of a deploy:
//!
//! 1. **assets**: files named after their contents and other new files that are not pages,
//!    so that nothing a page is about to reference is missing when the page arrives;
//! 2. **pages**: every changed page, and changed files that keep their names (the search
//!    index's entry file names the chunks uploaded in step 1);
//! 3. **entry points**: the home page, then feeds, then the sitemap and robots.txt, the
//!    places readers and crawlers start from, once everything they lead to is there;
//! 4. **deletions**, only when asked for, after everything else succeeded.

use std::collections::{BTreeMap, BTreeSet};

use super::local::LocalFile;
use super::manifest::{Entry, MANIFEST_NAME, Manifest};
use crate::hosting::{is_content_hashed, precompressed_variant};

/// An object the target holds according to a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    pub size: u64,
    pub etag: Option<String>,
}

/// What is known of the target before the deploy.
#[derive(Debug, Default)]
pub(crate) struct Remote {
    /// The last successful deploy's manifest, when there is one of ours.
    pub manifest: Option<Manifest>,
    /// Every object under the prefix, by relative path, when the target was listed (with
    /// `--verify`, or because the manifest was missing or foreign).
    pub listing: Option<BTreeMap<String, Listed>>,
}

/// The steps of a deploy, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Assets,
    Pages,
    EntryPoints,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Assets => "assets",
            Phase::Pages => "pages",
            Phase::EntryPoints => "home, feeds and sitemap",
        }
    }
}

/// One file to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub size: u64,
    pub md5: String,
    pub phase: Phase,
    /// Whether the target had no object at this path.
    pub new: bool,
}

/// What a deploy will do.
#[derive(Debug, Default)]
pub struct Plan {
    /// In upload order: by phase, then within the entry points home, feeds, sitemap.
    pub uploads: Vec<Upload>,
    /// Objects under the prefix that the output no longer has, sorted.
    pub deletions: Vec<String>,
    /// How many local files the target already holds byte for byte.
    pub unchanged: usize,
    /// The manifest entries of the unchanged files, carried into the next manifest.
    pub(crate) kept: BTreeMap<String, Entry>,
}

/// Compares the output with the target and orders the work.
pub(crate) fn plan(local: &[LocalFile], remote: &Remote) -> Plan {
    let mut plan = Plan::default();
    let recorded = remote.manifest.as_ref().map(|m| &m.files);
    for file in local {
        let in_manifest = recorded.and_then(|files| files.get(&file.path));
        let listed = remote.listing.as_ref().map(|l| l.get(&file.path));
        match unchanged_entry(file, in_manifest, listed) {
            Some(entry) => {
                plan.unchanged += 1;
                plan.kept.insert(file.path.clone(), entry);
            }
            None => {
                let new = match listed {
                    Some(listed) => listed.is_none(),
                    None => in_manifest.is_none(),
                };
                plan.uploads.push(Upload {
                    path: file.path.clone(),
                    size: file.size,
                    md5: file.md5.clone(),
                    phase: phase_of(&file.path, new),
                    new,
                });
            }
        }
    }
    plan.uploads.sort_by(|a, b| {
        order_key(a)
            .cmp(&order_key(b))
            .then_with(|| a.path.cmp(&b.path))
    });
    let local_paths: BTreeSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    let mut remote_paths: BTreeSet<&str> = BTreeSet::new();
    if let Some(files) = recorded {
        remote_paths.extend(files.keys().map(String::as_str));
    }
    if let Some(listing) = &remote.listing {
        remote_paths.extend(listing.keys().map(String::as_str));
    }
    plan.deletions = remote_paths
        .into_iter()
        .filter(|path| !local_paths.contains(path) && may_delete(path))
        .map(str::to_string)
        .collect();
    plan
}

/// The manifest entry of a file the target already holds, or None if it must be uploaded.
///
/// Without a listing, the manifest is trusted. With one, the object must be listed at the
/// local size and with either the ETag the manifest recorded for these bytes or, as S3
/// reports for a single upload, the bytes' MD5 as its ETag.
fn unchanged_entry(
    file: &LocalFile,
    in_manifest: Option<&Entry>,
    listed: Option<Option<&Listed>>,
) -> Option<Entry> {
    let recorded_same = in_manifest.filter(|e| e.md5 == file.md5 && e.size == file.size);
    match listed {
        None => recorded_same.cloned(),
        Some(None) => None,
        Some(Some(object)) => {
            if object.size != file.size {
                return None;
            }
            let etag = object.etag.as_deref().map(|e| e.trim_matches('"'));
            let same_as_recorded = recorded_same.is_some_and(|entry| {
                entry.etag.as_deref().map(|e| e.trim_matches('"')) == etag && etag.is_some()
            });
            if same_as_recorded || etag == Some(file.md5.as_str()) {
                Some(Entry {
                    size: file.size,
                    md5: file.md5.clone(),
                    etag: object.etag.clone(),
                })
            } else {
                None
            }
        }
    }
}

/// Never the manifest, nor a dotfile or anything under a dot-folder (`.well-known/` put
/// there by hand): deploy uploads none of these, so it does not delete them either.
fn may_delete(path: &str) -> bool {
    path != MANIFEST_NAME && !path.split('/').any(|part| part.starts_with('.'))
}

/// Which step uploads the file at `path`. A precompressed variant goes with its original.
pub(crate) fn phase_of(path: &str, new: bool) -> Phase {
    let original = precompressed_variant(path).map_or(path, |(_, original)| original);
    if entry_point_rank(original).is_some() {
        Phase::EntryPoints
    } else if original.ends_with(".html") {
        Phase::Pages
    } else if new || is_content_hashed(original) {
        Phase::Assets
    } else {
        Phase::Pages
    }
}

/// The position of an entry point among the last uploads: home, feeds, then the sitemap
/// and robots.txt. None for every other file.
fn entry_point_rank(original: &str) -> Option<u8> {
    let name = original.rsplit('/').next().unwrap_or(original);
    if original == "index.html" {
        Some(0)
    } else if name.starts_with("sitemap") && name.ends_with(".xml") || original == "robots.txt" {
        Some(2)
    } else if name.ends_with(".xml") || name.ends_with(".rss") || name.ends_with(".atom") {
        Some(1)
    } else {
        None
    }
}

fn order_key(upload: &Upload) -> (Phase, u8) {
    let original = precompressed_variant(&upload.path).map_or(upload.path.as_str(), |(_, o)| o);
    (upload.phase, entry_point_rank(original).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &str) -> LocalFile {
        LocalFile {
            path: path.to_string(),
            size: bytes.len() as u64,
            md5: super::super::local::md5_hex(bytes.as_bytes()),
        }
    }

    fn manifest_of(files: &[LocalFile]) -> Manifest {
        Manifest::new(
            files
                .iter()
                .map(|f| {
                    (
                        f.path.clone(),
                        Entry {
                            size: f.size,
                            md5: f.md5.clone(),
                            etag: Some(format!("\"{}\"", f.md5)),
                        },
                    )
                })
                .collect(),
        )
    }

    fn paths(plan: &Plan) -> Vec<&str> {
        plan.uploads.iter().map(|u| u.path.as_str()).collect()
    }

    #[test]
    fn a_first_deploy_sends_assets_then_pages_then_home_feeds_and_sitemap() {
        let local = vec![
            file("atom.xml", "feed"),
            file("index.html", "home"),
            file("pagefind/pagefind-entry.json", "entry"),
            file("robots.txt", "robots"),
            file("sitemap.xml", "map"),
            file("stories/a/index.html", "a"),
            file("stories/a/index.html.gz", "a-gz"),
            file("style.0123456789abcdef.css", "css"),
        ];
        let plan = plan(&local, &Remote::default());
        assert_eq!(
            paths(&plan),
            vec![
                "pagefind/pagefind-entry.json",
                "style.0123456789abcdef.css",
                "stories/a/index.html",
                "stories/a/index.html.gz",
                "index.html",
                "atom.xml",
                "robots.txt",
                "sitemap.xml",
            ]
        );
        assert!(plan.uploads.iter().all(|u| u.new));
        assert_eq!(plan.unchanged, 0);
    }

    #[test]
    fn with_a_manifest_only_changed_files_go_and_a_changed_entry_file_waits_for_pages() {
        let before = vec![
            file("index.html", "home"),
            file("pagefind/pagefind-entry.json", "entry"),
            file("stories/a/index.html", "a"),
        ];
        let remote = Remote {
            manifest: Some(manifest_of(&before)),
            listing: None,
        };
        let after = vec![
            file("index.html", "home"),
            file("pagefind/en_0000001.pf_fragment", "chunk"),
            file("pagefind/pagefind-entry.json", "entry 2"),
            file("stories/a/index.html", "a 2"),
        ];
        let plan = plan(&after, &remote);
        assert_eq!(
            paths(&plan),
            vec![
                "pagefind/en_0000001.pf_fragment",
                "pagefind/pagefind-entry.json",
                "stories/a/index.html"
            ]
        );
        assert_eq!(plan.uploads[1].phase, Phase::Pages);
        assert_eq!(plan.unchanged, 1);
        assert!(plan.deletions.is_empty());
    }

    #[test]
    fn deletions_are_what_the_target_holds_beyond_the_output_but_never_dotfiles() {
        let before = [file("old/index.html", "old"), file("index.html", "home")];
        let mut listing: BTreeMap<String, Listed> = before
            .iter()
            .map(|f| {
                (
                    f.path.clone(),
                    Listed {
                        size: f.size,
                        etag: Some(format!("\"{}\"", f.md5)),
                    },
                )
            })
            .collect();
        for extra in [MANIFEST_NAME, ".well-known/security.txt", "stray.txt"] {
            listing.insert(
                extra.to_string(),
                Listed {
                    size: 1,
                    etag: None,
                },
            );
        }
        let remote = Remote {
            manifest: None,
            listing: Some(listing),
        };
        let plan = plan(&[file("index.html", "home")], &remote);
        assert!(plan.uploads.is_empty());
        assert_eq!(plan.deletions, vec!["old/index.html", "stray.txt"]);
    }

    #[test]
    fn a_listing_catches_an_object_replaced_behind_the_manifests_back() {
        let local = vec![file("stories/a/index.html", "a")];
        let listing = BTreeMap::from([(
            "stories/a/index.html".to_string(),
            Listed {
                size: 1,
                etag: Some("\"someone-else\"".into()),
            },
        )]);
        let remote = Remote {
            manifest: Some(manifest_of(&local)),
            listing: Some(listing),
        };
        let plan = plan(&local, &remote);
        assert_eq!(paths(&plan), vec!["stories/a/index.html"]);
        assert!(!plan.uploads[0].new);
    }

    #[test]
    fn a_non_md5_etag_recorded_in_the_manifest_counts_as_unchanged_when_listed() {
        let local = vec![file("a.html", "a")];
        let mut manifest = manifest_of(&local);
        if let Some(entry) = manifest.files.get_mut("a.html") {
            entry.etag = Some("opaque-1".into());
        }
        let listing = BTreeMap::from([(
            "a.html".to_string(),
            Listed {
                size: 1,
                etag: Some("opaque-1".into()),
            },
        )]);
        let remote = Remote {
            manifest: Some(manifest),
            listing: Some(listing),
        };
        let plan = plan(&local, &remote);
        assert!(plan.uploads.is_empty());
        assert_eq!(plan.unchanged, 1);
    }
}
