//! Rendering every page and writing the site. Pages are rendered in parallel and each is
//! handed on as soon as it is made; a build writes them into a staging folder beside the
//! output and swaps it in only when every page rendered and every internal link resolved.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::feeds;
use crate::fs;
use crate::internal_links::LinkChecker;
use crate::markdown::Highlighter;
use crate::render::{PageKind, Renderer, Theme};
use crate::search;
use crate::site::Site;

/// Files made from the whole site rather than from a template: the code stylesheet,
/// the feed, the sitemap and robots.txt.
const GENERATED_FILES: [&str; 4] = [
    "syntax.css",
    feeds::ATOM_FILE,
    feeds::SITEMAP_FILE,
    feeds::ROBOTS_FILE,
];

/// The contents of [`GENERATED_FILES`], in that order.
pub fn generated_files(site: &Site) -> Vec<(&'static str, String)> {
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
    let contents = [
        Highlighter::stylesheet(),
        feeds::atom(site),
        feeds::sitemap(pages),
        feeds::robots(site),
    ];
    GENERATED_FILES.into_iter().zip(contents).collect()
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
    pub files: usize,
    pub bytes: u64,
}

/// Renders every page into a fresh folder, then swaps it in for `output`.
pub fn write_site(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    output: &Path,
    progress: &dyn Progress,
) -> Result<WriteSummary> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
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
    let dir = staging.path();
    let files = StagingWriter {
        staging: dir,
        previous: output.is_dir().then_some(output),
    };
    let mut bytes = 0;
    let static_files = theme.static_files()?;
    for (source, name) in &static_files {
        let contents = fs::read(source)?;
        bytes += contents.len() as u64;
        files.write(Path::new(name), &contents)?;
    }
    let generated = generated_files(site);
    for (name, text) in &generated {
        bytes += text.len() as u64;
        files.write(Path::new(name), text.as_bytes())?;
    }
    let rendered = render_all(site, renderer, theme, progress, &|file, html| {
        files.write(file, html)
    })?;
    swap_into_place(staging.keep(), output)?;
    Ok(WriteSummary {
        pages: rendered.pages,
        files: rendered.files + static_files.len() + generated.len(),
        bytes: bytes + rendered.bytes,
    })
}

/// Writes files into the staging folder. A file whose bytes equal the previous build's is
/// hard-linked from it instead, so unchanged files keep their modification times and
/// deploy tools that compare them upload only what changed.
struct StagingWriter<'a> {
    staging: &'a Path,
    previous: Option<&'a Path>,
}

impl StagingWriter<'_> {
    fn write(&self, file: &Path, contents: &[u8]) -> Result<()> {
        let target = self.staging.join(file);
        if let Some(previous) = self.previous.map(|dir| dir.join(file))
            && same_contents(&previous, contents)
        {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            if std::fs::hard_link(&previous, &target).is_ok() {
                return Ok(());
            }
        }
        fs::write(&target, contents)
    }
}

fn same_contents(path: &Path, contents: &[u8]) -> bool {
    let same_length =
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64);
    same_length && std::fs::read(path).is_ok_and(|existing| existing == contents)
}

/// Pages rendered by [`render_all`].
pub struct Rendered {
    pub pages: usize,
    /// Files handed to the sink: pages and the search index.
    pub files: usize,
    pub bytes: u64,
}

/// Renders every page in parallel, handing each to `sink` with its output path, then builds
/// the search index (also handed to `sink`) and checks that every internal link names a page,
/// static file or index file. All problems are reported together.
pub fn render_all(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    progress: &dyn Progress,
    sink: &(dyn Fn(&Path, &[u8]) -> Result<()> + Sync),
) -> Result<Rendered> {
    let pages = PageKind::all(site);
    progress.started(pages.len());
    let links = LinkChecker::new(site);
    let bytes = AtomicU64::new(0);
    // The search index is built on a thread of its own while the pages render: pagefind
    // indexes one record at a time, so it would otherwise leave a core idle.
    let (failures, search_files) = std::thread::scope(|scope| {
        let search = scope.spawn(|| search::build_index(site));
        let failures: Vec<Error> = pages
            .par_iter()
            .filter_map(|&page| {
                let file = page.route(site).output_file()?;
                let result = renderer
                    .render(site, page)
                    .map_err(Error::Invalid)
                    .and_then(|html| {
                        links.collect(site, page, &html);
                        progress.page_done();
                        bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
                        sink(&file, &html)
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
    if !failures.is_empty() {
        return Err(merge_errors(failures));
    }
    let mut outputs = output_files(site, theme)?;
    let search_files = search_files?;
    let files = pages.len() + search_files.len();
    for file in search_files {
        bytes.fetch_add(file.contents.len() as u64, Ordering::Relaxed);
        sink(Path::new(&file.path), &file.contents)?;
        outputs.insert(file.path);
    }
    let broken = links.broken_links(site, renderer, &outputs);
    if broken.has_errors() {
        return Err(Error::Invalid(broken.sorted()));
    }
    Ok(Rendered {
        pages: pages.len(),
        files,
        bytes: bytes.into_inner(),
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

/// Every file a build writes, as site-relative paths with `/` separators.
fn output_files(site: &Site, theme: &Theme) -> Result<HashSet<String>> {
    let mut files: HashSet<String> = theme
        .static_files()?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    files.extend(GENERATED_FILES.iter().map(|name| name.to_string()));
    for page in PageKind::all(site) {
        if let Some(file) = page.route(site).output_file() {
            files.insert(
                file.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
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

/// Replaces `output` with `staging`: the old folder is moved aside, then removed.
fn swap_into_place(staging: PathBuf, output: &Path) -> Result<()> {
    if output.exists() {
        let aside = output.with_file_name(format!(
            ".{}.old-{}",
            output
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        fs::rename(output, &aside)?;
        if let Err(error) = fs::rename(&staging, output) {
            let _ = std::fs::rename(&aside, output);
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        fs::remove_dir_all(&aside)?;
    } else {
        fs::rename(&staging, output)?;
    }
    Ok(())
}
