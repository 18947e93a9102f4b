//! How Markdown on one page reaches the rest of the site: links, site paths and citations
//! resolved by the site model ([`SiteLinks`]), and embedded quotes drawn here.

use crate::markdown::{CitationTarget, LinkResolver, ResolvedLink};
use crate::markup::escape;
use crate::site::{LinkTarget, Site, SiteLinks, SourceIx};
use crate::url::Route;

/// The links of one page as rendering needs them: [`SiteLinks`] with quote embeds.
pub struct PageLinks<'a> {
    pub site: &'a Site,
    /// On a story page, its sources in citation-number order.
    pub numbered_sources: Option<&'a [SourceIx]>,
}

impl PageLinks<'_> {
    fn resolver(&self) -> SiteLinks<'_> {
        SiteLinks {
            site: self.site,
            numbered_sources: self.numbered_sources,
        }
    }
}

/// Links, site paths and citations as the site model resolves them; quote embeds drawn here.
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

    fn cite(&self, source: &str) -> Option<CitationTarget> {
        self.resolver().cite(source)
    }

    fn embed(&self, target: &str, block: bool) -> Option<String> {
        let LinkTarget::Quote(id) = LinkTarget::parse(target) else {
            return None;
        };
        let quote = self.site.quote(id.as_str())?;
        let speaker = self.site.actor(quote.speaker.id.as_str());
        let speaker_link = speaker.map(|a| {
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&self.site.urls.href(Route::Actor(&a.id))),
                escape(&a.name)
            )
        });
        let quote_href = self.site.urls.href(Route::Quote(&quote.id));
        if !block {
            let by = speaker_link.map(|l| format!(" ({l})")).unwrap_or_default();
            return Some(format!(
                "<q class=\"inline-quote\" cite=\"{}\">{}</q>{by}",
                escape(&quote_href),
                escape(&quote.text)
            ));
        }
        let mut caption = speaker_link.unwrap_or_default();
        if let Some(date) = quote.date {
            caption.push_str(&format!(
                ", <time datetime=\"{}\">{}</time>",
                date.iso(),
                date.display()
            ));
        }
        if let Some(context) = &quote.context {
            caption.push_str(&format!(
                " <span class=\"context\">{}</span>",
                escape(context)
            ));
        }
        if let Some(source) = quote
            .source
            .as_ref()
            .and_then(|r| self.site.source(r.id.as_str()))
        {
            let via = quote
                .via
                .as_deref()
                .map(|v| format!("Via {}; source: ", escape(v)))
                .unwrap_or_else(|| "Source: ".to_string());
            caption.push_str(&format!(
                " <span class=\"cite\">{via}<a href=\"{}\">{}</a></span>",
                escape(&self.site.urls.href(Route::Source(&source.id))),
                escape(&source.title)
            ));
        }
        Some(format!(
            "<figure class=\"pull-quote embedded\"><blockquote cite=\"{}\"><p>{}</p></blockquote><figcaption>{caption}</figcaption></figure>\n",
            escape(&quote_href),
            escape(&quote.text)
        ))
    }
}
