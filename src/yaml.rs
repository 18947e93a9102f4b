//! All YAML parsing goes through here (serde-saphyr), so that every parse error and
//! every spanned value comes out with a position in the file it was written in.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::date::ACCEPTED_DATE_FORMS;
use crate::diagnostics::{Diagnostic, Location, did_you_mean};
use crate::ids::Ref;

pub(crate) use serde_saphyr::Spanned;

mod plain_errors;

/// A YAML text and where it sits: front matter starts a line or more into its file.
pub(crate) struct YamlSource<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// Lines of the file before the YAML's first line.
    pub line_offset: u32,
}

impl YamlSource<'_> {
    /// The file position of a parser position.
    pub fn locate(&self, position: &serde_saphyr::Location) -> Location {
        Location::new(
            self.path,
            position.line() as u32 + self.line_offset,
            position.column() as u32,
        )
    }

    /// Where a spanned value was written.
    pub fn location_of<T>(&self, value: &Spanned<T>) -> Location {
        self.locate(&value.referenced)
    }

    /// An id reference with the place it was written.
    pub fn reference<T>(&self, value: &Spanned<String>, make: impl Fn(&str) -> T) -> Ref<T> {
        Ref {
            id: make(value.value.trim()),
            at: self.location_of(value),
        }
    }

    pub fn references<T>(
        &self,
        values: &[Spanned<String>],
        make: impl Fn(&str) -> T,
    ) -> Vec<Ref<T>> {
        values
            .iter()
            .map(|value| self.reference(value, &make))
            .collect()
    }

    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        self.parse_within(budget_for(self.text.len()))
    }

    /// Parses under a given budget: a part of a file parsed on its own gets its share
    /// of the file's budget (see [`share_of`]).
    pub fn parse_within<T: DeserializeOwned>(
        &self,
        budget: serde_saphyr::Budget,
    ) -> Result<T, Diagnostic> {
        serde_saphyr::from_str_with_options(self.text, options_within(budget.clone())).map_err(
            |error| match self.syntax_error_behind(&error, budget) {
                Some(diagnostic) => diagnostic,
                None => self.diagnostic(&error),
            },
        )
    }

    /// A typed parse stops at the first value it cannot use, which can be a line above
    /// the real mistake (a key indented too far makes the value above it "not a date").
    /// Reading the text again without types finds any syntax error behind it, which is
    /// then reported in plain words at the line where it is written.
    fn syntax_error_behind(
        &self,
        typed: &serde_saphyr::Error,
        budget: serde_saphyr::Budget,
    ) -> Option<Diagnostic> {
        if matches!(typed.without_snippet(), serde_saphyr::Error::Budget { .. }) {
            return None;
        }
        let syntax = serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(
            self.text,
            options_within(budget),
        )
        .err()?;
        if matches!(syntax.without_snippet(), serde_saphyr::Error::Budget { .. }) {
            return None;
        }
        let position = syntax.location()?;
        let raw = bare_message(&syntax.without_snippet().to_string());
        let Some(plain) = plain_errors::explain(
            self.text,
            &raw,
            position.line() as usize,
            position.column() as usize,
        ) else {
            return Some(self.diagnostic(&syntax));
        };
        let location = Location::new(
            self.path,
            plain.line as u32 + self.line_offset,
            plain.column as u32,
        );
        Some(Diagnostic::error(location, plain.message).with_hint(plain.hint))
    }

    fn diagnostic(&self, error: &serde_saphyr::Error) -> Diagnostic {
        let location = match error.location() {
            Some(position) if position.line() > 0 => self.locate(&position),
            _ => Location::new(self.path, self.line_offset + 1, 1),
        };
        if let serde_saphyr::Error::Budget { breach, .. } = error.without_snippet() {
            let (message, hint) = budget_message(breach);
            return Diagnostic::error(location, message).with_hint(hint);
        }
        let message = bare_message(&error.without_snippet().to_string());
        if let Some(key) = duplicate_key(&message) {
            return Diagnostic::error(location, format!("the field `{key}` is written twice here"))
                .with_hint(format!("keep one `{key}:` line and delete the other"));
        }
        let hint = hint_for(&message);
        Diagnostic::error(location, message).with_optional_hint(hint)
    }
}

fn options_within(budget: serde_saphyr::Budget) -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// The budget for one whole YAML text of `len` bytes.
///
/// The parser's default budget (250,000 nodes) would reject a 30,000-event timeline;
/// a node takes at least two bytes, so scaling with the input keeps the protection
/// against alias bombs (limited separately) without capping honest large files.
pub(crate) fn budget_for(len: usize) -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget
}

/// The share of a file's budget that a part of `part_len` of its `whole_len` bytes gets,
/// so that the parts of one file parsed in parallel together never spend more than the
/// file's one budget: every count the budget caps (aliases, anchors, copies of anchored
/// values, nodes, events, scalar bytes, merge keys) is cut in proportion, rounded down.
/// An honest part stays well within its share (its nodes and events are bounded by its
/// bytes); a part that exceeds it makes the caller parse the whole file at once, under
/// the whole budget, so errors are those of one parse.
pub(crate) fn share_of(
    budget: &serde_saphyr::Budget,
    part_len: usize,
    whole_len: usize,
) -> serde_saphyr::Budget {
    let share = |limit: usize| {
        if whole_len == 0 {
            return limit;
        }
        ((limit as u128 * part_len as u128) / whole_len as u128) as usize
    };
    let mut part = budget.clone();
    part.max_aliases = share(budget.max_aliases);
    part.max_anchors = share(budget.max_anchors);
    part.max_recorded_anchor_events = share(budget.max_recorded_anchor_events);
    part.max_recorded_anchor_bytes = share(budget.max_recorded_anchor_bytes);
    part.max_nodes = share(budget.max_nodes);
    part.max_events = share(budget.max_events);
    part.max_total_scalar_bytes = share(budget.max_total_scalar_bytes);
    part.max_merge_keys = share(budget.max_merge_keys);
    // The fewest aliases at which the ratio of aliases to anchors is checked: cut too,
    // but never to zero, where a part with no alias and no anchor would count as
    // breaching the ratio (and every build would parse the whole file again, alone).
    part.alias_anchor_min_aliases = share(budget.alias_anchor_min_aliases).max(1);
    part
}

/// What a breached parser budget means for an editor, and what to do about it; never
/// the parser's internal names.
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> (String, String) {
    use serde_saphyr::budget::BudgetBreach as B;
    const REPEAT: &str = "write the repeated values out, or use fewer aliases (`*name`): \
        aliases are limited so that a small file cannot expand into gigabytes";
    let (message, hint) = match breach {
        B::Aliases { aliases } => (
            format!("this file uses too many aliases (`*name`): {aliases}"),
            REPEAT,
        ),
        B::AliasAnchorRatio { aliases, anchors } => (
            format!(
                "this file repeats its anchored values too often: {aliases} aliases (`*name`) \
                 of {anchors} anchor(s) (`&name`), more than ten uses per anchor over the whole file"
            ),
            REPEAT,
        ),
        B::RecordedAnchorEvents { .. } | B::RecordedAnchorBytes { .. } => (
            "the values repeated through anchors (`&name`) and aliases (`*name`) grow too large"
                .to_string(),
            REPEAT,
        ),
        B::Anchors { anchors } => (
            format!("this file defines too many anchors (`&name`): {anchors}"),
            "remove the anchors that nothing refers to",
        ),
        B::Depth { depth } => (
            format!("the values in this file are nested too deeply ({depth} levels)"),
            "flatten the nesting: a data file needs only a few levels",
        ),
        B::MergeKeys { merge_keys } => (
            format!("this file uses too many merge keys (`<<`): {merge_keys}"),
            REPEAT,
        ),
        B::Documents { documents } => (
            format!("this file holds too many YAML documents (`---` separators): {documents}"),
            "keep one document per file",
        ),
        _ => (
            "this file is too large for the YAML reader's safety limits at this point".to_string(),
            "split the file, or write repeated values out instead of using aliases",
        ),
    };
    (message, hint.to_string())
}

/// serde-saphyr appends " at line L, column C"; we print the position ourselves.
fn bare_message(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(cut) => &message[..cut],
        None => message,
    };
    message
        .strip_prefix("error: ")
        .unwrap_or(message)
        .to_string()
}

/// The key of the parser's "duplicate mapping key: KEY, set DuplicateKeyPolicy…" message,
/// whose second half speaks to programmers, not editors.
fn duplicate_key(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("duplicate mapping key: ")?;
    Some(
        rest.split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest)
            .trim(),
    )
}

fn hint_for(message: &str) -> Option<String> {
    if let Some(hint) = nearest_listed_name(message, "unknown field `", "known fields") {
        return Some(hint);
    }
    if let Some(hint) = nearest_listed_name(message, "unknown variant `", "use one of") {
        return Some(hint);
    }
    if message.contains("invalid boolean") {
        return Some("write true or false".to_string());
    }
    if message.starts_with("invalid u")
        || message.starts_with("invalid i")
        || message.starts_with("invalid f")
    {
        return Some("write a number, without quotes or units".to_string());
    }
    if message.contains("missing field") {
        return Some("add the field to this block".to_string());
    }
    if message.contains("is not a date")
        || message.contains("does not exist")
        || message.contains("has no month")
    {
        return Some(ACCEPTED_DATE_FORMS.to_string());
    }
    None
}

/// For serde's "unknown X `name`, expected one of a, b, c": the nearest of the listed
/// names, or the whole list when none is close.
fn nearest_listed_name(message: &str, prefix: &str, list_label: &str) -> Option<String> {
    let (name, rest) = message.strip_prefix(prefix)?.split_once('`')?;
    let listed = rest
        .split_once("expected one of ")
        .map_or("", |(_, list)| list);
    let known: Vec<&str> = listed
        .split([',', ' ', '`'])
        .filter(|s| !s.is_empty())
        .collect();
    did_you_mean(name, known.iter().copied())
        .or_else(|| Some(format!("{list_label}: {}", known.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        summary: Option<String>,
    }

    fn parse_at(text: &str, line_offset: u32) -> Result<Sample, Diagnostic> {
        YamlSource {
            path: Path::new("x.md"),
            text,
            line_offset,
        }
        .parse()
    }

    #[test]
    fn unknown_field_names_the_nearest_known_field() {
        let error = parse_at("title: a\nsumary: b\n", 1).unwrap_err();
        assert_eq!(error.location, Some(Location::new("x.md", 3, 1)));
        assert!(
            error.message.starts_with("unknown field `sumary`"),
            "{}",
            error.message
        );
        assert_eq!(error.hint.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn the_shares_of_a_files_parts_never_add_up_to_more_than_its_budget() {
        let whole = budget_for(1_000_003);
        let parts = [131_072, 262_145, 606_786];
        let shares: Vec<_> = parts
            .iter()
            .map(|&len| share_of(&whole, len, 1_000_003))
            .collect();
        let sum = |f: fn(&serde_saphyr::Budget) -> usize| shares.iter().map(f).sum::<usize>();
        assert!(sum(|b| b.max_aliases) <= whole.max_aliases);
        assert!(sum(|b| b.max_anchors) <= whole.max_anchors);
        assert!(sum(|b| b.max_recorded_anchor_events) <= whole.max_recorded_anchor_events);
        assert!(sum(|b| b.max_recorded_anchor_bytes) <= whole.max_recorded_anchor_bytes);
        assert!(sum(|b| b.max_nodes) <= whole.max_nodes);
        assert!(sum(|b| b.max_events) <= whole.max_events);
        // An honest part still has room for a node every two bytes.
        assert!(
            shares
                .iter()
                .zip(parts)
                .all(|(b, len)| b.max_nodes >= len / 2)
        );
    }

    #[test]
    fn a_tiny_part_without_aliases_is_within_its_share_of_a_large_file() {
        let whole = budget_for(10_000_000);
        let share = share_of(&whole, 40, 10_000_000);
        let part = YamlSource {
            path: Path::new("t.yaml"),
            text: "- id: a\n  note: b\n",
            line_offset: 0,
        };
        let parsed = part.parse_within::<Vec<serde::de::IgnoredAny>>(share);
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn a_budget_breach_is_told_in_plain_words_at_its_line() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Tags {
            tags: Vec<String>,
        }
        let aliases = vec!["*t"; 100].join(", ");
        let text = format!("# tags\ntags: [&t war, {aliases}]\n");
        let error = YamlSource {
            path: Path::new("t.yaml"),
            text: &text,
            line_offset: 0,
        }
        .parse::<Tags>()
        .unwrap_err();
        // The ratio is known once the whole text is read: the breach is at its end.
        assert_eq!(error.location.as_ref().map(|l| l.line), Some(3));
        assert!(
            error
                .message
                .starts_with("this file repeats its anchored values too often"),
            "{}",
            error.message
        );
        assert!(!error.message.contains('{'), "{}", error.message);
    }

    #[test]
    fn messages_carry_no_duplicate_position() {
        let error = parse_at("summary: b\n", 0).unwrap_err();
        assert_eq!(error.message, "missing field `title`");
    }
}
