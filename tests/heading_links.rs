//! `[[target#fragment]]` links to a heading of another page, and a fragment that names
//! no heading there is an error where the link is written.

mod common;

use common::{TestSite, stderr};

const LINKING_STORY: &str = "---\ntitle: \"Linking\"\ndate: 2020-03-01\nsummary: \"Links to headings.\"\n---\nIntro line.\n\nSee [[stories/other#some-heading]] and [[stories/other#some-heading|that part]] and [[actors/alpha#relations]].\n";

const OTHER_STORY: &str = "---\ntitle: \"Other Story\"\ndate: 2020-03-02\nsummary: \"Has a heading.\"\n---\nText.\n\n## Some heading\n\nMore text.\n";

#[test]
fn a_wiki_link_with_a_fragment_leads_to_the_heading_and_keeps_the_target_title() {
    let site = TestSite::new("basic");
    site.write("content/stories/linking.md", LINKING_STORY);
    site.write("content/stories/other.md", OTHER_STORY);
    site.build(&[]);

    let page = site.page("stories/linking/");
    let hrefs = page.attrs("article a[href*='#']", "href");
    assert!(
        hrefs
            .iter()
            .any(|h| h.ends_with("/stories/other/#some-heading")),
        "{hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .any(|h| h.ends_with("/actors/alpha/#relations")),
        "{hrefs:?}"
    );
    let texts = page.texts("a[href$='/stories/other/#some-heading']");
    assert_eq!(texts, ["Other Story", "that part"]);
    let other = site.page("stories/other/");
    assert_eq!(other.attrs("h2#some-heading", "id"), ["some-heading"]);
}

#[test]
fn a_fragment_naming_no_heading_is_an_error_at_the_link() {
    let site = TestSite::new("basic");
    site.write(
        "content/stories/linking.md",
        &LINKING_STORY.replace("other#some-heading]]", "other#some-headin]]"),
    );
    site.write("content/stories/other.md", OTHER_STORY);
    let output = site.run(&["build"]);

    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "content/stories/linking.md:8:5: error: [[stories/other#some-headin]] names no \
             heading of the story `other`: no `#some-headin` on that page"
        ),
        "{message}"
    );
    assert!(
        message.contains("did you mean `some-heading`?"),
        "{message}"
    );
}

/// A heading that holds a wiki link reads as the linked title on the page; its id, its
/// entry in the table of contents and the fragments other pages may name all follow it.
const HEADING_WITH_LINK: &str = "---\ntitle: \"Other Story\"\ndate: 2020-03-02\nsummary: \"Headings with links.\"\ntoc: true\n---\nText.\n\n## What [[beta]] said\n\nMore.\n\n### Answer from [[alpha|the capital]]\n\nEnd.\n";

#[test]
fn a_heading_with_a_wiki_link_takes_its_id_and_contents_entry_from_the_title_shown() {
    let site = TestSite::new("basic");
    site.write("content/stories/other.md", HEADING_WITH_LINK);
    site.write(
        "content/stories/linking.md",
        &LINKING_STORY.replace("other#some-heading", "other#what-beta-republic-said"),
    );
    site.build(&[]);

    let other = site.page("stories/other/");
    assert_eq!(
        other.attrs(".prose h2[id], .prose h3[id]", "id"),
        ["what-beta-republic-said", "answer-from-the-capital"]
    );
    assert_eq!(
        other.attrs("nav.contents li a", "href"),
        ["#what-beta-republic-said", "#answer-from-the-capital"]
    );
    assert_eq!(
        other.texts("nav.contents li"),
        ["What Beta Republic said", "Answer from the capital"]
    );
    let linking = site.page("stories/linking/");
    assert!(
        linking
            .attrs("article a", "href")
            .iter()
            .any(|h| h.ends_with("/stories/other/#what-beta-republic-said")),
    );

    // The id the raw target would give is not on the page, so no link may name it.
    site.write(
        "content/stories/linking.md",
        &LINKING_STORY.replace("other#some-heading", "other#what-beta-said"),
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("no `#what-beta-said` on that page"),
        "{message}"
    );
    assert!(
        message.contains("its heading ids are: what-beta-republic-said, answer-from-the-capital"),
        "{message}"
    );
}
