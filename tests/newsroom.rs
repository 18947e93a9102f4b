//! Newsroom essentials on a site of their own (`tests/sites/newsdesk`, an invented dam
//! dispute): bylines and author pages, corrections and their feed, series, reading time,
//! tables of contents and the share button, each checked in the built files.

mod common;

use common::{TestSite, stderr};

/// Builds the newsdesk fixture with one edit, expecting the build to fail.
fn failing_build(file: &str, from: &str, to: &str) -> String {
    let site = TestSite::new("newsdesk");
    let path = site.root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!site.public().exists(), "a failed build wrote public/");
    stderr(&output)
}

fn built() -> TestSite {
    let site = TestSite::new("newsdesk");
    site.build(&[]);
    site
}

fn read(site: &TestSite, path: &str) -> String {
    std::fs::read_to_string(site.public().join(path)).unwrap()
}

#[test]
fn an_unknown_author_is_an_error_at_its_position_with_the_likely_id() {
    let message = failing_build(
        "content/stories/lowmark-protests.md",
        "authors: [ada-reyes, tomas-berg]",
        "authors: [ada-reyes, tomas-bergg]",
    );
    assert!(
        message.contains(
            "content/stories/lowmark-protests.md:7:22: error: unknown author `tomas-bergg` \
             (hint: did you mean `tomas-berg`?)"
        ),
        "{message}"
    );
}

#[test]
fn an_author_file_with_an_unknown_field_is_an_error_in_that_file() {
    let message = failing_build(
        "content/authors/tomas-berg.md",
        "role: \"Editor\"",
        "rol: \"Editor\"",
    );
    assert!(
        message.contains("content/authors/tomas-berg.md:3:1: error:"),
        "{message}"
    );
}

#[test]
fn author_pages_list_each_authors_stories_newest_first() {
    let site = built();
    let authors = site.page("authors/");
    assert_eq!(
        authors.texts(".author-list li"),
        [
            "Ada Reyes River correspondent 2 stories",
            "Tomas Berg Editor 2 stories"
        ]
    );
    let ada = site.page("authors/ada-reyes/");
    assert_eq!(ada.texts("h1"), ["Ada Reyes"]);
    assert_eq!(
        ada.texts(".story-card h3"),
        [
            "Lowmark Protests the Dam",
            "Upland Announces a Dam on the Varn"
        ]
    );
    assert_eq!(
        ada.attrs(".author-links a", "href"),
        ["https://example.com/desk/ada"]
    );
    assert_eq!(
        ada.texts(".prose p"),
        ["Ada covers the water dispute from Estvik."]
    );
}

#[test]
fn a_story_shows_its_byline_linked_to_the_author_pages() {
    let site = built();
    let story = site.page("stories/lowmark-protests/");
    assert_eq!(
        story.texts(".story .byline"),
        ["By Ada Reyes (River correspondent), Tomas Berg (Editor)"]
    );
    assert_eq!(
        story.attrs(".story .byline a", "href"),
        ["/authors/ada-reyes/", "/authors/tomas-berg/"]
    );
    let home = site.page("");
    assert!(
        home.texts(".latest .story-card .meta")
            .contains(&"10 January 2021 · By Ada Reyes, Tomas Berg".to_string()),
        "{:?}",
        home.texts(".latest .story-card .meta")
    );
}

#[test]
fn the_feed_names_each_storys_authors() {
    let site = built();
    let feed = read(&site, "atom.xml");
    let entry = feed
        .split("<entry>")
        .find(|entry| entry.contains("Lowmark Protests the Dam"))
        .unwrap();
    assert!(
        entry.contains(
            "<author><name>Ada Reyes</name></author>\n    <author><name>Tomas Berg</name></author>"
        ),
        "{entry}"
    );
    let unsigned = feed
        .split("<entry>")
        .find(|entry| entry.contains("A Short Note on the River"))
        .unwrap();
    assert!(!unsigned.contains("<author>"), "{unsigned}");
}

#[test]
fn a_story_carries_news_article_json_ld_that_parses() {
    let site = built();
    let story = site.page("stories/lowmark-protests/");
    let scripts = story.texts("script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1);
    let data: serde_json::Value = serde_json::from_str(&scripts[0]).unwrap();
    assert_eq!(data["@type"], "NewsArticle");
    assert_eq!(data["headline"], "Lowmark Protests the Dam");
    assert_eq!(data["datePublished"], "2021-01-10");
    assert_eq!(data["dateModified"], "2021-01-12", "the correction's date");
    assert_eq!(data["publisher"]["name"], "Newsdesk Test Explainer");
    assert_eq!(data["publisher"]["url"], "https://example.org/");
    assert_eq!(
        data["author"],
        serde_json::json!([
            {"@type": "Person", "name": "Ada Reyes", "url": "https://example.org/authors/ada-reyes/"},
            {"@type": "Person", "name": "Tomas Berg", "url": "https://example.org/authors/tomas-berg/"},
        ])
    );
}

#[test]
fn a_correction_shows_on_its_story_on_the_corrections_page_and_in_both_feeds() {
    let site = built();
    let story = site.page("stories/lowmark-protests/");
    assert_eq!(
        story.texts(".story .corrections li"),
        [
            "Correction 12 January 2021: An earlier version said Lowmark recalled its ambassador; \
          it summoned Upland’s. All corrections"
        ]
    );
    assert!(
        story.text.contains("said Lowmark <em>recalled</em> its"),
        "the correction's Markdown is rendered"
    );
    assert_eq!(
        story.attrs(".story .corrections a", "href"),
        ["/corrections/#correction-2"]
    );

    let page = site.page("corrections/");
    assert_eq!(
        page.texts(".correction-list > li .meta"),
        [
            "1 February 2021 · Upland",
            "20 January 2021 · Work starts on the dam",
            "12 January 2021 · Lowmark Protests the Dam",
            "8 January 2021 · “The dam will hold back only what we…”",
        ],
        "newest first, each naming what it corrects"
    );
    assert_eq!(
        page.attrs(".correction-list > li", "id"),
        [
            "correction-4",
            "correction-3",
            "correction-2",
            "correction-1"
        ],
        "numbered from the oldest, so a number never changes"
    );
    assert_eq!(
        page.attrs(".correction-list > li .meta a", "href"),
        [
            "/actors/upland/",
            "/timeline/#event-groundbreaking",
            "/stories/lowmark-protests/",
            "/quotes/#quote-dam-minister"
        ]
    );

    let feed = read(&site, "atom.xml");
    let entry = feed
        .split("<entry>")
        .find(|entry| entry.contains("Lowmark Protests the Dam"))
        .unwrap();
    assert!(
        entry.contains(
            "<content type=\"text\">Correction 2021-01-12: An earlier version said Lowmark \
             *recalled* its ambassador; it summoned Upland&#39;s."
        ),
        "{entry}"
    );

    let corrections_feed = read(&site, "corrections/atom.xml");
    assert!(
        corrections_feed
            .contains("<link href=\"https://example.org/corrections/atom.xml\" rel=\"self\""),
        "{corrections_feed}"
    );
    assert_eq!(corrections_feed.matches("<entry>").count(), 4);
    assert!(
        corrections_feed.contains(
            "<title>Correction: Lowmark Protests the Dam</title>\n    \
             <link href=\"https://example.org/corrections/#correction-2\""
        ),
        "{corrections_feed}"
    );
    assert!(corrections_feed.contains("<updated>2021-02-01T00:00:00Z</updated>"));
}

#[test]
fn a_corrected_record_shows_its_correction_on_its_own_page() {
    let site = built();
    let actor = site.page("actors/upland/");
    assert_eq!(
        actor.texts("article.actor > .corrections li"),
        [
            "Correction 1 February 2021: An earlier version of this page gave Upland’s capital \
          as Norrby; it is Estvik. All corrections"
        ]
    );
    let quotes = site.page("quotes/");
    assert_eq!(
        quotes.texts("#quote-dam-minister .corrections li"),
        [
            "Correction 8 January 2021: The quote first read all rather than only what. All corrections"
        ]
    );
    let timeline = site.page("timeline/");
    assert_eq!(
        timeline.texts("#event-groundbreaking .corrections li"),
        ["Correction 20 January 2021: The event was first dated 3 January. All corrections"]
    );
}

#[test]
fn a_correction_dated_before_its_story_is_an_error_at_its_date() {
    let message = failing_build(
        "content/stories/lowmark-protests.md",
        "date: 2021-01-12",
        "date: 2021-01-02",
    );
    assert!(
        message.contains(
            "content/stories/lowmark-protests.md:10:11: error: this correction is dated \
             2021-01-02, before the story it corrects (2021-01-10)"
        ),
        "{message}"
    );
}

#[test]
fn a_correction_dated_in_the_future_is_an_error() {
    let message = failing_build(
        "content/data/timeline.yaml",
        "date: 2021-01-20",
        "date: 2999-01-20",
    );
    assert!(
        message.contains(
            "content/data/timeline.yaml:7:13: error: this correction is dated 2999-01-20, \
             which is in the future"
        ),
        "{message}"
    );
}

#[test]
fn a_correction_without_a_day_is_an_error() {
    let message = failing_build(
        "content/actors/upland.md",
        "date: 2021-02-01",
        "date: 2021-02",
    );
    assert!(
        message.contains(
            "content/actors/upland.md:6:11: error: a correction's date must name the day, \
             not only `2021-02`"
        ),
        "{message}"
    );
}

#[test]
fn a_story_in_a_series_says_which_part_it_is_and_links_its_neighbours() {
    let site = built();
    let story = site.page("stories/lowmark-protests/");
    assert_eq!(
        story.texts(".series-nav #story-series"),
        ["The Varn dam, in order: Part 2 of 3"]
    );
    assert_eq!(
        story.attrs(".series-nav a[rel=prev]", "href"),
        ["/stories/dam-announced/"]
    );
    assert_eq!(
        story.attrs(".series-nav a[rel=next]", "href"),
        ["/stories/talks-open/"]
    );
    assert_eq!(
        story.texts(".series-nav [aria-current=page]"),
        ["Lowmark Protests the Dam"]
    );
    let first = site.page("stories/dam-announced/");
    assert!(first.attrs(".series-nav a[rel=prev]", "href").is_empty());
    let series = site.page("series/varn-dam/");
    assert_eq!(
        series.texts(".series-parts > li > a"),
        [
            "Upland Announces a Dam on the Varn",
            "Lowmark Protests the Dam",
            "Talks Open Over the Varn"
        ]
    );
    let home = site.page("");
    assert_eq!(
        home.texts(".start-here ol a"),
        [
            "Upland Announces a Dam on the Varn",
            "Lowmark Protests the Dam",
            "Talks Open Over the Varn"
        ]
    );
}

#[test]
fn every_story_links_the_stories_before_and_after_it_by_date() {
    let site = built();
    let story = site.page("stories/talks-open/");
    assert_eq!(
        story.attrs(".story-pager a[rel=prev]", "href"),
        ["/stories/lowmark-protests/"]
    );
    assert_eq!(
        story.attrs(".story-pager a[rel=next]", "href"),
        ["/stories/short-note/"]
    );
    let newest = site.page("stories/short-note/");
    assert!(newest.attrs(".story-pager a[rel=next]", "href").is_empty());
}

#[test]
fn a_gap_in_a_series_is_an_error_at_the_part_after_it() {
    let message = failing_build(
        "content/stories/talks-open.md",
        "series: {id: varn-dam, part: 3}",
        "series: {id: varn-dam, part: 4}",
    );
    assert!(
        message.contains(
            "content/stories/talks-open.md:8:9: error: the series `varn-dam` jumps to part 4: \
             part 3 is missing"
        ),
        "{message}"
    );
}

#[test]
fn two_stories_claiming_one_part_is_an_error() {
    let message = failing_build(
        "content/stories/talks-open.md",
        "series: {id: varn-dam, part: 3}",
        "series: {id: varn-dam, part: 2}",
    );
    assert!(
        message.contains("is already part 2 of the series `varn-dam`"),
        "{message}"
    );
}

#[test]
fn reading_time_is_words_at_two_hundred_a_minute_rounded_up() {
    let site = built();
    // 650 words of filler and a few more: 3.3 minutes, shown as 4.
    assert_eq!(
        site.page("stories/talks-open/").texts(".reading-time"),
        ["4 min read"]
    );
    assert_eq!(
        site.page("stories/short-note/").texts(".reading-time"),
        ["1 min read"]
    );
}

#[test]
fn a_table_of_contents_follows_the_headings_and_the_toc_setting() {
    let site = built();
    // Two second-level headings and one third-level: enough for contents.
    let long = site.page("stories/lowmark-protests/");
    assert_eq!(
        long.texts("nav.contents li"),
        ["The objection", "The reply", "What the treaty says"]
    );
    assert_eq!(
        long.attrs("nav.contents li.contents-sub a", "href"),
        ["#what-the-treaty-says"]
    );
    // Three headings, but `toc: false`.
    assert!(
        site.page("stories/talks-open/")
            .texts("nav.contents")
            .is_empty()
    );
    // One heading, but `toc: true`.
    assert_eq!(
        site.page("stories/short-note/").texts("nav.contents li"),
        ["Levels"]
    );
    // One heading and no setting.
    assert!(
        site.page("stories/dam-announced/")
            .texts("nav.contents")
            .is_empty()
    );
}

#[test]
fn the_share_button_is_hidden_markup_enhanced_by_an_external_script() {
    let site = built();
    let story = site.page("stories/dam-announced/");
    assert_eq!(
        story.attrs(".share[hidden]", "data-share-url"),
        ["https://example.org/stories/dam-announced/"]
    );
    assert_eq!(
        story.attrs(".share button[type=button]", "class"),
        ["share-button"]
    );
    assert_eq!(story.attrs(".share [role=status]", "aria-live"), ["polite"]);
    let scripts = story.attrs("script[src*=share]", "src");
    assert_eq!(scripts.len(), 1);
    let script = read(&site, scripts[0].trim_start_matches('/'));
    assert!(script.contains("navigator.share"), "{script}");
    assert!(script.contains("navigator.clipboard"), "{script}");
    // No script runs inline: the only inline script element holds data.
    let inline: Vec<String> = story
        .html
        .select(&scraper::Selector::parse("script:not([src])").unwrap())
        .map(|s| s.value().attr("type").unwrap_or("").to_string())
        .collect();
    assert_eq!(inline, ["application/ld+json"]);
}

#[test]
fn a_site_without_authors_corrections_or_series_gets_none_of_their_pages() {
    let site = TestSite::new("basic");
    site.build(&[]);
    for path in ["authors", "corrections", "series"] {
        assert!(!site.public().join(path).exists(), "{path}/ was written");
    }
    let story = site.page("stories/one/");
    assert!(story.texts(".byline").is_empty());
    assert!(story.texts(".corrections").is_empty());
    assert!(story.texts(".series-nav").is_empty());
    assert!(!read(&site, "atom.xml").contains("<entry>\n    <title>One</title>\n    <author>"));
    assert!(site.page("").texts(".start-here").is_empty());
}
