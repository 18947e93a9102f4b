#![no_main]
//! Any text either splits into front matter and body that together came from it,
//! or is reported; it never panics.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((front_matter, body)) = flashpoint::content::split_front_matter(text) {
        assert!(text.contains(front_matter.as_str()));
        assert!(text.ends_with(body.as_str()));
    }
});
