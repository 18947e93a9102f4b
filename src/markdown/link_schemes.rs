//! Which addresses a Markdown link or image may point at: web pages, email addresses,
//! and the site's own pages (site-relative paths, relative paths and `#fragments`).
//! A `javascript:` link runs code when a reader clicks it, a `data:` or `file:` one opens
//! something that is not on the web; such links are reported, not rewritten.

/// The schemes a link in Markdown may use.
pub(crate) const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The scheme of `url`, lower-cased, if it has one and it is not allowed.
pub(crate) fn disallowed_scheme(url: &str) -> Option<String> {
    let scheme = scheme_of(url)?;
    (!ALLOWED_SCHEMES.contains(&scheme.as_str())).then_some(scheme)
}

/// The scheme as a browser would read it: leading spaces and control characters are
/// skipped and tabs or newlines inside are ignored (`java\tscript:` is `javascript:`).
fn scheme_of(url: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in url.trim_start_matches(|c: char| c <= ' ').chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c)
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_and_site_addresses_are_allowed() {
        for url in [
            "https://example.com/",
            "HTTP://example.com/",
            "mailto:desk@example.com",
            "/stories/x/",
            "../img/map.png",
            "#top",
            "//cdn.example/x",
            "page?x=a:b",
            "",
        ] {
            assert_eq!(disallowed_scheme(url), None, "{url}");
        }
    }

    #[test]
    fn other_schemes_are_named_as_the_browser_reads_them() {
        assert_eq!(
            disallowed_scheme("javascript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            disallowed_scheme(" \u{1}Java\tScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(
            disallowed_scheme("data:text/html,x").as_deref(),
            Some("data")
        );
        assert_eq!(disallowed_scheme("file:///etc").as_deref(), Some("file"));
    }
}
