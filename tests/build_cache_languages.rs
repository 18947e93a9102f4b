//! The build cache on a site in several languages: every edition's pages are kept when
//! nothing they show changed, an edit in one language makes again only the pages that show
//! it (in that edition, and the other editions' switchers and `hreflang` links where which
//! pages exist changed), and the output is always the bytes of a build without the cache.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

use common::{TestSite, assert_same_tree, rendered_pages, stderr, stdout};

/// The key every page of the output was made from, as the cache's manifest records it.
fn page_keys(site: &TestSite) -> BTreeMap<String, String> {
    let manifest = site
        .root
        .join(".flashpoint-cache")
        .join("public.manifest.json");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    json["files"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .filter_map(|(name, record)| Some((name.clone(), record["key"].as_str()?.to_string())))
        .collect()
}

/// Builds with the cache and returns the pages made again: those whose key is new (a kept
/// page keeps the key it was made from).
fn build_and_list_rendered(site: &TestSite) -> BTreeSet<String> {
    let before = page_keys(site);
    let built = assert_cached_build_equals_cold_builds(site);
    let rendered: BTreeSet<String> = page_keys(site)
        .into_iter()
        .filter(|(name, key)| before.get(name) != Some(key))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        rendered.len(),
        rendered_pages(&built),
        "{rendered:?}\n{}",
        stdout(&built)
    );
    rendered
}

/// Builds the site with its cache, then without it on one thread and on the default
/// number of threads, and checks the three outputs are the same bytes.
fn assert_cached_build_equals_cold_builds(site: &TestSite) -> Output {
    let cached = site.build(&[]);
    for threads in ["1", ""] {
        let cold_parent = tempfile::tempdir().unwrap();
        let cold = cold_parent.path().join("public");
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_flashpoint"));
        command
            .args(["build", "--no-cache", "--output", cold.to_str().unwrap()])
            .arg("--root")
            .arg(&site.root);
        if threads.is_empty() {
            command.env_remove("RAYON_NUM_THREADS");
        } else {
            command.env("RAYON_NUM_THREADS", threads);
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert_same_tree(&site.public(), &cold);
    }
    cached
}

fn edit(site: &TestSite, relative: &str, change: impl FnOnce(String) -> String) {
    let path = site.root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "the edit of {relative} changed nothing");
    std::fs::write(path, changed).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn in_korean(pages: &BTreeSet<String>) -> bool {
    pages.iter().all(|page| page.starts_with("ko/"))
}

#[test]
fn a_bilingual_rebuild_after_no_change_renders_no_page_of_either_edition() {
    let site = TestSite::new("bilingual");
    let first = site.build(&[]);
    let pages = page_keys(&site);
    assert!(
        pages.keys().any(|p| p.starts_with("ko/stories/")),
        "{pages:?}"
    );
    assert_eq!(rendered_pages(&first), pages.len(), "{}", stdout(&first));

    let second = assert_cached_build_equals_cold_builds(&site);
    assert_eq!(rendered_pages(&second), 0, "{}", stdout(&second));
    assert!(stdout(&second).contains("0 of "), "{}", stdout(&second));
    assert_eq!(page_keys(&site), pages);
}

#[test]
fn editing_a_korean_translation_renders_that_korean_page_again_but_not_the_english_one() {
    let site = TestSite::new("bilingual");
    site.build(&[]);
    let story = "content/stories/shelling.ko.md";

    edit(&site, story, |t| format!("{t}\n시험이 덧붙인 문장이다.\n"));
    let rendered = build_and_list_rendered(&site);
    assert_eq!(
        rendered,
        BTreeSet::from(["ko/stories/shelling/index.html".to_string()])
    );
    assert!(read(&site.public().join("ko/stories/shelling/index.html")).contains("시험이 덧붙인"));

    // A title shows on the Korean lists too, never on an English page.
    edit(&site, story, |t| {
        t.replacen("title: \"", "title: \"속보: ", 1)
    });
    let rendered = build_and_list_rendered(&site);
    assert!(
        rendered.contains("ko/stories/shelling/index.html"),
        "{rendered:?}"
    );
    assert!(rendered.contains("ko/index.html"), "{rendered:?}");
    assert!(in_korean(&rendered), "{rendered:?}");
}

#[test]
fn adding_and_then_deleting_a_translation_updates_the_english_pages_switcher_and_hreflang() {
    let site = TestSite::new("bilingual");
    site.build(&[]);
    let english = site.public().join("stories/aftermath/index.html");
    let korean_link = "hreflang=\"ko\" href=\"https://example.org/ko/stories/aftermath/\"";
    assert!(!read(&english).contains(korean_link));

    site.write(
        "content/stories/aftermath.ko.md",
        "---\ntitle: \"포격 이후\"\ndate: 2010-11-24\nsummary: \"주민들이 섬을 떠났다.\"\n\
         actors: [south-korea]\n---\n포격 다음 날 주민 대부분이 배편으로 인천에 닿았다.\n",
    );
    let rendered = build_and_list_rendered(&site);
    assert!(
        rendered.contains("stories/aftermath/index.html"),
        "{rendered:?}"
    );
    assert!(
        rendered.contains("ko/stories/aftermath/index.html"),
        "{rendered:?}"
    );
    let page = read(&english);
    assert!(page.contains(korean_link), "{page}");
    assert!(page.contains("href=\"/ko/stories/aftermath/\""), "{page}");

    std::fs::remove_file(site.root.join("content/stories/aftermath.ko.md")).unwrap();
    let rendered = build_and_list_rendered(&site);
    assert!(
        rendered.contains("stories/aftermath/index.html"),
        "{rendered:?}"
    );
    assert!(!read(&english).contains(korean_link));
    assert!(!site.public().join("ko/stories/aftermath").exists());
}

#[test]
fn changing_the_korean_interface_strings_renders_only_the_pages_that_show_them() {
    let site = TestSite::new("bilingual");
    site.build(&[]);
    let strings = "themes/default/i18n/ko.yaml";

    edit(&site, strings, |t| {
        t.replacen("actors: \"행위자\"", "actors: \"관련 주체\"", 1)
    });
    let rendered = build_and_list_rendered(&site);
    let korean: BTreeSet<String> = page_keys(&site)
        .into_keys()
        .filter(|page| page.starts_with("ko/"))
        .collect();
    assert_eq!(rendered, korean);
    assert!(read(&site.public().join("ko/index.html")).contains("관련 주체"));

    // The switcher of an English page whose Korean translation is missing says so in
    // Korean: those English pages, and no others, change with that string.
    edit(&site, strings, |t| {
        t.replacen(
            "이 글은 한국어 번역이 없습니다",
            "아직 한국어로 옮기지 않은 글입니다",
            1,
        )
    });
    let rendered = build_and_list_rendered(&site);
    let english: Vec<&String> = rendered.iter().filter(|p| !p.starts_with("ko/")).collect();
    assert!(
        english.contains(&&"stories/aftermath/index.html".to_string()),
        "{rendered:?}"
    );
    assert!(
        !english.contains(&&"stories/shelling/index.html".to_string()),
        "{rendered:?}"
    );
    assert!(read(&site.public().join("stories/aftermath/index.html")).contains("아직 한국어로"));
}

#[test]
fn retitling_an_untranslated_story_updates_the_korean_pages_that_link_it() {
    let site = TestSite::new("bilingual");
    site.build(&[]);
    // The Korean story links `[[stories/aftermath]]`, which has no Korean translation: the
    // link leads to the English story and shows its English title.
    edit(&site, "content/stories/aftermath.md", |t| {
        t.replacen("title: ", "title: Retitled ", 1)
    });
    let rendered = build_and_list_rendered(&site);
    assert!(
        rendered.contains("ko/stories/shelling/index.html"),
        "{rendered:?}"
    );
    assert!(read(&site.public().join("ko/stories/shelling/index.html")).contains("Retitled"));
}
