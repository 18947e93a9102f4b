//! Writing the site. Pages are rendered in parallel and written as they are made into a
//! staging folder beside the output; only a complete build replaces the output folder.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::fs;
use crate::markdown::Highlighter;
use crate::render::{PageKind, Renderer, Theme};
use crate::site::Site;

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteSummary {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
}

/// Renders every page and static file into a fresh folder, then swaps it in for `output`.
pub fn write_site(
    site: &Site,
    renderer: &Renderer,
    theme: &Theme,
    output: &Path,
) -> Result<WriteSummary> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.staging-"))
        .tempdir_in(parent)
        .map_err(|source| Error::Io {
            action: "cannot create a staging folder in",
            path: parent.to_path_buf(),
            source,
        })?;
    let summary = write_into(site, renderer, theme, staging.path())?;
    swap_into_place(staging.keep(), output)?;
    Ok(summary)
}

fn write_into(site: &Site, renderer: &Renderer, theme: &Theme, dir: &Path) -> Result<WriteSummary> {
    let bytes = AtomicU64::new(0);
    let mut files = 0;
    for (source, name) in theme.static_files()? {
        let target = dir.join(&name);
        fs::copy(&source, &target)?;
        bytes.fetch_add(
            std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0),
            Ordering::Relaxed,
        );
        files += 1;
    }
    let stylesheet = Highlighter::stylesheet();
    bytes.fetch_add(stylesheet.len() as u64, Ordering::Relaxed);
    fs::write(&dir.join("syntax.css"), stylesheet)?;
    files += 1;

    let pages = PageKind::all(site);
    let failures: Vec<Error> = pages
        .par_iter()
        .filter_map(|&page| {
            let file = page.route(site).output_file()?;
            let result = renderer
                .render(site, page)
                .map_err(Error::Invalid)
                .and_then(|html| {
                    bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
                    fs::write(&dir.join(file), html)
                });
            result.err()
        })
        .collect();
    if !failures.is_empty() {
        return Err(merge_errors(failures));
    }
    Ok(WriteSummary {
        pages: pages.len(),
        files: files + pages.len(),
        bytes: bytes.into_inner(),
    })
}

/// Template errors from many pages become one list; any other error wins as it is.
fn merge_errors(failures: Vec<Error>) -> Error {
    let mut all = Diagnostics::default();
    for failure in failures {
        match failure {
            Error::Invalid(diagnostics) => all.extend(diagnostics),
            other => return other,
        }
    }
    Error::Invalid(all.sorted())
}

/// Replaces `output` with `staging`: the old folder is moved aside, then removed.
fn swap_into_place(staging: PathBuf, output: &Path) -> Result<()> {
    if output.exists() {
        let aside = output.with_file_name(format!(
            ".{}.old-{}",
            output
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        fs::rename(output, &aside)?;
        if let Err(error) = fs::rename(&staging, output) {
            let _ = std::fs::rename(&aside, output);
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        fs::remove_dir_all(&aside)?;
    } else {
        fs::rename(&staging, output)?;
    }
    Ok(())
}
