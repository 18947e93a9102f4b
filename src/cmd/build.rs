//! `flashpoint build`: the summary line, and step timings under `FLASHPOINT_PROFILE`.

use std::path::PathBuf;
use std::process::ExitCode;

use flashpoint::config::LinkStyle;
use flashpoint::output::{CacheUse, Progress, Silent};
use flashpoint::{BuildOptions, BuildReport, build_with_progress};

use super::progress::TerminalProgress;
use super::{finish, print_diagnostics};

pub fn execute(
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    relative: bool,
    drafts: bool,
    no_cache: bool,
    force: bool,
) -> ExitCode {
    let options = BuildOptions {
        root: root.clone(),
        output,
        base_url,
        links: if relative {
            LinkStyle::Relative
        } else {
            LinkStyle::RootRelative
        },
        include_drafts: drafts,
        cache: if no_cache {
            CacheUse::Off
        } else {
            CacheUse::ReadWrite
        },
        force,
    };
    let bar = TerminalProgress::for_stderr();
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &Silent,
    };
    let result = build_with_progress(&options, progress).map(|built| {
        print_profile(&built);
        print_diagnostics(&built.warnings, &root);
        print_summary(&built);
    });
    finish(result, &root)
}

/// With `FLASHPOINT_PROFILE` set, how long the build had run at the end of each step, and
/// under `write` how long each of the output's own steps took.
fn print_profile(built: &BuildReport) {
    if std::env::var_os("FLASHPOINT_PROFILE").is_none() {
        return;
    }
    for (step, at) in &built.steps {
        eprintln!("[profile] {step}: {} ms", at.as_millis());
        if *step == "write" {
            for (part, took) in &built.written.steps {
                eprintln!("[profile]   {part}: took {} ms", took.as_millis());
            }
        }
    }
}

fn print_summary(built: &BuildReport) {
    let written = &built.written;
    let shards = if written.search_shards > 0 {
        format!(
            "{} of {} search shards built; ",
            written.built_shards, written.search_shards
        )
    } else {
        String::new()
    };
    println!(
        "built {} pages ({} rendered, {} unchanged since the last build; {shards}{} of {} files written, {} KB made) into {} in {} ms",
        written.pages,
        written.rendered,
        written.pages - written.rendered,
        written.written,
        written.files,
        written.bytes / 1024,
        built.output.display(),
        built.elapsed.as_millis()
    );
}
