//! Redirects for renamed content: `_redirects` for Netlify and Cloudflare Pages, and the
//! redirect page written at each old path for every other host (a `file://` copy, GitHub
//! Pages, a plain bucket).

use crate::markup::escape;

pub const REDIRECTS_FILE: &str = "_redirects";

/// One old address and where its content lives now, both as root-relative URLs
/// (`/explainer/old/`, `/explainer/stories/new/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
}

/// The `_redirects` file: a permanent redirect for each old address, with and without its
/// trailing slash (Cloudflare Pages matches either one exactly), then for each edition
/// in another language (`/ko/`, from `not_found_folders`) its own 404 page for a missing
/// address under its folder. Netlify applies such a rule only where no file exists.
/// Cloudflare Pages takes only 3xx and 200 rules, so the line does nothing there; it finds
/// the nearest `404.html` up the folders by itself.
pub fn redirects_file(redirects: &[Redirect], not_found_folders: &[String]) -> String {
    let mut out =
        String::from("# Made by flashpoint from the aliases of stories, actors and pages.\n");
    for Redirect { from, to } in redirects {
        out.push_str(&format!("{from} {to} 301\n"));
        if let Some(bare) = from.strip_suffix('/').filter(|b| !b.is_empty()) {
            out.push_str(&format!("{bare} {to} 301\n"));
        }
    }
    for folder in not_found_folders {
        out.push_str(&format!("{folder}* {folder}404.html 404\n"));
    }
    out
}

/// What a redirect page says and where it sends the reader.
pub struct RedirectPage<'a> {
    pub language: &'a str,
    /// The title of the page the content moved to.
    pub title: &'a str,
    /// Root-relative address of the new page.
    pub href: &'a str,
    /// Absolute address of the new page, for search engines.
    pub canonical: &'a str,
}

/// A page that sends browsers on at once, tells search engines where the content lives
/// now and not to index this address, and gives people a plain link.
pub fn redirect_page(page: &RedirectPage) -> String {
    let language = escape(page.language);
    let title = escape(page.title);
    let href = escape(page.href);
    let canonical = escape(page.canonical);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
<link rel=\"canonical\" href=\"{canonical}\">\n\
<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n\
<p>This page has moved to <a href=\"{href}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_old_address_redirects_with_and_without_its_slash() {
        let text = redirects_file(
            &[Redirect {
                from: "/x/old/".to_string(),
                to: "/x/stories/new/".to_string(),
            }],
            &[],
        );
        assert!(text.ends_with("/x/old/ /x/stories/new/ 301\n/x/old /x/stories/new/ 301\n"));
    }

    #[test]
    fn a_missing_address_in_another_edition_gets_that_editions_404_after_every_redirect() {
        let text = redirects_file(
            &[Redirect {
                from: "/x/ko/old/".to_string(),
                to: "/x/ko/stories/new/".to_string(),
            }],
            &["/x/ko/".to_string()],
        );
        assert!(text.ends_with("/x/ko/old /x/ko/stories/new/ 301\n/x/ko/* /x/ko/404.html 404\n"));
    }

    #[test]
    fn a_redirect_page_escapes_what_it_quotes() {
        let html = redirect_page(&RedirectPage {
            language: "en",
            title: "Q&A <new>",
            href: "/stories/q/",
            canonical: "https://example.org/stories/q/",
        });
        assert!(html.contains("<title>Q&amp;A &lt;new&gt;</title>"));
        assert!(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/stories/q/\">"));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/stories/q/\">"));
    }
}
