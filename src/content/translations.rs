//! Translations of content files (`stories/x.ko.md` beside `stories/x.md`): which ones have
//! no original, and where links lead to the pages an edition lacks.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

use super::{Content, ContentFiles};

/// In one language's edition, the default language's stories and pages that have no
/// translation: a `[[stories/x]]` link in a translation leads to the original rather than
/// failing. Keyed by the link target as written (`stories/x`, `pages/y`), with the
/// original's URL and title.
#[derive(Debug, Default, Clone)]
pub struct Elsewhere {
    pub links: HashMap<String, (String, String)>,
}

impl Elsewhere {
    /// The URL and title of the original a link target (`stories/x`) leads to.
    pub fn find(&self, target: &str) -> Option<&(String, String)> {
        let target = target.trim().trim_start_matches('/').trim_end_matches('/');
        self.links.get(target)
    }
}

/// Reports every translation in `edition` whose original file is missing from `originals`:
/// a translation must sit beside the file it translates, with the same id.
pub(crate) fn report_orphans(
    originals: &Content,
    edition: &ContentFiles,
    language: &str,
    diagnostics: &mut Diagnostics,
) {
    let mut orphans: Vec<(&PathBuf, String)> = Vec::new();
    if let Some(home) = &edition.home
        && originals.home.is_none()
    {
        orphans.push((home, "content/_index.md".to_string()));
    }
    let known_story = |id: &str| {
        originals.stories.iter().any(|s| s.id.as_str() == id)
            || originals.drafts.iter().any(|d| d.as_str() == id)
            || originals.dropped.stories.may_hold(id)
    };
    let known_actor = |id: &str| {
        originals.actors.iter().any(|a| a.id.as_str() == id)
            || originals.dropped.actors.may_hold(id)
    };
    let known_page = |id: &str| {
        originals.pages.iter().any(|p| p.id.as_str() == id) || originals.dropped.pages.may_hold(id)
    };
    for (path, id) in &edition.stories {
        if !known_story(id) {
            orphans.push((path, format!("content/stories/{id}.md")));
        }
    }
    for (path, id) in &edition.actors {
        if !known_actor(id) {
            orphans.push((path, format!("content/actors/{id}.md")));
        }
    }
    for (path, id) in &edition.pages {
        if !known_page(id) {
            orphans.push((path, format!("content/pages/{id}.md")));
        }
    }
    for (path, original) in orphans {
        diagnostics.push(
            Diagnostic::error(
                Location::file(path),
                format!("this `{language}` translation has no original: {original} does not exist"),
            )
            .with_hint(format!(
                "a translation sits beside the file it translates, with the same name before `.{language}.md`"
            )),
        );
    }
}

/// The originals with no translation into `language`, by their file (`content/stories/x.md`),
/// in the order home, stories, actors, pages.
pub fn untranslated(originals: &Content, translated: &Content) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Some(home) = &originals.home
        && translated.home.is_none()
    {
        files.push(home.document.path.clone());
    }
    for story in &originals.stories {
        if !translated.stories.iter().any(|s| s.id == story.id) {
            files.push(story.document.path.clone());
        }
    }
    for actor in &originals.actors {
        if !translated.actors.iter().any(|a| a.id == actor.id) {
            files.push(actor.document.path.clone());
        }
    }
    for page in &originals.pages {
        if !translated.pages.iter().any(|p| p.id == page.id) {
            files.push(page.document.path.clone());
        }
    }
    files
}
