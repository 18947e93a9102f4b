//! `flashpoint new`: skeletons of a story, an actor or an event that pass every check,
//! dated today, never overwriting what an editor already wrote.

use std::path::{Path, PathBuf};

use crate::content::ActorKind;
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::error::{Error, Result};
use crate::fs;

/// What to create.
#[derive(Debug, Clone)]
pub enum NewItem {
    Story {
        title: String,
    },
    Actor {
        name: String,
        kind: ActorKind,
    },
    Event {
        title: String,
        source: String,
        date: Option<String>,
    },
}

/// Today's date in the editor's time zone.
pub fn today() -> PartialDate {
    let now = jiff::Zoned::now();
    let text = format!("{:04}-{:02}-{:02}", now.year(), now.month(), now.day());
    PartialDate::parse(&text).expect("the clock gives a real calendar date")
}

/// Creates the item and returns the file written (relative to the root).
pub fn create(root: &Path, item: &NewItem, today: PartialDate) -> Result<PathBuf> {
    match item {
        NewItem::Story { title } => {
            let slug = slug_for(title)?;
            let path = Path::new("content/stories").join(format!("{slug}.md"));
            let text = format!(
                "---\ntitle: {}\ndate: {today}\nsummary: {}\nactors: []\ntags: []\nsources: []\ndraft: true\n---\n\n<!-- Write the story below. Link actors with [[actor-id]] and stories with [[stories/slug]].\n     Remove `draft: true` above to publish. -->\n",
                quoted(title),
                quoted("One sentence saying what this story is about."),
            );
            write_new(root, &path, &text)
        }
        NewItem::Actor { name, kind } => {
            let slug = slug_for(name)?;
            let path = Path::new("content/actors").join(format!("{slug}.md"));
            let kind = serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let text = format!(
                "---\nname: {}\nkind: {kind}\nsummary: {}\naliases: []\nrelations: []\n---\n\nA short profile of {name}.\n",
                quoted(name),
                quoted("One sentence saying who this is."),
            );
            write_new(root, &path, &text)
        }
        NewItem::Event {
            title,
            source,
            date,
        } => add_event(root, title, source, date.as_deref(), today),
    }
}

fn add_event(
    root: &Path,
    title: &str,
    source: &str,
    date: Option<&str>,
    today: PartialDate,
) -> Result<PathBuf> {
    let id = slug_for(title)?;
    let path = PathBuf::from(crate::data::DATA_DIR).join("timeline.yaml");
    let date = match date {
        Some(text) => PartialDate::parse(text).map_err(|e| {
            invalid(
                Diagnostic::error(Location::file(&path), format!("--date: {e}"))
                    .with_hint(crate::date::ACCEPTED_DATE_FORMS),
            )
        })?,
        None => today,
    };
    let mut diagnostics = Diagnostics::default();
    let data = crate::data::load(root, &mut diagnostics)?;
    if diagnostics.has_errors() {
        return Err(Error::Invalid(diagnostics));
    }
    if let Some(existing) = data.events.iter().find(|e| e.id.as_str() == id) {
        return Err(invalid(
            Diagnostic::error(
                existing.at.clone(),
                format!("an event with the id `{id}` already exists"),
            )
            .with_hint("choose another title, or edit the existing event"),
        ));
    }
    if !data.sources.iter().any(|s| s.id.as_str() == source) {
        let known = data.sources.iter().map(|s| s.id.as_str());
        return Err(invalid(
            Diagnostic::error(
                Location::file(Path::new(crate::data::DATA_DIR).join("sources.yaml")),
                format!("unknown source `{source}`"),
            )
            .with_optional_hint(
                did_you_mean(source, known)
                    .or_else(|| Some("add the source to sources.yaml first".to_string())),
            ),
        ));
    }
    let absolute = root.join(&path);
    let mut text = if absolute.is_file() {
        String::from_utf8_lossy(&fs::read(&absolute)?).into_owned()
    } else {
        String::new()
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!(
        "- id: {id}\n  date: {date}\n  title: {}\n  actors: []\n  summary: \"\"\n  sources: [{source}]\n  tags: []\n",
        quoted(title)
    ));
    fs::write(&absolute, text)?;
    Ok(path)
}

fn slug_for(title: &str) -> Result<String> {
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return Err(invalid(Diagnostic::error(
            Location::file("."),
            format!("`{title}` has no letters or digits to make an id from"),
        )));
    }
    Ok(slug)
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn write_new(root: &Path, path: &Path, text: &str) -> Result<PathBuf> {
    let absolute = root.join(path);
    if absolute.exists() {
        return Err(invalid(
            Diagnostic::error(
                Location::file(path),
                format!("{} already exists", path.display()),
            )
            .with_hint("flashpoint new never overwrites a file; choose another title"),
        ));
    }
    fs::write(&absolute, text)?;
    Ok(path.to_path_buf())
}

fn invalid(diagnostic: Diagnostic) -> Error {
    let mut all = Diagnostics::default();
    all.push(diagnostic);
    Error::Invalid(all)
}
