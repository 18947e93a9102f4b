//! Fenced code highlighted into CSS classes (`hl-*`), styled by the theme: by tree-sitter
//! for the languages it handles here (`tree_sitter_code`), by syntect for the others.

use std::sync::{Arc, OnceLock};

use crate::markdown::readable_colours::with_readable_colours;
use crate::markup::escape;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Where highlighted blocks are kept from one build to the next. The highlighter defines
/// what it needs and the build cache provides it (`cache::HighlightMemo`), so Markdown
/// knows nothing of the cache.
pub trait HighlightStore: Send + Sync {
    /// The HTML of a block of `source` in `language`: the kept one, or the one `highlight`
    /// makes, which is then kept.
    fn get_or_insert(&self, language: &str, source: &str, highlight: &dyn Fn() -> String)
    -> String;
}

/// Syntax definitions, loaded once per build and shared by every page.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    /// Blocks highlighted by earlier builds, when the build cache is in use.
    memo: OnceLock<Arc<dyn HighlightStore>>,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    pub fn new() -> Self {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            memo: OnceLock::new(),
        }
    }

    /// Takes highlighted blocks from `memo`, and records there every block of this build.
    pub fn use_memo(&self, memo: Arc<dyn HighlightStore>) {
        let _ = self.memo.set(memo);
    }

    /// Stylesheet for the `hl-*` classes: a light palette, and a dark one that follows the
    /// reader's system setting unless the theme toggle chose (`data-theme` on `<html>`).
    pub fn stylesheet() -> String {
        let themes = ThemeSet::load_defaults();
        let readable = |name: &str| {
            let theme = &themes.themes[name];
            let css = css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default();
            let background = theme
                .settings
                .background
                .map_or((255, 255, 255), |c| (c.r, c.g, c.b));
            with_readable_colours(&css, background)
        };
        let light = readable("InspiredGitHub");
        let dark = readable("base16-ocean.dark");
        format!(
            "{light}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n{}\n",
            scope_rules(&dark, ":root:not([data-theme=\"light\"])"),
            scope_rules(&dark, ":root[data-theme=\"dark\"]"),
        )
    }

    /// Replaces each fenced code block with highlighted HTML.
    pub(crate) fn highlight_code_blocks<'a, 's>(
        &'s self,
        events: impl Iterator<Item = Event<'a>> + 's,
    ) -> impl Iterator<Item = Event<'a>> + 's
    where
        'a: 's,
    {
        let mut code: Option<(String, String)> = None;
        events.filter_map(move |event| match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
                None
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buffer)) = code.as_mut() {
                    buffer.push_str(&text);
                }
                None
            }
            Event::End(TagEnd::CodeBlock) => {
                let (language, source) = code.take().unwrap_or_default();
                Some(Event::Html(CowStr::from(
                    self.highlight(&language, &source),
                )))
            }
            other => Some(other),
        })
    }

    fn highlight(&self, language: &str, source: &str) -> String {
        match self.memo.get() {
            Some(memo) => {
                memo.get_or_insert(language, source, &|| self.highlight_now(language, source))
            }
            None => self.highlight_now(language, source),
        }
    }

    /// The HTML of one block as a build without cache makes it (`<pre>` included): for
    /// measuring the highlighter (`examples/highlight_cost.rs`).
    pub fn highlight_block(&self, language: &str, source: &str) -> String {
        self.highlight_now(language, source)
    }

    fn highlight_now(&self, language: &str, source: &str) -> String {
        let language_attribute = if language.is_empty() {
            String::new()
        } else {
            format!(" data-lang=\"{}\"", escape(language))
        };
        if let Some(html) = super::tree_sitter_code::highlight(language, source) {
            return format!(
                "<pre class=\"code hl-code\"{language_attribute}><code>{html}</code></pre>\n"
            );
        }
        let syntax = (!language.is_empty())
            .then(|| self.syntaxes.find_syntax_by_token(language))
            .flatten();
        let Some(syntax) = syntax else {
            return format!(
                "<pre class=\"code\"{language_attribute}><code>{}</code></pre>\n",
                escape(source)
            );
        };
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(source) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!(
                    "<pre class=\"code\"{language_attribute}><code>{}</code></pre>\n",
                    escape(source)
                );
            }
        }
        format!(
            "<pre class=\"code hl-code\"{language_attribute}><code>{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// Prefixes every selector of a flat stylesheet (no at-rules) with `scope`.
fn scope_rules(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        let selectors = strip_comments(&rest[..open]);
        let scoped: Vec<String> = selectors
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| format!("{scope} {s}"))
            .collect();
        if !scoped.is_empty() {
            out.push_str(&scoped.join(", "));
            out.push(' ');
            out.push_str(&rest[open..close]);
            out.push('\n');
        }
        rest = &rest[close..];
    }
    out
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_inline_styles() {
        let html = Highlighter::new().highlight("rust", "fn main() {}\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn dark_rules_follow_the_system_setting_and_the_theme_toggle() {
        assert_eq!(
            scope_rules(
                "/* x */\n.hl-a, .hl-b {\n color: #fff;\n}\n.hl-c { x: y; }",
                ":root[data-theme=\"dark\"]"
            ),
            ":root[data-theme=\"dark\"] .hl-a, :root[data-theme=\"dark\"] .hl-b {\n color: #fff;\n}\n:root[data-theme=\"dark\"] .hl-c { x: y; }\n"
        );
        let css = Highlighter::stylesheet();
        assert!(
            css.contains(":root:not([data-theme=\"light\"]) .hl-code"),
            "{css}"
        );
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-code"));
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = Highlighter::new().highlight("nonesuch", "<b>\n");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"nonesuch\"><code>&lt;b&gt;\n</code></pre>\n"
        );
    }
}
