//! `flashpoint check`: findings for people, or one JSON document for tools.

use std::path::Path;
use std::process::ExitCode;

use flashpoint::check;
use flashpoint::diagnostics::Diagnostics;
use flashpoint::error::{Error, Result};

use super::{finish, print_diagnostics, summary_line};

pub fn execute(root: &Path, drafts: bool, strict: bool) -> ExitCode {
    let result = check_with(root, drafts, strict).map(|warnings| {
        print_diagnostics(&warnings, root);
        for (language, files) in untranslated(root, drafts) {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            println!(
                "info: {} file(s) not yet translated into `{language}`: {}",
                files.len(),
                names.join(", ")
            );
        }
        println!("{}", summary_line(&warnings));
    });
    finish(result, root)
}

/// `check --format json`: one JSON document on stdout, whatever the outcome.
pub fn execute_as_json(root: &Path, drafts: bool, strict: bool) -> ExitCode {
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
        "untranslated": untranslated(root, drafts)
            .into_iter()
            .collect::<std::collections::BTreeMap<_, _>>(),
    });
    println!("{document:#}");
    ExitCode::from(code)
}

/// For each language after the default, the files not yet translated into it; a site that
/// cannot be read has reported why already, so it lists none.
fn untranslated(root: &Path, drafts: bool) -> Vec<(String, Vec<std::path::PathBuf>)> {
    flashpoint::untranslated(root, drafts).unwrap_or_default()
}

/// `check`, with `--strict` turning any warning into an error.
fn check_with(root: &Path, drafts: bool, strict: bool) -> Result<Diagnostics> {
    let warnings = check(root, drafts)?;
    if strict && !warnings.is_empty() {
        return Err(Error::Invalid(warnings.promoted_to_errors()));
    }
    Ok(warnings)
}
