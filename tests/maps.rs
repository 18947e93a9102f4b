//! The maps of the example site, parsed: each names itself, shows every place inside its
//! drawing area, never overlaps two labels, has the list of its places beside it, stays
//! small, and is the same in every build.

mod common;

use common::TestSite;

/// Every map SVG of a built page, with the list of place links beside it.
fn maps_of(site: &TestSite, path: &str) -> Vec<(String, Vec<String>)> {
    let file = site.public().join(path).join("index.html");
    let html = std::fs::read_to_string(&file).unwrap();
    let document = scraper::Html::parse_document(&html);
    let figure = scraper::Selector::parse("figure.map-figure").unwrap();
    let svg = scraper::Selector::parse("svg.map").unwrap();
    let link = scraper::Selector::parse(".map-places a").unwrap();
    document
        .select(&figure)
        .map(|figure| {
            let svg = figure
                .select(&svg)
                .next()
                .expect("a map in the figure")
                .html();
            let links = figure
                .select(&link)
                .map(|a| a.text().collect::<String>())
                .collect();
            (svg, links)
        })
        .collect()
}

/// A box that a label at least covers: a narrow estimate, so only a real overlap fails.
fn label_box(text: &roxmltree::Node<'_, '_>, font: f64) -> (f64, f64, f64, f64) {
    let number = |name: &str| text.attribute(name).unwrap().parse::<f64>().unwrap();
    let (x, y) = (number("x"), number("y"));
    let width = text.text().unwrap_or("").chars().count() as f64 * font * 0.5;
    let left = match text.attribute("text-anchor") {
        Some("end") => x - width,
        Some("middle") => x - width / 2.0,
        _ => x,
    };
    (left, y - font * 0.7, left + width, y)
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn check_map(svg: &str, listed: &[String], page: &str) {
    let document = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{page}: {e}"));
    let root = document.root_element();
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let (width, height) = (view_box[2], view_box[3]);
    assert_eq!(root.attribute("width"), Some("100%"), "{page}");
    let named_by = root.attribute("aria-labelledby").unwrap();
    for id in named_by.split(' ') {
        let element = document
            .descendants()
            .find(|n| n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("{page}: no element {id}"));
        assert!(
            !element.text().unwrap_or("").trim().is_empty(),
            "{page}: {id} is empty"
        );
    }
    let markers: Vec<(f64, f64)> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("marker"))
        .map(|n| {
            let number = |name: &str| n.attribute(name).unwrap().parse::<f64>().unwrap();
            (number("cx"), number("cy"))
        })
        .collect();
    assert_eq!(markers.len(), listed.len(), "{page}: {listed:?}");
    for (x, y) in &markers {
        assert!(
            (0.0..=width).contains(x) && (0.0..=height).contains(y),
            "{page}: a place at {x},{y} is outside the drawing"
        );
    }
    let labels: Vec<(f64, f64, f64, f64)> = document
        .descendants()
        .filter(|n| matches!(n.attribute("class"), Some("label" | "country-name")))
        .map(|n| {
            let font = n
                .attribute("font-size")
                .or(root.attribute("font-size"))
                .unwrap()
                .parse()
                .unwrap();
            label_box(&n, font)
        })
        .collect();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!overlap(*a, *b), "{page}: labels overlap: {a:?} {b:?}");
        }
    }
}

const PAGES_WITH_MAPS: &[&str] = &[
    "",
    "places/",
    "places/seoul/",
    "places/jeju-bank/",
    "stories/march-20-attack-banks-broadcasters/",
    "stories/us-cyber-command-offensive-teams/",
    "actors/north-korea/",
    "actors/iran/",
    "timeline/",
];

#[test]
fn every_map_names_itself_shows_each_place_inside_and_never_overlaps_labels() {
    let site = TestSite::example();
    site.build(&[]);
    for page in PAGES_WITH_MAPS {
        let maps = maps_of(&site, page);
        assert!(!maps.is_empty(), "{page} has no map");
        for (svg, listed) in &maps {
            check_map(svg, listed, page);
        }
    }
}

#[test]
fn a_regional_map_of_the_peninsula_is_under_60_kb_with_coasts_borders_and_a_scale() {
    let site = TestSite::example();
    site.build(&[]);
    let maps = maps_of(&site, "stories/march-20-attack-banks-broadcasters/");
    let (svg, listed) = &maps[0];
    assert_eq!(listed.len(), 7);
    assert!(svg.len() < 60 * 1024, "{} bytes", svg.len());
    for class in [
        "water",
        "land",
        "coast",
        "border",
        "marker",
        "label",
        "scale-bar",
        "inset",
    ] {
        assert!(svg.contains(&format!("class=\"{class}\"")), "no {class}");
    }
    // Country names give way to place labels; the South's is clear of them.
    assert!(svg.contains(">South Korea</text>"), "{svg}");
    assert!(svg.contains(">100 km</text>"), "{svg}");
}

#[test]
fn two_builds_draw_the_same_map_bytes() {
    let first = TestSite::example();
    first.build(&[]);
    let second = TestSite::example();
    second.build(&[]);
    for page in ["places/", "stories/march-20-attack-banks-broadcasters/"] {
        assert_eq!(maps_of(&first, page), maps_of(&second, page), "{page}");
    }
}
