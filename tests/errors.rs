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
                message.lines().any(|line| line.starts_with(expected)),
                "{name}: {command} should report\n  {expected}\nbut said:\n{message}"
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
