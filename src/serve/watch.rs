//! Watching a site's sources (notify): `content/`, `site.yaml`, `themes/`, and the site's
//! own `templates/` and `static/`; never the output folder.
//!
//! There is no fixed settling time: a batch is sent as soon as the files written are closed
//! (a rename, a deletion or a new folder counts at once), and whatever arrives while the
//! rebuild thread is busy waits in the channel for its next pass. Only a file still open
//! for writing holds a batch back, for at most [`WRITE_SETTLE`], so that a rebuild never
//! reads a file half written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};

/// How long a batch waits, at most, for a file being written to be closed.
pub const WRITE_SETTLE: Duration = Duration::from_millis(50);

/// Folders under the site root that are watched with everything in them.
const WATCHED_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// The watcher; dropping it stops watching (and ends the batches channel).
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching; each batch of changed source paths is sent on the returned channel.
    pub fn start(root: &Path) -> Result<(Watcher, mpsc::Receiver<Vec<PathBuf>>)> {
        let root = crate::fs::absolute(root)?;
        let (raw_sender, raw_events) = mpsc::channel::<notify::Result<Event>>();
        let (sender, receiver) = mpsc::channel();
        let filter_root = root.clone();
        std::thread::Builder::new()
            .name("flashpoint-watch".into())
            .spawn(move || batch_events(&filter_root, &raw_events, &sender))
            .map_err(|e| watch_error(&root, e))?;
        let watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            let _ = raw_sender.send(event);
        })
        .map_err(|e| watch_error(&root, e))?;
        let mut watcher = Watcher {
            root: root.clone(),
            watcher,
            watched: Vec::new(),
        };
        watcher
            .watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(&root, e))?;
        watcher.refresh(&[])?;
        Ok((watcher, receiver))
    }

    /// Watches source folders that appeared (or were replaced) since the last batch.
    pub fn refresh(&mut self, batch: &[PathBuf]) -> Result<()> {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            let touched = batch.iter().any(|p| p == &dir);
            let watching = self.watched.contains(&dir);
            if watching && (touched || !dir.is_dir()) {
                let _ = self.watcher.unwatch(&dir);
                self.watched.retain(|d| d != &dir);
            }
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.watcher
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&dir, e))?;
                self.watched.push(dir);
            }
        }
        Ok(())
    }
}

/// Turns raw events into batches of source paths until either channel closes: a batch
/// starts at the first event and is sent once no file it names is still being written.
fn batch_events(
    root: &Path,
    events: &mpsc::Receiver<notify::Result<Event>>,
    batches: &mpsc::Sender<Vec<PathBuf>>,
) {
    while let Ok(first) = events.recv() {
        let mut batch = Batch::default();
        batch.add(root, first);
        let started = Instant::now();
        loop {
            // Whatever has already arrived joins the batch.
            while let Ok(event) = events.try_recv() {
                batch.add(root, event);
            }
            if batch.writing.is_empty() {
                break;
            }
            let Some(left) = WRITE_SETTLE.checked_sub(started.elapsed()) else {
                break;
            };
            match events.recv_timeout(left) {
                Ok(event) => batch.add(root, event),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        if !batch.paths.is_empty() {
            let mut paths: Vec<PathBuf> = batch.paths.into_iter().collect();
            paths.sort();
            if batches.send(paths).is_err() {
                return;
            }
        }
    }
}

/// The source paths of one batch, and those of them still open for writing.
#[derive(Default)]
struct Batch {
    paths: HashSet<PathBuf>,
    writing: HashSet<PathBuf>,
}

impl Batch {
    fn add(&mut self, root: &Path, event: notify::Result<Event>) {
        let Ok(event) = event else {
            return;
        };
        for path in event.paths.iter().filter(|p| is_source(root, p)) {
            match event.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                    self.writing.remove(path);
                    // A file closed after writing, whose opening was not seen.
                    self.paths.insert(path.clone());
                }
                EventKind::Access(_) => {}
                EventKind::Create(CreateKind::File)
                | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
                    self.writing.insert(path.clone());
                    self.paths.insert(path.clone());
                }
                _ => {
                    self.writing.remove(path);
                    self.paths.insert(path.clone());
                }
            }
        }
    }
}

fn watch_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Internal(format!("cannot watch {}: {error}", path.display()))
}

/// Whether a changed path can change the site: site.yaml and anything in the source
/// folders, less editors' swap and backup files.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = inside.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    if first == CONFIG_FILE {
        return true;
    }
    if !WATCHED_DIRS.contains(&first.as_ref()) {
        return false;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !(name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913")
}

#[cfg(test)]
mod tests {
    use super::is_source;
    use std::path::Path;

    #[test]
    fn sources_are_site_yaml_and_source_folders() {
        let root = Path::new("/s");
        assert!(is_source(root, Path::new("/s/site.yaml")));
        assert!(is_source(root, Path::new("/s/content/stories/a.md")));
        assert!(is_source(root, Path::new("/s/content")));
        assert!(is_source(
            root,
            Path::new("/s/themes/default/static/style.css")
        ));
        assert!(!is_source(root, Path::new("/s/public/index.html")));
        assert!(!is_source(root, Path::new("/s/content/stories/.a.md.swp")));
        assert!(!is_source(root, Path::new("/s/content/stories/a.md~")));
        assert!(!is_source(root, Path::new("/elsewhere/site.yaml")));
    }
}
