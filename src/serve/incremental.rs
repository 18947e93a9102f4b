//! Incremental rebuilds: after every change the whole site model is loaded again (cheap)
//! and handed to [`output::produce`] with its page keys ([`Fingerprints`]); a page or search
//! shard is made again only when its key differs from the one that made the served files,
//! the rule the build cache follows. The files kept in memory always equal what a full
//! build would write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cache::Fingerprints;
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::output::{self, MemoryFiles, MemorySink, SearchWork, Silent};
use crate::render::{Renderer, Theme};
use crate::search::SEARCH_DIR;
use crate::site::Site;

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

    /// Only stylesheets changed: browsers can swap them without reloading the page.
    pub fn is_css_only(&self) -> bool {
        self.removed.is_empty()
            && !self.updated.is_empty()
            && self.updated.iter().all(|file| file.ends_with(".css"))
    }
}

/// Whether a served file belongs to the search index.
fn is_search_file(file: &str) -> bool {
    file.starts_with(SEARCH_DIR) && file[SEARCH_DIR.len()..].starts_with('/')
}

/// Keeps a site's rendered files up to date with its sources.
pub struct Engine {
    root: PathBuf,
    /// `http://127.0.0.1:1111`: the site is served there under its base path.
    origin: String,
    include_drafts: bool,
    served: MemoryFiles,
    /// The last site that built.
    last: Option<Site>,
    defer_search: bool,
    /// The base URL of the last rebuild.
    built_for: String,
}

impl Engine {
    /// Nothing is built until the first [`Engine::rebuild`].
    pub fn new(root: &Path, origin: &str, include_drafts: bool) -> Engine {
        Engine {
            root: root.to_path_buf(),
            origin: origin.trim_end_matches('/').to_string(),
            include_drafts,
            served: MemoryFiles::default(),
            last: None,
            defer_search: false,
            built_for: String::new(),
        }
    }

    /// Leaves the search index, after the first build, to a [`SearchJob`] run beside the
    /// rebuilds: on a large site it takes far longer than the pages a save changes.
    pub fn defer_search(&mut self, defer: bool) {
        self.defer_search = defer;
    }

    /// The job that brings the search index up to date with the sources.
    pub fn search_job(&self) -> SearchJob {
        SearchJob {
            root: self.root.clone(),
            base_url: self.built_for.clone(),
            include_drafts: self.include_drafts,
            served: self.served.clone(),
        }
    }

    /// Makes the next rebuild a full one, as after a panic that may have left the record
    /// of the last build half updated. The served files stay until it replaces them.
    pub fn forget_last_build(&mut self) {
        self.last = None;
        self.served.forget_keys();
    }

    /// The served files, shared with the HTTP server.
    pub fn files(&self) -> Files {
        self.served.files()
    }

    /// The base path of the last good build (`/` or `/explainer/`).
    pub fn base_path(&self) -> Option<String> {
        self.last
            .as_ref()
            .map(|site| site.config.base_url.path().to_string())
    }

    /// The last good site model.
    pub fn site(&self) -> Option<&Site> {
        self.last.as_ref()
    }

    /// The URL the site is built for: the origin served plus site.yaml's base path.
    pub fn base_url(&self) -> String {
        let path = crate::config::load(&self.root, None)
            .map(|config| config.base_url.path().to_string())
            .unwrap_or_else(|_| "/".to_string());
        format!("{}{path}", self.origin)
    }

    /// Loads the site again and brings the files up to date. On an error, the files and
    /// the last good site stay as they were, and the next rebuild compares with them.
    pub fn rebuild(&mut self) -> Result<Rebuilt> {
        let started = Instant::now();
        let mut lap = Instant::now();
        let mut phases = Vec::new();
        let base_url = self.base_url();
        let (mut site, warnings) =
            crate::pipeline::load_site(&self.root, Some(&base_url), self.include_drafts)?;
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
        let produced = output::produce(
            &site,
            &renderer,
            &theme,
            &sink,
            Some(&keys),
            search,
            &Silent,
        )?;
        phases.extend(produced.steps.iter().copied());
        lap = Instant::now();
        let swapped = sink.commit(|file| search == SearchWork::Build || !is_search_file(file));
        self.last = Some(site);
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

/// The site as `serve` draws it: pages link the plain names of static files, so that a
/// stylesheet edit changes only the stylesheet and reloads in place (the preview sends
/// nothing cacheable, so it needs no hashed copies), and no files for hosts are made
/// (`_headers` would list search files the deferred search job replaces).
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
}

/// Rebuilds the search shards whose keys changed, from the sources as they are now, on a
/// thread of its own.
#[derive(Debug, Clone)]
pub struct SearchJob {
    root: PathBuf,
    base_url: String,
    include_drafts: bool,
    served: MemoryFiles,
}

impl SearchJob {
    /// Loads the site, builds the shards whose keys changed and swaps them in for the
    /// served ones; returns how many search files changed. A site that does not load is
    /// left to the rebuilds.
    pub fn run(&self) -> Result<usize> {
        let (mut site, _) =
            crate::pipeline::load_site(&self.root, Some(&self.base_url), self.include_drafts)?;
        for_serving(&mut site);
        let theme = Theme::locate(&self.root, &site.config.theme)?;
        let renderer = Renderer::new(&site, &theme)?;
        let keys = Fingerprints::of(&site, &renderer);
        let sink = MemorySink::new(&self.served);
        output::produce_search(&site, &sink, &keys)?;
        let swapped = sink.commit(is_search_file);
        Ok(swapped.updated.len() + swapped.removed.len())
    }
}
