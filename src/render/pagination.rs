//! Long lists of stories split into pages of `paginate:` stories (site.yaml): the home
//! page's list and each tag's. Page 1 stays where the list always was (`/`,
//! `/tags/x/`); the others follow at `page/2/`, `page/3/` … under it, as in Hugo and Zola.
//! A list no longer than one page has no other pages and no pager, so a small site's
//! pages are what they were before pagination existed.

use serde::Serialize;

use crate::site::{Site, StoryIx};
use crate::url::Route;

/// A list of stories that may run over several pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StoryList {
    /// Every story, newest first: the home page's.
    Home,
    /// The stories with one tag (its index in `site.tags`), newest first.
    Tag(usize),
}

impl StoryList {
    /// The stories on page `number` (from 1), in order.
    pub(crate) fn stories_on(self, site: &Site, number: usize) -> Vec<StoryIx> {
        let range = self.on_page(site, number);
        match self {
            StoryList::Home => range.collect(),
            StoryList::Tag(ix) => site.tags[ix].stories[range].to_vec(),
        }
    }

    fn len(self, site: &Site) -> usize {
        match self {
            StoryList::Home => site.stories.len(),
            StoryList::Tag(ix) => site.tags[ix].stories.len(),
        }
    }

    /// How many pages the list takes: 1 when it fits on one, or pagination is off.
    pub(crate) fn page_count(self, site: &Site) -> usize {
        page_count(self.len(site), site.config.paginate)
    }

    /// The positions in the list of the stories on page `number` (from 1).
    fn on_page(self, site: &Site, number: usize) -> std::ops::Range<usize> {
        on_page(self.len(site), site.config.paginate, number)
    }

    /// The address of page `number` of the list: the list's own for page 1.
    pub(crate) fn route(self, site: &Site, number: usize) -> Route<'_> {
        match (self, number) {
            (StoryList::Home, 1) => Route::Home,
            (StoryList::Home, number) => Route::HomePage(number),
            (StoryList::Tag(ix), 1) => Route::Tag(&site.tags[ix].tag.slug),
            (StoryList::Tag(ix), number) => Route::TagPage(&site.tags[ix].tag.slug, number),
        }
    }
}

/// How many pages `len` stories take at `per_page` stories a page (0: all on one).
fn page_count(len: usize, per_page: usize) -> usize {
    if per_page == 0 {
        1
    } else {
        len.div_ceil(per_page).max(1)
    }
}

/// The positions of the stories on page `number` (from 1) of a list of `len`.
fn on_page(len: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    if per_page == 0 {
        return 0..len;
    }
    let start = number.saturating_sub(1).saturating_mul(per_page).min(len);
    start..start.saturating_add(per_page).min(len)
}

/// Page numbers a pager shows on either side of the current one; the first and the last
/// are always shown, so a list of two thousand pages still has a short pager.
const NEIGHBOURS: usize = 2;

/// The pager of one page of a list, as templates see it (`pagination`).
#[derive(Debug, Serialize)]
pub(crate) struct PaginationView {
    /// This page's number, from 1.
    current: usize,
    /// How many pages the list has.
    total: usize,
    /// The previous page's link, if any (also `<link rel="prev">`).
    previous: Option<String>,
    /// The next page's link, if any (also `<link rel="next">`).
    next: Option<String>,
    /// The numbered links: the first, the last, and the neighbours of this page.
    links: Vec<PageLink>,
}

/// One numbered link of a pager.
#[derive(Debug, Serialize)]
struct PageLink {
    number: usize,
    url: String,
    /// Whether it is this page (`aria-current="page"`).
    current: bool,
    /// Whether pages are left out between it and the link before it (an ellipsis).
    gap_before: bool,
}

impl PaginationView {
    /// The pager of page `number` of `list`; None when the list has one page.
    pub(crate) fn of(site: &Site, list: StoryList, number: usize) -> Option<PaginationView> {
        let total = list.page_count(site);
        if total <= 1 {
            return None;
        }
        let href = |n: usize| site.urls.href(list.route(site, n));
        let mut shown: Vec<usize> = vec![1, total];
        shown.extend(number.saturating_sub(NEIGHBOURS).max(1)..=(number + NEIGHBOURS).min(total));
        shown.sort_unstable();
        shown.dedup();
        let mut links = Vec::with_capacity(shown.len());
        let mut before = 0;
        for n in shown {
            links.push(PageLink {
                number: n,
                url: href(n),
                current: n == number,
                gap_before: n > before + 1,
            });
            before = n;
        }
        Some(PaginationView {
            current: number,
            total,
            previous: (number > 1).then(|| href(number - 1)),
            next: (number < total).then(|| href(number + 1)),
            links,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_that_fits_on_one_page_has_one_page() {
        assert_eq!(page_count(0, 30), 1);
        assert_eq!(page_count(30, 30), 1);
        assert_eq!(page_count(31, 30), 2);
        assert_eq!(page_count(1_000, 0), 1);
    }

    #[test]
    fn pages_split_the_list_in_order_without_overlap() {
        assert_eq!(on_page(7, 3, 1), 0..3);
        assert_eq!(on_page(7, 3, 2), 3..6);
        assert_eq!(on_page(7, 3, 3), 6..7);
        assert_eq!(on_page(7, 3, 4), 7..7);
        assert_eq!(on_page(7, 0, 1), 0..7);
    }
}
