//! Every `href` and `src` in the rendered pages that points inside the site must
//! name a file the build writes. Links come from Markdown and templates alike, so
//! they are checked on the output, and reported at the page's source file.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use crate::content::source_file::line_and_column;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::render::{PageKind, Renderer};
use crate::site::Site;

/// Collects internal link targets while pages render, then checks them.
pub struct LinkChecker {
    base_path: String,
    origin: url::Url,
    /// Target file (site-relative) to the first page linking it and the link as written.
    targets: Mutex<BTreeMap<String, (PageKind, String)>>,
}

impl LinkChecker {
    pub fn new(site: &Site) -> LinkChecker {
        let origin = url::Url::parse(&site.urls.absolute(crate::url::Route::Home))
            .unwrap_or_else(|_| url::Url::parse("http://localhost/").expect("a valid literal URL"));
        LinkChecker {
            base_path: site.config.base_url.path().to_string(),
            origin,
            targets: Mutex::new(BTreeMap::new()),
        }
    }

    /// Records the internal links of one rendered page.
    pub fn collect(&self, site: &Site, page: PageKind, html: &[u8]) {
        let text = String::from_utf8_lossy(html);
        let page_url = match self.origin.join(&site.urls.href(page.route(site))) {
            Ok(url) => url,
            Err(_) => return,
        };
        let mut found = Vec::new();
        for value in attribute_values(&text, &["href", "src"]) {
            if let Some(file) = self.target_file(&page_url, &value) {
                found.push((file, value));
            }
        }
        let mut targets = self
            .targets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (file, value) in found {
            targets.entry(file).or_insert((page, value));
        }
    }

    /// The site-relative file an internal link serves, or None for external and fragment-only links.
    fn target_file(&self, page_url: &url::Url, value: &str) -> Option<String> {
        let value = value.replace("&amp;", "&");
        if value.is_empty() || value.starts_with('#') || value.starts_with("data:") {
            return None;
        }
        let resolved = page_url.join(&value).ok()?;
        if resolved.origin() != self.origin.origin() {
            return None;
        }
        let path = resolved.path();
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
        let mut diagnostics = Diagnostics::default();
        let targets = std::mem::take(
            &mut *self
                .targets
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        for (file, (page, written)) in targets {
            if outputs.contains(&file) || outputs.contains(&format!("{file}/index.html")) {
                continue;
            }
            let page_url = site.urls.href(page.route(site));
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

/// Values of the named attributes, in order, from HTML text.
fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut values = Vec::new();
    let bytes = html.as_bytes();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut from = 0;
        while let Some(found) = html[from..].find(&needle) {
            let start = from + found + needle.len();
            let end = html[start..].find('"').map_or(bytes.len(), |e| start + e);
            values.push(html[start..end].to_string());
            from = end;
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
