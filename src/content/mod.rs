//! Reading `content/`: the home page, stories, actors and plain pages.

mod actor;
mod alias;
mod document;
mod front_matter;
mod key_facts;
pub(crate) mod line_index;
mod memo;
mod page;
pub mod placeholders;
pub(crate) mod source_file;
mod story;
mod tag;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use walkdir::WalkDir;

pub use actor::{Actor, ActorKind, Relation};
pub use alias::Alias;
pub use document::MarkdownDocument;
pub use key_facts::{HeadlineFigure, KeyFacts};
pub use memo::{ContentMemo, OneDocument, load_one};
pub use page::Page;
pub use story::Story;
pub(crate) use story::parse_tags;
pub use tag::Tag;

use crate::date::ACCEPTED_DATE_FORMS;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::dropped::Dropped;
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
    /// Draft stories left out of this build, so that a link to one can say so.
    pub drafts: Vec<crate::ids::StoryId>,
    /// Files written but not read because of a mistake already reported.
    pub dropped: Dropped,
}

/// What a story's date mistake should be told: unlike events, stories need the day.
const STORY_DATE_HINT: &str = "a story's date must name the day: write YYYY-MM-DD, e.g. 2013-03-20";

/// Loads every content file; problems go to `diagnostics` so all are reported together.
pub fn load(root: &Path, include_drafts: bool, diagnostics: &mut Diagnostics) -> Result<Content> {
    load_remembering(
        root,
        include_drafts,
        diagnostics,
        &mut ContentMemo::default(),
    )
}

/// [`load`], reusing what `memo` holds of files that did not change since it was filled
/// (see [`ContentMemo`]), and filling it for the next time. The result is the one [`load`]
/// gives.
pub fn load_remembering(
    root: &Path,
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
    memo: &mut ContentMemo,
) -> Result<Content> {
    let content = Path::new(CONTENT_DIR);
    let mut loaded = Content::default();
    let home = content.join("_index.md");
    let home_files = match root.join(&home).is_file() {
        true => vec![(home, "index".to_string())],
        false => Vec::new(),
    };
    let (homes, _) = memo.home.load(
        root,
        &home_files,
        diagnostics,
        &memo.stale,
        page::home_from_file,
    )?;
    loaded.home = homes.into_iter().next();
    let stories = markdown_files(root, &content.join("stories"), diagnostics)?;
    let mut story_problems = Diagnostics::default();
    let (stories, dropped_stories) = memo.stories.load(
        root,
        &stories,
        &mut story_problems,
        &memo.stale,
        story::from_file,
    )?;
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
        memo.actors
            .load(root, &actors, diagnostics, &memo.stale, actor::from_file)?;
    let pages = markdown_files(root, &content.join("pages"), diagnostics)?;
    (loaded.pages, loaded.dropped.pages) =
        memo.pages
            .load(root, &pages, diagnostics, &memo.stale, page::from_file)?;
    memo.stale.clear();
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

/// Parses a content file read by [`source_file::read`] into a story, actor or page
/// (`build`); None when a problem, reported in `diagnostics`, stops it.
fn parse_document<F: DeserializeOwned, T>(
    file: source_file::SourceFile,
    id: &str,
    diagnostics: &mut Diagnostics,
    build: impl FnOnce(ParsedFile<'_, F>, &mut Diagnostics) -> Option<T>,
) -> Option<T> {
    let split = match front_matter::split(&file) {
        Ok(split) => split,
        Err(problem) => {
            diagnostics.push(problem);
            return None;
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
            return None;
        }
    };
    let parsed = ParsedFile {
        id,
        front,
        yaml,
        document: MarkdownDocument::new(&file, &split),
    };
    build(parsed, diagnostics)
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
