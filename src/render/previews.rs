//! Link previews: the small card (kind, name, date, summary) a reader sees on hovering or
//! focusing a link to an actor, story, event, place or source. The theme's `previews.js`
//! shows it; this module writes its text into each page, in one inert
//! `<template id="link-previews">` holding a card for each such target the page's
//! `<main>` links, and for no other. So previews cost no request, work in the offline copy
//! opened from `file://` (where scripts cannot fetch JSON), and a page never carries a
//! whole-site index: its cards grow with the links it holds, not with the site.
//!
//! A page gets a card only for a target whose shown data its build-cache key covers (see
//! [`covered`]): a page is drawn again when what its cards show changes, so a cached
//! build's cards are the same bytes as a fresh build's.

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::fmt::Write;
use std::sync::OnceLock;

use crate::date::PartialDate;
use crate::markup::escape_onto;
use crate::site::{Site, SiteLinks};

use super::i18n::Words;
use super::{Dependency, PageKind};
use crate::url::Route;

/// The id of the `<template>` the script reads the cards from.
const TEMPLATE_ID: &str = "link-previews";

/// A summary longer than this many characters is cut at a word and ends with `…`, to keep
/// the cards small on pages that link many things.
const SUMMARY_CHARS: usize = 240;

/// The most cards one page carries: the first this many targets it links, in order. A
/// list page of a large site (the sources, a tag) links thousands of things; its cards
/// must not cost readers more than the list itself.
const MAX_CARDS: usize = 200;

/// Whether a kind of page carries cards. The actor and place indexes show every link
/// beside its summary already, and the search page's list of everything is the fallback
/// for readers without JavaScript, who see no cards anyway.
fn has_cards(page: PageKind) -> bool {
    !matches!(
        page,
        PageKind::Actors | PageKind::Places | PageKind::Search | PageKind::NotFound
    )
}

/// What a link leads to: an index into one of the site's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Actor(usize),
    Story(usize),
    Event(usize),
    Place(usize),
    Source(usize),
}

/// Every previewable target of a site by the `href` its links carry, made once per build
/// and shared by the pages.
pub(crate) struct PreviewTargets {
    by_href: FxHashMap<String, usize>,
    targets: Vec<Target>,
    /// The inside of the cards of actors, places, sources and events, written the first
    /// time a page links one (see [`PreviewTargets::write_card`]).
    /// Kept at their length, not the capacity they grew to.
    cards: Vec<OnceLock<Box<str>>>,
}

impl PreviewTargets {
    pub(crate) fn of(site: &Site) -> PreviewTargets {
        let urls = &site.urls;
        let mut by_href = FxHashMap::default();
        let mut targets = Vec::new();
        let mut add = |route: Route<'_>, target: Target| {
            by_href.insert(urls.href(route), targets.len());
            targets.push(target);
        };
        for (ix, actor) in site.actors.iter().enumerate() {
            add(Route::Actor(&actor.id), Target::Actor(ix));
        }
        for (ix, story) in site.stories.iter().enumerate() {
            add(Route::Story(&story.id), Target::Story(ix));
        }
        for (ix, event) in site.events.iter().enumerate() {
            add(Route::Event(&event.id), Target::Event(ix));
        }
        for (ix, place) in site.places.iter().enumerate() {
            add(Route::Place(&place.id), Target::Place(ix));
        }
        for (ix, source) in site.sources.iter().enumerate() {
            add(Route::Source(&source.id), Target::Source(ix));
        }
        let kept = site.actors.len() + site.places.len() + site.sources.len() + site.events.len();
        let cards = (0..kept).map(|_| OnceLock::new()).collect();
        PreviewTargets {
            by_href,
            targets,
            cards,
        }
    }

    /// The target of a link: its `href` exactly, or, for a link to a heading of a story,
    /// actor or place page, the page without the fragment (the script looks up the same way).
    fn lookup(&self, href: &str) -> Option<usize> {
        self.by_href.get(href).copied().or_else(|| {
            let (page, _) = href.split_once('#')?;
            self.by_href.get(page).copied()
        })
    }

    /// The card of target `ix` for a link `href`, onto `out`. An actor's, place's,
    /// source's or event's is written once and kept: each is linked from many pages (an
    /// event from the page of each of its actors and each story beside it; its card reads
    /// its Markdown summary), and a timeline of 20,000 events keeps about 7 MB of them. A
    /// story's is written each time: a large archive has tens of thousands, each linked
    /// from a few pages, and keeping them all would cost more memory (15 MB at 50,000
    /// stories) than writing them costs time; serve's quick path also changes story
    /// titles in the site it renders from.
    fn write_card(&self, site: &Site, words: &Words, href: &str, ix: usize, out: &mut String) {
        let target = self.targets[ix];
        // `href` is written as the page's link has it, already escaped.
        let _ = write!(out, "<div data-href=\"{href}\">");
        let kept = match target {
            Target::Story(_) => None,
            Target::Actor(ix) => Some(ix),
            Target::Place(ix) => Some(site.actors.len() + ix),
            Target::Source(ix) => Some(site.actors.len() + site.places.len() + ix),
            Target::Event(ix) => {
                Some(site.actors.len() + site.places.len() + site.sources.len() + ix)
            }
        };
        match kept.and_then(|kept| self.cards.get(kept)) {
            None => write_card(site, words, target, out),
            Some(card) => out.push_str(card.get_or_init(|| {
                let mut card = String::new();
                write_card(site, words, target, &mut card);
                card.into_boxed_str()
            })),
        }
        out.push_str("</div>");
    }

    /// Adds the cards for the targets linked inside `<main>` of the drawn `page`, just
    /// before `</main>`; pages with no such link are left as they are. Links to the page
    /// itself (its own anchors) get no card: what they lead to is already in view.
    /// `dependencies` are the page's, when the caller has them already.
    pub(crate) fn embed(
        &self,
        site: &Site,
        words: &Words,
        page: PageKind,
        dependencies: Option<&[Dependency]>,
        html: &mut Vec<u8>,
    ) {
        if !has_cards(page) {
            return;
        }
        let own_href = site.urls.href(page.route(site));
        let worked_out;
        let dependencies = match dependencies {
            Some(dependencies) => dependencies,
            None => {
                worked_out = page.dependencies(site);
                &worked_out
            }
        };
        let Some(start) = memchr::memmem::find(html, b"<main") else {
            return;
        };
        let Some(end) = memchr::memmem::rfind(html, b"</main>").filter(|&end| end > start) else {
            return;
        };
        let mut seen = FxHashSet::default();
        let mut cards = String::new();
        let mut count = 0;
        for href in hrefs(&html[start..end]) {
            if count == MAX_CARDS {
                break;
            }
            let page = href.split_once('#').map_or(href, |(page, _)| page);
            if page == own_href || !seen.insert(href) {
                continue;
            }
            if let Some(ix) = self.lookup(href)
                && covered(site, self.targets[ix], dependencies)
            {
                self.write_card(site, words, href, ix, &mut cards);
                count += 1;
            }
        }
        if cards.is_empty() {
            return;
        }
        let block = format!("<template id=\"{TEMPLATE_ID}\">{cards}</template>\n");
        insert_at(html, end, block.as_bytes());
    }
}

/// Puts `block` into `html` before the byte at `at`, moving what follows once.
fn insert_at(html: &mut Vec<u8>, at: usize, block: &[u8]) {
    let tail = at..html.len();
    html.resize(html.len() + block.len(), 0);
    html.copy_within(tail, at + block.len());
    html[at..at + block.len()].copy_from_slice(block);
}

/// Whether a page with these (sorted) dependencies is drawn again when what the card of
/// `target` shows changes: an actor's own file or the list of actors; the list of stories
/// or that story's card;
/// the timeline, or the events of one of the event's actors; the places; the sources.
fn covered(site: &Site, target: Target, dependencies: &[Dependency]) -> bool {
    let has = |dependency: Dependency| dependencies.binary_search(&dependency).is_ok();
    // A named dependency looked up without building it: `kind` is the variant with an
    // empty name, which allocates nothing and sorts among the others as the named one.
    let has_named = |kind: Dependency, id: &str| {
        dependencies
            .binary_search_by(|dependency| match (dependency, &kind) {
                (Dependency::Actor(name), Dependency::Actor(_))
                | (Dependency::StoryCard(name), Dependency::StoryCard(_))
                | (Dependency::ActorEvents(name), Dependency::ActorEvents(_)) => {
                    name.as_str().cmp(id)
                }
                _ => dependency.cmp(&kind),
            })
            .is_ok()
    };
    match target {
        Target::Actor(ix) => {
            has(Dependency::ActorList)
                || has_named(
                    Dependency::Actor(String::new()),
                    site.actors[ix].id.as_str(),
                )
        }
        Target::Story(ix) => {
            has(Dependency::StoryList)
                || has_named(
                    Dependency::StoryCard(String::new()),
                    site.stories[ix].id.as_str(),
                )
        }
        Target::Event(ix) => {
            has(Dependency::Timeline)
                || site.events[ix].actors.iter().any(|actor| {
                    has_named(Dependency::ActorEvents(String::new()), actor.id.as_str())
                })
        }
        Target::Place(_) => has(Dependency::Places),
        Target::Source(_) => has(Dependency::Sources),
    }
}

/// The values of the `href` attributes in `html`, in order.
fn hrefs(html: &[u8]) -> impl Iterator<Item = &str> {
    const NEEDLE: &[u8] = b"href=\"";
    memchr::memmem::find_iter(html, NEEDLE).filter_map(move |at| {
        let after_space = at > 0 && html[at - 1].is_ascii_whitespace();
        let value = &html[at + NEEDLE.len()..];
        let value = &value[..memchr::memchr(b'"', value)?];
        // Pages are UTF-8; a value that is not is no link of ours.
        after_space
            .then(|| std::str::from_utf8(value).ok())
            .flatten()
    })
}

/// The inside of one card's `<div data-href>`: the kind, the name, the date and the
/// summary, onto `out`.
fn write_card(site: &Site, words: &Words, target: Target, out: &mut String) {
    let (kind, name, date, summary): (String, &str, Option<PartialDate>, Cow<'_, str>) =
        match target {
            Target::Actor(ix) => {
                let actor = &site.actors[ix];
                let kind = words.say(
                    "words.preview.actor",
                    &[("kind", &words.actor_kind(actor.kind))],
                );
                (kind, &actor.name, None, Cow::Borrowed(&actor.summary))
            }
            Target::Story(ix) => {
                let story = &site.stories[ix];
                (
                    words.say("words.preview.story", &[]),
                    &story.title,
                    Some(story.date),
                    Cow::Borrowed(&story.summary),
                )
            }
            Target::Event(ix) => {
                let event = &site.events[ix];
                let links = SiteLinks {
                    site,
                    numbered_sources: None,
                };
                let summary = crate::markdown::plain_text(&event.summary, &links);
                (
                    words.say("words.preview.event", &[]),
                    &event.title,
                    Some(event.date),
                    Cow::Owned(summary),
                )
            }
            Target::Place(ix) => {
                let place = &site.places[ix];
                let kind = [place.kind.as_str(), place.country.as_str()]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .fold(words.say("words.preview.place", &[]), |kind, part| {
                        format!("{kind} · {part}")
                    });
                (kind, &place.name, None, Cow::Borrowed(&place.summary))
            }
            Target::Source(ix) => {
                let source = &site.sources[ix];
                let kind = [words.say("words.preview.source", &[])]
                    .into_iter()
                    .chain(source.publisher.clone())
                    .collect::<Vec<_>>()
                    .join(" · ");
                (kind, &source.title, source.date, Cow::Borrowed(""))
            }
        };
    out.push_str("<small>");
    escape_onto(&kind, out);
    out.push_str("</small> <strong>");
    escape_onto(name, out);
    out.push_str("</strong>");
    if let Some(date) = date {
        let _ = write!(out, " <time datetime=\"{}\">", date.iso());
        escape_onto(&words.date(date), out);
        out.push_str("</time>");
    }
    let summary = shortened(summary.trim());
    if !summary.is_empty() {
        out.push_str(" <span>");
        escape_onto(&summary, out);
        out.push_str("</span>");
    }
}

/// `text` with its lines joined, cut after [`SUMMARY_CHARS`] characters at a space.
fn shortened(text: &str) -> String {
    // Joined word by word, and only as far as the cut: a summary can be long.
    let mut joined = String::with_capacity(text.len().min(4 * SUMMARY_CHARS + 4));
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
            chars += 1;
        }
        joined.push_str(word);
        chars += word.chars().count();
        if chars > SUMMARY_CHARS {
            break;
        }
    }
    if chars <= SUMMARY_CHARS {
        return joined;
    }
    let end = joined
        .char_indices()
        .nth(SUMMARY_CHARS)
        .map_or(joined.len(), |(at, _)| at);
    joined.truncate(end);
    let cut = joined
        .rsplit_once(' ')
        .map_or(joined.as_str(), |(kept, _)| kept);
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_ascii_punctuation())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_put_in_before_the_byte_named() {
        let mut html = b"<main>x</main><footer></footer>".to_vec();
        insert_at(&mut html, 14, b"<template>c</template>");
        assert_eq!(
            html,
            b"<main>x</main><template>c</template><footer></footer>".to_vec()
        );
        let mut at_end = b"<p>".to_vec();
        insert_at(&mut at_end, 3, b"</p>");
        assert_eq!(at_end, b"<p></p>".to_vec());
    }

    #[test]
    fn hrefs_are_read_from_attributes_only() {
        let html = r##"<a class="x" href="/a/">A</a> <b data-href="/b/"></b><a href="#c">c</a>"##;
        assert_eq!(hrefs(html.as_bytes()).collect::<Vec<_>>(), ["/a/", "#c"]);
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let cut = shortened(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= SUMMARY_CHARS + 1);
        assert_eq!(shortened("short\n  text"), "short text");
        let exact = "é".repeat(SUMMARY_CHARS - 2) + " x";
        assert_eq!(shortened(&exact), exact);
        let over = "é".repeat(SUMMARY_CHARS - 2) + "  xy,";
        assert_eq!(shortened(&over), "é".repeat(SUMMARY_CHARS - 2) + "…");
        assert_eq!(shortened(&"y".repeat(300)), "y".repeat(SUMMARY_CHARS) + "…");
    }
}
