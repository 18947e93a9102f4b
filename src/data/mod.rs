//! Reading `content/data/`: the timeline, force figures, quotes and sources.
//! Each file is a YAML list; a missing file is an empty list.

mod forces;
mod quotes;
mod sources;
mod timeline;

use std::path::Path;

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

fn load_list<R: DeserializeOwned, T>(
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
    match yaml.parse::<Vec<R>>() {
        Ok(raw) => Ok(raw
            .into_iter()
            .filter_map(|item| convert(item, &yaml, diagnostics))
            .collect()),
        Err(problem) => {
            diagnostics.push(problem);
            Ok(Vec::new())
        }
    }
}
