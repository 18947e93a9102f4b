//! The search index holds the text readers see on the page, not the Markdown it was written
//! in: read back from the record files a build writes (each is a record's URL, title, kind
//! and text), with the kind the entry file gives the record's number for filtering.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::TestSite;

/// One record as the index stores it.
#[derive(Debug)]
struct Fragment {
    content: String,
    title: String,
    kind: String,
    /// The kind of the record's number in the entry file's runs, which the search page
    /// filters by.
    kind_filter: Vec<String>,
}

/// Every record of a built site's index, by URL.
fn fragments(site: &TestSite) -> BTreeMap<String, Fragment> {
    let dir = site.public().join("pagefind");
    let entry: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("entry.json")).unwrap()).unwrap();
    let mut all = BTreeMap::new();
    // Records are numbered from their URLs, with gaps: read the files there are.
    let files = common::file_tree(&dir.join("records"));
    assert_eq!(files.len() as u64, entry["records"].as_u64().unwrap());
    for (name, bytes) in files {
        let number: u64 = name.trim_end_matches(".json").parse().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let string = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_string();
        let kind_filter = entry["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|run| {
                (run["from"].as_u64().unwrap()..run["to"].as_u64().unwrap()).contains(&number)
            })
            .map(|run| string(&run["kind"]))
            .collect();
        all.insert(
            string(&json["url"]),
            Fragment {
                content: string(&json["text"]),
                title: string(&json["title"]),
                kind: string(&json["kind"]),
                kind_filter,
            },
        );
    }
    all
}

fn strait() -> &'static (TestSite, BTreeMap<String, Fragment>) {
    static SITE: OnceLock<(TestSite, BTreeMap<String, Fragment>)> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::new("caldera");
        site.build(&[]);
        let fragments = fragments(&site);
        (site, fragments)
    })
}

fn record(url: &str) -> &'static Fragment {
    strait()
        .1
        .get(url)
        .unwrap_or_else(|| panic!("no record {url} in {:?}", strait().1.keys()))
}

#[test]
fn a_story_record_reads_as_the_page_does_without_citation_markers_or_embed_paths() {
    let story = record("/stories/tanker-seized/");
    assert_eq!(story.title, "The Tanker Seizure");
    assert_eq!(
        story.content,
        "Caldera’s navy boarded a Vessan tanker in the strait’s eastern channel. \
         What happened. \
         Sailors of the Caldera Navy boarded the Morning Gull, a Vessan tanker, at dawn. \
         The navy said the ship had sailed without a pilot. \
         A navy spokeswoman put it plainly: “The ship didn’t wait for a pilot – it sailed straight in…” \
         (Ana Ferro, spokeswoman, Caldera Navy) \
         “This is our water, and it’s always been.” (Republic of Caldera) \
         The reply. \
         Kingdom of Vessa called the boarding piracy, and shipowners asked for calm. \
         The crew was released the next day. \
         All twenty-one sailors, by the council’s count."
    );
}

#[test]
fn no_record_holds_markdown_syntax_or_repeats_its_title_at_the_start() {
    for (url, fragment) in &strait().1 {
        for leftover in ["@", "[[", "]]", "quotes/", "[^", "*", "_", " ,", " ."] {
            assert!(
                !fragment.content.contains(leftover),
                "{url}: `{leftover}` in {:?}",
                fragment.content
            );
        }
        assert!(
            !fragment.content.starts_with(&fragment.title),
            "{url} opens with its title: {:?}",
            fragment.content
        );
    }
}

#[test]
fn every_record_carries_a_kind_readers_can_be_shown_and_filter_by() {
    let kinds: BTreeMap<&str, &str> = strait()
        .1
        .iter()
        .map(|(url, fragment)| (url.as_str(), fragment.kind.as_str()))
        .collect();
    for (url, fragment) in &strait().1 {
        assert_eq!(
            fragment.kind_filter,
            std::slice::from_ref(&fragment.kind),
            "{url}"
        );
    }
    assert_eq!(kinds["/stories/tanker-seized/"], "Story");
    assert_eq!(kinds["/actors/caldera/"], "Actor");
    assert_eq!(kinds["/timeline/#event-boarding"], "Event");
    assert_eq!(kinds["/quotes/#quote-without-a-pilot"], "Quote");
    assert_eq!(kinds["/about/"], "Page");
    assert_eq!(kinds["/sources/#source-lloyds-list-boarding"], "Source");
}

#[test]
fn an_event_without_a_summary_is_still_found() {
    let event = record("/timeline/#event-crew-released");
    assert_eq!(event.title, "Crew released – ship held (4 May 2024)");
    assert_eq!(event.content, "Republic of Caldera.");
}

#[test]
fn a_quote_record_is_titled_by_its_speaker_and_holds_the_words() {
    let quote = record("/quotes/#quote-without-a-pilot");
    assert_eq!(quote.title, "Ana Ferro, spokeswoman, Caldera Navy");
    assert_eq!(
        quote.content,
        "“The ship didn’t wait for a pilot – it sailed straight in…” Explaining why the tanker was boarded."
    );
}

#[test]
fn an_actor_record_names_its_aliases_as_its_page_does() {
    let actor = record("/actors/vessa/");
    assert_eq!(
        actor.content,
        "Also known as Vessa. The island kingdom whose tankers use the strait – and whose tanker \
         was seized. Vessa depends on the strait for its fuel."
    );
}

#[test]
fn the_list_for_readers_without_javascript_credits_quotes_to_their_speakers() {
    let page = strait().0.page("search/");
    assert!(
        page.texts("#everything li").contains(
            &"“The ship didn’t wait for a pilot – it sailed straight in…” (Ana Ferro, spokeswoman, Caldera Navy)"
                .to_string()
        ),
        "{:?}",
        page.texts("#everything li")
    );
}

#[test]
fn the_example_site_index_has_no_citation_markers_or_embed_paths() {
    let site = TestSite::example();
    site.build(&[]);
    let fragments = fragments(&site);
    assert!(fragments.len() > 20, "{} records", fragments.len());
    for (url, fragment) in &fragments {
        for leftover in ["@", "[[", "quotes/", " ,", " ."] {
            assert!(
                !fragment.content.contains(leftover),
                "{url}: `{leftover}` in {:?}",
                fragment.content
            );
        }
        assert!(!fragment.kind.is_empty(), "{url} has no kind");
    }
}
