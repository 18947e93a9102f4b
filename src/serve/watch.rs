//! Watching a site's sources (notify + notify-debouncer-full): `content/`, `site.yaml`,
//! `themes/`, and the site's own `templates/` and `static/`; never the output folder.
//! One save, however an editor performs it (in place, to a temporary file renamed over
//! the old one, delete and create), arrives as one batch of paths.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};

/// How long the watcher waits for a save's events to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Folders under the site root that are watched with everything in them.
const WATCHED_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];

/// The watcher; dropping it stops watching (and ends the batches channel).
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching; each batch of changed source paths is sent on the returned channel.
    pub fn start(root: &Path) -> Result<(Watcher, mpsc::Receiver<Vec<PathBuf>>)> {
        let root = crate::fs::absolute(root)?;
        let (sender, receiver) = mpsc::channel();
        let filter_root = root.clone();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let Ok(events) = result else {
                return;
            };
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_source(&filter_root, p))
                .cloned()
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = sender.send(paths);
            }
        })
        .map_err(|e| watch_error(&root, e))?;
        let mut watcher = Watcher {
            root: root.clone(),
            debouncer,
            watched: Vec::new(),
        };
        watcher
            .debouncer
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
                let _ = self.debouncer.unwatch(&dir);
                self.watched.retain(|d| d != &dir);
            }
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&dir, e))?;
                self.watched.push(dir);
            }
        }
        Ok(())
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
