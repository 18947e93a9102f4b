//! flashpoint gives freed memory back once a build's pages are rendered by setting one of
//! mimalloc's options, by number (src/freed_memory.rs). These tests hold that number to
//! the option it means: mimalloc 3's purge delay, one second unless set.
//! One test only, so that nothing else in this binary changes the option meanwhile.

use flashpoint::freed_memory::{GivingBack, purge_delay};

#[test]
fn giving_back_sets_mimallocs_purge_delay_to_zero_and_restores_its_default_of_a_second() {
    assert_eq!(
        purge_delay(),
        1000,
        "PURGE_DELAY does not name mimalloc's purge delay: was libmimalloc-sys upgraded?"
    );
    {
        let _giving_back = GivingBack::start();
        assert_eq!(purge_delay(), 0);
    }
    assert_eq!(purge_delay(), 1000);
}
