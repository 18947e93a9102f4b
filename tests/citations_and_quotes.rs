//! Citations that reach the original, footnotes apart from them, and quotes credited to the
//! people who said them, on `tests/sites/caldera`: a small invented maritime crisis written
//! apart from the example site, with officials quoted who are not actors.

mod common;

use std::sync::OnceLock;

use common::{Page, TestSite, stderr};

/// The fixture, built once for the tests that only read it.
fn built() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::new("caldera");
        site.build(&[]);
        site
    })
}

fn story() -> Page {
    built().page("stories/tanker-seized/")
}

/// The lines of `check`'s output that report an error, without the drawn snippets.
fn errors(site: &TestSite) -> Vec<String> {
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    stderr(&output)
        .lines()
        .filter(|line| line.contains(": error: "))
        .map(str::to_string)
        .collect()
}

fn edit(site: &TestSite, relative: &str, from: &str, to: &str) {
    let path = site.root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} has no `{from}`");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn citations_are_numbered_in_the_order_the_text_cites_them_and_front_matter_sources_come_last() {
    // The front matter lists harbour-wire-seizure, council-statement, vessa-note; the text
    // cites lloyds-list-boarding, harbour-wire-seizure, then council-statement and
    // lloyds-list-boarding again.
    let page = story();
    assert_eq!(
        page.texts("sup.citation a"),
        ["[1]", "[2]", "[3]", "[1]"],
        "numbers in reading order"
    );
    assert_eq!(
        page.attrs("sup.citation a", "href"),
        [
            "#cite-lloyds-list-boarding",
            "#cite-harbour-wire-seizure",
            "#cite-council-statement",
            "#cite-lloyds-list-boarding",
        ]
    );
    assert_eq!(
        page.attrs("ol.source-list > li", "id"),
        [
            "cite-lloyds-list-boarding",
            "cite-harbour-wire-seizure",
            "cite-council-statement",
            "cite-vessa-note",
        ],
        "each number's entry is that place in the numbered list"
    );
}

#[test]
fn a_source_entry_links_the_original_and_its_archived_copy_with_the_date_it_was_read() {
    let page = story();
    assert_eq!(
        page.attrs("#cite-lloyds-list-boarding a[rel=external]", "href"),
        [
            "https://shipping.example.com/news/tanker-boarded",
            "https://web.archive.org/web/20240503120000/https://shipping.example.com/news/tanker-boarded",
        ]
    );
    assert_eq!(
        page.texts("#cite-lloyds-list-boarding")[0],
        "Tanker boarded in the Pell Strait, Lloyd’s List, 3 May 2024 (archived copy), accessed 4 May 2024 ↩"
    );
    assert_eq!(
        page.attrs("#cite-lloyds-list-boarding time", "datetime"),
        ["2024-05-03", "2024-05-04"]
    );
    // A source with no address of its own links its entry on the sources page instead.
    assert_eq!(
        page.attrs("#cite-vessa-note a", "href"),
        ["/sources/#source-vessa-note"]
    );
}

#[test]
fn footnotes_are_lettered_so_they_never_read_as_citation_numbers() {
    let page = story();
    assert_eq!(page.texts("sup.footnote-ref a"), ["a"]);
    assert_eq!(page.attrs("sup.footnote-ref a", "aria-label"), ["Note a"]);
    assert_eq!(page.texts(".footnote .footnote-label"), ["a."]);
    assert!(
        page.texts("sup.citation")
            .iter()
            .all(|text| text.starts_with('[')),
        "citations stay bracketed numbers"
    );
}

#[test]
fn the_sources_page_lists_sources_without_numbers_and_links_archived_copies() {
    let page = built().page("sources/");
    assert!(page.texts("ol.sources").is_empty(), "no numbered list");
    assert_eq!(page.texts("ul.sources > li").len(), 5);
    assert!(
        page.attrs("#source-lloyds-list-boarding a[rel=external]", "href")
            .iter()
            .any(|href| href.starts_with("https://web.archive.org/")),
        "{:?}",
        page.texts("#source-lloyds-list-boarding")
    );
    assert!(
        page.texts("#source-lloyds-list-boarding .meta")[0].contains("Accessed 4 May 2024"),
        "{:?}",
        page.texts("#source-lloyds-list-boarding .meta")
    );
}

#[test]
fn a_record_citing_a_source_more_than_once_is_listed_once_under_it() {
    // The story cites lloyds-list-boarding twice in its text; the event is made to cite it
    // twice with another source between.
    let site = TestSite::new("caldera");
    edit(
        &site,
        "content/data/timeline.yaml",
        "sources: [lloyds-list-boarding]",
        "sources: [lloyds-list-boarding, council-statement, lloyds-list-boarding]",
    );
    site.build(&[]);
    let page = site.page("sources/");
    assert_eq!(
        page.texts("#source-lloyds-list-boarding details li"),
        [
            "story The Tanker Seizure",
            "event Caldera’s navy boards the Morning Gull (3 May 2024)",
            "figure Republic of Caldera: patrol boats, 12 boats (2024)",
        ]
    );
    assert_eq!(
        page.texts("#source-lloyds-list-boarding summary"),
        ["Cited by 3"]
    );
    let council = page.texts("#source-council-statement details li");
    assert_eq!(
        council
            .iter()
            .filter(|citer| citer.contains("boards the Morning Gull"))
            .count(),
        1,
        "{council:?}"
    );
}

#[test]
fn a_person_is_credited_by_name_role_and_the_actor_they_speak_for() {
    let page = built().page("quotes/");
    assert_eq!(
        page.texts("#quote-without-a-pilot figcaption")[0],
        "Ana Ferro, spokeswoman, Caldera Navy, 3 May 2024 Explaining why the tanker was boarded. Via Harbour Wire; source: Navy says seized tanker had no pilot"
    );
    assert_eq!(
        page.attrs("#quote-without-a-pilot figcaption a", "href")[0],
        "/actors/caldera-navy/"
    );
    // A role that already names the actor is not followed by the actor's name again; the
    // role links to the actor instead.
    assert!(
        page.texts("#quote-calm-please figcaption")[0]
            .starts_with("Tomas Reyl, chair of the Pell Shipping Council, 4 May 2024")
    );
    assert_eq!(
        page.attrs("#quote-calm-please a.speaker-role", "href"),
        ["/actors/pell-shipping-council/"]
    );
    // A person speaking for no actor is credited by name and role alone.
    assert!(
        page.texts("#quote-an-old-captain figcaption")[0]
            .starts_with("Ines Marr, retired captain, 5 May 2024")
    );
    // An actor speaking is credited by its name, linked.
    assert_eq!(
        page.texts("#quote-our-water figcaption a")[0],
        "Republic of Caldera"
    );
}

#[test]
fn via_is_written_once_however_the_editor_phrased_it() {
    // quotes.yaml says `via: "Reported by Harbour Wire"`.
    let page = built().page("quotes/");
    let caption = &page.texts("#quote-without-a-pilot .cite")[0];
    assert_eq!(
        caption,
        "Via Harbour Wire; source: Navy says seized tanker had no pilot"
    );
    assert!(!page.text.contains("Via Reported by"));
}

#[test]
fn an_inline_quote_credits_the_person_who_said_it() {
    let page = story();
    assert_eq!(
        page.texts("q.inline-quote + .quote-credit"),
        ["(Ana Ferro, spokeswoman, Caldera Navy)"]
    );
    assert!(
        !page.text.contains("</q> (<a"),
        "not credited to the actor alone"
    );
}

#[test]
fn quotes_by_people_appear_on_the_page_of_the_actor_they_speak_for() {
    let navy = built().page("actors/caldera-navy/");
    assert!(
        navy.texts("blockquote")
            .iter()
            .any(|text| text.starts_with("The ship didn’t wait")),
        "{:?}",
        navy.texts("blockquote")
    );
    let council = built().page("actors/pell-shipping-council/");
    assert_eq!(council.texts("blockquote"), ["We ask both sides for calm."]);
}

#[test]
fn text_from_data_files_gets_the_same_smart_punctuation_as_markdown() {
    let quotes = built().page("quotes/");
    assert_eq!(
        quotes.texts("#quote-without-a-pilot blockquote"),
        ["The ship didn’t wait for a pilot – it sailed straight in…"]
    );
    assert_eq!(
        quotes.texts("#quote-an-old-captain blockquote"),
        ["I’ve crossed that strait ‘a thousand times’."]
    );
    let timeline = built().page("timeline/");
    assert!(
        timeline
            .text
            .contains("Caldera’s navy boards the Morning Gull"),
        "event titles"
    );
    assert!(timeline.text.contains("Crew released – ship held"));
    let story = story();
    assert!(
        story.texts(".actor-cards .summary").contains(
            &"The island kingdom whose tankers use the strait – and whose tanker was seized."
                .to_string()
        ),
        "actor summaries: {:?}",
        story.texts(".actor-cards .summary")
    );
    // The Markdown beside them: the same marks for the same characters.
    assert!(story.text.contains("by the council’s count"));
    assert!(!quotes.text.contains("didn't") && !quotes.text.contains("didn&#39;t"));
}

#[test]
fn a_bad_archive_url_or_accessed_date_is_an_error_at_its_field() {
    let site = TestSite::new("caldera");
    edit(
        &site,
        "content/data/sources.yaml",
        "archive_url: \"https://web.archive.org/web/20240503120000/https://shipping.example.com/news/tanker-boarded\"",
        "archive_url: \"web.archive.org/tanker\"",
    );
    edit(
        &site,
        "content/data/sources.yaml",
        "accessed: 2024-05-03",
        "accessed: 2024-13-03",
    );
    assert_eq!(
        errors(&site),
        [
            "content/data/sources.yaml:6:16: error: archive_url: `web.archive.org/tanker` is not an absolute URL (hint: write the full web address of the archived copy, e.g. https://web.archive.org/web/2024/https://example.com/article)",
            "content/data/sources.yaml:14:13: error: `2024-13-03` has no month 13 (hint: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2013, 2013-03 or 2013-03-20)",
        ]
    );
}

#[test]
fn an_archive_url_that_is_not_a_web_address_is_refused() {
    let site = TestSite::new("caldera");
    edit(
        &site,
        "content/data/sources.yaml",
        "archive_url: \"https://web.archive.org/web/20240503120000/https://shipping.example.com/news/tanker-boarded\"",
        "archive_url: \"javascript:alert(1)\"",
    );
    let errors = errors(&site);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("content/data/sources.yaml:6:16: error: archive_url: `javascript:alert(1)` uses the `javascript:` scheme"),
        "{errors:?}"
    );
    let built = site.run(&["build"]);
    assert_eq!(built.status.code(), Some(1));
    assert!(
        !site.public().join("index.html").exists(),
        "nothing written"
    );
}

#[test]
fn a_person_speaking_for_an_unknown_actor_is_an_error_at_the_actor() {
    let site = TestSite::new("caldera");
    edit(
        &site,
        "content/data/quotes.yaml",
        "    actor: caldera-navy",
        "    actor: calderra-navy",
    );
    assert_eq!(
        errors(&site),
        [
            "content/data/quotes.yaml:5:12: error: unknown actor `calderra-navy` (hint: did you mean `caldera-navy`?)"
        ]
    );
}

#[test]
fn a_speaker_with_a_field_it_does_not_know_is_an_error_naming_the_fields_it_does() {
    let site = TestSite::new("caldera");
    edit(
        &site,
        "content/data/quotes.yaml",
        "    role: \"retired captain\"",
        "    rank: \"retired captain\"",
    );
    let errors = errors(&site);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "content/data/quotes.yaml:30:5: error: unknown field `rank`, expected one of name, role, actor"
        ),
        "{errors:?}"
    );
}

#[test]
fn a_speaker_without_a_name_is_an_error_at_the_name() {
    let site = TestSite::new("caldera");
    edit(
        &site,
        "content/data/quotes.yaml",
        "    name: \"Ines Marr\"",
        "    name: \"  \"",
    );
    let errors = errors(&site);
    assert_eq!(
        errors,
        [
            "content/data/quotes.yaml:29:11: error: the speaker's name is empty (hint: write the person's name, or give an actor id as the speaker instead)"
        ]
    );
}

#[test]
fn an_event_summary_that_embeds_a_quote_shows_it_on_every_page_that_lists_the_event() {
    // Event summaries are drawn once per build unless they may embed a quote; this one
    // does, so each page draws it (and would report the quote partial's failure).
    let site = TestSite::new("caldera");
    edit(
        &site,
        "content/data/timeline.yaml",
        "Sailors boarded the *Morning Gull* at dawn.",
        "Sailors boarded the *Morning Gull* at dawn: ![[quotes/without-a-pilot]]",
    );
    let output = site.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for path in ["timeline/", "actors/vessa/"] {
        let quotes = site.page(path).texts("q.inline-quote");
        assert_eq!(quotes.len(), 1, "{path}: {quotes:?}");
        assert!(
            quotes[0].contains("it sailed straight in"),
            "{path}: {quotes:?}"
        );
    }
}
