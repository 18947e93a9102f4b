//! Rewriting the `url(...)` references of a stylesheet to the hashed names of the files
//! they name, so that a font or image a stylesheet loads is cached as long as the
//! stylesheet and changes name when its bytes change.

/// `css` (the stylesheet at output path `css_name`) with each relative `url(...)` whose
/// target `hashed` knows replaced by the target's hashed name. `hashed` takes an output
/// path (`fonts/a.woff2`) and gives its hashed path, or None to leave the reference alone.
/// Absolute URLs, `data:` URLs, fragments and root-relative paths are left as written:
/// only a relative path keeps working under any base path.
pub fn rewrite_css_urls(
    css: &str,
    css_name: &str,
    hashed: impl Fn(&str) -> Option<String>,
) -> String {
    let folder = css_name.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut out = String::with_capacity(css.len() + 64);
    let mut rest = css;
    while let Some(at) = find_url_open(rest) {
        let (before, after) = rest.split_at(at + "url(".len());
        out.push_str(before);
        let (start, end) = argument_span(after);
        out.push_str(&after[..start]);
        let reference = &after[start..end];
        match rewritten(reference, folder, &hashed) {
            Some(new) => out.push_str(&new),
            None => out.push_str(reference),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `url(` starts, in any letter case.
fn find_url_open(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find(|&i| bytes[i..i + 4].eq_ignore_ascii_case(b"url("))
}

/// The start and end of the reference inside `url(`…`)`, without quotes and spaces.
fn argument_span(after: &str) -> (usize, usize) {
    let start = after.len() - after.trim_start().len();
    let trimmed = &after[start..];
    match trimmed.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = start + 1;
            let end = after[inner..]
                .find(quote)
                .map_or(after.len(), |i| inner + i);
            (inner, end)
        }
        _ => {
            let close = after.find(')').unwrap_or(after.len());
            let end = start + after[start..close].trim_end().len();
            (start, end)
        }
    }
}

/// The reference with its last segment replaced by the hashed file's name, if it is a
/// relative path to a file `hashed` knows.
fn rewritten(
    reference: &str,
    folder: &str,
    hashed: &impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let split = reference.find(['?', '#']).unwrap_or(reference.len());
    let (path, suffix) = reference.split_at(split);
    if path.is_empty() || path.starts_with('/') || path.contains(':') || path.contains('\\') {
        return None;
    }
    let target = resolve(folder, path)?;
    let hashed_target = hashed(&target)?;
    let hashed_file = hashed_target.rsplit('/').next()?;
    let kept = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let sep = if kept.is_empty() { "" } else { "/" };
    Some(format!("{kept}{sep}{hashed_file}{suffix}"))
}

/// `path` relative to `folder`, as an output path; None if it climbs out of the output.
fn resolve(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(path: &str) -> Option<String> {
        match path {
            "fonts/serif.woff2" => Some("fonts/serif.0123456789abcdef.woff2".to_string()),
            "img/map.png" => Some("img/map.fedcba9876543210.png".to_string()),
            _ => None,
        }
    }

    #[test]
    fn relative_references_in_every_quoting_become_hashed_names() {
        let css = "@font-face{src:url(\"fonts/serif.woff2\") format('woff2'),URL( 'fonts/serif.woff2#x' )}";
        assert_eq!(
            rewrite_css_urls(css, "style.css", known),
            "@font-face{src:url(\"fonts/serif.0123456789abcdef.woff2\") format('woff2'),URL( 'fonts/serif.0123456789abcdef.woff2#x' )}"
        );
        assert_eq!(
            rewrite_css_urls("a{background:url(../img/map.png)}", "css/main.css", known),
            "a{background:url(../img/map.fedcba9876543210.png)}"
        );
    }

    #[test]
    fn absolute_data_and_unknown_references_are_left_as_written() {
        let css = "a{b:url(/img/map.png);c:url(data:image/png;base64,AA==);d:url(https://x.org/f.woff2);e:url(other.png);f:url(../../x.png);g:url(";
        assert_eq!(rewrite_css_urls(css, "style.css", known), css);
    }
}
