//! A site published under a sub-path stays under it: every URL in every file a build
//! writes (pages, feed, sitemap, robots.txt, the search index) names a place under the base
//! URL, and each internal one names a file the build wrote. `--base-url` sets that base
//! for one build and is refused, before anything is read, when it is not an http(s) URL.

mod common;

use common::page_urls::{
    FoundUrl, search_record_urls, served_file, urls_in_feed, urls_in_html, urls_in_robots,
    urls_in_sitemap,
};
use common::{TestSite, file_tree, stderr};

const BASE: &str = "https://example.org/sub/path/";
const BASE_PATH: &str = "/sub/path/";

/// Every URL in every file of `site`'s output that a reader or crawler follows.
fn every_url(site: &TestSite) -> Vec<FoundUrl> {
    let public = site.public();
    let mut found = Vec::new();
    for (file, bytes) in file_tree(&public) {
        if file.ends_with(".html") && !file.starts_with("pagefind/") {
            found.extend(urls_in_html(&file, &String::from_utf8(bytes).unwrap()));
        }
    }
    let read = |name: &str| std::fs::read_to_string(public.join(name)).unwrap();
    found.extend(urls_in_feed(&read("atom.xml")));
    found.extend(urls_in_sitemap(&read("sitemap.xml")));
    found.extend(urls_in_robots(&read("robots.txt")));
    found.extend(search_record_urls(&public));
    found
}

/// The absolute URL a page file is served at: `stories/x/index.html` → `BASE` + `stories/x/`.
fn page_url(file: &str) -> url::Url {
    let path = file.strip_suffix("index.html").unwrap_or(file);
    url::Url::parse(BASE).unwrap().join(path).unwrap()
}

/// Problems with one URL: it leaves the base URL, or it names a file the build did not write.
/// Records of the search index are root-relative, as pagefind's `baseUrl: "/"` reads them.
fn problem(site: &TestSite, found: &FoundUrl) -> Option<String> {
    let url = found.url.as_str();
    if url.starts_with('#') || url.starts_with("data:") || url.starts_with("mailto:") {
        return None;
    }
    if url.starts_with('/') && !url.starts_with("//") && !url.starts_with(BASE_PATH) {
        return Some("is root-relative outside the base path".into());
    }
    let resolved = match page_url(&found.file).join(url) {
        Ok(resolved) => resolved,
        Err(e) => return Some(format!("does not parse: {e}")),
    };
    if resolved.host_str() != Some("example.org") {
        return None; // a link to another site
    }
    let Some(inside) = resolved.as_str().strip_prefix(BASE) else {
        return Some(format!("escapes the base URL as {resolved}"));
    };
    // The search page's bundle is the folder search.js reads its entry file from.
    let target = if found.holder.ends_with("data-bundle") || found.holder.ends_with("data-merge") {
        format!("{inside}entry.json")
    } else {
        served_file(inside)
    };
    if !site.public().join(&target).is_file() {
        return Some(format!("leads to {target}, which the build did not write"));
    }
    None
}

fn assert_everything_under_the_base(site: &TestSite) -> Vec<FoundUrl> {
    let found = every_url(site);
    let problems: Vec<String> = found
        .iter()
        .filter_map(|f| {
            problem(site, f).map(|why| format!("{} ({}): `{}` {why}", f.file, f.holder, f.url))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} URLs leave {BASE}:\n{}",
        problems.len(),
        found.len(),
        problems.join("\n")
    );
    found
}

/// How many URLs of each kind of holder were checked, so a test can insist on each kind.
fn count(found: &[FoundUrl], holder: &str) -> usize {
    found.iter().filter(|f| f.holder == holder).count()
}

#[test]
fn every_url_of_the_example_site_stays_under_a_sub_path_base_url() {
    let site = TestSite::example();
    site.build(&["--base-url", BASE]);
    let found = assert_everything_under_the_base(&site);
    // Every kind of URL was seen, so none of the checks above passed for want of input.
    for holder in [
        "a href",
        "link href",
        "script src",
        "meta og:url",
        "div data-bundle",
        "entry link",
        "id",
        "loc",
        "Sitemap",
        "search record",
    ] {
        assert!(count(&found, holder) > 0, "no `{holder}` URL found");
    }
    assert!(found.len() > 1000, "only {} URLs checked", found.len());
}

#[test]
fn every_url_of_a_small_site_stays_under_a_sub_path_base_url() {
    let site = TestSite::new("basic");
    site.build(&["--base-url", BASE]);
    let found = assert_everything_under_the_base(&site);
    assert!(count(&found, "search record") > 0);
}

#[test]
fn canonical_and_open_graph_urls_are_the_pages_own_absolute_urls_under_the_base() {
    let site = TestSite::example();
    site.build(&["--base-url", BASE]);
    for file in [
        "index.html",
        "stories/march-20-attack-banks-broadcasters/index.html",
        "search/index.html",
    ] {
        let page = site.page(file);
        let expected = page_url(file).to_string();
        assert_eq!(
            page.attrs("link[rel=canonical]", "href"),
            [expected.as_str()],
            "{file}"
        );
        assert_eq!(
            page.attrs("meta[property='og:url']", "content"),
            [expected],
            "{file}"
        );
    }
    let feed = std::fs::read_to_string(site.public().join("atom.xml")).unwrap();
    assert!(
        feed.contains(&format!("<link href=\"{BASE}atom.xml\" rel=\"self\"")),
        "{feed}"
    );
    let robots = std::fs::read_to_string(site.public().join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn a_base_url_without_its_last_slash_builds_the_same_site() {
    let with_slash = TestSite::new("basic");
    with_slash.build(&["--base-url", BASE]);
    let without = TestSite::new("basic");
    without.build(&["--base-url", BASE.trim_end_matches('/')]);
    common::assert_same_tree(&with_slash.public(), &without.public());
}

#[test]
fn the_search_page_names_its_bundle_under_the_base_path() {
    let site = TestSite::new("basic");
    site.build(&["--base-url", BASE]);
    let search = site.page("search/");
    assert_eq!(
        search.attrs("#search", "data-bundle"),
        [format!("{BASE_PATH}pagefind/")]
    );
    let scripts = search.attrs("script[src*='search.']", "src");
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    assert!(scripts[0].starts_with(BASE_PATH), "{scripts:?}");
}

#[test]
fn a_base_url_that_is_not_an_http_address_is_refused_before_anything_is_written() {
    let site = TestSite::new("basic");
    for (bad, why) in [
        (
            "ftp://example.org/",
            "must be an http:// or https:// address",
        ),
        ("example.org/sub/", "is not a URL"),
        ("/sub/path/", "is not a URL"),
        (
            "https://example.org/sub/?preview=1",
            "must not have a query or fragment",
        ),
    ] {
        let output = site.run(&["build", "--base-url", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains(&format!(
                "invalid value '{bad}' for '--base-url <BASE_URL>'"
            )) && message.contains(why),
            "{bad}: {message}"
        );
        assert!(!site.public().exists(), "{bad}: an output folder was made");
    }
}
