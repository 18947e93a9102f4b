//! What each page and search shard is made from, reduced to one fingerprint: when the
//! fingerprint a page had in the last build is the one it has now, its file is still right.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::content::MarkdownDocument;
use crate::data::TimelineEvent;
use crate::fingerprint::{Fingerprint, FingerprintHasher};
use crate::markdown::ReferenceKind;
use crate::markdown::references;
use crate::render::i18n::Catalog;
use crate::render::{Dependency, PageKind, Renderer, markdown_dependencies};
use crate::search::{RecordRef, Shard};
use crate::site::{Citation, LinkTarget, Site};

/// Bumped whenever the way keys are made changes, so older caches never match.
const KEY_FORMAT: &str = "flashpoint-keys-4";

/// A story's, actor's or page's own file: where it is and its bytes.
fn document_key(document: &MarkdownDocument) -> Fingerprint {
    FingerprintHasher::new()
        .debug(&document.path)
        .fingerprint(document.fingerprint)
        .finish()
}

/// Every source cited from the home page, a plain page or an actor page, with what cites
/// it as the sources page shows it (kind, id and title).
fn text_citations_key(site: &Site) -> Fingerprint {
    let mut hasher = FingerprintHasher::new();
    for (source, citations) in site.sources.iter().zip(&site.citations) {
        for citation in citations {
            let citer = match *citation {
                Citation::Home => site
                    .home
                    .as_ref()
                    .map(|home| ("home", "", home.title.as_str())),
                Citation::Page(ix) => site
                    .pages
                    .get(ix)
                    .map(|page| ("page", page.id.as_str(), page.title.as_str())),
                Citation::Actor(ix) => site
                    .actors
                    .get(ix)
                    .map(|actor| ("actor", actor.id.as_str(), actor.name.as_str())),
                Citation::Story(_)
                | Citation::Event(_)
                | Citation::Quote(_)
                | Citation::Figure(_) => None,
            };
            if let Some(citer) = citer {
                hasher.debug(&(source.id.as_str(), citer));
            }
        }
    }
    hasher.finish()
}

/// The interface strings of `site`'s language as `t()` draws them (the built-in theme's,
/// the theme's and the site's files layered): another language's file is not part of it.
fn strings_key(site: &Site) -> Fingerprint {
    let config = &site.config;
    let language = [config.language.clone()];
    let catalog = Catalog::load(
        &config.root,
        &config.theme,
        &language,
        config.is_multilingual(),
    );
    FingerprintHasher::new()
        .debug(&catalog.map_err(|e| e.to_string()))
        .finish()
}

/// What a page in another language's edition says in that language where the edition
/// lacks the page (the switcher's `switcher.untranslated`, drawn with `t(lang=…)`).
fn untranslated_labels(site: &Site) -> HashMap<String, String> {
    let config = &site.config;
    if !config.is_multilingual() {
        return HashMap::new();
    }
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let catalog = Catalog::load(&config.root, &config.theme, &codes, true);
    codes
        .iter()
        .map(|code| {
            let label = match &catalog {
                Ok(catalog) => catalog.message(code, UNTRANSLATED_KEY, None),
                Err(error) => Err(error.to_string()),
            };
            (code.clone(), format!("{label:?}"))
        })
        .collect()
}

/// The interface string a language switcher shows for an edition without the page.
const UNTRANSLATED_KEY: &str = "switcher.untranslated";

/// The fingerprint of every [`Dependency`] of a site.
pub struct Fingerprints {
    by_dependency: FxHashMap<Dependency, Fingerprint>,
    /// The templates each page template draws on, fingerprinted together.
    by_template: HashMap<&'static str, Fingerprint>,
    /// By language code, the switcher's words for an edition that lacks a page.
    untranslated: HashMap<String, String>,
}

impl Fingerprints {
    pub fn of(site: &Site, renderer: &Renderer) -> Fingerprints {
        // The timeline's key formats every event, the longest of these on a large site: it
        // is worked out beside the others.
        let (timeline, mut by_dependency) =
            rayon::join(|| timeline_key(site), || keys_but_timeline(site, renderer));
        by_dependency.insert(Dependency::Timeline, timeline);
        let mut by_template = HashMap::new();
        for page in PageKind::all(site) {
            let template = page.template();
            by_template.entry(template).or_insert_with(|| {
                let mut hasher = FingerprintHasher::new();
                for name in renderer.templates_used_by(template) {
                    hasher.str(&name);
                    match renderer.template_text(&name) {
                        Some(text) => hasher.str(text),
                        None => hasher.str("\0missing"),
                    };
                }
                hasher.finish()
            });
        }
        Fingerprints {
            by_dependency,
            by_template,
            untranslated: untranslated_labels(site),
        }
    }

    fn dependency(&self, dependency: &Dependency) -> Fingerprint {
        match dependency {
            // Templates are covered through `by_template`; a pager's count is in the
            // dependency itself, which the page key hashes.
            Dependency::Template(_) | Dependency::Pager { .. } => Fingerprint::of(b""),
            other => self
                .by_dependency
                .get(other)
                .copied()
                // A dependency on something that no longer exists: a fixed value, which
                // differs from the thing's fingerprint when it existed.
                .unwrap_or_else(|| Fingerprint::of(format!("absent {other:?}").as_bytes())),
        }
    }

    /// The key of one page: what it is, where it goes, its templates and its inputs.
    pub fn page_key(&self, site: &Site, page: PageKind, file: &str) -> Fingerprint {
        self.page_key_with(site, page, file, &page.dependencies(site))
    }

    /// [`Fingerprints::page_key`] with the page's dependencies already worked out, so a
    /// build that also needs them for the page's link previews works them out once.
    pub(crate) fn page_key_with(
        &self,
        site: &Site,
        page: PageKind,
        file: &str,
        dependencies: &[Dependency],
    ) -> Fingerprint {
        let mut hasher = FingerprintHasher::new();
        hasher
            .str("page")
            .str(file)
            .str(page.template())
            .fingerprint(self.dependency(&Dependency::SiteWide))
            .fingerprint(
                self.by_template
                    .get(page.template())
                    .copied()
                    .unwrap_or_else(|| Fingerprint::of(b"")),
            );
        for dependency in dependencies {
            hasher
                .debug(dependency)
                .fingerprint(self.dependency(dependency));
        }
        // What the page shows of the other editions: the switcher's targets and the
        // `hreflang` alternates (which editions have the page, and where).
        for alternate in site.alternates(page.route(site)) {
            hasher.debug(&alternate);
            if !alternate.translated && !alternate.current {
                hasher.str(
                    self.untranslated
                        .get(&alternate.code)
                        .map_or("", String::as_str),
                );
            }
        }
        hasher.finish()
    }

    /// The key of one search shard: its name and the inputs of each of its records.
    pub fn shard_key(&self, site: &Site, shard: &Shard) -> Fingerprint {
        let mut hasher = FingerprintHasher::new();
        hasher
            .str("search shard")
            .str(env!("FLASHPOINT_BUILD_ID"))
            .str(&shard.name)
            .fingerprint(self.dependency(&Dependency::SiteWide));
        for &member in &shard.members {
            hasher.debug(&member);
            let mut dependencies = match member {
                RecordRef::Story(ix) => {
                    let story = &site.stories[ix];
                    let mut deps = markdown_dependencies(&story.document.references);
                    deps.push(Dependency::Story(story.id.to_string()));
                    deps
                }
                RecordRef::Actor(ix) => {
                    let actor = &site.actors[ix];
                    let mut deps = markdown_dependencies(&actor.document.references);
                    deps.extend([
                        Dependency::Actor(actor.id.to_string()),
                        Dependency::ActorList,
                    ]);
                    deps
                }
                // An event's record is its id, title, date and summary, with the names its
                // summary's links show; not where it sits in timeline.yaml, so an edit of one
                // event leaves the other events' shards alone.
                RecordRef::Event(ix) => {
                    let event = &site.events[ix];
                    hasher
                        .str(event.id.as_str())
                        .str(&event.title)
                        .debug(&event.date)
                        .str(&event.summary);
                    markdown_dependencies(&references(&event.summary))
                }
                RecordRef::Quote(_) => vec![Dependency::Quotes, Dependency::ActorList],
                RecordRef::Page(ix) => {
                    let page = &site.pages[ix];
                    let mut deps = markdown_dependencies(&page.document.references);
                    deps.push(Dependency::Page(page.id.to_string()));
                    deps
                }
                RecordRef::Source(_) => vec![Dependency::Sources],
            };
            // A record's text shows a linked event's title, never where the event sits in
            // timeline.yaml: hash what it shows instead of the whole timeline, so an edit of
            // one event leaves the shards of texts that link other events alone.
            if let Some(at) = dependencies.iter().position(|d| *d == Dependency::Timeline)
                && !matches!(member, RecordRef::Event(_))
            {
                dependencies.swap_remove(at);
                for event in linked_events(site, member) {
                    hasher
                        .str(event.id.as_str())
                        .str(&event.title)
                        .debug(&event.date);
                }
            }
            dependencies.sort();
            dependencies.dedup();
            for dependency in dependencies {
                hasher
                    .debug(&dependency)
                    .fingerprint(self.dependency(&dependency));
            }
        }
        hasher.finish()
    }
}

/// The events a story's, actor's or page's text links with `[[events/<id>]]`.
fn linked_events(site: &Site, member: RecordRef) -> Vec<&TimelineEvent> {
    let references = match member {
        RecordRef::Story(ix) => &site.stories[ix].document.references,
        RecordRef::Actor(ix) => &site.actors[ix].document.references,
        RecordRef::Page(ix) => &site.pages[ix].document.references,
        RecordRef::Event(_) | RecordRef::Quote(_) | RecordRef::Source(_) => return Vec::new(),
    };
    references
        .iter()
        .filter(|reference| reference.kind == ReferenceKind::Link)
        .filter_map(|reference| match LinkTarget::parse(&reference.target) {
            LinkTarget::Event(id) => site.event(id.as_str()),
            _ => None,
        })
        .collect()
}

/// Every dependency's key but the timeline's and the templates'.
fn keys_but_timeline(site: &Site, renderer: &Renderer) -> FxHashMap<Dependency, Fingerprint> {
    let mut by_dependency = FxHashMap::default();
    let nav: Vec<(&str, &str)> = site
        .pages
        .iter()
        .map(|p| (p.id.as_str(), p.title.as_str()))
        .collect();
    by_dependency.insert(
        Dependency::SiteWide,
        FingerprintHasher::new()
            .str(KEY_FORMAT)
            .str(env!("FLASHPOINT_BUILD_ID"))
            .debug(&site.config)
            // Which edition: its folder and its interface strings.
            .str(site.urls.edition())
            .fingerprint(strings_key(site))
            // Whether every page links the site's custom.css.
            .debug(&renderer.has_custom_css())
            // Pages link the hashed names of the assets.
            .debug(renderer.assets().names())
            .debug(&nav)
            // Pages name the hashed variants of the images they show.
            .fingerprint(site.images.fingerprint())
            .finish(),
    );
    by_dependency.insert(
        Dependency::Home,
        FingerprintHasher::new()
            .debug(&site.home.as_ref().map(|home| {
                let document = &home.document;
                (&document.path, document.fingerprint)
            }))
            .finish(),
    );
    by_dependency.extend(
        site.stories
            .par_iter()
            .map(|story| {
                (
                    Dependency::Story(story.id.to_string()),
                    document_key(&story.document),
                )
            })
            .collect::<Vec<_>>(),
    );
    for actor in &site.actors {
        by_dependency.insert(
            Dependency::Actor(actor.id.to_string()),
            document_key(&actor.document),
        );
    }
    for page in &site.pages {
        by_dependency.insert(
            Dependency::Page(page.id.to_string()),
            document_key(&page.document),
        );
    }
    // Each story as lists show it; the list is all of them in order.
    let cards: Vec<Fingerprint> = (0..site.stories.len())
        .into_par_iter()
        .map(|ix| {
            let story = &site.stories[ix];
            let actors: Vec<&str> = site.story_actors[ix]
                .iter()
                .map(|&a| site.actors[a].id.as_str())
                .collect();
            let sources: Vec<&str> = site.story_sources[ix]
                .iter()
                .map(|&s| site.sources[s].id.as_str())
                .collect();
            FingerprintHasher::new()
                .debug(&(
                    &story.id,
                    &story.title,
                    &story.date,
                    &story.updated,
                    &story.summary,
                    &story.tags,
                    story.draft,
                    actors,
                    sources,
                ))
                .finish()
        })
        .collect();
    let mut stories = FingerprintHasher::new();
    for (story, card) in site.stories.iter().zip(&cards) {
        stories.fingerprint(*card);
        by_dependency.insert(Dependency::StoryCard(story.id.to_string()), *card);
    }
    // Links to a story this edition lacks show the original's title and URL.
    let mut elsewhere: Vec<_> = site.elsewhere.links.iter().collect();
    elsewhere.sort();
    for (target, shown) in &elsewhere {
        if let Some(id) = target.strip_prefix("stories/") {
            stories.debug(&(target, shown));
            // A page that links only this story (its card) depends on it alone.
            by_dependency.insert(
                Dependency::StoryCard(id.trim_end_matches('/').to_string()),
                FingerprintHasher::new().debug(&(target, shown)).finish(),
            );
        }
    }
    by_dependency.insert(Dependency::StoryList, stories.finish());
    for (target, shown) in &elsewhere {
        if let Some(id) = target.strip_prefix("pages/") {
            by_dependency.insert(
                Dependency::Page(id.to_string()),
                FingerprintHasher::new().debug(&(target, shown)).finish(),
            );
        }
    }
    by_dependency.insert(
        Dependency::Newsroom,
        FingerprintHasher::new()
            .debug(&site.authors)
            .debug(&site.story_authors)
            .debug(&site.series)
            .debug(&site.story_series)
            .debug(
                &site
                    .stories
                    .iter()
                    .map(|s| (&s.authors, &s.series, &s.corrections, s.toc))
                    .collect::<Vec<_>>(),
            )
            .debug(
                &site
                    .corrections
                    .iter()
                    .map(|&c| (c, site.correction(c)))
                    .collect::<Vec<_>>(),
            )
            .finish(),
    );
    let mut actors = FingerprintHasher::new();
    for actor in &site.actors {
        actors.debug(&(
            &actor.id,
            &actor.name,
            &actor.kind,
            &actor.summary,
            &actor.aliases,
            &actor.relations,
        ));
    }
    by_dependency.insert(Dependency::ActorList, actors.finish());
    // Each event as a story's rail and link previews show it, its summary as read.
    let links = crate::site::SiteLinks {
        site,
        numbered_sources: None,
    };
    let shown: Vec<Fingerprint> = site
        .events
        .par_iter()
        .map(|e| {
            let summary = crate::markdown::plain_text(&e.summary, &links);
            FingerprintHasher::new()
                .debug(&(&e.id, &e.date, &e.title, summary))
                .finish()
        })
        .collect();
    for (actor, actor_links) in site.actors.iter().zip(&site.actor_links) {
        let mut hasher = FingerprintHasher::new();
        for &event in &actor_links.events {
            hasher.fingerprint(shown[event]);
        }
        by_dependency.insert(
            Dependency::ActorEvents(actor.id.to_string()),
            hasher.finish(),
        );
    }
    by_dependency.insert(
        Dependency::Forces,
        FingerprintHasher::new().debug(&site.forces).finish(),
    );
    by_dependency.insert(
        Dependency::Quotes,
        FingerprintHasher::new().debug(&site.quotes).finish(),
    );
    by_dependency.insert(
        Dependency::Sources,
        FingerprintHasher::new().debug(&site.sources).finish(),
    );
    by_dependency.insert(Dependency::TextCitations, text_citations_key(site));
    by_dependency.insert(
        Dependency::Places,
        FingerprintHasher::new()
            .debug(&site.places)
            .debug(&site.story_places)
            .debug(&site.actors.iter().map(|a| &a.places).collect::<Vec<_>>())
            .finish(),
    );
    by_dependency
}

/// The timeline's key: every event, and under each the stories that link it (pages that
/// list events show them).
fn timeline_key(site: &Site) -> Fingerprint {
    // Runs of a fixed number of events are hashed in parallel, then their fingerprints in
    // order: the key does not depend on how many threads made it.
    let parts: Vec<Fingerprint> = site
        .events
        .par_chunks(EVENTS_PER_PART)
        .zip(site.event_stories.par_chunks(EVENTS_PER_PART))
        .map(|(events, event_stories)| {
            // Pages that list events show, under each, the stories that link it.
            let covering: Vec<Vec<(&str, &str)>> = event_stories
                .iter()
                .map(|stories| {
                    stories
                        .iter()
                        .map(|&s| (site.stories[s].id.as_str(), site.stories[s].title.as_str()))
                        .collect()
                })
                .collect();
            FingerprintHasher::new()
                .debug(&events)
                .debug(&covering)
                .finish()
        })
        .collect();
    let mut hasher = FingerprintHasher::new();
    hasher.debug(&site.events.len());
    for part in parts {
        hasher.fingerprint(part);
    }
    hasher.finish()
}

/// Events hashed together in [`timeline_key`].
const EVENTS_PER_PART: usize = 512;
