//! Unusual but legal input: warnings that do not fail the build, symlink loops, and big files.

mod common;

use common::{TestSite, stderr};

#[test]
fn loose_ends_are_warnings_not_errors() {
    let site = TestSite::new("basic");
    let output = site.run(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message
            .contains("content/actors/delta.md:1:1: warning: no story mentions the actor `delta`"),
        "{message}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("0 errors, 2 warnings in 2 files"));
}

#[test]
fn unsourced_claims_can_be_lowered_to_warnings() {
    let site = TestSite::new("basic");
    site.write(
        "content/data/quotes.yaml",
        "- id: q1\n  speaker: gamma\n  text: \"Unsourced.\"\n",
    );
    let strict = site.run(&["check"]);
    assert_eq!(strict.status.code(), Some(1));
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}unsourced_claims: warning\n"));
    let lenient = site.run(&["check"]);
    assert!(lenient.status.success(), "{}", stderr(&lenient));
    assert!(
        stderr(&lenient)
            .contains("content/data/quotes.yaml:1:7: warning: this quote has no source")
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_content_does_not_hang_or_fail_the_build() {
    let site = TestSite::new("basic");
    std::os::unix::fs::symlink("..", site.root.join("content/stories/loop")).unwrap();
    std::os::unix::fs::symlink("../..", site.root.join("themes/default/static/loop")).unwrap();
    site.build(&[]);
    assert!(site.public().join("stories/one/index.html").is_file());
}

#[test]
fn a_five_megabyte_story_and_a_fifty_thousand_event_timeline_build() {
    let site = TestSite::new("basic");
    let paragraph =
        "The attack disrupted networks at banks and broadcasters, and [[alpha]] denied it. ";
    let mut body = String::with_capacity(5_300_000);
    while body.len() < 5_000_000 {
        body.push_str("## A section\n\n");
        for _ in 0..20 {
            body.push_str(paragraph);
        }
        body.push_str("\n\n");
    }
    site.write(
        "content/stories/huge.md",
        &format!("---\ntitle: \"Huge\"\ndate: 2020-05-01\nsummary: \"Big.\"\nactors: [alpha]\n---\n{body}"),
    );
    let mut timeline = String::with_capacity(50_000 * 90);
    for i in 0..50_000 {
        timeline.push_str(&format!(
            "- id: event-{i}\n  date: {}-{:02}\n  title: \"Event {i}\"\n  actors: [beta]\n  sources: [s1]\n",
            1990 + i % 30,
            1 + i % 12
        ));
    }
    site.write("content/data/timeline.yaml", &timeline);
    site.build(&[]);
    let huge = std::fs::metadata(site.public().join("stories/huge/index.html"))
        .unwrap()
        .len();
    assert!(huge > 5_000_000, "{huge}");
    let timeline_page = site.page("timeline/");
    assert_eq!(timeline_page.texts(".event-title").len(), 50_000);
}
