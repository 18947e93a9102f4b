//! The quick path for the saves an editor makes most: a change to the body of one story,
//! actor page, plain page or the home page that leaves its front matter and what its text
//! links to as they were, or to a story's title. Nothing else in the site model depends on a body, so the page
//! drawn from it is rendered again at once from the last site model, patched in place, and
//! served; the full rebuild that follows checks everything else (feeds, warnings, the search
//! index) and finds that page already right.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{MarkdownDocument, OneDocument, load_one};
use crate::internal_links::LinkChecker;
use crate::markdown::Reference;
use crate::output::{MemoryFiles, slash_path};
use crate::render::{PageKind, Renderer};
use crate::site::Site;

/// One page to draw again, with the document it now shows, and a story's new title.
struct Patch {
    page: PageKind,
    document: MarkdownDocument,
    title: Option<String>,
}

/// What the quick path served: the pages rendered and the files whose bytes changed.
pub(crate) struct Served {
    pub rendered: Vec<String>,
    pub updated: Vec<String>,
    /// The pages drawn again, whose records the search index takes next.
    pub pages: Vec<PageKind>,
}

/// How long each step of the quick path took, for `FLASHPOINT_SERVE_PROFILE=1`.
pub(crate) type Phases = Vec<(&'static str, Duration)>;

/// Serves the saves in `changed` (absolute paths) by patching `site` and rendering their
/// pages again, if every one of them is a body-only edit; None, with `site` untouched,
/// when any is not (the full rebuild then handles it).
pub(crate) fn serve_body_edits(
    root: &Path,
    changed: &[PathBuf],
    site: &mut Site,
    renderer: &Renderer,
    served: &MemoryFiles,
    phases: &mut Phases,
) -> Option<Served> {
    let lap = Instant::now();
    let mut patches = Vec::new();
    for path in changed {
        let relative = path.strip_prefix(root).ok()?;
        if never_loaded(root, relative) {
            continue;
        }
        patches.push(body_edit(root, relative, site)?);
    }
    if patches.is_empty() {
        return None;
    }
    swap_documents(site, &mut patches);
    phases.push(("read", lap.elapsed()));
    let pages: Vec<PageKind> = patches.iter().map(|patch| patch.page).collect();
    let drawn = draw(site, renderer, &pages, served, phases);
    if drawn.is_none() {
        // Put the site back as it was: the full rebuild compares with it.
        swap_documents(site, &mut patches);
    }
    drawn
}

/// Exchanges each patch's document (and title) with the one in the site; twice puts them
/// back.
fn swap_documents(site: &mut Site, patches: &mut [Patch]) {
    for patch in patches {
        if let Some(document) = document_mut(site, patch.page) {
            std::mem::swap(document, &mut patch.document);
        }
        if let (PageKind::Story(ix), Some(title)) = (patch.page, patch.title.as_mut())
            && let Some(story) = site.stories.get_mut(ix)
        {
            std::mem::swap(&mut story.title, title);
        }
    }
}

/// Renders `pages`, checks their links and swaps them into `served`; None when a page
/// does not render or links to nothing. Nothing in it walks every page or file: at 50,000
/// stories each such walk costs tens of milliseconds of the save's budget.
fn draw(
    site: &Site,
    renderer: &Renderer,
    pages: &[PageKind],
    served: &MemoryFiles,
    phases: &mut Phases,
) -> Option<Served> {
    let mut lap = Instant::now();
    let links = LinkChecker::new(site);
    let mut drawn = Vec::new();
    for &page in pages {
        let name = slash_path(&page.route(site).output_file()?);
        let html = renderer.render(site, page).ok()?;
        links.collect(site, page, &html);
        drawn.push((name, html));
    }
    phases.push(("render", lap.elapsed()));
    lap = Instant::now();
    // Asked of the served files themselves: copying their names is O(files) per save.
    let files = served.files();
    let held = files.read().unwrap_or_else(|p| p.into_inner());
    let broken = links.broken_links_where(site, renderer, |file| held.contains_key(file));
    drop(held);
    if !broken.is_empty() {
        return None;
    }
    phases.push(("link check", lap.elapsed()));
    lap = Instant::now();
    let rendered: Vec<String> = drawn.iter().map(|(name, _)| name.clone()).collect();
    // No key: the full rebuild that follows draws the pages again and records them.
    let updated = served.put_unkeyed(drawn);
    phases.push(("swap", lap.elapsed()));
    Some(Served {
        rendered,
        updated,
        pages: pages.to_vec(),
    })
}

/// The patch for a body-only edit of the document at `relative`; None for any other change.
fn body_edit(root: &Path, relative: &Path, site: &Site) -> Option<Patch> {
    let (Ok((Some(loaded), problems)), true) = (load_one(root, relative), relative.is_relative())
    else {
        return None;
    };
    if !problems.is_empty() {
        return None;
    }
    let mut title = None;
    let (page, document) = match loaded {
        // A story's title is shown on other pages too (lists, cards, links): its own page
        // is served at once, and the rebuild that follows draws the others.
        OneDocument::Story(mut story) => {
            let ix = site.story_ix(story.id.as_str())?;
            let old = &site.stories[ix];
            let document = std::mem::replace(&mut story.document, old.document.clone());
            if story.title != old.title {
                title = Some(std::mem::replace(&mut story.title, old.title.clone()));
            }
            (story == *old).then_some((PageKind::Story(ix), document))?
        }
        OneDocument::Actor(mut actor) => {
            let ix = site.actor_ix(actor.id.as_str())?;
            let old = &site.actors[ix];
            let document = std::mem::replace(&mut actor.document, old.document.clone());
            (actor == *old).then_some((PageKind::Actor(ix), document))?
        }
        OneDocument::Page(mut page) => {
            let ix = site.pages.iter().position(|p| p.id == page.id)?;
            let old = &site.pages[ix];
            let document = std::mem::replace(&mut page.document, old.document.clone());
            (page == *old).then_some((PageKind::Page(ix), document))?
        }
        OneDocument::Home(mut home) => {
            let old = site.home.as_ref()?;
            let document = std::mem::replace(&mut home.document, old.document.clone());
            (home == *old).then_some((PageKind::Home, document))?
        }
    };
    let old = page.document(site)?;
    let same_links = old.path == document.path
        && same_targets(&old.references, &document.references)
        && old.front_matter_lines == document.front_matter_lines;
    same_links.then_some(Patch {
        page,
        document,
        title,
    })
}

/// Whether `relative` is a file in a folder of Markdown documents that no load reads (an
/// editor's temporary or hidden file), so that a save written to one and renamed over the
/// document is still a body edit.
fn never_loaded(root: &Path, relative: &Path) -> bool {
    let content = Path::new(crate::content::CONTENT_DIR);
    let in_documents = ["stories", "actors", "pages"]
        .iter()
        .any(|folder| relative.parent() == Some(&content.join(folder)));
    let name = relative
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    in_documents
        && (name.starts_with('.') || !name.ends_with(".md"))
        && !root.join(relative).is_dir()
}

/// Whether two bodies refer to the same things, in the same order, wherever they sit.
fn same_targets(old: &[Reference], new: &[Reference]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(a, b)| a.kind == b.kind && a.target == b.target)
}

fn document_mut(site: &mut Site, page: PageKind) -> Option<&mut MarkdownDocument> {
    match page {
        PageKind::Home => site.home.as_mut().map(|home| &mut home.document),
        PageKind::Story(ix) => site.stories.get_mut(ix).map(|s| &mut s.document),
        PageKind::Actor(ix) => site.actors.get_mut(ix).map(|a| &mut a.document),
        PageKind::Page(ix) => site.pages.get_mut(ix).map(|p| &mut p.document),
        _ => None,
    }
}
