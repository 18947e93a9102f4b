//! Corrections: dated notes saying what was wrong in a story or a data record and when it
//! was put right, so that a fix is never made silently. Written as
//! `corrections: [{date: 2013-03-22, text: "..."}]` wherever they are accepted; whether
//! their dates make sense is checked when the site is assembled (`site::corrections`).

use serde::Deserialize;

use crate::date::PartialDate;
use crate::diagnostics::Location;
use crate::yaml::{Spanned, YamlSource};

/// A correction as written in front matter or a data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCorrection {
    date: Spanned<PartialDate>,
    text: String,
}

/// One published correction.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub date: PartialDate,
    /// Inline Markdown.
    pub text: String,
    /// Where its date is written, for problems with it.
    pub at: Location,
}

/// The corrections of one record, oldest first as editors add them.
pub(crate) fn corrections(yaml: &YamlSource<'_>, raw: &[RawCorrection]) -> Vec<Correction> {
    let mut corrections: Vec<Correction> = raw
        .iter()
        .map(|raw| Correction {
            date: raw.date.value,
            text: raw.text.trim().to_string(),
            at: yaml.location_of(&raw.date),
        })
        .collect();
    corrections.sort_by_key(|correction| correction.date);
    corrections
}
