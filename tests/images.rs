//! Lead images, Markdown images and social cards, through the real binary on the
//! `gallery` fixture: the errors with their positions, the variants on disk and in the
//! markup, deterministic bytes, and the build cache sparing a rebuild the encoding.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use common::{TestSite, stderr};

const STORY: &str = "content/stories/harbour-closed.md";

fn edit(site: &TestSite, relative: &str, from: &str, to: &str) {
    let path = site.root.join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Runs `build` on a site that must fail, and returns what it said.
fn failing_build(site: &TestSite) -> String {
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        !site.public().join("index.html").exists(),
        "a failed build wrote pages"
    );
    stderr(&output)
}

/// `(width, height)` from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::file_tree(dir)
}

#[test]
fn a_lead_image_without_alt_is_an_error_at_its_image_field() {
    let site = TestSite::new("gallery");
    edit(
        &site,
        STORY,
        "  alt: \"A pier running into a calm sea at dusk, hills behind\"\n",
        "",
    );
    let said = failing_build(&site);
    assert!(
        said.contains("content/stories/harbour-closed.md:8:3: error: this image has no `alt` text"),
        "{said}"
    );
}

#[test]
fn a_markdown_image_without_alt_is_an_error_at_its_line_and_column() {
    let site = TestSite::new("gallery");
    edit(
        &site,
        STORY,
        "![The breakwater's ornament, seen from the pier]",
        "![]",
    );
    let said = failing_build(&site);
    assert!(
        said.contains(
            "content/stories/harbour-closed.md:16:1: error: the image `../images/ornament.png` has no alt text"
        ),
        "{said}"
    );
}

#[test]
fn a_missing_image_is_an_error_at_the_line_that_names_it() {
    let site = TestSite::new("gallery");
    edit(
        &site,
        "content/actors/port-authority.md",
        "../images/ornament.png",
        "../images/gone.png",
    );
    let said = failing_build(&site);
    assert!(
        said.contains(
            "content/actors/port-authority.md:6:8: error: there is no image at `content/images/gone.png`"
        ),
        "{said}"
    );
}

#[test]
fn a_missing_markdown_image_is_an_error_at_its_position() {
    let site = TestSite::new("gallery");
    edit(
        &site,
        STORY,
        "(../images/ornament.png",
        "(../images/gone.png",
    );
    let said = failing_build(&site);
    assert!(
        said.contains("content/stories/harbour-closed.md:16:1: error: there is no image at `content/images/gone.png`"),
        "{said}"
    );
}

#[test]
fn a_corrupt_image_is_an_error_naming_the_file_and_where_it_is_used() {
    let site = TestSite::new("gallery");
    site.write("content/images/harbour.png", "this is not a picture\n");
    let said = failing_build(&site);
    assert!(
        said.contains(
            "content/stories/harbour-closed.md:8:8: error: `content/images/harbour.png` is not an image the build can read"
        ),
        "{said}"
    );
}

#[test]
fn a_truncated_image_is_an_error_too() {
    let site = TestSite::new("gallery");
    let path = site.root.join("content/images/harbour.png");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let said = failing_build(&site);
    assert!(
        said.contains("`content/images/harbour.png` is not an image the build can read"),
        "{said}"
    );
}

#[test]
fn an_image_path_leaving_content_is_refused() {
    let site = TestSite::new("gallery");
    edit(
        &site,
        STORY,
        "src: ../images/harbour.png",
        "src: ../../site.yaml",
    );
    let said = failing_build(&site);
    assert!(
        said.contains(
            "content/stories/harbour-closed.md:8:8: error: `../../site.yaml` leads outside"
        ),
        "{said}"
    );
}

#[test]
fn the_lead_image_offers_webp_and_png_at_each_width_with_files_on_disk() {
    let site = TestSite::new("gallery");
    site.build(&[]);
    let page = site.page("stories/harbour-closed/");
    let webp = page.attrs("figure.lead-image source[type='image/webp']", "srcset");
    assert_eq!(webp.len(), 1);
    let png = page.attrs("figure.lead-image img", "srcset");
    for (srcset, extension) in [(&webp[0], "webp"), (&png[0], "png")] {
        let entries: Vec<(&str, &str)> = srcset
            .split(", ")
            .map(|entry| entry.split_once(' ').unwrap())
            .collect();
        let widths: Vec<&str> = entries.iter().map(|(_, w)| *w).collect();
        assert_eq!(widths, ["480w", "1000w"], "{srcset}");
        for (url, width) in entries {
            let file = url.strip_prefix("/explainer/").unwrap();
            assert!(file.ends_with(&format!(".{extension}")), "{file}");
            assert!(flashpoint::hosting::is_content_hashed(file), "{file}");
            let bytes = std::fs::read(site.public().join(file)).unwrap();
            if extension == "png" {
                let expected: u32 = width.trim_end_matches('w').parse().unwrap();
                assert_eq!(png_size(&bytes).0, expected);
            } else {
                assert_eq!(&bytes[8..12], b"WEBP");
            }
        }
    }
}

#[test]
fn images_carry_their_intrinsic_size_and_only_the_lead_loads_eagerly() {
    let site = TestSite::new("gallery");
    site.build(&[]);
    let page = site.page("stories/harbour-closed/");
    let lead = "figure.lead-image img";
    assert_eq!(page.attrs(lead, "width"), ["1000"]);
    assert_eq!(page.attrs(lead, "height"), ["600"]);
    assert_eq!(page.attrs(lead, "fetchpriority"), ["high"]);
    assert_eq!(page.attrs(lead, "loading"), ["eager"]);
    let body = "figure.body-image img";
    assert_eq!(page.attrs(body, "width"), ["400"]);
    assert_eq!(page.attrs(body, "height"), ["240"]);
    assert_eq!(page.attrs(body, "loading"), ["lazy"]);
    assert_eq!(page.attrs(body, "decoding"), ["async"]);
    assert_eq!(
        page.texts("figure.body-image figcaption"),
        ["The ornament at the end of the breakwater"]
    );
}

#[test]
fn the_lead_image_shows_its_caption_credit_and_linked_source() {
    let site = TestSite::new("gallery");
    site.build(&[]);
    let page = site.page("stories/harbour-closed/");
    assert_eq!(
        page.texts("figure.lead-image figcaption"),
        [
            "The harbour on the evening it closed. Drawing: Gallery Explainer · Port authority notice"
        ]
    );
    assert_eq!(
        page.attrs("figure.lead-image figcaption a", "href"),
        ["/explainer/sources/#source-port-authority"]
    );
}

#[test]
fn a_decorative_image_with_an_empty_alt_is_accepted() {
    let site = TestSite::new("gallery");
    site.build(&[]);
    let page = site.page("actors/port-authority/");
    assert_eq!(page.attrs("figure.lead-image img", "alt"), [""]);
}

#[test]
fn og_image_is_absolute_under_the_base_url_with_its_size() {
    let site = TestSite::new("gallery");
    site.build(&[]);
    let page = site.page("stories/harbour-closed/");
    let image = page.attrs("meta[property='og:image']", "content");
    assert_eq!(image.len(), 1);
    assert!(
        image[0].starts_with("https://news.example.org/explainer/images/harbour-1000."),
        "{image:?}"
    );
    assert!(image[0].ends_with(".png"));
    assert_eq!(
        page.attrs("meta[property='og:image:width']", "content"),
        ["1000"]
    );
    assert_eq!(
        page.attrs("meta[property='og:image:height']", "content"),
        ["600"]
    );
    assert_eq!(
        page.attrs("meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    let file = image[0]
        .strip_prefix("https://news.example.org/explainer/")
        .unwrap();
    assert!(site.public().join(file).is_file());
}

#[test]
fn a_story_without_an_image_gets_a_1200_by_630_card_with_the_same_bytes_every_build() {
    let first = TestSite::new("gallery");
    first.build(&[]);
    let second = TestSite::new("gallery");
    second.build(&["--no-cache"]);
    let page = first.page("stories/no-picture/");
    let card = page.attrs("meta[property='og:image']", "content");
    assert_eq!(card.len(), 1);
    let file = card[0]
        .strip_prefix("https://news.example.org/explainer/")
        .unwrap();
    assert!(file.starts_with("images/card-no-picture."), "{file}");
    let bytes = std::fs::read(first.public().join(file)).unwrap();
    assert_eq!(png_size(&bytes), (1200, 630));
    assert_eq!(bytes, std::fs::read(second.public().join(file)).unwrap());
    assert_eq!(
        page.attrs("meta[property='og:image:width']", "content"),
        ["1200"]
    );
    assert_eq!(
        page.attrs("meta[property='og:image:height']", "content"),
        ["630"]
    );
}

#[test]
fn with_social_cards_none_a_story_without_an_image_shares_as_a_plain_link_and_no_card_is_drawn() {
    let site = TestSite::new("gallery");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    std::fs::write(
        site.root.join("site.yaml"),
        format!("{config}social_cards: none\n"),
    )
    .unwrap();
    site.build(&[]);
    let plain = site.page("stories/no-picture/");
    assert!(
        plain
            .attrs("meta[property='og:image']", "content")
            .is_empty()
    );
    assert_eq!(
        plain.attrs("meta[name='twitter:card']", "content"),
        ["summary"]
    );
    let cards: Vec<String> = std::fs::read_dir(site.public().join("images"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("card-"))
        .collect();
    assert_eq!(cards, Vec::<String>::new());
    // A story with a lead image still shares it.
    let pictured = site.page("stories/harbour-closed/");
    assert_eq!(
        pictured.attrs("meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
}

#[test]
fn two_builds_of_the_same_images_write_the_same_bytes() {
    let first = TestSite::new("gallery");
    first.build(&["--no-cache"]);
    let second = TestSite::new("gallery");
    second.build(&["--no-cache"]);
    let images = files_under(&first.public().join("images"));
    assert!(images.len() >= 7, "{:?}", images.keys());
    assert_eq!(images, files_under(&second.public().join("images")));
}

fn modified_times(dir: &Path) -> BTreeMap<String, SystemTime> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                entry.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_rebuild_takes_variants_and_cards_from_the_cache_without_encoding_again() {
    let site = TestSite::new("gallery");
    site.build(&[]);
    let cache = site.root.join(".flashpoint-cache/images");
    let before = modified_times(&cache);
    // Every variant and the card are kept.
    assert_eq!(
        before.len(),
        files_under(&site.public().join("images")).len()
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Another image file is written, so the rebuild has something to encode.
    edit(
        &site,
        "content/actors/port-authority.md",
        "The port's operator.",
        "The port's operator.\n\n![Harbour](../images/harbour.png)",
    );
    std::fs::copy(
        site.root.join("content/images/ornament.png"),
        site.root.join("content/images/extra.png"),
    )
    .unwrap();
    site.build(&[]);
    let after = modified_times(&cache);
    for (name, time) in &before {
        assert_eq!(after.get(name), Some(time), "{name} was written again");
    }
    let images = files_under(&site.public().join("images"));
    assert_eq!(after.len(), images.len());
}
