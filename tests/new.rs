//! `flashpoint new` writes skeletons that pass every check and never overwrites.

mod common;

use common::{TestSite, stderr};

#[test]
fn new_story_is_a_draft_dated_today_that_checks_clean() {
    let site = TestSite::new("basic");
    let output = site.run(&["new", "story", "Banks \"go\" dark: a timeline"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "created content/stories/banks-go-dark-a-timeline.md"
    );
    let text = std::fs::read_to_string(
        site.root
            .join("content/stories/banks-go-dark-a-timeline.md"),
    )
    .unwrap();
    assert!(
        text.contains("title: \"Banks \\\"go\\\" dark: a timeline\"\n"),
        "{text}"
    );
    assert!(text.contains("draft: true\n"), "{text}");
    let today = jiff::Zoned::now().date().to_string();
    assert!(text.contains(&format!("date: {today}\n")), "{text}");
    let check = site.run(&["check", "--drafts"]);
    assert!(check.status.success(), "{}", stderr(&check));
    site.build(&["--drafts"]);
    assert_eq!(
        site.page("stories/banks-go-dark-a-timeline/").texts("h1"),
        // Straight quotes in a title curl as they would in the story's Markdown.
        ["Banks “go” dark: a timeline"]
    );
}

#[test]
fn new_refuses_to_overwrite_an_existing_file() {
    let site = TestSite::new("basic");
    let before = std::fs::read_to_string(site.root.join("content/stories/one.md")).unwrap();
    let output = site.run(&["new", "story", "One"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("content/stories/one.md already exists"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(site.root.join("content/stories/one.md")).unwrap(),
        before
    );
}

#[test]
fn new_actor_and_event_check_clean() {
    let site = TestSite::new("basic");
    assert!(
        site.run(&["new", "actor", "Lazarus Group", "--kind", "group"])
            .status
            .success()
    );
    let event = site.run(&[
        "new",
        "event",
        "Banks go offline",
        "--source",
        "s1",
        "--date",
        "2020-03",
    ]);
    assert!(event.status.success(), "{}", stderr(&event));
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    site.build(&[]);
    assert_eq!(
        site.page("actors/lazarus-group/").texts(".kicker"),
        ["Group"]
    );
    assert!(
        site.page("timeline/")
            .texts(".event-title")
            .contains(&"Banks go offline".to_string())
    );
}

#[test]
fn new_event_needs_a_known_source_and_a_fresh_id() {
    let site = TestSite::new("basic");
    let unknown = site.run(&["new", "event", "Anything", "--source", "s9"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("unknown source `s9`"),
        "{}",
        stderr(&unknown)
    );
    let duplicate = site.run(&["new", "event", "E day", "--source", "s1"]);
    assert_eq!(duplicate.status.code(), Some(1));
    assert!(
        stderr(&duplicate).contains(
            "content/data/timeline.yaml:1:7: error: an event with the id `e-day` already exists"
        ),
        "{}",
        stderr(&duplicate)
    );
}
