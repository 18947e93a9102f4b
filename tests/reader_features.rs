//! What readers get beyond the text: charts, relation graphs, feeds, search.

mod common;

use common::TestSite;

fn built() -> TestSite {
    let site = TestSite::new("basic");
    site.build(&[]);
    site
}

#[test]
fn each_measure_gets_charts_with_text_alternatives_and_a_data_table() {
    let site = built();
    let forces = site.page("forces/");
    let svgs = forces.attrs("figure.chart svg", "role");
    assert!(svgs.len() >= 2, "{svgs:?}");
    assert!(svgs.iter().all(|role| role == "img"));
    // Every chart names its <title> and <desc> through aria-labelledby.
    for labelled_by in forces.attrs("figure.chart svg", "aria-labelledby") {
        for id in labelled_by.split_whitespace() {
            assert_eq!(
                forces.attrs(&format!("[id='{id}']"), "id").len(),
                1,
                "{id} is not unique on the page"
            );
        }
    }
    let captions = forces.texts("figure.chart figcaption");
    assert!(
        captions.iter().any(
            |c| c == "Alpha State, cyber personnel over time: 500 in 2019, then 1,000 in 2020."
        ),
        "{captions:?}"
    );
    assert!(
        captions
            .iter()
            .any(|c| c.starts_with("Computers damaged, disputed figures: ")),
        "{captions:?}"
    );
    assert_eq!(forces.texts("table.figures").len(), 2);
}

#[test]
fn actors_index_draws_every_relation_and_actor_pages_their_neighbourhood() {
    let site = built();
    let actors = site.page("actors/");
    let nodes = actors.attrs(".graph a", "href");
    assert_eq!(nodes.len(), 4, "{nodes:?}");
    assert_eq!(
        actors.texts(".graph .edge-label"),
        ["adversary", "leader of"]
    );
    let alpha = site.page("actors/alpha/");
    assert_eq!(
        alpha.texts(".graph .node-focus .node-label"),
        ["Alpha State"]
    );
    assert_eq!(alpha.attrs(".graph a", "href").len(), 3);
    // Delta has no relations, so no graph.
    assert!(site.page("actors/delta/").texts(".graph").is_empty());
}

#[test]
fn the_atom_feed_is_atom_and_the_sitemap_lists_every_page() {
    let site = built();
    let feed = std::fs::read_to_string(site.public().join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(root.tag_name().name(), "feed");
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 2);
    let first_title = entries[0]
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text());
    assert_eq!(first_title, Some("Story Two"));
    let updated = root
        .children()
        .find(|n| n.has_tag_name("updated"))
        .and_then(|n| n.text());
    assert_eq!(updated, Some("2020-02-01T00:00:00Z"));

    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.org/stories/one/"));
    assert!(locs.contains(&"https://example.org/actors/delta/"));
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    assert!(
        std::fs::read_to_string(site.public().join("robots.txt"))
            .unwrap()
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

#[test]
fn pages_carry_sharing_metadata() {
    let site = built();
    let one = site.page("stories/one/");
    assert_eq!(
        one.attrs("meta[property='og:type']", "content"),
        ["article"]
    );
    assert_eq!(
        one.attrs("meta[property='og:title']", "content"),
        ["Story One"]
    );
    assert_eq!(
        one.attrs("meta[property='og:description']", "content"),
        ["The first story."]
    );
    assert_eq!(
        one.attrs("meta[property='og:url']", "content"),
        ["https://example.org/stories/one/"]
    );
    assert_eq!(
        one.attrs("meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    assert_eq!(one.attrs("html", "lang"), ["en"]);
}

#[test]
fn search_index_is_built_and_the_search_page_lists_everything_without_javascript() {
    let site = built();
    let bundle = site.public().join("pagefind");
    let entry = std::fs::read_to_string(bundle.join("entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    assert_eq!(
        entry["records"],
        2 + 4 + 4 + 1 + 1 + 2,
        "stories, actors, events, quotes, pages and sources: {entry}"
    );
    let search = site.page("search/");
    assert_eq!(
        search.texts("#everything details summary"),
        ["Stories (2)", "Actors (4)", "Events (4)", "Quotes (1)"]
    );
    assert!(
        search
            .attrs("#everything a", "href")
            .contains(&"/timeline/#event-e-day".to_string())
    );
}

#[test]
fn no_page_requests_anything_outside_the_site() {
    let site = built();
    for entry in walkdir::WalkDir::new(site.public()) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let html = scraper::Html::parse_document(&text);
        let loads = scraper::Selector::parse(
            "script[src], link[rel=stylesheet], link[rel=icon], img[src], iframe",
        )
        .unwrap();
        for element in html.select(&loads) {
            let url = element
                .value()
                .attr("src")
                .or(element.value().attr("href"))
                .unwrap_or("");
            assert!(
                url.starts_with('/') && !url.starts_with("//"),
                "{}: loads {url}",
                path.display()
            );
        }
    }
}

#[test]
fn search_can_be_turned_off_or_limited_to_summaries() {
    let site = TestSite::new("basic");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}search: off\n"));
    site.build(&[]);
    assert!(!site.public().join("pagefind").exists());
    assert!(!site.public().join("search").exists());
    assert!(!site.page("").texts("nav a").contains(&"Search".to_string()));

    site.write("site.yaml", &format!("{config}search: summaries\n"));
    site.build(&[]);
    let entry = std::fs::read_to_string(site.public().join("pagefind/entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    assert_eq!(entry["records"], 2 + 4 + 4 + 1 + 1 + 2);
    assert!(site.page("").texts("nav a").contains(&"Search".to_string()));
}
