#![no_main]
//! Any Markdown yields references (links, embeds, citations) whose ranges lie inside it,
//! and renders without panicking.

use flashpoint::markdown::{self, Highlighter, LinkResolver, ResolvedLink};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct EveryTarget;

impl LinkResolver for EveryTarget {
    fn resolve(&self, target: &str) -> Option<ResolvedLink> {
        (!target.is_empty()).then(|| ResolvedLink { href: format!("/{target}/"), title: target.to_uppercase() })
    }
}

fuzz_target!(|text: &str| {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    for reference in markdown::references(text) {
        assert!(reference.range.end <= text.len());
        assert!(text.is_char_boundary(reference.range.start));
    }
    markdown::render(text, &EveryTarget, HIGHLIGHTER.get_or_init(Highlighter::new));
});
