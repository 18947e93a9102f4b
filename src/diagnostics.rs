//! Findings about a site's input, each pinned to a file, line and column.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A 1-based position in one of the site's files; the path is relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: u32, column: u32) -> Self {
        Location {
            path: path.into(),
            line: line.max(1),
            column: column.max(1),
        }
    }

    /// The start of a file, for findings about the file as a whole.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location::new(path, 1, 1)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Whether a finding is a mistake in itself or follows from one: an unknown id can be the
/// consequence of a record that was dropped for a bad field. Findings are listed root
/// causes first, so that the mistake to fix first is the first one read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    /// A file that cannot be read, a YAML mistake, a bad or missing field.
    #[default]
    Root,
    /// A reference to something that does not exist, checked once every record is read.
    Reference,
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
    /// Only for ordering; the JSON report shows findings in this order instead.
    #[serde(skip)]
    pub rank: Rank,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: Some(location),
            hint: None,
            rank: Rank::Root,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Marks a finding as one that can follow from a root cause elsewhere (see [`Rank`]).
    pub fn as_reference(mut self) -> Self {
        self.rank = Rank::Reference;
        self
    }

    pub fn with_optional_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Every finding of one run, so that editors see all their mistakes at once.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Every finding as an error, for `check --strict`.
    pub fn promoted_to_errors(mut self) -> Self {
        for item in &mut self.items {
            item.severity = Severity::Error;
        }
        self
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Findings in the order an editor should read them: root causes (unreadable files,
    /// YAML and field mistakes) first, then references to unknown ids, then warnings;
    /// within each, by file, line and column, then message. The terminal, `check --format
    /// json` and serve's overlay all show this order.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (a.severity, a.rank, &a.location, &a.message).cmp(&(
                b.severity,
                b.rank,
                &b.location,
                &b.message,
            ))
        });
        self.items.dedup();
        self
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// How many distinct files the findings touch.
    pub fn file_count(&self) -> usize {
        let mut paths: Vec<&Path> = self
            .items
            .iter()
            .filter_map(|d| d.location.as_ref().map(|l| l.path.as_path()))
            .collect();
        paths.sort();
        paths.dedup();
        paths.len()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The most edits (insertions, deletions, substitutions, swaps of neighbours) a typo may
/// hold; beyond this a "did you mean" names a different thing, not a misspelling.
const MAX_TYPO_EDITS: usize = 2;

/// The closest candidate to a mistyped name, if one is close enough to be a likely typo:
/// at most two edits away, and at most one edit per three characters of the name, so
/// that short names are only matched to near twins (`s2` is not a typo of `s1`).
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wanted.chars().count();
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(wanted, candidate), candidate))
        .filter(|&(edits, _)| edits > 0 && edits <= MAX_TYPO_EDITS && edits * 3 <= length)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?", or nothing.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wanted, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_a_typo_and_ignores_strangers() {
        let ids = ["north-korea", "south-korea", "united-states"];
        assert_eq!(closest("north-kroea", ids), Some("north-korea"));
        assert_eq!(closest("iran", ids), None);
        assert_eq!(closest("alpah", ["alpha", "beta"]), Some("alpha"));
    }

    #[test]
    fn closest_refuses_names_more_than_a_small_typo_apart() {
        // One edit in two characters, three edits in eight: different names.
        assert_eq!(closest("s2", ["s1", "x9"]), None);
        assert_eq!(closest("reuters1", ["afp-2013"]), None);
        assert_eq!(closest("report-a", ["report-bcd"]), None);
        assert_eq!(
            closest("unitedstates", ["united-states"]),
            Some("united-states")
        );
    }

    #[test]
    fn root_causes_come_before_references_and_warnings_wherever_they_are() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::warning(Location::new("a.md", 1, 1), "warn"));
        all.push(Diagnostic::error(Location::new("a.md", 2, 1), "unknown").as_reference());
        all.push(Diagnostic::error(
            Location::new("z.yaml", 9, 1),
            "bad field",
        ));
        let order: Vec<String> = all.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(order, ["bad field", "unknown", "warn"]);
    }

    #[test]
    fn diagnostics_sort_by_place() {
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error(Location::new("b.md", 1, 1), "b"));
        all.push(Diagnostic::error(Location::new("a.md", 9, 1), "a9"));
        all.push(Diagnostic::error(Location::new("a.md", 2, 5), "a2"));
        let order: Vec<String> = all.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(order, ["a2", "a9", "b"]);
    }
}
