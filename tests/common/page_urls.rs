//! Every URL a built site names, read from its files the way a browser or a feed reader
//! would: HTML attributes and meta tags, CSS `url(...)`, the search page's bundle folders,
//! the Atom feed, the sitemap, robots.txt and the records of the search index.

use std::path::Path;

use scraper::Html;

/// One URL as written, with the file it is in and what holds it (`a href`, `meta og:url`).
#[derive(Debug, Clone)]
pub struct FoundUrl {
    /// The file, relative to the output folder (`stories/x/index.html`).
    pub file: String,
    pub holder: String,
    pub url: String,
}

/// Attributes whose value is one URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "data-bundle",
];

/// Meta tags whose `content` is a URL.
const URL_METAS: &[&str] = &["og:url", "og:image", "twitter:image", "twitter:url"];

/// Every URL in one HTML file.
pub fn urls_in_html(file: &str, text: &str) -> Vec<FoundUrl> {
    let html = Html::parse_document(text);
    let mut found = Vec::new();
    let mut push = |holder: String, url: &str| {
        found.push(FoundUrl {
            file: file.to_string(),
            holder,
            url: url.to_string(),
        })
    };
    for node in html.root_element().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let tag = element.name();
        for (name, value) in element.attrs() {
            if URL_ATTRIBUTES.contains(&name) {
                push(format!("{tag} {name}"), value);
            } else if name == "srcset" {
                for candidate in value.split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        push(format!("{tag} srcset"), url);
                    }
                }
            } else if name == "data-merge" {
                let bundles: Vec<String> = serde_json::from_str(value)
                    .unwrap_or_else(|e| panic!("{file}: data-merge `{value}`: {e}"));
                for bundle in bundles {
                    push(format!("{tag} data-merge"), &bundle);
                }
            } else if name == "style" {
                for url in css_urls(value) {
                    push(format!("{tag} style"), &url);
                }
            }
        }
        if tag == "meta" {
            let key = element
                .attr("property")
                .or_else(|| element.attr("name"))
                .unwrap_or_default();
            if URL_METAS.contains(&key)
                && let Some(content) = element.attr("content")
            {
                push(format!("meta {key}"), content);
            }
        }
        if tag == "style" {
            let css: String = node
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                .collect();
            for url in css_urls(&css) {
                push("style url()".to_string(), &url);
            }
        }
    }
    found
}

/// The targets of `url(...)` in CSS, quotes removed.
pub fn css_urls(css: &str) -> Vec<String> {
    css.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|inside| inside.trim().trim_matches(['"', '\'']).to_string())
        .collect()
}

/// Every URL in the Atom feed: links, and the ids, which are the pages' URLs.
pub fn urls_in_feed(text: &str) -> Vec<FoundUrl> {
    let doc = roxmltree::Document::parse(text).expect("atom.xml is well-formed");
    let mut found = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        if name == "link"
            && let Some(href) = node.attribute("href")
        {
            found.push(FoundUrl {
                file: "atom.xml".into(),
                holder: format!(
                    "{} link",
                    node.parent_element().map_or("", |p| p.tag_name().name())
                ),
                url: href.to_string(),
            });
        } else if name == "id" {
            found.push(FoundUrl {
                file: "atom.xml".into(),
                holder: "id".into(),
                url: node.text().unwrap_or_default().trim().to_string(),
            });
        }
    }
    found
}

/// Every `<loc>` of the sitemap.
pub fn urls_in_sitemap(text: &str) -> Vec<FoundUrl> {
    let doc = roxmltree::Document::parse(text).expect("sitemap.xml is well-formed");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| FoundUrl {
            file: "sitemap.xml".into(),
            holder: "loc".into(),
            url: n.text().unwrap_or_default().trim().to_string(),
        })
        .collect()
}

/// The `Sitemap:` lines of robots.txt.
pub fn urls_in_robots(text: &str) -> Vec<FoundUrl> {
    text.lines()
        .filter_map(|line| line.strip_prefix("Sitemap:"))
        .map(|url| FoundUrl {
            file: "robots.txt".into(),
            holder: "Sitemap".into(),
            url: url.trim().to_string(),
        })
        .collect()
}

/// The URL of every record in the search index under `public/pagefind/` (every shard):
/// what a search result links to, before the search page's script adds its `baseUrl`.
pub fn search_record_urls(public: &Path) -> Vec<FoundUrl> {
    let mut found = Vec::new();
    // One JSON file per record: `pagefind/records/<n>.json` with its URL.
    for entry in walkdir::WalkDir::new(public.join("pagefind/records")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "json") {
            continue;
        }
        let record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(entry.path()).unwrap()).unwrap();
        let file = entry
            .path()
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        found.push(FoundUrl {
            file,
            holder: "search record".into(),
            url: record["url"].as_str().expect("a record URL").to_string(),
        });
    }
    assert!(!found.is_empty(), "the search index holds records");
    found
}

/// The output file a site-relative path (`stories/x/`, `style.css#x`) is served from.
pub fn served_file(path: &str) -> String {
    let path = path.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}
