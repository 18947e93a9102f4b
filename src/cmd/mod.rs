//! The command-line front end: one file per subcommand, each calling the library and
//! printing what it returns. Everything flashpoint prints to a terminal is printed here
//! (the library itself prints nothing).

mod build;
mod check;
pub mod cli;
mod deploy;
mod init;
mod new;
mod progress;
mod serve;

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use flashpoint::diagnostics::Diagnostics;
use flashpoint::error::{Error, Result};
use flashpoint::report;

use cli::{Command, Format, ThemeCommand};

/// Runs the command `cli` names and returns the process's exit status.
pub fn run(cli: cli::Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            relative,
            drafts,
            no_cache,
            force,
        } => build::execute(root, output, base_url, relative, drafts, no_cache, force),
        Command::Check {
            root,
            drafts,
            format: Format::Text,
            strict,
        } => check::execute(&root, drafts, strict),
        Command::Check {
            root,
            drafts,
            format: Format::Json,
            strict,
        } => check::execute_as_json(&root, drafts, strict),
        Command::Serve {
            root,
            bind,
            port,
            open,
            drafts,
        } => serve::execute(root, bind, port, open, drafts),
        Command::Deploy {
            root,
            output,
            target,
            dry_run,
            delete,
            max_deletes,
            force,
            verify,
            jobs,
        } => deploy::execute(flashpoint::deploy::DeployOptions {
            root,
            output,
            target,
            dry_run,
            delete,
            max_deletes,
            force,
            verify,
            jobs: usize::from(jobs),
        }),
        Command::Init { dir, force } => init::execute(&dir, force),
        Command::Theme {
            root,
            action: ThemeCommand::Eject { force },
        } => init::eject(&root, force),
        Command::New { root, item } => new::execute(&root, item),
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

/// Each finding with its source line (miette), in colour on a terminal.
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
