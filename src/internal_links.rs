//! Every `href` and `src` in the rendered pages that points inside the site must
//! name a file the build writes. Links come from Markdown and templates alike, so
//! they are checked on the output, and reported at the page's source file.

use std::collections::HashSet;
use std::collections::hash_map::Entry;
use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::content::source_file::line_and_column;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::render::{PageKind, Renderer};
use crate::site::Site;

/// Collects internal link targets while pages render, then checks them.
pub struct LinkChecker {
    base_path: String,
    origin: url::Url,
    /// Target file (site-relative) to the first page linking it in the order of
    /// [`PageKind`], however the threads run, and the link as written there.
    targets: Mutex<FxHashMap<String, (PageKind, String)>>,
}

impl LinkChecker {
    pub fn new(site: &Site) -> LinkChecker {
        let origin = url::Url::parse(&site.urls.absolute(crate::url::Route::Home))
            .unwrap_or_else(|_| url::Url::parse("http://localhost/").expect("a valid literal URL"));
        LinkChecker {
            base_path: site.config.base_url.path().to_string(),
            origin,
            targets: Mutex::new(FxHashMap::default()),
        }
    }

    /// Records the internal links of one rendered page.
    pub fn collect(&self, site: &Site, page: PageKind, html: &[u8]) {
        // Pages are rendered from UTF-8 templates and text; anything else is not ours to check.
        let Ok(text) = std::str::from_utf8(html) else {
            return;
        };
        let page_path = site.urls.root_relative(page.route(site));
        let mut found: Vec<(String, &str)> = Vec::new();
        let mut seen = FxHashSet::default();
        for value in attribute_values(text, &["href", "src"]) {
            if !seen.insert(value) {
                continue;
            }
            if let Some(file) = self.target_file(&page_path, value) {
                found.push((file, value));
            }
        }
        let mut targets = self
            .targets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (file, value) in found {
            match targets.entry(file) {
                Entry::Vacant(entry) => {
                    entry.insert((page, value.to_string()));
                }
                Entry::Occupied(mut entry) => {
                    let (first, written) = entry.get();
                    if (page, value) < (*first, written.as_str()) {
                        entry.insert((page, value.to_string()));
                    }
                }
            }
        }
    }

    /// The site-relative file an internal link serves, or None for external and fragment-only links.
    fn target_file(&self, page_path: &str, value: &str) -> Option<String> {
        if value.is_empty() || value.starts_with('#') || value.starts_with("data:") {
            return None;
        }
        // Fast path: the links the site makes itself are root-relative and plain.
        let plain =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '#' | '~');
        let path = if value.starts_with('/')
            && !value.starts_with("//")
            && value.chars().all(plain)
            && !value.contains("/.")
        {
            value.split('#').next().unwrap_or_default().to_string()
        } else {
            let value = value.replace("&amp;", "&");
            let resolved = self.origin.join(page_path).ok()?.join(&value).ok()?;
            if resolved.origin() != self.origin.origin() {
                return None;
            }
            percent_decoded(resolved.path())
        };
        let inside = match path.strip_prefix(&self.base_path) {
            Some(inside) => inside.to_string(),
            // A link to this host outside the base path cannot be served by this site.
            None => return Some(format!("../{}", path.trim_start_matches('/'))),
        };
        Some(if inside.is_empty() || inside.ends_with('/') {
            format!("{inside}index.html")
        } else {
            inside
        })
    }

    /// Links whose target is not among `outputs` (site-relative paths of every written file).
    pub fn broken_links(
        self,
        site: &Site,
        renderer: &Renderer,
        outputs: &HashSet<String>,
    ) -> Diagnostics {
        self.broken_links_where(site, renderer, |file| outputs.contains(file))
    }

    /// Links whose target `exists` says is no file of the site: `serve`'s quick path asks
    /// the files it serves, which on a large site are too many to copy into a set per save.
    pub fn broken_links_where(
        self,
        site: &Site,
        renderer: &Renderer,
        exists: impl Fn(&str) -> bool,
    ) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        let targets = std::mem::take(
            &mut *self
                .targets
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        for (file, (page, written)) in targets {
            if exists(&file) || exists(&format!("{file}/index.html")) {
                continue;
            }
            let page_url = site.urls.root_relative(page.route(site));
            let hint = if file.starts_with("../") {
                format!("it points outside the site's base path {}", self.base_path)
            } else {
                "link to an existing page, or use [[id]] links that are checked by name".to_string()
            };
            diagnostics.push(
                Diagnostic::error(
                    self.source_location(site, renderer, page, &written),
                    format!("the link `{written}` on {page_url} leads to no page of this site"),
                )
                .with_hint(hint),
            );
        }
        diagnostics
    }

    /// Where the link was probably written: the page's Markdown file if the link is in
    /// it (minus the base path the build added), else the page's template.
    fn source_location(
        &self,
        site: &Site,
        renderer: &Renderer,
        page: PageKind,
        written: &str,
    ) -> Location {
        let as_written = written
            .strip_prefix(self.base_path.trim_end_matches('/'))
            .unwrap_or(written);
        if let Some(path) = page.source_file(site)
            && let Ok(text) = std::fs::read_to_string(site.config.root.join(path))
            && let Some(offset) = text.find(as_written)
        {
            let (line, column) = line_and_column(&text, offset);
            return Location::new(path, line, column);
        }
        renderer.template_file(page.template())
    }
}

/// A URL's path as the file name it serves: `%ED%95%B4` back to the UTF-8 letters a tag's
/// folder is named with on disk.
fn percent_decoded(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Values of the named attributes, in order, from HTML text.
fn attribute_values<'h>(html: &'h str, names: &[&str]) -> Vec<&'h str> {
    let mut values = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        for found in memchr::memmem::find_iter(html.as_bytes(), needle.as_bytes()) {
            let start = found + needle.len();
            let end =
                memchr::memchr(b'"', &html.as_bytes()[start..]).map_or(html.len(), |e| start + e);
            values.push(&html[start..end]);
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::attribute_values;

    #[test]
    fn finds_href_and_src_values() {
        let html = r#"<a href="/a/">x</a><img alt="" src="/i.png"><a class="b" href="https://e.org/?a=1&amp;b=2">"#;
        assert_eq!(
            attribute_values(html, &["href", "src"]),
            ["/a/", "https://e.org/?a=1&amp;b=2", "/i.png"]
        );
    }
}
