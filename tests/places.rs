//! Places: bad place data is reported at its file, line and column, and place pages
//! list every event, story and actor at the place, with backlinks to it.

mod common;

use common::{TestSite, stderr};

const PLACES: &str = "content/data/places.yaml";

fn check(site: &TestSite) -> (i32, String) {
    let output = site.run(&["check"]);
    (output.status.code().unwrap_or(-1), stderr(&output))
}

fn replace(site: &TestSite, relative: &str, from: &str, to: &str) {
    let path = site.root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} has no `{from}`");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_latitude_out_of_range_is_reported_at_the_value() {
    let site = TestSite::example();
    replace(&site, PLACES, "  lat: 37.5665\n", "  lat: 137.5665\n");
    let (code, message) = check(&site);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains(
            "content/data/places.yaml:8:8: error: latitude `137.5665` is outside -90 to 90"
        ),
        "{message}"
    );
}

#[test]
fn a_longitude_out_of_range_is_reported_at_the_value() {
    let site = TestSite::example();
    replace(&site, PLACES, "  lon: -77.0369\n", "  lon: -197.0369\n");
    let (code, message) = check(&site);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains("error: longitude `-197.0369` is outside -180 to 180"),
        "{message}"
    );
    assert!(message.contains("content/data/places.yaml:"), "{message}");
}

#[test]
fn a_place_id_used_twice_names_both_places() {
    let site = TestSite::example();
    replace(&site, PLACES, "- id: kbs\n", "- id: seoul\n");
    let (code, message) = check(&site);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains(
            // Places are indexed in name order: "KBS" (now `seoul`) comes before "Seoul".
            "content/data/places.yaml:4:7: error: the place id `seoul` is already used at content/data/places.yaml:14:7"
        ),
        "{message}"
    );
}

#[test]
fn an_unknown_place_on_an_event_suggests_the_near_id() {
    let site = TestSite::example();
    replace(
        &site,
        "content/data/timeline.yaml",
        "places: [natanz]",
        "places: [natans]",
    );
    let (code, message) = check(&site);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains("content/data/timeline.yaml:4:12: error: unknown place `natans`"),
        "{message}"
    );
    assert!(message.contains("did you mean `natanz`?"), "{message}");
}

#[test]
fn an_unknown_place_in_a_story_link_suggests_the_near_id() {
    let site = TestSite::example();
    site.write(
        "content/stories/at-the-bank.md",
        "---\ntitle: \"At the bank\"\ndate: 2013-03-22\nsummary: \"x\"\nactors: [south-korea]\n---\n\nLines went down at [[places/jeju-bnak]].\n",
    );
    let (code, message) = check(&site);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains(
            "content/stories/at-the-bank.md:8:20: error: unknown place `jeju-bnak` in [[places/jeju-bnak]]"
        ),
        "{message}"
    );
    assert!(message.contains("did you mean `jeju-bank`?"), "{message}");
}

#[test]
fn an_unknown_seat_of_an_actor_is_reported_in_its_front_matter() {
    let site = TestSite::example();
    replace(
        &site,
        "content/actors/united-states.md",
        "seat: washington",
        "seat: washingtn",
    );
    let (code, message) = check(&site);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains("content/actors/united-states.md:4:7: error: unknown place `washingtn`"),
        "{message}"
    );
    assert!(message.contains("did you mean `washington`?"), "{message}");
}

#[test]
fn a_place_without_a_source_is_an_error_by_default() {
    let site = TestSite::example();
    replace(&site, PLACES, "  sources: [un-sc-resolution-2094]\n", "");
    let (code, message) = check(&site);
    assert_eq!(code, 1, "{message}");
    assert!(
        message.contains("error: this place has no source"),
        "{message}"
    );
}

#[test]
fn a_place_page_lists_every_event_story_and_actor_there() {
    let site = TestSite::example();
    site.build(&[]);
    let seoul = site.page("places/seoul/");
    assert_eq!(seoul.texts("h1"), ["Seoul"]);
    let events = seoul.texts("#events .event-title");
    assert!(
        events.contains(&"Cyberattack hits South Korean banks and broadcasters".to_string())
            || events.iter().any(|e| e.contains("banks and broadcasters")),
        "{events:?}"
    );
    assert_eq!(events.len(), 2, "{events:?}");
    let stories = seoul.attrs("#stories a", "href");
    assert!(
        stories.contains(&"/stories/march-20-attack-banks-broadcasters/".to_string()),
        "{stories:?}"
    );
    assert_eq!(seoul.texts("#actors li > a"), ["South Korea"]);
    assert_eq!(seoul.attrs(".map-places a", "href"), ["/places/seoul/"]);

    let index = site.page("places/");
    assert_eq!(index.attrs(".place-list li > a", "href").len(), 12);
    assert!(
        index
            .attrs("nav a", "href")
            .contains(&"/places/".to_string())
    );
}

#[test]
fn events_stories_and_actors_link_back_to_their_places() {
    let site = TestSite::example();
    site.build(&[]);
    let timeline = site.page("timeline/");
    let places = timeline.attrs("#event-stuxnet-discovered .event-places a", "href");
    assert_eq!(places, ["/places/natanz/"]);
    let story = site.page("stories/march-20-attack-banks-broadcasters/");
    assert_eq!(
        story.attrs("#places .map-places a", "href"),
        [
            "/places/seoul/",
            "/places/kbs/",
            "/places/mbc/",
            "/places/ytn/",
            "/places/shinhan-bank/",
            "/places/nonghyup-bank/",
            "/places/jeju-bank/"
        ]
    );
    let actor = site.page("actors/north-korea/");
    assert_eq!(
        actor.attrs("#places .map-places a", "href"),
        ["/places/pyongyang/"]
    );
}

#[test]
fn a_site_without_places_has_no_place_pages_and_no_places_link() {
    let site = TestSite::new("basic");
    site.build(&[]);
    assert!(!site.public().join("places").exists());
    let home = site.page("");
    assert!(
        !home
            .attrs("nav a", "href")
            .iter()
            .any(|h| h.contains("places"))
    );
    assert!(home.texts("svg.map title").is_empty());
}
