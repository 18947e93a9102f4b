//! Incremental rebuilds: after every change the whole site model is loaded again (cheap),
//! compared with the last good one, and only the pages whose [`Dependency`]s changed are
//! rendered again. The files kept in memory always equal what a full build would write.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::output::slash_path;
use crate::render::{Dependency, PageKind, Renderer, Theme};
use crate::search::SEARCH_DIR;
use crate::site::Site;

/// Every file served, by site-relative path with `/` separators (`stories/x/index.html`).
pub type Files = Arc<RwLock<HashMap<String, Bytes>>>;

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuilt {
    /// The inputs that changed, as the pages' dependencies name them.
    pub changed: BTreeSet<Dependency>,
    /// Pages rendered again, by output path, sorted.
    pub rendered: Vec<String>,
    /// Files no longer in the site (pages and static files), sorted.
    pub removed: Vec<String>,
    /// Files whose bytes changed (pages, static and generated files, search index), sorted.
    pub updated: Vec<String>,
    /// Whether the search index was rebuilt.
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

/// One page drawn again: its output path, the page and its HTML, or why it failed.
type RenderResult = std::result::Result<(String, PageKind, Vec<u8>), Diagnostics>;

/// The last site that built, with what its files were made from.
struct Snapshot {
    site: Site,
    templates: BTreeMap<String, String>,
    config: String,
    /// Output path of every page, to the page.
    pages: HashMap<String, PageKind>,
    static_names: BTreeSet<String>,
}

/// Keeps a site's rendered files up to date with its sources.
pub struct Engine {
    root: PathBuf,
    /// `http://127.0.0.1:1111`: the site is served there under its base path.
    origin: String,
    include_drafts: bool,
    files: Files,
    last: Option<Snapshot>,
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
            files: Files::default(),
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
            files: self.files.clone(),
        }
    }

    /// Makes the next rebuild a full one, as after a panic that may have left the record
    /// of the last build half updated. The served files stay until it replaces them.
    pub fn forget_last_build(&mut self) {
        self.last = None;
    }

    /// The served files, shared with the HTTP server.
    pub fn files(&self) -> Files {
        self.files.clone()
    }

    /// The base path of the last good build (`/` or `/explainer/`).
    pub fn base_path(&self) -> Option<String> {
        self.last
            .as_ref()
            .map(|last| last.site.config.base_url.path().to_string())
    }

    /// The last good site model.
    pub fn site(&self) -> Option<&Site> {
        self.last.as_ref().map(|last| &last.site)
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
        let mut phases = Vec::new();
        let mut lap = Instant::now();
        let mut phase = |name: &'static str| {
            phases.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let base_url = self.base_url();
        let (site, warnings) =
            crate::pipeline::load_site(&self.root, Some(&base_url), self.include_drafts)?;
        self.built_for = base_url;
        let theme = Theme::locate(&self.root, &site.config.theme)?;
        let templates: BTreeMap<String, String> = theme
            .templates()?
            .into_iter()
            .map(|t| (t.name, t.text))
            .collect();
        let mut statics: BTreeMap<String, Bytes> = BTreeMap::new();
        for file in theme.static_files()? {
            let contents = Bytes::from(file.contents()?.into_owned());
            statics.insert(file.name, contents);
        }
        phase("load");
        let renderer = Renderer::new(&site, &theme)?;
        phase("templates");
        // A custom.css added or removed changes the head of every page, like site.yaml.
        let config = format!(
            "{:?} custom.css: {}",
            site.config,
            renderer.has_custom_css()
        );
        let changed = match &self.last {
            None => BTreeSet::from([Dependency::SiteWide]),
            Some(last) => changes(last, &site, &templates, &config),
        };
        let site_wide = changed.contains(&Dependency::SiteWide);

        // Which pages to draw again: those depending on a change, and new ones.
        let mut pages: HashMap<String, PageKind> = HashMap::new();
        let mut to_render: Vec<(String, PageKind)> = Vec::new();
        for page in PageKind::all(&site) {
            let Some(file) = page.route(&site).output_file() else {
                continue;
            };
            let file = slash_path(&file);
            let is_new = self
                .last
                .as_ref()
                .is_none_or(|last| !last.pages.contains_key(&file));
            if site_wide
                || is_new
                || page_dependencies(&site, page)
                    .iter()
                    .any(|d| changed.contains(d))
                || renderer
                    .templates_used_by(page.template())
                    .into_iter()
                    .any(|name| changed.contains(&Dependency::Template(name)))
            {
                to_render.push((file.clone(), page));
            }
            pages.insert(file, page);
        }
        phase("diff");
        let search_dirty = self.last.is_none()
            || changed.iter().any(|d| {
                matches!(
                    d,
                    Dependency::SiteWide
                        | Dependency::Story(_)
                        | Dependency::Actor(_)
                        | Dependency::StoryList
                        | Dependency::ActorList
                        | Dependency::Timeline
                        | Dependency::Quotes
                        | Dependency::Sources
                        | Dependency::Page(_)
                )
            });
        let search_now = search_dirty && (self.last.is_none() || !self.defer_search);
        // The search index is built on a thread of its own while the pages render, as a
        // full build does.
        let (rendered, search) = std::thread::scope(|scope| {
            let search = search_now.then(|| scope.spawn(|| crate::search::build_index(&site)));
            let rendered: Vec<RenderResult> = to_render
                .into_par_iter()
                .map(|(file, page)| renderer.render(&site, page).map(|html| (file, page, html)))
                .collect();
            let search = search.map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(Error::Internal("the search indexer panicked".to_string()))
                })
            });
            (rendered, search)
        });
        let mut failures = Diagnostics::default();
        let mut new_pages: Vec<(String, PageKind, Bytes)> = Vec::new();
        for result in rendered {
            match result {
                Ok((file, page, html)) => new_pages.push((file, page, Bytes::from(html))),
                Err(diagnostics) => failures.extend(diagnostics),
            }
        }
        if !failures.is_empty() {
            return Err(Error::Invalid(failures.sorted()));
        }
        let search_files = match search {
            Some(files) => Some(
                files?
                    .into_iter()
                    .map(|file| (file.path, Bytes::from(file.contents)))
                    .collect::<BTreeMap<String, Bytes>>(),
            ),
            None => None,
        };
        phase("render+search");
        let mut other_files: BTreeMap<String, Bytes> =
            crate::output::generated_files(&site, &renderer)?
                .into_iter()
                .map(|(name, text)| (name.to_string(), Bytes::from(text)))
                .collect();
        phase("generated");
        // Every file the site now has, to check links against.
        let current = self.files.read().unwrap_or_else(|p| p.into_inner());
        let mut outputs: HashSet<String> = HashSet::new();
        outputs.extend(pages.keys().cloned());
        outputs.extend(statics.keys().cloned());
        outputs.extend(other_files.keys().cloned());
        match &search_files {
            Some(search) => outputs.extend(search.keys().cloned()),
            None => outputs.extend(
                current
                    .keys()
                    .filter(|k| k.starts_with(&format!("{SEARCH_DIR}/")))
                    .cloned(),
            ),
        }
        let static_names: BTreeSet<String> = statics.keys().cloned().collect();
        let removed_pages: Vec<String> = match &self.last {
            Some(last) => last
                .pages
                .keys()
                .filter(|file| !pages.contains_key(*file))
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        // Links on pages not drawn again can only break when a file went away.
        let check_all = site_wide
            || !removed_pages.is_empty()
            || self
                .last
                .as_ref()
                .is_some_and(|last| !last.static_names.is_subset(&static_names));
        let fresh: HashMap<&str, &Bytes> = new_pages
            .iter()
            .map(|(file, _, html)| (file.as_str(), html))
            .collect();
        let checked: Vec<(PageKind, &[u8])> = if check_all {
            pages
                .iter()
                .filter_map(|(file, &page)| {
                    let html = fresh
                        .get(file.as_str())
                        .copied()
                        .or_else(|| current.get(file))?;
                    Some((page, html.as_ref()))
                })
                .collect()
        } else {
            new_pages
                .iter()
                .map(|(_, page, html)| (*page, html.as_ref()))
                .collect()
        };
        let broken = crate::output::broken_links(&site, &renderer, checked, &outputs);
        if broken.has_errors() {
            return Err(Error::Invalid(broken.sorted()));
        }
        drop(current);

        phase("links");
        // Commit.
        let mut report = Rebuilt {
            changed,
            search_rebuilt: search_files.is_some(),
            search_pending: search_dirty && search_files.is_none(),
            warnings,
            ..Rebuilt::default()
        };
        let mut files = self.files.write().unwrap_or_else(|p| p.into_inner());
        let mut put = |files: &mut HashMap<String, Bytes>, name: String, bytes: Bytes| {
            if files.get(&name) != Some(&bytes) {
                report.updated.push(name.clone());
                files.insert(name, bytes);
            }
        };
        for (file, _, html) in new_pages {
            report.rendered.push(file.clone());
            put(&mut files, file, html);
        }
        if let Some(search) = search_files {
            let stale: Vec<String> = files
                .keys()
                .filter(|k| k.starts_with(&format!("{SEARCH_DIR}/")) && !search.contains_key(*k))
                .cloned()
                .collect();
            for name in stale {
                files.remove(&name);
                report.removed.push(name);
            }
            other_files.extend(search);
        }
        for (name, bytes) in other_files {
            put(&mut files, name, bytes);
        }
        if let Some(last) = &self.last {
            for name in last.static_names.difference(&static_names) {
                if !pages.contains_key(name) {
                    files.remove(name);
                    report.removed.push(name.clone());
                }
            }
        }
        for (name, bytes) in statics {
            put(&mut files, name, bytes);
        }
        for file in removed_pages {
            files.remove(&file);
            report.removed.push(file);
        }
        drop(files);
        report.rendered.sort();
        report.updated.sort();
        report.removed.sort();
        self.last = Some(Snapshot {
            site,
            templates,
            config,
            pages,
            static_names,
        });
        phase("commit");
        report.phases = phases;
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

/// Rebuilds the search index from the sources as they are now, on its own thread.
#[derive(Debug, Clone)]
pub struct SearchJob {
    root: PathBuf,
    base_url: String,
    include_drafts: bool,
    files: Files,
}

impl SearchJob {
    /// Loads the site, builds the index and swaps it in for the served one; returns how
    /// many search files changed. A site that does not load is left to the rebuilds.
    pub fn run(&self) -> Result<usize> {
        let (site, _) =
            crate::pipeline::load_site(&self.root, Some(&self.base_url), self.include_drafts)?;
        let search: BTreeMap<String, Bytes> = crate::search::build_index(&site)?
            .into_iter()
            .map(|file| (file.path, Bytes::from(file.contents)))
            .collect();
        let prefix = format!("{SEARCH_DIR}/");
        let mut files = self.files.write().unwrap_or_else(|p| p.into_inner());
        let before = files.len();
        files.retain(|name, _| !name.starts_with(&prefix) || search.contains_key(name));
        let mut changed = before - files.len();
        for (name, bytes) in search {
            if files.get(&name) != Some(&bytes) {
                files.insert(name, bytes);
                changed += 1;
            }
        }
        Ok(changed)
    }
}

/// The inputs a page is drawn from (see [`PageKind::dependencies`]).
pub fn page_dependencies(site: &Site, page: PageKind) -> Vec<Dependency> {
    page.dependencies(site)
}

/// What differs between the last good site and the new one.
fn changes(
    last: &Snapshot,
    site: &Site,
    templates: &BTreeMap<String, String>,
    config: &str,
) -> BTreeSet<Dependency> {
    let old = &last.site;
    let mut changed = BTreeSet::new();
    // The navigation on every page lists the plain pages by title.
    let nav = |site: &Site| -> Vec<(String, String)> {
        site.pages
            .iter()
            .map(|p| (p.id.to_string(), p.title.clone()))
            .collect()
    };
    if last.config != config || nav(old) != nav(site) {
        changed.insert(Dependency::SiteWide);
        return changed;
    }
    // A changed, new or removed template re-renders the pages drawn with it.
    let names: BTreeSet<&String> = last.templates.keys().chain(templates.keys()).collect();
    for name in names {
        if last.templates.get(name) != templates.get(name) {
            changed.insert(Dependency::Template(name.clone()));
        }
    }
    if old.home != site.home {
        changed.insert(Dependency::Home);
    }

    let old_stories: HashMap<&str, usize> = old
        .stories
        .iter()
        .enumerate()
        .map(|(ix, s)| (s.id.as_str(), ix))
        .collect();
    let new_stories: HashMap<&str, usize> = site
        .stories
        .iter()
        .enumerate()
        .map(|(ix, s)| (s.id.as_str(), ix))
        .collect();
    for (&id, &ix) in &new_stories {
        let story = &site.stories[ix];
        match old_stories.get(id) {
            None => {
                changed.insert(Dependency::Story(id.to_string()));
                changed.insert(Dependency::StoryList);
            }
            Some(&old_ix) => {
                let before = &old.stories[old_ix];
                if before != story {
                    changed.insert(Dependency::Story(id.to_string()));
                }
                let listed = before.title != story.title
                    || before.date != story.date
                    || before.updated != story.updated
                    || before.summary != story.summary
                    || before.tags != story.tags
                    || before.draft != story.draft
                    || actor_ids(old, &old.story_actors[old_ix])
                        != actor_ids(site, &site.story_actors[ix])
                    || source_ids(old, &old.story_sources[old_ix])
                        != source_ids(site, &site.story_sources[ix]);
                if listed {
                    changed.insert(Dependency::StoryList);
                }
            }
        }
    }
    for &id in old_stories.keys() {
        if !new_stories.contains_key(id) {
            changed.insert(Dependency::Story(id.to_string()));
            changed.insert(Dependency::StoryList);
        }
    }

    let old_actors: HashMap<&str, usize> = old
        .actors
        .iter()
        .enumerate()
        .map(|(ix, a)| (a.id.as_str(), ix))
        .collect();
    for actor in &site.actors {
        let id = actor.id.as_str();
        match old_actors.get(id).map(|&ix| &old.actors[ix]) {
            None => {
                changed.insert(Dependency::Actor(id.to_string()));
                changed.insert(Dependency::ActorList);
            }
            Some(before) if before != actor => {
                changed.insert(Dependency::Actor(id.to_string()));
                let listed = before.name != actor.name
                    || before.kind != actor.kind
                    || before.summary != actor.summary
                    || before.aliases != actor.aliases
                    || before.relations != actor.relations;
                if listed {
                    changed.insert(Dependency::ActorList);
                }
                // The other side of a relation shows it too.
                for relation in before.relations.iter().chain(&actor.relations) {
                    changed.insert(Dependency::Actor(relation.to.id.to_string()));
                }
            }
            Some(_) => {}
        }
    }
    for before in &old.actors {
        if site.actor(before.id.as_str()).is_none() {
            changed.insert(Dependency::Actor(before.id.to_string()));
            changed.insert(Dependency::ActorList);
            for relation in &before.relations {
                changed.insert(Dependency::Actor(relation.to.id.to_string()));
            }
        }
    }

    for page in &site.pages {
        if old.page(page.id.as_str()) != Some(page) {
            changed.insert(Dependency::Page(page.id.to_string()));
        }
    }
    if old.events != site.events {
        changed.insert(Dependency::Timeline);
    }
    if old.forces != site.forces {
        changed.insert(Dependency::Forces);
    }
    if old.quotes != site.quotes {
        changed.insert(Dependency::Quotes);
    }
    if old.sources != site.sources {
        changed.insert(Dependency::Sources);
    }
    changed
}

fn actor_ids<'a>(site: &'a Site, actors: &[usize]) -> Vec<&'a str> {
    actors.iter().map(|&a| site.actors[a].id.as_str()).collect()
}

fn source_ids<'a>(site: &'a Site, sources: &[usize]) -> Vec<&'a str> {
    sources
        .iter()
        .map(|&s| site.sources[s].id.as_str())
        .collect()
}
