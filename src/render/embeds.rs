//! `![[quotes/id]]` in Markdown, drawn by the theme's `partials/quote.html` — the same
//! partial the quote lists include — so a theme changes a quote's markup in one place.
//!
//! Kept apart from [`PageLinks`], which only resolves links and citations: embedding
//! needs the templates, resolving does not.

use std::cell::RefCell;

use serde::Serialize;

use crate::markdown::{CitationTarget, LinkResolver, ResolvedLink};
use crate::render::Renderer;
use crate::render::links::PageLinks;
use crate::render::views::{QuoteView, Views};
use crate::site::{LinkTarget, Site};

/// The partial that draws one quote, in a list or embedded in Markdown.
pub const QUOTE_PARTIAL: &str = "partials/quote.html";

/// What `partials/quote.html` receives when Markdown embeds a quote.
#[derive(Serialize)]
pub(crate) struct QuoteEmbedContext<'a> {
    pub quote: QuoteView<'a>,
    /// `"block"` for a pull quote standing alone in its paragraph, `"inline"` inside a
    /// sentence; the quote lists leave it `false`.
    pub embed: &'static str,
}

/// What the quote partial receives for the quote `ix` embedded in Markdown.
pub(crate) fn embed_context<'a>(
    site: &'a Site,
    renderer: &Renderer,
    ix: usize,
    block: bool,
) -> QuoteEmbedContext<'a> {
    let mut quote = Views::new(site, renderer).quote_view(&site.quotes[ix]);
    let links = crate::render::links::PageLinks {
        site,
        numbered_sources: None,
        document: None,
    };
    quote.corrections = crate::render::context::newsroom::corrections_of(
        site,
        crate::site::Corrected::Quote(ix),
        &|text| crate::markdown::render_inline(text, &links, renderer.highlighter()),
    );
    QuoteEmbedContext {
        quote,
        embed: if block { "block" } else { "inline" },
    }
}

/// Draws embedded quotes for one page, keeping the first template error for the page
/// to report (the Markdown stages cannot return one).
pub(crate) struct QuoteEmbeds<'a> {
    site: &'a Site,
    renderer: &'a Renderer,
    error: RefCell<Option<tera::Error>>,
}

impl<'a> QuoteEmbeds<'a> {
    pub fn new(site: &'a Site, renderer: &'a Renderer) -> Self {
        QuoteEmbeds {
            site,
            renderer,
            error: RefCell::new(None),
        }
    }

    /// The HTML of the quote `target` names, or none when it names no quote.
    pub fn embed(&self, target: &str, block: bool) -> Option<String> {
        let LinkTarget::Quote(id) = LinkTarget::parse(target) else {
            return None;
        };
        let ix = self.site.quote_ix(id.as_str())?;
        let context = embed_context(self.site, self.renderer, ix, block);
        match self.renderer.render_template(QUOTE_PARTIAL, &context) {
            Ok(html) => Some(html),
            Err(error) => {
                self.error.borrow_mut().get_or_insert(error);
                Some(String::new())
            }
        }
    }

    /// The first error met while drawing an embed, if any.
    pub fn take_error(&self) -> Option<tera::Error> {
        self.error.borrow_mut().take()
    }
}

/// How Markdown on a page reaches the rest of the site: links and citations through
/// [`PageLinks`], quote embeds through [`QuoteEmbeds`].
pub(crate) struct PageMarkdown<'a> {
    pub links: PageLinks<'a>,
    pub embeds: &'a QuoteEmbeds<'a>,
}

impl LinkResolver for PageMarkdown<'_> {
    fn resolve(&self, target: &str) -> Option<ResolvedLink> {
        self.links.resolve(target)
    }

    fn cite(&self, source: &str) -> Option<CitationTarget> {
        self.links.cite(source)
    }

    fn embed(&self, target: &str, block: bool) -> Option<String> {
        self.embeds.embed(target, block)
    }

    fn site_path(&self, path: &str) -> String {
        self.links.site_path(path)
    }

    fn image(&self, src: &str, alt: &str) -> Option<String> {
        self.links.image(src, alt)
    }

    fn raw_html_allowed(&self) -> bool {
        self.links.raw_html_allowed()
    }
}
