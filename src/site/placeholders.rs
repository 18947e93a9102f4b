//! Warnings about scaffold placeholders an editor has not replaced yet, so that a
//! skeleton made by `flashpoint new` never publishes its stand-in sentences silently:
//! a story's or actor's placeholder summary and paragraph, the instructions comment
//! older skeletons carried, and an event's `summary: ""` or `actors: []`.
//!
//! A story body's placeholder paragraph is found when the body is loaded ([`BodyNotes`])
//! and reported by [`super::body_checks`]. Warnings point at the line of the field; the
//! field's line is found by reading the file again, only for a record that has a
//! placeholder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::placeholders::{ACTOR_SUMMARY_PLACEHOLDER, STORY_SUMMARY_PLACEHOLDER};
use crate::content::{BodyLocator, BodyNotes, MarkdownDocument};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::site::Site;

pub(super) fn warn_about_placeholders(site: &Site, diagnostics: &mut Diagnostics) {
    let mut files = Files::new(&site.config.root);
    for story in &site.stories {
        let what = format!("the story `{}`", story.id);
        if story.summary.trim() == STORY_SUMMARY_PLACEHOLDER {
            diagnostics.push(
                Diagnostic::warning(
                    files.front_matter_field(&story.document, "summary"),
                    format!("{what} still has the placeholder summary of `flashpoint new`"),
                )
                .with_hint(
                    "write one sentence saying what the story is about: it shows on the home page and in feeds",
                ),
            );
        }
    }
    for actor in &site.actors {
        if actor.summary.trim() == ACTOR_SUMMARY_PLACEHOLDER {
            diagnostics.push(
                Diagnostic::warning(
                    files.front_matter_field(&actor.document, "summary"),
                    format!(
                        "the actor `{}` still has the placeholder summary of `flashpoint new`",
                        actor.id
                    ),
                )
                .with_hint("write one sentence saying who this is"),
            );
        }
    }
    for event in &site.events {
        if event.summary.trim().is_empty()
            && let Some(at) = files.record_field(&event.at, "summary")
        {
            diagnostics.push(
                Diagnostic::warning(at, format!("the event `{}` has an empty summary", event.id))
                    .with_hint("write one sentence saying what happened, in quotes"),
            );
        }
        if event.actors.is_empty()
            && let Some(at) = files.record_field(&event.at, "actors")
        {
            diagnostics.push(
                Diagnostic::warning(at, format!("the event `{}` names no actors", event.id))
                    .with_hint("list the ids of the actors involved: actors: [actor-id]"),
            );
        }
    }
}

/// The placeholder paragraph, or the instructions comment of older skeletons, left in the
/// body of the story `id`, as its [`BodyNotes`] found them at load.
pub(super) fn warn_about_story_body(
    id: &str,
    notes: &BodyNotes,
    locator: &BodyLocator,
    diagnostics: &mut Diagnostics,
) {
    let what = format!("the story `{id}`");
    if let Some(offset) = notes.placeholder {
        diagnostics.push(
            Diagnostic::warning(
                locator.locate(offset),
                format!("{what} still holds the placeholder paragraph of `flashpoint new`"),
            )
            .with_hint("replace the paragraph with the story"),
        );
    }
    if let Some(offset) = notes.scaffold_comment {
        diagnostics.push(
            Diagnostic::warning(
                locator.locate(offset),
                format!("{what} still holds the instructions comment of `flashpoint new`, which would ship in the page's HTML"),
            )
            .with_hint("delete the comment, from `<!--` to `-->`"),
        );
    }
}

/// Files read again to place a warning at a field, each read at most once.
struct Files<'a> {
    root: &'a Path,
    texts: HashMap<PathBuf, Option<FileText>>,
}

/// A file's text with the byte offset of each line's start, so that a record's lines are
/// found without reading the file from its start again for every record.
struct FileText {
    text: String,
    line_starts: Vec<usize>,
}

impl FileText {
    fn new(text: String) -> FileText {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        FileText { text, line_starts }
    }

    /// The text from the start of line `number` (1-based) on.
    fn text_at_line(&self, number: usize) -> &str {
        let start = self
            .line_starts
            .get(number.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        &self.text[start..]
    }
}

impl<'a> Files<'a> {
    fn new(root: &'a Path) -> Self {
        Files {
            root,
            texts: HashMap::new(),
        }
    }

    fn file(&mut self, path: &Path) -> Option<&FileText> {
        let root = self.root;
        self.texts
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                std::fs::read_to_string(root.join(path))
                    .ok()
                    .map(FileText::new)
            })
            .as_ref()
    }

    /// The `key:` line of a document's front matter, or the file when it cannot be read.
    fn front_matter_field(&mut self, document: &MarkdownDocument, key: &str) -> Location {
        let lines = document.front_matter_lines.clone();
        self.file(&document.path)
            .and_then(|file| {
                let found = file
                    .text_at_line(lines.start as usize)
                    .lines()
                    .zip(lines.start..)
                    .take(lines.len())
                    .find(|(line, _)| starts_with_key(line, key))?;
                Some(Location::new(&document.path, found.1, 1))
            })
            .unwrap_or_else(|| document.file_location())
    }

    /// The `key:` line of the YAML list item whose id is written at `record`, if the
    /// item has that field.
    fn record_field(&mut self, record: &Location, key: &str) -> Option<Location> {
        let path = record.path.clone();
        let file = self.file(&path)?;
        let first = record.line + 1;
        let mut lines = file.text_at_line(first as usize).lines().zip(first..);
        lines
            .by_ref()
            .take_while(|(line, _)| !line.starts_with('-'))
            .find_map(|(line, number)| {
                starts_with_key(line, key).then(|| {
                    let column = (line.len() - line.trim_start().len()) as u32 + 1;
                    Location::new(&path, number, column)
                })
            })
    }
}

fn starts_with_key(line: &str, key: &str) -> bool {
    line.trim_start_matches([' ', '-'])
        .strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}
