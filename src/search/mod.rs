//! The search index, made by the pagefind library at build time from the site model:
//! stories, actors, events and quotes become records, split into chunks that the
//! browser loads on demand. No server and no network are involved.
//!
//! The index is split into shards ([`plan`]): independent pagefind indexes over fixed subsets
//! of the records, which the search page merges in the browser with pagefind's `mergeIndex`.
//! pagefind keeps a whole index in memory while building it, so shards are built at most
//! [`SHARDS_IN_FLIGHT`] at a time and dropped once handed on; a shard whose records did not
//! change builds to the same bytes, so it need not be built again.
//!
//! The primary shard is written at `pagefind/` with pagefind's scripts, styles and WebAssembly;
//! every other shard at `pagefind/<name>/` with only what a merged index fetches: its
//! `pagefind-entry.json`, `*.pf_meta`, and its `index/`, `fragment/` and `filter/` chunks (a
//! merged instance reuses the primary's WebAssembly and scripts).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::error::{Error, Result};
use crate::site::Site;

mod plan;
mod records;

pub use plan::{
    EVENTS_PER_SHARD, EVENTS_PER_SHARD_VAR, PEOPLE_PER_SHARD, PEOPLE_PER_SHARD_VAR, RecordRef,
    STORIES_PER_SHARD, STORIES_PER_SHARD_VAR, Shard, ShardSizes, fnv1a, jump_bucket, plan,
    plan_with,
};
use records::Records;

/// The folder of the index and of pagefind's own scripts, inside the output.
pub const SEARCH_DIR: &str = "pagefind";

/// How many shards [`build_shards`] (and so [`build_index`]) builds at once, at most: each one
/// holds its index in memory until it is written.
pub const SHARDS_IN_FLIGHT: usize = 2;

/// One file of the search bundle, with its path inside the output folder.
pub struct SearchFile {
    pub path: String,
    pub contents: Vec<u8>,
}

fn search_error(error: impl std::fmt::Display) -> Error {
    Error::Internal(format!("building the search index failed: {error}"))
}

/// The folder of `shard` inside the output, with a trailing slash: `pagefind/` for the primary,
/// `pagefind/stories-03/` for a secondary shard.
pub fn shard_dir(shard: &Shard) -> String {
    if shard.is_primary() {
        format!("{SEARCH_DIR}/")
    } else {
        format!("{SEARCH_DIR}/{}/", shard.name)
    }
}

/// Whether a merged (non-primary) pagefind instance ever fetches this file of its bundle
/// (see `PagefindInstance` in pagefind's `pagefind_public_search_api` script: `loadEntry`,
/// `loadMeta`, `loadChunk`, `loadFilterChunk` and `_loadFragment`; `loadWasm` runs only on
/// the primary, and the scripts and styles are the primary's).
fn fetched_by_merged_instance(name: &str) -> bool {
    name == "pagefind-entry.json"
        || (name.ends_with(".pf_meta") && !name.contains('/'))
        || name.starts_with("index/")
        || name.starts_with("fragment/")
        || name.starts_with("filter/")
}

/// Builds the files of one shard in memory: paths under [`shard_dir`], sorted.
pub fn build_shard(site: &Site, shard: &Shard) -> Result<Vec<SearchFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(search_error)?;
    let language = site.config.language.clone();
    let records = Records::new(site);
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(language.clone())
            .build();
        let mut index = PagefindIndex::new(Some(config))?;
        // Records are made one at a time, so only pagefind's copy of their text is kept.
        for &member in &shard.members {
            let record = records.record(member);
            // `kind` is shown by the search page beside each result; `title` is searched too.
            let meta = BTreeMap::from([
                ("title".to_string(), record.title),
                ("kind".to_string(), record.kind.to_string()),
            ]);
            let filters = BTreeMap::from([("kind".to_string(), vec![record.kind.to_string()])]);
            index
                .add_custom_record(
                    record.url,
                    record.text,
                    language.clone(),
                    Some(meta),
                    Some(filters),
                    None,
                )
                .await?;
        }
        index.get_files().await
    });
    let dir = shard_dir(shard);
    let mut files: Vec<SearchFile> = files
        .map_err(search_error)?
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches("./");
            let name = name.strip_prefix(&format!("{SEARCH_DIR}/")).unwrap_or(name);
            (shard.is_primary() || fetched_by_merged_instance(name)).then(|| SearchFile {
                path: format!("{dir}{name}"),
                contents: file.contents,
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Builds `shards`, at most [`SHARDS_IN_FLIGHT`] at once (one when rayon is limited to one
/// thread), handing each shard's files to `each` as soon as the shard is built, so no more
/// than that many shards are in memory at a time. Shards are taken in the order given and
/// `each` is called from several threads, in no fixed order; the files themselves do not
/// depend on that order. Stops at the first failure and reports the failure of the earliest
/// shard in `shards` among those that failed.
pub fn build_shards(
    site: &Site,
    shards: &[Shard],
    each: &(dyn Fn(&Shard, Vec<SearchFile>) -> Result<()> + Sync),
) -> Result<()> {
    let workers = SHARDS_IN_FLIGHT
        .min(rayon::current_num_threads())
        .min(shards.len());
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let errors: Mutex<Vec<(usize, Error)>> = Mutex::new(Vec::new());
    let work = || {
        while !failed.load(Ordering::Relaxed) {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(shard) = shards.get(at) else {
                break;
            };
            if let Err(error) = build_shard(site, shard).and_then(|files| each(shard, files)) {
                failed.store(true, Ordering::Relaxed);
                errors
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((at, error));
            }
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        work();
        for helper in helpers {
            if helper.join().is_err() {
                failed.store(true, Ordering::Relaxed);
                errors
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((usize::MAX, search_error("a search shard builder panicked")));
            }
        }
    });
    let mut errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    errors.sort_by_key(|(at, _)| *at);
    match errors.into_iter().next() {
        Some((_, error)) => Err(error),
        None => Ok(()),
    }
}

/// Builds the whole search bundle (every shard of [`plan`]) in memory, sorted by path.
pub fn build_index(site: &Site) -> Result<Vec<SearchFile>> {
    let shards = plan(site);
    let all = Mutex::new(Vec::new());
    build_shards(site, &shards, &|_, files| {
        all.lock().unwrap_or_else(|p| p.into_inner()).extend(files);
        Ok(())
    })?;
    let mut files = all.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The URLs (under the site's base path) of the secondary shards' bundles, for the search
/// page's `mergeIndex`; the primary's is left out.
pub fn bundle_paths(site: &Site, shards: &[Shard]) -> Vec<String> {
    shards
        .iter()
        .filter(|shard| !shard.is_primary())
        .map(|shard| site.urls.asset_href(&shard_dir(shard)))
        .collect()
}

/// Feeds `feed` everything a shard's files are made from, other than the pagefind and
/// flashpoint versions: the site's language, the shard's name, and each record's URL, title,
/// kind and text, every piece preceded by its length. Equal inputs build byte-identical files,
/// so a build cache can hash this to decide whether a shard must be built again.
pub fn shard_inputs(site: &Site, shard: &Shard, feed: &mut dyn FnMut(&[u8])) {
    let mut piece = |bytes: &[u8]| {
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(bytes);
    };
    piece(site.config.language.as_bytes());
    piece(shard.name.as_bytes());
    let records = Records::new(site);
    for &member in &shard.members {
        let record = records.record(member);
        piece(record.url.as_bytes());
        piece(record.title.as_bytes());
        piece(record.kind.as_bytes());
        piece(record.text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_instances_get_only_the_files_they_fetch() {
        for name in [
            "pagefind-entry.json",
            "pagefind.en_4b9c473ab9.pf_meta",
            "index/en_1a2b.pf_index",
            "fragment/en_1a2b.pf_fragment",
            "filter/en_1a2b.pf_filter",
        ] {
            assert!(fetched_by_merged_instance(name), "{name}");
        }
        for name in [
            "pagefind.js",
            "pagefind-ui.js",
            "pagefind-ui.css",
            "pagefind-worker.js",
            "pagefind-highlight.js",
            "pagefind-modular-ui.js",
            "pagefind-component-ui.css",
            "wasm.en.pagefind",
            "wasm.unknown.pagefind",
        ] {
            assert!(!fetched_by_merged_instance(name), "{name}");
        }
    }
}
