//! Hostile-input cases: markup. Reports of findings on very long lines, output into a
//! pipe closed early, source URLs and Markdown links with dangerous schemes, raw HTML.
//! Each case writes its hostile file into a copy of `tests/sites/basic`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::{TestSite, stderr};

/// A story whose line 6 holds a wiki link to nowhere at `column`, in a long line.
fn site_with_a_finding_at_column(column: usize) -> TestSite {
    let site = TestSite::new("basic");
    let line = format!(
        "{}[[nowhere]] and more text after it{}",
        "x".repeat(column - 1),
        "y".repeat(1000)
    );
    site.write(
        "content/stories/long.md",
        &format!("---\ntitle: Long\ndate: 2021-01-01\nsummary: s\n---\n{line}\n"),
    );
    site
}

fn assert_reported_with_a_clipped_excerpt(column: usize) {
    let site = site_with_a_finding_at_column(column);
    let output = site.run(&["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let first_line = format!("content/stories/long.md:6:{column}: error: unknown actor `nowhere`");
    assert!(err.contains(&first_line), "{err}");
    assert!(
        err.contains(&format!("[content/stories/long.md:6:{column}]")),
        "{err}"
    );
    let excerpt = err
        .lines()
        .find(|l| l.starts_with(" 6 │ "))
        .unwrap_or_else(|| panic!("no excerpt of line 6 in {err}"));
    assert!(excerpt.starts_with(" 6 │ …xxx"), "{excerpt}");
    assert!(excerpt.contains("xxx[[nowhere]] and more"), "{excerpt}");
    assert!(excerpt.ends_with("yyy…"), "{excerpt}");
    for line in err.lines().filter(|l| !l.contains(": error: ")) {
        assert!(line.chars().count() < 200, "an unclipped line: {line}");
    }
    // The caret stands under the `[[` of the link.
    let caret_line = err
        .lines()
        .skip_while(|l| !l.starts_with(" 6 │ "))
        .nth(1)
        .unwrap();
    let link_at = excerpt.chars().position(|c| c == '[').unwrap();
    assert_eq!(caret_line.chars().position(|c| c == '▲'), Some(link_at));

    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1), "{}", stderr(&json));
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let finding = document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    assert_eq!(finding["location"]["line"], 6);
    assert_eq!(finding["location"]["column"], column);
}

#[test]
fn a_finding_at_column_70000_is_shown_clipped_with_its_real_column() {
    assert_reported_with_a_clipped_excerpt(70_000);
}

#[test]
fn a_finding_at_column_200000_is_shown_clipped_with_its_real_column() {
    assert_reported_with_a_clipped_excerpt(200_000);
}

/// A site with thousands of errors, so that its report is far larger than a pipe's buffer
/// and the reader's leaving is sure to be felt.
fn site_with_a_long_report() -> TestSite {
    let site = TestSite::new("basic");
    let mut body = String::new();
    for i in 0..3000 {
        body.push_str(&format!("A link to [[nobody-{i}]].\n\n"));
    }
    site.write(
        "content/stories/many.md",
        &format!("---\ntitle: Many\ndate: 2021-01-01\nsummary: s\n---\n{body}"),
    );
    site
}

#[test]
fn check_into_a_pipe_closed_after_one_line_ends_quietly_with_its_verdict() {
    let site = site_with_a_long_report();
    let (reader, writer) = std::io::pipe().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
    command
        .args(["check", "--root"])
        .arg(&site.root)
        .stdout(writer.try_clone().unwrap())
        .stderr(writer);
    let mut child = command.spawn().unwrap();
    drop(command);
    let mut first = String::new();
    BufReader::new(reader).read_line(&mut first).unwrap();
    assert!(
        first.contains(": error: ") || first.contains(": warning: "),
        "{first}"
    );
    // The reader is gone: like `flashpoint check 2>&1 | head -1`.
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{status:?}");
}

#[test]
fn check_as_json_into_a_pipe_closed_after_one_line_does_not_panic() {
    let site = site_with_a_long_report();
    let mut child = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["check", "--format", "json", "--root"])
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "{\n");
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(output.status.code(), Some(1), "{err}");
}

const SOURCES_WITH_SCRIPT_URLS: &str = "\
- id: s1
  title: \"Source One\"
  url: javascript:alert(document.cookie)
- id: s2
  title: \"Source Two\"
  url: \"data:text/html,<script>alert(1)</script>\"
";

#[test]
fn javascript_and_data_source_urls_are_errors_at_the_url() {
    let site = TestSite::new("basic");
    site.write("content/data/sources.yaml", SOURCES_WITH_SCRIPT_URLS);
    let output = site.run(&["check"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/data/sources.yaml:3:8: error: `javascript:alert(document.cookie)` uses the `javascript:` scheme; a source's url must be an http, https or mailto address (hint: write the full web address, starting with https://"),
        "{err}"
    );
    assert!(
        err.contains("content/data/sources.yaml:6:8: error: `data:text/html,<script>alert(1)</script>` uses the `data:` scheme"),
        "{err}"
    );
    let build = site.run(&["build"]);
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    assert!(!site.public().join("sources/index.html").exists());
}

const STORY_WITH_SCRIPT_LINK: &str = "---
title: \"Hostile\"
date: 2021-01-01
summary: \"s\"
actors: [alpha]
sources: [s1]
---
Intro with a [bad link](javascript:alert(1)) here.[@s1]

And an image: ![map](data:image/svg+xml,<svg/onload=alert(1)>)
";

#[test]
fn a_javascript_link_in_markdown_is_a_warning_at_its_place_and_the_build_goes_on() {
    let site = TestSite::new("basic");
    site.write("content/stories/hostile.md", STORY_WITH_SCRIPT_LINK);
    let expected = "content/stories/hostile.md:8:14: warning: link to `javascript:alert(1)` uses the `javascript:` scheme, not http, https or mailto";
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stderr(&check).contains(expected), "{}", stderr(&check));
    let build = site.build(&[]);
    let err = stderr(&build);
    assert!(err.contains(expected), "{err}");
    assert!(
        err.contains("content/stories/hostile.md:10:15: warning: image to `data:image/svg+xml,"),
        "{err}"
    );
    assert!(site.public().join("stories/hostile/index.html").is_file());
}

const STORY_WITH_RAW_HTML: &str = "---
title: \"Hostile\"
date: 2021-01-01
summary: \"s\"
actors: [alpha]
sources: [s1]
---
A claim.[@s1] Some <b>bold</b> words.

<script>alert(1)</script>
";

#[test]
fn raw_html_in_markdown_is_a_warning_at_its_first_place() {
    let site = TestSite::new("basic");
    site.write("content/stories/hostile.md", STORY_WITH_RAW_HTML);
    let build = site.build(&[]);
    let err = stderr(&build);
    assert!(
        err.contains("content/stories/hostile.md:8:20: warning: raw HTML `<b>` goes into the page unchecked (and 2 more places in this text)"),
        "{err}"
    );
    let page = site.page("stories/hostile/");
    assert_eq!(page.texts(".prose script"), ["alert(1)"]);
}

#[test]
fn raw_html_false_shows_a_script_as_text_instead_of_running_it() {
    let site = TestSite::new("basic");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}markdown:\n  raw_html: false\n"),
    );
    site.write("content/stories/hostile.md", STORY_WITH_RAW_HTML);
    let build = site.build(&[]);
    assert!(
        stderr(&build)
            .contains("content/stories/hostile.md:8:20: warning: raw HTML `<b>` is shown as text"),
        "{}",
        stderr(&build)
    );
    let page = site.page("stories/hostile/");
    assert!(page.texts(".prose script").is_empty(), "{}", page.text);
    assert!(page.texts(".prose b").is_empty(), "{}", page.text);
    let prose = page.texts(".prose").join(" ");
    assert!(prose.contains("<script>alert(1)</script>"), "{prose}");
    assert!(prose.contains("Some <b>bold</b> words."), "{prose}");
}

#[test]
fn an_unclosed_comment_is_a_warning_at_its_line_and_the_source_list_survives() {
    let site = TestSite::new("basic");
    site.write(
        "content/stories/hostile.md",
        "---\ntitle: \"Hostile\"\ndate: 2021-01-01\nsummary: \"s\"\nactors: [alpha]\nsources: [s1]\n---\nA claim.[@s1]\n\n<!-- a note never closed\n\nLater text.\n",
    );
    let build = site.build(&[]);
    let err = stderr(&build);
    assert!(
        err.contains("content/stories/hostile.md:10:1: warning: `<!--` is never closed: everything after it in this text is swallowed by it (hint: close it with `-->`"),
        "{err}"
    );
    let page = site.page("stories/hostile/");
    assert_eq!(
        page.texts(".source-list li a[href='https://example.com/one']"),
        ["Source One"]
    );
    assert!(!page.texts(".prose").join(" ").contains("Later text"));
}
