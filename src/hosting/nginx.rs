//! The nginx snippet a build writes (`_nginx.conf`): the same media types, cache policy,
//! security headers, 404 page and redirects as `_headers` and `_redirects`, for a server
//! block to include inside the `location` of the site's base path (docs/deploying.md).

use super::redirects::Redirect;
use super::security::SECURITY_HEADERS;
use super::{CachePolicy, media_type};

pub const NGINX_FILE: &str = "_nginx.conf";

/// Extensions given a media type in the snippet, so nginx sends the types
/// [`media_type`] names rather than its own table's (which differs between versions).
const TYPED_EXTENSIONS: [&str; 20] = [
    "html", "htm", "css", "js", "mjs", "json", "xml", "txt", "svg", "png", "jpg", "jpeg", "gif",
    "webp", "avif", "ico", "woff2", "woff", "ttf", "wasm",
];

/// What the snippet is made from.
pub struct NginxSite<'a> {
    /// `/` or `/explainer/`.
    pub base_path: &'a str,
    pub content_security_policy: &'a str,
    pub redirects: &'a [Redirect],
    /// Whether `.gz` copies sit beside the files (`gzip_static`).
    pub precompressed: bool,
    /// The folders of editions in other languages that have their own 404 page
    /// (`/x/ko/`): a missing address under one gets that page.
    pub not_found_folders: &'a [String],
}

/// The snippet's text.
pub fn nginx_snippet(site: &NginxSite) -> String {
    let base = site.base_path;
    let mut out = format!(
        "# Made by flashpoint for a site served at {base}. Include this file inside the\n\
         # server block's `location {base} {{ }}`, whose `root` holds the output (docs/deploying.md).\n"
    );
    out.push_str("types {\n");
    for extension in TYPED_EXTENSIONS {
        out.push_str(&format!(
            "    \"{}\" {extension};\n",
            media_type(&format!("x.{extension}"))
        ));
    }
    out.push_str("}\ndefault_type application/octet-stream;\nindex index.html;\n");
    if site.precompressed {
        out.push_str("gzip_static on;\ngzip_vary on;\n");
    }
    out.push_str(&format!("error_page 404 {base}404.html;\n"));
    for folder in site.not_found_folders {
        // A nested prefix location inherits every header and setting above; regular
        // expression locations (hashed assets) still win over it and keep the main 404.
        out.push_str(&format!(
            "location {folder} {{\n    error_page 404 {folder}404.html;\n}}\n"
        ));
    }
    let revalidate = headers(site, CachePolicy::Revalidate, "");
    let immutable = headers(site, CachePolicy::Immutable, "    ");
    out.push_str(&revalidate);
    out.push_str(&format!(
        "# Hashed assets and the search index's chunks are named after their bytes.\n\
         location ~ \"\\.[0-9a-f]{{16}}\\.[0-9A-Za-z]+$\" {{\n{immutable}}}\n\
         location ~ \"^{base}pagefind/.*\\.pf_(index|fragment|filter|meta)$\" {{\n{immutable}}}\n\
         # The host files are for hosts, not readers.\n\
         location ~ \"^{base}_(headers|redirects|nginx\\.conf)$\" {{\n    return 404;\n}}\n"
    ));
    for Redirect { from, to } in site.redirects {
        out.push_str(&format!("location = {from} {{\n    return 301 {to};\n}}\n"));
        if let Some(bare) = from.strip_suffix('/').filter(|b| !b.is_empty()) {
            out.push_str(&format!("location = {bare} {{\n    return 301 {to};\n}}\n"));
        }
    }
    out
}

/// The `add_header` lines of one cache policy. nginx drops a location's inherited
/// `add_header`s when it sets its own, so each location repeats them all.
fn headers(site: &NginxSite, policy: CachePolicy, indent: &str) -> String {
    let mut lines = String::new();
    for (name, value) in SECURITY_HEADERS {
        lines.push_str(&format!("{indent}add_header {name} \"{value}\" always;\n"));
    }
    lines.push_str(&format!(
        "{indent}add_header Content-Security-Policy \"{}\" always;\n",
        site.content_security_policy
    ));
    lines.push_str(&format!(
        "{indent}add_header Cache-Control \"{}\" always;\n",
        policy.header_value()
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_types_caches_and_redirects_under_the_base_path() {
        let text = nginx_snippet(&NginxSite {
            base_path: "/x/",
            content_security_policy: "default-src 'self'",
            redirects: &[Redirect {
                from: "/x/old/".to_string(),
                to: "/x/stories/new/".to_string(),
            }],
            precompressed: true,
            not_found_folders: &["/x/ko/".to_string()],
        });
        assert!(text.contains("    \"text/html; charset=utf-8\" html;\n"));
        assert!(text.contains("gzip_static on;\n"));
        assert!(text.contains("error_page 404 /x/404.html;\n"));
        assert!(text.contains("location /x/ko/ {\n    error_page 404 /x/ko/404.html;\n}\n"));
        assert!(text.contains(
            "    add_header Cache-Control \"public, max-age=31536000, immutable\" always;\n"
        ));
        assert!(text.contains("location = /x/old/ {\n    return 301 /x/stories/new/;\n}\n"));
        assert!(text.contains("location = /x/old {\n    return 301 /x/stories/new/;\n}\n"));
    }
}
