//! The search index flashpoint writes for the search page's script: every record findable by
//! its words through the entry file and one chunk, a common word's chunk holding only its best
//! records with the rest in a tail file, and the same bytes whatever the thread count.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::{TestSite, stderr};

fn story(n: usize, extra: &str) -> String {
    format!(
        "---\ntitle: \"Generated story {n}\"\ndate: 2021-{:02}-{:02}\nsummary: \"Summary {n}.\"\n---\n\
         Body of story {n}, which mentions the word uniqueword{n} and [[alpha]]. {extra}\n",
        n % 12 + 1,
        n % 28 + 1
    )
}

/// The `basic` fixture with `stories` generated stories more.
fn generated_site(stories: usize) -> TestSite {
    let site = TestSite::new("basic");
    for n in 0..stories {
        // Story n says "commonword" n % 7 + 1 times: the more it says it, the better it matches.
        let extra = "commonword ".repeat(n % 7 + 1);
        site.write(
            &format!("content/stories/generated-{n:03}.md"),
            &story(n, &extra),
        );
    }
    site
}

fn build_with(site: &TestSite, output: &Path, threads: &str) {
    let result = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(output)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(result.status.success(), "build failed: {}", stderr(&result));
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> u64 {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = self.bytes[self.at];
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                return value;
            }
        }
    }

    fn postings(&mut self, count: usize) -> Vec<(u64, u8)> {
        let mut record = 0;
        (0..count)
            .map(|_| {
                record += self.varint();
                let score = self.bytes[self.at];
                self.at += 1;
                (record, score)
            })
            .collect()
    }
}

/// One word of a chunk as the script reads it.
#[derive(Debug)]
struct Word {
    count: usize,
    postings: Vec<(u64, u8)>,
    tail: Option<String>,
}

/// Every word of every chunk the entry names, in chunk order, with the chunk's first word.
fn read_index(public: &Path) -> (serde_json::Value, Vec<(String, String, Word)>) {
    let dir = public.join("pagefind");
    let entry: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("entry.json")).unwrap()).unwrap();
    let mut words = Vec::new();
    for chunk in entry["chunks"].as_array().unwrap() {
        let from = chunk["from"].as_str().unwrap().to_string();
        let bytes = gunzip(&std::fs::read(dir.join(chunk["file"].as_str().unwrap())).unwrap());
        let mut reader = Reader {
            bytes: &bytes,
            at: 0,
        };
        let mut previous: Vec<u8> = Vec::new();
        while reader.at < bytes.len() {
            let shared = reader.varint() as usize;
            let length = reader.varint() as usize;
            let mut word = previous[..shared].to_vec();
            word.extend_from_slice(&bytes[reader.at..reader.at + length]);
            reader.at += length;
            previous = word.clone();
            let count = reader.varint() as usize;
            let head = reader.varint() as usize;
            let tail = (head < count).then(|| {
                let hex = String::from_utf8(bytes[reader.at..reader.at + 16].to_vec()).unwrap();
                reader.at += 16;
                hex
            });
            let postings = reader.postings(head);
            let word = String::from_utf8(word).unwrap();
            words.push((
                from.clone(),
                word,
                Word {
                    count,
                    postings,
                    tail,
                },
            ));
        }
    }
    (entry, words)
}

fn record(public: &Path, number: u64) -> serde_json::Value {
    let path = public.join(format!("pagefind/records/{number}.json"));
    serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
        .unwrap()
}

#[test]
fn every_word_of_a_story_leads_from_the_entry_to_its_record() {
    let test_site = generated_site(40);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_with(&test_site, &public, "2");
    let (entry, words) = read_index(&public);

    assert_eq!(entry["format"], 1);
    assert_eq!(entry["language"], "en");
    let records = entry["records"].as_u64().unwrap();
    // Kinds are runs of record numbers, stories first, one after another; every record file
    // is in the run of its kind, and there is one file a record.
    let kinds = entry["kinds"].as_array().unwrap();
    assert_eq!(kinds[0]["kind"], "Story");
    assert_eq!(kinds[0]["from"], 0);
    let runs: Vec<(u64, u64)> = kinds
        .iter()
        .map(|run| (run["from"].as_u64().unwrap(), run["to"].as_u64().unwrap()))
        .collect();
    assert!(runs.windows(2).all(|w| w[0].1 <= w[1].0), "{kinds:?}");
    let files = common::file_tree(&public.join("pagefind/records"));
    assert_eq!(files.len() as u64, records, "one file a record");
    let mut stories = 0;
    for name in files.keys() {
        let number: u64 = name.trim_end_matches(".json").parse().unwrap();
        let file = record(&public, number);
        let kind = kinds
            .iter()
            .find(|run| {
                (run["from"].as_u64().unwrap()..run["to"].as_u64().unwrap()).contains(&number)
            })
            .unwrap_or_else(|| panic!("record {number} is in no run: {kinds:?}"));
        assert_eq!(file["kind"], kind["kind"], "record {number}");
        stories += usize::from(file["kind"] == "Story");
    }
    assert_eq!(stories, 42, "the fixture's 2 stories and 40 more");

    // Words are in order within and across chunks, each chunk starting at its `from`.
    let names: Vec<&str> = words.iter().map(|(_, word, _)| word.as_str()).collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    for (from, word, _) in &words {
        assert!(
            from.as_str() <= word.as_str(),
            "{word} in the chunk from {from}"
        );
    }

    // A story's own word finds it, and only it.
    let (_, _, word) = words
        .iter()
        .find(|(_, word, _)| word == "uniqueword17")
        .unwrap();
    assert_eq!(word.count, 1);
    assert_eq!(word.tail, None);
    let found = record(&public, word.postings[0].0);
    assert_eq!(found["url"], "/stories/generated-017/");
    assert_eq!(found["title"], "Generated story 17");
    assert!(
        found["text"]
            .as_str()
            .unwrap()
            .starts_with("Summary 17. Body of story 17, which mentions the word uniqueword17 and"),
        "{found}"
    );

    // A word said more often in a record of the same length matches it better.
    let (_, _, common) = words
        .iter()
        .find(|(_, word, _)| word == "commonword")
        .unwrap();
    assert_eq!(common.count, 40);
    let score_of = |n: usize| {
        let url = format!("/stories/generated-{n:03}/");
        common
            .postings
            .iter()
            .find(|(number, _)| record(&public, *number)["url"] == url.as_str())
            .unwrap()
            .1
    };
    assert!(
        score_of(6) > score_of(0),
        "{} vs {}",
        score_of(6),
        score_of(0)
    );

    // Title words are indexed, lower-cased.
    assert!(names.contains(&"generated"), "{names:?}");
}

#[test]
fn a_word_in_more_records_than_a_chunk_keeps_has_its_best_in_the_chunk_and_all_in_a_tail() {
    let test_site = generated_site(520);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_with(&test_site, &public, "2");
    let (_, words) = read_index(&public);
    let (_, _, common) = words
        .iter()
        .find(|(_, word, _)| word == "commonword")
        .unwrap();
    assert_eq!(common.count, 520);
    assert_eq!(common.postings.len(), 500);
    let hex = common.tail.as_ref().expect("a tail file");
    let tail = gunzip(&std::fs::read(public.join(format!("pagefind/tails/t.{hex}.bin"))).unwrap());
    let mut reader = Reader {
        bytes: &tail,
        at: 0,
    };
    let count = reader.varint() as usize;
    let all = reader.postings(count);
    assert_eq!(all.len(), 520);
    assert_eq!(reader.at, tail.len());
    // The chunk's postings are the best of all of them, in record order.
    let worst_kept = common.postings.iter().map(|p| p.1).min().unwrap();
    let left_out: Vec<_> = all
        .iter()
        .filter(|p| !common.postings.contains(p))
        .collect();
    assert_eq!(left_out.len(), 20);
    assert!(left_out.iter().all(|p| p.1 <= worst_kept), "{left_out:?}");
    assert!(common.postings.windows(2).all(|w| w[0].0 < w[1].0));
}

/// A story whose words (40 of its own) fill several chunks among the others'.
fn wordy_story(n: usize) -> String {
    let own: Vec<String> = (0..40).map(|k| format!("own{n}word{k}")).collect();
    story(n, &own.join(" "))
}

#[test]
fn adding_a_story_changes_only_its_record_the_entry_and_the_chunks_and_tails_of_its_words() {
    let test_site = generated_site(0);
    for n in 0..300 {
        test_site.write(&format!("content/stories/w-{n:03}.md"), &wordy_story(n));
    }
    let out = tempfile::tempdir().unwrap();
    build_with(&test_site, &out.path().join("before"), "2");
    // First in the site's order and in its file names: numbered by position, every other
    // record would move.
    test_site.write(
        "content/stories/a-added.md",
        "---\ntitle: \"Added story\"\ndate: 2019-01-01\nsummary: \"Newly added.\"\n---\nFreshly written text.\n",
    );
    build_with(&test_site, &out.path().join("after"), "2");
    let before = common::file_tree(&out.path().join("before/pagefind"));
    let after = common::file_tree(&out.path().join("after/pagefind"));
    let chunks = before
        .keys()
        .filter(|name| name.starts_with("words/"))
        .count();
    assert!(chunks >= 8, "the site's words fill {chunks} chunks");
    let removed: Vec<&String> = before
        .keys()
        .filter(|name| !after.contains_key(*name))
        .collect();
    let changed: Vec<&String> = after
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    let new_records: Vec<&&String> = changed
        .iter()
        .filter(|n| n.starts_with("records/"))
        .collect();
    assert_eq!(new_records.len(), 1, "{new_records:?}");
    assert!(
        removed.iter().all(|name| !name.starts_with("records/")),
        "{removed:?}"
    );
    // The story's words are "added", "story", "newly", "freshly", "written", "text": a chunk
    // or tail each at most, besides its record and the entry.
    assert!(
        changed.len() <= 2 + 2 * 6,
        "{} files changed: {changed:?}",
        changed.len()
    );
    assert!(
        removed.len() <= 2 * 6,
        "{} files removed: {removed:?}",
        removed.len()
    );
}

#[test]
fn the_index_builds_byte_for_byte_the_same_on_one_thread_and_on_two() {
    let test_site = generated_site(600);
    let out = tempfile::tempdir().unwrap();
    build_with(&test_site, &out.path().join("one"), "1");
    build_with(&test_site, &out.path().join("two"), "2");
    let one = common::file_tree(&out.path().join("one").join("pagefind"));
    assert!(one.len() > 600, "{} files", one.len());
    common::assert_same_tree(&out.path().join("one"), &out.path().join("two"));
}

#[test]
fn the_search_page_loads_the_index_from_its_folder_under_the_base_path() {
    let test_site = generated_site(3);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let result = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["build", "--root"])
        .arg(&test_site.root)
        .arg("--output")
        .arg(&public)
        .args(["--base-url", "https://example.org/sub/"])
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    let html = std::fs::read_to_string(public.join("search/index.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let search = scraper::Selector::parse("#search").unwrap();
    let element = page.select(&search).next().expect("#search");
    assert_eq!(element.value().attr("data-bundle"), Some("/sub/pagefind/"));
    let scripts = scraper::Selector::parse("script[src*=\"search.\"]").unwrap();
    let src = page
        .select(&scripts)
        .next()
        .and_then(|s| s.value().attr("src"))
        .expect("the search script");
    let script = public.join(src.trim_start_matches("/sub/"));
    assert!(script.exists(), "{script:?}");
    let (_, words) = read_index(&public);
    let (_, _, word) = words.iter().find(|(_, w, _)| w == "uniqueword2").unwrap();
    assert_eq!(
        record(&public, word.postings[0].0)["url"],
        "/sub/stories/generated-002/"
    );
    let names: BTreeMap<String, Vec<u8>> = common::file_tree(&public.join("pagefind"));
    assert!(
        names.keys().all(|name| name == "entry.json"
            || name.starts_with("records/")
            || name.starts_with("words/w.")
            || name.starts_with("tails/t.")),
        "{:?}",
        names.keys()
    );
}

#[test]
fn the_search_page_asks_only_for_what_a_search_needs_and_other_pages_keep_previews() {
    let site = generated_site(3);
    site.build(&[]);
    let search = site.page("search/");
    let mut wanted: Vec<String> = search.attrs("link[rel=stylesheet]", "href");
    wanted.extend(search.attrs("script[src]", "src"));
    let names: Vec<&str> = wanted
        .iter()
        .map(|url| url.trim_start_matches('/').split('.').next().unwrap_or(""))
        .collect();
    assert_eq!(names, ["style", "theme-init", "site", "search"]);
    let story = site.page("stories/generated-001/");
    assert_eq!(
        story.attrs("script[src*='previews.']", "src").len(),
        1,
        "a story page keeps its link previews"
    );
    assert_eq!(story.attrs("link[href*='syntax.']", "href").len(), 1);
}
