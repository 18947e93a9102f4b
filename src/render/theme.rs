//! Finding a theme's templates and static files, with the site's own `templates/`
//! and `static/` taking precedence over the theme's. The theme is a folder under
//! `themes/`, or, for `default` when the site has no such folder, the copy built into
//! the binary.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::embedded_theme::{self, EMBEDDED_THEME};
use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::fs;

pub const THEMES_DIR: &str = "themes";

/// The file a site adds to the theme's stylesheet; linked after it when present.
pub const CUSTOM_CSS: &str = "custom.css";

/// One template: its name (path inside `templates/`), file and text.
pub struct TemplateFile {
    pub name: String,
    /// Relative to the site root, for error messages; for a built-in template, where
    /// `flashpoint theme eject` would write it.
    pub path: PathBuf,
    pub text: String,
}

/// One static file: its path inside the output and where its bytes come from.
pub struct StaticFile {
    pub name: String,
    pub source: StaticSource,
}

/// Where a static file's bytes are.
pub enum StaticSource {
    /// A file on disk (an absolute path, or relative to the working folder).
    Disk(PathBuf),
    /// A file of the built-in theme.
    Embedded(&'static [u8]),
}

impl StaticFile {
    pub fn contents(&self) -> Result<Cow<'static, [u8]>> {
        match &self.source {
            StaticSource::Disk(path) => Ok(Cow::Owned(fs::read(path)?)),
            StaticSource::Embedded(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }
}

/// Where error messages place a built-in template that a theme on disk inherits.
const BUILT_IN_TEMPLATES: &str = "(built-in theme)/templates";

/// One place files come from: a folder relative to the site root, or the built-in theme.
enum Layer {
    Folder(PathBuf),
    /// The built-in theme; its files are named as if they were at this folder.
    Embedded(PathBuf),
}

/// The folders a site's look comes from, most specific last.
pub struct Theme {
    layers: Vec<Layer>,
    root: PathBuf,
}

impl Theme {
    /// The theme `name`: `themes/<name>/` when the site has that folder, else the built-in
    /// theme when `name` is its name, else an error saying how to fix `theme:`.
    pub fn locate(root: &Path, name: &str) -> Result<Theme> {
        let theme_dir = Path::new(THEMES_DIR).join(name);
        let theme = if root.join(&theme_dir).is_dir() {
            if !root.join(&theme_dir).join("templates").is_dir() {
                return Err(theme_error(
                    root,
                    format!(
                        "the theme `{name}` has no folder {}/templates",
                        theme_dir.display()
                    ),
                    "put the theme's templates in that folder, or set `theme:` to a folder name under themes/",
                ));
            }
            Layer::Folder(theme_dir)
        } else if name == EMBEDDED_THEME {
            Layer::Embedded(theme_dir)
        } else {
            return Err(theme_error(
                root,
                format!(
                    "the theme `{name}` is neither a folder {} nor built in (the built-in theme is `{EMBEDDED_THEME}`)",
                    theme_dir.display()
                ),
                format!(
                    "put the theme in {}/, or set `theme: {EMBEDDED_THEME}` in {CONFIG_FILE}",
                    theme_dir.display()
                ),
            ));
        };
        Ok(Theme {
            layers: vec![theme, Layer::Folder(PathBuf::new())],
            root: root.to_path_buf(),
        })
    }

    /// Every template by name; a site template replaces the theme's of the same name.
    ///
    /// A theme on disk stands on the built-in theme's templates, as Zola's themes stand on
    /// its built-in feed and sitemap templates: a theme ejected or forked from an older
    /// flashpoint, which lacks a template added since (place pages, a new partial), still
    /// builds, and what it does have always wins. Static files are not inherited: a theme
    /// on disk ships exactly the files it links.
    pub fn templates(&self) -> Result<Vec<TemplateFile>> {
        let mut by_name: BTreeMap<String, TemplateFile> = BTreeMap::new();
        if matches!(self.layers.first(), Some(Layer::Folder(_))) {
            let origin = Path::new(BUILT_IN_TEMPLATES);
            for (name, bytes) in embedded_theme::files_in("templates") {
                by_name.insert(
                    name.to_string(),
                    TemplateFile {
                        name: name.to_string(),
                        path: origin.join(name),
                        text: String::from_utf8_lossy(bytes).into_owned(),
                    },
                );
            }
        }
        for layer in &self.layers {
            match layer {
                Layer::Folder(folder) => {
                    for (relative, name) in self.files_in(folder, "templates")? {
                        let text = String::from_utf8_lossy(&fs::read(&self.root.join(&relative))?)
                            .into_owned();
                        by_name.insert(
                            name.clone(),
                            TemplateFile {
                                name,
                                path: relative,
                                text,
                            },
                        );
                    }
                }
                Layer::Embedded(folder) => {
                    for (name, bytes) in embedded_theme::files_in("templates") {
                        by_name.insert(
                            name.to_string(),
                            TemplateFile {
                                name: name.to_string(),
                                path: folder.join("templates").join(name),
                                text: String::from_utf8_lossy(bytes).into_owned(),
                            },
                        );
                    }
                }
            }
        }
        Ok(by_name.into_values().collect())
    }

    /// Static files by their path inside the output, sorted; a site file replaces the
    /// theme's of the same name.
    pub fn static_files(&self) -> Result<Vec<StaticFile>> {
        let mut by_name: BTreeMap<String, StaticSource> = BTreeMap::new();
        for layer in &self.layers {
            match layer {
                Layer::Folder(folder) => {
                    for (relative, name) in self.files_in(folder, "static")? {
                        by_name.insert(name, StaticSource::Disk(self.root.join(relative)));
                    }
                }
                Layer::Embedded(_) => {
                    for (name, bytes) in embedded_theme::files_in("static") {
                        by_name.insert(name.to_string(), StaticSource::Embedded(bytes));
                    }
                }
            }
        }
        Ok(by_name
            .into_iter()
            .map(|(name, source)| StaticFile { name, source })
            .collect())
    }

    /// Whether the site has its own `static/custom.css` to link after the theme's stylesheet.
    pub fn has_custom_css(&self) -> bool {
        self.root.join("static").join(CUSTOM_CSS).is_file()
    }

    /// Files under `<folder>/<kind>`, as (site-relative path, name).
    fn files_in(&self, folder: &Path, kind: &str) -> Result<Vec<(PathBuf, String)>> {
        let mut files = Vec::new();
        let dir = self.root.join(folder).join(kind);
        if !dir.is_dir() {
            return Ok(files);
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
            files.push((folder.join(kind).join(inside), name));
        }
        Ok(files)
    }
}

/// The globals that come from the theme and the site's files rather than site.yaml.
pub(crate) fn insert_theme_globals(tera: &mut tera::Tera, theme: &Theme) {
    tera.global_context()
        .insert("has_custom_css", &theme.has_custom_css());
}

fn theme_error(root: &Path, message: String, hint: impl Into<String>) -> Error {
    let mut all = Diagnostics::default();
    all.push(Diagnostic::error(theme_setting(root), message).with_hint(hint));
    Error::Invalid(all)
}

/// Where site.yaml names the theme: the value of its top-level `theme:` line, or the
/// file's start when the theme is the default one, not written there.
fn theme_setting(root: &Path) -> Location {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    text.lines()
        .enumerate()
        .find_map(|(ix, line)| {
            let value = line.strip_prefix("theme:")?;
            let column = line.len() - value.trim_start().len() + 1;
            Some(Location::new(CONFIG_FILE, ix as u32 + 1, column as u32))
        })
        .unwrap_or_else(|| Location::file(CONFIG_FILE))
}
