//! Fenced code in the most common languages highlighted by tree-sitter: a parser per
//! language and its highlight query, three to four times faster than syntect's regexes on
//! the same blocks (`examples/highlight_cost.rs`). The spans carry the same `hl-*` classes
//! syntect gives the same kind of token, so the one stylesheet made from syntect's themes
//! styles both; every other language stays with syntect.

use std::cell::RefCell;
use std::sync::OnceLock;

use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

use crate::markup::escape_onto;

/// The capture names of the highlight queries that get a span, and its classes: the
/// TextMate scope syntect gives the same kind of token, one `hl-` class per part. A
/// capture with a longer name (`function.method`) takes the longest of these that begins
/// it (`function`); captures matching none (plain variables, punctuation) get no span.
const CAPTURE_CLASSES: &[(&str, &str)] = &[
    ("attribute", "hl-entity hl-other hl-attribute-name"),
    ("boolean", "hl-constant hl-language"),
    ("comment", "hl-comment"),
    ("constant", "hl-constant hl-other"),
    ("constant.builtin", "hl-constant hl-language"),
    ("constructor", "hl-support hl-class"),
    ("escape", "hl-constant hl-character hl-escape"),
    ("function", "hl-entity hl-name hl-function"),
    ("function.builtin", "hl-support hl-function"),
    ("function.macro", "hl-support hl-function hl-macro"),
    ("keyword", "hl-keyword"),
    ("label", "hl-entity hl-name hl-label"),
    ("number", "hl-constant hl-numeric"),
    ("operator", "hl-keyword hl-operator"),
    ("property", "hl-variable hl-other hl-member"),
    ("string", "hl-string"),
    ("type", "hl-storage hl-type"),
    ("variable.builtin", "hl-variable hl-language"),
    ("variable.parameter", "hl-variable hl-parameter"),
];

/// One language: the fence tokens that name it (compared ignoring case), the classes of
/// the span around the whole block (syntect's scope for the language), and its grammar
/// with its queries, compiled the first time a block in the language is highlighted
/// (compiling all of them costs more than highlighting a small site's code).
struct Language {
    tokens: &'static [&'static str],
    source_classes: &'static str,
    grammar: fn() -> Grammar,
    config: OnceLock<HighlightConfiguration>,
}

/// A grammar and its highlight, injection and locals queries.
struct Grammar {
    language: tree_sitter::Language,
    highlights: &'static str,
    injections: &'static str,
    locals: &'static str,
}

impl Language {
    const fn new(
        tokens: &'static [&'static str],
        source_classes: &'static str,
        grammar: fn() -> Grammar,
    ) -> Self {
        Language {
            tokens,
            source_classes,
            grammar,
            config: OnceLock::new(),
        }
    }

    fn config(&self) -> &HighlightConfiguration {
        self.config.get_or_init(|| {
            let grammar = (self.grammar)();
            let mut config = HighlightConfiguration::new(
                grammar.language,
                self.tokens[0],
                grammar.highlights,
                grammar.injections,
                grammar.locals,
            )
            .unwrap_or_else(|error| {
                panic!(
                    "the {} highlight query does not compile: {error}",
                    self.tokens[0]
                )
            });
            let names: Vec<&str> = CAPTURE_CLASSES.iter().map(|(name, _)| *name).collect();
            config.configure(&names);
            config
        })
    }
}

static LANGUAGES: [Language; 6] = [
    Language::new(&["go", "golang"], "hl-source hl-go", || Grammar {
        language: tree_sitter_go::LANGUAGE.into(),
        highlights: tree_sitter_go::HIGHLIGHTS_QUERY,
        injections: "",
        locals: "",
    }),
    Language::new(
        &["javascript", "js", "mjs", "cjs", "jsx"],
        "hl-source hl-js",
        || Grammar {
            language: tree_sitter_javascript::LANGUAGE.into(),
            highlights: tree_sitter_javascript::HIGHLIGHT_QUERY,
            injections: "",
            locals: tree_sitter_javascript::LOCALS_QUERY,
        },
    ),
    Language::new(&["json"], "hl-source hl-json", || Grammar {
        language: tree_sitter_json::LANGUAGE.into(),
        highlights: tree_sitter_json::HIGHLIGHTS_QUERY,
        injections: "",
        locals: "",
    }),
    Language::new(
        &["python", "py", "py3", "python3"],
        "hl-source hl-python",
        || Grammar {
            language: tree_sitter_python::LANGUAGE.into(),
            highlights: tree_sitter_python::HIGHLIGHTS_QUERY,
            injections: "",
            locals: "",
        },
    ),
    Language::new(&["rust", "rs"], "hl-source hl-rust", || Grammar {
        language: tree_sitter_rust::LANGUAGE.into(),
        highlights: tree_sitter_rust::HIGHLIGHTS_QUERY,
        injections: "",
        locals: "",
    }),
    Language::new(&["yaml", "yml"], "hl-source hl-yaml", || Grammar {
        language: tree_sitter_yaml::LANGUAGE.into(),
        highlights: tree_sitter_yaml::HIGHLIGHTS_QUERY,
        injections: "",
        locals: "",
    }),
];

fn find(token: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|language| {
        language
            .tokens
            .iter()
            .any(|known| known.eq_ignore_ascii_case(token))
    })
}

/// The highlighted HTML of `source` (the inside of `<code>`), or `None` when the fence
/// names a language tree-sitter does not handle here or its highlighter gives up.
pub(super) fn highlight(token: &str, source: &str) -> Option<String> {
    let language = find(token)?;
    thread_local! {
        static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(Highlighter::new());
    }
    HIGHLIGHTER.with_borrow_mut(|highlighter| {
        let events = highlighter
            .highlight(language.config(), source.as_bytes(), None, |_| None)
            .ok()?;
        let mut html = String::with_capacity(source.len() * 3);
        html.push_str("<span class=\"");
        html.push_str(language.source_classes);
        html.push_str("\">");
        for event in events {
            match event.ok()? {
                HighlightEvent::Source { start, end } => {
                    escape_onto(source.get(start..end)?, &mut html);
                }
                HighlightEvent::HighlightStart(capture) => {
                    html.push_str("<span class=\"");
                    html.push_str(CAPTURE_CLASSES.get(capture.0)?.1);
                    html.push_str("\">");
                }
                HighlightEvent::HighlightEnd => html.push_str("</span>"),
            }
        }
        html.push_str("</span>");
        Some(html)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(html: &str, class: &str) -> Vec<String> {
        let open = format!("<span class=\"{class}\">");
        html.match_indices(&open)
            .map(|(at, _)| {
                let text = &html[at + open.len()..];
                text[..text.find('<').unwrap_or(text.len())].to_string()
            })
            .collect()
    }

    #[test]
    fn every_language_compiles_its_query_and_names_its_fences() {
        for token in [
            "go", "Golang", "JS", "json", "py", "rust", "rs", "yml", "YAML",
        ] {
            assert!(find(token).is_some(), "{token}");
        }
        for language in &LANGUAGES {
            // Panics if the query does not compile against its grammar.
            language.config();
        }
        for token in ["", "bash", "c", "toml", "nonesuch"] {
            assert!(find(token).is_none(), "{token}");
            assert_eq!(highlight(token, "x\n"), None);
        }
    }

    #[test]
    fn tokens_get_the_classes_syntect_gives_their_kind() {
        let html = highlight("rust", "// note\nfn main() { let s = \"a<b\"; }\n").unwrap();
        assert!(
            html.starts_with("<span class=\"hl-source hl-rust\">"),
            "{html}"
        );
        assert_eq!(spans_of(&html, "hl-comment"), ["// note"]);
        assert_eq!(spans_of(&html, "hl-keyword"), ["fn", "let"]);
        assert_eq!(spans_of(&html, "hl-entity hl-name hl-function"), ["main"]);
        assert_eq!(spans_of(&html, "hl-string"), ["&quot;a&lt;b&quot;"]);

        let html = highlight("python", "def f(x):\n    return 42\n").unwrap();
        assert_eq!(spans_of(&html, "hl-constant hl-numeric"), ["42"]);
        assert_eq!(spans_of(&html, "hl-keyword"), ["def", "return"]);
    }

    #[test]
    fn the_text_is_the_source_escaped_whatever_the_spans() {
        let source = "const a = b < c && d > \"e\"; // '&'\n  broken ( {\n";
        let html = highlight("js", source).unwrap();
        let mut text = String::new();
        let mut inside_tag = false;
        for c in html.chars() {
            match c {
                '<' => inside_tag = true,
                '>' if inside_tag => inside_tag = false,
                _ if !inside_tag => text.push(c),
                _ => {}
            }
        }
        assert_eq!(text, crate::markup::escape(source));
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn empty_blocks_and_text_in_any_script_come_through() {
        assert_eq!(
            highlight("yaml", "").as_deref(),
            Some("<span class=\"hl-source hl-yaml\"></span>")
        );
        let html = highlight("python", "# 평양 · تهران\nname = \"김정은\"\n").unwrap();
        assert_eq!(spans_of(&html, "hl-comment"), ["# 평양 · تهران"]);
        assert_eq!(spans_of(&html, "hl-string"), ["&quot;김정은&quot;"]);
    }
}
