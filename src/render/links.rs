//! How Markdown on one page reaches the rest of the site: wiki links, site paths and
//! citations (numbered on story pages), resolved by the site model ([`SiteLinks`]).
//! Embedded quotes are drawn apart, with the templates (see `embeds.rs`).

use crate::markdown::{CitationTarget, LinkResolver, ResolvedLink};
use crate::site::{Site, SiteLinks, SourceIx};

/// The links of one page as rendering needs them (quote embeds are added by `embeds.rs`).
pub struct PageLinks<'a> {
    pub site: &'a Site,
    /// On a story page, its sources in citation-number order.
    pub numbered_sources: Option<&'a [SourceIx]>,
    /// The content file whose body this is: its relative image paths start from its folder.
    pub document: Option<&'a std::path::Path>,
}

impl PageLinks<'_> {
    fn resolver(&self) -> SiteLinks<'_> {
        SiteLinks {
            site: self.site,
            numbered_sources: self.numbered_sources,
        }
    }
}

/// Links, site paths and citations as the site model resolves them.
impl LinkResolver for PageLinks<'_> {
    fn resolve(&self, target: &str) -> Option<ResolvedLink> {
        self.resolver().resolve(target)
    }

    fn site_path(&self, path: &str) -> String {
        self.resolver().site_path(path)
    }

    fn raw_html_allowed(&self) -> bool {
        self.resolver().raw_html_allowed()
    }

    fn image(&self, src: &str, alt: &str) -> Option<String> {
        let path = crate::images::resolve_src(self.document?, src).ok()?;
        let image = self.site.images.get(&path)?;
        Some(crate::images::picture_html(
            image,
            alt,
            crate::images::PictureRole::BelowTheFold,
            &|file| self.site.urls.asset_href(file),
        ))
    }

    fn cite(&self, source: &str) -> Option<CitationTarget> {
        self.resolver().cite(source)
    }
}
