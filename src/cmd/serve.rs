//! `flashpoint serve`: the library serves; this prints what it reports as it happens.

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use flashpoint::diagnostics::Diagnostics;
use flashpoint::error::Error;
use flashpoint::report;
use flashpoint::serve::{Events, ServeOptions, serve};

use super::finish;

pub fn execute(root: PathBuf, bind: IpAddr, port: u16, open: bool, drafts: bool) -> ExitCode {
    let options = ServeOptions {
        root: root.clone(),
        bind,
        port,
        open,
        include_drafts: drafts,
    };
    let events = Arc::new(Terminal {
        color: std::io::stderr().is_terminal(),
        profile: std::env::var_os("FLASHPOINT_SERVE_PROFILE").is_some(),
    });
    finish(serve(&options, events), &root)
}

/// Summaries on stdout; findings, errors and warnings on stderr.
struct Terminal {
    color: bool,
    /// `FLASHPOINT_SERVE_PROFILE` is set: print each rebuild's phases.
    profile: bool,
}

impl Events for Terminal {
    fn listening(&self, root: &Path, url: &str) {
        println!("serving {} at {url} (Ctrl-C to stop)", root.display());
    }

    fn summary(&self, line: &str) {
        println!("{line}");
    }

    fn phases(&self, phases: &[(&'static str, Duration)]) {
        if self.profile {
            let phases: Vec<String> = phases
                .iter()
                .map(|(name, took)| format!("{name} {} ms", took.as_millis()))
                .collect();
            println!("  {}", phases.join(", "));
        }
    }

    fn diagnostics(&self, diagnostics: &Diagnostics, root: &Path) {
        for diagnostic in diagnostics.iter() {
            eprint!("{}", report::render(diagnostic, root, self.color));
        }
    }

    fn error(&self, what: &str, error: &Error) {
        eprintln!("{what}: {error}");
    }

    fn warning(&self, text: &str) {
        eprint!("{text}");
    }

    fn stopping(&self) {
        println!("\nstopping");
    }
}
