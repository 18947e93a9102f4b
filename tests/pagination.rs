//! `paginate:` in site.yaml: the home page's and each tag's stories run over pages at
//! `page/N/`, every story on exactly one of them in order, with a pager whose links lead
//! to files that exist; a list that fits on one page is drawn as before.

mod common;

use std::path::Path;

use common::{Page, TestSite, file_tree, stderr, stdout};

/// The example site with `paginate: <value>` added to its site.yaml.
fn example_paginated(value: &str) -> TestSite {
    let site = TestSite::example();
    set_paginate(&site, value);
    site
}

/// Writes `paginate: <value>` into site.yaml, replacing an earlier one.
fn set_paginate(site: &TestSite, value: &str) {
    let path = site.root.join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut kept: String = text
        .lines()
        .filter(|line| !line.starts_with("paginate:"))
        .map(|line| format!("{line}\n"))
        .collect();
    kept.push_str(&format!("paginate: {value}\n"));
    std::fs::write(path, kept).unwrap();
}

/// The page at the site path `path` (`page/2/`) of the output folder `public`.
fn page_in(public: &Path, path: &str) -> Page {
    let file = public.join(path).join("index.html");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Page {
        html: scraper::Html::parse_document(&text),
        text,
    }
}

/// The site path of a root-relative link on a site published at the domain's root.
fn site_path(href: &str) -> String {
    href.strip_prefix('/')
        .unwrap_or_else(|| panic!("`{href}` is not root-relative"))
        .to_string()
}

/// The story links of every page of a list, following `rel="next"` from `first`, with
/// the path of each page.
fn follow_list(public: &Path, first: &str) -> Vec<(String, Vec<String>)> {
    let mut pages = Vec::new();
    let mut path = first.to_string();
    loop {
        let page = page_in(public, &path);
        let stories = page.attrs(".story-card h3 a", "href");
        let next = page.attrs("link[rel=next]", "href");
        pages.push((path.clone(), stories));
        match next.as_slice() {
            [] => return pages,
            [next] => path = site_path(next),
            more => panic!("{path} has several rel=next: {more:?}"),
        }
        assert!(pages.len() < 50, "the pages of {first} never end");
    }
}

/// The stories a list shows on one page, built with `paginate: 0` into `folder`.
fn whole_list(site: &TestSite, folder: &Path, path: &str) -> Vec<String> {
    let output = site.run(&["build", "--no-cache", "--output", folder.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    page_in(folder, path).attrs(".story-card h3 a", "href")
}

#[test]
fn every_story_of_the_home_page_appears_on_exactly_one_of_its_pages_in_order() {
    let site = example_paginated("2");
    site.build(&[]);
    let unpaged = tempfile::tempdir().unwrap();
    set_paginate(&site, "0");
    let whole = whole_list(&site, unpaged.path(), "");
    let whole_ko = page_in(unpaged.path(), "ko/").attrs(".story-card h3 a", "href");
    assert!(whole.len() > 4, "{whole:?}");

    for (first, whole) in [("", whole), ("ko/", whole_ko)] {
        let pages = follow_list(&site.public(), first);
        let shown: Vec<String> = pages.iter().flat_map(|(_, s)| s.clone()).collect();
        assert_eq!(shown, whole, "the pages of {first:?} hold other stories");
        assert_eq!(pages.len(), whole.len().div_ceil(2));
        for (number, (path, stories)) in pages.iter().enumerate() {
            let number = number + 1;
            let expected = match number {
                1 => first.to_string(),
                n => format!("{first}page/{n}/"),
            };
            assert_eq!(*path, expected);
            assert!(
                stories.len() <= 2 && !stories.is_empty(),
                "{path}: {stories:?}"
            );
        }
        // No page after the last.
        let beyond = format!("{first}page/{}/index.html", pages.len() + 1);
        assert!(!site.public().join(&beyond).exists(), "{beyond} exists");
        assert!(!site.public().join(format!("{first}page/1")).exists());
    }
}

#[test]
fn each_page_has_an_accessible_pager_its_own_title_and_canonical_and_links_that_resolve() {
    let site = example_paginated("2");
    site.build(&[]);
    let pages = follow_list(&site.public(), "");
    let total = pages.len();
    assert!(total >= 3, "{pages:?}");

    let second = site.page("page/2/");
    assert_eq!(
        second.texts("head > title"),
        ["Flashpoint: Korea's Cyber Front — page 2"]
    );
    assert_eq!(
        second.attrs("link[rel=canonical]", "href"),
        ["https://example.org/page/2/"]
    );
    assert_eq!(second.attrs("link[rel=prev]", "href"), ["/"]);
    assert_eq!(second.attrs("link[rel=next]", "href"), ["/page/3/"]);
    assert_eq!(second.attrs("nav.pagination", "aria-label"), ["Pages"]);
    assert_eq!(
        second.texts(".pagination-status"),
        [format!("Page 2 of {total}")]
    );
    assert_eq!(
        second.attrs("nav.pagination a[aria-current=page]", "href"),
        ["/page/2/"]
    );
    assert_eq!(
        second.texts("nav.pagination a[rel=prev]"),
        ["Previous page"]
    );
    assert_eq!(second.texts("nav.pagination a[rel=next]"), ["Next page"]);
    // Page 2 on shows the list alone: no introduction, sidebar or map.
    assert!(second.texts(".intro, .sidebar, .start-here").is_empty());
    assert_eq!(second.texts("h1"), ["Flashpoint: Korea's Cyber Front"]);

    // Page 1 keeps its title and everything else, with the pager under the stories.
    let home = site.page("");
    assert_eq!(
        home.texts("head > title"),
        ["Flashpoint: Korea's Cyber Front"]
    );
    assert!(home.attrs("link[rel=prev]", "href").is_empty());
    assert_eq!(home.attrs("link[rel=next]", "href"), ["/page/2/"]);
    assert!(home.texts(".intro h1").len() == 1 && home.texts(".sidebar h2").len() > 1);
    assert_eq!(
        home.attrs("nav.pagination a[aria-current=page]", "href"),
        ["/"]
    );

    // The last page has no next, and every link of every pager leads to a file.
    let last = site.page(&format!("page/{total}/"));
    assert!(last.attrs("link[rel=next]", "href").is_empty());
    assert!(last.texts("nav.pagination a[rel=next]").is_empty());
    for (path, _) in &pages {
        for href in site
            .page(path)
            .attrs("nav.pagination a, link[rel=prev], link[rel=next]", "href")
        {
            let file = site.public().join(site_path(&href)).join("index.html");
            assert!(file.is_file(), "{path} links {href}, which is no file");
        }
    }

    // The other edition says it in its own language.
    let korean = site.page("ko/page/2/");
    assert_eq!(korean.attrs("nav.pagination", "aria-label"), ["페이지"]);
    assert_eq!(
        korean.attrs("link[rel=canonical]", "href"),
        ["https://example.org/ko/page/2/"]
    );
    assert!(
        korean.texts("head > title")[0].ends_with(" — 2쪽"),
        "{:?}",
        korean.texts("head > title")
    );
}

#[test]
fn a_tags_stories_run_over_pages_with_its_events_on_the_first() {
    let site = example_paginated("1");
    site.build(&[]);
    let unpaged = tempfile::tempdir().unwrap();
    set_paginate(&site, "0");
    let whole = whole_list(&site, unpaged.path(), "tags/cyber-defense/");
    assert!(whole.len() > 1, "{whole:?}");

    let pages = follow_list(&site.public(), "tags/cyber-defense/");
    let shown: Vec<String> = pages.iter().flat_map(|(_, s)| s.clone()).collect();
    assert_eq!(shown, whole);
    assert_eq!(pages[1].0, "tags/cyber-defense/page/2/");
    let second = site.page("tags/cyber-defense/page/2/");
    assert!(
        second.texts("head > title")[0].starts_with("cyber-defense — page 2 · "),
        "{:?}",
        second.texts("head > title")
    );
    assert_eq!(
        second.attrs("link[rel=prev]", "href"),
        ["/tags/cyber-defense/"]
    );
    assert!(second.texts("#tag-events").is_empty());
    // The first page shows the tag's events as the whole page did.
    let events = |page: &Page| page.texts("#tag-events ~ *, #tag-events + *");
    let first = site.page("tags/cyber-defense/");
    assert_eq!(
        events(&first),
        events(&page_in(unpaged.path(), "tags/cyber-defense/"))
    );
}

#[test]
fn pages_follow_the_base_url_and_relative_links() {
    let site = example_paginated("2");
    site.build(&["--base-url", "https://news.example.org/explainer/"]);
    let second = site.page("page/2/");
    assert_eq!(second.attrs("link[rel=prev]", "href"), ["/explainer/"]);
    assert_eq!(
        second.attrs("link[rel=next]", "href"),
        ["/explainer/page/3/"]
    );
    assert_eq!(
        second.attrs("link[rel=canonical]", "href"),
        ["https://news.example.org/explainer/page/2/"]
    );
    assert_eq!(
        site.page("ko/tags/cyber-defense/")
            .attrs("link[rel=next]", "href")
            .len(),
        usize::from(site.public().join("ko/tags/cyber-defense/page/2").exists())
    );

    let relative = tempfile::tempdir().unwrap();
    let output = site.run(&[
        "build",
        "--relative",
        "--output",
        relative.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let second = page_in(relative.path(), "page/2");
    for href in second.attrs("nav.pagination a, link[rel=prev], link[rel=next]", "href") {
        assert!(
            href.starts_with("../") && href.ends_with("index.html"),
            "{href}"
        );
        let target = relative.path().join("page/2").join(&href);
        assert!(target.is_file(), "page/2/ links {href}, which is no file");
    }
}

#[test]
fn a_list_that_fits_on_one_page_and_a_site_without_paging_have_no_pager() {
    // The example site keeps one page under the default, exactly as with paging off.
    let site = TestSite::example();
    site.build(&[]);
    let default = file_tree(&site.public());
    assert!(
        !default.keys().any(|name| name.contains("page/")),
        "{:?}",
        default.keys()
    );
    assert!(!site.page("").text.contains("pagination"));
    for off in ["0", "false"] {
        set_paginate(&site, off);
        let folder = tempfile::tempdir().unwrap();
        let output = site.run(&["build", "--output", folder.path().to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(file_tree(folder.path()), default, "paginate: {off}");
    }
}

#[test]
fn pages_a_shorter_list_no_longer_needs_are_removed_from_the_output() {
    let site = example_paginated("1");
    site.build(&[]);
    assert!(site.public().join("page/7/index.html").is_file());
    assert!(
        site.public()
            .join("tags/cyber-defense/page/2/index.html")
            .is_file()
    );
    set_paginate(&site, "3");
    let output = site.build(&[]);
    assert!(
        site.public().join("page/3/index.html").is_file(),
        "{}",
        stdout(&output)
    );
    assert!(!site.public().join("page/4").exists());
    assert!(!site.public().join("page/7").exists());
    assert!(!site.public().join("tags/cyber-defense/page").exists());
    set_paginate(&site, "0");
    site.build(&[]);
    assert!(!site.public().join("page").exists());
    assert!(!site.public().join("ko/page").exists());
}

#[test]
fn a_paginate_value_that_is_not_a_count_of_stories_is_an_error_at_its_place() {
    let site = TestSite::new("basic");
    let lines = std::fs::read_to_string(site.root.join("site.yaml"))
        .unwrap()
        .lines()
        .count();
    for (value, message) in [
        ("-1", "`paginate: -1` is negative"),
        (
            "true",
            "`paginate: true` does not say how many stories a page shows",
        ),
        ("2.5", "`paginate: 2.5` is not a whole number"),
        ("many", "`paginate: many` is not a number of stories"),
    ] {
        set_paginate(&site, value);
        let output = site.run(&["build"]);
        assert_eq!(output.status.code(), Some(1), "paginate: {value}");
        let expected = format!(
            "site.yaml:{}:11: error: {message} (hint: write how many stories one page of a list shows (e.g. paginate: 30), or 0 for one page)",
            lines + 1
        );
        assert!(
            stderr(&output).contains(&expected),
            "paginate: {value}\n{}",
            stderr(&output)
        );
        assert!(!site.public().exists());
    }
}
