//! Giving freed memory back to the system soon while a build runs, and at once when its
//! pages are rendered.
//!
//! The binary allocates with mimalloc (`main.rs`), which keeps freed memory for a while so
//! that the next allocations find it ready. Its default, a second, kept up to 150 MB more
//! than the build held at 50,000 stories (a page of 20,000 events allocates and frees over
//! 100 MB in under a second); the binary keeps freed memory for a tenth of a second instead
//! ([`keep_freed_briefly`]): 15–30 MB less at the peak for about 1% more CPU, where giving
//! it back at once costs 10–15% (docs/performance.md). Once pages are rendered, the build
//! mostly frees (the last search batches, then the index's postings as they are encoded),
//! and memory kept for allocations that will not come stacks up on what the last stages
//! hold. So from the last page to the end of the search index, freed memory is given back
//! at once ([`GivingBack`]), and what is still kept, by every thread, is given back before
//! the link check ([`give_back`]). Without mimalloc as the global allocator (the library's
//! own tests) none of this finds anything to do.

use libmimalloc_sys::{mi_collect, mi_option_get, mi_option_set, mi_option_t};

/// mimalloc 3's `mi_option_purge_delay` (milliseconds before freed memory is given back; 0
/// for at once), which `libmimalloc-sys` does not name; `tests/allocator.rs` checks that it
/// is the option whose default is 1000.
pub const PURGE_DELAY: mi_option_t = 15;

/// How long, in milliseconds, mimalloc keeps freed memory before giving it back.
pub fn purge_delay() -> std::ffi::c_long {
    // SAFETY: reading an option takes no pointers.
    unsafe { mi_option_get(PURGE_DELAY) }
}

/// How long, in milliseconds, the binary has mimalloc keep freed memory.
pub const BRIEF_PURGE_DELAY: std::ffi::c_long = 100;

/// Has mimalloc keep freed memory for [`BRIEF_PURGE_DELAY`] rather than its default second.
pub fn keep_freed_briefly() {
    // SAFETY: options are plain integers, set here before any other thread starts.
    unsafe { mi_option_set(PURGE_DELAY, BRIEF_PURGE_DELAY) }
}

/// Gives back the memory every thread has freed, now rather than after mimalloc's delay.
/// mimalloc collects only the calling thread's pages, so each worker of the thread pool
/// is asked to collect its own: the pages a build's workers freed would otherwise stay
/// held while the last steps allocate on this thread (40–50 MB at 50,000 stories).
pub fn give_back() {
    // SAFETY: `mi_collect` takes no pointers and may be called from any thread at any time.
    unsafe { mi_collect(true) };
    rayon::broadcast(|_| unsafe { mi_collect(true) });
}

/// While held, memory freed by any thread is given back at once; the delay it replaced is
/// restored when it is dropped (`serve` goes on rendering after a production).
#[must_use]
pub struct GivingBack {
    delay: std::ffi::c_long,
}

impl GivingBack {
    pub fn start() -> GivingBack {
        // SAFETY: options are plain integers; setting one while other threads allocate
        // changes only when they give memory back.
        let delay = purge_delay();
        unsafe { mi_option_set(PURGE_DELAY, 0) };
        give_back();
        GivingBack { delay }
    }
}

impl Drop for GivingBack {
    fn drop(&mut self) {
        // SAFETY: as in `start`.
        unsafe { mi_option_set(PURGE_DELAY, self.delay) };
    }
}
