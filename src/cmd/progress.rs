//! A progress bar on stderr for builds that take more than a moment, shown only
//! when stderr is a terminal (CI logs and pipes get the summary line alone).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use flashpoint::output::Progress;

pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    /// None when stderr is not a terminal.
    pub fn for_stderr() -> Option<TerminalProgress> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} rendering {pos}/{len} pages {wide_bar} {elapsed}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Some(TerminalProgress { bar })
    }
}

impl Progress for TerminalProgress {
    fn started(&self, pages: usize) {
        self.bar.set_length(pages as u64);
        // Small sites finish before a bar would be worth drawing.
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn page_done(&self) {
        self.bar.inc(1);
    }

    fn finished(&self) {
        self.bar.finish_and_clear();
    }
}
