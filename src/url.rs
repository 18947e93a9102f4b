//! Every URL and output path of the site is made here, from a [`Route`].
//! Nothing else joins strings into URLs, so base-URL sub-paths (and, later,
//! language prefixes) are handled in one place.

use std::path::PathBuf;

use crate::config::BaseUrl;
use crate::ids::{ActorId, EventId, PageId, PlaceId, QuoteId, SourceId, StoryId, TagSlug};

/// A place on the site: a page, or an anchor within one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    Home,
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
    Search,
    Page(&'a PageId),
    NotFound,
    /// Any other path inside the site: a static file (`style.css`), or a link an editor
    /// wrote as `/stories/x/` in Markdown, which must follow the site under its base path.
    SitePath(&'a str),
}

impl Route<'_> {
    /// Site-relative path without a leading slash: `stories/x/`, or `` for home.
    fn path(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Story(id) => format!("stories/{id}/"),
            Route::Actors => "actors/".to_string(),
            Route::Actor(id) | Route::ActorTimeline(id) => format!("actors/{id}/"),
            Route::Timeline | Route::Event(_) => "timeline/".to_string(),
            Route::Forces => "forces/".to_string(),
            Route::Quotes | Route::Quote(_) => "quotes/".to_string(),
            Route::Sources | Route::Source(_) => "sources/".to_string(),
            Route::Places => "places/".to_string(),
            Route::Place(id) => format!("places/{id}/"),
            Route::Tags => "tags/".to_string(),
            Route::Search => "search/".to_string(),
            Route::Tag(slug) => format!("tags/{slug}/"),
            Route::Page(id) => format!("{id}/"),
            Route::NotFound => "404.html".to_string(),
            Route::SitePath(path) => path.trim_start_matches('/').to_string(),
        }
    }

    /// The anchor within the page, for routes that point into a list.
    fn fragment(&self) -> Option<String> {
        match self {
            Route::Event(id) => Some(format!("event-{id}")),
            Route::Quote(id) => Some(format!("quote-{id}")),
            Route::Source(id) => Some(format!("source-{id}")),
            Route::ActorTimeline(_) => Some("timeline".to_string()),
            _ => None,
        }
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
            | Route::SitePath(_) => None,
            Route::NotFound => Some(PathBuf::from("404.html")),
            _ => Some(PathBuf::from(self.path()).join("index.html")),
        }
    }
}

/// Turns routes into URLs for one base URL.
#[derive(Debug, Clone)]
pub struct UrlMaker {
    base: BaseUrl,
}

impl UrlMaker {
    pub fn new(base: BaseUrl) -> Self {
        UrlMaker { base }
    }

    /// Root-relative URL including the base path: `/explainer/stories/x/`.
    pub fn href(&self, route: Route<'_>) -> String {
        let mut href = format!("{}{}", self.base.path(), route.path());
        if let Some(fragment) = route.fragment() {
            href.push('#');
            href.push_str(&fragment);
        }
        href
    }

    /// Absolute URL, for canonical links, feeds and sitemaps.
    pub fn absolute(&self, route: Route<'_>) -> String {
        format!("{}{}", self.base.origin(), self.href(route))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> UrlMaker {
        UrlMaker::new(BaseUrl::parse(base).unwrap())
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
    fn pages_are_written_as_folder_index_files() {
        let actor = ActorId::new("iran");
        assert_eq!(
            Route::Actor(&actor).output_file(),
            Some(PathBuf::from("actors/iran/index.html"))
        );
        assert_eq!(Route::Home.output_file(), Some(PathBuf::from("index.html")));
    }
}
