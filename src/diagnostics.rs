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

/// One finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: Some(location),
            hint: None,
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

    /// Findings in a stable order: by file, line and column, then message.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
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

/// The closest candidate to a mistyped name, if one is close enough to be a likely typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(wanted, candidate),
                candidate,
            )
        })
        .filter(|(score, candidate)| {
            // Long names may differ in a few places; short ones by one edit at most.
            *score >= 0.6
                || (wanted.len() >= 2 && strsim::damerau_levenshtein(wanted, candidate) == 1)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
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
        assert_eq!(closest("s2", ["s1", "x9"]), Some("s1"));
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
