//! Reading `content/data/`: the timeline, force figures, quotes and sources.
//! Each file is a YAML list; a missing file is an empty list.

mod forces;
mod quotes;
mod sources;
mod timeline;

use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub use forces::{ForceFigure, format_number};
pub use quotes::Quote;
pub use sources::Source;
pub use timeline::TimelineEvent;

use crate::content::source_file;
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::yaml::YamlSource;

pub const DATA_DIR: &str = "content/data";

#[derive(Debug, Default)]
pub struct Data {
    pub events: Vec<TimelineEvent>,
    pub forces: Vec<ForceFigure>,
    pub quotes: Vec<Quote>,
    pub sources: Vec<Source>,
}

pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Result<Data> {
    Ok(Data {
        events: load_list(root, "timeline.yaml", diagnostics, timeline::from_raw)?,
        forces: load_list(root, "forces.yaml", diagnostics, forces::from_raw)?,
        quotes: load_list(root, "quotes.yaml", diagnostics, quotes::from_raw)?,
        sources: load_list(root, "sources.yaml", diagnostics, sources::from_raw)?,
    })
}

fn load_list<R: DeserializeOwned + Send, T>(
    root: &Path,
    file_name: &str,
    diagnostics: &mut Diagnostics,
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
            return Ok(Vec::new());
        }
    };
    let yaml = YamlSource {
        path: &file.path,
        text: &file.text,
        line_offset: 0,
    };
    match parse_list::<R>(&yaml) {
        Ok(parts) => {
            let mut items = Vec::new();
            for (part, raw) in parts {
                items.extend(
                    raw.into_iter()
                        .filter_map(|item| convert(item, &part, diagnostics)),
                );
            }
            Ok(items)
        }
        Err(problem) => {
            diagnostics.push(problem);
            Ok(Vec::new())
        }
    }
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
    let parsed: Vec<Option<Vec<R>>> = parts
        .par_iter()
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
