//! `flashpoint serve`: builds the site into memory, serves it over HTTP with live reload,
//! and rebuilds incrementally whenever a source file changes.
//!
//! Three parts run side by side: the watcher ([`watch`]) turns each save into a batch of
//! paths; one rebuild thread hands each batch to the [`incremental::Engine`], which brings
//! the in-memory files up to date; the HTTP server ([`http`], axum on tokio) serves those
//! files and tells browsers over Server-Sent Events when to reload.
//!
//! A save that only edits the text of a story or page is served first by the quick path
//! (that page alone, in milliseconds), then checked by the full incremental rebuild, which
//! brings everything else (feeds, warnings) up to date; the search index follows on a
//! thread of its own.
//!
//! It prints nothing itself: what the person running it should see goes to [`Events`],
//! which the command line implements.

mod address;
pub mod host;
pub mod http;
pub mod incremental;
mod loader;
pub mod overlay;
mod provisional;
mod quick;
mod snapshot;
pub mod watch;

use std::net::{IpAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use http::{LiveEvent, ServerState};
pub use incremental::{Engine, Files, Rebuilt};

use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};

/// What `serve` tells the person running it, as it happens.
pub trait Events: Send + Sync {
    /// The site at `root` is served at `url`.
    fn listening(&self, root: &Path, url: &str);
    /// One line on what a rebuild or a search index job did.
    fn summary(&self, line: &str);
    /// How long each phase of the rebuild just summarized took.
    fn phases(&self, phases: &[(&'static str, Duration)]);
    /// Findings in the site's input (warnings, or the errors that stopped a rebuild), to
    /// show with their source lines.
    fn diagnostics(&self, diagnostics: &Diagnostics, root: &Path);
    /// An error that is not one of the site's findings, met by `what` (`error` for a
    /// rebuild, `search index` for the index).
    fn error(&self, what: &str, error: &Error);
    /// Something that stops nothing: a port in use, a preview other machines can reach,
    /// a browser that would not open. `text` ends with its line break.
    fn warning(&self, text: &str);
    /// Ctrl-C was pressed: the server is stopping.
    fn stopping(&self);
}

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// The first port tried; the next ones are tried while it is taken.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    pub include_drafts: bool,
}

/// How many ports after the first one are tried.
const PORT_ATTEMPTS: u16 = 10;

/// Builds, serves and watches until Ctrl-C. Errors in the site's input never end it:
/// they are printed and shown on every page until a save fixes them.
pub fn serve(options: &ServeOptions, events: Arc<dyn Events>) -> Result<()> {
    let root = crate::fs::absolute(&options.root)?;
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        // Not a site at all: this is a usage error, not one to show in the browser.
        crate::config::load(&root, None)?;
    }
    let listener = bind(options.bind, options.port, events.as_ref())?;
    let address = listener.local_addr().map_err(|e| io_error(&root, e))?;
    let url_address = address::UrlAddress::for_bind(address.ip());
    let origin = address::origin(url_address.ip(), address.port());
    if let Some(warning) = address::exposure_warning(
        address.ip(),
        url_address,
        address.port(),
        options.include_drafts,
    ) {
        events.warning(&warning);
    }
    let allowed = host::AllowedHosts::new([address.ip(), url_address.ip()]);

    let mut engine = Engine::new(&root, &origin, options.include_drafts);
    engine.defer_search(true);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let state = Arc::new(ServerState::new(engine.files(), "/", stopped));
    // With the files a last serve or build left, any page they hold is answered at once
    // and the first build runs behind them; a request for anything else waits for it.
    let started = std::time::Instant::now();
    let provisional = provisional::ProvisionalFiles::open(&root, &origin, events.clone());
    match &provisional {
        Some(files) => {
            state.serve_provisional(files.clone());
            events.summary(&format!(
                "serving the {} in {} ms until the first build has checked them",
                files.describe(),
                started.elapsed().as_millis()
            ));
        }
        None => {
            rebuild(&mut engine, &state, &root, "initial build", events.as_ref());
        }
    }
    let base_path = engine
        .base_path()
        .unwrap_or_else(|| base_path_of(&engine.base_url()));
    set_base_path(&state, &base_path);
    let url = format!("{origin}{base_path}");
    events.listening(&root, &url);
    if options.open {
        open_browser(&url, events.as_ref());
    }

    let (mut watcher, batches) = watch::Watcher::start(&root)?;
    let (batches, save_waits) = flag_waiting_saves(batches)?;
    let search = spawn_search_worker(&root, events.clone())?;
    let rebuild_state = state.clone();
    let rebuild_root = root.clone();
    let rebuild_events = events.clone();
    std::thread::Builder::new()
        .name("flashpoint-rebuild".into())
        .spawn(move || {
            if provisional.is_some() {
                let events = rebuild_events.as_ref();
                let state = rebuild_state.as_ref();
                first_build_behind_provisional(&mut engine, state, &rebuild_root, events);
            }
            // Brings the search index up to date if the first build left any of it, and
            // writes the snapshot the next serve starts from.
            let _ = search.send(engine.search_job());
            // Saves the quick path served whose rebuild behind (lists, feeds, warnings)
            // waits for a quiet moment, so that the next save is not kept waiting for it.
            let mut unverified: Vec<PathBuf> = Vec::new();
            loop {
                let mut batch = if unverified.is_empty() {
                    match batches.recv() {
                        Ok(batch) => batch,
                        Err(_) => break,
                    }
                } else {
                    match batches.recv_timeout(QUIET_BEFORE_REBUILD) {
                        Ok(batch) => batch,
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                            let served = std::mem::take(&mut unverified);
                            let what = describe(&rebuild_root, &served);
                            // The pages edited are served: the rest of the site gives way
                            // to a newer save.
                            engine.give_way_to(Some(save_waits.clone()));
                            let events = rebuild_events.as_ref();
                            let state = rebuild_state.as_ref();
                            let changed = Some(served.as_slice());
                            let pending = rebuild_changed(
                                &mut engine,
                                state,
                                &rebuild_root,
                                changed,
                                &what,
                                events,
                            );
                            engine.give_way_to(None);
                            send_search_job(&mut engine, &search, pending);
                            continue;
                        }
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                };
                save_waits.store(false, std::sync::atomic::Ordering::SeqCst);
                // Batches that queued up during the last rebuild are one more rebuild.
                while let Ok(more) = batches.try_recv() {
                    batch.extend(more);
                }
                batch.sort();
                batch.dedup();
                if let Err(error) = watcher.refresh(&batch) {
                    rebuild_events.warning(&format!("warning: {error}\n"));
                }
                let what = describe(&rebuild_root, &batch);
                let events = rebuild_events.as_ref();
                let state = rebuild_state.as_ref();
                let quick = serve_body_edits(&mut engine, state, &batch, &what, events);
                if let Some(job) = engine.planned_search_job() {
                    // The edited records reach the index while the rebuild runs.
                    let _ = search.send(job);
                }
                if quick {
                    unverified.extend(batch);
                    unverified.sort();
                    unverified.dedup();
                    continue;
                }
                // Not a text edit: rebuilt at once, with the saves still unverified.
                batch.append(&mut unverified);
                batch.sort();
                batch.dedup();
                let changed = Some(batch.as_slice());
                let pending =
                    rebuild_changed(&mut engine, state, &rebuild_root, changed, &what, events);
                send_search_job(&mut engine, &search, pending);
            }
        })
        .map_err(|e| io_error(&root, e))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(2)
        .build()
        .map_err(|e| io_error(&root, e))?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|e| io_error(&root, e))?;
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| io_error(&root, e))?;
        let app =
            http::router(state, allowed).into_make_service_with_connect_info::<host::ArrivedOn>();
        let shutdown = async move {
            let _ = tokio::signal::ctrl_c().await;
            events.stopping();
            let _ = stop.send(true);
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| io_error(&root, e))
    })?;
    runtime.shutdown_timeout(Duration::from_secs(2));
    Ok(())
}

/// How long the rebuild behind a save the quick path served waits for no newer save: an
/// editor saving again within it is served by the quick path without waiting for the
/// rebuild of the whole site (about a second at 10,000 stories).
const QUIET_BEFORE_REBUILD: Duration = Duration::from_millis(500);

/// Sends the search job the last rebuild planned, or a whole one when `pending` says the
/// rebuild left the index behind.
fn send_search_job(
    engine: &mut Engine,
    search: &std::sync::mpsc::Sender<incremental::SearchJob>,
    pending: bool,
) {
    match engine.planned_search_job() {
        Some(job) => {
            let _ = search.send(job);
        }
        None if pending => {
            let _ = search.send(engine.search_job());
        }
        None => {}
    }
}

/// Passes the watcher's batches on, setting the flag returned whenever one is sent, so
/// that a rebuild can tell a newer save waits (see [`Engine::give_way_to`]).
fn flag_waiting_saves(
    batches: std::sync::mpsc::Receiver<Vec<PathBuf>>,
) -> Result<(
    std::sync::mpsc::Receiver<Vec<PathBuf>>,
    Arc<std::sync::atomic::AtomicBool>,
)> {
    let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (sender, passed) = std::sync::mpsc::channel();
    let set = flag.clone();
    std::thread::Builder::new()
        .name("flashpoint-saves".into())
        .spawn(move || {
            for batch in batches {
                set.store(true, std::sync::atomic::Ordering::SeqCst);
                if sender.send(batch).is_err() {
                    break;
                }
            }
        })
        .map_err(|e| io_error(Path::new("."), e))?;
    Ok((passed, flag))
}

/// Runs search index jobs one after the other: of several waiting, from the newest that
/// builds the whole index on, since jobs that put records in each bring their own. After a
/// job, when none waits, the served files are written to the snapshot the next `serve`
/// starts from, at most once in [`SNAPSHOT_EVERY`], and the index kept record by record is
/// read back from its files if it is not held yet.
fn spawn_search_worker(
    root: &Path,
    events: Arc<dyn Events>,
) -> Result<std::sync::mpsc::Sender<incremental::SearchJob>> {
    let (sender, jobs) = std::sync::mpsc::channel::<incremental::SearchJob>();
    let root = root.to_path_buf();
    let mut saved: Option<std::time::Instant> = None;
    std::thread::Builder::new()
        .name("flashpoint-search".into())
        .spawn(move || {
            let mut waiting: std::collections::VecDeque<incremental::SearchJob> =
                std::collections::VecDeque::new();
            loop {
                if waiting.is_empty() {
                    let Ok(job) = jobs.recv() else {
                        break;
                    };
                    waiting.push_back(job);
                }
                waiting.extend(jobs.try_iter());
                // A job for the whole index stands for every one before it; jobs that put
                // records in are each run, in order.
                if let Some(last_whole) = waiting.iter().rposition(|job| !job.is_records()) {
                    waiting.drain(..last_whole);
                }
                let Some(mut job) = waiting.pop_front() else {
                    continue;
                };
                let started = std::time::Instant::now();
                // A panic here must not end the worker: later saves still need an index.
                let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| job.run()))
                    .unwrap_or_else(|panic| {
                        Err(Error::Internal(format!(
                            "flashpoint hit an internal error while indexing: {}; please report it",
                            panic_message(panic.as_ref())
                        )))
                    });
                match outcome {
                    Ok(changed) => events.summary(&format!(
                        "search index: {changed} files changed in {} ms",
                        started.elapsed().as_millis()
                    )),
                    Err(Error::Invalid(_)) => {}
                    Err(error) => events.error("search index", &error),
                }
                job.let_go_of_site();
                waiting.extend(jobs.try_iter());
                let due = saved.is_none_or(|at| at.elapsed() >= SNAPSHOT_EVERY);
                if due && waiting.is_empty() {
                    saved = Some(std::time::Instant::now());
                    if let Err(error) = job.save_snapshot(&root) {
                        events.warning(&format!(
                            "warning: could not write serve's snapshot in {}: {error}\n",
                            crate::cache::CACHE_DIR
                        ));
                    }
                }
                if waiting.is_empty() {
                    job.warm();
                }
            }
        })
        .map_err(|e| io_error(Path::new("."), e))?;
    Ok(sender)
}

/// The first build, while files an earlier run left are answered with: it keeps the
/// snapshot's pages whose keys still hold, makes the rest, and then nothing provisional is
/// served any more; browsers given a provisional file it made differently reload.
fn first_build_behind_provisional(
    engine: &mut Engine,
    state: &ServerState,
    root: &Path,
    events: &dyn Events,
) {
    hold_while_asked();
    let started = std::time::Instant::now();
    let kept = engine.start_from_snapshot();
    if kept > 0 {
        events.summary(&format!(
            "{kept} files verified from the last serve's snapshot in {} ms; building the rest",
            started.elapsed().as_millis()
        ));
    }
    rebuild(engine, state, root, "initial build", events);
    let Some(provisional) = state.end_provisional() else {
        return;
    };
    let files = state.files.read().unwrap_or_else(|p| p.into_inner());
    let stale = provisional.served_any_other_than(&files);
    drop(files);
    if stale {
        let summary = "initial build: pages served before it have changed".to_string();
        events.summary(&summary);
        let _ = state.events.send(LiveEvent::Reload(summary));
    }
}

/// How often at most the snapshot is written: on a large site it is hundreds of megabytes.
const SNAPSHOT_EVERY: Duration = Duration::from_secs(60);

/// Rebuilds, publishes the result to the server and tells browsers; tells `events` in one
/// line.
/// True when the search index is to be rebuilt beside: the rebuild left it, or an earlier
/// search job may have met the site broken.
///
/// A panic anywhere in it (a bug in flashpoint, not in the site) is caught: it is printed
/// and shown in the overlay like an error, the last good files stay served, and the next
/// save is a full rebuild, since the panic may have left the engine's record half made.
pub fn rebuild(
    engine: &mut Engine,
    state: &ServerState,
    root: &Path,
    what: &str,
    events: &dyn Events,
) -> bool {
    rebuild_changed(engine, state, root, None, what, events)
}

/// Serves a save at once if it only edits the text of stories or pages (see
/// [`Engine::serve_body_edits`]), and tells browsers; true if it did. A panic in it is
/// left to the rebuild that follows, which starts afresh.
fn serve_body_edits(
    engine: &mut Engine,
    state: &ServerState,
    changed: &[PathBuf],
    what: &str,
    events: &dyn Events,
) -> bool {
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        panic_if_asked();
        engine.serve_body_edits(changed)
    }));
    let quick = match outcome {
        Ok(Some(quick)) => quick,
        Ok(None) => return false,
        Err(_) => {
            engine.forget_last_build();
            return false;
        }
    };
    let summary = format!(
        "{what}: {} page(s) served in {} ms",
        quick.rendered.len(),
        quick.elapsed.as_millis()
    );
    events.summary(&summary);
    events.phases(&quick.phases);
    if !quick.is_unchanged() {
        let _ = state.events.send(LiveEvent::Reload(summary));
    }
    true
}

/// [`rebuild`] after the saves of `changed` only, or of anything when None.
fn rebuild_changed(
    engine: &mut Engine,
    state: &ServerState,
    root: &Path,
    changed: Option<&[PathBuf]>,
    what: &str,
    events: &dyn Events,
) -> bool {
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        rebuild_or_panic(engine, state, root, changed, what, events)
    }));
    match outcome {
        Ok(search_pending) => search_pending,
        Err(panic) => {
            engine.forget_last_build();
            let error = Error::Internal(format!(
                "flashpoint hit an internal error while rebuilding: {}; please report it",
                panic_message(panic.as_ref())
            ));
            events.error("error", &error);
            let summary = format!("{what}: failed; still serving the last good build");
            events.summary(&summary);
            *state.overlay.write().unwrap_or_else(|p| p.into_inner()) =
                Some(overlay::error_overlay(&error, root));
            let _ = state.events.send(LiveEvent::Reload(summary));
            false
        }
    }
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Test hook, read only here: while the file named by `FLASHPOINT_SERVE_TEST_PANIC_FILE`
/// exists, every rebuild (the quick one too) panics, so that tests can check a panic is survived without
/// depending on a real bug.
fn panic_if_asked() {
    if let Some(file) = std::env::var_os("FLASHPOINT_SERVE_TEST_PANIC_FILE")
        && Path::new(&file).exists()
    {
        panic!("test panic asked for by FLASHPOINT_SERVE_TEST_PANIC_FILE");
    }
}

/// Test hook, read only here: while the file named by `FLASHPOINT_SERVE_TEST_HOLD_FILE`
/// exists, the first build behind provisional files does not start, so that tests can see
/// what is answered before it.
fn hold_while_asked() {
    if let Some(file) = std::env::var_os("FLASHPOINT_SERVE_TEST_HOLD_FILE") {
        while Path::new(&file).exists() {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn rebuild_or_panic(
    engine: &mut Engine,
    state: &ServerState,
    root: &Path,
    changed: Option<&[PathBuf]>,
    what: &str,
    events: &dyn Events,
) -> bool {
    panic_if_asked();
    let was_failing = state
        .overlay
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .is_some();
    let rebuilt = match changed {
        Some(changed) => engine.rebuild_after(changed),
        None => engine.rebuild(),
    };
    match rebuilt {
        Ok(rebuilt) if rebuilt.superseded => {
            events.summary(&format!(
                "{what}: served; the rest of the site follows the newer save"
            ));
            false
        }
        Ok(rebuilt) => {
            // The new files are already served: drop the overlay before anything slower.
            *state.overlay.write().unwrap_or_else(|p| p.into_inner()) = None;
            let mut printed = state.warnings.write().unwrap_or_else(|p| p.into_inner());
            if *printed != rebuilt.warnings {
                events.diagnostics(&rebuilt.warnings, root);
                *printed = rebuilt.warnings.clone();
            }
            drop(printed);
            if let Some(base) = engine.base_path() {
                set_base_path(state, &base);
            }
            let summary = format!(
                "{what}: {} pages re-rendered, {} files changed in {} ms",
                rebuilt.rendered.len(),
                rebuilt.updated.len() + rebuilt.removed.len(),
                rebuilt.elapsed.as_millis()
            );
            events.summary(&summary);
            events.phases(&rebuilt.phases);
            if rebuilt.is_unseen() && !was_failing {
                return rebuilt.search_pending || was_failing;
            }
            let event = if rebuilt.is_css_only() && !was_failing {
                LiveEvent::Css(summary)
            } else {
                LiveEvent::Reload(summary)
            };
            let _ = state.events.send(event);
            rebuilt.search_pending || was_failing
        }
        Err(error) => {
            match &error {
                Error::Invalid(diagnostics) => events.diagnostics(diagnostics, root),
                other => events.error("error", other),
            }
            let count = match &error {
                Error::Invalid(diagnostics) => diagnostics.error_count(),
                _ => 1,
            };
            let summary =
                format!("{what}: failed with {count} error(s); still serving the last good build");
            events.summary(&summary);
            *state.overlay.write().unwrap_or_else(|p| p.into_inner()) =
                Some(overlay::error_overlay(&error, root));
            let _ = state.events.send(LiveEvent::Reload(summary));
            false
        }
    }
}

fn set_base_path(state: &ServerState, base: &str) {
    *state.base_path.write().unwrap_or_else(|p| p.into_inner()) = base.to_string();
}

fn base_path_of(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.path().to_string())
        .unwrap_or_else(|_| "/".to_string())
}

/// Binds the port, or the next free one when it is taken.
fn bind(ip: IpAddr, port: u16, events: &dyn Events) -> Result<TcpListener> {
    let mut last_error = None;
    for attempt in 0..=PORT_ATTEMPTS {
        let Some(port) = port.checked_add(attempt) else {
            break;
        };
        match TcpListener::bind((ip, port)) {
            Ok(listener) => return Ok(listener),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                events.warning(&format!(
                    "port {port} is in use; trying {}\n",
                    port.wrapping_add(1)
                ));
                last_error = Some(error);
            }
            Err(error) => {
                return Err(Error::Internal(format!(
                    "cannot listen on {ip}:{port}: {error}"
                )));
            }
        }
    }
    Err(Error::Internal(format!(
        "no free port from {port} to {}: {}",
        port.saturating_add(PORT_ATTEMPTS),
        last_error.map(|e| e.to_string()).unwrap_or_default()
    )))
}

/// `content/stories/x.md`, or the first few paths and how many more.
fn describe(root: &Path, paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    match names.len() {
        0 => "change".to_string(),
        1..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    }
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        action: "serve failed for",
        path: path.to_path_buf(),
        source,
    }
}

fn open_browser(url: &str, events: &dyn Events) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(command)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        events.warning(&format!("could not open a browser ({command}): {error}\n"));
    }
}
