//! Incremental rebuilds: after every change the site model is assembled again from what
//! each source file gave when last read (only the changed files are read again, see
//! [`SiteLoader`]) and handed to [`output::produce`] with its page keys ([`Fingerprints`]); a page or search
//! shard is made again only when its key differs from the one that made the served files,
//! the rule the build cache follows. The files kept in memory always equal what a full
//! build would write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cache::Fingerprints;
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::fingerprint::Fingerprint;
use crate::output::is_search_file;
use crate::output::{self, MemoryFiles, MemorySink, SearchWork, Silent, Sink};
use crate::render::{PageKind, Renderer, Theme};
use crate::search::RecordRef;
use crate::search::update::{self, ChangedRecord, LiveIndex};
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
    /// The rebuild gave way to a newer save before it swapped anything in (see
    /// [`Engine::give_way_to`]): nothing changed, and the next rebuild does its work.
    pub superseded: bool,
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
    /// The key of every search record's inputs when the index was last brought up to date
    /// (or asked to be), by URL: a rebuild hands the search job only the records whose key
    /// changed.
    record_keys: HashMap<String, Fingerprint>,
    /// What the next [`SearchJob`] is to do.
    next_search: Option<SearchPlan>,
    /// The last production's search records make one unit, kept record by record: known
    /// here so that the quick path need not plan the index (O(records)) on every save.
    one_unit: bool,
    /// The search index kept by the search jobs, record by record.
    live: Arc<Mutex<Option<LiveIndex>>>,
    /// Set when a newer save waits: the next rebuild stops and gives way to it.
    give_way: Option<Arc<AtomicBool>>,
}

/// What a [`SearchJob`] does.
enum SearchPlan {
    /// Builds the index's unit again from the last good site if its key changed.
    Whole,
    /// Puts these records, made from the site at once, into the live index; the files are
    /// then those of the unit key given (None: not known, as on the quick path).
    Records(Vec<ChangedRecord>, Option<Fingerprint>),
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
            record_keys: HashMap::new(),
            next_search: None,
            one_unit: false,
            live: Arc::default(),
            give_way: None,
        }
    }

    /// Makes the next rebuild stop, with nothing swapped in, as soon as `flag` is set (a
    /// newer save waits), or never with None. `serve` asks it after the quick path served
    /// a save, whose page is then right already: the next save need not wait seconds for
    /// the rest of a large site, which the rebuild after it brings up to date.
    pub fn give_way_to(&mut self, flag: Option<Arc<AtomicBool>>) {
        self.give_way = flag;
    }

    /// A newer save waits and the rebuild is to give way to it.
    fn should_give_way(&self) -> bool {
        self.give_way
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::SeqCst))
    }

    /// Leaves the search index, after the first build, to a [`SearchJob`] run beside the
    /// rebuilds: on a large site it takes far longer than the pages a save changes.
    pub fn defer_search(&mut self, defer: bool) {
        self.defer_search = defer;
    }

    /// The job that brings the search index up to date with the last good rebuild (or the
    /// quick path): only the records that changed when the rebuild could tell them, else
    /// the whole index from the last good site model. With nothing planned (the last
    /// production built the index itself) the job holds no site model, so that the quick
    /// path, which patches it in place, is not kept waiting while the job runs.
    pub fn search_job(&mut self) -> SearchJob {
        let (built, records) = match self.next_search.take() {
            Some(SearchPlan::Records(records, key)) => {
                (None, Some((Arc::new(Mutex::new(records)), key)))
            }
            Some(SearchPlan::Whole) => (self.last.clone(), None),
            None => (None, None),
        };
        SearchJob {
            site_built: self.site().is_some(),
            built,
            records,
            served: self.served.clone(),
            origin: self.origin.clone(),
            live: self.live.clone(),
        }
    }

    /// The search job the last quick path or rebuild planned, if any.
    pub fn planned_search_job(&mut self) -> Option<SearchJob> {
        self.next_search.is_some().then(|| self.search_job())
    }

    /// Plans the next search job after a production of `site`: the records whose keys
    /// changed, when the site has the same records as before; else the whole index.
    fn plan_search(&mut self, site: &Site, keys: &Fingerprints, built: bool) {
        use rayon::prelude::*;
        let unit = update::single_unit(site);
        self.one_unit = unit.is_some();
        if built {
            // The production wrote the index afresh: the one kept record by record is read
            // back from its files when next needed.
            *self.live.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
        let Some(unit) = unit else {
            self.record_keys.clear();
            // Nothing is left for a job to do after a production that built the index.
            self.next_search = (!built).then_some(SearchPlan::Whole);
            return;
        };
        let urls = update::record_urls(site, &unit.members);
        let now: Vec<Fingerprint> = unit
            .members
            .par_iter()
            .map(|&member| record_key(site, keys, member))
            .collect();
        let same_records = !self.record_keys.is_empty()
            && urls.len() == self.record_keys.len()
            && urls.iter().all(|url| self.record_keys.contains_key(url));
        if built {
            // The production built the index: nothing is left for a job to do.
            self.record_keys = urls.into_iter().zip(now).collect();
            self.next_search = None;
            return;
        }
        if !same_records {
            self.record_keys = urls.into_iter().zip(now).collect();
            self.next_search = Some(SearchPlan::Whole);
            return;
        }
        let mut changed: Vec<RecordRef> = Vec::new();
        for ((url, key), &member) in urls.into_iter().zip(now).zip(&unit.members) {
            if self.record_keys.get(&url) != Some(&key) {
                changed.push(member);
                self.record_keys.insert(url, key);
            }
        }
        let records = update::changed_records(site, &changed);
        let mut queued = match self.next_search.take() {
            Some(SearchPlan::Records(queued, _)) => queued,
            _ => Vec::new(),
        };
        queued.extend(records);
        self.next_search = Some(SearchPlan::Records(
            queued,
            Some(keys.shard_key(site, &unit)),
        ));
    }

    /// Makes the next rebuild a full one, as after a panic that may have left the record
    /// of the last build half updated. The served files stay until it replaces them.
    pub fn forget_last_build(&mut self) {
        self.last = None;
        self.record_keys.clear();
        self.next_search = None;
        self.one_unit = false;
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
        let mut phases = Vec::new();
        let served = super::quick::serve_body_edits(
            &self.root,
            changed,
            site,
            &built.renderer,
            &self.served,
            &mut phases,
        )?;
        let lap = Instant::now();
        // The search job takes the edited records as they are now, without the site.
        if self.one_unit {
            let members: Vec<RecordRef> = served
                .pages
                .iter()
                .filter_map(|page| match *page {
                    PageKind::Story(ix) => Some(RecordRef::Story(ix)),
                    PageKind::Actor(ix) => Some(RecordRef::Actor(ix)),
                    PageKind::Page(ix) => Some(RecordRef::Page(ix)),
                    _ => None,
                })
                .collect();
            let records = update::changed_records(site, &members);
            self.next_search = Some(match self.next_search.take() {
                Some(SearchPlan::Records(mut queued, _)) => {
                    queued.extend(records);
                    SearchPlan::Records(queued, None)
                }
                Some(SearchPlan::Whole) => SearchPlan::Whole,
                None => SearchPlan::Records(records, None),
            });
        }
        phases.push(("search records", lap.elapsed()));
        Some(Rebuilt {
            rendered: served.rendered,
            updated: served.updated,
            elapsed: started.elapsed(),
            phases,
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
    /// A file found empty that holds text again by the time the rebuild ends (a save written
    /// as truncate-then-write, read between the two) is read again, at most a few times, so
    /// that the error shown is never one the file no longer has.
    pub fn rebuild_after(&mut self, changed: &[PathBuf]) -> Result<Rebuilt> {
        for path in changed {
            self.loader.changed(path);
        }
        let mut rebuilt = self.rebuild_changed();
        for _ in 0..REREADS {
            let again = match &rebuilt {
                Err(error) => refilled(&self.root, error),
                Ok(_) => break,
            };
            if again.is_empty() {
                break;
            }
            for path in &again {
                self.loader.changed(path);
            }
            rebuilt = self.rebuild_changed();
        }
        rebuilt
    }

    /// Loads the site again and brings the files up to date. On an error, the files and
    /// the last good site stay as they were, and the next rebuild compares with them.
    pub fn rebuild(&mut self) -> Result<Rebuilt> {
        self.loader.changed_everything();
        self.rebuild_changed()
    }

    fn rebuild_changed(&mut self) -> Result<Rebuilt> {
        let was_failing = self.failing;
        self.failing = true;
        let rebuilt = match self.produce() {
            Err(_)
            | Ok(Rebuilt {
                superseded: true, ..
            }) if self.should_give_way() => {
                self.failing = was_failing;
                return Ok(Rebuilt {
                    superseded: true,
                    ..Rebuilt::default()
                });
            }
            rebuilt => rebuilt?,
        };
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
        if self.should_give_way() {
            return Ok(Rebuilt {
                superseded: true,
                ..Rebuilt::default()
            });
        }
        lap = Instant::now();
        let renderer = Renderer::new(&site, &theme)?;
        // Image variants and cards come from the build cache, so a save does not encode
        // them all again.
        renderer
            .images()
            .use_folder(self.root.join(crate::cache::CACHE_DIR).join("images"));
        let keys = Fingerprints::of(&site, &renderer);
        phases.push(("templates and keys", lap.elapsed()));
        if self.should_give_way() {
            return Ok(Rebuilt {
                superseded: true,
                ..Rebuilt::default()
            });
        }
        // After the first build a large site's search index is left to a `SearchJob`.
        let search = match self.last.is_some() && self.defer_search {
            true => SearchWork::Defer,
            false => SearchWork::Build,
        };
        let sink = MemorySink::new(&self.served);
        let checked = CheckKept(&sink);
        let chosen: &dyn Sink = match self.prefilled {
            true => &checked,
            false => &sink,
        };
        let giving_way = GiveWay {
            inner: chosen,
            flag: self.give_way.as_deref(),
        };
        let produced = output::produce(
            &site,
            &renderer,
            &theme,
            &giving_way,
            Some(&keys),
            search,
            &Silent,
        )?;
        self.prefilled = false;
        phases.extend(produced.steps.iter().copied());
        lap = Instant::now();
        let swapped = sink.commit(|file| search == SearchWork::Build || !is_search_file(file));
        phases.push(("swap", lap.elapsed()));
        lap = Instant::now();
        self.plan_search(&site, &keys, search == SearchWork::Build);
        phases.push(("search plan", lap.elapsed()));
        self.last = Some(Built {
            site: Arc::new(site),
            renderer: Arc::new(renderer),
            keys: Arc::new(keys),
        });
        Ok(Rebuilt {
            rendered: produced.rendered,
            removed: swapped.removed,
            updated: swapped.updated,
            search_rebuilt: produced.built_shards > 0,
            search_pending: produced.stale_shards > 0,
            warnings,
            elapsed: started.elapsed(),
            phases,
            superseded: false,
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

/// A sink that refuses every file once `flag` is set, so that a production stops early
/// when a newer save waits (see [`Engine::give_way_to`]).
struct GiveWay<'a> {
    inner: &'a dyn Sink,
    flag: Option<&'a AtomicBool>,
}

impl Sink for GiveWay<'_> {
    fn keep(&self, key: Fingerprint) -> Option<Vec<String>> {
        self.inner.keep(key)
    }

    fn kept_contents(&self, file: &str) -> Option<Vec<u8>> {
        self.inner.kept_contents(file)
    }

    fn lost_any(&self, files: &std::collections::HashSet<String>) -> bool {
        self.inner.lost_any(files)
    }

    fn keep_all_under(&self, dir: &str) -> Vec<String> {
        self.inner.keep_all_under(dir)
    }

    fn write(&self, file: &Path, contents: &[u8], key: Option<Fingerprint>) -> Result<()> {
        if self.flag.is_some_and(|flag| flag.load(Ordering::SeqCst)) {
            return Err(crate::error::Error::Internal(
                "the rebuild gave way to a newer save".to_string(),
            ));
        }
        self.inner.write(file, contents, key)
    }
}

/// The key of one record's inputs: that of a unit holding it alone, and for an event the
/// names of its actors, which its text shows (a unit's key has them through its actors'
/// records; one event's alone does not).
fn record_key(site: &Site, keys: &Fingerprints, member: RecordRef) -> Fingerprint {
    let key = keys.shard_key(
        site,
        &crate::search::Shard {
            name: String::new(),
            members: vec![member],
        },
    );
    let RecordRef::Event(ix) = member else {
        return key;
    };
    let mut hasher = crate::fingerprint::FingerprintHasher::new();
    hasher.fingerprint(key);
    for actor in &site.events[ix].actors {
        hasher.str(
            site.actor(actor.id.as_str())
                .map_or("", |a| a.name.as_str()),
        );
    }
    hasher.finish()
}

/// How many times at most a rebuild reads again the files it found empty.
const REREADS: usize = 3;

/// The files (absolute paths) that `error` says are empty and that hold text now.
fn refilled(root: &Path, error: &crate::error::Error) -> Vec<PathBuf> {
    let crate::error::Error::Invalid(diagnostics) = error else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = diagnostics
        .iter()
        .filter(|d| d.message == crate::content::source_file::EMPTY_FILE)
        .filter_map(|d| d.location.as_ref())
        .map(|location| root.join(&location.path))
        .filter(|path| {
            std::fs::read(path).is_ok_and(|bytes| {
                !String::from_utf8_lossy(&bytes)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .is_empty()
            })
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
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

/// Brings the search index up to date on a thread of its own: either from the records a
/// save changed, into the index kept record by record ([`LiveIndex`]), which needs no site
/// model, so that the quick path never waits for it; or, when the records are not known
/// (the first build, a record added or removed, a site in several languages), the whole
/// index from the last good site model, if its key changed.
#[derive(Clone)]
pub struct SearchJob {
    /// A site has been built: its served files are made from keys (every edition's).
    site_built: bool,
    built: Option<Built>,
    records: Option<QueuedRecords>,
    served: MemoryFiles,
    /// Where the files are served: the snapshot is for a serve at the same origin.
    origin: String,
    live: Arc<Mutex<Option<LiveIndex>>>,
}

/// Records a job puts into the index (taken out when it runs), and the key of the unit they
/// bring it to.
type QueuedRecords = (Arc<Mutex<Vec<ChangedRecord>>>, Option<Fingerprint>);

/// The files of the index that name no record: the entry, chunks and tails.
fn is_index_file(file: &str) -> bool {
    is_search_file(file) && !file.contains("/records/")
}

impl SearchJob {
    /// Writes the served files to the snapshot the next `serve` starts from (see
    /// [`super::snapshot`]), once a site has built.
    pub fn save_snapshot(&self, root: &Path) -> std::io::Result<()> {
        match self.site_built {
            true => super::snapshot::save(root, &self.origin, self.served.with_keys()),
            false => Ok(()),
        }
    }

    /// Lets go of the site model once the job has run, so that the quick path, which
    /// patches it, need not wait for the snapshot or the next job.
    pub fn let_go_of_site(&mut self) {
        self.built = None;
    }

    /// Whether this job puts records in rather than building the whole index: later jobs
    /// do not stand for it.
    pub fn is_records(&self) -> bool {
        self.records.is_some()
    }

    /// Brings the index up to date and swaps the changed files in for the served ones;
    /// returns how many search files changed.
    pub fn run(&self) -> Result<usize> {
        if let Some((records, key)) = &self.records {
            let records = std::mem::take(&mut *records.lock().unwrap_or_else(|p| p.into_inner()));
            return Ok(self.put_records(records, *key));
        }
        let Some(built) = &self.built else {
            return Ok(0);
        };
        let sink = MemorySink::new(&self.served);
        output::produce_search(&built.site, &sink, &built.keys)?;
        let swapped = sink.commit(is_search_file);
        let changed = swapped.updated.len() + swapped.removed.len();
        if changed > 0 {
            // Read back from the new files when next needed.
            *self.live.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
        Ok(changed)
    }

    /// Reads the live index back from the served files if it is not held yet, so that the
    /// first save after a start does not wait for it. The job's site model is let go first.
    pub fn warm(mut self) {
        self.let_go_of_site();
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        if live.is_none() {
            let files = self.served.files();
            let files = files.read().unwrap_or_else(|p| p.into_inner());
            *live = LiveIndex::from_files(&files);
        }
    }

    /// Puts `records` into the live index and swaps in the files that changed; the index's
    /// files are then recorded as made by `key`.
    fn put_records(&self, records: Vec<ChangedRecord>, key: Option<Fingerprint>) -> usize {
        let mut held = self.live.lock().unwrap_or_else(|p| p.into_inner());
        // Taken out while in use: a panic half way leaves none, to be read again.
        let mut live = match held.take() {
            Some(live) => live,
            None => {
                let files = self.served.files();
                let files = files.read().unwrap_or_else(|p| p.into_inner());
                match LiveIndex::from_files(&files) {
                    Some(live) => live,
                    None => return 0,
                }
            }
        };
        let Some(files) = live.replace(records) else {
            return 0;
        };
        let sink = MemorySink::new(&self.served);
        for file in &files {
            // Names made by the index itself are always inside the output.
            let _ = sink.write(Path::new(&file.path), &file.contents, key);
        }
        let swapped = sink.commit(is_index_file);
        self.served.rekey(is_search_file, key);
        *held = Some(live);
        swapped.updated.len() + swapped.removed.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, Diagnostics, Location};

    fn empty_file_error(names: &[&str]) -> crate::error::Error {
        let mut diagnostics = Diagnostics::default();
        for name in names {
            diagnostics.push(Diagnostic::error(
                Location::file(format!("content/stories/{name}")),
                crate::content::source_file::EMPTY_FILE,
            ));
        }
        crate::error::Error::Invalid(diagnostics)
    }

    #[test]
    fn a_file_found_empty_is_read_again_only_once_it_holds_text_again() {
        let root = tempfile::tempdir().unwrap();
        let stories = root.path().join("content/stories");
        std::fs::create_dir_all(&stories).unwrap();
        std::fs::write(stories.join("written.md"), "---\ntitle: \"Back\"\n---\n").unwrap();
        std::fs::write(stories.join("still.md"), " \n").unwrap();
        let error = empty_file_error(&["written.md", "still.md", "gone.md"]);
        assert_eq!(refilled(root.path(), &error), [stories.join("written.md")]);
    }
}
