use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use flashpoint::cli::{Cli, Command};
use flashpoint::diagnostics::Diagnostics;
use flashpoint::error::Error;
use flashpoint::{BuildOptions, build, check, report};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (root, result) = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let options = BuildOptions {
                root: root.clone(),
                output,
                base_url,
                include_drafts: drafts,
            };
            let result = build(&options).map(|built| {
                print_diagnostics(&built.warnings, &root);
                println!(
                    "built {} pages ({} files, {} KB) into {} in {} ms",
                    built.written.pages,
                    built.written.files,
                    built.written.bytes / 1024,
                    built.output.display(),
                    built.elapsed.as_millis()
                );
            });
            (root, result)
        }
        Command::Check { root, drafts } => {
            let result = check(&root, drafts).map(|warnings| {
                print_diagnostics(&warnings, &root);
                println!("{}", summary_line(&warnings));
            });
            (root, result)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Error::Invalid(diagnostics) = &error {
                print_diagnostics(diagnostics, &root);
                eprintln!("{}", summary_line(diagnostics));
            } else {
                eprintln!("error: {error}");
            }
            ExitCode::from(error.exit_code() as u8)
        }
    }
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
