//! `build --relative` writes a copy that works opened from disk: every link and asset is a
//! path from the file it is in to a file (never a folder, never from the root of a host),
//! while canonical, OpenGraph, feed and sitemap URLs still name the published site.

mod common;

use common::page_urls::{
    FoundUrl, search_record_urls, urls_in_feed, urls_in_html, urls_in_robots, urls_in_sitemap,
};
use common::{TestSite, file_tree, stderr};

const PUBLISHED: &str = "https://example.org/sub/path/";

/// Where the output is pretended to be on disk, to resolve links as a browser would.
const DISK: &str = "file:///media/usb/explainer/";

/// Every URL in the pages of the output, pagefind's own files left out.
fn page_urls(site: &TestSite) -> Vec<FoundUrl> {
    file_tree(&site.public())
        .into_iter()
        .filter(|(file, _)| file.ends_with(".html") && !file.starts_with("pagefind/"))
        .flat_map(|(file, bytes)| urls_in_html(&file, &String::from_utf8(bytes).unwrap()))
        .collect()
}

/// What is wrong with a URL in a page of a relative build, if anything.
fn offline_problem(site: &TestSite, found: &FoundUrl) -> Option<String> {
    let url = found.url.as_str();
    let absolute_kept =
        ["link href", "meta og:url"].contains(&found.holder.as_str()) && url.starts_with(PUBLISHED);
    if url.starts_with('#') || url.starts_with("data:") || absolute_kept {
        return None;
    }
    if url.starts_with('/') {
        return Some("starts from the root of a host, which a disk does not have".into());
    }
    let resolved = url::Url::parse(DISK)
        .unwrap()
        .join(&found.file)
        .and_then(|page| page.join(url))
        .ok()?;
    if resolved.scheme() != "file" {
        return None; // a link to another site
    }
    let Some(inside) = resolved
        .path()
        .strip_prefix(url::Url::parse(DISK).unwrap().path())
    else {
        return Some(format!("climbs out of the copy to {resolved}"));
    };
    let target = site.public().join(inside);
    let is_bundle = found.holder.ends_with("data-bundle") || found.holder.ends_with("data-merge");
    if is_bundle {
        return (!target.join("entry.json").is_file())
            .then(|| format!("names {inside}, which holds no search bundle"));
    }
    if target.is_dir() {
        return Some(format!(
            "names the folder {inside}, which a disk does not open as a page"
        ));
    }
    (!target.is_file()).then(|| format!("leads to {inside}, which the build did not write"))
}

fn assert_works_from_disk(site: &TestSite) -> Vec<FoundUrl> {
    let found = page_urls(site);
    let problems: Vec<String> = found
        .iter()
        .filter_map(|f| {
            offline_problem(site, f)
                .map(|why| format!("{} ({}): `{}` {why}", f.file, f.holder, f.url))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} URLs fail opened from disk:\n{}",
        problems.len(),
        found.len(),
        problems.join("\n")
    );
    found
}

#[test]
fn every_link_and_asset_of_the_example_site_leads_from_file_to_file() {
    let site = TestSite::example();
    site.build(&["--relative", "--base-url", PUBLISHED]);
    let found = assert_works_from_disk(&site);
    let relative = found.iter().filter(|f| f.url.starts_with("../")).count();
    assert!(
        relative > 1000,
        "only {relative} relative URLs in {} found",
        found.len()
    );
    let story = site.page("stories/march-20-attack-banks-broadcasters/");
    assert!(
        story
            .attrs("link[rel=stylesheet]", "href")
            .iter()
            // The stylesheet is the hashed copy (`style.<hash>.css`), reached from the story.
            .any(|href| href.starts_with("../../style.") && href.ends_with(".css")),
        "{:?}",
        story.attrs("link[rel=stylesheet]", "href")
    );
    assert!(
        story
            .attrs("a", "href")
            .contains(&"../../index.html".to_string())
    );
    let home = site.page("");
    let scripts = home.attrs("script", "src");
    assert!(
        scripts
            .iter()
            .any(|src| src.starts_with("site.") && src.ends_with(".js")),
        "{scripts:?}"
    );
}

#[test]
fn every_link_of_a_small_site_leads_from_file_to_file() {
    let site = TestSite::new("basic");
    site.build(&["--relative"]);
    assert_works_from_disk(&site);
}

#[test]
fn canonical_open_graph_feed_and_sitemap_urls_still_name_the_published_site() {
    let site = TestSite::example();
    site.build(&["--relative", "--base-url", PUBLISHED]);
    let file = "stories/march-20-attack-banks-broadcasters/";
    let page = site.page(file);
    let expected = format!("{PUBLISHED}{file}");
    assert_eq!(
        page.attrs("link[rel=canonical]", "href"),
        [expected.as_str()]
    );
    assert_eq!(page.attrs("meta[property='og:url']", "content"), [expected]);
    let read = |name: &str| std::fs::read_to_string(site.public().join(name)).unwrap();
    let mut absolute = urls_in_feed(&read("atom.xml"));
    absolute.extend(urls_in_sitemap(&read("sitemap.xml")));
    absolute.extend(urls_in_robots(&read("robots.txt")));
    assert!(absolute.len() > 30, "{absolute:?}");
    for found in absolute {
        assert!(found.url.starts_with(PUBLISHED), "{found:?}");
    }
}

#[test]
fn search_records_lead_from_the_sites_root_to_a_file() {
    let site = TestSite::example();
    site.build(&["--relative"]);
    for record in search_record_urls(&site.public()) {
        let file = record.url.split('#').next().unwrap();
        assert!(
            !record.url.starts_with('/') && site.public().join(file).is_file(),
            "{record:?}"
        );
    }
    let search = site.page("search/");
    assert_eq!(search.attrs("#search", "data-bundle"), ["../pagefind/"]);
}

#[test]
fn no_file_of_a_relative_build_keeps_a_link_placeholder() {
    let site = TestSite::example();
    site.build(&["--relative"]);
    for (file, bytes) in file_tree(&site.public()) {
        assert!(
            memchr::memmem::find(&bytes, b"flashpoint-site-root").is_none(),
            "{file} still holds the root marker"
        );
    }
}

#[test]
fn a_relative_build_over_a_normal_one_renders_every_page_again() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let output = site.build(&["--relative"]);
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(
        summary.contains(", 0 unchanged since the last build"),
        "{summary}"
    );
    assert_works_from_disk(&site);
    // And back: the normal build is what it was before.
    let fresh = TestSite::new("basic");
    fresh.build(&[]);
    site.build(&[]);
    common::assert_same_tree(&fresh.public(), &site.public());
}

#[test]
fn the_relative_flag_is_described_in_the_build_help() {
    let site = TestSite::new("basic");
    let output = site.run(&["build", "--help"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("--relative"), "{help}");
    assert!(help.contains("opened from disk"), "{help}");
}
