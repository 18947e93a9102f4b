//! `flashpoint new`: skeletons of a story, an actor, an event or a source that pass every
//! check, dated today, never overwriting what an editor already wrote. Every `new` makes
//! the folders it needs, and refuses to run outside a site (a folder without site.yaml)
//! so that nothing is scattered into the wrong folder.
//!
//! The placeholder sentences a skeleton carries are named here, so that `check` can warn
//! when one is about to be published untouched (see `site::placeholders`).

use std::path::{Path, PathBuf};

use crate::content::ActorKind;
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::fs;

pub use crate::content::placeholders::{
    ACTOR_SUMMARY_PLACEHOLDER, STORY_BODY_PLACEHOLDER, STORY_SUMMARY_PLACEHOLDER,
};

/// What to create.
#[derive(Debug, Clone)]
pub enum NewItem {
    Story {
        title: String,
        /// The id (and file name) to use instead of one made from the title.
        id: Option<String>,
    },
    Actor {
        name: String,
        kind: ActorKind,
        /// The id (and file name) to use instead of one made from the name.
        id: Option<String>,
    },
    Event {
        title: String,
        source: String,
        date: Option<String>,
    },
    Source {
        title: String,
        id: Option<String>,
        url: Option<String>,
        publisher: Option<String>,
        date: Option<String>,
    },
}

/// What `new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// Relative to the site's root.
    pub path: PathBuf,
    /// The item went at the end of an existing file rather than into a new one.
    pub appended: bool,
}

impl std::fmt::Display for Created {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.appended {
            "appended to"
        } else {
            "created"
        };
        write!(f, "{verb} {}", self.path.display())
    }
}

/// Today's date in the editor's time zone.
pub fn today() -> PartialDate {
    let now = jiff::Zoned::now();
    let text = format!("{:04}-{:02}-{:02}", now.year(), now.month(), now.day());
    PartialDate::parse(&text).expect("the clock gives a real calendar date")
}

/// Creates the item and says which file it wrote (relative to the root).
pub fn create(root: &Path, item: &NewItem, today: PartialDate) -> Result<Created> {
    refuse_outside_a_site(root)?;
    match item {
        NewItem::Story { title, id } => {
            let slug = match id {
                Some(id) => checked_id(id, "--id")?,
                None => slug_for(title)?,
            };
            let path = Path::new("content/stories").join(format!("{slug}.md"));
            let text = format!(
                "---\ntitle: {}\ndate: {today}\nsummary: {}\nactors: []\ntags: []\nsources: []\ndraft: true\n---\n\n\
                 {STORY_BODY_PLACEHOLDER} Link actors with `[[actor-id]]`, other stories with \
                 `[[stories/slug]]`, and cite a source after a claim with `[@source-id]`. \
                 Replace the summary above, then remove `draft: true` to publish.\n",
                quoted(title),
                quoted(STORY_SUMMARY_PLACEHOLDER),
            );
            write_new(root, &path, &text)
        }
        NewItem::Actor { name, kind, id } => {
            let id = match id {
                Some(id) => checked_id(id, "--id")?,
                None => slug_for(name)?,
            };
            let path = Path::new("content/actors").join(format!("{id}.md"));
            let kind = serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let text = format!(
                "---\nname: {}\nkind: {kind}\nsummary: {}\naliases: []\nrelations: []\n---\n\nA short profile of {name}.\n",
                quoted(name),
                quoted(ACTOR_SUMMARY_PLACEHOLDER),
            );
            write_new(root, &path, &text)
        }
        NewItem::Event {
            title,
            source,
            date,
        } => add_event(root, title, source, date.as_deref(), today),
        NewItem::Source {
            title,
            id,
            url,
            publisher,
            date,
        } => add_source(
            root,
            title,
            id.as_deref(),
            url.as_deref(),
            publisher.as_deref(),
            date.as_deref(),
        ),
    }
}

/// `new` writes into the site at `root`; without site.yaml there is none, and writing
/// would leave stray folders for an editor to find later. An environment error (exit 2).
fn refuse_outside_a_site(root: &Path) -> Result<()> {
    if root.join(crate::config::CONFIG_FILE).is_file() {
        return Ok(());
    }
    Err(Error::Internal(format!(
        "{} is not a flashpoint site: it has no {}; run `flashpoint new` in the site's folder \
         (the one holding site.yaml) or pass --root DIR; nothing was written",
        shown(root),
        crate::config::CONFIG_FILE
    )))
}

fn shown(root: &Path) -> String {
    if root == Path::new(".") {
        "this folder".to_string()
    } else {
        root.display().to_string()
    }
}

fn add_event(
    root: &Path,
    title: &str,
    source: &str,
    date: Option<&str>,
    today: PartialDate,
) -> Result<Created> {
    let id = slug_for(title)?;
    let path = PathBuf::from(crate::data::DATA_DIR).join("timeline.yaml");
    let date = match date {
        Some(text) => parse_date(text, &path)?,
        None => today,
    };
    let data = load_data(root)?;
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
        // No "did you mean": a near miss is another document, and citing it would be
        // wrong; the way forward is to add the source.
        return Err(invalid(
            Diagnostic::error(
                Location::file(Path::new(crate::data::DATA_DIR).join("sources.yaml")),
                format!("unknown source `{source}`"),
            )
            .with_hint(format!(
                "add it first: flashpoint new source \"Its title\" --id {source} --url URL"
            )),
        ));
    }
    append(
        root,
        &path,
        &format!(
            "- id: {id}\n  date: {date}\n  title: {}\n  actors: []\n  summary: \"\"\n  sources: [{source}]\n  tags: []\n",
            quoted(title)
        ),
    )
}

fn add_source(
    root: &Path,
    title: &str,
    id: Option<&str>,
    url: Option<&str>,
    publisher: Option<&str>,
    date: Option<&str>,
) -> Result<Created> {
    let path = PathBuf::from(crate::data::DATA_DIR).join("sources.yaml");
    let id = match id {
        Some(id) => checked_id(id, "--id")?,
        None => slug_for(title)?,
    };
    let date = date.map(|text| parse_date(text, &path)).transpose()?;
    let data = load_data(root)?;
    if let Some(existing) = data.sources.iter().find(|s| s.id.as_str() == id) {
        return Err(invalid(
            Diagnostic::error(
                existing.at.clone(),
                format!("a source with the id `{id}` already exists"),
            )
            .with_hint("cite the existing source, or choose another id with --id"),
        ));
    }
    let mut entry = format!("- id: {id}\n  title: {}\n", quoted(title));
    if let Some(publisher) = publisher {
        entry.push_str(&format!("  publisher: {}\n", quoted(publisher)));
    }
    if let Some(date) = date {
        entry.push_str(&format!("  date: {date}\n"));
    }
    if let Some(url) = url {
        entry.push_str(&format!("  url: {}\n", quoted(url)));
    }
    append(root, &path, &entry)
}

/// The site's data, refusing to add to files that already have errors (the new entry's
/// id could not be checked against them).
fn load_data(root: &Path) -> Result<crate::data::Data> {
    let mut diagnostics = Diagnostics::default();
    let data = crate::data::load(root, &mut diagnostics)?;
    if diagnostics.has_errors() {
        return Err(Error::Invalid(diagnostics));
    }
    Ok(data)
}

fn parse_date(text: &str, path: &Path) -> Result<PartialDate> {
    PartialDate::parse(text).map_err(|e| {
        invalid(
            Diagnostic::error(Location::file(path), format!("--date: {e}"))
                .with_hint(crate::date::ACCEPTED_DATE_FORMS),
        )
    })
}

/// Adds `entry` at the end of the YAML list in `path`, creating the file (and its
/// folders) if there is none. An empty list written `[]` on a line of its own (as
/// `flashpoint init` leaves each data file) gives way to the entry.
fn append(root: &Path, path: &Path, entry: &str) -> Result<Created> {
    let absolute = root.join(path);
    let existed = absolute.is_file();
    let mut text = if existed {
        String::from_utf8_lossy(&fs::read(&absolute)?).into_owned()
    } else {
        String::new()
    };
    text = without_empty_list(&text);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(entry);
    fs::write(&absolute, text)?;
    Ok(Created {
        path: path.to_path_buf(),
        appended: existed,
    })
}

/// `text` without the line that holds only `[]` (an empty list), when that is the whole
/// list: block entries cannot follow a flow list in one YAML document.
fn without_empty_list(text: &str) -> String {
    let is_empty_list = |line: &str| line.split('#').next().unwrap_or("").trim() == "[]";
    let content: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .collect();
    if content.len() != 1 || !is_empty_list(content[0]) {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .filter(|line| !is_empty_list(line))
        .collect()
}

fn checked_id(id: &str, flag: &str) -> Result<String> {
    match crate::ids::segment_problem(id) {
        None => Ok(id.to_string()),
        Some(problem) => Err(invalid(
            Diagnostic::error(
                Location::file("."),
                format!("{flag} `{id}` cannot be used as an id: {problem}"),
            )
            .with_hint(format!(
                "for example {flag} {}",
                crate::ids::suggested_segment(id)
            )),
        )),
    }
}

/// The id made from a title. Ids are the same in every language's edition and name the
/// files, so they stay lowercase Latin letters, digits and hyphens; a title in another
/// script (Korean, Persian) would only give a transliteration no reader of the language
/// recognizes, so its id is asked for instead (`--id`).
fn slug_for(title: &str) -> Result<String> {
    if title.chars().any(|c| c.is_alphabetic() && c > '\u{024f}') {
        return Err(invalid(
            Diagnostic::error(
                Location::file("."),
                format!("`{title}` is not written in Latin letters, so no readable id can be made from it"),
            )
            .with_hint("give the id with --id, in lowercase letters, digits and hyphens, e.g. --id yeonpyeong-shelling"),
        ));
    }
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

fn write_new(root: &Path, path: &Path, text: &str) -> Result<Created> {
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
    Ok(Created {
        path: path.to_path_buf(),
        appended: false,
    })
}

fn invalid(diagnostic: Diagnostic) -> Error {
    let mut all = Diagnostics::default();
    all.push(diagnostic);
    Error::Invalid(all)
}
