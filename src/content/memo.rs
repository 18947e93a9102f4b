//! What loading each content file gave, kept between loads so that `serve` reads and
//! parses again only the files that changed. Loading a file depends on nothing but its
//! path and bytes, so a file whose bytes are the ones remembered gives what it gave then.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::content::{Actor, Author, Page, ParsedFile, Story, parse_document, source_file};
use crate::diagnostics::Diagnostics;
use crate::dropped::DroppedIds;
use crate::error::Result;
use crate::fingerprint::Fingerprint;

/// The content files loaded last time, by edition, and which of them may have changed
/// since.
pub struct ContentMemo {
    /// By language code; the originals under "".
    editions: HashMap<String, EditionMemo>,
    pub(crate) stale: Stale,
}

/// The remembered files of one language's edition.
#[derive(Default)]
pub(crate) struct EditionMemo {
    pub(crate) home: DocumentMemo<Page>,
    pub(crate) stories: DocumentMemo<Story>,
    pub(crate) actors: DocumentMemo<Actor>,
    pub(crate) pages: DocumentMemo<Page>,
    pub(crate) authors: DocumentMemo<Author>,
}

impl Default for ContentMemo {
    /// Remembers nothing yet; every file is read.
    fn default() -> ContentMemo {
        ContentMemo {
            editions: HashMap::new(),
            stale: Stale {
                everything: true,
                paths: HashSet::new(),
            },
        }
    }
}

impl ContentMemo {
    /// Any file may have changed: the next load reads every file, and parses again those
    /// whose bytes differ from the ones remembered.
    pub fn changed_everything(&mut self) {
        self.stale.everything = true;
    }

    /// The file at `relative` (to the site root) changed, appeared or went away. Files not
    /// named before the next load are taken as they were, without being read.
    pub fn changed(&mut self, relative: &Path) {
        self.stale.paths.insert(relative.to_path_buf());
    }

    /// The memo of the edition in `language` ("" for the originals), with what is stale.
    pub(crate) fn edition(&mut self, language: &str) -> (&mut EditionMemo, &Stale) {
        let edition = self.editions.entry(language.to_string()).or_default();
        (edition, &self.stale)
    }

    /// A load of the originals and of the editions in `others` ended: what it read is
    /// current, and editions no longer in the site are forgotten.
    pub(crate) fn loaded(&mut self, others: &[String]) {
        self.stale.clear();
        self.editions
            .retain(|language, _| language.is_empty() || others.contains(language));
    }
}

/// Which remembered files are to be read again.
#[derive(Debug, Default)]
pub(crate) struct Stale {
    everything: bool,
    paths: HashSet<PathBuf>,
}

impl Stale {
    fn covers(&self, relative: &Path) -> bool {
        self.everything || self.paths.contains(relative)
    }

    pub(crate) fn clear(&mut self) {
        self.everything = false;
        self.paths.clear();
    }
}

/// What loading one file gave.
struct Entry<T> {
    /// Of the file's bytes; None for a file that could not be read as text, which is
    /// always read again.
    fingerprint: Option<Fingerprint>,
    value: Option<T>,
    problems: Diagnostics,
}

/// The remembered files of one kind (stories, actors, pages), by site-relative path.
pub(crate) struct DocumentMemo<T> {
    entries: HashMap<PathBuf, Entry<T>>,
}

impl<T> Default for DocumentMemo<T> {
    fn default() -> Self {
        DocumentMemo {
            entries: HashMap::new(),
        }
    }
}

/// What one file of a load needs: nothing new, or what reading it gave.
enum Outcome<T> {
    Remembered,
    Read(Entry<T>),
}

impl<T: Clone + Send + Sync> DocumentMemo<T> {
    /// Loads `files` (path and id) in parallel, as `content::load` does: values and
    /// problems in the order of `files`, with the ids of the files a problem dropped.
    pub(crate) fn load<F: DeserializeOwned>(
        &mut self,
        root: &Path,
        files: &[(PathBuf, String)],
        diagnostics: &mut Diagnostics,
        stale: &Stale,
        build: impl Fn(ParsedFile<'_, F>, &mut Diagnostics) -> Option<T> + Sync,
    ) -> Result<(Vec<T>, DroppedIds)> {
        let outcomes: Vec<Result<Outcome<T>>> = files
            .par_iter()
            .map(|(path, id)| {
                let known = self.entries.get(path);
                if known.is_some() && !stale.covers(path) {
                    return Ok(Outcome::Remembered);
                }
                let file = match source_file::read(root, path)? {
                    Ok(file) => file,
                    Err(problem) => {
                        let mut problems = Diagnostics::default();
                        problems.push(problem);
                        return Ok(Outcome::Read(Entry {
                            fingerprint: None,
                            value: None,
                            problems,
                        }));
                    }
                };
                let fingerprint = Fingerprint::of(file.text.as_bytes());
                if known.is_some_and(|known| known.fingerprint == Some(fingerprint)) {
                    return Ok(Outcome::Remembered);
                }
                let mut problems = Diagnostics::default();
                let value = parse_document(file, id, &mut problems, &build);
                Ok(Outcome::Read(Entry {
                    fingerprint: Some(fingerprint),
                    value,
                    problems,
                }))
            })
            .collect();
        let mut values = Vec::with_capacity(files.len());
        let mut dropped = DroppedIds::default();
        for (outcome, (path, id)) in outcomes.into_iter().zip(files) {
            if let Outcome::Read(entry) = outcome? {
                self.entries.insert(path.clone(), entry);
            }
            let Some(entry) = self.entries.get(path) else {
                continue;
            };
            diagnostics.extend(entry.problems.clone());
            match &entry.value {
                Some(value) => values.push(value.clone()),
                None => dropped.record(Some(id)),
            }
        }
        if self.entries.len() > files.len() {
            let listed: HashSet<&PathBuf> = files.iter().map(|(path, _)| path).collect();
            self.entries.retain(|path, _| listed.contains(path));
        }
        Ok((values, dropped))
    }
}

/// One Markdown file of `content/`, loaded on its own, as what its place makes it.
#[derive(Debug)]
pub enum OneDocument {
    Home(Page),
    Story(Story),
    Actor(Actor),
    Page(Page),
}

/// Loads the Markdown file at `relative` (to the site root) as a full load would: None
/// when it is not one a load reads (not `.md`, elsewhere, an id that is not safe) or
/// when a problem stops it; the problems found either way.
pub fn load_one(root: &Path, relative: &Path) -> Result<(Option<OneDocument>, Diagnostics)> {
    let mut problems = Diagnostics::default();
    let content = Path::new(crate::content::CONTENT_DIR);
    let (Some(folder), Some(name)) = (relative.parent(), relative.file_name()) else {
        return Ok((None, problems));
    };
    let name = name.to_string_lossy();
    let Some(id) = name.strip_suffix(".md") else {
        return Ok((None, problems));
    };
    if id.starts_with('.') || crate::ids::segment_problem(id).is_some() {
        return Ok((None, problems));
    }
    let file = match source_file::read(root, relative)? {
        Ok(file) => file,
        Err(problem) => {
            problems.push(problem);
            return Ok((None, problems));
        }
    };
    use crate::content::{actor, page, story};
    let loaded = if folder == content && name == "_index.md" {
        parse_document(file, "index", &mut problems, page::home_from_file).map(OneDocument::Home)
    } else if folder == content.join("stories") {
        parse_document(file, id, &mut problems, story::from_file).map(OneDocument::Story)
    } else if folder == content.join("actors") {
        parse_document(file, id, &mut problems, actor::from_file).map(OneDocument::Actor)
    } else if folder == content.join("pages") {
        parse_document(file, id, &mut problems, page::from_file).map(OneDocument::Page)
    } else {
        None
    };
    Ok((loaded, problems))
}
