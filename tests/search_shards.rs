//! The search index split into shards: every record in exactly one shard, shards kept stable
//! as stories come and go, each shard's bundle written where the search page merges it from,
//! and the same bytes whatever the thread count.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::{TestSite, stderr};
use flashpoint::search::{
    self, EVENTS_PER_SHARD_VAR, PEOPLE_PER_SHARD_VAR, RecordRef, STORIES_PER_SHARD_VAR, Shard,
    ShardSizes,
};
use flashpoint::site::Site;

/// Small targets, so a test site of a few dozen stories has several shards of each kind.
const SIZES: ShardSizes = ShardSizes {
    stories: 10,
    events: 4,
    people: 3,
};

fn story(n: usize) -> String {
    format!(
        "---\ntitle: \"Generated story {n}\"\ndate: 2021-{:02}-{:02}\nsummary: \"Summary {n}.\"\n---\n\
         Body of story {n}, which mentions the word shardword{n} and [[alpha]].\n",
        n % 12 + 1,
        n % 28 + 1
    )
}

/// The `basic` fixture with `stories` generated stories more and `events` generated events more.
fn generated_site(stories: usize, events: usize) -> TestSite {
    let site = TestSite::new("basic");
    for n in 0..stories {
        site.write(&format!("content/stories/generated-{n:03}.md"), &story(n));
    }
    let timeline = site.root.join("content/data/timeline.yaml");
    let mut yaml = std::fs::read_to_string(&timeline).unwrap();
    for n in 0..events {
        yaml.push_str(&format!(
            "- id: generated-event-{n:03}\n  date: 2021-05-{:02}\n  title: \"Generated event {n}\"\n  actors: [alpha]\n  sources: [s1]\n",
            n % 28 + 1
        ));
    }
    std::fs::write(timeline, yaml).unwrap();
    site
}

fn load(site: &TestSite, base_url: Option<&str>) -> Site {
    let (site, _) = flashpoint::load_site(&site.root, base_url, false)
        .unwrap_or_else(|e| panic!("the test site does not load: {e:?}"));
    site
}

fn record_id(site: &Site, record: RecordRef) -> String {
    match record {
        RecordRef::Story(ix) => format!("story {}", site.stories[ix].id.as_str()),
        RecordRef::Actor(ix) => format!("actor {}", site.actors[ix].id.as_str()),
        RecordRef::Event(ix) => format!("event {}", site.events[ix].id.as_str()),
        RecordRef::Quote(ix) => format!("quote {}", site.quotes[ix].id.as_str()),
        RecordRef::Page(ix) => format!("page {}", site.pages[ix].id.as_str()),
        RecordRef::Source(ix) => format!("source {}", site.sources[ix].id.as_str()),
    }
}

/// Record (by kind and id) → the name of the shard holding it.
fn membership(site: &Site, shards: &[Shard]) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for shard in shards {
        for &record in &shard.members {
            let previous = map.insert(record_id(site, record), shard.name.clone());
            assert!(previous.is_none(), "{record:?} is in two shards");
        }
    }
    map
}

#[test]
fn every_record_is_in_exactly_one_shard() {
    let test_site = generated_site(45, 15);
    let site = load(&test_site, None);
    let shards = search::plan_with(&site, SIZES);

    let names: Vec<&str> = shards.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[0], "", "the primary comes first: {names:?}");
    assert_eq!(
        names.iter().collect::<BTreeSet<_>>().len(),
        names.len(),
        "shard names are unique: {names:?}"
    );
    let count = |prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();
    // 47 stories at 10 a shard, 19 events at 4 a shard.
    assert_eq!(site.stories.len(), 47);
    assert_eq!(count("stories-"), 5, "{names:?}");
    assert_eq!(site.events.len(), 19);
    assert_eq!(count("events-"), 5, "{names:?}");
    // 4 actors, a quote, a page and 2 sources at 3 a shard: the primary and at most two more.
    assert!(count("people-") <= 2, "{names:?}");

    let mut seen: BTreeMap<RecordRef, usize> = BTreeMap::new();
    for shard in &shards {
        assert!(
            shard.members.windows(2).all(|w| w[0] < w[1]),
            "{}: members sorted and distinct",
            shard.name
        );
        for &record in &shard.members {
            *seen.entry(record).or_default() += 1;
            let kind_matches = match record {
                RecordRef::Story(_) => shard.name.starts_with("stories-"),
                RecordRef::Event(_) => shard.name.starts_with("events-"),
                RecordRef::Actor(_)
                | RecordRef::Quote(_)
                | RecordRef::Page(_)
                | RecordRef::Source(_) => {
                    shard.name.is_empty() || shard.name.starts_with("people-")
                }
            };
            assert!(kind_matches, "{record:?} in {}", shard.name);
        }
    }
    let expected: Vec<RecordRef> = (0..site.stories.len())
        .map(RecordRef::Story)
        .chain((0..site.actors.len()).map(RecordRef::Actor))
        .chain((0..site.events.len()).map(RecordRef::Event))
        .chain((0..site.quotes.len()).map(RecordRef::Quote))
        .chain((0..site.pages.len()).map(RecordRef::Page))
        .chain((0..site.sources.len()).map(RecordRef::Source))
        .collect();
    assert_eq!(seen.keys().copied().collect::<Vec<_>>(), expected);
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");

    // The default sizes keep a site this small in one shard, the primary, with everything.
    let default = search::plan_with(&site, ShardSizes::default());
    assert_eq!(default.len(), 1);
    assert_eq!(default[0].name, "");
    assert_eq!(default[0].members, expected);
    assert_eq!(search::bundle_paths(&site, &default), Vec::<String>::new());

    // The plan is a function of the site alone.
    assert_eq!(search::plan_with(&load(&test_site, None), SIZES), shards);
}

#[test]
fn adding_or_removing_a_story_leaves_the_other_stories_where_they_were() {
    let test_site = generated_site(45, 0);
    let before = membership(
        &load(&test_site, None),
        &search::plan_with(&load(&test_site, None), SIZES),
    );

    // 47 stories → 48: still five story shards; only the new story is new.
    test_site.write("content/stories/added.md", &story(999));
    let site = load(&test_site, None);
    let after = membership(&site, &search::plan_with(&site, SIZES));
    assert_eq!(after.len(), before.len() + 1);
    for (record, shard) in &before {
        assert_eq!(&after[record], shard, "{record} moved");
    }
    assert!(after["story added"].starts_with("stories-"));

    // Removing a story moves no other record either.
    std::fs::remove_file(test_site.root.join("content/stories/generated-007.md")).unwrap();
    let site = load(&test_site, None);
    let removed = membership(&site, &search::plan_with(&site, SIZES));
    assert_eq!(removed.len(), after.len() - 1);
    for (record, shard) in &removed {
        assert_eq!(&after[record], shard, "{record} moved");
    }

    // Past 50 stories a sixth shard appears, and the stories that move all go to it.
    assert_eq!(site.stories.len(), 47);
    for n in 100..104 {
        test_site.write(&format!("content/stories/more-{n}.md"), &story(n));
    }
    let site = load(&test_site, None);
    let grown = membership(&site, &search::plan_with(&site, SIZES));
    let mut moved = 0;
    for (record, shard) in &removed {
        if &grown[record] != shard {
            moved += 1;
            assert_eq!(grown[record], "stories-05", "{record} moved from {shard}");
        }
    }
    assert!(
        (1..=20).contains(&moved),
        "{moved} stories moved to the new shard"
    );
}

fn build_with(site: &TestSite, output: &Path, threads: &str) {
    let result = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(output)
        .env("RAYON_NUM_THREADS", threads)
        .env(STORIES_PER_SHARD_VAR, SIZES.stories.to_string())
        .env(EVENTS_PER_SHARD_VAR, SIZES.events.to_string())
        .env(PEOPLE_PER_SHARD_VAR, SIZES.people.to_string())
        .output()
        .unwrap();
    assert!(result.status.success(), "build failed: {}", stderr(&result));
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::file_tree(dir)
}

/// The URLs a pagefind fragment file holds (a single fragment, or a group of them).
fn fragment_urls(bytes: &[u8]) -> Vec<String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(text.strip_prefix("pagefind_dcd").unwrap()).unwrap();
    match json.get("url") {
        Some(url) => vec![url.as_str().unwrap().to_string()],
        None => json
            .as_object()
            .unwrap()
            .values()
            .map(|f| f["url"].as_str().unwrap().to_string())
            .collect(),
    }
}

#[test]
fn the_build_writes_the_primary_bundle_and_every_shard_where_the_search_page_merges_them() {
    let test_site = generated_site(45, 15);
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_with(&test_site, &public, "2");
    let files = tree(&public);
    let site = load(&test_site, None);
    let shards = search::plan_with(&site, SIZES);
    assert!(shards.len() >= 8, "{} shards", shards.len());

    // The primary bundle: pagefind's scripts, styles and WebAssembly, and its own index.
    for name in [
        "pagefind.js",
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-worker.js",
        "wasm.en.pagefind",
        "pagefind-entry.json",
    ] {
        assert!(
            files.contains_key(&format!("pagefind/{name}")),
            "pagefind/{name}"
        );
    }

    // The search page names every secondary shard, in the plan's order.
    let page = test_site_page(&public, "search/index.html");
    let merge = attr(&page, "#search", "data-merge");
    let merged: Vec<String> = serde_json::from_str(&merge).unwrap();
    let expected: Vec<String> = shards
        .iter()
        .filter(|s| !s.name.is_empty())
        .map(|s| format!("/pagefind/{}/", s.name))
        .collect();
    assert_eq!(merged, expected);
    assert_eq!(attr(&page, "#search", "data-bundle"), "/pagefind/");

    let mut total = 0;
    for shard in &shards {
        let dir = if shard.name.is_empty() {
            "pagefind/".to_string()
        } else {
            format!("pagefind/{}/", shard.name)
        };
        let entry: serde_json::Value =
            serde_json::from_slice(&files[&format!("{dir}pagefind-entry.json")]).unwrap();
        assert_eq!(
            entry["languages"]["en"]["page_count"],
            shard.members.len(),
            "{dir}: {entry}"
        );
        total += shard.members.len();
        let own: Vec<&String> = files
            .keys()
            .filter(|path| {
                path.strip_prefix(&dir).is_some_and(|rest| {
                    !shards
                        .iter()
                        .any(|s| !s.name.is_empty() && rest.starts_with(&format!("{}/", s.name)))
                })
            })
            .collect();
        let hash = entry["languages"]["en"]["hash"].as_str().unwrap();
        assert!(
            files.contains_key(&format!("{dir}pagefind.{hash}.pf_meta")),
            "{dir}"
        );
        if !shard.name.is_empty() {
            // A merged instance fetches only its entry, meta and chunks.
            for path in &own {
                let rest = &path[dir.len()..];
                assert!(
                    rest == "pagefind-entry.json"
                        || rest.ends_with(".pf_meta")
                        || ["index/", "fragment/", "filter/"]
                            .iter()
                            .any(|d| rest.starts_with(d)),
                    "{path} is never fetched by a merged index"
                );
            }
        }
        // Each shard's fragments hold exactly its members' URLs.
        let mut urls: Vec<String> = own
            .iter()
            .filter(|p| p[dir.len()..].starts_with("fragment/"))
            .flat_map(|p| fragment_urls(&files[*p]))
            .collect();
        urls.sort();
        let mut expected: Vec<String> = shard
            .members
            .iter()
            .map(|&m| match m {
                RecordRef::Story(ix) => format!("/stories/{}/", site.stories[ix].id.as_str()),
                RecordRef::Actor(ix) => format!("/actors/{}/", site.actors[ix].id.as_str()),
                RecordRef::Event(ix) => {
                    format!("/timeline/#event-{}", site.events[ix].id.as_str())
                }
                RecordRef::Quote(ix) => format!("/quotes/#quote-{}", site.quotes[ix].id.as_str()),
                RecordRef::Page(ix) => format!("/{}/", site.pages[ix].id.as_str()),
                RecordRef::Source(ix) => {
                    format!("/sources/#source-{}", site.sources[ix].id.as_str())
                }
            })
            .collect();
        expected.sort();
        assert_eq!(urls, expected, "{dir}");
    }
    assert_eq!(
        total,
        site.stories.len()
            + site.actors.len()
            + site.events.len()
            + site.quotes.len()
            + site.pages.len()
            + site.sources.len()
    );
    // No stray shard folders.
    let folders: BTreeSet<&str> = files
        .keys()
        .filter_map(|p| p.strip_prefix("pagefind/"))
        .filter_map(|p| p.split_once('/').map(|(folder, _)| folder))
        .filter(|f| !["index", "fragment", "filter"].contains(f))
        .collect();
    let named: BTreeSet<&str> = shards
        .iter()
        .filter(|s| !s.name.is_empty())
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(folders, named);
}

fn test_site_page(public: &Path, file: &str) -> scraper::Html {
    scraper::Html::parse_document(&std::fs::read_to_string(public.join(file)).unwrap())
}

fn attr(html: &scraper::Html, selector: &str, name: &str) -> String {
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .next()
        .unwrap_or_else(|| panic!("no {selector:?}"))
        .value()
        .attr(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .to_string()
}

#[test]
fn shards_build_byte_for_byte_the_same_on_one_thread_and_on_two() {
    let test_site = generated_site(45, 15);
    let out = tempfile::tempdir().unwrap();
    build_with(&test_site, &out.path().join("one"), "1");
    build_with(&test_site, &out.path().join("two"), "2");
    let one = tree(&out.path().join("one"));
    let two = tree(&out.path().join("two"));
    assert!(
        one.keys()
            .filter(|p| p.ends_with("/pagefind-entry.json"))
            .count()
            >= 8,
        "several shards"
    );
    common::assert_same_tree(&out.path().join("one"), &out.path().join("two"));
    assert_eq!(one.len(), two.len());
}

#[test]
fn the_library_builds_each_shard_alone_as_it_builds_them_together() {
    let test_site = generated_site(45, 15);
    let site = load(&test_site, Some("https://example.org/sub/"));
    let shards = search::plan_with(&site, SIZES);

    let together = std::sync::Mutex::new(BTreeMap::new());
    search::build_shards(&site, &shards, &|shard, files| {
        let mut together = together.lock().unwrap();
        for file in files {
            let path = file.path.clone();
            assert!(
                together
                    .insert(file.path, (shard.name.clone(), file.contents))
                    .is_none(),
                "{path} written by two shards"
            );
        }
        Ok(())
    })
    .unwrap();
    let together = together.into_inner().unwrap();

    for shard in &shards {
        let alone = search::build_shard(&site, shard).unwrap();
        let dir = search::shard_dir(shard);
        assert!(
            alone.windows(2).all(|w| w[0].path < w[1].path),
            "{dir}: sorted"
        );
        for file in &alone {
            assert!(file.path.starts_with(&dir), "{} outside {dir}", file.path);
            let (owner, bytes) = &together[&file.path];
            assert_eq!(owner, &shard.name);
            assert!(bytes == &file.contents, "{} differs", file.path);
        }
        let count = together
            .values()
            .filter(|(owner, _)| owner == &shard.name)
            .count();
        assert_eq!(count, alone.len(), "{dir}");
    }

    // Bundle paths follow the base path.
    let paths = search::bundle_paths(&site, &shards);
    assert_eq!(paths.len(), shards.len() - 1);
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("/sub/pagefind/") && p.ends_with('/'))
    );
    assert!(
        paths.contains(&"/sub/pagefind/stories-00/".to_string()),
        "{paths:?}"
    );

    // An empty primary (a site with no actors or quotes) still builds pagefind's scripts.
    let empty = Shard {
        name: String::new(),
        members: Vec::new(),
    };
    let files = search::build_shard(&site, &empty).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
    assert!(names.contains(&"pagefind/pagefind-entry.json"), "{names:?}");
}

#[test]
fn shard_inputs_change_with_a_member_and_only_then() {
    let test_site = generated_site(45, 0);
    let digest = |site: &Site| -> BTreeMap<String, Vec<u8>> {
        search::plan_with(site, SIZES)
            .iter()
            .map(|shard| {
                let mut bytes = Vec::new();
                search::shard_inputs(site, shard, &mut |piece| bytes.extend_from_slice(piece));
                (shard.name.clone(), bytes)
            })
            .collect()
    };
    let site = load(&test_site, None);
    let before = digest(&site);
    let edited_shard =
        membership(&site, &search::plan_with(&site, SIZES))["story generated-012"].clone();

    let path = test_site.root.join("content/stories/generated-012.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Body of story", "Edited body of story")).unwrap();
    let after = digest(&load(&test_site, None));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &before {
        assert_eq!(
            bytes != &after[name],
            name == &edited_shard,
            "{name}: changed only where the edited story is"
        );
    }
}
