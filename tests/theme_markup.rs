//! The theme owns every piece of markup: the feed, the sitemap, robots.txt, quote embeds
//! and page titles are templates, and a site's own `templates/` replaces them file by file.

mod common;

use common::{TestSite, stderr};

fn read(site: &TestSite, file: &str) -> String {
    std::fs::read_to_string(site.public().join(file)).unwrap()
}

/// Replaces `from` with `to` in a file of the site, failing if `from` is not there.
fn edit(site: &TestSite, relative: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.root.join(relative)).unwrap();
    assert!(text.contains(from), "{relative} has no {from:?}");
    site.write(relative, &text.replacen(from, to, 1));
}

#[test]
fn a_sites_own_atom_template_replaces_the_themes() {
    let site = TestSite::new("basic");
    site.write(
        "templates/atom.xml",
        "<feed>{% for entry in entries %}<e>{{ entry.title }}</e>{% endfor %}</feed>\n",
    );
    site.build(&[]);
    assert_eq!(
        read(&site, "atom.xml"),
        "<feed><e>Story Two</e><e>Story One</e></feed>\n"
    );
    // The other files still come from the theme.
    assert!(read(&site, "sitemap.xml").starts_with("<?xml"));
}

#[test]
fn a_sites_own_sitemap_and_robots_templates_replace_the_themes() {
    let site = TestSite::new("basic");
    site.write(
        "templates/sitemap.xml",
        "{% for page in pages %}{% if page.lastmod %}{{ page.url }} {{ page.lastmod }}\n{% endif %}{% endfor %}",
    );
    site.write(
        "templates/robots.txt",
        "User-agent: *\nDisallow: /\n# {{ sitemap_url }}\n",
    );
    site.build(&[]);
    assert_eq!(
        read(&site, "sitemap.xml"),
        "https://example.org/stories/two/ 2020-02-01\nhttps://example.org/stories/one/ 2020-01-02\n"
    );
    assert_eq!(
        read(&site, "robots.txt"),
        "User-agent: *\nDisallow: /\n# https://example.org/sitemap.xml\n"
    );
}

#[test]
fn the_feed_escapes_ampersands_angle_brackets_and_quotes_in_titles() {
    let site = TestSite::new("basic");
    edit(
        &site,
        "content/stories/one.md",
        "title: \"Story One\"",
        "title: \"Tom & Jerry <b> \\\"quoted\\\" 'single'\"",
    );
    edit(
        &site,
        "content/stories/one.md",
        "summary: \"The first story.\"",
        "summary: \"Bell\\x07 & whistle\"",
    );
    site.build(&[]);
    let feed = read(&site, "atom.xml");
    // Straight quotes in a title become curly ones (smart punctuation, as in Markdown), which
    // XML needs no escape for.
    assert!(
        feed.contains("<title>Tom &amp; Jerry &lt;b&gt; “quoted” ‘single’</title>"),
        "{feed}"
    );
    // The control character XML forbids is dropped, so the feed stays well-formed.
    assert!(
        feed.contains("<summary>Bell &amp; whistle</summary>"),
        "{feed}"
    );
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|entry| entry.children().find(|n| n.has_tag_name("title")))
        .filter_map(|title| title.text())
        .collect();
    assert_eq!(titles, ["Story Two", "Tom & Jerry <b> “quoted” ‘single’"]);
}

#[test]
fn a_quote_embed_and_the_quotes_page_use_the_same_partial() {
    let site = TestSite::new("basic");
    site.write(
        "templates/partials/quote.html",
        "<blockquote class=\"house\" data-embed=\"{{ embed }}\">{{ quote.text }}</blockquote>",
    );
    site.build(&[]);
    let story = site.page("stories/two/");
    assert_eq!(
        story.attrs(".prose blockquote.house", "data-embed"),
        ["block"]
    );
    assert_eq!(story.texts(".prose blockquote.house"), ["We will prevail."]);
    let quotes = site.page("quotes/");
    assert_eq!(quotes.attrs("blockquote.house", "data-embed"), ["false"]);
    assert_eq!(quotes.texts("blockquote.house"), ["We will prevail."]);
    assert_eq!(
        site.page("actors/gamma/").texts("blockquote.house"),
        ["We will prevail."]
    );
    assert!(story.texts("figure.pull-quote").is_empty());
}

#[test]
fn an_inline_quote_embed_is_a_q_element_followed_by_its_speaker() {
    let site = TestSite::new("basic");
    edit(
        &site,
        "content/stories/two.md",
        "Gamma was blunt:",
        "Gamma said ![[quotes/q1]] at the rally.",
    );
    site.build(&[]);
    let html = std::fs::read_to_string(site.public().join("stories/two/index.html")).unwrap();
    assert!(
        html.contains(
            "<p>Gamma said <q class=\"inline-quote\" cite=\"/quotes/#quote-q1\">We will prevail.</q> <span class=\"quote-credit\">(<a href=\"/actors/gamma/\">Gamma Person</a>)</span> at the rally.</p>"
        ),
        "{html}"
    );
}

#[test]
fn a_broken_quote_partial_fails_the_build_naming_the_partial_and_the_page() {
    let site = TestSite::new("basic");
    site.write(
        "templates/partials/quote.html",
        "<q>{{ quote.text }}</q>{{ quote.no_such_field.inside }}",
    );
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    // The embed in a story's Markdown fails its page like the quote lists do.
    for page in ["/stories/two/", "/quotes/", "/actors/gamma/"] {
        assert!(
            message.lines().any(|line| line.starts_with(
                "templates/partials/quote.html:1:33: error: Field `no_such_field` is not defined."
            ) && line.ends_with(&format!("(while rendering {page})"))),
            "{page}: {message}"
        );
    }
    assert!(!site.public().join("index.html").exists());
}

#[test]
fn a_label_printed_by_t_leaves_a_later_template_error_at_its_written_column() {
    // `t(key=…)` with a literal key is written into the template once when it loads; the
    // error after it on the same line must still name the column the editor sees.
    let broken = |before: &str| {
        let site = TestSite::new("basic");
        site.write(
            "templates/partials/quote.html",
            &format!("<q>{before} {{{{ quote.no_such_field.inside }}}}</q>"),
        );
        let output = site.run(&["build"]);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let message = stderr(&output);
        let first = message.lines().next().unwrap_or_default().to_string();
        first
            .split(": error")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let call = "{{ t(key=\"nav.actors\") }}";
    let as_wide_text = "x".repeat(call.len());
    let with_call = broken(call);
    assert!(
        with_call.starts_with("templates/partials/quote.html:1:"),
        "{with_call}"
    );
    assert_eq!(with_call, broken(&as_wide_text));
}

#[test]
fn a_broken_feed_template_fails_the_build_naming_the_template() {
    let site = TestSite::new("basic");
    site.write("templates/atom.xml", "<feed>{{ entries[0].nope }}</feed>\n");
    let output = site.run(&["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.starts_with("templates/atom.xml:1:"), "{message}");
    assert!(message.contains("(while rendering /atom.xml)"), "{message}");
    assert!(!site.public().exists());
}

#[test]
fn a_section_template_names_its_page_in_the_title_and_description_blocks() {
    let site = TestSite::new("basic");
    let quotes =
        std::fs::read_to_string(common::repo_root().join("themes/default/templates/quotes.html"))
            .unwrap();
    let renamed = quotes
        .replace(
            r#"{% block title %}{{ t(key="quotes.title") }}{% endblock title %}"#,
            "{% block title %}Who said what{% endblock title %}",
        )
        .replace(
            r#"{{ t(key="quotes.description") }}"#,
            "Every quotation, sourced.",
        );
    assert_ne!(renamed, quotes);
    site.write("templates/quotes.html", &renamed);
    site.build(&[]);
    let page = site.page("quotes/");
    assert_eq!(page.texts("title"), ["Who said what · Test Explainer"]);
    assert_eq!(page.texts("h1"), ["Who said what"]);
    assert_eq!(page.texts("p.dek"), ["Every quotation, sourced."]);
    assert_eq!(
        page.attrs("meta[property='og:title']", "content"),
        ["Who said what"]
    );
    assert_eq!(
        page.attrs("meta[name=description]", "content"),
        ["Every quotation, sourced."]
    );
}

#[test]
fn changing_the_quote_partial_redraws_the_stories_that_embed_a_quote_on_a_cached_build() {
    let site = TestSite::new("basic");
    site.build(&[]);
    assert_eq!(
        site.page("stories/two/")
            .texts(".prose figure.pull-quote blockquote"),
        ["We will prevail."]
    );
    site.write(
        "templates/partials/quote.html",
        "<blockquote class=\"house\">{{ quote.text }}</blockquote>",
    );
    site.build(&[]);
    let story = site.page("stories/two/");
    assert_eq!(story.texts(".prose blockquote.house"), ["We will prevail."]);
    assert!(story.texts("figure.pull-quote").is_empty());
}
