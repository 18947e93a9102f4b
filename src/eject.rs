//! `flashpoint theme eject`: writes the built-in theme to `themes/default/`, where the
//! site then takes it from, for customising beyond what `templates/` and `static/`
//! overrides allow.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs;
use crate::render::THEMES_DIR;
use crate::render::embedded_theme::{self, EMBEDDED_THEME};

/// The files `eject` wrote, relative to the site root.
#[derive(Debug)]
pub struct EjectReport {
    pub folder: PathBuf,
    pub written: Vec<PathBuf>,
}

/// Writes every file of the built-in theme under `<root>/themes/default/`. An existing
/// folder is refused unless `force`; then the theme's files in it are replaced and any
/// other file is left alone.
pub fn eject_theme(root: &Path, force: bool) -> Result<EjectReport> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Error::Internal(format!(
            "{} has no {}: run flashpoint theme eject in a site's folder (or give --root)",
            root.display(),
            crate::config::CONFIG_FILE
        )));
    }
    let folder = Path::new(THEMES_DIR).join(EMBEDDED_THEME);
    if root.join(&folder).exists() && !force {
        return Err(Error::Internal(format!(
            "{} already exists; add --force to write the built-in theme's files over the ones there",
            root.join(&folder).display()
        )));
    }
    let mut written = Vec::new();
    for file in embedded_theme::files() {
        let relative = folder.join(file.path);
        let path = root.join(&relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, file.contents)?;
        written.push(relative);
    }
    Ok(EjectReport { folder, written })
}

impl fmt::Display for EjectReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "wrote the built-in theme to {} ({} files); the site now uses that folder:",
            self.folder.display(),
            self.written.len()
        )?;
        for path in &self.written {
            writeln!(f, "  {}", path.display())?;
        }
        write!(
            f,
            "delete the folder to go back to the built-in theme (and its updates)"
        )
    }
}
