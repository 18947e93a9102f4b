//! Links from one file of the site to another, for a build whose folder is opened from disk
//! (`--relative`).
//!
//! A URL is made long before anyone knows which file it will land in: a story's HTML is
//! made once and shown on several pages, the navigation is a global of every template, and
//! the theme's `asset_url` knows nothing of the page that calls it. So in this mode every
//! URL starts with [`ROOT_MARKER`], standing for "the site's root, seen from here", and the
//! marker is replaced in each file once its place in the output is known
//! ([`resolve_links`]): `../../` in `stories/x/index.html`, nothing in `index.html`.
//!
//! The marker is plain ASCII that no escaping changes (HTML, JSON, percent-encoding), so it
//! reaches the file intact whichever way the URL was written.

use std::borrow::Cow;

/// Stands for the path from the file being written to the site's root.
pub(crate) const ROOT_MARKER: &str = "~flashpoint-site-root~/";

/// The way up from `file` (a site-relative path with `/` separators) to the site's root:
/// one `../` per folder it is in.
pub(crate) fn way_to_root(file: &str) -> String {
    "../".repeat(file.matches('/').count())
}

/// `path` with `index.html` added where it names a folder (empty, or ending in `/`), before
/// any query or fragment: without a server nothing turns a folder into its index page.
pub(crate) fn with_index_file(path: &str) -> String {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let (file, rest) = path.split_at(end);
    if file.is_empty() || file.ends_with('/') {
        format!("{file}index.html{rest}")
    } else {
        path.to_string()
    }
}

/// `contents` of the output file `file` with every [`ROOT_MARKER`] replaced by the way from
/// that file to the site's root; borrowed as it is when it holds no marker.
pub(crate) fn resolve_links<'c>(file: &str, contents: &'c [u8]) -> Cow<'c, [u8]> {
    let marker = ROOT_MARKER.as_bytes();
    let mut found = memchr::memmem::find_iter(contents, marker).peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(contents);
    }
    let way_up = way_to_root(file);
    let mut resolved = Vec::with_capacity(contents.len());
    let mut from = 0;
    for at in found {
        resolved.extend_from_slice(&contents[from..at]);
        resolved.extend_from_slice(way_up.as_bytes());
        from = at + marker.len();
    }
    resolved.extend_from_slice(&contents[from..]);
    Cow::Owned(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_up_has_one_step_per_folder() {
        assert_eq!(way_to_root("index.html"), "");
        assert_eq!(way_to_root("search/index.html"), "../");
        assert_eq!(way_to_root("stories/x/index.html"), "../../");
    }

    #[test]
    fn folders_get_their_index_file_before_any_fragment() {
        assert_eq!(with_index_file(""), "index.html");
        assert_eq!(with_index_file("stories/x/"), "stories/x/index.html");
        assert_eq!(
            with_index_file("timeline/#event-a"),
            "timeline/index.html#event-a"
        );
        assert_eq!(with_index_file("#top"), "index.html#top");
        assert_eq!(with_index_file("style.css"), "style.css");
        assert_eq!(with_index_file("a.png?v=1"), "a.png?v=1");
    }

    #[test]
    fn every_marker_in_a_file_becomes_its_way_to_the_root() {
        let html = format!(
            "<a href=\"{m}index.html\">home</a><link href=\"{m}style.css\">",
            m = ROOT_MARKER
        );
        assert_eq!(
            resolve_links("stories/x/index.html", html.as_bytes()).as_ref(),
            b"<a href=\"../../index.html\">home</a><link href=\"../../style.css\">"
        );
        assert_eq!(
            resolve_links("index.html", html.as_bytes()).as_ref(),
            b"<a href=\"index.html\">home</a><link href=\"style.css\">"
        );
    }

    #[test]
    fn a_file_without_markers_is_left_as_it_is() {
        let css = b"body { color: red }";
        assert!(matches!(
            resolve_links("style.css", css),
            Cow::Borrowed(bytes) if bytes == css
        ));
    }
}
