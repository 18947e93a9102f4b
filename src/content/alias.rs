//! `aliases:` of stories and pages (`old_paths:` of actors, whose `aliases:` are other
//! names): addresses the content had before it was renamed or moved, each of which gets a
//! redirect to where it lives now.

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::yaml::{Spanned, YamlSource};

/// One old address, relative to the site's base path, and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// `stories/old-name` (a folder, redirected at `stories/old-name/index.html`) or
    /// `old.html` (a file): no leading or trailing slash.
    pub path: String,
    pub location: Location,
}

impl Alias {
    /// Where the redirect page is written inside the output.
    pub fn output_file(&self) -> String {
        if self.path.ends_with(".html") {
            self.path.clone()
        } else {
            format!("{}/index.html", self.path)
        }
    }

    /// The address relative to the base path: `stories/old-name/` or `old.html`.
    pub fn site_path(&self) -> String {
        if self.path.ends_with(".html") {
            self.path.clone()
        } else {
            format!("{}/", self.path)
        }
    }
}

/// The aliases as written, each checked; a malformed one is reported and left out.
pub(crate) fn aliases(
    yaml: &YamlSource<'_>,
    written: &[Spanned<String>],
    diagnostics: &mut Diagnostics,
) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for alias in written {
        let location = yaml.location_of(alias);
        let path = alias.value.trim().trim_matches('/');
        match problem(path) {
            None => aliases.push(Alias {
                path: path.to_string(),
                location,
            }),
            Some(message) => diagnostics
                .push(Diagnostic::error(location, message).with_hint(
                    "write the old address relative to the site, e.g. stories/old-name",
                )),
        }
    }
    aliases
}

/// What keeps `path` from being an old address the output can hold.
fn problem(path: &str) -> Option<String> {
    if path.is_empty() {
        return Some("this alias is empty: it would redirect the home page".to_string());
    }
    for segment in path.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Some(format!("the alias `{path}` has an empty, `.` or `..` part"));
        }
        if segment.starts_with('.') {
            return Some(format!("the alias `{path}` has a part starting with a dot"));
        }
        if segment.len() > crate::ids::MAX_SEGMENT_BYTES {
            return Some(format!(
                "the alias `{path}` has a part too long for a file name"
            ));
        }
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '~');
    if let Some(bad) = path.chars().find(|&c| !allowed(c)) {
        return Some(format!(
            "the alias `{path}` holds `{bad}`: an old address may hold letters, digits, `-`, `_`, `.`, `~` and `/`"
        ));
    }
    if path == "pagefind" || path.starts_with("pagefind/") {
        return Some(format!(
            "the alias `{path}` is inside the search index's folder"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn plain_paths_are_aliases_and_climbing_or_odd_ones_are_not() {
        assert_eq!(problem("stories/old-name"), None);
        assert_eq!(problem("old.html"), None);
        for bad in [
            "",
            "a//b",
            "../etc",
            "a/./b",
            ".git",
            "a b",
            "a?b",
            "pagefind/x",
            "é",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
