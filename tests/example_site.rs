//! The shipped example explainer builds cleanly and every internal link lands on a file.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TestSite, stderr};

fn html_files(public: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// The file an internal URL serves, or None for external links.
fn target_file(public: &Path, base_path: &str, href: &str) -> Option<std::path::PathBuf> {
    if href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:") {
        return None;
    }
    let path = href.split('#').next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    let inside = path
        .strip_prefix(base_path)
        .unwrap_or_else(|| panic!("{href} is outside {base_path}"));
    let file = public.join(inside);
    Some(if path.ends_with('/') {
        file.join("index.html")
    } else {
        file
    })
}

fn assert_every_internal_link_resolves(site: &TestSite, base_path: &str) -> usize {
    let public = site.public();
    let mut broken = BTreeSet::new();
    let mut checked = 0;
    for file in html_files(&public) {
        let text = std::fs::read_to_string(&file).unwrap();
        let html = scraper::Html::parse_document(&text);
        let selector =
            scraper::Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
        let ids: BTreeSet<String> = html
            .select(&scraper::Selector::parse("[id]").unwrap())
            .filter_map(|e| e.value().attr("id").map(str::to_string))
            .collect();
        for element in html.select(&selector) {
            let href = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap();
            if let Some(fragment) = href.strip_prefix('#') {
                if !ids.contains(fragment) {
                    broken.insert(format!("{}: {href}", file.display()));
                }
                continue;
            }
            if element.value().name() == "link" && element.value().attr("rel") == Some("canonical")
            {
                continue;
            }
            if let Some(target) = target_file(&public, base_path, href) {
                checked += 1;
                if !target.is_file() {
                    broken.insert(format!("{}: {href}", file.display()));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
    checked
}

#[test]
fn example_site_checks_clean_and_builds_every_section() {
    let site = TestSite::example();
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(!stderr(&check).contains("error"), "{}", stderr(&check));
    site.build(&[]);
    for page in [
        "",
        "actors/",
        "timeline/",
        "forces/",
        "quotes/",
        "sources/",
        "tags/",
        "about/",
        "methodology/",
    ] {
        let file = site.public().join(page).join("index.html");
        assert!(file.is_file(), "missing {}", file.display());
    }
    assert!(site.public().join("404.html").is_file());
    let stories = std::fs::read_dir(site.public().join("stories"))
        .unwrap()
        .count();
    assert!(stories >= 6, "only {stories} stories");
    let actors = std::fs::read_dir(site.public().join("actors"))
        .unwrap()
        .count()
        - 1;
    assert!(actors >= 10, "only {actors} actors");
}

#[test]
fn every_internal_link_in_the_example_site_resolves_to_a_file() {
    let site = TestSite::example();
    site.build(&[]);
    let checked = assert_every_internal_link_resolves(&site, "/");
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn every_internal_link_resolves_under_a_base_url_sub_path() {
    let site = TestSite::example();
    site.build(&["--base-url", "https://example.org/explainer/"]);
    assert_every_internal_link_resolves(&site, "/explainer/");
}

#[test]
fn example_actor_page_gathers_the_cyber_command_history() {
    let site = TestSite::example();
    site.build(&[]);
    let rok = site.page("actors/rok-cyber-command/");
    assert_eq!(
        rok.texts("#figures td.num").len(),
        2,
        "{:?}",
        rok.texts("#figures td.num")
    );
    assert!(rok.texts("#figures td.num")[0].starts_with("500"));
    assert!(rok.texts("#figures td.num")[1].starts_with("1,000"));
    let north_korea = site.page("actors/north-korea/");
    assert!(north_korea.texts("#stories .story-card").len() >= 4);
    assert!(!north_korea.texts("#quotes blockquote").is_empty());
}

#[test]
fn the_example_publishes_a_korean_edition_paired_with_the_english_one() {
    let site = TestSite::example();
    site.build(&[]);
    // Home, about page, four stories and the main actors are written in Korean.
    let home = site.page("ko/");
    assert_eq!(home.attrs("html", "lang"), ["ko"]);
    assert!(
        home.text.contains("2013년 한반도 사이버 전선"),
        "{}",
        home.text
    );
    for story in [
        "march-20-attack-banks-broadcasters",
        "north-korea-websites-attacked",
        "rok-cyber-command-expansion",
        "seoul-washington-cyberwarfare-scenarios",
    ] {
        let english = site.page(&format!("stories/{story}/"));
        let korean = site.page(&format!("ko/stories/{story}/"));
        let korean_url = format!("https://example.org/ko/stories/{story}/");
        let english_url = format!("https://example.org/stories/{story}/");
        assert!(
            english
                .attrs("link[rel=alternate][hreflang=ko]", "href")
                .contains(&korean_url),
            "{story}"
        );
        assert!(
            korean
                .attrs("link[rel=alternate][hreflang=en]", "href")
                .contains(&english_url),
            "{story}"
        );
    }
    assert_eq!(site.page("ko/actors/kim-jong-un/").texts("h1"), ["김정은"]);
    // A story not yet translated has no Korean page; its switcher leads to the Korean home.
    assert!(
        !site
            .public()
            .join("ko/stories/threats-sanctions-and-drills")
            .exists()
    );
    let untranslated = site.page("stories/threats-sanctions-and-drills/");
    assert!(
        untranslated
            .attrs("a[hreflang=ko]", "href")
            .contains(&"/ko/".to_string()),
        "{:?}",
        untranslated.attrs("a[hreflang=ko]", "href")
    );
    // Event titles read in Korean on the Korean timeline, in English on the English one.
    assert!(site.page("ko/timeline/").text.contains("북한, 3차 핵실험"));
    assert!(
        site.page("timeline/")
            .text
            .contains("North Korea conducts its third nuclear test")
    );
}
