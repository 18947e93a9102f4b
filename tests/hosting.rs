//! What a build writes for static hosts: hashed assets (with the references inside
//! stylesheets rewritten), precompressed copies kept by the build cache, redirect pages and
//! host files for aliases, and errors at an alias that collides with the site.

mod common;

use std::io::Read;
use std::path::Path;

use common::{TestSite, stderr};
use flashpoint::fingerprint::Fingerprint;

fn hashed(name: &str, bytes: &[u8]) -> String {
    let hash = &Fingerprint::of(bytes).to_hex()[..16];
    let (stem, ext) = name.rsplit_once('.').unwrap();
    format!("{stem}.{hash}.{ext}")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn add_setting(site: &TestSite, yaml: &str) {
    let text = read(&site.root.join("site.yaml"));
    site.write("site.yaml", &format!("{text}{yaml}"));
}

fn edit(site: &TestSite, relative: &str, from: &str, to: &str) {
    let text = read(&site.root.join(relative));
    assert!(text.contains(from), "{relative} has no `{from}`");
    site.write(relative, &text.replacen(from, to, 1));
}

/// The first `path:line:col: error: …` line of a failed run.
fn first_error(output: &std::process::Output) -> String {
    let message = stderr(output);
    message
        .lines()
        .find(|line| line.contains(": error: "))
        .unwrap_or_else(|| panic!("no error in:\n{message}"))
        .to_string()
}

#[test]
fn pages_link_hashed_assets_and_a_stylesheets_font_reference_names_the_hashed_font() {
    let site = TestSite::new("basic");
    let font = b"not really a font, but bytes all the same";
    std::fs::create_dir_all(site.root.join("static/fonts")).unwrap();
    std::fs::write(site.root.join("static/fonts/serif.woff2"), font).unwrap();
    site.write(
        "static/custom.css",
        "@font-face{font-family:S;src:url(\"fonts/serif.woff2\") format(\"woff2\")}\n",
    );
    site.build(&[]);
    let public = site.public();
    let font_name = hashed("fonts/serif.woff2", font);
    assert_eq!(std::fs::read(public.join(&font_name)).unwrap(), font);
    assert_eq!(
        std::fs::read(public.join("fonts/serif.woff2")).unwrap(),
        font
    );
    let css = format!("@font-face{{font-family:S;src:url(\"{font_name}\") format(\"woff2\")}}\n");
    let css_name = hashed("custom.css", css.as_bytes());
    assert_eq!(read(&public.join(&css_name)), css);
    let home = read(&public.join("index.html"));
    assert!(home.contains(&format!("href=\"/{css_name}\"")), "{home}");
    let style = std::fs::read(public.join("style.css")).unwrap();
    assert!(home.contains(&format!("href=\"/{}\"", hashed("style.css", &style))));

    // A new font gives the stylesheet a new name, which every page links; the old copies go.
    std::fs::write(site.root.join("static/fonts/serif.woff2"), b"another font").unwrap();
    site.build(&[]);
    let new_font = hashed("fonts/serif.woff2", b"another font");
    let new_css = css.replace(&font_name, &new_font);
    let new_css_name = hashed("custom.css", new_css.as_bytes());
    assert_eq!(read(&public.join(&new_css_name)), new_css);
    assert!(read(&public.join("about/index.html")).contains(&format!("href=\"/{new_css_name}\"")));
    assert!(
        !public.join(&css_name).exists(),
        "the old hashed stylesheet was left behind"
    );
    assert!(
        !public.join(&font_name).exists(),
        "the old hashed font was left behind"
    );
}

#[test]
fn precompressed_copies_unzip_to_their_files_and_a_rebuild_keeps_them_untouched() {
    let site = TestSite::example();
    add_setting(&site, "hosting:\n  precompress: true\n");
    site.build(&[]);
    let public = site.public();
    let mut copies = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let path = entry.path();
        let Some(plain) = path.to_str().unwrap().strip_suffix(".gz") else {
            continue;
        };
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, std::fs::read(plain).unwrap(), "{plain}");
        copies += 1;
    }
    assert!(copies > 40, "only {copies} precompressed copies");
    assert!(public.join("index.html.gz").is_file());
    assert!(public.join("pagefind/entry.json.gz").is_file());

    let modified = |file: &str| {
        std::fs::metadata(public.join(file))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = modified("stories/threats-sanctions-and-drills/index.html.gz");
    let again = site.build(&[]);
    let summary = String::from_utf8_lossy(&again.stdout).to_string() + &stderr(&again);
    assert!(summary.contains("(0 rendered"), "{summary}");
    assert_eq!(
        before,
        modified("stories/threats-sanctions-and-drills/index.html.gz")
    );

    // A cold build without the cache gives the same bytes.
    let cold = tempfile::tempdir().unwrap();
    let out = site.run(&[
        "build",
        "--no-cache",
        "--output",
        cold.path().join("public").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    common::assert_same_tree(&public, &cold.path().join("public"));
}

#[test]
fn an_alias_gets_a_redirect_page_a_redirects_line_and_an_nginx_redirect() {
    let site = TestSite::new("basic");
    add_setting(&site, "hosting:\n  nojekyll: true\n");
    edit(
        &site,
        "content/stories/one.md",
        "sources: [s1]\n",
        "sources: [s1]\naliases: [/stories/first/, old-one.html]\n",
    );
    edit(
        &site,
        "content/actors/alpha.md",
        "---\n",
        "---\nold_paths: [actors/alfa]\n",
    );
    edit(
        &site,
        "content/pages/about.md",
        "---\n",
        "---\naliases: [about-us]\n",
    );
    site.build(&["--base-url", "https://example.org/explainer/"]);
    let public = site.public();
    let page = read(&public.join("stories/first/index.html"));
    assert!(
        page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/explainer/stories/one/\">"),
        "{page}"
    );
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://example.org/explainer/stories/one/\">"
        )
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(page.contains("<a href=\"/explainer/stories/one/\">Story One</a>"));
    assert!(read(&public.join("old-one.html")).contains("url=/explainer/stories/one/"));
    assert!(read(&public.join("actors/alfa/index.html")).contains("url=/explainer/actors/alpha/"));
    assert!(read(&public.join("about-us/index.html")).contains("url=/explainer/about/"));
    let redirects = read(&public.join("_redirects"));
    for line in [
        "/explainer/stories/first/ /explainer/stories/one/ 301",
        "/explainer/stories/first /explainer/stories/one/ 301",
        "/explainer/old-one.html /explainer/stories/one/ 301",
        "/explainer/actors/alfa/ /explainer/actors/alpha/ 301",
        "/explainer/about-us/ /explainer/about/ 301",
    ] {
        assert!(
            redirects.lines().any(|l| l == line),
            "no `{line}` in:\n{redirects}"
        );
    }
    let nginx = read(&public.join("_nginx.conf"));
    assert!(nginx.contains(
        "location = /explainer/actors/alfa/ {\n    return 301 /explainer/actors/alpha/;\n}"
    ));
    assert!(nginx.contains("error_page 404 /explainer/404.html;"));
    assert!(public.join(".nojekyll").is_file());
    let headers = read(&public.join("_headers"));
    assert!(headers.starts_with("# Made by flashpoint"));
    assert!(headers.contains("/explainer/*\n  X-Content-Type-Options: nosniff\n"));
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(
        !sitemap.contains("stories/first"),
        "an alias is in the sitemap"
    );
}

#[test]
fn an_alias_at_the_address_of_a_page_is_an_error_at_the_alias() {
    let site = TestSite::new("basic");
    edit(
        &site,
        "content/stories/one.md",
        "sources: [s1]\n",
        "sources: [s1]\naliases: [about]\n",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        first_error(&output),
        "content/stories/one.md:8:11: error: the alias `about` is the address of a file \
         the site already has (about/index.html) (hint: remove the alias, or rename what \
         lives at that address)"
    );
}

#[test]
fn two_aliases_for_one_old_address_are_an_error_at_the_second_naming_the_first() {
    let site = TestSite::new("basic");
    edit(
        &site,
        "content/stories/one.md",
        "sources: [s1]\n",
        "sources: [s1]\naliases: [old]\n",
    );
    edit(
        &site,
        "content/pages/about.md",
        "---\n",
        "---\naliases: [\"old/\"]\n",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        first_error(&output),
        "content/pages/about.md:2:11: error: the alias `old` is also an alias at \
         content/stories/one.md:8:11 (hint: an old address can redirect to one place only: \
         keep one of them)"
    );
    assert!(!site.public().exists(), "a failed build wrote an output");
}

#[test]
fn an_alias_that_climbs_out_of_the_site_is_an_error_at_the_alias() {
    let site = TestSite::new("basic");
    edit(
        &site,
        "content/stories/one.md",
        "sources: [s1]\n",
        "sources: [s1]\naliases: [\"../../etc\"]\n",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        first_error(&output),
        "content/stories/one.md:8:11: error: the alias `../../etc` has an empty, `.` or `..` \
         part (hint: write the old address relative to the site, e.g. stories/old-name)"
    );
}

#[test]
fn every_host_file_and_hashing_can_be_switched_off() {
    let site = TestSite::new("basic");
    add_setting(
        &site,
        "hosting:\n  hashed_assets: false\n  headers: false\n  redirects: false\n  nginx: false\n",
    );
    site.build(&[]);
    let public = site.public();
    for file in ["_headers", "_redirects", "_nginx.conf", ".nojekyll"] {
        assert!(!public.join(file).exists(), "{file} was written");
    }
    assert!(read(&public.join("index.html")).contains("href=\"/style.css\""));
    let hashed_copies: Vec<_> = std::fs::read_dir(&public)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| flashpoint::hosting::is_content_hashed(name))
        .collect();
    assert!(hashed_copies.is_empty(), "{hashed_copies:?}");
}

#[test]
fn a_content_security_policy_that_nginx_would_misread_is_an_error_in_site_yaml() {
    let site = TestSite::new("basic");
    add_setting(
        &site,
        "hosting:\n  content_security_policy: \"default-src $host\"\n",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        first_error(&output),
        "site.yaml:7:28: error: the content_security_policy may not hold `\"`, `$` or `\\`"
    );
}

#[test]
fn a_chosen_content_security_policy_goes_into_headers_and_the_nginx_snippet() {
    let site = TestSite::new("basic");
    add_setting(
        &site,
        "hosting:\n  content_security_policy: \"default-src 'self' https://maps.example\"\n",
    );
    site.build(&[]);
    let policy = "default-src 'self' https://maps.example";
    assert!(
        read(&site.public().join("_headers"))
            .contains(&format!("  Content-Security-Policy: {policy}\n"))
    );
    assert!(read(&site.public().join("_nginx.conf")).contains(&format!(
        "add_header Content-Security-Policy \"{policy}\" always;"
    )));
}
