//! The build cache beside the output: a build after no change renders and writes nothing,
//! a build after any edit gives exactly the bytes of a build without the cache, and a
//! damaged, foreign or outdated cache is never trusted.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{TestSite, assert_same_tree, rendered_pages, stderr, stdout};

const CACHE_DIR: &str = ".flashpoint-cache";

/// "B of N search shards built" from the build's summary line, as (B, N).
fn built_shards(output: &Output) -> (usize, usize) {
    let text = stdout(output);
    let before = text
        .split(" search shards built")
        .next()
        .filter(|before| before.len() < text.len())
        .unwrap_or_else(|| panic!("no shard count in {text}"));
    let words: Vec<&str> = before.rsplit(' ').take(3).collect();
    match words.as_slice() {
        [total, "of", built] => (built.parse().unwrap(), total.parse().unwrap()),
        _ => panic!("no shard count in {text}"),
    }
}

/// Inode and modification time of every output file: equal only if nothing was rewritten.
fn file_identities(dir: &Path) -> BTreeMap<PathBuf, (u64, i64, i64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            (e.path().to_path_buf(), (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

/// Builds the site with its cache, and again without into a separate folder, and checks
/// the two outputs are the same bytes.
fn assert_cached_build_equals_cold_build(site: &TestSite) -> Output {
    assert_cached_build_equals_cold_build_with(site, &[])
}

fn assert_cached_build_equals_cold_build_with(site: &TestSite, extra: &[&str]) -> Output {
    let cached = site.build(extra);
    let cold_parent = tempfile::tempdir().unwrap();
    let cold = cold_parent.path().join("public");
    let mut args = vec!["build", "--no-cache", "--output", cold.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = site.run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !cold_parent.path().join(CACHE_DIR).exists(),
        "--no-cache left a cache behind"
    );
    assert_same_tree(&site.public(), &cold);
    cached
}

fn edit(site: &TestSite, relative: &str, change: impl FnOnce(String) -> String) {
    let path = site.root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "the edit of {relative} changed nothing");
    std::fs::write(path, changed).unwrap();
}

#[test]
fn a_build_after_no_change_renders_nothing_and_rewrites_no_file() {
    let site = TestSite::example();
    let first = site.build(&[]);
    assert!(rendered_pages(&first) > 20, "{}", stdout(&first));
    assert!(
        site.root
            .join(CACHE_DIR)
            .join("public.manifest.json")
            .is_file()
    );
    let before = file_identities(&site.public());

    let second = site.build(&[]);
    assert_eq!(rendered_pages(&second), 0, "{}", stdout(&second));
    assert!(stdout(&second).contains(" 0 of "), "{}", stdout(&second));
    assert_eq!(file_identities(&site.public()), before);
}

#[test]
fn after_every_kind_of_edit_the_cached_build_equals_a_build_without_cache() {
    let site = TestSite::example();
    site.build(&[]);
    let story = "content/stories/march-20-attack-banks-broadcasters.md";

    // A story's body: only that story's page (and the index) change.
    edit(&site, story, |t| {
        format!("{t}\nA sentence added by the test.\n")
    });
    let built = assert_cached_build_equals_cold_build(&site);
    assert_eq!(rendered_pages(&built), 1, "{}", stdout(&built));

    // A story's title is shown on lists: more pages change.
    edit(&site, story, |t| {
        t.replacen("title: \"", "title: \"Retitled: ", 1)
    });
    let built = assert_cached_build_equals_cold_build(&site);
    assert!(rendered_pages(&built) > 1, "{}", stdout(&built));

    // A code block: highlighted, and kept in the cache by the next build that renders
    // most pages (the change of settings at the end).
    edit(&site, story, |t| {
        format!("{t}\n```rust\nfn wiper() {{ let disks = 48_700; }}\n```\n")
    });
    assert_cached_build_equals_cold_build(&site);

    // An actor's name, an event, a quote, a source, a figure.
    edit(&site, "content/actors/north-korea.md", |t| {
        t.replacen("name: ", "name: The ", 1)
    });
    assert_cached_build_equals_cold_build(&site);
    for data in ["timeline", "quotes", "sources", "forces"] {
        edit(&site, &format!("content/data/{data}.yaml"), |t| {
            // Event titles are written in both languages (`title: { en: "…", ko: "…" }`).
            t.replacen("title: \"", "title: \"Edited ", 1)
                .replacen("title: { en: \"", "title: { en: \"Edited ", 1)
                .replacen("text: \"", "text: \"Edited ", 1)
                .replacen("note: ", "note: Edited ", 1)
        });
        assert_cached_build_equals_cold_build(&site);
    }

    // A template and a static file of the theme.
    edit(&site, "themes/default/templates/story.html", |t| {
        t.replacen("</article>", "<p>Template edit.</p></article>", 1)
    });
    let built = assert_cached_build_equals_cold_build(&site);
    assert!(rendered_pages(&built) >= 7, "{}", stdout(&built));
    edit(&site, "themes/default/static/style.css", |t| {
        format!("{t}\n/* edited */\n")
    });
    assert_cached_build_equals_cold_build(&site);

    // A new story, then a removed one: its folder goes, and links to it are checked again.
    site.write(
        "content/stories/added-by-test.md",
        "---\ntitle: Added\ndate: 2013-04-01\nsummary: A story added by the test.\nactors: [north-korea]\n---\n\nNew text about [[north-korea]].\n",
    );
    assert_cached_build_equals_cold_build(&site);
    std::fs::remove_file(site.root.join("content/stories/added-by-test.md")).unwrap();
    assert_cached_build_equals_cold_build(&site);
    assert!(!site.public().join("stories/added-by-test").exists());

    // The site's settings, and the base URL given on the command line.
    edit(&site, "site.yaml", |t| {
        t.replacen("title: \"", "title: \"New: ", 1)
    });
    assert_cached_build_equals_cold_build(&site);
    assert!(site.root.join(CACHE_DIR).join("highlights.bin").is_file());
    let built = assert_cached_build_equals_cold_build_with(
        &site,
        &["--base-url", "https://news.example.org/explainer/"],
    );
    assert!(rendered_pages(&built) > 20, "{}", stdout(&built));
}

#[test]
fn a_file_changed_by_hand_in_the_output_is_made_again() {
    let site = TestSite::example();
    site.build(&[]);
    let page = site.public().join("actors/north-korea/index.html");
    std::fs::write(&page, "vandalised").unwrap();
    let stray = site.public().join("stray.txt");
    std::fs::write(&stray, "not part of the site").unwrap();
    site.build(&[]);
    // A file no build recorded writing is the user's: it stays (tests/hostile/output.rs).
    assert_eq!(
        std::fs::read_to_string(&stray).unwrap(),
        "not part of the site"
    );
    std::fs::remove_file(&stray).unwrap();
    assert_cached_build_equals_cold_build(&site);
}

#[test]
fn an_output_folder_deleted_by_hand_is_built_whole_again_from_the_cache() {
    let site = TestSite::example();
    site.build(&[]);
    std::fs::remove_dir_all(site.public()).unwrap();
    assert!(site.root.join(CACHE_DIR).exists(), "the cache should stay");
    // Every file comes back, byte for byte as a build without cache makes it.
    assert_cached_build_equals_cold_build(&site);
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_with_a_warning() {
    let site = TestSite::example();
    site.build(&[]);
    let manifest = site.root.join(CACHE_DIR).join("public.manifest.json");

    std::fs::write(&manifest, "{ not json").unwrap();
    let built = assert_cached_build_equals_cold_build(&site);
    assert!(
        stderr(&built).contains("ignoring the build cache because it cannot be read"),
        "{}",
        stderr(&built)
    );
    assert!(rendered_pages(&built) > 20, "{}", stdout(&built));

    let text = std::fs::read_to_string(&manifest).unwrap();
    let version = format!("\"flashpoint\":\"{}\"", env!("FLASHPOINT_BUILD_ID"));
    assert!(text.contains(&version), "{text}");
    std::fs::write(
        &manifest,
        text.replace(&version, "\"flashpoint\":\"0.0.1\""),
    )
    .unwrap();
    let built = assert_cached_build_equals_cold_build(&site);
    assert!(
        stderr(&built).contains("written by flashpoint 0.0.1"),
        "{}",
        stderr(&built)
    );
    assert!(rendered_pages(&built) > 20, "{}", stdout(&built));

    // A manifest that claims wrong keys is only a miss: keys are checked, never trusted.
    let text = std::fs::read_to_string(&manifest).unwrap();
    let tampered = text.replace("\"key\":\"", "\"key\":\"0");
    std::fs::write(&manifest, tampered).unwrap();
    let built = assert_cached_build_equals_cold_build(&site);
    assert!(rendered_pages(&built) > 20, "{}", stdout(&built));
}

#[test]
fn damaged_highlighted_code_is_ignored_with_a_warning() {
    let site = TestSite::example();
    edit(
        &site,
        "content/stories/march-20-attack-banks-broadcasters.md",
        |t| format!("{t}\n```python\nprint('wiper')\n```\n"),
    );
    site.build(&[]);
    let highlights = site.root.join(CACHE_DIR).join("highlights.bin");
    let mut bytes = std::fs::read(&highlights).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&highlights, bytes).unwrap();
    // Make the page render again so the highlighted blocks are read.
    edit(&site, "themes/default/templates/story.html", |t| {
        format!("{t}\n")
    });
    let built = assert_cached_build_equals_cold_build(&site);
    assert!(
        stderr(&built).contains("highlights.bin") && stderr(&built).contains("damaged"),
        "{}",
        stderr(&built)
    );
}

#[test]
fn a_failed_build_leaves_the_output_and_the_cache_as_they_were() {
    let site = TestSite::example();
    site.build(&[]);
    let cache = site.root.join(CACHE_DIR).join("public.manifest.json");
    let manifest_before = std::fs::read(&cache).unwrap();
    let before = common::file_tree(&site.public());
    edit(
        &site,
        "content/stories/march-20-attack-banks-broadcasters.md",
        |t| format!("{t}\nSee [[no-such-actor]].\n"),
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no-such-actor"),
        "{}",
        stderr(&output)
    );
    assert_eq!(common::file_tree(&site.public()), before);
    assert_eq!(std::fs::read(&cache).unwrap(), manifest_before);
}

#[test]
fn editing_one_event_writes_only_its_search_record_and_the_word_chunks_again() {
    let site = TestSite::example();
    let build = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .args(args)
            .arg("--root")
            .arg(&site.root)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        output
    };
    build(&["build"]);
    let before = file_identities(&site.public());

    // A line added before the first event's title moves every later event down a line.
    edit(&site, "content/data/timeline.yaml", |t| {
        t.replacen(
            "\n  title: { en: \"",
            "\n  # edited by the test\n  title: { en: \"Edited ",
            1,
        )
    });
    let output = build(&["build"]);
    // The English edition's index changes; the Korean one's shows the Korean title.
    assert_eq!(built_shards(&output), (1, 2), "{}", stdout(&output));
    let after = file_identities(&site.public());
    let index = site.public().join("pagefind");
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, identity)| before.get(*path) != Some(identity))
        .filter_map(|(path, _)| path.strip_prefix(&index).ok())
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .collect();
    let records: Vec<&String> = changed
        .iter()
        .filter(|p| p.starts_with("records/"))
        .collect();
    assert_eq!(records.len(), 1, "{changed:?}");
    let record = std::fs::read_to_string(index.join(records[0])).unwrap();
    assert!(record.contains("\"title\":\"Edited "), "{record}");
    assert!(
        changed.iter().any(|p| p.starts_with("words/")),
        "{changed:?}"
    );
    assert!(
        changed.iter().all(|p| p.starts_with("records/")
            || p.starts_with("words/")
            || p.starts_with("tails/")
            || p == "entry.json"),
        "{changed:?}"
    );

    let cold_parent = tempfile::tempdir().unwrap();
    let cold = cold_parent.path().join("public");
    build(&["build", "--no-cache", "--output", cold.to_str().unwrap()]);
    assert_same_tree(&site.public(), &cold);
}

#[test]
fn a_cached_build_after_a_plain_page_starts_citing_a_source_lists_it_on_the_sources_page() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let citers = |site: &TestSite| site.page("sources/").attrs("#source-s2 details a", "href");
    assert!(!citers(&site).contains(&"/about/".to_string()));

    edit(&site, "content/pages/about.md", |t| {
        format!("{t}\nAs [@s2] reports.\n")
    });
    assert_cached_build_equals_cold_build(&site);
    assert!(
        citers(&site).contains(&"/about/".to_string()),
        "{:?}",
        citers(&site)
    );

    // Renamed, then no longer citing: the sources page follows both.
    edit(&site, "content/pages/about.md", |t| {
        t.replacen("title: \"About\"", "title: \"About Us\"", 1)
    });
    assert_cached_build_equals_cold_build(&site);
    assert!(
        site.page("sources/")
            .texts("#source-s2 details li")
            .contains(&"page About Us".to_string())
    );
    edit(&site, "content/pages/about.md", |t| {
        t.replacen("As [@s2] reports.", "As reported.", 1)
    });
    assert_cached_build_equals_cold_build(&site);
    assert!(
        !citers(&site).contains(&"/about/".to_string()),
        "{:?}",
        citers(&site)
    );
}

/// The stories linked from one built page, as their files under `content/stories/`.
fn stories_listed_on(site: &TestSite, path: &str) -> Vec<String> {
    site.page(path)
        .attrs(".story-card h3 a", "href")
        .iter()
        .map(|href| {
            let id = href.trim_start_matches("/stories/").trim_end_matches('/');
            format!("content/stories/{id}.md")
        })
        .collect()
}

#[test]
fn on_a_paginated_site_the_cached_build_redraws_exactly_the_list_pages_an_edit_changes() {
    let site = TestSite::example();
    edit(&site, "site.yaml", |t| format!("{t}paginate: 2\n"));
    site.build(&[]);
    let pages = |site: &TestSite| -> Vec<PathBuf> {
        (2..10)
            .map(|n| site.public().join(format!("page/{n}/index.html")))
            .filter(|file| file.is_file())
            .collect()
    };
    let before = file_identities(&site.public());
    assert_eq!(pages(&site).len(), 3, "7 stories, 2 a page");

    // A body edit draws only the story.
    let on_third = stories_listed_on(&site, "page/3/");
    edit(&site, &on_third[0], |t| format!("{t}\nA sentence added.\n"));
    let built = assert_cached_build_equals_cold_build(&site);
    assert_eq!(rendered_pages(&built), 1, "{}", stdout(&built));
    let after = file_identities(&site.public());
    for page in pages(&site) {
        assert_eq!(
            before[&page],
            after[&page],
            "{} was rewritten",
            page.display()
        );
    }

    // A title edit draws the one list page with that story, not the others.
    edit(&site, &on_third[0], |t| {
        t.replacen("title: \"", "title: \"Retitled: ", 1)
    });
    let before = after;
    assert_cached_build_equals_cold_build(&site);
    let after = file_identities(&site.public());
    for page in pages(&site) {
        let third = page.ends_with("page/3/index.html");
        assert_eq!(before[&page] != after[&page], third, "{}", page.display());
    }

    // Two new newest stories shift every page and add one; their removal takes it away.
    for name in ["added-by-test", "added-too"] {
        site.write(
            &format!("content/stories/{name}.md"),
            "---\ntitle: Added\ndate: 2014-01-01\nsummary: A story added by the test.\nactors: [north-korea]\n---\n\nNew text.\n",
        );
    }
    let before = after;
    assert_cached_build_equals_cold_build(&site);
    let after = file_identities(&site.public());
    assert_eq!(pages(&site).len(), 4);
    for page in pages(&site).iter().take(3) {
        assert_ne!(
            before[page],
            after[page],
            "{} was not redrawn",
            page.display()
        );
    }
    for name in ["added-by-test", "added-too"] {
        std::fs::remove_file(site.root.join(format!("content/stories/{name}.md"))).unwrap();
    }
    assert_cached_build_equals_cold_build(&site);
    assert_eq!(pages(&site).len(), 3);
    assert!(!site.public().join("page/5").exists());
}
