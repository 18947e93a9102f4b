//! Finding a theme's templates and static files, with the site's own `templates/`
//! and `static/` taking precedence over the theme's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::fs;

pub const THEMES_DIR: &str = "themes";

/// One template: its name (path inside `templates/`), file and text.
pub struct TemplateFile {
    pub name: String,
    /// Relative to the site root, for error messages.
    pub path: PathBuf,
    pub text: String,
}

/// The folders a site's look comes from, most specific last.
pub struct Theme {
    layers: Vec<PathBuf>,
    root: PathBuf,
}

impl Theme {
    pub fn locate(root: &Path, name: &str) -> Result<Theme> {
        let theme_dir = Path::new(THEMES_DIR).join(name);
        if !root.join(&theme_dir).join("templates").is_dir() {
            let mut all = Diagnostics::default();
            all.push(
                Diagnostic::error(
                    Location::file(CONFIG_FILE),
                    format!(
                        "the theme `{name}` has no folder {}/templates",
                        theme_dir.display()
                    ),
                )
                .with_hint("set `theme:` to a folder name under themes/"),
            );
            return Err(Error::Invalid(all));
        }
        Ok(Theme {
            layers: vec![theme_dir, PathBuf::new()],
            root: root.to_path_buf(),
        })
    }

    /// Every template by name; a site template replaces the theme's of the same name.
    pub fn templates(&self) -> Result<Vec<TemplateFile>> {
        let mut by_name: BTreeMap<String, TemplateFile> = BTreeMap::new();
        for (relative, name) in self.files_in("templates")? {
            let text = String::from_utf8_lossy(&fs::read(&self.root.join(&relative))?).into_owned();
            by_name.insert(
                name.clone(),
                TemplateFile {
                    name,
                    path: relative,
                    text,
                },
            );
        }
        Ok(by_name.into_values().collect())
    }

    /// Static files as (absolute source, path inside the output), site files last so they win.
    pub fn static_files(&self) -> Result<Vec<(PathBuf, String)>> {
        let mut by_name: BTreeMap<String, PathBuf> = BTreeMap::new();
        for (relative, name) in self.files_in("static")? {
            by_name.insert(name, self.root.join(relative));
        }
        Ok(by_name
            .into_iter()
            .map(|(name, path)| (path, name))
            .collect())
    }

    /// Files under `<layer>/<folder>` for each layer in order, as (site-relative path, name).
    fn files_in(&self, folder: &str) -> Result<Vec<(PathBuf, String)>> {
        let mut files = Vec::new();
        for layer in &self.layers {
            let dir = self.root.join(layer).join(folder);
            if !dir.is_dir() {
                continue;
            }
            for entry in WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::Io {
                    action: "cannot list",
                    path: dir.clone(),
                    source: e.into(),
                })?;
                let file_name = entry.file_name().to_string_lossy();
                if !entry.file_type().is_file() || file_name.starts_with('.') {
                    continue;
                }
                let inside = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                let name = inside
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((layer.join(folder).join(inside), name));
            }
        }
        Ok(files)
    }
}
