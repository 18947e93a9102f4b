//! The path a new editor takes, run as they would run it: in an empty folder, with only
//! the `flashpoint` binary, from the first source to a built site. docs/editors-guide.md
//! walks through exactly these steps; change both together.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

/// An empty folder outside the repository, and the binary run inside it.
struct Desk {
    _dir: tempfile::TempDir,
    site: PathBuf,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("korea-watch");
        std::fs::create_dir(&site).unwrap();
        Desk { _dir: dir, site }
    }

    /// Runs `flashpoint ARGS` with the site as its working folder and no --root.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .args(args)
            .current_dir(&self.site)
            .output()
            .unwrap()
    }

    /// Runs a command that must succeed and returns what it printed on stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "flashpoint {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.site.join(relative)).unwrap()
    }

    /// The 1-based number of the first line of a file that is exactly `line`.
    fn line_of(&self, relative: &str, line: &str) -> usize {
        let text = self.read(relative);
        text.lines()
            .position(|l| l == line)
            .unwrap_or_else(|| panic!("{relative} has no line {line:?}:\n{text}"))
            + 1
    }

    /// Replaces `from` by `to` in a file, as an editor would, failing if `from` is absent.
    fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} has no {from:?}:\n{text}");
        std::fs::write(self.site.join(relative), text.replacen(from, to, 1)).unwrap();
    }

    /// A new site, as `flashpoint init` makes it: nothing from the repository, the theme
    /// built into the binary.
    fn set_up_site(&self) {
        self.ok(&["init"]);
        assert!(!self.site.join("themes").exists());
    }

    /// A site that is only a `site.yaml`, written by hand: the data files do not exist yet.
    fn set_up_bare_site(&self) {
        std::fs::write(
            self.site.join("site.yaml"),
            "title: \"Korea Watch\"\nbase_url: \"https://example.org/\"\n",
        )
        .unwrap();
    }
}

#[test]
fn an_editor_goes_from_an_empty_folder_to_a_clean_site_with_no_broken_links() {
    let desk = Desk::new();
    desk.set_up_site();

    let said = desk.ok(&[
        "new",
        "source",
        "North Korea fires missile into the East Sea",
        "--id",
        "yonhap-launch",
        "--url",
        "https://example.com/yonhap/launch",
        "--publisher",
        "Yonhap",
        "--date",
        "2026-11-02",
    ]);
    assert_eq!(said.trim(), "appended to content/data/sources.yaml");

    let said = desk.ok(&[
        "new",
        "actor",
        "Korean People's Army",
        "--id",
        "kpa",
        "--kind",
        "organization",
    ]);
    assert_eq!(said.trim(), "created content/actors/kpa.md");

    let said = desk.ok(&[
        "new",
        "event",
        "Missile launch over the East Sea",
        "--source",
        "yonhap-launch",
        "--date",
        "2026-11-02",
    ]);
    assert_eq!(said.trim(), "appended to content/data/timeline.yaml");

    let said = desk.ok(&["new", "story", "The day after the launch"]);
    assert_eq!(
        said.trim(),
        "created content/stories/the-day-after-the-launch.md"
    );

    // Untouched, the skeletons pass check, but their placeholders are named.
    let output = desk.run(&["check", "--drafts"]);
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
    let actors_line = desk.line_of("content/data/timeline.yaml", "  actors: []");
    let summary_line = desk.line_of("content/data/timeline.yaml", "  summary: \"\"");
    for placeholder in [
        "content/stories/the-day-after-the-launch.md:4:1: warning: the story `the-day-after-the-launch` still has the placeholder summary".to_string(),
        "content/stories/the-day-after-the-launch.md:11:1: warning: the story `the-day-after-the-launch` still holds the placeholder paragraph".to_string(),
        "content/actors/kpa.md:4:1: warning: the actor `kpa` still has the placeholder summary".to_string(),
        format!("content/data/timeline.yaml:{actors_line}:3: warning: the event `missile-launch-over-the-east-sea` names no actors"),
        format!("content/data/timeline.yaml:{summary_line}:3: warning: the event `missile-launch-over-the-east-sea` has an empty summary"),
    ] {
        assert!(
            report.lines().any(|line| line.starts_with(&placeholder)),
            "expected a line starting\n  {placeholder}\nin:\n{report}"
        );
    }

    // The edits the editors' guide makes.
    let story = "content/stories/the-day-after-the-launch.md";
    desk.edit(
        story,
        "summary: \"One sentence saying what this story is about.\"",
        "summary: \"What the launch changed for Seoul, a day later.\"",
    );
    desk.edit(story, "actors: []", "actors: [kpa]");
    desk.edit(story, "sources: []", "sources: [yonhap-launch]");
    desk.edit(story, "draft: true\n", "");
    let body_start = desk.read(story).find("Write the story here.").unwrap();
    let mut text = desk.read(story);
    text.truncate(body_start);
    text.push_str("The [[kpa]] fired a missile into the East Sea on 2 November.[@yonhap-launch]\n");
    std::fs::write(desk.site.join(story), text).unwrap();

    let actor = "content/actors/kpa.md";
    desk.edit(
        actor,
        "summary: \"One sentence saying who this is.\"",
        "summary: \"North Korea's armed forces.\"",
    );
    let timeline = "content/data/timeline.yaml";
    desk.edit(timeline, "actors: []", "actors: [kpa]");
    desk.edit(
        timeline,
        "summary: \"\"",
        "summary: \"A missile lands in the East Sea.\"",
    );

    let output = desk.run(&["check", "--strict"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "0 errors, 0 warnings in 0 files"
    );

    let output = desk.run(&["build"]);
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
    assert!(!report.contains("warning"), "{report}");

    let public = desk.site.join("public");
    let story_page = public.join("stories/the-day-after-the-launch/index.html");
    let story_html = std::fs::read_to_string(&story_page).unwrap();
    assert!(story_html.contains("fired a missile into the East Sea"));
    assert!(!story_html.contains("Write the story here"));
    assert!(!story_html.contains("<!--"), "the page ships a comment");

    let broken = broken_internal_links(&public, "https://example.org/");
    assert!(broken.is_empty(), "broken internal links: {broken:#?}");
}

/// Every `href` and `src` in the built pages that points inside the site (relative, or
/// absolute under the base URL) and names no file in `public`, as "page -> link".
fn broken_internal_links(public: &Path, base_url: &str) -> Vec<String> {
    let selector = Selector::parse("[href], [src]").unwrap();
    let mut broken = Vec::new();
    let (mut pages, mut checked) = (0, 0);
    for entry in walkdir::WalkDir::new(public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let folder = entry.path().parent().unwrap();
        for element in html.select(&selector) {
            for attribute in ["href", "src"] {
                let Some(link) = element.value().attr(attribute) else {
                    continue;
                };
                if let Some(target) = internal_target(public, folder, link, base_url) {
                    checked += 1;
                    if !target.is_file() {
                        broken.push(format!("{} -> {link}", entry.path().display()));
                    }
                }
            }
        }
    }
    assert!(pages >= 5, "only {pages} pages built");
    assert!(
        checked >= 10 * pages,
        "only {checked} internal links in {pages} pages"
    );
    broken
}

/// The file an internal link names, or None for an external link or a same-page anchor.
fn internal_target(public: &Path, folder: &Path, link: &str, base_url: &str) -> Option<PathBuf> {
    let link = link.split(['#', '?']).next().unwrap_or("");
    if link.is_empty() {
        return None;
    }
    let path = if let Some(rest) = link.strip_prefix(base_url) {
        public.join(rest)
    } else if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
        return None;
    } else if let Some(rest) = link.strip_prefix('/') {
        public.join(rest)
    } else {
        folder.join(link)
    };
    Some(if link.ends_with('/') || path.is_dir() {
        path.join("index.html")
    } else {
        path
    })
}

#[test]
fn the_link_check_finds_a_link_to_a_missing_page() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path();
    std::fs::create_dir_all(public.join("actors/kpa")).unwrap();
    std::fs::write(public.join("actors/kpa/index.html"), "").unwrap();
    let base = "https://example.org/";
    let exists =
        |link: &str| internal_target(public, public, link, base).map(|target| target.is_file());
    assert_eq!(exists("/actors/kpa/"), Some(true));
    assert_eq!(exists("https://example.org/actors/kpa/#top"), Some(true));
    assert_eq!(exists("actors/kpa/"), Some(true));
    assert_eq!(exists("/actors/irgc/"), Some(false));
    assert_eq!(exists("https://elsewhere.example/"), None);
    assert_eq!(exists("#main"), None);
}

#[test]
fn new_refuses_to_write_outside_a_site() {
    let desk = Desk::new();
    for args in [
        &["new", "story", "Lost"][..],
        &["new", "source", "Lost", "--publisher", "Nobody"],
        &["new", "actor", "Lost", "--id", "lost"],
    ] {
        let output = desk.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr)
                .contains("this folder is not a flashpoint site: it has no site.yaml"),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(std::fs::read_dir(&desk.site).unwrap().count(), 0);
}

#[test]
fn new_says_appended_when_it_adds_to_an_existing_file() {
    let desk = Desk::new();
    desk.set_up_bare_site();
    let first = desk.ok(&["new", "source", "First report", "--publisher", "AP"]);
    assert_eq!(first.trim(), "created content/data/sources.yaml");
    let second = desk.ok(&[
        "new",
        "source",
        "Second report",
        "--url",
        "https://example.com/2",
    ]);
    assert_eq!(second.trim(), "appended to content/data/sources.yaml");
    assert_eq!(
        desk.read("content/data/sources.yaml"),
        "- id: first-report\n  title: \"First report\"\n  publisher: \"AP\"\n\
         - id: second-report\n  title: \"Second report\"\n  url: \"https://example.com/2\"\n"
    );
    desk.ok(&[
        "new",
        "event",
        "One",
        "--source",
        "first-report",
        "--date",
        "2026",
    ]);
    let again = desk.ok(&[
        "new",
        "event",
        "Two",
        "--source",
        "second-report",
        "--date",
        "2026",
    ]);
    assert_eq!(again.trim(), "appended to content/data/timeline.yaml");

    let duplicate = desk.run(&["new", "source", "First report", "--publisher", "AP"]);
    assert_eq!(duplicate.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&duplicate.stderr)
            .contains("a source with the id `first-report` already exists"),
        "{}",
        String::from_utf8_lossy(&duplicate.stderr)
    );
}

#[test]
fn new_actor_takes_the_id_the_editor_chooses_and_refuses_an_unsafe_one() {
    let desk = Desk::new();
    desk.set_up_site();
    let said = desk.ok(&[
        "new",
        "actor",
        "Islamic Revolutionary Guard Corps",
        "--id",
        "irgc",
    ]);
    assert_eq!(said.trim(), "created content/actors/irgc.md");
    assert!(
        desk.read("content/actors/irgc.md")
            .contains("name: \"Islamic Revolutionary Guard Corps\"")
    );
    let output = desk.run(&["new", "actor", "Bad", "--id", "Bad Id"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--id `Bad Id` cannot be used as an id"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!desk.site.join("content/actors/bad.md").exists());
}

#[test]
fn check_strict_fails_on_a_warning_that_plain_check_lets_through() {
    let desk = Desk::new();
    desk.set_up_site();
    desk.ok(&["new", "source", "Report", "--publisher", "AP"]);
    desk.ok(&[
        "new", "event", "Launch", "--source", "report", "--date", "2026-11",
    ]);
    let plain = desk.run(&["check"]);
    assert_eq!(plain.status.code(), Some(0));
    let strict = desk.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let report = String::from_utf8_lossy(&strict.stderr);
    let summary_line = desk.line_of("content/data/timeline.yaml", "  summary: \"\"");
    let expected = format!(
        "content/data/timeline.yaml:{summary_line}:3: error: the event `launch` has an empty summary"
    );
    assert!(
        report.lines().any(|line| line.starts_with(&expected)),
        "{report}"
    );
    let json = desk.run(&["check", "--strict", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(document["warnings"], 0);
    assert!(document["errors"].as_u64().unwrap() >= 2, "{document}");
}
