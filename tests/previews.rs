//! Link previews as built: each page carries, in `<template id="link-previews">`, one card
//! for each actor, story, event, place and source its main content links, with the
//! target's kind, name, date and summary, keyed by the link's own `href`; none for outside
//! links or the page's own anchors. Checked at the root, under a base path, in the
//! `--relative` offline copy, and after edits with the build cache.

mod common;

use std::path::Path;

use common::{TestSite, assert_same_tree, stderr};
use scraper::{ElementRef, Html, Selector};

const STORY: &str = "stories/harbour-closed/";

/// One card of a page: the `data-href` and the text of each of its parts.
#[derive(Debug, PartialEq)]
struct Card {
    href: String,
    kind: String,
    name: String,
    date: Option<(String, String)>,
    summary: Option<String>,
}

fn text_of(card: ElementRef<'_>, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).unwrap();
    card.select(&selector)
        .next()
        .map(|e| e.text().collect::<String>())
}

/// The cards of a built page, in order. The cards sit inside a `<template>`, whose
/// content an HTML parser keeps apart from the document: they are read from its text.
fn cards(page_html: &str) -> Vec<Card> {
    let Some(start) = page_html.find("<template id=\"link-previews\">") else {
        return Vec::new();
    };
    let end = start + page_html[start..].find("</template>").unwrap();
    let inner = &page_html[start + "<template id=\"link-previews\">".len()..end];
    let fragment = Html::parse_fragment(inner);
    let selector = Selector::parse("div[data-href]").unwrap();
    fragment
        .select(&selector)
        .map(|card| {
            let time = Selector::parse("time").unwrap();
            Card {
                href: card.value().attr("data-href").unwrap().to_string(),
                kind: text_of(card, "small").unwrap_or_default(),
                name: text_of(card, "strong").unwrap_or_default(),
                date: card.select(&time).next().map(|t| {
                    (
                        t.value().attr("datetime").unwrap_or_default().to_string(),
                        t.text().collect(),
                    )
                }),
                summary: text_of(card, "span"),
            }
        })
        .collect()
}

fn card<'a>(cards: &'a [Card], href: &str) -> &'a Card {
    cards
        .iter()
        .find(|c| c.href == href)
        .unwrap_or_else(|| panic!("no card for {href} in {cards:#?}"))
}

/// The `href`s of the links in the page's `<main>`.
fn main_links(page: &common::Page) -> Vec<String> {
    page.attrs("main a[href]", "href")
}

#[test]
fn a_story_page_carries_a_card_for_each_actor_story_event_place_and_source_it_links() {
    let site = TestSite::new("previews");
    site.build(&[]);
    let page = site.page(STORY);
    let cards = cards(&page.text);

    assert_eq!(
        card(&cards, "/actors/port-authority/"),
        &Card {
            href: "/actors/port-authority/".into(),
            kind: "Actor · Organization".into(),
            name: "Port Authority <Harbour>".into(),
            date: None,
            summary: Some("Runs the harbour, its pilots and its quays.".into()),
        }
    );
    assert_eq!(
        card(&cards, "/stories/tanker-arrives/"),
        &Card {
            href: "/stories/tanker-arrives/".into(),
            kind: "Story".into(),
            name: "A Tanker Arrives".into(),
            date: Some(("2024-04-28".into(), "28 April 2024".into())),
            summary: Some("The tanker Meridian docked at the north quay.".into()),
        }
    );
    let event = card(&cards, "/timeline/#event-collision");
    assert_eq!(event.kind, "Event");
    assert_eq!(event.name, "Collision at the north quay");
    assert_eq!(event.date, Some(("2024-05-01".into(), "1 May 2024".into())));
    // The summary's Markdown link reads as the actor's name; a long summary is cut at a word.
    let summary = event.summary.as_deref().unwrap();
    assert!(
        summary.starts_with("A tug struck the tanker while the Port Authority <Harbour> pilots"),
        "{summary}"
    );
    assert!(summary.ends_with("the insurers sent…"), "{summary}");
    assert_eq!(
        card(&cards, "/places/north-quay/"),
        &Card {
            href: "/places/north-quay/".into(),
            kind: "Place · quay · Exampleland".into(),
            name: "North Quay".into(),
            date: None,
            summary: Some("The deep-water berth where tankers dock.".into()),
        }
    );
    assert_eq!(
        card(&cards, "/sources/#source-gazette"),
        &Card {
            href: "/sources/#source-gazette".into(),
            kind: "Source · Harbour Gazette".into(),
            name: "Harbour closed after collision".into(),
            date: Some(("2024-05-02".into(), "2 May 2024".into())),
            summary: None,
        }
    );
    // Escaped once: the name's `<` is text, not markup.
    assert!(
        page.text
            .contains("<strong>Port Authority &lt;Harbour&gt;</strong>")
    );
}

#[test]
fn every_card_matches_a_link_of_the_page_once_and_outside_links_get_none() {
    let site = TestSite::new("previews");
    site.build(&[]);
    let page = site.page(STORY);
    let cards = cards(&page.text);
    let links = main_links(&page);
    assert!(links.iter().any(|l| l == "https://example.com/elsewhere"));
    let hrefs: Vec<&str> = cards.iter().map(|c| c.href.as_str()).collect();
    assert!(
        !hrefs.iter().any(|h| h.starts_with("http")),
        "outside links get no card: {hrefs:?}"
    );
    for href in &hrefs {
        assert!(links.iter().any(|l| l == href), "{href} is not linked");
    }
    let mut unique = hrefs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), hrefs.len(), "one card per target: {hrefs:?}");
    // The cards come last in <main>, after everything a reader sees.
    let template = page.text.find("<template id=\"link-previews\">").unwrap();
    let main_end = page.text.find("</main>").unwrap();
    let after = &page.text[template..main_end];
    let closing = after.find("</template>").unwrap() + "</template>".len();
    assert!(after[closing..].trim().is_empty(), "{}", &after[closing..]);
}

#[test]
fn a_page_gets_no_card_for_its_own_anchors_and_a_page_without_such_links_no_template() {
    let site = TestSite::new("previews");
    site.build(&[]);
    let timeline = site.page("timeline/");
    let cards_here = cards(&timeline.text);
    assert!(
        cards_here.iter().all(|c| !c.href.starts_with("/timeline/")),
        "{cards_here:#?}"
    );
    assert!(
        cards_here
            .iter()
            .any(|c| c.href == "/actors/port-authority/")
    );
    let sources = site.page("sources/");
    assert!(
        cards(&sources.text)
            .iter()
            .all(|c| !c.href.starts_with("/sources/"))
    );
    // The indexes show each link beside its summary; search lists everything for readers
    // without JavaScript, who see no cards.
    for (page, linked) in [
        ("404.html", ""),
        ("actors/", "href=\"/actors/port-authority/\""),
        ("places/", "href=\"/places/north-quay/\""),
        ("search/", "href=\"/stories/tanker-arrives/\""),
    ] {
        let text = site.page(page).text;
        assert!(!text.contains("link-previews\""), "{page}");
        assert!(text.contains(linked), "{page} links {linked}");
    }
}

#[test]
fn a_page_linking_more_than_two_hundred_targets_carries_cards_for_the_first_two_hundred() {
    let site = TestSite::new("previews");
    let mut links = String::new();
    for n in 0..205 {
        site.write(
            &format!("content/actors/actor-{n:03}.md"),
            &format!(
                "---\nname: \"Actor {n}\"\nkind: group\nsummary: \"Number {n}.\"\n---\nText.\n"
            ),
        );
        links.push_str(&format!("[[actors/actor-{n:03}]] "));
    }
    site.write(
        "content/pages/everyone.md",
        &format!("---\ntitle: \"Everyone\"\n---\n{links}\n"),
    );
    site.build(&[]);
    let cards = cards(&site.page("everyone/").text);
    assert_eq!(cards.len(), 200);
    assert_eq!(cards[0].href, "/actors/actor-000/");
    assert_eq!(cards[199].href, "/actors/actor-199/");
}

#[test]
fn under_a_base_path_the_cards_carry_the_same_hrefs_as_the_links() {
    let site = TestSite::new("previews");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace("https://example.org/", "https://example.org/harbour/"),
    );
    site.build(&[]);
    let page = site.page(STORY);
    let cards = cards(&page.text);
    let links = main_links(&page);
    for href in [
        "/harbour/actors/port-authority/",
        "/harbour/stories/tanker-arrives/",
        "/harbour/timeline/#event-collision",
        "/harbour/places/north-quay/",
        "/harbour/sources/#source-gazette",
    ] {
        card(&cards, href);
        assert!(links.iter().any(|l| l == href), "{href} is not linked");
    }
}

#[test]
fn in_the_relative_offline_copy_the_cards_carry_the_relative_hrefs_of_the_links() {
    let site = TestSite::new("previews");
    site.build(&["--relative"]);
    let page = site.page(STORY);
    let cards = cards(&page.text);
    let links = main_links(&page);
    for href in [
        "../../actors/port-authority/index.html",
        "../../stories/tanker-arrives/index.html",
        "../../timeline/index.html#event-collision",
        "../../places/north-quay/index.html",
        "../../sources/index.html#source-gazette",
    ] {
        card(&cards, href);
        assert!(links.iter().any(|l| l == href), "{href} is not linked");
    }
    assert!(!page.text.contains("~flashpoint-site-root~"));
}

/// Builds with the cache, then without into another folder; the two must be the same bytes.
fn assert_cached_build_equals_cold_build(site: &TestSite) {
    site.build(&[]);
    let cold_parent = tempfile::tempdir().unwrap();
    let cold = cold_parent.path().join("public");
    let output = site.run(&["build", "--no-cache", "--output", cold.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_same_tree(&site.public(), &cold);
}

fn edit(site: &TestSite, relative: &str, from: &str, to: &str) {
    let path = site.root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} has no {from:?}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn after_editing_what_a_card_shows_the_cached_build_equals_a_build_without_cache() {
    let site = TestSite::new("previews");
    site.build(&[]);
    let edits = [
        (
            "content/actors/port-authority.md",
            "Runs the harbour",
            "Operates the harbour",
        ),
        (
            "content/stories/tanker-arrives.md",
            "at the north quay.",
            "at the north quay at dawn.",
        ),
        (
            "content/data/timeline.yaml",
            "A tug struck the tanker",
            "A tug hit the tanker",
        ),
        (
            "content/data/places.yaml",
            "deep-water berth",
            "deepest berth",
        ),
        (
            "content/data/sources.yaml",
            "Harbour closed after collision",
            "Harbour shut after collision",
        ),
    ];
    for (file, from, to) in edits {
        edit(&site, file, from, to);
        assert_cached_build_equals_cold_build(&site);
        // The inquiry story links none of them in its text: its cards come from what the
        // page shows beside it (its actor, and that actor's latest events).
        let inquiry = cards(&site.page("stories/inquiry-opens/").text);
        assert!(
            inquiry
                .iter()
                .any(|c| c.href == "/timeline/#event-collision")
        );
        let page = site.page(STORY);
        let cards = cards(&page.text);
        assert!(
            cards.iter().any(
                |c| c.name.contains(to) || c.summary.as_deref().is_some_and(|s| s.contains(to))
            ),
            "after editing {file}, no card shows {to:?}: {cards:#?}"
        );
    }
}

#[test]
fn the_example_story_pages_carry_cards_only_for_their_own_links() {
    let site = TestSite::example();
    site.build(&[]);
    let stories = site.public().join("stories");
    let mut checked = 0;
    for entry in std::fs::read_dir(&stories).unwrap() {
        let file = entry.unwrap().path().join("index.html");
        if !Path::new(&file).is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // An old address's redirect page has no content of its own.
        if text.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let page = common::Page {
            html: Html::parse_document(&text),
            text: text.clone(),
        };
        let links = main_links(&page);
        let cards = cards(&text);
        assert!(!cards.is_empty(), "{}", file.display());
        for card in &cards {
            assert!(
                links.contains(&card.href),
                "{}: {}",
                file.display(),
                card.href
            );
            assert!(!card.name.is_empty() && !card.kind.is_empty());
        }
        checked += 1;
    }
    assert!(checked >= 5);
}
