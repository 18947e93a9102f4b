//! Hostile-input cases: input.
//!
//! Settings that could steer output outside the site, names a file system refuses,
//! symlinked files, and YAML alias bombs cut across the parallel parts of a data file.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use crate::common::{TestSite, stderr};

/// Every path under `dir`, files and folders, relative to it.
fn listing(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

/// The run failed as an input error (exit 1), not a panic (101), saying `expected`.
fn assert_input_error(output: &Output, expected: &str) {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains(expected),
        "expected `{expected}` in:\n{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
}

fn set_setting(site: &TestSite, key: &str, value: &str) {
    let path = site.root.join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .filter(|line| !line.starts_with(&format!("{key}:")))
        .map(str::to_string)
        .collect();
    lines.push(format!("{key}: {value}"));
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// The line number (1-based) of the last line of site.yaml, where `set_setting` puts a value.
fn last_line(site: &TestSite) -> usize {
    std::fs::read_to_string(site.root.join("site.yaml"))
        .unwrap()
        .lines()
        .count()
}

#[test]
fn a_language_that_is_a_path_is_refused_by_check_and_build_and_nothing_is_written_outside() {
    let site = TestSite::new("basic");
    set_setting(&site, "language", "\"../../../../x/zz\"");
    let line = last_line(&site);
    let parent = site.root.parent().unwrap().to_path_buf();
    let before = listing(&parent);
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        assert_input_error(
            &output,
            &format!("site.yaml:{line}:11: error: `../../../../x/zz` is not a BCP 47 language tag"),
        );
        assert!(stderr(&output).contains("write a language tag such as en"));
    }
    assert_eq!(listing(&parent), before, "the build wrote files");
    assert!(!site.public().exists());
}

#[test]
fn a_forty_character_language_is_an_error_not_a_panic() {
    let site = TestSite::new("basic");
    let language = "en-Latn-US-x-aaaaaaa-bbbbbbbb-cccccccc-d";
    assert_eq!(language.len(), 40);
    set_setting(&site, "language", language);
    let line = last_line(&site);
    for command in ["check", "build"] {
        assert_input_error(
            &site.run(&[command]),
            &format!("site.yaml:{line}:11: error: the language tag `{language}` is longer than 20"),
        );
    }
}

#[test]
fn a_well_formed_regional_language_still_builds() {
    let site = TestSite::new("basic");
    set_setting(&site, "language", "pt-BR");
    site.build(&[]);
    assert!(site.page("").text.contains("lang=\"pt-BR\""));
}

#[test]
fn a_theme_that_climbs_out_or_is_absolute_is_refused_at_its_place() {
    for (theme, message) in [
        ("../x", "the theme `../x` is a path, not a folder name"),
        ("/abs", "the theme `/abs` is a path, not a folder name"),
        ("..", "the theme `..` starts with a dot"),
        ("\"\"", "the theme name is empty"),
    ] {
        let site = TestSite::new("basic");
        set_setting(&site, "theme", theme);
        let line = last_line(&site);
        for command in ["check", "build"] {
            assert_input_error(
                &site.run(&[command]),
                &format!("site.yaml:{line}:8: error: {message}"),
            );
        }
        assert!(!site.public().exists());
    }
}

/// A timeline of `items` events in which each event anchors a tag and repeats it ten
/// times, the most the alias-to-anchor ratio allows: every part of about 128 KiB holds
/// far fewer than the file's 50,000 aliases, while the whole file holds more.
fn alias_heavy_timeline(items: usize) -> String {
    let mut text = String::with_capacity(items * 140);
    for i in 0..items {
        let aliases = vec![format!("*t{i}"); 10].join(", ");
        text.push_str(&format!(
            "- id: e{i}\n  date: 2020\n  title: \"E\"\n  sources: [s1]\n  tags: [&t{i} war, {aliases}]\n"
        ));
    }
    text
}

#[test]
fn an_alias_bomb_spread_over_the_parts_of_a_long_timeline_is_refused_in_plain_words() {
    let site = TestSite::new("basic");
    let timeline = alias_heavy_timeline(6_000);
    assert!(timeline.len() > 4 * 128 * 1024, "{} bytes", timeline.len());
    assert!(timeline.len() < 4 * 1024 * 1024, "{} bytes", timeline.len());
    site.write("content/data/timeline.yaml", &timeline);
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        // The 50,001st alias: the first of event 5000's, on its fifth line.
        assert_input_error(
            &output,
            "content/data/timeline.yaml:25005:22: error: this file uses too many aliases (`*name`): 50001",
        );
        let message = stderr(&output);
        assert!(
            message.contains("write the repeated values out"),
            "{message}"
        );
        assert!(!message.contains("Aliases {"), "{message}");
    }
}

#[test]
fn the_same_alias_pattern_within_the_budget_loads() {
    let site = TestSite::new("basic");
    site.write("content/data/timeline.yaml", &alias_heavy_timeline(300));
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn too_many_uses_of_one_anchor_are_explained_without_parser_internals() {
    let site = TestSite::new("basic");
    let aliases = vec!["*t"; 100].join(", ");
    site.write(
        "content/data/timeline.yaml",
        &format!(
            "- id: e1\n  date: 2020\n  title: \"E\"\n  sources: [s1]\n  tags: [&t war, {aliases}]\n"
        ),
    );
    let output = site.run(&["check"]);
    assert_input_error(
        &output,
        "error: this file repeats its anchored values too often: 100 aliases (`*name`) of 1 anchor(s)",
    );
    assert!(!stderr(&output).contains("AliasAnchorRatio"));
}

#[test]
fn a_tag_too_long_for_a_file_name_fails_check_and_build_at_its_place() {
    let site = TestSite::new("basic");
    let path = "content/stories/one.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    let long = "word ".repeat(60);
    site.write(
        path,
        &text.replace(
            "tags: [Cyber Attacks]",
            &format!("tags: [Cyber Attacks, \"{long}\"]"),
        ),
    );
    for command in ["check", "build"] {
        assert_input_error(
            &site.run(&[command]),
            "content/stories/one.md:6:23: error: this tag is too long: its web address would take 299 bytes",
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_story_file_is_built_like_any_other() {
    let site = TestSite::new("basic");
    let elsewhere = site.root.parent().unwrap().join("drafts");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(
        elsewhere.join("linked.md"),
        "---\ntitle: \"Linked Story\"\ndate: 2020-02-02\nsummary: \"Kept elsewhere.\"\n---\nBody of the linked story.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        elsewhere.join("linked.md"),
        site.root.join("content/stories/linked.md"),
    )
    .unwrap();
    let output = site.build(&[]);
    assert!(
        !stderr(&output).contains("symbolic link"),
        "{}",
        stderr(&output)
    );
    assert!(
        site.page("stories/linked/")
            .text
            .contains("Body of the linked story.")
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_story_pointing_nowhere_is_warned_about_at_its_path() {
    let site = TestSite::new("basic");
    std::os::unix::fs::symlink(
        site.root.join("missing.md"),
        site.root.join("content/stories/gone.md"),
    )
    .unwrap();
    let output = site.build(&[]);
    let message = stderr(&output);
    assert!(
        message
            .contains("content/stories/gone.md:1:1: warning: this symbolic link points to nothing"),
        "{message}"
    );
}

#[test]
fn windows_device_names_are_refused_as_story_and_actor_ids() {
    let site = TestSite::new("basic");
    site.write(
        "content/stories/con.md",
        "---\ntitle: \"Con\"\ndate: 2020-02-02\nsummary: \"s\"\n---\nBody.\n",
    );
    site.write(
        "content/actors/nul.md",
        "---\nname: \"Nul\"\nkind: group\nsummary: \"s\"\n---\n",
    );
    for command in ["check", "build"] {
        let output = site.run(&[command]);
        assert_input_error(
            &output,
            "content/stories/con.md:1:1: error: `con` cannot be used as an id: `con` is a name Windows keeps for a device",
        );
        assert!(
            stderr(&output).contains(
                "content/actors/nul.md:1:1: error: `nul` cannot be used as an id: `nul` is a name Windows keeps for a device"
            ),
            "{}",
            stderr(&output)
        );
        assert!(stderr(&output).contains("rename the file to con-page.md"));
    }
}

#[test]
fn a_windows_device_name_is_refused_as_a_data_id_at_its_place() {
    let site = TestSite::new("basic");
    let path = site.root.join("content/data/timeline.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("- id: e-day", "- id: aux", 1)).unwrap();
    assert_input_error(
        &site.run(&["check"]),
        "content/data/timeline.yaml:1:7: error: `aux` cannot be a event id: `aux` is a name Windows keeps for a device",
    );
}

#[test]
fn a_tag_that_would_name_a_windows_device_folder_is_refused_at_its_place() {
    let site = TestSite::new("basic");
    let path = "content/stories/one.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(
        path,
        &text.replace("tags: [Cyber Attacks]", "tags: [Cyber Attacks, Aux]"),
    );
    assert_input_error(
        &site.run(&["check"]),
        "content/stories/one.md:6:23: error: the tag `Aux` would name a folder `aux`, a name Windows keeps for a device",
    );
}
