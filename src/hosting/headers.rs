//! `_headers`: the response headers of each path, in the syntax Netlify and Cloudflare
//! Pages read. Every path gets the security headers; hashed assets are cached for a year,
//! everything else briefly ([`super::cache_policy`]). A folder whose files all share a
//! policy gets one `folder/*` rule, so a site of ten thousand stories needs a few lines.
//!
//! No path matches two rules that set the same header: both hosts join the values of a
//! header set twice, which would make a `Cache-Control` no cache understands.

use std::collections::BTreeMap;

use super::security::SECURITY_HEADERS;
use super::{CachePolicy, cache_policy};

pub const HEADERS_FILE: &str = "_headers";

/// The `_headers` file for a site under `base_path` (`/` or `/explainer/`) whose output
/// holds `files` (relative, `/`-separated). Precompressed copies (`.gz`) are left out:
/// these hosts compress on their own.
pub fn headers_file(base_path: &str, files: &[String], content_security_policy: &str) -> String {
    let mut root = Folder::default();
    for file in files.iter().filter(|f| !f.ends_with(".gz")) {
        root.insert(file, cache_policy(file));
    }
    let mut out =
        String::from("# Made by flashpoint: response headers for Netlify and Cloudflare Pages.\n");
    out.push_str(&format!("{base_path}*\n"));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out.push_str(&format!(
        "  Content-Security-Policy: {content_security_policy}\n"
    ));
    root.rules(base_path, &mut out);
    out
}

/// The files of one folder and its sub-folders, with each file's cache policy.
#[derive(Default)]
struct Folder {
    files: BTreeMap<String, CachePolicy>,
    folders: BTreeMap<String, Folder>,
}

impl Folder {
    fn insert(&mut self, path: &str, policy: CachePolicy) {
        match path.split_once('/') {
            Some((folder, rest)) => self
                .folders
                .entry(folder.to_string())
                .or_default()
                .insert(rest, policy),
            None => {
                self.files.insert(path.to_string(), policy);
            }
        }
    }

    /// The one policy of every file in and under this folder, if they share one.
    fn uniform(&self) -> Option<CachePolicy> {
        let mut policies = self
            .files
            .values()
            .copied()
            .map(Some)
            .chain(self.folders.values().map(Folder::uniform));
        let first = policies.next()??;
        policies.all(|p| p == Some(first)).then_some(first)
    }

    /// Cache rules for the files in and under this folder, which is served at `url`.
    fn rules(&self, url: &str, out: &mut String) {
        for (name, policy) in &self.files {
            if name == "index.html" {
                rule(out, url, *policy);
            }
            rule(out, &format!("{url}{name}"), *policy);
        }
        for (name, folder) in &self.folders {
            let url = format!("{url}{name}/");
            match folder.uniform() {
                Some(policy) => rule(out, &format!("{url}*"), policy),
                None => folder.rules(&url, out),
            }
        }
    }
}

fn rule(out: &mut String, path: &str, policy: CachePolicy) {
    out.push_str(&format!(
        "{path}\n  Cache-Control: {}\n",
        policy.header_value()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn folders_of_one_policy_take_one_rule_and_mixed_folders_list_their_files() {
        let text = headers_file(
            "/x/",
            &files(&[
                "index.html",
                "index.html.gz",
                "style.css",
                "style.0123456789abcdef.css",
                "stories/a/index.html",
                "stories/b/index.html",
                "pagefind/pagefind.js",
                "pagefind/index/en_1.pf_index",
            ]),
            "default-src 'self'",
        );
        assert_eq!(
            text,
            "# Made by flashpoint: response headers for Netlify and Cloudflare Pages.\n\
/x/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Content-Security-Policy: default-src 'self'\n\
/x/\n  Cache-Control: public, max-age=300, must-revalidate\n\
/x/index.html\n  Cache-Control: public, max-age=300, must-revalidate\n\
/x/style.0123456789abcdef.css\n  Cache-Control: public, max-age=31536000, immutable\n\
/x/style.css\n  Cache-Control: public, max-age=300, must-revalidate\n\
/x/pagefind/pagefind.js\n  Cache-Control: public, max-age=300, must-revalidate\n\
/x/pagefind/index/*\n  Cache-Control: public, max-age=31536000, immutable\n\
/x/stories/*\n  Cache-Control: public, max-age=300, must-revalidate\n"
        );
    }
}
