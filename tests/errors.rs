//! Broken sites: each fixture under tests/sites/invalid/ yields its expected message,
//! exit status 1, and leaves the previous output untouched.

mod common;

use common::{TestSite, repo_root, stderr};

fn invalid_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_root().join("tests/sites/invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_broken_fixture_fails_with_its_message_and_leaves_public_untouched() {
    let fixtures = invalid_fixtures();
    assert!(fixtures.len() >= 10, "{fixtures:?}");
    for name in fixtures {
        let site = TestSite::new(&format!("invalid/{name}"));
        let expected = std::fs::read_to_string(site.root.join("expected.txt")).unwrap();
        let expected = expected.trim_end();
        std::fs::create_dir_all(site.public()).unwrap();
        std::fs::write(site.public().join("index.html"), "previous deploy").unwrap();

        for command in ["check", "build"] {
            let output = site.run(&[command]);
            let message = stderr(&output);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{name}: {command} should exit 1:\n{message}"
            );
            assert!(
                first_finding(&message).is_some_and(|line| line.starts_with(expected)),
                "{name}: {command} should report first\n  {expected}\nbut said:\n{message}"
            );
            assert!(
                message.contains("errors,"),
                "{name}: summary line missing:\n{message}"
            );
        }
        let public: Vec<_> = std::fs::read_dir(site.public()).unwrap().collect();
        assert_eq!(public.len(), 1, "{name}: public/ gained files");
        assert_eq!(
            std::fs::read_to_string(site.public().join("index.html")).unwrap(),
            "previous deploy"
        );
        let leftovers: Vec<String> = std::fs::read_dir(&site.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("staging"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{name}: staging folders left behind: {leftovers:?}"
        );
    }
}

/// The first line of a run's output that states a finding (`path:line:col: error: ...`).
fn first_finding(message: &str) -> Option<&str> {
    message
        .lines()
        .find(|line| line.contains(": error: ") || line.contains(": warning: "))
}

/// The fixtures each holding one mistake: one error, and nothing else to fix.
const ONE_MISTAKE_FIXTURES: &[&str] = &[
    "actor-kind-country",
    "bad-date",
    "bad-date-in-event",
    "event-without-sources",
    "link-to-draft",
    "source-without-url",
    "unknown-source-id",
];

/// Checks `site`: exactly one error, the fixture's expected line, first in the terminal
/// output and first in `check --format json`.
fn assert_one_error_first(site: &TestSite, name: &str) {
    let expected = std::fs::read_to_string(site.root.join("expected.txt")).unwrap();
    let expected = expected.trim_end();
    let output = site.run(&["check"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{name}:\n{message}");
    assert_eq!(
        first_finding(&message),
        Some(expected),
        "{name}: the first finding should be the mistake:\n{message}"
    );
    assert!(
        message.contains("\n1 errors,"),
        "{name}: one error expected:\n{message}"
    );

    let output = site.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"], 1, "{name}: {report}");
    let first = &report["diagnostics"][0];
    let location = &first["location"];
    let line = format!(
        "{}:{}:{}: {}: {} (hint: {})",
        location["path"].as_str().unwrap(),
        location["line"],
        location["column"],
        first["severity"].as_str().unwrap(),
        first["message"].as_str().unwrap(),
        first["hint"].as_str().unwrap(),
    );
    assert_eq!(line, expected, "{name}: first in JSON");
}

/// Checks that `site` now checks without errors (warnings allowed).
fn assert_fixed(site: &TestSite, name: &str) {
    let output = site.run(&["check"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{name}: the hint's fix should clear the error:\n{}",
        stderr(&output)
    );
}

fn edit(site: &TestSite, relative: &str, from: &str, to: &str) {
    let path = site.root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} lacks {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn each_one_mistake_fixture_gives_one_error_first_in_text_and_json() {
    for name in ONE_MISTAKE_FIXTURES {
        assert_one_error_first(&TestSite::new(&format!("invalid/{name}")), name);
    }
}

#[test]
fn a_bad_actor_kind_is_one_error_at_the_field_and_its_hint_fixes_it() {
    let site = TestSite::new("invalid/actor-kind-country");
    let message = stderr(&site.run(&["check"]));
    // The actor is named by a story, a relation, an event, a quote, a force figure and
    // two links: none of them is reported as an unknown actor.
    assert!(!message.contains("unknown actor"), "{message}");
    assert!(
        message.contains("(hint: use one of: state, organization, person, group)"),
        "{message}"
    );
    edit(
        &site,
        "content/actors/beta.md",
        "kind: country",
        "kind: state",
    );
    assert_fixed(&site, "actor-kind-country");
}

#[test]
fn a_bad_date_in_one_event_drops_that_event_only() {
    let site = TestSite::new("invalid/bad-date-in-event");
    let message = stderr(&site.run(&["check"]));
    // The other events are still known, the bad one is not reported again, and the
    // source only it cites is not said to be uncited.
    assert!(!message.contains("unknown event"), "{message}");
    assert!(!message.contains("nothing cites"), "{message}");
    // The hint lists the forms a date may take: a month is one.
    assert!(message.contains("YYYY-MM"), "{message}");
    edit(&site, "content/data/timeline.yaml", "2020-02-30", "2020-02");
    assert_fixed(&site, "bad-date-in-event");
}

#[test]
fn a_story_with_an_impossible_date_is_told_stories_need_the_day_and_that_fixes_it() {
    let site = TestSite::new("invalid/bad-date");
    let message = stderr(&site.run(&["check"]));
    assert!(!message.contains("YYYY-MM or"), "{message}");
    edit(&site, "content/stories/one.md", "2013-02-30", "2013-02-28");
    assert_fixed(&site, "bad-date");
}

#[test]
fn an_unknown_source_is_never_matched_to_a_similar_id_and_adding_it_as_told_fixes_it() {
    let site = TestSite::new("invalid/unknown-source-id");
    let message = stderr(&site.run(&["check"]));
    assert!(!message.contains("did you mean"), "{message}");
    let sources = site.root.join("content/data/sources.yaml");
    let mut text = std::fs::read_to_string(&sources).unwrap();
    text.push_str("- id: afp-2013-03\n  title: \"March report\"\n  publisher: \"AFP\"\n");
    std::fs::write(sources, text).unwrap();
    assert_fixed(&site, "unknown-source-id");
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft_and_publishing_it_fixes_it() {
    let site = TestSite::new("invalid/link-to-draft");
    let message = stderr(&site.run(&["check"]));
    assert!(!message.contains("names no story"), "{message}");
    let output = site.run(&["check", "--drafts"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    edit(&site, "content/stories/two.md", "draft: true\n", "");
    assert_fixed(&site, "link-to-draft");
}

#[test]
fn an_event_without_sources_is_told_the_sources_field_and_adding_it_fixes_it() {
    let site = TestSite::new("invalid/event-without-sources");
    let message = stderr(&site.run(&["check"]));
    assert!(message.contains("`sources: [<source id>]`"), "{message}");
    edit(
        &site,
        "content/data/timeline.yaml",
        "  actors: [alpha]\n",
        "  actors: [alpha]\n  sources: [s1]\n",
    );
    assert_fixed(&site, "event-without-sources");
}

#[test]
fn a_source_without_url_or_publisher_is_an_error_at_the_source_and_either_fixes_it() {
    for added in [
        "  url: \"https://example.com/report\"\n",
        "  publisher: \"Ministry of Defence\"\n",
    ] {
        let site = TestSite::new("invalid/source-without-url");
        let message = stderr(&site.run(&["check"]));
        // Cited from front matter and from the body, the source is not reported unknown.
        assert!(!message.contains("unknown source"), "{message}");
        edit(
            &site,
            "content/data/sources.yaml",
            "  title: \"Source\"\n",
            &format!("  title: \"Source\"\n{added}"),
        );
        assert_fixed(&site, "source-without-url");
    }
}

#[test]
fn an_unsourced_quote_is_told_the_source_field_and_adding_it_fixes_it() {
    let site = TestSite::new("invalid/unsourced-quote");
    let message = stderr(&site.run(&["check"]));
    assert!(message.contains("add `source: <source id>`"), "{message}");
    edit(
        &site,
        "content/data/quotes.yaml",
        "  text: \"Words.\"",
        "  text: \"Words.\"\n  source: s1",
    );
    assert_fixed(&site, "unsourced-quote");
}

#[test]
fn an_unknown_actor_gets_the_near_id_and_writing_it_fixes_it() {
    let site = TestSite::new("invalid/unknown-actor");
    let message = stderr(&site.run(&["check"]));
    assert!(message.contains("did you mean `alpha`?"), "{message}");
    edit(&site, "content/stories/one.md", "alpah]", "alpha]");
    assert_fixed(&site, "unknown-actor");
}

#[test]
fn errors_show_the_offending_source_line() {
    let site = TestSite::new("invalid/unknown-actor");
    let message = stderr(&site.run(&["check"]));
    assert!(message.contains("actors: [alpha, alpah]"), "{message}");
    assert!(message.contains("did you mean `alpha`?"), "{message}");
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let site = TestSite::new("invalid/unknown-actor");
    site.write(
        "content/stories/two.md",
        "---\ntitle: \"Two\"\ndate: 2020-13-01\nsummary: \"x\"\n---\n",
    );
    let message = stderr(&site.run(&["check"]));
    assert!(
        message.contains("content/stories/one.md:5:17: error: unknown actor `alpah`"),
        "{message}"
    );
    assert!(
        message.contains("content/stories/two.md:3:7: error: `2020-13-01` has no month 13"),
        "{message}"
    );
    assert!(message.contains("2 errors,"), "{message}");
}

#[test]
fn a_missing_site_yaml_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("site.yaml:1:1: error: no site.yaml in"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_output_folder_may_not_hold_the_site_itself() {
    let site = TestSite::new("basic");
    let output = site.run(&["build", "--output", site.root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("refusing to write into"),
        "{}",
        stderr(&output)
    );
    assert!(site.root.join("content/stories/one.md").is_file());
}

#[test]
fn check_can_report_as_json_for_tools() {
    let site = TestSite::new("invalid/unknown-actor");
    let output = site.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"], 1);
    let first = &report["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["message"], "unknown actor `alpah`");
    assert_eq!(first["location"]["path"], "content/stories/one.md");
    assert_eq!(first["location"]["line"], 5);
    assert_eq!(first["location"]["column"], 17);
    assert_eq!(first["hint"], "did you mean `alpha`?");
}

#[test]
fn problems_in_the_home_page_an_actor_and_a_page_are_reported_where_they_are_written() {
    let site = TestSite::new("basic");
    site.write(
        "content/_index.md",
        "---\ntitle: \"Home\"\n---\nIntro.\n\nSee [[alpah]] and <b>bold</b>.\n",
    );
    site.write(
        "content/actors/beta.md",
        "---\nname: \"Beta Republic\"\nkind: state\nsummary: \"x\"\n---\nCites [@nosuch].\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: \"About\"\n---\nEmbeds ![[quotes/nope]].\n",
    );
    let output = site.run(&["check"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for expected in [
        "content/_index.md:6:5: error: unknown actor `alpah` in [[alpah]]",
        "content/_index.md:6:19: warning: raw HTML `<b>` goes into the page unchecked",
        "content/actors/beta.md:6:7: error: unknown source `nosuch`",
        "content/pages/about.md:4:8: error: unknown quote `nope` in [[quotes/nope]]",
    ] {
        assert!(
            message.lines().any(|line| line.starts_with(expected)),
            "expected a line starting\n  {expected}\nin:\n{message}"
        );
    }
    assert!(message.contains("3 errors,"), "{message}");
}

#[test]
fn a_relation_written_in_both_actors_files_is_listed_once_with_a_warning_at_the_second() {
    let site = TestSite::new("basic");
    site.write(
        "content/actors/beta.md",
        "---\nname: \"Beta Republic\"\nkind: state\nsummary: \"Another state.\"\nrelations:\n  - { to: alpha, kind: adversary }\n---\nBeta's profile.\n",
    );
    let output = site.build(&[]);
    let message = stderr(&output);
    assert!(
        message.contains(
            "content/actors/beta.md:6:11: warning: the relation `adversary` between `beta` and \
             `alpha` is already written at content/actors/alpha.md:6:11"
        ),
        "{message}"
    );
    for (actor, other) in [
        ("actors/alpha/", "Beta Republic"),
        ("actors/beta/", "Alpha State"),
    ] {
        let relations = site.page(actor).texts("ul.relations li");
        let listed = relations.iter().filter(|r| r.contains(other)).count();
        assert_eq!(listed, 1, "{actor}: {relations:?}");
    }
}

#[test]
fn a_source_cited_only_from_a_plain_page_is_not_said_to_be_uncited() {
    let site = TestSite::new("basic");
    let sources = site.root.join("content/data/sources.yaml");
    let mut text = std::fs::read_to_string(&sources).unwrap();
    text.push_str("- id: s3\n  title: \"Background paper\"\n  publisher: \"Institute\"\n");
    std::fs::write(&sources, text).unwrap();
    let uncited = "warning: nothing cites the source `s3`";
    let message = stderr(&site.run(&["check"]));
    assert!(message.contains(uncited), "{message}");

    site.write(
        "content/pages/method.md",
        "---\ntitle: \"Method\"\n---\nHow we count.[@s3]\n",
    );
    let output = site.run(&["check"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(!message.contains(uncited), "{message}");
}

#[test]
fn a_wiki_link_in_an_event_summary_is_reported_at_the_link_itself() {
    let site = TestSite::new("basic");
    let timeline = site.root.join("content/data/timeline.yaml");
    let text = std::fs::read_to_string(&timeline).unwrap();
    let text = text
        .replace(
            "  summary: \"Involves [[beta]].\"",
            "  summary: \"Involves [[betta]].\"",
        )
        .replace(
            "  title: \"Event with a month\"\n",
            "  title: \"Event with a month\"\n  summary: Plain [[stories/nope]] here\n",
        );
    std::fs::write(&timeline, text).unwrap();
    let message = stderr(&site.run(&["check"]));
    for expected in [
        "content/data/timeline.yaml:9:18: error: unknown story `nope` in [[stories/nope]]",
        "content/data/timeline.yaml:16:22: error: unknown actor `betta` in [[betta]] (hint: did you mean `beta`?)",
    ] {
        assert!(
            message.lines().any(|line| line.starts_with(expected)),
            "expected\n  {expected}\nin:\n{message}"
        );
    }
}

#[test]
fn a_missing_theme_is_reported_together_with_the_content_errors() {
    let site = TestSite::new("basic");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &config.replace("theme: default", "theme: fancy"),
    );
    let story = std::fs::read_to_string(site.root.join("content/stories/one.md")).unwrap();
    site.write(
        "content/stories/one.md",
        &story.replace("actors: [alpha]", "actors: [alpah]"),
    );
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        assert_eq!(output.status.code(), Some(1));
        let report = stderr(&output);
        assert!(
            report
                .contains("error: the theme `fancy` is neither a folder themes/fancy nor built in"),
            "{command}: {report}"
        );
        assert!(
            report.contains("content/stories/one.md:5:10: error: unknown actor `alpah`"),
            "{command}: {report}"
        );
    }
}

#[test]
fn a_field_written_twice_is_named_in_plain_words() {
    let site = TestSite::new("basic");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}theme: default\n"));
    let line = config.lines().count() + 1;
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(
        report.contains(&format!(
            "site.yaml:{line}:1: error: the field `theme` is written twice here (hint: keep one `theme:` line and delete the other)"
        )),
        "{report}"
    );
    assert!(!report.contains("DuplicateKeyPolicy"), "{report}");
}
