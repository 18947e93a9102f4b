//! Rendering every page and the search index, in parallel, handing each file to a sink as
//! soon as it is made, then checking that every internal link names a file of the site.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::cache::Fingerprints;
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::fingerprint::Fingerprint;
use crate::internal_links::LinkChecker;
use crate::render::{PageKind, Renderer, Theme};
use crate::search;
use crate::site::Site;

use super::{GENERATED_FILES, Progress, slash_path};

/// Where rendered files go.
pub trait Sink: Sync {
    /// Files that the output already holds as they were made from `key`, if all of them
    /// are still there unchanged; nothing needs to be made for that key then.
    fn keep(&self, _key: Fingerprint) -> Option<Vec<String>> {
        None
    }

    /// The bytes of a kept file, to check its links again.
    fn kept_contents(&self, _file: &str) -> Option<Vec<u8>> {
        None
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()>;
}

/// A function taking each file.
struct FunctionSink<'a>(&'a (dyn Fn(&Path, &[u8]) -> Result<()> + Sync));

impl Sink for FunctionSink<'_> {
    fn write(&self, file: &Path, contents: &[u8], _: Option<Fingerprint>) -> Result<()> {
        (self.0)(file, contents)
    }
}

/// What [`render_all`] did.
pub struct Rendered {
    pub pages: usize,
    /// Pages rendered, rather than kept from the last build.
    pub rendered_pages: usize,
    /// Search shards in the site, and those built rather than kept.
    pub search_shards: usize,
    pub built_shards: usize,
    /// Files of the site made here: pages and the search index.
    pub files: usize,
    pub bytes: u64,
}

/// Renders every page in parallel and builds the search index on a thread of its own,
/// handing each file to `sink`; with `keys`, pages and search shards the sink already
/// holds are skipped. Then checks that every internal link names a page, static file or
/// index file. All problems are reported together.
pub fn render_all(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    progress: &dyn Progress,
    sink: &(dyn Fn(&Path, &[u8]) -> Result<()> + Sync),
) -> Result<Rendered> {
    render_with_keys(
        site,
        renderer,
        theme,
        progress,
        &FunctionSink(sink),
        None,
        false,
    )
}

/// [`render_all`] with the build cache's keys. `recheck_kept` asks for the links of kept
/// pages to be checked again, because a file they might link to went away.
pub(crate) fn render_with_keys(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    progress: &dyn Progress,
    sink: &dyn Sink,
    keys: Option<&Fingerprints>,
    recheck_kept: bool,
) -> Result<Rendered> {
    let started = std::time::Instant::now();
    let pages = PageKind::all(site);
    progress.started(pages.len());
    let links = LinkChecker::new(site);
    let bytes = AtomicU64::new(0);
    let rendered_pages = AtomicUsize::new(0);
    // The search index is built on a thread of its own while the pages render: pagefind
    // indexes one record at a time, so it would otherwise leave a core idle.
    let (failures, search_files) = std::thread::scope(|scope| {
        let search = scope.spawn(|| search_files(site, sink, keys, &bytes));
        let failures: Vec<Error> = pages
            .par_iter()
            .filter_map(|&page| {
                let file = page.route(site).output_file()?;
                let name = slash_path(&file);
                let key = keys.map(|keys| keys.page_key(site, page, &name));
                if let Some(key) = key
                    && sink.keep(key).is_some()
                {
                    if recheck_kept && let Some(html) = sink.kept_contents(&name) {
                        links.collect(site, page, &html);
                    }
                    progress.page_done();
                    return None;
                }
                let result = renderer
                    .render(site, page)
                    .map_err(Error::Invalid)
                    .and_then(|html| {
                        links.collect(site, page, &html);
                        progress.page_done();
                        rendered_pages.fetch_add(1, Ordering::Relaxed);
                        bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
                        sink.write(&file, &html, key)
                    });
                result.err()
            })
            .collect();
        let search_files = search
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the search indexer panicked".to_string())));
        (failures, search_files)
    });
    progress.finished();
    super::profile("  pages and search", started);
    if !failures.is_empty() {
        return Err(merge_errors(failures));
    }
    let mut outputs = output_files(site, theme)?;
    let search = search_files?;
    let files = pages.len() + search.paths.len();
    outputs.extend(search.paths);
    let broken = links.broken_links(site, renderer, &outputs);
    super::profile("  link check", started);
    if broken.has_errors() {
        return Err(Error::Invalid(broken.sorted()));
    }
    Ok(Rendered {
        pages: pages.len(),
        rendered_pages: rendered_pages.into_inner(),
        search_shards: search.shards,
        built_shards: search.built,
        files,
        bytes: bytes.into_inner(),
    })
}

/// The search files of a build.
struct SearchFiles {
    /// Site-relative paths of every search file.
    paths: Vec<String>,
    shards: usize,
    /// Shards built, rather than kept from the last build.
    built: usize,
}

/// Keeps the search shards the sink already holds and builds the others (two at a time,
/// so that only two are in memory).
fn search_files(
    site: &Site,
    sink: &dyn Sink,
    keys: Option<&Fingerprints>,
    bytes: &AtomicU64,
) -> Result<SearchFiles> {
    let mut paths = Vec::new();
    let mut to_build = Vec::new();
    let mut shard_keys = HashMap::new();
    let plan = search::plan(site);
    let shards = plan.len();
    for shard in plan {
        let key = keys.map(|keys| keys.shard_key(site, &shard));
        if let Some(kept) = key.and_then(|key| sink.keep(key)) {
            paths.extend(kept);
            continue;
        }
        shard_keys.insert(shard.name.clone(), key);
        to_build.push(shard);
    }
    let built = Mutex::new(Vec::new());
    search::build_shards(site, &to_build, &|shard, files| {
        let key = shard_keys.get(&shard.name).copied().flatten();
        for file in files {
            bytes.fetch_add(file.contents.len() as u64, Ordering::Relaxed);
            sink.write(Path::new(&file.path), &file.contents, key)?;
            built
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(file.path);
        }
        Ok(())
    })?;
    paths.extend(built.into_inner().unwrap_or_else(|p| p.into_inner()));
    Ok(SearchFiles {
        paths,
        shards,
        built: to_build.len(),
    })
}

/// Internal links in already rendered pages that lead to none of `outputs` (site-relative
/// paths of every file served), as [`render_all`] reports them; for `serve`'s rebuilds.
pub fn broken_links<'a>(
    site: &Site,
    renderer: &Renderer,
    pages: impl IntoIterator<Item = (PageKind, &'a [u8])>,
    outputs: &HashSet<String>,
) -> Diagnostics {
    let links = LinkChecker::new(site);
    for (page, html) in pages {
        links.collect(site, page, html);
    }
    links.broken_links(site, renderer, outputs)
}

/// Every file a build writes apart from the search index, as site-relative paths.
pub(crate) fn output_files(site: &Site, theme: &Theme) -> Result<HashSet<String>> {
    let mut files: HashSet<String> = theme
        .static_files()?
        .into_iter()
        .map(|file| file.name)
        .collect();
    files.extend(GENERATED_FILES.iter().map(|name| name.to_string()));
    for page in PageKind::all(site) {
        if let Some(file) = page.route(site).output_file() {
            files.insert(slash_path(&file));
        }
    }
    Ok(files)
}

/// Template errors from many pages become one list; any other error wins as it is.
fn merge_errors(failures: Vec<Error>) -> Error {
    let mut all = Diagnostics::default();
    for failure in failures {
        match failure {
            Error::Invalid(diagnostics) => all.extend(diagnostics),
            other => return other,
        }
    }
    Error::Invalid(all.sorted())
}
