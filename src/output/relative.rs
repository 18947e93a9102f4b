//! The one check every path written into the output passes: a file of the site is named
//! by a relative path that stays inside the output. Page routes, theme and site static
//! files and search-index files all come from names someone typed, so a name such as
//! `../../.ssh/config` or `/etc/passwd` must be an error, never a write.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

use super::ownership::RECORD_FILE;

/// `file` as a clean relative path (no `.` components), or an error naming it if it is
/// absolute, climbs out with `..`, has an empty component, or names the ownership record.
pub(crate) fn inside_output(file: &Path) -> Result<PathBuf> {
    let refuse = |why: &str| {
        Err(Error::Internal(format!(
            "refusing to write `{}` into the output: {why}",
            file.display()
        )))
    };
    let text = file.to_string_lossy();
    if text.is_empty() {
        return refuse("the name is empty");
    }
    // `Path::components` quietly drops empty components (`a//b`); a name with one was
    // made by joining an empty part, which is a bug or a hostile name either way.
    if text.split('/').skip(1).any(str::is_empty) || text.ends_with('/') {
        return refuse("it has an empty component");
    }
    let mut clean = PathBuf::new();
    for component in file.components() {
        match component {
            Component::Normal(name) => clean.push(name),
            Component::CurDir => {}
            Component::ParentDir => return refuse("it climbs out of the output with `..`"),
            Component::RootDir | Component::Prefix(_) => {
                return refuse("it is an absolute path");
            }
        }
    }
    if clean.as_os_str().is_empty() {
        return refuse("it names the output folder itself");
    }
    if clean == Path::new(RECORD_FILE) {
        return refuse("that name is kept for flashpoint's record of the files it wrote");
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(path: &str) -> String {
        inside_output(Path::new(path)).unwrap_err().to_string()
    }

    #[test]
    fn plain_relative_paths_pass_with_dot_components_removed() {
        assert_eq!(
            inside_output(Path::new("stories/x/index.html")).unwrap(),
            PathBuf::from("stories/x/index.html")
        );
        assert_eq!(
            inside_output(Path::new("./a/./b.css")).unwrap(),
            PathBuf::from("a/b.css")
        );
    }

    #[test]
    fn paths_that_leave_the_output_are_refused_by_name() {
        assert!(message("../site.yaml").contains("`../site.yaml`"));
        assert!(message("a/../../b").contains("climbs out"));
        assert!(message("/etc/passwd").contains("absolute"));
        assert!(message("a//b").contains("empty component"));
        assert!(message("a/").contains("empty component"));
        assert!(message("").contains("empty"));
        assert!(message(".").contains("output folder itself"));
        assert!(message(".flashpoint-output.json").contains("record"));
    }
}
