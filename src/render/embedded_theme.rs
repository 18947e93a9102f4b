//! The default theme, built into the binary: a site needs no `themes/default/` folder of
//! its own, and `flashpoint theme eject` can write this copy out for customising.

use include_dir::{Dir, include_dir};

/// The name of the theme that is built in.
pub const EMBEDDED_THEME: &str = "default";

/// `themes/default/` as it was when the binary was built, every file included.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One file of the built-in theme: its path inside the theme folder (with `/`) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile {
    pub path: &'static str,
    pub contents: &'static [u8],
}

/// Every file of the built-in theme, sorted by path, dotfiles left out as on disk.
pub fn files() -> Vec<EmbeddedFile> {
    let mut files = Vec::new();
    collect(&DEFAULT_THEME, &mut files);
    files.sort_by(|a, b| a.path.cmp(b.path));
    files
}

/// The built-in theme's files under `folder` (`templates` or `static`), as (name inside
/// the folder, bytes), sorted by name.
pub fn files_in(folder: &str) -> Vec<(&'static str, &'static [u8])> {
    let prefix = format!("{folder}/");
    files()
        .into_iter()
        .filter_map(|file| {
            file.path
                .strip_prefix(prefix.as_str())
                .map(|name| (name, file.contents))
        })
        .collect()
}

fn collect(dir: &'static Dir<'static>, files: &mut Vec<EmbeddedFile>) {
    for file in dir.files() {
        let Some(path) = file.path().to_str() else {
            continue;
        };
        let hidden = path.rsplit('/').next().is_some_and(|n| n.starts_with('.'));
        if !hidden {
            files.push(EmbeddedFile {
                path,
                contents: file.contents(),
            });
        }
    }
    for sub in dir.dirs() {
        let hidden = sub
            .path()
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden {
            collect(sub, files);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_holds_the_base_template_and_the_stylesheet() {
        let templates = files_in("templates");
        assert!(templates.iter().any(|(name, _)| *name == "base.html"));
        assert!(
            templates
                .iter()
                .any(|(name, _)| *name == "partials/story_list.html")
        );
        let statics = files_in("static");
        assert!(statics.iter().any(|(name, _)| *name == "style.css"));
    }

    #[test]
    fn the_built_in_theme_is_byte_for_byte_the_repository_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for file in files() {
            let on_disk = std::fs::read(root.join(file.path)).unwrap();
            assert_eq!(on_disk, file.contents, "{}", file.path);
        }
    }
}
