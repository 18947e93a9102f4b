//! What `serve` adds to the HTML pages it sends (never to a build's output): the
//! live-reload script, and an overlay listing the errors of a failed rebuild.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::error::Error;

/// The reserved path of the Server-Sent Events stream that announces rebuilds.
pub const EVENTS_PATH: &str = "/__flashpoint/events";

/// Listens for rebuilds: `reload` reloads the page, `css` swaps the stylesheets only.
pub const LIVE_RELOAD_SCRIPT: &str = r#"<script data-flashpoint-live-reload>
(() => {
  const events = new EventSource("/__flashpoint/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("flashpoint-reload", Date.now());
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = () => link.remove();
      link.after(fresh);
    }
  });
})();
</script>
"#;

/// The overlay for a failed rebuild: every diagnostic as `check` prints it, escaped.
pub fn error_overlay(error: &Error, root: &Path) -> String {
    let (count, text) = match error {
        Error::Invalid(diagnostics) => (
            diagnostics.error_count().max(1),
            diagnostics_text(diagnostics, root),
        ),
        other => (1, format!("error: {other}\n")),
    };
    format!(
        concat!(
            "<div id=\"flashpoint-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;",
            "z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;background:rgba(24,6,6,.94);",
            "color:#fde8e8;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">",
            "<p style=\"margin:0 0 .5rem;font-size:1.15rem;font-weight:bold;color:#ff8a8a\">",
            "flashpoint: the last change did not build ({} error{})</p>",
            "<p style=\"margin:0 0 1rem\">This page is the last version that built. ",
            "Fix the file and save: the page reloads by itself.</p>",
            "<pre style=\"margin:0;white-space:pre-wrap;color:inherit;background:none\">{}</pre></div>\n"
        ),
        count,
        if count == 1 { "" } else { "s" },
        crate::markup::escape(&text)
    )
}

/// The diagnostics as `flashpoint check` prints them, without colour.
pub fn diagnostics_text(diagnostics: &Diagnostics, root: &Path) -> String {
    diagnostics
        .iter()
        .map(|d| crate::report::render(d, root, false))
        .collect()
}

/// The page with `extra` inserted before its last `</body>` (or at the end).
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></body></html>";
        assert_eq!(
            inject(page, "<s></s>"),
            b"<html><body><p>x</p><s></s></body></html>"
        );
        assert_eq!(inject(b"<p>", "<s>"), b"<p><s>");
    }
}
