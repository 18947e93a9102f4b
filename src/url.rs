//! Every URL and output path of the site is made here, from a [`Route`].
//! Nothing else joins strings into URLs, so base-URL sub-paths (and, later,
//! language prefixes) are handled in one place. A `--relative` build's URLs lead from
//! each file to the others ([`relative`]).

mod relative;

use std::borrow::Cow;
use std::fmt::Write;
use std::path::PathBuf;

use crate::config::{BaseUrl, LinkStyle};
use crate::ids::{
    ActorId, AuthorId, EventId, PageId, PlaceId, QuoteId, SeriesId, SourceId, StoryId, TagSlug,
};

/// A place on the site: a page, or an anchor within one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
    /// Page 2, 3 … of the home page's list of stories.
    HomePage(usize),
    Story(&'a StoryId),
    Actors,
    Actor(&'a ActorId),
    /// The timeline section of an actor's page.
    ActorTimeline(&'a ActorId),
    Timeline,
    Event(&'a EventId),
    Forces,
    Quotes,
    Quote(&'a QuoteId),
    Sources,
    Source(&'a SourceId),
    Places,
    Place(&'a PlaceId),
    Tags,
    Tag(&'a TagSlug),
    /// Page 2, 3 … of a tag's list of stories.
    TagPage(&'a TagSlug, usize),
    Search,
    Page(&'a PageId),
    NotFound,
    /// Who writes the stories.
    Authors,
    Author(&'a AuthorId),
    /// Every correction, newest first.
    Corrections,
    /// One correction on the corrections page.
    Correction(usize),
    Series(&'a SeriesId),
    /// Any other path inside the site: a static file (`style.css`), or a link an editor
    /// wrote as `/stories/x/` in Markdown, which must follow the site under its base path.
    SitePath(&'a str),
}

impl Route<'_> {
    /// Site-relative path without a leading slash: `stories/x/`, or `` for home.
    fn path(&self) -> String {
        let mut path = String::new();
        self.write_path(&mut path);
        path
    }

    /// [`Route::path`] onto `out`: a page's links are made by the thousand, and each one
    /// written in place costs one allocation instead of several.
    fn write_path(&self, out: &mut String) {
        // Pushed piece by piece rather than through `write!`: this runs for every link.
        let (folder, id, number): (&str, &str, Option<usize>) = match self {
            Route::Home => return,
            Route::HomePage(number) => ("page/", "", Some(*number)),
            Route::Story(id) => ("stories/", id.as_str(), None),
            Route::Actors => ("actors/", "", None),
            Route::Actor(id) | Route::ActorTimeline(id) => ("actors/", id.as_str(), None),
            Route::Timeline | Route::Event(_) => ("timeline/", "", None),
            Route::Forces => ("forces/", "", None),
            Route::Quotes | Route::Quote(_) => ("quotes/", "", None),
            Route::Sources | Route::Source(_) => ("sources/", "", None),
            Route::Places => ("places/", "", None),
            Route::Place(id) => ("places/", id.as_str(), None),
            Route::Tags => ("tags/", "", None),
            Route::Search => ("search/", "", None),
            Route::Tag(slug) => ("tags/", slug.as_str(), None),
            Route::TagPage(slug, number) => ("tags/", slug.as_str(), Some(*number)),
            Route::Page(id) => ("", id.as_str(), None),
            Route::NotFound => return out.push_str("404.html"),
            Route::Authors => ("authors/", "", None),
            Route::Author(id) => ("authors/", id.as_str(), None),
            Route::Corrections | Route::Correction(_) => ("corrections/", "", None),
            Route::Series(id) => ("series/", id.as_str(), None),
            Route::SitePath(path) => return out.push_str(path.trim_start_matches('/')),
        };
        out.push_str(folder);
        if !id.is_empty() {
            out.push_str(id);
            out.push('/');
        }
        if let Some(number) = number {
            if !id.is_empty() {
                out.push_str("page/");
            }
            push_number(out, number);
            out.push('/');
        }
    }

    /// The anchor within the page, for routes that point into a list.
    fn fragment(&self) -> Option<String> {
        let mut fragment = String::new();
        self.write_fragment(&mut fragment).then_some(fragment)
    }

    /// [`Route::fragment`] onto `out`; false, with nothing written, for a whole page.
    fn write_fragment(&self, out: &mut String) -> bool {
        let (prefix, id) = match self {
            Route::Event(id) => ("event-", id.as_str()),
            Route::Quote(id) => ("quote-", id.as_str()),
            Route::Source(id) => ("source-", id.as_str()),
            Route::ActorTimeline(_) => ("timeline", ""),
            Route::Correction(number) => {
                out.push_str("correction-");
                push_number(out, *number);
                return true;
            }
            _ => return false,
        };
        out.push_str(prefix);
        out.push_str(id);
        true
    }

    /// The id the target element carries, matching the fragment.
    pub fn anchor(&self) -> Option<String> {
        self.fragment()
    }

    /// Where the page is written inside the output folder; None for anchors and assets.
    pub fn output_file(&self) -> Option<PathBuf> {
        match self {
            Route::Event(_)
            | Route::Quote(_)
            | Route::Source(_)
            | Route::ActorTimeline(_)
            | Route::Correction(_)
            | Route::SitePath(_) => None,
            Route::NotFound => Some(PathBuf::from("404.html")),
            _ => Some(PathBuf::from(self.path()).join("index.html")),
        }
    }
}

/// `number` in decimal onto `out`.
fn push_number(out: &mut String, number: usize) {
    // Writing to a String cannot fail.
    let _ = write!(out, "{number}");
}

/// Turns routes into URLs for one base URL.
#[derive(Debug, Clone)]
pub struct UrlMaker {
    base: BaseUrl,
    links: LinkStyle,
    /// The edition's folder under the root (`ko/`), or empty for the default language.
    /// Pages' routes take it; static files and `SitePath`s do not.
    edition: String,
}

impl UrlMaker {
    pub fn new(base: BaseUrl) -> Self {
        UrlMaker {
            base,
            links: LinkStyle::RootRelative,
            edition: String::new(),
        }
    }

    /// The same URLs for the edition published under `prefix` (`ko/`, or empty).
    pub fn in_edition(self, prefix: &str) -> Self {
        UrlMaker {
            edition: prefix.to_string(),
            ..self
        }
    }

    /// The edition's folder under the site's root (`ko/`), empty for the default language.
    pub fn edition(&self) -> &str {
        &self.edition
    }

    /// The same URLs in another style: for `--relative`, links that lead from file to file.
    pub fn linking(self, links: LinkStyle) -> Self {
        UrlMaker { links, ..self }
    }

    /// The URL to put in a page's link: root-relative including the base path
    /// (`/explainer/stories/x/`), or in a relative build a path to the file from the root
    /// marker that [`UrlMaker::resolve_links`] turns into the way up from the page
    /// (`../../stories/x/index.html`).
    pub fn href(&self, route: Route<'_>) -> String {
        match self.links {
            LinkStyle::RootRelative => self.root_relative(route),
            LinkStyle::Relative => format!(
                "{}{}",
                relative::ROOT_MARKER,
                path_from_root(route, &self.edition)
            ),
        }
    }

    /// A static file, or a folder of them (`pagefind/`), in a page's link: like
    /// [`UrlMaker::href`], but a folder stays a folder, since no page is served there.
    pub fn asset_href(&self, path: &str) -> String {
        let path = path.trim_start_matches('/');
        match self.links {
            LinkStyle::RootRelative => format!("{}{path}", self.base.path()),
            LinkStyle::Relative => format!("{}{path}", relative::ROOT_MARKER),
        }
    }

    /// Root-relative URL including the base path, whatever the link style: where a page is
    /// on the server, for messages and for resolving the links found on it.
    pub fn root_relative(&self, route: Route<'_>) -> String {
        let mut href = String::with_capacity(64);
        href.push_str(self.base.path());
        if !matches!(route, Route::SitePath(_)) {
            href.push_str(&self.edition);
        }
        route.write_path(&mut href);
        let before_fragment = href.len();
        href.push('#');
        if !route.write_fragment(&mut href) {
            href.truncate(before_fragment);
        }
        href
    }

    /// The URL a search result links to. The search page's script puts the site's root
    /// before it: `/` for root-relative URLs, which already carry the base path; in a
    /// relative build, the folder the search bundle is in, so the URL is from the root.
    pub fn search_href(&self, route: Route<'_>) -> String {
        match self.links {
            LinkStyle::RootRelative => self.root_relative(route),
            LinkStyle::Relative => path_from_root(route, &self.edition),
        }
    }

    /// Absolute URL, for canonical links, feeds and sitemaps: always the published
    /// address, in a relative build too.
    pub fn absolute(&self, route: Route<'_>) -> String {
        format!("{}{}", self.base.origin(), self.root_relative(route))
    }

    /// `contents` of the output file `file` (`stories/x/index.html`) ready to be written:
    /// in a relative build, each URL made by [`UrlMaker::href`] now starts with the way from
    /// that file to the site's root. Every file holding such URLs passes through here.
    pub fn resolve_links<'c>(&self, file: &str, contents: &'c [u8]) -> Cow<'c, [u8]> {
        match self.links {
            LinkStyle::RootRelative => Cow::Borrowed(contents),
            LinkStyle::Relative => relative::resolve_links(file, contents),
        }
    }
}

/// The path from the site's root to the file that serves `route`, with its fragment.
fn path_from_root(route: Route<'_>, edition: &str) -> String {
    let path = match route {
        Route::SitePath(_) => route.path(),
        _ => format!("{edition}{}", route.path()),
    };
    let mut href = relative::with_index_file(&path);
    if let Some(fragment) = route.fragment() {
        href.push('#');
        href.push_str(&fragment);
    }
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> UrlMaker {
        UrlMaker::new(BaseUrl::parse(base).unwrap())
    }

    #[test]
    fn every_route_has_its_own_path_and_anchor() {
        let urls = urls("https://example.org/");
        let (story, actor) = (StoryId::new("s-1"), ActorId::new("kp"));
        let (event, quote) = (EventId::new("e-2"), QuoteId::new("q-3"));
        let (source, place) = (SourceId::new("src"), PlaceId::new("seoul"));
        let (tag, page) = (TagSlug::new("cyber"), PageId::new("about"));
        let (author, series) = (AuthorId::new("kim"), SeriesId::new("part"));
        let expected = [
            (Route::Home, "/"),
            (Route::HomePage(12), "/page/12/"),
            (Route::Story(&story), "/stories/s-1/"),
            (Route::Actors, "/actors/"),
            (Route::Actor(&actor), "/actors/kp/"),
            (Route::ActorTimeline(&actor), "/actors/kp/#timeline"),
            (Route::Timeline, "/timeline/"),
            (Route::Event(&event), "/timeline/#event-e-2"),
            (Route::Forces, "/forces/"),
            (Route::Quotes, "/quotes/"),
            (Route::Quote(&quote), "/quotes/#quote-q-3"),
            (Route::Sources, "/sources/"),
            (Route::Source(&source), "/sources/#source-src"),
            (Route::Places, "/places/"),
            (Route::Place(&place), "/places/seoul/"),
            (Route::Tags, "/tags/"),
            (Route::Tag(&tag), "/tags/cyber/"),
            (Route::TagPage(&tag, 3), "/tags/cyber/page/3/"),
            (Route::Search, "/search/"),
            (Route::Page(&page), "/about/"),
            (Route::NotFound, "/404.html"),
            (Route::Authors, "/authors/"),
            (Route::Author(&author), "/authors/kim/"),
            (Route::Corrections, "/corrections/"),
            (Route::Correction(10), "/corrections/#correction-10"),
            (Route::Series(&series), "/series/part/"),
            (Route::SitePath("/images/a.jpg"), "/images/a.jpg"),
        ];
        for (route, href) in expected {
            assert_eq!(urls.href(route), href, "{route:?}");
        }
    }

    #[test]
    fn hrefs_carry_the_base_path() {
        let urls = urls("https://example.org/explainer/");
        let story = StoryId::new("march-attack");
        assert_eq!(urls.href(Route::Home), "/explainer/");
        assert_eq!(
            urls.href(Route::Story(&story)),
            "/explainer/stories/march-attack/"
        );
        assert_eq!(
            urls.absolute(Route::Story(&story)),
            "https://example.org/explainer/stories/march-attack/"
        );
        assert_eq!(
            urls.href(Route::SitePath("style.css")),
            "/explainer/style.css"
        );
    }

    #[test]
    fn anchors_point_into_list_pages() {
        let urls = urls("https://example.org/");
        let source = SourceId::new("yonhap");
        assert_eq!(urls.href(Route::Source(&source)), "/sources/#source-yonhap");
        assert_eq!(Route::Source(&source).output_file(), None);
    }

    #[test]
    fn an_editions_pages_are_under_its_folder_and_static_files_are_not() {
        let urls = urls("https://example.org/explainer/").in_edition("ko/");
        let event = EventId::new("march-20");
        assert_eq!(urls.href(Route::Home), "/explainer/ko/");
        assert_eq!(
            urls.href(Route::Event(&event)),
            "/explainer/ko/timeline/#event-march-20"
        );
        assert_eq!(
            urls.href(Route::Correction(3)),
            "/explainer/ko/corrections/#correction-3"
        );
        assert_eq!(
            urls.href(Route::SitePath("/style.css")),
            "/explainer/style.css"
        );
        assert_eq!(
            urls.absolute(Route::Tags),
            "https://example.org/explainer/ko/tags/"
        );
    }

    #[test]
    fn pages_are_written_as_folder_index_files() {
        let actor = ActorId::new("iran");
        assert_eq!(
            Route::Actor(&actor).output_file(),
            Some(PathBuf::from("actors/iran/index.html"))
        );
        assert_eq!(Route::Home.output_file(), Some(PathBuf::from("index.html")));
    }

    #[test]
    fn relative_links_lead_to_index_files_from_the_root_marker() {
        let urls = urls("https://example.org/explainer/").linking(LinkStyle::Relative);
        let story = StoryId::new("march-attack");
        let event = EventId::new("a");
        let html = format!(
            "{} {} {} {}",
            urls.href(Route::Home),
            urls.href(Route::Story(&story)),
            urls.href(Route::Event(&event)),
            urls.asset_href("pagefind/"),
        );
        assert_eq!(
            urls.resolve_links("stories/x/index.html", html.as_bytes())
                .as_ref(),
            b"../../index.html ../../stories/march-attack/index.html ../../timeline/index.html#event-a ../../pagefind/"
        );
    }

    #[test]
    fn relative_builds_keep_absolute_urls_on_the_published_site() {
        let urls = urls("https://example.org/explainer/").linking(LinkStyle::Relative);
        let story = StoryId::new("march-attack");
        assert_eq!(
            urls.absolute(Route::Story(&story)),
            "https://example.org/explainer/stories/march-attack/"
        );
        assert_eq!(
            urls.search_href(Route::Story(&story)),
            "stories/march-attack/index.html"
        );
        assert_eq!(
            urls.root_relative(Route::Story(&story)),
            "/explainer/stories/march-attack/"
        );
    }

    #[test]
    fn root_relative_builds_leave_files_as_they_are() {
        let urls = urls("https://example.org/");
        assert_eq!(urls.asset_href("/style.css"), "/style.css");
        assert!(matches!(
            urls.resolve_links("index.html", b"<a href=\"/\">"),
            Cow::Borrowed(_)
        ));
    }
}
