//! Reading `content/`: the home page, stories, actors and plain pages.

mod actor;
mod alias;
mod author;
mod body;
mod body_notes;
pub(crate) mod correction;
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
pub mod translations;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

pub use actor::{Actor, ActorKind, Relation};
pub use alias::Alias;
pub use author::{Author, AuthorLink};
pub use body_notes::BodyNotes;
pub use correction::Correction;
pub use document::{BodyLocator, MarkdownDocument};
pub use key_facts::{HeadlineFigure, KeyFacts};
pub use memo::{ContentMemo, OneDocument, load_one};
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
use memo::{DocumentMemo, EditionMemo, Stale};

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
    /// The other languages' editions of these files (`stories/x.ko.md`), by language code,
    /// in the order of `languages:`. Empty for a site in one language.
    pub translations: Vec<(String, Content)>,
    /// In another language's edition, where `[[links]]` to the stories and pages it lacks
    /// lead: to the default language's page.
    pub elsewhere: translations::Elsewhere,
}

/// What a story's date mistake should be told: unlike events, stories need the day.
const STORY_DATE_HINT: &str = "a story's date must name the day: write YYYY-MM-DD, e.g. 2013-03-20";

/// Loads every content file; problems go to `diagnostics` so all are reported together.
/// `others` are the languages of the other editions, whose translations (`x.ko.md`) are
/// read into [`Content::translations`].
pub fn load(
    root: &Path,
    include_drafts: bool,
    others: &[String],
    diagnostics: &mut Diagnostics,
) -> Result<Content> {
    load_editions(
        root,
        include_drafts,
        others,
        diagnostics,
        None,
        StoryBodies::Held,
    )
}

/// Where loaded story bodies are kept (see `body.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryBodies {
    /// In memory, for `check` and `serve`, whose files may change under them.
    Held,
    /// Left in their files as each is loaded, read again when needed: for a build, which
    /// then holds only the rest of the model (story bodies are most of a large site's).
    InFiles,
}

/// [`load`], keeping story bodies as `bodies` says.
pub fn load_with(
    root: &Path,
    include_drafts: bool,
    others: &[String],
    bodies: StoryBodies,
    diagnostics: &mut Diagnostics,
) -> Result<Content> {
    load_editions(root, include_drafts, others, diagnostics, None, bodies)
}

/// [`load`], reusing what `memo` holds of files that did not change since it was filled
/// (see [`ContentMemo`]), and filling it for the next time. The result is the one [`load`]
/// gives.
pub fn load_remembering(
    root: &Path,
    include_drafts: bool,
    others: &[String],
    diagnostics: &mut Diagnostics,
    memo: &mut ContentMemo,
) -> Result<Content> {
    let loaded = load_editions(
        root,
        include_drafts,
        others,
        diagnostics,
        Some(memo),
        StoryBodies::Held,
    )?;
    memo.loaded(others);
    Ok(loaded)
}

/// Loads the originals and every other language's translations, from `memo` when given.
fn load_editions(
    root: &Path,
    include_drafts: bool,
    others: &[String],
    diagnostics: &mut Diagnostics,
    mut memo: Option<&mut ContentMemo>,
    bodies: StoryBodies,
) -> Result<Content> {
    let files = ContentFiles::list(root, others, diagnostics)?;
    let originals = memo.as_deref_mut().map(|memo| memo.edition(""));
    let mut loaded = load_edition(
        root,
        include_drafts,
        &files.originals,
        diagnostics,
        originals,
        bodies,
    )?;
    for language in others {
        let edition = files.of_language(language);
        let remembered = memo.as_deref_mut().map(|memo| memo.edition(language));
        let translated = load_edition(
            root,
            include_drafts,
            &edition,
            diagnostics,
            remembered,
            bodies,
        )?;
        translations::report_orphans(&loaded, &edition, language, diagnostics);
        loaded.translations.push((language.clone(), translated));
    }
    Ok(loaded)
}

/// The Markdown files of `content/`, the originals apart from each language's translations.
#[derive(Default)]
pub(crate) struct ContentFiles {
    /// `_index.md` (or `_index.ko.md`) when present.
    pub home: Option<PathBuf>,
    pub stories: Vec<(PathBuf, String)>,
    pub actors: Vec<(PathBuf, String)>,
    pub pages: Vec<(PathBuf, String)>,
    pub authors: Vec<(PathBuf, String)>,
}

/// Every edition's files: the originals, and by language code the translations.
struct AllContentFiles {
    originals: ContentFiles,
    translations: Vec<(String, ContentFiles)>,
}

impl ContentFiles {
    fn list(
        root: &Path,
        others: &[String],
        diagnostics: &mut Diagnostics,
    ) -> Result<AllContentFiles> {
        let content = Path::new(CONTENT_DIR);
        let mut all = AllContentFiles {
            originals: ContentFiles::default(),
            translations: others
                .iter()
                .map(|l| (l.clone(), ContentFiles::default()))
                .collect(),
        };
        let home = content.join("_index.md");
        if root.join(&home).is_file() {
            all.originals.home = Some(home);
        }
        for (language, files) in &mut all.translations {
            let home = content.join(format!("_index.{language}.md"));
            if root.join(&home).is_file() {
                files.home = Some(home);
            }
        }
        for (folder, pick) in [
            (
                "stories",
                (|f| &mut f.stories) as fn(&mut ContentFiles) -> &mut Vec<_>,
            ),
            ("actors", |f| &mut f.actors),
            ("pages", |f| &mut f.pages),
            ("authors", |f| &mut f.authors),
        ] {
            let (originals, translated) =
                markdown_files(root, &content.join(folder), others, diagnostics)?;
            *pick(&mut all.originals) = originals;
            for (path, id, language) in translated {
                if let Some((_, files)) = all.translations.iter_mut().find(|(l, _)| *l == language)
                {
                    pick(files).push((path, id));
                }
            }
        }
        Ok(all)
    }
}

impl AllContentFiles {
    fn of_language(&self, language: &str) -> ContentFiles {
        self.translations
            .iter()
            .find(|(l, _)| l == language)
            .map(|(_, files)| ContentFiles {
                home: files.home.clone(),
                stories: files.stories.clone(),
                actors: files.actors.clone(),
                pages: files.pages.clone(),
                authors: files.authors.clone(),
            })
            .unwrap_or_default()
    }
}

/// Loads one edition's files, reusing what `memo` remembers of them when given.
fn load_edition(
    root: &Path,
    include_drafts: bool,
    files: &ContentFiles,
    diagnostics: &mut Diagnostics,
    mut memo: Option<(&mut EditionMemo, &Stale)>,
    bodies: StoryBodies,
) -> Result<Content> {
    let mut loaded = Content::default();
    let home_files: Vec<(PathBuf, String)> = files
        .home
        .iter()
        .map(|home| (home.clone(), "index".to_string()))
        .collect();
    let home_memo = memo.as_mut().map(|(m, stale)| (&mut m.home, *stale));
    let (homes, _) = load_kind(
        root,
        &home_files,
        diagnostics,
        home_memo,
        page::home_from_file,
    )?;
    loaded.home = homes.into_iter().next();
    let mut story_problems = Diagnostics::default();
    let story_memo = memo.as_mut().map(|(m, stale)| (&mut m.stories, *stale));
    let (stories, dropped_stories) = load_kind(
        root,
        &files.stories,
        &mut story_problems,
        story_memo,
        |parsed, diagnostics| {
            let mut story = story::from_file(parsed, diagnostics)?;
            if bodies == StoryBodies::InFiles {
                story.document.release_body(root);
            }
            Some(story)
        },
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
    let actor_memo = memo.as_mut().map(|(m, stale)| (&mut m.actors, *stale));
    (loaded.actors, loaded.dropped.actors) = load_kind(
        root,
        &files.actors,
        diagnostics,
        actor_memo,
        actor::from_file,
    )?;
    let page_memo = memo.as_mut().map(|(m, stale)| (&mut m.pages, *stale));
    (loaded.pages, loaded.dropped.pages) =
        load_kind(root, &files.pages, diagnostics, page_memo, page::from_file)?;
    let author_memo = memo.as_mut().map(|(m, stale)| (&mut m.authors, *stale));
    (loaded.authors, loaded.dropped.authors) = load_kind(
        root,
        &files.authors,
        diagnostics,
        author_memo,
        author::from_file,
    )?;
    Ok(loaded)
}

/// Loads files of one kind: from `memo` when given (files unchanged since are not parsed
/// again), or all afresh.
fn load_kind<F: DeserializeOwned, T: Clone + Send + Sync>(
    root: &Path,
    files: &[(PathBuf, String)],
    diagnostics: &mut Diagnostics,
    memo: Option<(&mut DocumentMemo<T>, &Stale)>,
    build: impl Fn(ParsedFile<'_, F>, &mut Diagnostics) -> Option<T> + Sync,
) -> Result<(Vec<T>, DroppedIds)> {
    match memo {
        Some((memo, stale)) => memo.load(root, files, diagnostics, stale, build),
        None => load_documents(root, files, diagnostics, build),
    }
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

/// Files read by one task of [`load_documents`].
const FILES_PER_TASK: usize = 32;

/// Loads many files in parallel; results and problems keep the order of `files`. The ids
/// of files that could not be read (their problems reported) come back with them.
fn load_documents<F: DeserializeOwned, T: Send>(
    root: &Path,
    files: &[(PathBuf, String)],
    diagnostics: &mut Diagnostics,
    build: impl Fn(ParsedFile<'_, F>, &mut Diagnostics) -> Option<T> + Sync,
) -> Result<(Vec<T>, DroppedIds)> {
    // A few files to a task, so that no thread keeps a long run of them to itself while
    // another, done with the data files, has nothing left to take.
    let loaded: Vec<Result<(Option<T>, Diagnostics)>> = files
        .par_iter()
        .with_max_len(FILES_PER_TASK)
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
    match source_file::read(root, relative)? {
        Ok(file) => Ok(parse_document(file, id, diagnostics, build)),
        Err(problem) => {
            diagnostics.push(problem);
            Ok(None)
        }
    }
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

/// A translation's file, its id and its language.
type Translated = (PathBuf, String, String);

/// A content file and the id its name gives.
type Original = (PathBuf, String);

/// The `.md` files directly in `dir`, in name order, with the id each file name gives;
/// apart, the translations into one of `others` (`x.ko.md`) with their language.
/// Files whose names are not safe ids are reported and skipped.
fn markdown_files(
    root: &Path,
    dir: &Path,
    others: &[String],
    diagnostics: &mut Diagnostics,
) -> Result<(Vec<Original>, Vec<Translated>)> {
    let absolute = root.join(dir);
    if !absolute.is_dir() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut files = Vec::new();
    let mut translated = Vec::new();
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
        let mut stem = name.trim_end_matches(".md");
        let language = stem
            .rsplit_once('.')
            .filter(|(_, code)| others.iter().any(|l| l == code));
        if let Some((id, code)) = language {
            stem = id;
            if segment_problem(stem).is_none() {
                translated.push((relative, stem.to_string(), code.to_string()));
                continue;
            }
        }
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
    Ok((files, translated))
}
