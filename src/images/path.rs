//! Where an image named in a content file is: relative to that file, and never outside
//! `content/`.

use std::path::{Component, Path, PathBuf};

/// The site-relative path of `src` as written in the content file `document`
/// (`content/stories/x.md` + `../images/a.jpg` = `content/images/a.jpg`), or why it cannot be used.
pub fn resolve_src(document: &Path, src: &str) -> Result<PathBuf, String> {
    let src = src.trim();
    if src.is_empty() {
        return Err("the image has no `src`".to_string());
    }
    if src.contains("://") || src.starts_with('/') || src.starts_with('\\') {
        return Err(format!(
            "`{src}` is not a path relative to this file; images are read from the site's \
             `content/` folder, e.g. `../images/photo.jpg`"
        ));
    }
    let mut resolved = document.parent().map(Path::to_path_buf).unwrap_or_default();
    for component in Path::new(src).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir if resolved.components().count() > 1 => {
                resolved.pop();
            }
            _ => {
                return Err(format!(
                    "`{src}` leads outside the site's `content/` folder, where images are read from"
                ));
            }
        }
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_read_relative_to_the_file_that_names_it() {
        let story = Path::new("content/stories/x.md");
        assert_eq!(
            resolve_src(story, "../images/a.jpg").unwrap(),
            PathBuf::from("content/images/a.jpg")
        );
        assert_eq!(
            resolve_src(story, "./b.png").unwrap(),
            PathBuf::from("content/stories/b.png")
        );
    }

    #[test]
    fn paths_leaving_content_urls_and_absolute_paths_are_refused() {
        let story = Path::new("content/stories/x.md");
        assert!(resolve_src(story, "../../site.yaml").is_err());
        assert!(resolve_src(story, "https://example.com/a.jpg").is_err());
        assert!(resolve_src(story, "/etc/passwd").is_err());
        assert!(resolve_src(story, " ").is_err());
    }
}
