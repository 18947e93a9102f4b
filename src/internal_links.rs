//! Every `href` and `src` in the rendered pages that points inside the site must
//! name a file the build writes. Links come from Markdown and templates alike, so
//! they are checked on the output, and reported at the page's source file.

use std::collections::HashSet;
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
        let page_path = site.urls.root_relative(page.route(site));
        // The target files, one after the other in `files`: a page links a hundred
        // targets, nearly all of them known already, so each gets no String of its own
        // unless it is new.
        let mut files = String::new();
        let mut found: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        let mut seen = FxHashSet::default();
        for value in attribute_values(html, &["href", "src"]) {
            if !seen.insert(value) {
                continue;
            }
            let start = files.len();
            if self.target_file(&page_path, value, &mut files) {
                found.push((start..files.len(), value));
            }
        }
        let mut targets = self
            .targets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (file, value) in found {
            let file = &files[file];
            match targets.get_mut(file) {
                None => {
                    targets.insert(file.to_string(), (page, value.to_string()));
                }
                Some(first) => {
                    if (page, value) < (first.0, first.1.as_str()) {
                        *first = (page, value.to_string());
                    }
                }
            }
        }
    }

    /// Writes onto `file` the site-relative file an internal link serves; false (and
    /// nothing written) for external and fragment-only links.
    fn target_file(&self, page_path: &str, value: &str, file: &mut String) -> bool {
        if value.is_empty() || value.starts_with('#') || value.starts_with("data:") {
            return false;
        }
        // Fast path: the links the site makes itself are root-relative and plain.
        let plain =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '#' | '~');
        let decoded;
        let path = if value.starts_with('/')
            && !value.starts_with("//")
            && value.chars().all(plain)
            && !value.contains("/.")
        {
            value.split('#').next().unwrap_or_default()
        } else {
            if self.is_elsewhere(value) {
                return false;
            }
            let value = value.replace("&amp;", "&");
            let Some(resolved) = self
                .origin
                .join(page_path)
                .and_then(|page| page.join(&value))
                .ok()
            else {
                return false;
            };
            if resolved.origin() != self.origin.origin() {
                return false;
            }
            decoded = percent_decoded(resolved.path());
            decoded.as_str()
        };
        match path.strip_prefix(&self.base_path) {
            Some(inside) => {
                file.push_str(inside);
                if inside.is_empty() || inside.ends_with('/') {
                    file.push_str("index.html");
                }
            }
            // A link to this host outside the base path cannot be served by this site.
            None => {
                file.push_str("../");
                file.push_str(path.trim_start_matches('/'));
            }
        }
        true
    }

    /// Whether `value` is surely an absolute URL of another origin than the site's, seen
    /// without parsing it: most links out of a story are (`https://…` elsewhere,
    /// `mailto:…`). Anything unusual is left to the URL parser.
    fn is_elsewhere(&self, value: &str) -> bool {
        let Some((scheme, rest)) = value.split_once(':') else {
            return false;
        };
        if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            // `mailto:`, `tel:` and the like have no host: never this site's.
            return !scheme.eq_ignore_ascii_case("file");
        }
        let Some(rest) = rest.strip_prefix("//") else {
            return false;
        };
        let host = rest.split(['/', ':', '?', '#']).next().unwrap_or_default();
        let plain = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'.';
        let our_host = self.origin.host_str().unwrap_or_default();
        !host.is_empty() && host.bytes().all(plain) && !host.eq_ignore_ascii_case(our_host)
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

/// Values of the named attributes, in order, from HTML. Pages are rendered from UTF-8
/// templates and text: a value that is not UTF-8 is not ours to check.
fn attribute_values<'h>(html: &'h [u8], names: &[&str]) -> Vec<&'h str> {
    let mut values = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        for found in memchr::memmem::find_iter(html, needle.as_bytes()) {
            let start = found + needle.len();
            let end = memchr::memchr(b'"', &html[start..]).map_or(html.len(), |e| start + e);
            if let Ok(value) = std::str::from_utf8(&html[start..end]) {
                values.push(value);
            }
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker(site: &str) -> LinkChecker {
        let origin = url::Url::parse(site).unwrap();
        LinkChecker {
            base_path: origin.path().to_string(),
            origin,
            targets: Mutex::new(FxHashMap::default()),
        }
    }

    fn target(checker: &LinkChecker, page: &str, value: &str) -> Option<String> {
        let mut file = String::from("kept|");
        checker
            .target_file(page, value, &mut file)
            .then(|| file["kept|".len()..].to_string())
            .or_else(|| {
                assert_eq!(file, "kept|", "nothing is written for {value}");
                None
            })
    }

    #[test]
    fn a_link_names_the_file_it_serves_under_the_base_path() {
        let site = checker("https://news.example.org/explainer/");
        let page = "/explainer/stories/a/";
        let cases = [
            ("/explainer/actors/x/", Some("actors/x/index.html")),
            ("/explainer/style.css", Some("style.css")),
            ("/explainer/timeline/#event-1", Some("timeline/index.html")),
            ("/elsewhere/", Some("../elsewhere/")),
            ("../b/", Some("stories/b/index.html")),
            ("c.png?v=1", Some("stories/a/c.png")),
            ("/explainer/tags/%ED%95%B4/", Some("tags/해/index.html")),
            ("https://news.example.org/explainer/", Some("index.html")),
            ("HTTPS://NEWS.EXAMPLE.ORG/explainer/a", Some("a")),
            ("https://news.example.org:443/explainer/a", Some("a")),
            ("https://example.org/explainer/a", None),
            ("https://user@news.example.org/explainer/a", Some("a")),
            ("http://elsewhere.example.com/x", None),
            ("mailto:desk@news.example.org", None),
            ("tel:+441234", None),
            ("#top", None),
            ("", None),
            ("data:image/png;base64,AAAA", None),
        ];
        for (value, file) in cases {
            assert_eq!(target(&site, page, value).as_deref(), file, "{value}");
        }
    }

    #[test]
    fn finds_href_and_src_values() {
        let html = r#"<a href="/a/">x</a><img alt="" src="/i.png"><a class="b" href="https://e.org/?a=1&amp;b=2">"#;
        assert_eq!(
            attribute_values(html.as_bytes(), &["href", "src"]),
            ["/a/", "https://e.org/?a=1&amp;b=2", "/i.png"]
        );
    }

    #[test]
    fn a_value_that_is_not_utf8_is_passed_over_and_the_others_are_found() {
        let html = b"<a href=\"/caf\xe9/\">x</a><a href=\"/b/\">y</a><img src=\"/\xff.png\">";
        assert_eq!(attribute_values(html, &["href", "src"]), ["/b/"]);
    }
}
