//! `paginate:` in site.yaml: how many stories one page of a long list shows.

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::yaml::{Spanned, YamlSource};

/// Stories per page when site.yaml says nothing: short enough for a phone on a weak
/// network, long enough that a small explainer (the example site) keeps one page.
pub const DEFAULT_PAGINATE: usize = 30;

/// `paginate:` as written: a number, `false`, or something else to report.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawPaginate {
    Whole(i64),
    Flag(bool),
    Fraction(f64),
    Text(String),
}

/// The number of stories per page (0: no pages), or what is wrong with the value.
pub(super) fn checked(
    source: &YamlSource<'_>,
    raw: Option<Spanned<RawPaginate>>,
) -> Result<usize, Diagnostic> {
    let Some(raw) = raw else {
        return Ok(DEFAULT_PAGINATE);
    };
    let problem = match &raw.value {
        RawPaginate::Whole(n) => match usize::try_from(*n) {
            Ok(n) if n <= u32::MAX as usize => return Ok(n),
            Ok(_) => format!("`paginate: {n}` is more stories than a page can hold"),
            Err(_) => format!("`paginate: {n}` is negative"),
        },
        RawPaginate::Flag(false) => return Ok(0),
        RawPaginate::Flag(true) => {
            "`paginate: true` does not say how many stories a page shows".to_string()
        }
        RawPaginate::Fraction(n) => format!("`paginate: {n}` is not a whole number"),
        RawPaginate::Text(text) => format!("`paginate: {text}` is not a number of stories"),
    };
    Err(Diagnostic::error(source.location_of(&raw), problem).with_hint(
        "write how many stories one page of a list shows (e.g. paginate: 30), or 0 for one page",
    ))
}
