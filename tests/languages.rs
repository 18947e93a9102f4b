//! Sites in several languages (`languages:` in site.yaml) and in a right-to-left one: each
//! edition's pages, their alternates and switcher, the interface in the page's language,
//! dates and numbers as its readers write them, a feed and a search index per edition, and
//! the mistakes a translator can make.

mod common;

use std::io::Read;
use std::sync::OnceLock;

use common::{TestSite, stderr};

/// The bilingual fixture, built once.
fn bilingual() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::new("bilingual");
        site.build(&[]);
        site
    })
}

/// The Persian fixture, built once.
fn persian() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::new("rtl");
        site.build(&[]);
        site
    })
}

/// `(hreflang, href)` of every alternate link in a page's head.
fn hreflang_pairs(page: &common::Page) -> Vec<(String, String)> {
    let langs = page.attrs("link[rel=alternate][hreflang]", "hreflang");
    let hrefs = page.attrs("link[rel=alternate][hreflang]", "href");
    langs.into_iter().zip(hrefs).collect()
}

fn pair(lang: &str, href: &str) -> (String, String) {
    (lang.to_string(), href.to_string())
}

#[test]
fn a_translated_story_and_its_original_name_each_other_as_alternates_with_an_x_default() {
    let expected = vec![
        pair("en", "https://example.org/stories/shelling/"),
        pair("ko", "https://example.org/ko/stories/shelling/"),
        pair("x-default", "https://example.org/stories/shelling/"),
    ];
    let site = bilingual();
    assert_eq!(hreflang_pairs(&site.page("stories/shelling/")), expected);
    assert_eq!(hreflang_pairs(&site.page("ko/stories/shelling/")), expected);
}

#[test]
fn each_edition_declares_its_language_on_the_html_element() {
    let site = bilingual();
    assert!(site.page("").text.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(
        site.page("ko/")
            .text
            .contains(r#"<html lang="ko" dir="ltr">"#)
    );
}

#[test]
fn an_untranslated_story_lists_only_its_own_language_and_has_no_korean_page() {
    let site = bilingual();
    assert_eq!(
        hreflang_pairs(&site.page("stories/aftermath/")),
        vec![
            pair("en", "https://example.org/stories/aftermath/"),
            pair("x-default", "https://example.org/stories/aftermath/"),
        ]
    );
    assert!(!site.public().join("ko/stories/aftermath").exists());
}

#[test]
fn the_switcher_leads_to_the_same_story_in_the_other_language() {
    let site = bilingual();
    let english = site.page("stories/shelling/");
    assert_eq!(
        english.attrs(".language-switcher a", "href"),
        ["/ko/stories/shelling/"]
    );
    assert_eq!(english.texts(".language-switcher a"), ["한국어"]);
    let korean = site.page("ko/stories/shelling/");
    assert_eq!(
        korean.attrs(".language-switcher a", "href"),
        ["/stories/shelling/"]
    );
    assert_eq!(korean.texts(".language-switcher a"), ["English"]);
}

#[test]
fn the_switcher_on_an_untranslated_story_leads_to_the_korean_home_and_says_so_in_korean() {
    let page = bilingual().page("stories/aftermath/");
    assert_eq!(page.attrs(".language-switcher a", "href"), ["/ko/"]);
    assert_eq!(
        page.texts(".language-switcher a"),
        ["이 글은 한국어 번역이 없습니다 — 한국어판 첫 페이지로"]
    );
}

#[test]
fn an_untranslated_story_is_left_out_of_the_korean_lists_and_links_lead_to_the_original() {
    let site = bilingual();
    let home = site.page("ko/");
    assert_eq!(
        home.attrs(".story-list h3 a", "href"),
        ["/ko/stories/shelling/"]
    );
    let story = site.page("ko/stories/shelling/");
    assert!(
        story
            .attrs(".prose a", "href")
            .contains(&"/stories/aftermath/".to_string()),
        "{:?}",
        story.attrs(".prose a", "href")
    );
}

#[test]
fn korean_pages_print_the_interface_dates_and_numbers_as_korean_readers_write_them() {
    let site = bilingual();
    let story = site.page("ko/stories/shelling/");
    assert_eq!(
        story.texts(".story .meta"),
        ["게재 2010년 11월 23일 · 1분 분량"]
    );
    assert_eq!(story.texts("#story-actors"), ["이 기사의 행위자"]);
    let timeline = site.page("ko/timeline/");
    assert!(
        timeline
            .texts("h3.month")
            .contains(&"2010년 11월".to_string())
    );
    let forces = site.page("ko/forces/");
    assert!(
        forces.texts("td.num").contains(&"1,190,000 명".to_string()),
        "{:?}",
        forces.texts("td.num")
    );
    let english = site.page("stories/shelling/");
    assert_eq!(
        english.texts(".story .meta"),
        ["Published 23 November 2010 · 1 min read"]
    );
}

#[test]
fn a_korean_tag_has_a_page_in_a_folder_named_in_korean() {
    let site = bilingual();
    let story = site.page("ko/stories/shelling/");
    assert_eq!(story.attrs(".tags a", "href"), ["/ko/tags/포격-사건/"]);
    let tag = site.page("ko/tags/포격-사건/");
    assert_eq!(tag.texts("h1"), ["포격 사건"]);
    // The English edition has no stories with that tag, so no page for it.
    assert!(!site.public().join("tags/포격-사건").exists());
}

#[test]
fn each_edition_has_its_own_feed_of_its_own_stories() {
    let site = bilingual();
    let read = |path: &str| std::fs::read_to_string(site.public().join(path)).unwrap();
    let korean = read("ko/atom.xml");
    assert!(korean.contains(r#"xml:lang="ko""#), "{korean}");
    assert!(korean.contains("<title>연평도에 포탄이 떨어지다</title>"));
    assert!(korean.contains(r#"href="https://example.org/ko/atom.xml" rel="self""#));
    assert!(!korean.contains("aftermath"));
    let english = read("atom.xml");
    assert!(english.contains("<title>After the shelling</title>"));
    assert!(!english.contains("연평도"));
    assert!(
        site.page("ko/")
            .text
            .contains(r#"type="application/atom+xml" title="연평도 2010" href="/ko/atom.xml""#)
    );
}

#[test]
fn the_sitemap_lists_every_edition_with_its_alternates() {
    let sitemap = std::fs::read_to_string(bilingual().public().join("sitemap.xml")).unwrap();
    let document = roxmltree::Document::parse(&sitemap).unwrap();
    let url = document
        .descendants()
        .find(|n| {
            n.has_tag_name("loc") && n.text() == Some("https://example.org/ko/stories/shelling/")
        })
        .and_then(|loc| loc.parent())
        .expect("the Korean story is in the sitemap");
    let alternates: Vec<(&str, &str)> = url
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|n| {
            (
                n.attribute("hreflang").unwrap(),
                n.attribute("href").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            ("en", "https://example.org/stories/shelling/"),
            ("ko", "https://example.org/ko/stories/shelling/")
        ]
    );
    assert!(!sitemap.contains("https://example.org/ko/stories/aftermath/"));
}

/// Every record's text in a search bundle.
fn search_texts(site: &TestSite, bundle: &str) -> Vec<String> {
    // Every record file, and every word chunk unzipped (words are stored as UTF-8).
    let mut texts = Vec::new();
    for folder in ["records", "words"] {
        for entry in std::fs::read_dir(site.public().join(bundle).join(folder)).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let mut raw = Vec::new();
            let text = match flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut raw) {
                Ok(_) => String::from_utf8_lossy(&raw).into_owned(),
                Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
            };
            texts.push(format!("{folder}: {text}"));
        }
    }
    texts
}

#[test]
fn a_word_only_in_a_korean_story_is_in_the_korean_index_which_is_indexed_as_korean() {
    let site = bilingual();
    let entry = std::fs::read_to_string(site.public().join("ko/pagefind/entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    assert_eq!(entry["language"], "ko", "{entry}");
    let texts = search_texts(site, "ko/pagefind");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("records: ") && t.contains("방공호")),
        "the Korean index lacks the story's words"
    );
    assert!(
        !search_texts(site, "pagefind")
            .iter()
            .any(|t| t.contains("방공호"))
    );
    let search = site.page("ko/search/");
    assert_eq!(search.attrs("#search", "data-bundle"), ["/ko/pagefind/"]);
}

#[test]
fn a_missing_interface_string_fails_the_build_naming_the_key_the_file_and_the_template() {
    let site = TestSite::new("bilingual");
    // The theme's English file has a new string its Korean file lacks.
    let english = site.root.join("themes/default/i18n/en.yaml");
    let text = std::fs::read_to_string(&english).unwrap();
    std::fs::write(
        &english,
        text.replace(
            "story:\n",
            "story:\n  first_published: \"First published\"\n",
        ),
    )
    .unwrap();
    let template = site.root.join("themes/default/templates/story.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replace("story.published", "story.first_published"),
    )
    .unwrap();
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("the interface string `story.first_published` is missing from themes/default/i18n/ko.yaml"),
        "{err}"
    );
    assert!(
        err.contains("themes/default/templates/story.html:9:"),
        "{err}"
    );
    assert!(!site.public().exists());
}

#[test]
fn a_translation_without_an_original_is_an_error_naming_its_file() {
    let site = TestSite::new("bilingual");
    site.write(
        "content/stories/ghost.ko.md",
        "---\ntitle: \"유령\"\ndate: 2010-11-25\nsummary: \"원문 없음\"\n---\n본문.\n",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("content/stories/ghost.ko.md:1:1: error: this `ko` translation has no original: content/stories/ghost.md does not exist"),
        "{err}"
    );
    let output = site.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let orphan = &json["diagnostics"][0];
    assert_eq!(orphan["severity"], "error");
    assert_eq!(orphan["location"]["path"], "content/stories/ghost.ko.md");
    assert_eq!(
        orphan["message"],
        "this `ko` translation has no original: content/stories/ghost.md does not exist"
    );
}

#[test]
fn a_persian_site_runs_right_to_left_with_persian_digits_and_dates() {
    let site = persian();
    let home = site.page("");
    assert!(home.text.contains(r#"<html lang="fa" dir="rtl">"#));
    let forces = site.page("forces/");
    assert_eq!(forces.texts("td.num"), ["۱۹۰٬۰۰۰ نفر", "۶۱۰٬۰۰۰ نفر"]);
    let story = site.page("stories/tankers/");
    assert_eq!(story.texts(".story .meta time"), ["۱۳ ژوئن ۲۰۱۹"]);
    assert_eq!(story.texts("#story-actors"), ["بازیگرانِ این گزارش"]);
    // One language only: no switcher and no alternates.
    assert!(story.attrs("link[hreflang]", "href").is_empty());
    assert!(story.texts(".language-switcher").is_empty());
}

#[test]
fn the_stylesheet_mirrors_under_rtl_with_no_physical_left_or_right_spacing() {
    let site = persian();
    let css_name = site
        .page("")
        .attrs("link[rel=stylesheet]", "href")
        .into_iter()
        .find(|href| href.starts_with("/style."))
        .unwrap();
    let css =
        std::fs::read_to_string(site.public().join(css_name.trim_start_matches('/'))).unwrap();
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
    ] {
        assert!(!css.contains(physical), "style.css still has `{physical}`");
    }
    let positioned = css
        .split(['{', ';'])
        .map(str::trim)
        .filter(|decl| decl.starts_with("left:") || decl.starts_with("right:"))
        .collect::<Vec<_>>();
    assert!(positioned.is_empty(), "{positioned:?}");
    assert!(css.contains("margin-inline-start"));
    assert!(css.contains(".chart svg, .map-frame svg { direction: ltr; }"));
}

#[test]
fn check_lists_the_files_not_yet_translated_per_language_as_information() {
    let site = TestSite::new("bilingual");
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("info: 2 file(s) not yet translated into `ko`: content/stories/aftermath.md, content/actors/south-korea.md"),
        "{out}"
    );
    let output = site.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["untranslated"]["ko"],
        serde_json::json!([
            "content/stories/aftermath.md",
            "content/actors/south-korea.md"
        ])
    );
    assert_eq!(json["errors"], 0);
}

#[test]
fn data_written_per_language_shows_each_editions_text_and_plain_text_in_both() {
    let site = bilingual();
    let korean = site.page("ko/timeline/");
    let titles = korean.texts(".event-title");
    assert!(
        titles.contains(&"북한, 연평도 포격".to_string()),
        "{titles:?}"
    );
    // A title written once is the same in both editions.
    assert!(
        titles.contains(&"Residents leave the island".to_string()),
        "{titles:?}"
    );
    let english = site.page("timeline/").texts(".event-title");
    assert!(
        english.contains(&"North Korea shells Yeonpyeong Island".to_string()),
        "{english:?}"
    );
    assert!(
        site.page("forces/")
            .texts("td.num")
            .contains(&"1,190,000 personnel".to_string())
    );
}

#[test]
fn a_story_titled_in_korean_asks_for_an_id_and_takes_one_given_with_id() {
    let site = TestSite::new("bilingual");
    let output = site.run(&["new", "story", "북 해킹 사건"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("is not written in Latin letters"), "{err}");
    assert!(err.contains("--id"), "{err}");
    let output = site.run(&["new", "story", "북 해킹 사건", "--id", "north-hack"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(site.root.join("content/stories/north-hack.md")).unwrap();
    assert!(text.contains("title: \"북 해킹 사건\""), "{text}");
}

/// Every word a reader meets on a page outside scripts and styles: its text (link-preview
/// cards and drawings included) and the `alt`, `aria-label`, `title` and `placeholder`
/// attributes, split into words.
fn reader_words(page: &common::Page) -> Vec<String> {
    let mut texts = Vec::new();
    for node in page.html.root_element().descendants() {
        if let Some(text) = node.value().as_text() {
            let parent = node
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name().to_string()));
            match parent.as_deref() {
                Some("script" | "style") => {}
                // Parsed as raw text: keep what is between its tags.
                Some("noscript") => texts.extend(
                    text.split('<')
                        .map(|part| part.split_once('>').map_or(part, |(_, after)| after))
                        .map(str::to_string),
                ),
                _ => texts.push(text.to_string()),
            }
        } else if let Some(element) = node.value().as_element() {
            for attribute in ["alt", "aria-label", "title", "placeholder"] {
                if let Some(value) = element.attr(attribute) {
                    texts.push(value.to_string());
                }
            }
        }
    }
    texts
        .join(" ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// The English words the build used to write itself on Korean and Persian pages: actor
/// kinds, link-preview kinds, map, chart and graph titles and captions, relation labels and
/// citation kinds. None is a word of the fixtures' untranslated content.
const BUILD_WRITTEN_ENGLISH: [&str; 24] = [
    "State",
    "Organization",
    "Person",
    "Group",
    "Actor",
    "actor",
    "actors",
    "Story",
    "story",
    "Event",
    "event",
    "Source",
    "Place",
    "Map",
    "latest",
    "figure",
    "disputed",
    "time",
    "Relations",
    "relate",
    "related",
    "adversary",
    "target",
    "targets",
];

fn english_words_left(page: &common::Page) -> Vec<String> {
    reader_words(page)
        .into_iter()
        .filter(|word| BUILD_WRITTEN_ENGLISH.contains(&word.as_str()))
        .collect()
}

#[test]
fn korean_actor_timeline_forces_graph_and_story_pages_keep_no_english_word_the_build_writes() {
    let site = bilingual();
    for path in [
        "ko/",
        "ko/actors/",
        "ko/actors/north-korea/",
        "ko/actors/south-korea/",
        "ko/timeline/",
        "ko/forces/",
        "ko/stories/shelling/",
        "ko/sources/",
        "ko/places/",
        "ko/places/yeonpyeong/",
        "ko/404.html",
    ] {
        let left = english_words_left(&site.page(path));
        assert!(left.is_empty(), "{path} still says {left:?}");
    }
    // The English edition still says them.
    let english = english_words_left(&site.page("actors/"));
    for word in ["State", "Relations", "adversary"] {
        assert!(english.contains(&word.to_string()), "{english:?}");
    }
}

#[test]
fn a_measure_written_per_language_reads_in_each_edition_and_keeps_one_history() {
    let site = bilingual();
    for path in ["ko/forces/", "ko/actors/north-korea/"] {
        let page = site.page(path);
        assert!(
            page.text.contains("현역 병력"),
            "{path} lacks the Korean measure"
        );
        assert!(
            !page.text.to_lowercase().contains("active personnel"),
            "{path} still says the English measure"
        );
    }
    let english = site.page("forces/");
    assert!(english.text.contains("Active personnel"));
    assert!(!english.text.contains("현역 병력"));
    // The two North Korean figures are one history in both editions: one row each.
    let rows = |path: &str| site.page(path).texts("table tbody tr th").len();
    assert_eq!(rows("forces/"), rows("ko/forces/"));
}

#[test]
fn korean_pages_name_actor_kinds_relations_previews_maps_and_citations_in_korean() {
    let site = bilingual();
    let actors = site.page("ko/actors/");
    assert_eq!(actors.texts("h2[id^=kind-]"), ["국가"]);
    assert!(
        actors
            .text
            .contains(r#"<title id="relations-all-title">행위자 사이의 관계</title>"#)
    );
    assert!(
        actors.text.contains(">적대</text>"),
        "the graph's edge label"
    );
    assert!(
        actors.text.contains(">공격 대상</text>"),
        "the graph's edge label"
    );
    assert_eq!(
        site.page("ko/actors/north-korea/").texts(".relation-kind"),
        ["공격 대상", "적대"]
    );
    // Seen from the other end, `target_of` reads as its inverse.
    assert_eq!(
        site.page("ko/actors/south-korea/").texts(".relation-kind"),
        ["공격함", "적대"]
    );
    let story = site.page("ko/stories/shelling/");
    assert!(
        story.text.contains("<small>행위자 · 국가</small>"),
        "a link preview's kind"
    );
    assert!(
        story
            .texts(".actor-cards .kind")
            .iter()
            .all(|kind| kind == "국가")
    );
    let timeline = site.page("ko/timeline/");
    assert!(
        timeline
            .texts("figcaption")
            .iter()
            .any(|caption| caption.starts_with("이 사건들이 일어난 장소 지도")),
        "{:?}",
        timeline.texts("figcaption")
    );
    let kinds = site.page("ko/sources/").texts(".kind");
    for kind in ["기사", "사건", "수치"] {
        assert!(kinds.contains(&kind.to_string()), "{kinds:?}");
    }
}

#[test]
fn korean_charts_write_their_captions_dates_and_numbers_in_korean() {
    let site = bilingual();
    let forces = site.page("ko/forces/");
    let captions = forces.texts("figure.chart figcaption");
    assert!(
        captions.contains(&"현역 병력: 행위자별 최신 수치, 단위 명.".to_string()),
        "{captions:?}"
    );
    assert!(
        captions.contains(
            &"북한의 현역 병력 추이: 1,190,000 2010년, 이어서 1,280,000 2013년 3월 20일."
                .to_string()
        ),
        "{captions:?}"
    );
    assert!(
        forces.text.contains(">2013년 3월 20일</text>"),
        "the step chart's date label"
    );
    assert!(forces.text.contains(r#"<text class="tick-label""#));
}

#[test]
fn persian_charts_use_persian_digits_and_are_drawn_left_to_right_so_numbers_do_not_flip() {
    let site = persian();
    let forces = site.page("forces/");
    let ticks = forces.texts("text.tick-label");
    assert!(ticks.contains(&"۲۰۰٬۰۰۰".to_string()), "{ticks:?}");
    assert!(
        ticks
            .iter()
            .all(|tick| !tick.contains(|c: char| c.is_ascii_digit())),
        "{ticks:?}"
    );
    let svgs = forces.attrs("figure.chart svg", "direction");
    assert!(
        !svgs.is_empty() && svgs.iter().all(|d| d == "ltr"),
        "{svgs:?}"
    );
    assert!(forces.text.contains(
        "<desc id=\"measure-1-history-0-desc\">نیروی فعال ایران در گذر زمان: ۱۹۰٬۰۰۰ در ۲۰۱۹، سپس ۶۱۰٬۰۰۰ در ۱۳ ژوئن ۲۰۲۱.</desc>"
    ));
    for path in [
        "",
        "actors/",
        "actors/iran/",
        "forces/",
        "timeline/",
        "stories/tankers/",
        "sources/",
    ] {
        let left = english_words_left(&site.page(path));
        assert!(left.is_empty(), "/{path} still says {left:?}");
    }
    assert_eq!(site.page("actors/").texts("h2[id^=kind-]"), ["دولت"]);
}

#[test]
fn an_english_chart_keeps_its_latin_digits_and_no_direction_attribute() {
    let forces = bilingual().page("forces/");
    assert!(
        forces
            .texts("text.tick-label")
            .contains(&"500,000".to_string())
    );
    assert!(forces.attrs("svg", "direction").is_empty());
}

#[test]
fn a_relation_kind_the_korean_strings_lack_fails_the_build_naming_the_key_and_file() {
    let site = TestSite::new("bilingual");
    let actor = site.root.join("content/actors/north-korea.ko.md");
    let text = std::fs::read_to_string(&actor).unwrap();
    site.write(
        "content/actors/north-korea.ko.md",
        &text.replace(
            "relations:\n",
            "relations:\n  - { to: south-korea, kind: trains }\n",
        ),
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("themes/default/i18n/ko.yaml:1:1: error: the interface string `relation.trains` is missing from themes/default/i18n/ko.yaml (the build writes it itself)"),
        "{err}"
    );
    assert!(!site.public().exists());
    // The site's own strings file may name it.
    site.write(
        "i18n/ko.yaml",
        "relation:\n  trains: \"훈련 지원\"\nrelation_from:\n  trains: \"훈련받음\"\n",
    );
    let output = site.run(&["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        site.page("ko/actors/north-korea/")
            .texts(".relation-kind")
            .contains(&"훈련 지원".to_string())
    );
    assert!(
        site.page("ko/actors/south-korea/")
            .texts(".relation-kind")
            .contains(&"훈련받음".to_string())
    );
}

#[test]
fn each_edition_says_the_sites_title_and_description_in_its_own_language() {
    let site = bilingual();
    let korean = site.page("ko/");
    assert_eq!(korean.texts("head title"), ["연평도 2010"]);
    assert_eq!(
        korean.attrs("meta[property='og:site_name']", "content"),
        ["연평도 2010"]
    );
    assert_eq!(
        site.page("ko/stories/shelling/").texts("head title"),
        ["연평도에 포탄이 떨어지다 · 연평도 2010"]
    );
    assert!(
        site.page("ko/stories/shelling/")
            .text
            .contains(r#""name":"연평도 2010""#)
    );
    let feed = std::fs::read_to_string(site.public().join("ko/atom.xml")).unwrap();
    assert!(feed.contains("<title>연평도 2010</title>"), "{feed}");
    assert!(
        feed.contains("<subtitle>연평도 포격 사건 해설.</subtitle>"),
        "{feed}"
    );
    let english = site.page("");
    assert_eq!(english.texts("head title"), ["Yeonpyeong 2010"]);
    let feed = std::fs::read_to_string(site.public().join("atom.xml")).unwrap();
    assert!(feed.contains("<title>Yeonpyeong 2010</title>"), "{feed}");
    assert!(!feed.contains("연평도 2010"));
}

#[test]
fn a_site_title_in_a_language_the_site_does_not_declare_is_an_error_naming_its_place() {
    let site = TestSite::new("bilingual");
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &yaml.replace("ko: \"연평도 2010\"", "de: \"Yeonpyeong 2010\""),
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("site.yaml:1:8: error: `title:` has a text for `de`, which is not one of the site's languages (en, ko)"),
        "{err}"
    );
}

#[test]
fn each_edition_has_a_404_page_in_its_language_that_the_host_files_send_its_missing_addresses_to() {
    let site = bilingual();
    let korean = site.page("ko/404.html");
    assert!(korean.text.contains(r#"<html lang="ko" dir="ltr">"#));
    assert_eq!(korean.texts("main h1"), ["페이지를 찾을 수 없습니다"]);
    let english = site.page("404.html");
    assert!(english.text.contains(r#"<html lang="en" dir="ltr">"#));
    let redirects = std::fs::read_to_string(site.public().join("_redirects")).unwrap();
    assert!(
        redirects.ends_with("/ko/* /ko/404.html 404\n"),
        "{redirects}"
    );
    let nginx = std::fs::read_to_string(site.public().join("_nginx.conf")).unwrap();
    assert!(
        nginx.contains(
            "error_page 404 /404.html;\nlocation /ko/ {\n    error_page 404 /ko/404.html;\n}\n"
        ),
        "{nginx}"
    );
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("404"));
}

#[test]
fn a_story_titled_in_persian_asks_for_an_id_too() {
    let site = TestSite::new("rtl");
    let output = site.run(&["new", "story", "تنگه هرمز"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("`تنگه هرمز` is not written in Latin letters"),
        "{err}"
    );
    let output = site.run(&["new", "story", "تنگه هرمز", "--id", "hormuz"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(site.root.join("content/stories/hormuz.md")).unwrap();
    assert!(text.contains("title: \"تنگه هرمز\""), "{text}");
}
