//! The one producer of a site's files. Every file of a site (the theme's static files, the
//! generated files, every page and the search index) is made here and handed to a [`Sink`],
//! then every internal link is checked. `build` stages the files on disk
//! ([`super::writer::OutputWriter`]), `serve` keeps them in memory ([`super::MemorySink`]),
//! `check` drops them ([`NullSink`]).
//!
//! With page keys ([`Fingerprints`]), a page or search shard is made only when the sink
//! does not already hold the files the same key made: that is the one rule for what a
//! change makes again, shared by the build cache and `serve`.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::cache::Fingerprints;
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::fingerprint::Fingerprint;
use crate::internal_links::LinkChecker;
use crate::render::{PageKind, Renderer, Theme};
use crate::search::{self, SEARCH_DIR};
use crate::site::Site;

use super::{Progress, generated_files, slash_path};

/// Where the files of a site go.
pub trait Sink: Sync {
    /// Files that the sink already holds as they were made from `key`, if all of them
    /// are still there unchanged; nothing needs to be made for that key then.
    fn keep(&self, _key: Fingerprint) -> Option<Vec<String>> {
        None
    }

    /// The bytes of a kept file, to check its links again.
    fn kept_contents(&self, _file: &str) -> Option<Vec<u8>> {
        None
    }

    /// Whether the sink held, from the last production, a file that is not among `files`
    /// (the search index aside): links on kept pages may then lead nowhere.
    fn lost_any(&self, _files: &HashSet<String>) -> bool {
        false
    }

    /// Keeps every file held under `dir` (`pagefind/`) as it is, and names them; for a
    /// search index left to be made later ([`SearchWork::Defer`]).
    fn keep_all_under(&self, _dir: &str) -> Vec<String> {
        Vec::new()
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()>;
}

/// Whether `file` belongs to a search index: the default edition's (`pagefind/…`) or
/// another language's (`ko/pagefind/…`). Such files are listed only once the index is made,
/// so [`Sink::lost_any`] leaves them out.
pub(crate) fn is_search_file(file: &str) -> bool {
    let in_search_dir = |path: &str| {
        path.strip_prefix(SEARCH_DIR)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    in_search_dir(file)
        || file
            .split_once('/')
            .is_some_and(|(_, inside)| in_search_dir(inside))
}

/// Takes every file and keeps none: for `check`, which only wants the errors.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &Path, _: &[u8], _: Option<Fingerprint>) -> Result<()> {
        Ok(())
    }
}

/// What to do about the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchWork {
    /// Build the shards the sink does not hold.
    Build,
    /// Keep the search files the sink holds, even out of date, and count the shards that
    /// are; `serve` builds them beside the rebuilds ([`produce_search`]).
    Defer,
}

/// What [`produce`] made.
#[derive(Debug, Default)]
pub struct Produced {
    pub pages: usize,
    /// Output paths of the pages rendered rather than kept, sorted.
    pub rendered: Vec<String>,
    /// Search shards in the site, those built rather than kept, and those left out of
    /// date by [`SearchWork::Defer`].
    pub search_shards: usize,
    pub built_shards: usize,
    pub stale_shards: usize,
    /// Files in the site.
    pub files: usize,
    /// Bytes of the files made.
    pub bytes: u64,
    /// How long each step took.
    pub steps: Vec<(&'static str, Duration)>,
}

/// Makes every file of the site and hands each to `sink`; with `keys`, pages and search
/// shards the sink already holds are skipped. Then checks that every internal link names
/// a file of the site. All problems are reported together.
pub fn produce(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    sink: &dyn Sink,
    keys: Option<&Fingerprints>,
    search: SearchWork,
    progress: &dyn Progress,
) -> Result<Produced> {
    // Another language's edition is drawn with its own strings and globals, writes under
    // its folder, and has keys of its own: they say which edition a page is of and what it
    // shows of the others.
    let renderers = site
        .other_editions
        .iter()
        .map(|edition| {
            let edition_renderer = Renderer::new(edition, theme)?;
            // Image variants and social cards are kept where the default edition's are.
            if let Some(folder) = renderer.images().folder() {
                edition_renderer.images().use_folder(folder);
            }
            Ok(edition_renderer)
        })
        .collect::<Result<Vec<_>>>()?;
    let sinks: Vec<PrefixSink> = site
        .other_editions
        .iter()
        .map(|edition| PrefixSink {
            inner: sink,
            prefix: edition.urls.edition().to_string(),
        })
        .collect();
    let edition_keys: Vec<Option<Fingerprints>> = site
        .other_editions
        .iter()
        .zip(&renderers)
        .map(|(edition, renderer)| keys.map(|_| Fingerprints::of(edition, renderer)))
        .collect();
    let mut editions = vec![Edition {
        site,
        renderer,
        sink,
        prefix: "",
        keys,
    }];
    for (((edition, renderer), sink), keys) in site
        .other_editions
        .iter()
        .zip(&renderers)
        .zip(&sinks)
        .zip(&edition_keys)
    {
        editions.push(Edition {
            site: edition,
            renderer,
            sink,
            prefix: &sink.prefix,
            keys: keys.as_ref(),
        });
    }
    let mut lap = Instant::now();
    let mut steps = Vec::new();
    let mut step = |name: &'static str| {
        steps.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let mut site_files = HashSet::new();
    let mut bytes = 0;
    let mut all_pages = Vec::new();
    for (ix, edition) in editions.iter().enumerate() {
        let first = ix == 0;
        bytes += static_and_generated_files(edition, theme, &mut site_files, first)?;
        let pages: Vec<(PageKind, String)> = PageKind::all(edition.site)
            .into_iter()
            .filter_map(|page| Some((page, slash_path(&page.route(edition.site).output_file()?))))
            .collect();
        site_files.extend(
            pages
                .iter()
                .map(|(_, file)| format!("{}{file}", edition.prefix)),
        );
        // Images sit at the root for every edition (their names hash what they show).
        bytes += super::images::image_files(edition.site, edition.renderer, sink, &mut site_files)?;
        if first {
            bytes += super::host_files::write_alias_pages(site, sink, &mut site_files)?;
        }
        all_pages.push(pages);
    }
    // Kept pages need their links checked again only when a file they may link to went away.
    let recheck_kept = sink.lost_any(&site_files);
    step("prepare output");
    let made = Made::default();
    let mut checkers = Vec::new();
    let mut shards = SearchFiles::default();
    for (edition, pages) in editions.iter().zip(&all_pages) {
        let links = LinkChecker::new(edition.site);
        let found = render_and_index(
            edition,
            pages,
            search,
            &links,
            recheck_kept,
            progress,
            &made,
        )?;
        site_files.extend(
            found
                .paths
                .iter()
                .map(|path| format!("{}{path}", edition.prefix)),
        );
        shards.shards += found.shards;
        shards.built += found.built;
        shards.stale += found.stale;
        checkers.push(links);
    }
    // The postings and the encoding's buffers are dead: their memory is not kept for the
    // link check and the commit.
    crate::freed_memory::give_back();
    step("pages and search");
    let mut broken = Diagnostics::default();
    for (edition, links) in editions.iter().zip(checkers) {
        broken.extend(links.broken_links(edition.site, edition.renderer, &site_files));
    }
    step("link check");
    if broken.has_errors() {
        return Err(Error::Invalid(broken.sorted()));
    }
    let listed: Vec<String> = site_files.iter().cloned().collect();
    let host_files = super::host_files::write_host_files(site, sink, &listed)?;
    let files = site_files.len() + host_files.len();
    let mut rendered = made.pages.into_inner().unwrap_or_else(|p| p.into_inner());
    rendered.sort();
    Ok(Produced {
        pages: all_pages.iter().map(Vec::len).sum(),
        rendered,
        search_shards: shards.shards,
        built_shards: shards.built,
        stale_shards: shards.stale,
        files,
        bytes: bytes + made.bytes.into_inner(),
        steps,
    })
}

/// One language's edition being produced: its model, its templates' environment, and
/// where its files go (under its folder for the other languages).
struct Edition<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    sink: &'a dyn Sink,
    /// `ko/`, or empty for the default language.
    prefix: &'a str,
    /// The edition's page keys, when pages the sink holds may be kept.
    keys: Option<&'a Fingerprints>,
}

/// Hands files on to another sink under a folder: another language's edition.
struct PrefixSink<'a> {
    inner: &'a dyn Sink,
    prefix: String,
}

impl PrefixSink<'_> {
    /// A file's name inside the folder, as the edition's producer knows it.
    fn inside(&self, file: String) -> String {
        file.strip_prefix(&self.prefix)
            .map(str::to_string)
            .unwrap_or(file)
    }
}

impl Sink for PrefixSink<'_> {
    fn keep(&self, key: Fingerprint) -> Option<Vec<String>> {
        let kept = self.inner.keep(key)?;
        Some(kept.into_iter().map(|file| self.inside(file)).collect())
    }

    fn kept_contents(&self, file: &str) -> Option<Vec<u8>> {
        self.inner.kept_contents(&format!("{}{file}", self.prefix))
    }

    fn keep_all_under(&self, dir: &str) -> Vec<String> {
        self.inner
            .keep_all_under(&format!("{}{dir}", self.prefix))
            .into_iter()
            .map(|file| self.inside(file))
            .collect()
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()> {
        self.inner
            .write(&Path::new(&self.prefix).join(file), contents, key)
    }
}

/// Renders one edition's pages while its search index is built on a thread of its own
/// (pagefind indexes one record at a time, so it would otherwise leave a core idle).
#[allow(clippy::too_many_arguments)]
fn render_and_index(
    edition: &Edition,
    pages: &[(PageKind, String)],
    search: SearchWork,
    links: &LinkChecker,
    recheck_kept: bool,
    progress: &dyn Progress,
    made: &Made,
) -> Result<SearchFiles> {
    let Edition {
        site,
        renderer,
        sink,
        prefix,
        keys,
    } = *edition;
    let (failures, search) = std::thread::scope(|scope| {
        let search = scope.spawn(|| match search {
            SearchWork::Build => search_files(site, sink, keys, &made.bytes),
            SearchWork::Defer => Ok(deferred_search_files(site, sink, keys)),
        });
        let inputs = Inputs {
            site,
            renderer,
            sink,
            keys,
            prefix,
        };
        let failures = render_pages(&inputs, pages, links, recheck_kept, progress, made);
        // What is left (the search index's last batches, its postings, its encoding) mostly
        // frees: memory is given back at once until the index is done.
        let _giving_back = crate::freed_memory::GivingBack::start();
        let search = search
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the search indexer panicked".to_string())));
        (failures, search)
    });
    if !failures.is_empty() {
        return Err(merge_errors(failures));
    }
    search
}

/// Hands the theme's static files (for the default edition) and the generated files to
/// the edition's sink, adding their names to `names`; returns their size.
fn static_and_generated_files(
    edition: &Edition,
    theme: &Theme,
    names: &mut HashSet<String>,
    first: bool,
) -> Result<u64> {
    let Edition {
        site,
        renderer,
        sink,
        prefix,
        ..
    } = *edition;
    let mut bytes = 0;
    let assets = renderer.assets();
    let mut write = |name: &str, contents: &[u8]| -> Result<()> {
        // A hashed asset is written under both names: pages link the hashed one, and
        // links written by hand keep working.
        let copies = std::iter::once(name).chain(assets.hashed_name(name));
        for copy in copies {
            bytes += contents.len() as u64;
            sink.write(Path::new(copy), contents, None)?;
            names.insert(format!("{prefix}{copy}"));
        }
        Ok(())
    };
    if first {
        for file in theme.static_files()? {
            write(&file.name, &assets.contents(&file)?)?;
        }
    }
    for (name, text) in generated_files(site, renderer, first)? {
        write(name, text.as_bytes())?;
    }
    Ok(bytes)
}

/// What the page and search threads made.
#[derive(Default)]
struct Made {
    /// Output paths of the pages rendered.
    pages: Mutex<Vec<String>>,
    bytes: AtomicU64,
}

/// What pages are made from and where they go.
struct Inputs<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    sink: &'a dyn Sink,
    keys: Option<&'a Fingerprints>,
    /// The edition's folder, before the names of the pages it renders.
    prefix: &'a str,
}

/// The most pages rendered one after another by a thread before others may take the rest.
const PAGES_PER_TASK: usize = 8;

/// Renders, in parallel, the pages the sink does not hold and collects their links (and,
/// with `recheck_kept`, those of kept pages too). Returns the failures.
fn render_pages(
    inputs: &Inputs,
    pages: &[(PageKind, String)],
    links: &LinkChecker,
    recheck_kept: bool,
    progress: &dyn Progress,
    made: &Made,
) -> Vec<Error> {
    let Inputs {
        site,
        renderer,
        sink,
        keys,
        prefix,
    } = *inputs;
    progress.started(pages.len());
    // Pages take from under a millisecond to most of a second (a timeline of 20,000
    // events): at most a few pages go to a thread at a time, so that no thread is left
    // alone with a long run of them once the others are done.
    let failures = pages
        .par_iter()
        .with_max_len(PAGES_PER_TASK)
        .filter_map(|&(page, ref name)| {
            // Worked out once for the cache key and the page's link previews.
            let dependencies = keys.map(|_| page.dependencies(site));
            let key = keys
                .zip(dependencies.as_deref())
                .map(|(keys, dependencies)| keys.page_key_with(site, page, name, dependencies));
            if let Some(key) = key
                && sink.keep(key).is_some()
            {
                if recheck_kept && let Some(html) = sink.kept_contents(name) {
                    links.collect(site, page, &html);
                }
                progress.page_done();
                return None;
            }
            let result = renderer
                .render_with_dependencies(site, page, dependencies.as_deref())
                .map_err(Error::Invalid)
                .and_then(|html| {
                    links.collect(site, page, &html);
                    progress.page_done();
                    made.bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
                    made.pages
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(format!("{prefix}{name}"));
                    sink.write(Path::new(name), &html, key)
                });
            result.err()
        })
        .collect();
    progress.finished();
    failures
}

/// The search files of a production.
#[derive(Default)]
struct SearchFiles {
    /// Site-relative paths of every search file.
    paths: Vec<String>,
    shards: usize,
    /// Shards built, rather than kept from the last production.
    built: usize,
    /// Shards left out of date.
    stale: usize,
}

/// Makes the shards of the search index that the sink does not hold, and hands their files
/// to `sink`; for `serve`'s search index made beside the rebuilds ([`SearchWork::Defer`]).
/// Every edition's index is made; the other languages' in full, since page keys do not yet
/// say which edition they are of. Returns how many shards were built.
pub fn produce_search(site: &Site, sink: &dyn Sink, keys: &Fingerprints) -> Result<usize> {
    let mut built = search_files(site, sink, Some(keys), &AtomicU64::new(0))?.built;
    for edition in &site.other_editions {
        let sink = PrefixSink {
            inner: sink,
            prefix: edition.urls.edition().to_string(),
        };
        built += search_files(edition, &sink, None, &AtomicU64::new(0))?.built;
    }
    Ok(built)
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
        stale: 0,
    })
}

/// Keeps the search files the sink holds and counts the shards they no longer match.
fn deferred_search_files(site: &Site, sink: &dyn Sink, keys: Option<&Fingerprints>) -> SearchFiles {
    let plan = search::plan(site);
    let stale = plan
        .iter()
        .filter(|shard| keys.is_none_or(|keys| sink.keep(keys.shard_key(site, shard)).is_none()))
        .count();
    SearchFiles {
        paths: sink.keep_all_under(&format!("{SEARCH_DIR}/")),
        shards: plan.len(),
        built: 0,
        stale,
    }
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

#[cfg(test)]
mod tests {
    use super::is_search_file;

    #[test]
    fn search_files_of_every_edition_are_told_from_pages() {
        assert!(is_search_file("pagefind/entry.json"));
        assert!(is_search_file("ko/pagefind/records/1.json"));
        assert!(!is_search_file("stories/pagefind-notes/index.html"));
        assert!(!is_search_file("ko/stories/x/index.html"));
        assert!(!is_search_file("index.html"));
    }
}
