//! `flashpoint init [DIR]`: a new site that checks clean and builds at once, with the
//! built-in theme, every setting of site.yaml explained, and a commented example in each
//! data file. It never overwrites a file.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs;

/// What `init` made, for the message it prints.
#[derive(Debug)]
pub struct InitReport {
    /// The site's folder, as given.
    pub root: PathBuf,
    /// Files and folders created, relative to the root, in the order made.
    pub created: Vec<PathBuf>,
    /// Files that were there already and were left as they were (with `--force`).
    pub kept: Vec<PathBuf>,
}

/// Makes a new site in `root`, which must be missing or empty (dotfiles such as `.git`
/// do not count) unless `force`; even then no existing file is changed.
pub fn init(root: &Path, force: bool) -> Result<InitReport> {
    if root.exists() && !root.is_dir() {
        return Err(Error::Internal(format!(
            "{} is a file, not a folder; give flashpoint init a new or empty folder",
            root.display()
        )));
    }
    if !force {
        let visible = visible_entries(root)?;
        if !visible.is_empty() {
            return Err(Error::Internal(format!(
                "{} is not empty (it holds {}); flashpoint init makes a site in a new or empty folder. \
                 Give another folder, or add --force to add the site's files here (no existing file is changed)",
                root.display(),
                visible.join(", ")
            )));
        }
    }
    fs::create_dir_all(root)?;
    let mut report = InitReport {
        root: root.to_path_buf(),
        created: Vec::new(),
        kept: Vec::new(),
    };
    let title = title_for(root);
    let files: [(&str, String); 7] = [
        ("site.yaml", site_yaml(&title)),
        ("content/_index.md", home_page(&title)),
        ("content/data/timeline.yaml", TIMELINE.to_string()),
        ("content/data/forces.yaml", FORCES.to_string()),
        ("content/data/quotes.yaml", QUOTES.to_string()),
        ("content/data/sources.yaml", SOURCES.to_string()),
        (".gitignore", GITIGNORE.to_string()),
    ];
    for folder in [
        "content/stories",
        "content/actors",
        "content/pages",
        "content/data",
    ] {
        let path = root.join(folder);
        if !path.is_dir() {
            fs::create_dir_all(&path)?;
            report.created.push(PathBuf::from(format!("{folder}/")));
        }
    }
    for (name, text) in files {
        if write_new(&root.join(name), text.as_bytes())? {
            report.created.push(PathBuf::from(name));
        } else {
            report.kept.push(PathBuf::from(name));
        }
    }
    Ok(report)
}

impl fmt::Display for InitReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "created a new site in {}:", self.root.display())?;
        for path in &self.created {
            writeln!(f, "  {}", path.display())?;
        }
        if !self.kept.is_empty() {
            writeln!(f, "left as they were (already there):")?;
            for path in &self.kept {
                writeln!(f, "  {}", path.display())?;
            }
        }
        writeln!(f)?;
        writeln!(f, "next:")?;
        if self.root != Path::new(".") {
            writeln!(f, "  cd {}", self.root.display())?;
        }
        writeln!(
            f,
            "  edit site.yaml (title, base_url) and content/_index.md"
        )?;
        writeln!(f, "  flashpoint new actor \"Name of an actor\"")?;
        writeln!(f, "  flashpoint new story \"Title of a story\"")?;
        writeln!(
            f,
            "  flashpoint serve      (preview at http://127.0.0.1:1111)"
        )?;
        write!(f, "  flashpoint build      (the site, into public/)")
    }
}

/// Names in `root` that are not dotfiles; none when it does not exist.
fn visible_entries(root: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                action: "cannot list",
                path: root.to_path_buf(),
                source,
            });
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            action: "cannot list",
            path: root.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Writes a file that does not exist yet; false, and nothing written, when it does.
fn write_new(path: &Path, contents: &[u8]) -> Result<bool> {
    let io_error = |source| Error::Io {
        action: "cannot create",
        path: path.to_path_buf(),
        source,
    };
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(io_error(e)),
    };
    file.write_all(contents).map_err(io_error)?;
    Ok(true)
}

/// The site's first title, from its folder's name: `gulf-crisis` gives "Gulf crisis".
fn title_for(root: &Path) -> String {
    let name = std::path::absolute(root)
        .ok()
        .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) if first.is_alphanumeric() => first.to_uppercase().chain(chars).collect(),
        _ => "A new explainer".to_string(),
    }
}

/// A YAML scalar holding `text` exactly (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

fn site_yaml(title: &str) -> String {
    format!(
        r#"# The settings of this explainer. Lines starting with # are comments.

# The site's name, shown on every page and in the feed.
title: {title}
# The address the site will be published at, ending with /; links, the feed and the
# sitemap are made from it. `flashpoint build --base-url` overrides it for one build.
base_url: "https://example.org/"
# The language of the site's text, as a language tag: en, fr, pt-BR, ...
language: en

# Every other setting, shown with its default. Remove the # to change one.

# One or two sentences about the site, for search engines and link previews.
# description: ""

# The theme: the built-in `default`, or a folder under themes/ (`flashpoint theme eject`
# writes the built-in one to themes/default/ for customising).
# theme: default

# Who wrote and who publishes the site, and its copyright line (no default: left out).
# author: "Name"
# publisher: "Newsroom"
# copyright: "2026 Newsroom"

# How an event, quote or force figure without a source is reported: error or warning.
# unsourced_claims: error

# What the search index holds: full (every word), summaries (titles, summaries,
# headings, events, quotes) or off (no index and no search page).
# search: full

# HTML written in Markdown passes through (true, with a warning) or is shown as text.
# markdown:
#   raw_html: true
"#,
        title = quoted(title)
    )
}

fn home_page(title: &str) -> String {
    format!(
        r#"---
# The home page: its title, a one-sentence summary, and the text below.
title: {title}
summary: {summary}
---

This explainer follows a conflict through its actors, its events and the sources that
report them. Read the stories below, or start from the timeline and the actors' pages.
"#,
        title = quoted(title),
        summary = quoted("Who is involved, what happened, and what each claim rests on."),
    )
}

const TIMELINE: &str = r#"# The timeline: one entry per event, each reported by at least one source in sources.yaml.
# Replace [] below with entries like this one (remove the # signs):
#
# - id: talks-collapse
#   date: 2024-03-05          # YYYY, YYYY-MM or YYYY-MM-DD
#   title: "Ceasefire talks collapse"
#   actors: [first-actor, second-actor]   # ids of files in content/actors/
#   summary: "Talks between [[first-actor]] and [[second-actor]] end without a deal."
#   sources: [news-agency-2024-talks]     # ids from sources.yaml
#   tags: [diplomacy]
[]
"#;

const FORCES: &str = r#"# Force figures: one number about one actor at one date, from a source.
# Replace [] below with entries like this one (remove the # signs):
#
# - actor: first-actor        # the id of a file in content/actors/
#   measure: active troops
#   value: 12000
#   unit: personnel
#   as_of: 2024-01
#   source: news-agency-2024-talks   # an id from sources.yaml
#   note: "estimate"              # optional
[]
"#;

const QUOTES: &str = r#"# Quotes: what an actor said, where and when, from a source.
# Replace [] below with entries like this one (remove the # signs):
#
# - id: no-return-to-talks
#   speaker: first-actor      # the id of a file in content/actors/, or a person who is not one:
#   # speaker: { name: "Jane Doe", role: "spokeswoman", actor: first-actor }   # role, actor optional
#   text: "There will be no return to talks"
#   date: 2024-03-06          # optional
#   context: "Said at a press conference after the talks collapsed."   # optional
#   source: news-agency-2024-talks    # an id from sources.yaml
#   via: "A newspaper"        # optional: who relayed it, as a name ("Via" is written before it)
[]
"#;

const SOURCES: &str = r#"# Sources: the documents every event, quote and figure rests on.
# Replace [] below with entries like this one (remove the # signs):
#
# - id: news-agency-2024-talks
#   title: "Report on the collapse of the ceasefire talks"
#   publisher: "A news agency"
#   url: "https://news.example.com/2024/talks"   # optional
#   date: 2024-03-05                     # optional: YYYY, YYYY-MM or YYYY-MM-DD
#   archive_url: "https://web.archive.org/web/2024/https://news.example.com/2024/talks"   # optional: a saved copy
#   accessed: 2024-03-06                 # optional: when you last read it at its url
[]
"#;

const GITIGNORE: &str = "# What flashpoint makes: the built site, its cache, and the folders of a build under way.\npublic/\n.flashpoint-cache/\n.public.*\n";
