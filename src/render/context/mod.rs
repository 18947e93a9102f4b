//! One context struct per kind of page. Templates see the struct's fields as
//! top-level variables, plus `site` and `nav` from the global context.
//!
//! The pages are grouped by what they show: [`stories`] (front page, stories, tags),
//! [`actors`], and [`data_pages`] (timeline, forces, quotes, sources, search).

mod actors;
mod data_pages;
mod key_facts;
pub(crate) mod newsroom;
mod places;
mod stories;

use serde::Serialize;

use crate::markdown;
use crate::render::Renderer;
use crate::render::embeds::{PageMarkdown, QuoteEmbeds};
use crate::render::links::PageLinks;
use crate::render::pages::{PageKind, PageMeta};
use crate::render::views::{EventView, Views};
use crate::site::{Site, SourceIx};

/// A page with nothing but its own text: a Markdown page, or the 404 page.
#[derive(Serialize)]
struct PlainPageContext<'a> {
    page: PageMeta<'a>,
    body_html: String,
}

/// Builds the template context of one page.
pub struct ContextBuilder<'a> {
    site: &'a Site,
    views: Views<'a>,
    renderer: &'a Renderer,
    /// Draws the quotes the page's Markdown embeds, with the theme's quote partial.
    embeds: QuoteEmbeds<'a>,
}

impl<'a> ContextBuilder<'a> {
    pub fn new(site: &'a Site, renderer: &'a Renderer) -> Self {
        ContextBuilder {
            site,
            views: Views::new(site, renderer),
            renderer,
            embeds: QuoteEmbeds::new(site, renderer),
        }
    }

    /// How Markdown on this page links and embeds; `numbered_sources` on a story page.
    fn page_markdown(&self, numbered_sources: Option<&'a [SourceIx]>) -> PageMarkdown<'_> {
        self.document_links(numbered_sources, None)
    }

    /// [`Self::page_markdown`] for the body of the content file `document`, whose
    /// relative image paths are read from its folder.
    fn document_links(
        &self,
        numbered_sources: Option<&'a [SourceIx]>,
        document: Option<&'a std::path::Path>,
    ) -> PageMarkdown<'_> {
        PageMarkdown {
            links: PageLinks {
                site: self.site,
                numbered_sources,
                document,
            },
            embeds: &self.embeds,
        }
    }

    /// The body of a content file as HTML.
    fn document_html(&self, document: &'a crate::content::MarkdownDocument) -> String {
        markdown::render(
            &document.body(),
            &self.document_links(None, Some(&document.path)),
            self.renderer.highlighter(),
        )
    }

    fn event(&self, ix: usize) -> EventView<'a> {
        let text = &self.site.events[ix].summary;
        let draw = || {
            markdown::render_inline(text, &self.page_markdown(None), self.renderer.highlighter())
        };
        // A summary that embeds a quote is drawn for each page, which reports the quote
        // partial's errors; any other summary draws the same on every page.
        let summary = if text.contains("![") {
            draw()
        } else {
            self.renderer.event_summary(self.site, ix, draw)
        };
        let mut view = self.views.event(ix, summary);
        view.corrections = self.corrections_of(crate::site::Corrected::Event(ix));
        view
    }

    /// A quote in a list, with its corrections.
    fn quote(&self, ix: usize) -> crate::render::views::QuoteView<'a> {
        let mut view = self.views.quote(ix);
        view.corrections = self.corrections_of(crate::site::Corrected::Quote(ix));
        view
    }

    fn meta(
        &self,
        kind: PageKind,
        kind_name: &'static str,
        title: &'a str,
        description: &'a str,
    ) -> PageMeta<'a> {
        let route = kind.route(self.site);
        PageMeta {
            kind: kind_name,
            title,
            description,
            url: self.site.urls.href(route),
            canonical: self.site.urls.absolute(route),
        }
    }

    /// The meta of a page the theme names: its template sets the title and description
    /// (blocks `title` and `description`), so they are empty here.
    fn section_meta(&self, kind: PageKind, kind_name: &'static str) -> PageMeta<'a> {
        self.meta(kind, kind_name, "", "")
    }

    pub fn build(&self, kind: PageKind) -> Result<tera::Context, tera::Error> {
        let context = match kind {
            PageKind::Home | PageKind::HomePage(_) => {
                tera::Context::from_serialize(&self.home(kind))
            }
            PageKind::Story(ix) => tera::Context::from_serialize(&self.story(kind, ix)),
            PageKind::Actors => tera::Context::from_serialize(&self.actors(kind)),
            PageKind::Actor(ix) => tera::Context::from_serialize(&self.actor(kind, ix)),
            PageKind::Timeline => tera::Context::from_serialize(&self.timeline(kind)),
            PageKind::Forces => tera::Context::from_serialize(&self.forces(kind)),
            PageKind::Quotes => tera::Context::from_serialize(&self.quotes(kind)),
            PageKind::Sources => tera::Context::from_serialize(&self.sources(kind)),
            PageKind::Places => tera::Context::from_serialize(&self.places(kind)),
            PageKind::Place(ix) => tera::Context::from_serialize(&self.place(kind, ix)),
            PageKind::Tags => tera::Context::from_serialize(&self.tags(kind)),
            PageKind::Tag(ix) | PageKind::TagPage(ix, _) => {
                tera::Context::from_serialize(&self.tag(kind, ix))
            }
            PageKind::Page(ix) => {
                let page = &self.site.pages[ix];
                tera::Context::from_serialize(&PlainPageContext {
                    page: self.meta(kind, "page", &page.title, &page.summary),
                    body_html: self.document_html(&page.document),
                })
            }
            PageKind::Search => tera::Context::from_serialize(&self.search(kind)),
            PageKind::Authors => tera::Context::from_serialize(&self.authors(kind)),
            PageKind::Author(ix) => tera::Context::from_serialize(&self.author(kind, ix)),
            PageKind::Corrections => tera::Context::from_serialize(&self.corrections_page(kind)),
            PageKind::Series(ix) => tera::Context::from_serialize(&self.series_page(kind, ix)),
            PageKind::NotFound => tera::Context::from_serialize(&PlainPageContext {
                page: self.section_meta(kind, "not_found"),
                body_html: String::new(),
            }),
        }?;
        let mut context = context;
        context.insert("alternates", &self.site.alternates(kind.route(self.site)));
        // A quote the Markdown embeds whose partial failed: the page fails with it.
        match self.embeds.take_error() {
            Some(error) => Err(error),
            None => Ok(context),
        }
    }
}
