//! How `flashpoint build` turns a site into pages: what each page lists and links.

mod common;

use common::TestSite;

#[test]
fn actor_page_lists_exactly_the_stories_that_name_it_in_front_matter_or_inline() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let alpha = site.page("actors/alpha/");
    // one.md names alpha in front matter; two.md only links it inline; three.md is a draft.
    assert_eq!(
        alpha.texts("#stories .story-card h3"),
        ["Story Two", "Story One"]
    );
    let beta = site.page("actors/beta/");
    assert_eq!(
        beta.texts("#stories .story-card h3"),
        ["Story Two", "Story One"]
    );
    let gamma = site.page("actors/gamma/");
    assert!(gamma.texts("#stories .story-card").is_empty());
}

#[test]
fn actor_page_gathers_its_events_quotes_figures_and_relations() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let alpha = site.page("actors/alpha/");
    assert_eq!(
        alpha.texts("#timeline .event-title"),
        ["Event with a year", "Event with a day"]
    );
    assert_eq!(
        alpha.texts("#figures td.num"),
        ["500 personnel", "1,000 personnel"]
    );
    assert_eq!(
        alpha.texts("#relations li"),
        ["adversary Beta Republic", "led by Gamma Person"]
    );
    let gamma = site.page("actors/gamma/");
    assert_eq!(gamma.texts("#quotes blockquote"), ["We will prevail."]);
    assert_eq!(gamma.texts("#relations li"), ["leader of Alpha State"]);
    let beta = site.page("actors/beta/");
    assert_eq!(beta.texts("#relations li"), ["adversary Alpha State"]);
}

#[test]
fn wiki_links_resolve_to_titles_and_honour_a_base_url_sub_path() {
    let site = TestSite::new("basic");
    site.build(&["--base-url", "https://example.org/explainer/"]);
    let one = site.page("stories/one/");
    let links: Vec<(String, String)> = one
        .attrs(".prose a", "href")
        .into_iter()
        .zip(one.texts(".prose a"))
        .filter(|(href, _)| !href.starts_with('#'))
        .collect();
    assert_eq!(
        links,
        [
            (
                "/explainer/actors/beta/".to_string(),
                "Beta Republic".to_string()
            ),
            (
                "/explainer/stories/two/".to_string(),
                "Story Two".to_string()
            ),
            (
                "/explainer/actors/alpha/".to_string(),
                "the Alpha state".to_string()
            ),
        ]
    );
    assert_eq!(
        one.attrs("link[rel=canonical]", "href"),
        ["https://example.org/explainer/stories/one/"]
    );
    let stylesheet = &one.attrs("link[rel=stylesheet]", "href")[0];
    assert!(
        stylesheet.starts_with("/explainer/style.")
            && flashpoint::hosting::is_content_hashed(stylesheet),
        "{stylesheet}"
    );
}

#[test]
fn timeline_sorts_partial_dates_with_the_less_precise_first_and_shows_them_as_known() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let timeline = site.page("timeline/");
    assert_eq!(
        timeline.texts(".event-title"),
        [
            "Event before",
            "Event with a year",
            "Event with a month",
            "Event with a day"
        ]
    );
    // A date known only to the year or month is the heading above the event, not
    // printed again under it.
    assert_eq!(
        timeline.texts(".event-date"),
        ["31 December 2019", "5 March 2020"]
    );
    assert_eq!(
        timeline.attrs(".event-date time", "datetime"),
        ["2019-12-31", "2020-03-05"]
    );
    assert_eq!(timeline.texts(".year > h2"), ["2019", "2020"]);
    assert_eq!(timeline.texts("h3.month"), ["December 2019", "March 2020"]);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new("basic");
    site.build(&[]);
    assert!(!site.public().join("stories/three").exists());
    assert!(!site.page("").text.contains("Story Three"));
    site.build(&["--drafts"]);
    assert!(site.public().join("stories/three/index.html").is_file());
    assert_eq!(
        site.page("actors/alpha/").texts("#stories .story-card h3")[0],
        "Story Three (draft)"
    );
}

#[test]
fn a_site_template_overrides_the_theme_template_of_the_same_name() {
    let site = TestSite::new("basic");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"overridden\">{{ page.title }}</h1>{% endblock content %}",
    );
    site.build(&[]);
    assert_eq!(site.page("about/").texts("h1.overridden"), ["About"]);
    // Pages drawn by other templates still come from the theme.
    assert_eq!(
        site.page("stories/one/").texts("article.story h1"),
        ["Story One"]
    );
}

#[test]
fn story_page_numbers_its_sources_and_prefixes_footnote_and_heading_ids() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let one = site.page("stories/one/");
    assert_eq!(
        one.texts("#sources ol li"),
        ["Source One, Wire, January 2020"]
    );
    // The entry links the original, not the site's own list of sources.
    assert_eq!(
        one.attrs("#sources ol li a", "href"),
        ["https://example.com/one"]
    );
    assert_eq!(
        one.attrs(".prose h2", "id"),
        ["what-happened", "what-happened-1"]
    );
    assert_eq!(one.attrs("sup.footnote-ref a", "href"), ["#fn-1"]);
    assert_eq!(one.attrs("div.footnote", "id"), ["fn-1"]);
    assert!(
        one.attrs("pre.code span", "class")
            .iter()
            .any(|c| c.starts_with("hl-")),
        "code is highlighted with classes"
    );
    assert_eq!(one.texts("#related h3"), ["Story Two"]);
}

#[test]
fn sources_page_links_back_to_everything_that_cites_each_source() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let sources = site.page("sources/");
    assert_eq!(
        sources.attrs("ul.sources > li", "id"),
        ["source-s1", "source-s2"]
    );
    let s1 = sources.attrs("#source-s1 details a", "href");
    assert!(s1.contains(&"/stories/one/".to_string()), "{s1:?}");
    assert!(s1.contains(&"/timeline/#event-e-day".to_string()), "{s1:?}");
    assert!(
        s1.contains(&"/actors/alpha/".to_string()),
        "figures link their actor: {s1:?}"
    );
    let s2 = sources.attrs("#source-s2 details a", "href");
    assert!(s2.contains(&"/quotes/#quote-q1".to_string()), "{s2:?}");
}

#[test]
fn sources_page_lists_the_home_plain_and_actor_pages_that_cite_a_source() {
    let site = TestSite::new("basic");
    site.write(
        "content/pages/method.md",
        "---\ntitle: \"Our Method\"\n---\nWe lean on [@s2] throughout.\n",
    );
    site.write(
        "content/actors/delta.md",
        "---\nname: \"Delta Group\"\nkind: group\nsummary: \"Mentioned by no story.\"\n---\nSeen in [@s2].\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: \"Test Explainer\"\nsummary: \"Fixture home page.\"\n---\nStart with [[alpha]], as [@s2] did.\n",
    );
    site.build(&[]);
    let sources = site.page("sources/");
    let citers: Vec<(String, String)> = sources
        .texts("#source-s2 details li")
        .into_iter()
        .zip(sources.attrs("#source-s2 details li a", "href"))
        .collect();
    for (text, href) in [
        ("page Our Method", "/method/"),
        ("actor Delta Group", "/actors/delta/"),
        ("home Test Explainer", "/"),
    ] {
        assert!(
            citers.contains(&(text.to_string(), href.to_string())),
            "{text} at {href} missing from {citers:?}"
        );
    }
    assert_eq!(
        sources.texts("#source-s2 details summary"),
        [format!("Cited by {}", citers.len())]
    );
    let s1 = sources.texts("#source-s1 details li");
    assert!(
        !s1.iter().any(|t| t.contains("Our Method")),
        "only the cited source lists the page: {s1:?}"
    );
}

#[test]
fn tags_get_pages_under_their_slug() {
    let site = TestSite::new("basic");
    site.build(&[]);
    assert_eq!(
        site.page("tags/cyber-attacks/").texts("h1"),
        ["Cyber Attacks"]
    );
    assert_eq!(
        site.page("tags/").texts(".tag-index a"),
        ["Cyber Attacks", "sanctions"]
    );
}

#[test]
fn a_deleted_story_disappears_from_the_output_on_the_next_build() {
    let site = TestSite::new("basic");
    site.build(&[]);
    assert!(site.public().join("stories/two/index.html").is_file());
    std::fs::remove_file(site.root.join("content/stories/two.md")).unwrap();
    std::fs::write(
        site.root.join("content/stories/one.md"),
        "---\ntitle: \"Story One\"\ndate: 2020-01-02\nsummary: \"s\"\nactors: [alpha]\n---\nBody.\n",
    )
    .unwrap();
    site.build(&[]);
    assert!(!site.public().join("stories/two").exists());
}

#[test]
fn build_prints_a_one_line_summary() {
    let site = TestSite::new("basic");
    let output = site.build(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("built "), "{stdout}");
    assert!(stdout.contains(" pages "), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}

#[test]
fn inline_citations_number_the_sources_and_link_both_ways() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let two = site.page("stories/two/");
    // s1 is cited first (number 1), then s2, which the front matter names too (number 2).
    assert_eq!(
        two.texts("#sources ol li > a:first-child"),
        ["Source One", "Source Two"]
    );
    assert_eq!(two.texts("sup.citation a"), ["[1]", "[2]", "[1]"]);
    assert_eq!(
        two.attrs("sup.citation a", "href"),
        ["#cite-s1", "#cite-s2", "#cite-s1"]
    );
    assert_eq!(
        two.attrs("sup.citation a", "id"),
        ["cite-ref-s1", "cite-ref-s2", "cite-ref-s1-2"]
    );
    assert_eq!(
        two.attrs("#cite-s1 a.citation-back", "href"),
        ["#cite-ref-s1"]
    );
    // Inline citations count on the sources page too.
    let s1 = site.page("sources/").attrs("#source-s1 details a", "href");
    assert!(s1.contains(&"/stories/two/".to_string()), "{s1:?}");
}

#[test]
fn an_embedded_quote_becomes_a_pull_quote_with_speaker_and_source() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let two = site.page("stories/two/");
    assert_eq!(
        two.texts(".prose figure.pull-quote blockquote"),
        ["We will prevail."]
    );
    assert_eq!(
        two.attrs(".prose figure.pull-quote figcaption a", "href"),
        ["/actors/gamma/", "/sources/#source-s2"]
    );
    assert!(
        two.texts(".prose > p")
            .iter()
            .all(|p| !p.contains("quotes/q1"))
    );
}

#[test]
fn sources_that_disagree_on_a_figure_are_shown_as_a_range_with_every_value() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let forces = site.page("forces/");
    assert_eq!(
        forces.texts("tr.disputed td.num"),
        ["32,000–48,000 computersDisputed"]
    );
    assert_eq!(forces.texts("tr.disputed .dispute-label"), ["Disputed"]);
    assert_eq!(
        forces.texts("tr.disputed ul.dispute li"),
        [
            "32,000 according to Source One",
            "48,000 according to Source Two"
        ]
    );
    assert_eq!(
        site.page("actors/beta/")
            .texts("#figures tr.disputed td.num"),
        ["32,000–48,000 computersDisputed"]
    );
    // Figures that agree, or differ in date, are not disputes.
    assert_eq!(
        site.page("actors/alpha/")
            .texts("#figures tr.disputed")
            .len(),
        0
    );
}

fn modification_times(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<std::path::PathBuf, std::time::SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_rebuild_leaves_unchanged_files_untouched_and_rewrites_changed_ones() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let before = modification_times(&site.public());
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build(&[]);
    assert_eq!(
        modification_times(&site.public()),
        before,
        "a no-change rebuild touched files"
    );

    let path = site.root.join("content/pages/about.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("About this fixture.", "About this fixture, revised.");
    std::fs::write(&path, text).unwrap();
    site.build(&[]);
    let after = modification_times(&site.public());
    let changed: Vec<String> = after
        .iter()
        .filter(|(file, time)| before.get(*file) != Some(time))
        .map(|(file, _)| file.display().to_string())
        .collect();
    assert!(
        changed.contains(&"about/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.contains(&"stories/one/index.html".to_string()),
        "{changed:?}"
    );
}
