//! Rendering every page and writing the site. Pages are rendered in parallel and each is
//! handed on as soon as it is made. A build writes the files that changed into a staging
//! folder beside the output, and moves them in only when every page rendered and every
//! internal link resolved: a failed build leaves the output as it was.
//!
//! With the build cache (see [`crate::cache`]), pages and search shards whose inputs did
//! not change since the last build are not rendered at all.

mod render;
mod writer;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use render::{Rendered, Sink, broken_links, render_all};

use crate::cache::{BuildCache, FileRecord, Fingerprints};
use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::feeds;
use crate::fs;
use crate::markdown::Highlighter;
use crate::render::{PageKind, Renderer, Theme};
use crate::site::Site;
use writer::{OutputWriter, existing_files};

/// Files made from the whole site rather than page by page: the code stylesheet, and
/// the feed, the sitemap and robots.txt (each drawn by the theme's template of that name).
const GENERATED_FILES: [&str; 4] = [
    "syntax.css",
    feeds::ATOM_FILE,
    feeds::SITEMAP_FILE,
    feeds::ROBOTS_FILE,
];

/// The contents of [`GENERATED_FILES`], in that order.
pub fn generated_files(site: &Site, renderer: &Renderer) -> Result<Vec<(&'static str, String)>> {
    let pages = PageKind::all(site)
        .into_iter()
        .filter(|&page| page != PageKind::NotFound)
        .map(|page| {
            let lastmod = match page {
                PageKind::Story(ix) => {
                    Some(site.stories[ix].updated.unwrap_or(site.stories[ix].date))
                }
                _ => None,
            };
            (site.urls.absolute(page.route(site)), lastmod)
        });
    let drawn = [
        renderer.render_file(feeds::ATOM_FILE, &feeds::feed(site)),
        renderer.render_file(feeds::SITEMAP_FILE, &feeds::sitemap(pages)),
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
    if !failures.is_empty() {
        return Err(Error::Invalid(failures));
    }
    Ok(GENERATED_FILES.into_iter().zip(contents).collect())
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
}

/// How the build cache is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Read and update `.flashpoint-cache/` beside the output.
    ReadWrite,
    /// Render everything, and leave no cache behind.
    Off,
}

/// Renders the site and brings `output` up to date with it. Warnings about the cache
/// are added to `warnings`.
pub fn write_site(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    output: &Path,
    progress: &dyn Progress,
    cache_use: CacheUse,
    warnings: &mut Diagnostics,
) -> Result<WriteSummary> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    if output.exists() && !output.is_dir() {
        return Err(Error::Internal(format!(
            "cannot build into {}: it is a file, not a folder",
            output.display()
        )));
    }
    let started = std::time::Instant::now();
    let cache = BuildCache::open(output, cache_use == CacheUse::ReadWrite, warnings);
    let previous = existing_files(output);
    let keys = (cache_use == CacheUse::ReadWrite).then(|| Fingerprints::of(site, renderer));
    let highlights = cache.highlights();
    renderer.highlighter().use_memo(highlights.clone());

    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.staging-"))
        .tempdir_in(parent)
        .map_err(|source| Error::Io {
            action: "cannot create a staging folder in",
            path: parent.to_path_buf(),
            source,
        })?;
    let writer = OutputWriter::new(output, staging.path(), &previous, &cache.manifest);
    let mut bytes = 0;
    let static_files = theme.static_files()?;
    for (source, name) in &static_files {
        let contents = fs::read(source)?;
        bytes += contents.len() as u64;
        writer.write(Path::new(name), &contents, None)?;
    }
    let generated = generated_files(site, renderer)?;
    for (name, text) in &generated {
        bytes += text.len() as u64;
        writer.write(Path::new(name), text.as_bytes(), None)?;
    }
    // Kept pages need their links checked again only when a file they may link to went away.
    let site_files = render::output_files(site, theme)?;
    let file_went_away = previous
        .keys()
        .any(|file| !site_files.contains(file) && !file.starts_with(crate::search::SEARCH_DIR));
    crate::profile("  prepare output", started);
    let rendered = render::render_with_keys(
        site,
        renderer,
        theme,
        progress,
        &writer,
        keys.as_ref(),
        file_went_away,
    )?;
    crate::profile("  render", started);
    cache.check_highlights(&highlights, warnings);
    let (records, staged) = writer.finish();
    commit(staging.keep(), output, &previous, &records, &staged, &cache)?;
    crate::profile("  commit", started);
    cache.save(records)?;
    cache.save_highlights(&highlights, rendered.rendered_pages, rendered.pages)?;
    crate::profile("  save cache", started);
    Ok(WriteSummary {
        pages: rendered.pages,
        rendered: rendered.rendered_pages,
        search_shards: rendered.search_shards,
        built_shards: rendered.built_shards,
        files: rendered.files + static_files.len() + generated.len(),
        written: staged.len(),
        bytes: bytes + rendered.bytes,
    })
}

/// Moves the staged files into the output and removes the files the site no longer has.
/// The manifest is forgotten first: while the output changes it would not describe it.
fn commit(
    staging: PathBuf,
    output: &Path,
    previous: &HashMap<String, crate::cache::FileState>,
    records: &BTreeMap<String, FileRecord>,
    staged: &[String],
    cache: &BuildCache,
) -> Result<()> {
    cache.forget()?;
    if !output.exists() {
        return fs::rename(&staging, output);
    }
    for file in staged {
        let target = output.join(file);
        if let Some(parent) = target.parent() {
            if parent.is_file() {
                fs::remove_file(parent)?;
            }
            fs::create_dir_all(parent)?;
        }
        if target.is_dir() {
            fs::remove_dir_all(&target)?;
        }
        fs::rename(&staging.join(file), &target)?;
    }
    let mut emptied: HashSet<PathBuf> = HashSet::new();
    for file in previous.keys().filter(|file| !records.contains_key(*file)) {
        let path = output.join(file);
        fs::remove_file(&path)?;
        if let Some(parent) = path.parent() {
            emptied.insert(parent.to_path_buf());
        }
    }
    // Folders left empty go too, as a fresh build would not have them.
    let mut emptied: Vec<PathBuf> = emptied.into_iter().collect();
    emptied.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
    for mut dir in emptied {
        while dir != output && dir.starts_with(output) && std::fs::remove_dir(&dir).is_ok() {
            if !dir.pop() {
                break;
            }
        }
    }
    fs::remove_dir_all(&staging)
}

/// `stories/x/index.html` from a relative output path.
pub(crate) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
