//! Reading `content/data/`: the timeline, force figures, quotes and sources.
//! Each file is a YAML list; a missing file is an empty list.

mod forces;
mod localized;
mod places;
mod quotes;
mod sources;
mod timeline;

use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub use crate::dropped::{Dropped, DroppedIds};
pub use forces::{ForceFigure, format_number, unit_for};
pub use localized::Translations;
pub use places::Place;
pub use quotes::{Person, Quote, Speaker};
pub use sources::Source;
pub use timeline::TimelineEvent;

use crate::content::source_file;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::yaml::YamlSource;

pub const DATA_DIR: &str = "content/data";

#[derive(Debug, Default, Clone)]
pub struct Data {
    pub events: Vec<TimelineEvent>,
    pub forces: Vec<ForceFigure>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<Source>,
    pub places: Vec<Place>,
    /// Records written but not read because of a mistake already reported.
    pub dropped: Dropped,
}

pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Result<Data> {
    let mut dropped = Dropped::default();
    Ok(Data {
        events: load_list(
            root,
            "timeline.yaml",
            diagnostics,
            &mut dropped.events,
            timeline::from_raw,
        )?,
        forces: load_list(
            root,
            "forces.yaml",
            diagnostics,
            &mut dropped.figures,
            forces::from_raw,
        )?,
        quotes: load_list(
            root,
            "quotes.yaml",
            diagnostics,
            &mut dropped.quotes,
            quotes::from_raw,
        )?,
        sources: load_list(
            root,
            "sources.yaml",
            diagnostics,
            &mut dropped.sources,
            sources::from_raw,
        )?,
        places: load_list(
            root,
            "places.yaml",
            diagnostics,
            &mut dropped.places,
            places::from_raw,
        )?,
        dropped,
    })
}

/// A record as written in a data file, before it is checked.
pub(crate) trait RawRecord: DeserializeOwned + Send {
    /// Its `id:`, for records that others refer to by id.
    fn record_id(&self) -> Option<&str>;
}

/// Just the `id:` of a record whose other fields could not be read.
#[derive(serde::Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<String>,
}

fn load_list<R: RawRecord, T>(
    root: &Path,
    file_name: &str,
    diagnostics: &mut Diagnostics,
    dropped: &mut DroppedIds,
    convert: impl Fn(R, &YamlSource<'_>, &mut Diagnostics) -> Option<T>,
) -> Result<Vec<T>> {
    let relative = Path::new(DATA_DIR).join(file_name);
    if !root.join(&relative).is_file() {
        return Ok(Vec::new());
    }
    let file = match source_file::read(root, &relative)? {
        Ok(file) => file,
        Err(problem) if problem.message.contains("empty") => return Ok(Vec::new()),
        Err(problem) => {
            diagnostics.push(problem);
            dropped.whole_file = true;
            return Ok(Vec::new());
        }
    };
    let yaml = YamlSource {
        path: &file.path,
        text: &file.text,
        line_offset: 0,
    };
    Ok(read_list(&yaml, diagnostics, dropped, convert))
}

/// The records of one data file's text: each good one converted, each bad one reported
/// once and its id kept in `dropped`.
fn read_list<R: RawRecord, T>(
    yaml: &YamlSource<'_>,
    diagnostics: &mut Diagnostics,
    dropped: &mut DroppedIds,
    convert: impl Fn(R, &YamlSource<'_>, &mut Diagnostics) -> Option<T>,
) -> Vec<T> {
    let parts = match parse_list::<R>(yaml) {
        Ok(parts) => parts
            .into_iter()
            .map(|(part, raw)| (part, Ok(raw)))
            .collect(),
        Err(problem) => match parse_items::<R>(yaml, &problem) {
            Some(items) => items,
            None => {
                diagnostics.push(problem);
                dropped.whole_file = true;
                return Vec::new();
            }
        },
    };
    let mut items = Vec::new();
    for (part, parsed) in parts {
        match parsed {
            Ok(raw) => {
                for record in raw {
                    let id = record.record_id().map(str::to_string);
                    match convert(record, &part, diagnostics) {
                        Some(item) => items.push(item),
                        None => dropped.record(id.as_deref()),
                    }
                }
            }
            Err((problem, id)) => {
                diagnostics.push(problem);
                dropped.record(id.as_deref());
            }
        }
    }
    items
}

/// One top-level item of a list, parsed on its own: its records, or its mistake and the
/// `id:` it was written with.
type ItemResult<R> = std::result::Result<Vec<R>, (Diagnostic, Option<String>)>;

/// After a list failed to parse as a whole, parses it item by item, so that one record's
/// bad field drops that record only. Only for a list that is well-formed YAML written in
/// block style (`- ` at the start of a line): a syntax mistake, or a list written
/// otherwise, stays one error for the file (None). If parsing item by item does not find
/// the whole parse's first error where it was, or an item uses an alias to another
/// item's anchor, the whole parse's error is kept (None).
///
/// The budget: the whole text is first read once under the file's one budget (as YAML
/// only, into nothing), so its aliases are known not to expand beyond it; each item is a
/// piece of that text and spends no more than the whole did, so each is read under the
/// same budget (a share would be too small for the alias-ratio check of a tiny item).
fn parse_items<'a, R: RawRecord>(
    yaml: &YamlSource<'a>,
    whole_problem: &Diagnostic,
) -> Option<Vec<(YamlSource<'a>, ItemResult<R>)>> {
    yaml.parse::<Vec<serde::de::IgnoredAny>>().ok()?;
    let items = list_items(yaml);
    if items.len() < 2 {
        return None;
    }
    let budget = crate::yaml::budget_for(yaml.text.len());
    let parse_one = |item: &YamlSource<'a>| -> ItemResult<R> {
        item.parse_within::<Vec<R>>(budget.clone())
            .map_err(|problem| {
                let id = item
                    .parse_within::<Vec<IdOnly>>(budget.clone())
                    .ok()
                    .and_then(|records| records.into_iter().next())
                    .and_then(|record| record.id);
                (problem, id)
            })
    };
    // Items are read in batches, and one by one only within a batch that fails: a
    // long list with one bad record costs about one more parse, not one per item.
    let parsed: Vec<(YamlSource<'a>, ItemResult<R>)> = batches(yaml, &items)
        .par_iter()
        .with_max_len(1)
        .flat_map_iter(
            |(batch, members)| match batch.parse_within::<Vec<R>>(budget.clone()) {
                Ok(records) => vec![(copy_of(batch), Ok(records))],
                Err(_) => members
                    .iter()
                    .map(|item| (copy_of(item), parse_one(item)))
                    .collect(),
            },
        )
        .collect();
    let found_where_it_was = parsed.iter().any(|(_, result)| {
        matches!(result, Err((problem, _)) if problem.location == whole_problem.location
            && problem.message == whole_problem.message)
    });
    // An item read alone cannot see the anchors (`&name`) of the items before it.
    let lost_anchor = parsed.iter().any(|(_, result)| {
        matches!(result, Err((problem, _)) if problem.message.contains("unknown anchor"))
    });
    (found_where_it_was && !lost_anchor).then_some(parsed)
}

/// The same text and place (`YamlSource` is a handful of references and a number).
fn copy_of<'a>(yaml: &YamlSource<'a>) -> YamlSource<'a> {
    YamlSource {
        path: yaml.path,
        text: yaml.text,
        line_offset: yaml.line_offset,
    }
}

/// Items per batch in [`parse_items`]: about this many bytes.
const BATCH_BYTES: usize = 16 * 1024;

/// Consecutive items grouped into batches of about [`BATCH_BYTES`], each with its text.
fn batches<'a, 'i>(
    yaml: &YamlSource<'a>,
    items: &'i [YamlSource<'a>],
) -> Vec<(YamlSource<'a>, &'i [YamlSource<'a>])> {
    let offset_of =
        |item: &YamlSource<'a>| item.text.as_ptr() as usize - yaml.text.as_ptr() as usize;
    let mut batches = Vec::new();
    let mut first = 0;
    while first < items.len() {
        let mut last = first;
        let mut bytes = items[first].text.len();
        while last + 1 < items.len() && bytes < BATCH_BYTES {
            last += 1;
            bytes += items[last].text.len();
        }
        let start = offset_of(&items[first]);
        let end = offset_of(&items[last]) + items[last].text.len();
        batches.push((
            YamlSource {
                path: yaml.path,
                text: &yaml.text[start..end],
                line_offset: items[first].line_offset,
            },
            &items[first..=last],
        ));
        first = last + 1;
    }
    batches
}

/// The text cut before every top-level list item (`- ` at the start of a line); what
/// comes before the first item (comments) goes with it.
fn list_items<'a>(yaml: &YamlSource<'a>) -> Vec<YamlSource<'a>> {
    let text = yaml.text;
    let mut items = Vec::new();
    let (mut start, mut start_line) = (0, yaml.line_offset);
    let mut seen_item = false;
    let mut offset = 0;
    for (line, piece) in (yaml.line_offset..).zip(text.split_inclusive('\n')) {
        let item_start = piece.starts_with("- ") || piece.trim_end() == "-";
        if item_start {
            if seen_item {
                items.push(YamlSource {
                    path: yaml.path,
                    text: &text[start..offset],
                    line_offset: start_line,
                });
                (start, start_line) = (offset, line);
            }
            seen_item = true;
        }
        offset += piece.len();
    }
    if seen_item {
        items.push(YamlSource {
            path: yaml.path,
            text: &text[start..],
            line_offset: start_line,
        });
    }
    items
}

/// Lists larger than this are parsed in parts, in parallel.
const PART_BYTES: usize = 128 * 1024;

/// Parses a YAML list. A long one is cut before top-level items (`- ` at the start of a
/// line) into parts parsed in parallel, each knowing its first line and holding its share
/// of the file's one parser budget, so that aliases spread over many parts cannot together
/// expand beyond what one parse of the file allows; if any part fails (an alias to an
/// anchor in another part, or a part over its share), the whole text is parsed as one, so
/// errors are exactly those of a plain parse.
fn parse_list<'a, R: DeserializeOwned + Send>(
    yaml: &YamlSource<'a>,
) -> std::result::Result<Vec<(YamlSource<'a>, Vec<R>)>, crate::diagnostics::Diagnostic> {
    let whole = |yaml: &YamlSource<'a>| {
        yaml.parse::<Vec<R>>().map(|raw| {
            vec![(
                YamlSource {
                    path: yaml.path,
                    text: yaml.text,
                    line_offset: yaml.line_offset,
                },
                raw,
            )]
        })
    };
    let parts = list_parts(yaml);
    if parts.len() < 2 {
        return whole(yaml);
    }
    let budget = crate::yaml::budget_for(yaml.text.len());
    // One part to a task: the stories load beside this list, so the thread that reads
    // it must be able to hand any part not yet started to the other threads once they
    // are free, not keep a run of parts to itself.
    let parsed: Vec<Option<Vec<R>>> = parts
        .par_iter()
        .with_max_len(1)
        .map(|part| {
            let share = crate::yaml::share_of(&budget, part.text.len(), yaml.text.len());
            part.parse_within::<Vec<R>>(share).ok()
        })
        .collect();
    if parsed.iter().any(Option::is_none) {
        return whole(yaml);
    }
    Ok(parts
        .into_iter()
        .zip(parsed.into_iter().flatten())
        .collect())
}

/// The text cut into parts of about [`PART_BYTES`] at top-level list items.
fn list_parts<'a>(yaml: &YamlSource<'a>) -> Vec<YamlSource<'a>> {
    let text = yaml.text;
    let mut parts = Vec::new();
    if text.len() < 2 * PART_BYTES {
        return parts;
    }
    let (mut start, mut start_line) = (0, yaml.line_offset);
    let mut offset = 0;
    for (line, piece) in (yaml.line_offset..).zip(text.split_inclusive('\n')) {
        let item_start = piece.starts_with("- ") || piece == "-\n" || piece == "-";
        if item_start && offset - start >= PART_BYTES {
            parts.push(YamlSource {
                path: yaml.path,
                text: &text[start..offset],
                line_offset: start_line,
            });
            (start, start_line) = (offset, line);
        }
        offset += piece.len();
    }
    parts.push(YamlSource {
        path: yaml.path,
        text: &text[start..],
        line_offset: start_line,
    });
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Spanned;

    #[derive(Debug, serde::Deserialize)]
    struct Item {
        id: Spanned<String>,
        note: String,
    }

    fn positions(parts: &[(YamlSource<'_>, Vec<Item>)]) -> Vec<(String, String, u32, u32)> {
        parts
            .iter()
            .flat_map(|(part, items)| {
                items.iter().map(move |item| {
                    let at = part.location_of(&item.id);
                    (item.id.value.clone(), item.note.clone(), at.line, at.column)
                })
            })
            .collect()
    }

    #[test]
    fn a_long_list_parsed_in_parts_gives_the_values_and_positions_of_one_parse() {
        let mut text = String::from("# events\n");
        for i in 0..6000 {
            text.push_str(&format!(
                "- id: event-{i}\n  note: |\n    line one of {i}\n    - not an item\n\n"
            ));
        }
        let path = std::path::PathBuf::from("content/data/timeline.yaml");
        let yaml = YamlSource {
            path: &path,
            text: &text,
            line_offset: 0,
        };
        assert!(list_parts(&yaml).len() > 2);
        let in_parts = positions(&parse_list::<Item>(&yaml).unwrap());
        let whole = yaml.parse::<Vec<Item>>().unwrap();
        let whole = positions(&[(
            YamlSource {
                path: &path,
                text: &text,
                line_offset: 0,
            },
            whole,
        )]);
        assert_eq!(in_parts.len(), 6000);
        assert_eq!(in_parts, whole);
        assert_eq!(in_parts[5999].2, 2 + 5999 * 5);
    }

    #[test]
    fn a_long_list_whose_last_part_is_tiny_is_still_read_in_parts() {
        // Items of 32 bytes: two parts of exactly PART_BYTES, then one item, whose share
        // of the file's budget is under a hundredth of it.
        let mut text = String::new();
        for i in 0..2 * PART_BYTES / 32 + 1 {
            text.push_str(&format!("- id: event-{i:05}\n  note: abcde\n"));
        }
        assert_eq!(text.len(), 2 * PART_BYTES + 32);
        let path = std::path::PathBuf::from("content/data/timeline.yaml");
        let yaml = YamlSource {
            path: &path,
            text: &text,
            line_offset: 0,
        };
        let parts = parse_list::<Item>(&yaml).unwrap();
        let sizes: Vec<usize> = parts.iter().map(|(part, _)| part.text.len()).collect();
        assert_eq!(
            sizes,
            [PART_BYTES, PART_BYTES, 32],
            "not parsed again as a whole"
        );
        assert_eq!(positions(&parts).len(), 2 * PART_BYTES / 32 + 1);
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Record {
        id: String,
        count: u32,
    }

    impl RawRecord for Record {
        fn record_id(&self) -> Option<&str> {
            Some(&self.id)
        }
    }

    /// The ids read, the findings (as `line:column message`) and what was dropped.
    fn read(text: &str) -> (Vec<String>, Vec<String>, DroppedIds) {
        let path = std::path::PathBuf::from("d.yaml");
        let yaml = YamlSource {
            path: &path,
            text,
            line_offset: 0,
        };
        let mut diagnostics = Diagnostics::default();
        let mut dropped = DroppedIds::default();
        let ids = read_list(&yaml, &mut diagnostics, &mut dropped, |r: Record, _, _| {
            Some(r.id)
        });
        let found = diagnostics
            .iter()
            .map(|d| {
                let at = d.location.as_ref().unwrap();
                format!("{}:{} {}", at.line, at.column, d.message)
            })
            .collect();
        (ids, found, dropped)
    }

    #[test]
    fn a_bad_field_drops_its_record_only_and_is_reported_once_at_the_field() {
        let (ids, found, dropped) =
            read("# list\n- id: a\n  count: 1\n- id: b\n  count: many\n- id: c\n  count: 3\n");
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("5:10 "), "{found:?}");
        assert!(dropped.may_hold("b") && !dropped.may_hold("a") && !dropped.whole_file);
    }

    #[test]
    fn a_bad_record_in_a_list_read_in_parallel_parts_drops_that_record_only() {
        let mut text = String::new();
        for i in 0..16000 {
            let count = if i == 4321 {
                "-1".to_string()
            } else {
                i.to_string()
            };
            text.push_str(&format!("- id: record-number-{i}\n  count: {count}\n"));
        }
        let path = std::path::PathBuf::from("d.yaml");
        let yaml = YamlSource {
            path: &path,
            text: &text,
            line_offset: 0,
        };
        assert!(list_parts(&yaml).len() > 2);
        let (ids, found, dropped) = read(&text);
        assert_eq!(ids.len(), 15999, "{found:?}");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("{}:", 4321 * 2 + 2)),
            "{found:?}"
        );
        assert!(dropped.may_hold("record-number-4321"));
    }

    #[test]
    fn a_syntax_mistake_is_one_error_for_the_whole_file() {
        let (ids, found, dropped) = read("- id: a\n  count: 1\n- id: [b\n  count: 2\n");
        assert!(ids.is_empty());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(dropped.whole_file && dropped.may_hold("anything"));
    }

    #[test]
    fn an_alias_to_another_records_anchor_does_not_become_a_second_error() {
        // Read item by item, `*n` would name an unknown anchor: the file's one error stays.
        let (_, found, _) =
            read("- id: a\n  count: &n 1\n- id: b\n  count: x\n- id: c\n  count: *n\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("4:10 "), "{found:?}");
    }

    #[test]
    fn an_alias_across_parts_falls_back_to_one_parse() {
        let mut text = String::from("- id: &first event-0\n  note: a\n");
        for i in 1..6000 {
            text.push_str(&format!("- id: event-{i}\n  note: b\n"));
        }
        text.push_str("- id: *first\n  note: c\n");
        let path = std::path::PathBuf::from("t.yaml");
        let yaml = YamlSource {
            path: &path,
            text: &text,
            line_offset: 0,
        };
        let parsed = positions(&parse_list::<Item>(&yaml).unwrap());
        assert_eq!(parsed.len(), 6001);
        assert_eq!(parsed[6000].0, "event-0");
    }
}
