//! How Markdown on one page reaches the rest of the site: wiki links, site paths and
//! citations (numbered on story pages). Only resolving, no rendering: rendering, search
//! and anything else reading Markdown share it, so none of them depends on another.

use crate::markdown::{CitationTarget, LinkResolver, ResolvedLink};
use crate::site::{LinkTarget, Site, SourceIx, split_fragment};
use crate::url::Route;

/// Resolves the links of one page against the site. It embeds no quotes: drawing them is
/// rendering (`render::PageLinks` adds it).
pub struct SiteLinks<'a> {
    pub site: &'a Site,
    /// On a story page, its sources in citation-number order.
    pub numbered_sources: Option<&'a [SourceIx]>,
}

impl LinkResolver for SiteLinks<'_> {
    fn resolve(&self, target: &str) -> Option<ResolvedLink> {
        let (written, fragment) = split_fragment(target);
        let with_fragment = |href: String| match fragment {
            Some(fragment) => format!("{href}#{fragment}"),
            None => href,
        };
        let target = LinkTarget::parse(target);
        match self.site.lookup(&target) {
            Some((route, title)) => Some(ResolvedLink {
                href: with_fragment(self.site.urls.href(route)),
                title: title.to_string(),
            }),
            // A story or page this language's edition lacks: the original.
            None => self
                .site
                .elsewhere
                .find(written)
                .map(|(href, title)| ResolvedLink {
                    href: with_fragment(href.clone()),
                    title: title.clone(),
                }),
        }
    }

    fn site_path(&self, path: &str) -> String {
        self.site.urls.href(Route::SitePath(path))
    }

    fn raw_html_allowed(&self) -> bool {
        self.site.config.markdown.raw_html
    }

    /// An embedded quote reads as its words and its speaker's credit, as the page shows it.
    fn embed_text(&self, target: &str) -> Option<String> {
        let LinkTarget::Quote(id) = LinkTarget::parse(target) else {
            return None;
        };
        let quote = self.site.quote(id.as_str())?;
        let credit = self.site.credit_text(&quote.speaker);
        Some(if credit.is_empty() {
            format!("“{}”", quote.text)
        } else {
            format!("“{}” ({credit})", quote.text)
        })
    }

    fn cite(&self, source: &str) -> Option<CitationTarget> {
        let ix = self.site.source_ix(source)?;
        let title = self.site.sources[ix].title.clone();
        let number = self
            .numbered_sources
            .and_then(|list| list.iter().position(|&s| s == ix))
            .map(|n| n + 1);
        let href = match number {
            Some(_) => format!("#cite-{source}"),
            None => self
                .site
                .urls
                .href(Route::Source(&self.site.sources[ix].id)),
        };
        Some(CitationTarget {
            number,
            href,
            title,
        })
    }
}
