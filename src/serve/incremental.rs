//! Incremental rebuilds: after every change the site model is assembled again from what
//! each source file gave when last read (only the changed files are read again, see
//! [`SiteLoader`]) and handed to [`output::produce`] with its page keys ([`Fingerprints`]); a page or search
//! shard is made again only when its key differs from the one that made the served files,
//! the rule the build cache follows. The files kept in memory always equal what a full
//! build would write.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::cache::Fingerprints;
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::fingerprint::Fingerprint;
use crate::output::is_search_file;
use crate::output::{self, MemoryFiles, MemorySink, SearchWork, Silent, Sink};
use crate::render::{PageKind, Renderer, Theme};
use crate::site::Site;

use super::loader::SiteLoader;

pub use crate::output::Files;

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// Pages rendered again, by output path, sorted.
    pub rendered: Vec<String>,
    /// Files no longer in the site (pages, static files, search files), sorted.
    pub removed: Vec<String>,
    /// Files whose bytes changed (pages, static and generated files, search index), sorted.
    pub updated: Vec<String>,
    /// Whether search shards were rebuilt.
    pub search_rebuilt: bool,
    /// Whether the search index is out of date and left to a [`SearchJob`] (see
    /// [`Engine::defer_search`]).
    pub search_pending: bool,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// How long each step took, for `FLASHPOINT_SERVE_PROFILE=1`.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Rebuilt {
    /// Nothing a browser shows changed.
    pub fn is_unchanged(&self) -> bool {
        self.updated.is_empty() && self.removed.is_empty()
    }

    /// Only files no page shows changed (the feed, the sitemap, robots.txt), as after a
    /// body edit the quick path already served: browsers need not reload.
    pub fn is_unseen(&self) -> bool {
        self.updated
            .iter()
            .chain(&self.removed)
            .all(|file| file.ends_with(".xml") || file.ends_with(".txt"))
    }

    /// Only stylesheets changed: browsers can swap them without reloading the page.
    pub fn is_css_only(&self) -> bool {
        self.removed.is_empty()
            && !self.updated.is_empty()
            && self.updated.iter().all(|file| file.ends_with(".css"))
    }
}

/// What the last good rebuild made the files from, shared with the search job.
#[derive(Clone)]
struct Built {
    site: Arc<Site>,
    renderer: Arc<Renderer>,
    keys: Arc<Fingerprints>,
}

/// Keeps a site's rendered files up to date with its sources.
pub struct Engine {
    root: PathBuf,
    /// `http://127.0.0.1:1111`: the site is served there under its base path.
    origin: String,
    include_drafts: bool,
    served: MemoryFiles,
    /// What each source file gave when last loaded.
    loader: SiteLoader,
    /// The last site that built.
    last: Option<Built>,
    defer_search: bool,
    /// The base URL of the last rebuild.
    built_for: String,
    /// The last rebuild failed: the sources have a problem the served files do not show.
    failing: bool,
    /// The files held were put in from the snapshot, not made: the next production checks
    /// the links of the pages it keeps.
    prefilled: bool,
}

impl Engine {
    /// Nothing is built until the first [`Engine::rebuild`].
    pub fn new(root: &Path, origin: &str, include_drafts: bool) -> Engine {
        Engine {
            root: root.to_path_buf(),
            origin: origin.trim_end_matches('/').to_string(),
            include_drafts,
            served: MemoryFiles::default(),
            loader: SiteLoader::new(root, include_drafts),
            last: None,
            defer_search: false,
            built_for: String::new(),
            failing: false,
            prefilled: false,
        }
    }

    /// Leaves the search index, after the first build, to a [`SearchJob`] run beside the
    /// rebuilds: on a large site it takes far longer than the pages a save changes.
    pub fn defer_search(&mut self, defer: bool) {
        self.defer_search = defer;
    }

    /// The job that brings the search index up to date with the last good rebuild.
    pub fn search_job(&self) -> SearchJob {
        SearchJob {
            built: self.last.clone(),
            served: self.served.clone(),
            origin: self.origin.clone(),
        }
    }

    /// Makes the next rebuild a full one, as after a panic that may have left the record
    /// of the last build half updated. The served files stay until it replaces them.
    pub fn forget_last_build(&mut self) {
        self.last = None;
        self.loader = SiteLoader::new(&self.root, self.include_drafts);
        self.served.forget_keys();
    }

    /// The served files, shared with the HTTP server.
    pub fn files(&self) -> Files {
        self.served.files()
    }

    /// The base path of the last good build (`/` or `/explainer/`).
    pub fn base_path(&self) -> Option<String> {
        self.site()
            .map(|site| site.config.base_url.path().to_string())
    }

    /// The last good site model.
    pub fn site(&self) -> Option<&Site> {
        self.last.as_ref().map(|built| built.site.as_ref())
    }

    /// The URL the site is built for: the origin served plus site.yaml's base path.
    pub fn base_url(&self) -> String {
        let path = crate::config::load(&self.root, None)
            .map(|config| config.base_url.path().to_string())
            .unwrap_or_else(|_| "/".to_string());
        format!("{}{path}", self.origin)
    }

    /// Serves the saves of `changed` (absolute paths) at once when they only edit the text
    /// of stories or pages (see [`quick`](super::quick)); None when they do more, or the
    /// last rebuild failed, or the search job still holds the last site. Either way
    /// [`Engine::rebuild_after`] is to follow, to bring everything else up to date.
    pub fn serve_body_edits(&mut self, changed: &[PathBuf]) -> Option<Rebuilt> {
        let started = Instant::now();
        if self.failing || changed.is_empty() {
            return None;
        }
        let built = self.last.as_mut()?;
        let site = Arc::get_mut(&mut built.site)?;
        let served = super::quick::serve_body_edits(
            &self.root,
            changed,
            site,
            &built.renderer,
            &self.served,
        )?;
        Some(Rebuilt {
            rendered: served.rendered,
            updated: served.updated,
            elapsed: started.elapsed(),
            phases: vec![("quick", started.elapsed())],
            ..Rebuilt::default()
        })
    }

    /// Puts in, from the snapshot a last `serve` left (see [`super::snapshot`]), the pages
    /// and search files whose keys the current sources give, in every language's edition,
    /// so that the first rebuild keeps them and makes only the rest. Returns how many
    /// files were put in: none when there is no snapshot or the site does not load.
    pub fn start_from_snapshot(&mut self) -> usize {
        let Some(snapshot) = super::snapshot::load(&self.root, &self.origin) else {
            return 0;
        };
        let Ok((mut site, _)) = self.loader.load(&self.base_url()) else {
            return 0;
        };
        for_serving(&mut site);
        let Ok(theme) = Theme::locate(&self.root, &site.config.theme) else {
            return 0;
        };
        let mut wanted = std::collections::HashSet::new();
        for edition in std::iter::once(&site).chain(&site.other_editions) {
            let Ok(renderer) = Renderer::new(edition, &theme) else {
                return 0;
            };
            wanted.extend(keys_of_pages_and_shards(edition, &renderer));
        }
        let verified: Vec<_> = snapshot
            .into_iter()
            .filter(|(_, _, key)| wanted.contains(key))
            .collect();
        let count = verified.len();
        self.served.prefill(verified);
        self.prefilled = count > 0;
        count
    }

    /// Brings the files up to date after the saves of `changed` (absolute paths), reading
    /// again only those sources.
    pub fn rebuild_after(&mut self, changed: &[PathBuf]) -> Result<Rebuilt> {
        for path in changed {
            self.loader.changed(path);
        }
        self.rebuild_changed()
    }

    /// Loads the site again and brings the files up to date. On an error, the files and
    /// the last good site stay as they were, and the next rebuild compares with them.
    pub fn rebuild(&mut self) -> Result<Rebuilt> {
        self.loader.changed_everything();
        self.rebuild_changed()
    }

    fn rebuild_changed(&mut self) -> Result<Rebuilt> {
        self.failing = true;
        let rebuilt = self.produce()?;
        self.failing = false;
        Ok(rebuilt)
    }

    fn produce(&mut self) -> Result<Rebuilt> {
        let started = Instant::now();
        let mut lap = Instant::now();
        let mut phases = Vec::new();
        let base_url = self.base_url();
        let (mut site, warnings) = self.loader.load(&base_url)?;
        for_serving(&mut site);
        self.built_for = base_url;
        let theme = Theme::locate(&self.root, &site.config.theme)?;
        phases.push(("load", lap.elapsed()));
        lap = Instant::now();
        let renderer = Renderer::new(&site, &theme)?;
        // Image variants and cards come from the build cache, so a save does not encode
        // them all again.
        renderer
            .images()
            .use_folder(self.root.join(crate::cache::CACHE_DIR).join("images"));
        let keys = Fingerprints::of(&site, &renderer);
        phases.push(("templates and keys", lap.elapsed()));
        // After the first build a large site's search index is left to a `SearchJob`.
        let search = match self.last.is_some() && self.defer_search {
            true => SearchWork::Defer,
            false => SearchWork::Build,
        };
        let sink = MemorySink::new(&self.served);
        let checked = CheckKept(&sink);
        let produced = output::produce(
            &site,
            &renderer,
            &theme,
            match self.prefilled {
                true => &checked as &dyn Sink,
                false => &sink,
            },
            Some(&keys),
            search,
            &Silent,
        )?;
        self.prefilled = false;
        phases.extend(produced.steps.iter().copied());
        lap = Instant::now();
        let swapped = sink.commit(|file| search == SearchWork::Build || !is_search_file(file));
        self.last = Some(Built {
            site: Arc::new(site),
            renderer: Arc::new(renderer),
            keys: Arc::new(keys),
        });
        phases.push(("swap", lap.elapsed()));
        Ok(Rebuilt {
            rendered: produced.rendered,
            removed: swapped.removed,
            updated: swapped.updated,
            search_rebuilt: produced.built_shards > 0,
            search_pending: produced.stale_shards > 0,
            warnings,
            elapsed: started.elapsed(),
            phases,
        })
    }
}

/// The key of every page and search shard of one edition (each edition's keys say which
/// edition it is).
fn keys_of_pages_and_shards(site: &Site, renderer: &Renderer) -> Vec<Fingerprint> {
    use rayon::prelude::*;
    let keys = Fingerprints::of(site, renderer);
    let mut wanted: Vec<Fingerprint> = PageKind::all(site)
        .par_iter()
        .filter_map(|&page| {
            let name = output::slash_path(&page.route(site).output_file()?);
            Some(keys.page_key(site, page, &name))
        })
        .collect();
    wanted.extend(
        crate::search::plan(site)
            .iter()
            .map(|shard| keys.shard_key(site, shard)),
    );
    wanted
}

/// A sink whose kept pages have their links checked again: after a start from the
/// snapshot, a page kept may link a file that the snapshot held but the site no longer has,
/// which the held files (only the verified ones) cannot tell.
struct CheckKept<'a>(&'a MemorySink<'a>);

impl Sink for CheckKept<'_> {
    fn keep(&self, key: Fingerprint) -> Option<Vec<String>> {
        self.0.keep(key)
    }

    fn kept_contents(&self, file: &str) -> Option<Vec<u8>> {
        self.0.kept_contents(file)
    }

    fn lost_any(&self, _files: &std::collections::HashSet<String>) -> bool {
        true
    }

    fn keep_all_under(&self, dir: &str) -> Vec<String> {
        self.0.keep_all_under(dir)
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()> {
        self.0.write(file, contents, key)
    }
}

/// The site as `serve` draws it: pages link the plain names of static files, so that a
/// stylesheet edit changes only the stylesheet and reloads in place (the preview sends
/// nothing cacheable, so it needs no hashed copies), and no files for hosts are made
/// (`_headers` would list search files the deferred search job replaces). Every
/// language's edition is drawn so.
pub fn for_serving(site: &mut Site) {
    // Every language's edition links the same static files.
    for edition in &mut site.other_editions {
        for_serving(edition);
    }
    let hosting = &mut site.config.hosting;
    hosting.hashed_assets = false;
    hosting.headers = false;
    hosting.redirects = false;
    hosting.nginx = false;
    hosting.nojekyll = false;
    hosting.precompress = false;
    for edition in &mut site.other_editions {
        for_serving(edition);
    }
}

/// Rebuilds the search shards whose keys changed, from the last good site model, on a
/// thread of its own.
#[derive(Clone)]
pub struct SearchJob {
    built: Option<Built>,
    served: MemoryFiles,
    /// Where the files are served: the snapshot is for a serve at the same origin.
    origin: String,
}

impl SearchJob {
    /// Writes the served files to the snapshot the next `serve` starts from (see
    /// [`super::snapshot`]), once a site has built.
    pub fn save_snapshot(&self, root: &Path) -> std::io::Result<()> {
        match &self.built {
            Some(_) => super::snapshot::save(root, &self.origin, self.served.with_keys()),
            None => Ok(()),
        }
    }

    /// Builds the shards whose keys changed and swaps them in for the served ones; returns
    /// how many search files changed.
    pub fn run(&self) -> Result<usize> {
        let Some(built) = &self.built else {
            return Ok(0);
        };
        let sink = MemorySink::new(&self.served);
        output::produce_search(&built.site, &sink, &built.keys)?;
        let swapped = sink.commit(is_search_file);
        Ok(swapped.updated.len() + swapped.removed.len())
    }
}
