//! Rendering every page and writing the site. Pages are rendered in parallel and each is
//! handed on as soon as it is made. A build writes the files that changed into a staging
//! folder beside the output, and moves them in only when every page rendered and every
//! internal link resolved, with a journal that lets a failed or killed commit be rolled
//! back (see [`commit`]): the output is always the previous build or the new one. Only
//! files a previous build recorded writing are ever deleted (see [`ownership`]).
//!
//! With the build cache (see [`crate::cache`]), pages and search shards whose inputs did
//! not change since the last build are not rendered at all.

mod commit;
mod folder;
mod host_files;
mod images;
mod memory;
mod ownership;
mod precompressed;
mod produce;
mod relative;
mod writer;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

pub use folder::OutputFolder;
pub use memory::{Files, MemoryFiles, MemorySink, Swapped};
pub use ownership::RECORD_FILE;
pub(crate) use produce::is_search_file;
pub use produce::{NullSink, Produced, SearchWork, Sink, produce, produce_search};

use crate::cache::{BuildCache, FileRecord, FileState, Fingerprints};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::feeds;
use crate::fs;
use crate::markdown::Highlighter;
use crate::render::{PageKind, Renderer, Theme};
use crate::site::Site;
use ownership::Ownership;
use writer::{OutputWriter, existing_files};

/// Files made from the whole site rather than page by page: the code stylesheet, and
/// the feed, the sitemap and robots.txt (each drawn by the theme's template of that name).
const GENERATED_FILES: [&str; 4] = [
    "syntax.css",
    feeds::ATOM_FILE,
    feeds::SITEMAP_FILE,
    feeds::ROBOTS_FILE,
];

/// The contents of [`GENERATED_FILES`], in that order; `whole_site` is false for another
/// language's edition, which has only a feed of its own.
pub fn generated_files(
    site: &Site,
    renderer: &Renderer,
    whole_site: bool,
) -> Result<Vec<(&'static str, String)>> {
    if !whole_site {
        return renderer
            .render_file(feeds::ATOM_FILE, &feeds::feed(site))
            .map(|feed| vec![(feeds::ATOM_FILE, feed)])
            .map_err(Error::Invalid);
    }
    let multilingual = !site.other_editions.is_empty();
    let pages = std::iter::once(site)
        .chain(site.other_editions.iter())
        .flat_map(|edition| sitemap_pages(edition, multilingual));
    let drawn = [
        renderer.render_file(feeds::ATOM_FILE, &feeds::feed(site)),
        renderer.render_file(feeds::SITEMAP_FILE, &feeds::sitemap(pages, multilingual)),
        renderer.render_file(feeds::ROBOTS_FILE, &feeds::robots(site)),
    ];
    let mut contents = vec![Highlighter::stylesheet()];
    let mut failures = Diagnostics::default();
    for file in drawn {
        match file {
            Ok(text) => contents.push(text),
            Err(diagnostics) => failures.extend(diagnostics),
        }
    }
    let mut files: Vec<(&'static str, String)> =
        GENERATED_FILES.into_iter().zip(contents).collect();
    // Only a site with corrections has their feed.
    if let Some(feed) = feeds::corrections_feed(site) {
        match renderer.render_file(feeds::CORRECTIONS_FEED_TEMPLATE, &feed) {
            Ok(text) => files.push((feeds::CORRECTIONS_FEED_FILE, text)),
            Err(diagnostics) => failures.extend(diagnostics),
        }
    }
    if !failures.is_empty() {
        return Err(Error::Invalid(failures));
    }
    Ok(files)
}

/// One edition's pages in the sitemap, with their other languages' versions.
fn sitemap_pages(
    site: &Site,
    multilingual: bool,
) -> Vec<(
    String,
    Option<crate::date::PartialDate>,
    Vec<feeds::SitemapAlternate>,
)> {
    PageKind::all(site)
        .into_iter()
        .filter(|&page| page != PageKind::NotFound)
        .map(|page| {
            let lastmod = match page {
                PageKind::Story(ix) => {
                    Some(site.stories[ix].updated.unwrap_or(site.stories[ix].date))
                }
                _ => None,
            };
            let route = page.route(site);
            let alternates = if multilingual {
                site.alternates(route)
                    .into_iter()
                    .filter(|alternate| alternate.translated)
                    .map(|alternate| feeds::SitemapAlternate {
                        code: alternate.code,
                        url: alternate.absolute_url,
                    })
                    .collect()
            } else {
                Vec::new()
            };
            (site.urls.absolute(route), lastmod, alternates)
        })
        .collect()
}

/// Told how far rendering has got, e.g. to draw a progress bar.
pub trait Progress: Sync {
    fn started(&self, _pages: usize) {}
    fn page_done(&self) {}
    fn finished(&self) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteSummary {
    pub pages: usize,
    /// Pages rendered; the others were kept from the last build by the cache.
    pub rendered: usize,
    /// Search shards in the site, and those built rather than kept from the last build.
    pub search_shards: usize,
    pub built_shards: usize,
    /// Files in the site.
    pub files: usize,
    /// Files written (the others already had the right bytes).
    pub written: usize,
    /// Bytes of the files made in this build.
    pub bytes: u64,
    /// How long each step took, in order, for `FLASHPOINT_PROFILE`.
    pub steps: Vec<(&'static str, Duration)>,
}

/// How the build cache is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Read and update `.flashpoint-cache/` beside the output.
    ReadWrite,
    /// Render everything, and leave no cache behind.
    Off,
}

/// Renders the site and brings the locked `folder` up to date with it. Warnings about
/// the cache are added to `warnings`.
pub fn write_site(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    folder: &OutputFolder,
    progress: &dyn Progress,
    cache_use: CacheUse,
    warnings: &mut Diagnostics,
) -> Result<WriteSummary> {
    let output = folder.path.as_path();
    let mut lap = Instant::now();
    let ownership = ownership::ownership(output, &crate::cache::manifest_path(output))?;
    let recorded = match &ownership {
        Ownership::Recorded(files) => files.clone(),
        Ownership::Empty | Ownership::Foreign { .. } => BTreeSet::new(),
    };
    let cache = BuildCache::open(output, cache_use == CacheUse::ReadWrite, warnings);
    let previous = existing_files(output);
    let keys = (cache_use == CacheUse::ReadWrite).then(|| Fingerprints::of(site, renderer));
    let highlights = cache.highlights();
    renderer.highlighter().use_memo(highlights.clone());
    if cache_use == CacheUse::ReadWrite {
        renderer.images().use_folder(cache.images_folder());
    }
    let staging = tempfile::Builder::new()
        .prefix(&folder.staging_prefix())
        .tempdir_in(&folder.parent)
        .map_err(|source| Error::Io {
            action: "cannot create a staging folder in",
            path: folder.parent.clone(),
            source,
        })?;
    let writer = OutputWriter::new(
        output,
        staging.path(),
        &previous,
        &recorded,
        &cache.manifest,
    );
    let mut steps = vec![("open output and cache", lap.elapsed())];
    let precompressing = precompressed::Precompressing { inner: &writer };
    let sink: &dyn Sink = if site.config.hosting.precompress {
        &precompressing
    } else {
        &writer
    };
    let produced = produce(
        site,
        renderer,
        theme,
        sink,
        keys.as_ref(),
        SearchWork::Build,
        progress,
    )?;
    steps.extend(produced.steps.iter().copied());
    lap = Instant::now();
    cache.check_highlights(&highlights, warnings);
    // A story file edited during the build made pages from an empty body: commit none.
    site.check_story_bodies()?;
    // Refused only now, so that the site's own errors are reported first.
    let owned = owned_files(folder, ownership)?;
    let (records, staged) = writer.finish();
    let written = staged.len();
    // Every file of the output, precompressed copies included.
    let files = records.len();
    move_in(folder, staging, staged, &records, &previous, &owned, &cache)?;
    steps.push(("commit", lap.elapsed()));
    lap = Instant::now();
    let rendered = produced.rendered.len();
    cache.save(records)?;
    cache.save_highlights(&highlights, rendered, produced.pages)?;
    steps.push(("save cache", lap.elapsed()));
    Ok(WriteSummary {
        pages: produced.pages,
        rendered,
        search_shards: produced.search_shards,
        built_shards: produced.built_shards,
        files,
        written,
        bytes: produced.bytes,
        steps,
    })
}

/// Moves the staged files into the output and deletes the files the site no longer has
/// (only those the last build recorded writing, never a dotfile), with the journaled
/// commit. `records` are every file of the new site, `staged` those in `staging`.
fn move_in(
    folder: &OutputFolder,
    staging: tempfile::TempDir,
    staged: Vec<String>,
    records: &BTreeMap<String, FileRecord>,
    previous: &HashMap<String, FileState>,
    owned: &BTreeSet<String>,
    cache: &BuildCache,
) -> Result<()> {
    let output = folder.path.as_path();
    let mut to_move = staged;
    let record = ownership::record_bytes(records.keys());
    if std::fs::read(output.join(RECORD_FILE)).ok().as_ref() != Some(&record) {
        fs::write(&staging.path().join(RECORD_FILE), &record)?;
        to_move.push(RECORD_FILE.to_string());
    }
    let mut deleted: Vec<String> = previous
        .keys()
        .filter(|file| {
            owned.contains(*file) && !records.contains_key(*file) && ownership::may_delete(file)
        })
        .cloned()
        .collect();
    deleted.sort();
    // The manifest is forgotten first: while the output changes it would not describe it.
    cache.forget()?;
    commit::commit(folder, &staging.keep(), &to_move, &deleted)
}

/// The files of the output that flashpoint may replace or delete, or an error if the
/// output holds files that no record says flashpoint wrote (unless `--force`).
fn owned_files(folder: &OutputFolder, ownership: Ownership) -> Result<BTreeSet<String>> {
    let output = folder.path.as_path();
    match ownership {
        Ownership::Empty => Ok(BTreeSet::new()),
        Ownership::Recorded(files) => {
            // An older build recorded its files only in the cache manifest, which the
            // commit forgets: the record takes them over first.
            let record = output.join(RECORD_FILE);
            if !record.exists() {
                fs::write_atomically(&record, &ownership::record_bytes(files.iter()))?;
            }
            Ok(files)
        }
        Ownership::Foreign { .. } if folder.force => Ok(BTreeSet::new()),
        Ownership::Foreign { why } => Err(Error::Internal(format!(
            "refusing to build into {}: {why}. A build deletes the files it does not \
             produce, so it writes only into an empty folder or one it built before; \
             choose another --output, or pass --force to write the site there anyway \
             (files at the site's paths are replaced, nothing else is deleted)",
            output.display()
        ))),
    }
}

/// `stories/x/index.html` from a relative output path.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
