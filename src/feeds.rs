//! Machine-readable companions of the site: an Atom feed of the newest stories,
//! sitemap.xml and robots.txt. Dates come from the content, never from the clock,
//! so identical input gives identical files.

use crate::markup::escape;
use std::fmt::Write;

use crate::date::PartialDate;
use crate::site::Site;
use crate::url::Route;

pub const ATOM_FILE: &str = "atom.xml";
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// How many of the newest stories the feed carries.
const FEED_ENTRIES: usize = 50;

/// RFC 3339 timestamp at midnight UTC of a date (a partial date counts from its first day).
fn timestamp(date: PartialDate) -> String {
    format!(
        "{}-{:02}-{:02}T00:00:00Z",
        date.year(),
        date.month().unwrap_or(1),
        date.day().unwrap_or(1)
    )
}

/// Atom 1.0 feed of the newest stories.
pub fn atom(site: &Site) -> String {
    let urls = &site.urls;
    let config = &site.config;
    let updated = site
        .stories
        .iter()
        .map(|s| s.updated.unwrap_or(s.date))
        .max();
    let author = config
        .author
        .as_deref()
        .or(config.publisher.as_deref())
        .unwrap_or(&config.title);
    let mut xml = String::with_capacity(4096 + site.stories.len().min(FEED_ENTRIES) * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(&config.title));
    if !config.description.is_empty() {
        let _ = writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            escape(&config.description)
        );
    }
    let _ = writeln!(
        xml,
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>",
        escape(&urls.absolute(Route::SitePath(ATOM_FILE)))
    );
    let _ = writeln!(
        xml,
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
        escape(&urls.absolute(Route::Home))
    );
    let _ = writeln!(xml, "  <id>{}</id>", escape(&urls.absolute(Route::Home)));
    let _ = writeln!(
        xml,
        "  <updated>{}</updated>",
        updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), timestamp)
    );
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(author));
    let _ = writeln!(xml, "  <generator>flashpoint</generator>");
    for story in site.stories.iter().take(FEED_ENTRIES) {
        let url = urls.absolute(Route::Story(&story.id));
        let _ = writeln!(xml, "  <entry>");
        let _ = writeln!(xml, "    <title>{}</title>", escape(&story.title));
        let _ = writeln!(
            xml,
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
            escape(&url)
        );
        let _ = writeln!(xml, "    <id>{}</id>", escape(&url));
        let _ = writeln!(xml, "    <published>{}</published>", timestamp(story.date));
        let _ = writeln!(
            xml,
            "    <updated>{}</updated>",
            timestamp(story.updated.unwrap_or(story.date))
        );
        if !story.summary.is_empty() {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(&story.summary));
        }
        for tag in &story.tags {
            let _ = writeln!(
                xml,
                "    <category term=\"{}\" label=\"{}\"/>",
                escape(tag.slug.as_str()),
                escape(&tag.name)
            );
        }
        let _ = writeln!(xml, "  </entry>");
    }
    xml.push_str("</feed>\n");
    xml
}

/// sitemap.xml listing every page (absolute URLs), with story dates as lastmod.
pub fn sitemap(routes: impl Iterator<Item = (String, Option<PartialDate>)>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in routes {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&url));
        if let Some(date) = lastmod {
            let _ = write!(xml, "<lastmod>{}</lastmod>", date.iso());
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// robots.txt allowing everything and naming the sitemap.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.urls.absolute(Route::SitePath(SITEMAP_FILE))
    )
}

#[cfg(test)]
mod tests {
    use super::timestamp;
    use crate::date::PartialDate;

    #[test]
    fn timestamps_start_partial_dates_on_their_first_day() {
        assert_eq!(
            timestamp(PartialDate::parse("2013-03-20").unwrap()),
            "2013-03-20T00:00:00Z"
        );
        assert_eq!(
            timestamp(PartialDate::parse("2013-03").unwrap()),
            "2013-03-01T00:00:00Z"
        );
        assert_eq!(
            timestamp(PartialDate::parse("2013").unwrap()),
            "2013-01-01T00:00:00Z"
        );
    }
}
