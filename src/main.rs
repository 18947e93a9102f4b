use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use flashpoint::cli::{Cli, Command, Format};
use flashpoint::diagnostics::Diagnostics;
use flashpoint::error::{Error, Result};
use flashpoint::output::{CacheUse, Silent};
use flashpoint::progress::TerminalProgress;
use flashpoint::scaffold;
use flashpoint::{BuildOptions, build_with_progress, check, report};

// std's `println!` and friends panic when their stream is closed, as it is in
// `flashpoint check 2>&1 | head -1`. In this file these shadow them: a failed write is
// dropped, so the command still finishes and exits with the status it would have had
// (a check's verdict stays 0 or 1), neither panicking (101) nor dying of SIGPIPE, which
// would also lose that verdict and, reset for the whole process, could end `serve` when
// a browser drops a connection.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// The build allocates many short-lived strings on several threads; mimalloc handles
/// that markedly faster than the system allocator (see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_cache,
            force,
        } => {
            let options = BuildOptions {
                root: root.clone(),
                output,
                base_url,
                include_drafts: drafts,
                cache: if no_cache {
                    CacheUse::Off
                } else {
                    CacheUse::ReadWrite
                },
                force,
            };
            let bar = TerminalProgress::for_stderr();
            let progress: &dyn flashpoint::output::Progress = match &bar {
                Some(bar) => bar,
                None => &Silent,
            };
            let result = build_with_progress(&options, progress).map(|built| {
                print_diagnostics(&built.warnings, &root);
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
            });
            finish(result, &root)
        }
        Command::Check {
            root,
            drafts,
            format: Format::Text,
            strict,
        } => {
            let result = check_with(&root, drafts, strict).map(|warnings| {
                print_diagnostics(&warnings, &root);
                println!("{}", summary_line(&warnings));
            });
            finish(result, &root)
        }
        Command::Check {
            root,
            drafts,
            format: Format::Json,
            strict,
        } => check_as_json(&root, drafts, strict),
        Command::Serve {
            root,
            bind,
            port,
            open,
            drafts,
        } => {
            let options = flashpoint::serve::ServeOptions {
                root: root.clone(),
                bind,
                port,
                open,
                include_drafts: drafts,
            };
            finish(flashpoint::serve::serve(&options), &root)
        }
        Command::New { root, item } => {
            let result = scaffold::create(&root, &item.into_item(), scaffold::today())
                .map(|created| println!("{created}"));
            finish(result, &root)
        }
    }
}

/// Prints the error, if any, and turns the result into the exit status.
fn finish(result: Result<()>, root: &Path) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Error::Invalid(diagnostics) = &error {
                print_diagnostics(diagnostics, root);
                eprintln!("{}", summary_line(diagnostics));
            } else {
                eprintln!("error: {error}");
            }
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

/// `check --format json`: one JSON document on stdout, whatever the outcome.
fn check_as_json(root: &Path, drafts: bool, strict: bool) -> ExitCode {
    let (diagnostics, code) = match check_with(root, drafts, strict) {
        Ok(warnings) => (warnings, 0),
        Err(Error::Invalid(diagnostics)) => (diagnostics, 1),
        Err(other) => {
            eprintln!("error: {other}");
            return ExitCode::from(other.exit_code() as u8);
        }
    };
    let document = serde_json::json!({
        "errors": diagnostics.error_count(),
        "warnings": diagnostics.warning_count(),
        "files": diagnostics.file_count(),
        "diagnostics": diagnostics,
    });
    println!("{document:#}");
    ExitCode::from(code)
}

/// `check`, with `--strict` turning any warning into an error.
fn check_with(root: &Path, drafts: bool, strict: bool) -> Result<Diagnostics> {
    let warnings = check(root, drafts)?;
    if strict && !warnings.is_empty() {
        return Err(Error::Invalid(warnings.promoted_to_errors()));
    }
    Ok(warnings)
}

fn print_diagnostics(diagnostics: &Diagnostics, root: &Path) {
    let color = std::io::stderr().is_terminal();
    for diagnostic in diagnostics.iter() {
        eprint!("{}", report::render(diagnostic, root, color));
    }
}

fn summary_line(diagnostics: &Diagnostics) -> String {
    format!(
        "{} errors, {} warnings in {} files",
        diagnostics.error_count(),
        diagnostics.warning_count(),
        diagnostics.file_count()
    )
}
