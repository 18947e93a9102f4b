//! The key-facts box: declared in `content/_index.md`, drawn on the home page and beside
//! every story, its ids checked with errors at the line and column they are written.

mod common;

use common::{TestSite, stderr};

/// The fixture's home page front matter with `from` replaced by `to`.
fn home_with(site: &TestSite, from: &str, to: &str) {
    let path = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "the fixture's _index.md has `{from}`");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_home_page_shows_the_declared_key_facts() {
    let site = TestSite::new("strait");
    site.build(&[]);
    let home = site.page("");
    assert_eq!(
        home.texts(".key-facts dt"),
        [
            "Parties",
            "Started",
            "Status",
            "personnel, Dravonian Federation Maritime Guard Corps",
            "patrol vessels, Askerian Coast and Border Protection Service",
            "Last updated",
        ]
    );
    assert_eq!(
        home.attrs(".key-facts dd a", "href"),
        [
            "/actors/askeria/",
            "/actors/dravonian-federation/",
            "/actors/korvane-shipping-council/"
        ]
    );
    let values = home.texts(".key-facts dd");
    assert_eq!(values[1], "September 2023");
    assert_eq!(values[5], "12 April 2024");
    // The Askerian figure has a history (24 in 2022, 31 in January 2024): the newest is shown.
    assert_eq!(values[4], "31 vessels as of January 2024");
    assert_eq!(home.attrs(".key-facts time", "datetime")[0], "2023-09");
}

#[test]
fn every_story_carries_the_key_facts_and_its_actors_beside_the_text() {
    let site = TestSite::new("strait");
    site.build(&[]);
    let story = site.page("stories/talks-open-in-orsel/");
    assert_eq!(
        story.texts("aside.story-aside .key-facts h2"),
        ["Key facts"]
    );
    assert_eq!(
        story.texts("aside.story-aside #actors li > a"),
        ["Republic of Askeria", "Dravonian Federation", "Mira Talvek"]
    );
    // The story links two events: those are its events, in timeline order.
    assert_eq!(
        story.texts("aside.story-aside #events li a"),
        ["Askeria recalls its ambassador", "Talks open in Orsel"]
    );
}

#[test]
fn a_long_story_lists_its_sections_and_a_short_one_does_not() {
    let site = TestSite::new("strait");
    site.build(&[]);
    let long = site.page("stories/how-the-strait-became-a-flashpoint/");
    assert_eq!(
        long.attrs("nav.contents a", "href"),
        [
            "#a-boundary-nobody-had-to-defend",
            "#the-zone",
            "#boardings-and-a-collision",
            "#how-big-is-the-maritime-guard",
            "#what-happens-next"
        ]
    );
    let short = site.page("stories/halden-star-detained/");
    assert!(short.texts("nav.contents").is_empty());
}

#[test]
fn a_site_without_key_facts_has_no_box() {
    let site = TestSite::new("basic");
    site.build(&[]);
    assert!(site.page("").texts(".key-facts").is_empty());
}

#[test]
fn an_unknown_party_is_an_error_at_its_place_with_the_near_id() {
    let site = TestSite::new("strait");
    home_with(
        &site,
        "parties: [askeria, dravonian-federation,",
        "parties: [askeria, dravonian-federaton,",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with(
            "content/_index.md:5:22: error: unknown actor `dravonian-federaton` \
             (hint: did you mean `dravonian-federation`?)"
        ),
        "{message}"
    );
}

#[test]
fn a_measure_the_actor_never_reports_is_an_error_naming_the_near_measure() {
    let site = TestSite::new("strait");
    home_with(&site, "measure: patrol vessels", "measure: patrol vessel");
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with(
            "content/_index.md:12:16: error: content/data/forces.yaml has no `patrol vessel` \
             figure for `askerian-coast-guard` (hint: did you mean `patrol vessels`?)"
        ),
        "{message}"
    );
    assert!(
        !site.public().join("index.html").exists(),
        "nothing is written"
    );
}

#[test]
fn a_misspelt_key_facts_field_is_an_error_at_its_place() {
    let site = TestSite::new("strait");
    home_with(&site, "  status:", "  state:");
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with("content/_index.md:7:3: error: unknown field `state`"),
        "{message}"
    );
}
