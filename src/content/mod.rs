//! Reading `content/`: the home page, stories, actors and plain pages.

mod actor;
mod alias;
mod author;
pub(crate) mod correction;
mod document;
mod front_matter;
mod key_facts;
pub(crate) mod line_index;
mod page;
pub mod placeholders;
pub(crate) mod source_file;
mod story;
mod tag;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

pub use actor::{Actor, ActorKind, Relation};
pub use alias::Alias;
pub use author::{Author, AuthorLink};
pub use correction::Correction;
pub use document::MarkdownDocument;
pub use key_facts::{HeadlineFigure, KeyFacts};
pub use page::Page;
pub(crate) use story::parse_tags;
pub use story::{SeriesPart, Story};
pub use tag::Tag;

use crate::date::ACCEPTED_DATE_FORMS;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::dropped::{Dropped, DroppedIds};
use crate::error::{Error, Result};
use crate::ids::{MAX_SEGMENT_BYTES, segment_problem, suggested_segment};
use crate::yaml::YamlSource;

pub const CONTENT_DIR: &str = "content";

/// Everything under `content/` except the data files.
#[derive(Debug, Default)]
pub struct Content {
    pub home: Option<Page>,
    pub stories: Vec<Story>,
    pub actors: Vec<Actor>,
    pub pages: Vec<Page>,
    /// The people in bylines (`content/authors/`).
    pub authors: Vec<Author>,
    /// Draft stories left out of this build, so that a link to one can say so.
    pub drafts: Vec<crate::ids::StoryId>,
    /// Files written but not read because of a mistake already reported.
    pub dropped: Dropped,
}

/// What a story's date mistake should be told: unlike events, stories need the day.
const STORY_DATE_HINT: &str = "a story's date must name the day: write YYYY-MM-DD, e.g. 2013-03-20";

/// Loads every content file; problems go to `diagnostics` so all are reported together.
pub fn load(root: &Path, include_drafts: bool, diagnostics: &mut Diagnostics) -> Result<Content> {
    let content = Path::new(CONTENT_DIR);
    let mut loaded = Content::default();
    let home = content.join("_index.md");
    if root.join(&home).is_file() {
        loaded.home = load_document(root, &home, "index", diagnostics, page::home_from_file)?;
    }
    let stories = markdown_files(root, &content.join("stories"), diagnostics)?;
    let mut story_problems = Diagnostics::default();
    let (stories, dropped_stories) =
        load_documents(root, &stories, &mut story_problems, story::from_file)?;
    for mut problem in story_problems {
        if problem.hint.as_deref() == Some(ACCEPTED_DATE_FORMS) {
            problem.hint = Some(STORY_DATE_HINT.to_string());
        }
        diagnostics.push(problem);
    }
    loaded.dropped.stories = dropped_stories;
    for story in stories {
        if include_drafts || !story.draft {
            loaded.stories.push(story);
        } else {
            loaded.drafts.push(story.id);
        }
    }
    let actors = markdown_files(root, &content.join("actors"), diagnostics)?;
    (loaded.actors, loaded.dropped.actors) =
        load_documents(root, &actors, diagnostics, actor::from_file)?;
    let pages = markdown_files(root, &content.join("pages"), diagnostics)?;
    (loaded.pages, loaded.dropped.pages) =
        load_documents(root, &pages, diagnostics, page::from_file)?;
    let authors = markdown_files(root, &content.join("authors"), diagnostics)?;
    (loaded.authors, loaded.dropped.authors) =
        load_documents(root, &authors, diagnostics, author::from_file)?;
    Ok(loaded)
}

/// Splits a content file's text into its front matter and body, as a build does
/// (public for the fuzz target).
pub fn split_front_matter(text: &str) -> std::result::Result<(String, String), Diagnostic> {
    let file = source_file::SourceFile {
        path: PathBuf::from("fuzz.md"),
        text: text.to_string(),
    };
    front_matter::split(&file).map(|split| (split.front_matter.to_string(), split.body.to_string()))
}

/// A content file with its front matter parsed into `F`, on its way to becoming a story,
/// actor or page.
pub(crate) struct ParsedFile<'a, F> {
    /// From the file name.
    pub id: &'a str,
    pub front: F,
    /// The front matter's text, for placing problems found in its fields.
    pub yaml: YamlSource<'a>,
    pub document: MarkdownDocument,
}

/// Loads many files in parallel; results and problems keep the order of `files`. The ids
/// of files that could not be read (their problems reported) come back with them.
fn load_documents<F: DeserializeOwned, T: Send>(
    root: &Path,
    files: &[(PathBuf, String)],
    diagnostics: &mut Diagnostics,
    build: impl Fn(ParsedFile<'_, F>, &mut Diagnostics) -> Option<T> + Sync,
) -> Result<(Vec<T>, DroppedIds)> {
    let loaded: Vec<Result<(Option<T>, Diagnostics)>> = files
        .par_iter()
        .map(|(path, id)| {
            let mut found = Diagnostics::default();
            let value = load_document(root, path, id, &mut found, &build)?;
            Ok((value, found))
        })
        .collect();
    let mut values = Vec::with_capacity(loaded.len());
    let mut dropped = DroppedIds::default();
    for (result, (_, id)) in loaded.into_iter().zip(files) {
        let (value, found) = result?;
        diagnostics.extend(found);
        match value {
            Some(value) => values.push(value),
            None => dropped.record(Some(id)),
        }
    }
    Ok((values, dropped))
}

fn load_document<F: DeserializeOwned, T>(
    root: &Path,
    relative: &Path,
    id: &str,
    diagnostics: &mut Diagnostics,
    build: impl FnOnce(ParsedFile<'_, F>, &mut Diagnostics) -> Option<T>,
) -> Result<Option<T>> {
    let file = match source_file::read(root, relative)? {
        Ok(file) => file,
        Err(problem) => {
            diagnostics.push(problem);
            return Ok(None);
        }
    };
    let split = match front_matter::split(&file) {
        Ok(split) => split,
        Err(problem) => {
            diagnostics.push(problem);
            return Ok(None);
        }
    };
    let yaml = YamlSource {
        path: &file.path,
        text: split.front_matter,
        line_offset: split.front_matter_offset,
    };
    let front = match yaml.parse::<F>() {
        Ok(front) => front,
        Err(problem) => {
            diagnostics.push(problem);
            return Ok(None);
        }
    };
    let parsed = ParsedFile {
        id,
        front,
        yaml,
        document: MarkdownDocument::new(&file, &split),
    };
    Ok(build(parsed, diagnostics))
}

/// The `.md` files directly in `dir`, in name order, with the id each file name gives.
/// Files whose names are not safe ids are reported and skipped.
fn markdown_files(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<(PathBuf, String)>> {
    let absolute = root.join(dir);
    if !absolute.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&absolute)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for entry in walker {
        let entry = entry.map_err(|error| Error::Io {
            action: "cannot list",
            path: absolute.clone(),
            source: error.into(),
        })?;
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || !name.ends_with(".md") {
            continue;
        }
        let relative = dir.join(entry.file_name());
        if entry.path_is_symlink() {
            // A symlinked file is read like the file it points to, as symlinked folders
            // are; one that points nowhere, or at a folder, is named rather than skipped
            // silently.
            match std::fs::metadata(entry.path()) {
                Ok(target) if target.is_file() => {}
                Ok(_) => {
                    diagnostics.push(Diagnostic::warning(
                        Location::file(&relative),
                        "this symbolic link points to a folder, not a Markdown file; it is skipped",
                    ));
                    continue;
                }
                Err(_) => {
                    diagnostics.push(
                        Diagnostic::warning(
                            Location::file(&relative),
                            "this symbolic link points to nothing; it is skipped",
                        )
                        .with_hint("fix the link's target or delete the link"),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let stem = name.trim_end_matches(".md");
        if let Some(problem) = segment_problem(stem) {
            let suggestion = match suggested_segment(stem) {
                s if segment_problem(&s).is_none() => s,
                s => format!(
                    "{}-page",
                    s.chars().take(MAX_SEGMENT_BYTES - 5).collect::<String>()
                ),
            };
            diagnostics.push(
                Diagnostic::error(
                    Location::file(&relative),
                    format!("`{stem}` cannot be used as an id: {problem}"),
                )
                .with_hint(format!("rename the file to {suggestion}.md")),
            );
            continue;
        }
        files.push((relative, stem.to_string()));
    }
    Ok(files)
}
