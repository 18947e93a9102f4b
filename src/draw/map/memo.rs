//! One drawing per distinct map: pages that show the same places in the same slot share
//! the SVG, drawn once per build (maps are the most costly drawing a page has).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Maps drawn so far in this build, by their key (the slot's id and the places' ids).
#[derive(Debug, Default)]
pub(crate) struct MapMemo {
    drawn: Mutex<HashMap<String, Arc<str>>>,
}

impl MapMemo {
    /// The map for `key`, drawn by `draw` the first time it is asked for. Two threads
    /// asking at once may both draw it; the bytes are the same.
    pub(crate) fn get_or_draw(&self, key: &str, draw: impl FnOnce() -> String) -> Arc<str> {
        if let Some(svg) = self.lock().get(key) {
            return Arc::clone(svg);
        }
        let svg: Arc<str> = Arc::from(draw());
        self.lock().insert(key.to_string(), Arc::clone(&svg));
        svg
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<str>>> {
        // A panic while holding the lock cannot leave the map half-written.
        self.drawn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
