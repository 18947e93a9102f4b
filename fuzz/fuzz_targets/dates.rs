#![no_main]
//! A date that parses prints back to the same canonical text and parses again to itself.

use flashpoint::date::PartialDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(date) = PartialDate::parse(text) {
        let again = PartialDate::parse(&date.iso()).expect("a printed date parses");
        assert_eq!(date, again);
        assert!(!date.display().is_empty());
    }
});
