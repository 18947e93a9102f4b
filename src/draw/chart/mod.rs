//! Build-time SVG charts for force figures: what every chart kind shares.
//!
//! Charts scale with their container (`viewBox`, `width="100%"`), and each is drawn twice:
//! for wide columns and for phones (see [`Fit`]); the stylesheet shows one.
//!
//! CSS classes used:
//! - root `<svg>`: `chart` plus `chart-bar`, `chart-step` or `chart-range`, plus
//!   `chart-wide` or `chart-narrow`;
//! - axes and scale: `axis` (baselines), `grid` (gridlines), `tick-label` (scale numbers),
//!   `baseline-note` (under a range chart's scale that does not start at zero);
//! - bar chart: `bar-row` (one `<g>` per bar, plus `bar-row-negative` for a value below
//!   zero), `bar-link` (the `<a>` around a row when it has a link), `bar` (the `<rect>`),
//!   `bar-range` (from a disputed figure's lowest to its highest value), `label` (the
//!   actor's name), `value-label` (the value written after the bar);
//! - step chart: `line` (the stepped `<path>`), `point` (one `<circle>` per point),
//!   `whisker` (a disputed point's `<g>` of lines from its lowest to its highest value),
//!   `x-label` (the dates under the axis), `value-label` (values next to points);
//! - range chart: `range-row` (one `<g>` per figure), `range` (the `<rect>` from the lowest
//!   to the highest value), `point marker marker-low` / `point marker marker-high` (the
//!   `<circle>`s at each reported value), `label`, `value-label`.

pub(crate) mod axis;
pub(crate) mod bar;
pub(crate) mod range;
pub(crate) mod scale;
pub(crate) mod step;

use super::svg::{clean, coordinate, text_width};
use crate::markup::{escape, sanitize_id};
use std::fmt::Write;

/// Which width a chart is drawn for. A page carries both drawings and the stylesheet shows
/// one: text keeps a readable size only when the drawing is near the width it is shown at,
/// so a phone gets a narrow drawing (labels above bars, fewer ticks), not a shrunk wide one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// 640 user units: labels beside bars.
    Wide,
    /// 360 user units, for phones: each label on its own line above its bar.
    Narrow,
}

impl Fit {
    /// Width of the chart's coordinate system; the chart scales to its container.
    pub(crate) fn width(self) -> f64 {
        match self {
            Fit::Wide => 640.0,
            Fit::Narrow => 360.0,
        }
    }

    /// Added to the chart's id, so both drawings can sit on one page.
    pub(crate) fn id(self, id: &str) -> String {
        match self {
            Fit::Wide => id.to_string(),
            Fit::Narrow => format!("{id}-narrow"),
        }
    }

    /// The root's class that the stylesheet shows at its widths.
    fn class(self) -> &'static str {
        match self {
            Fit::Wide => "chart-wide",
            Fit::Narrow => "chart-narrow",
        }
    }
}
/// Default font size in user units. Layout (label widths, truncation) assumes it, so a
/// stylesheet should keep chart text near this size.
pub(crate) const FONT: f64 = 12.0;
/// Longest drawn actor name, in user units, before it is cut with an ellipsis.
pub(crate) const LABEL_MAX: f64 = 190.0;
/// Longest drawn value label, in user units.
pub(crate) const VALUE_MAX: f64 = 130.0;

/// Writes the opening `<svg>` with its accessible name and description.
pub(crate) fn open_svg(
    out: &mut String,
    id: &str,
    class: &str,
    fit: Fit,
    height: f64,
    title: &str,
    desc: &str,
) {
    let id = sanitize_id(&fit.id(id), "chart");
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class} {}" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMidYMin meet" role="img" aria-labelledby="{id}-title {id}-desc" font-size="{}" fill="currentColor"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        fit.class(),
        coordinate(fit.width()),
        coordinate(height),
        coordinate(FONT),
        escape(&clean(title)),
        escape(&clean(desc)),
    );
}

/// The value, or 0 when it is NaN or infinite.
pub(crate) fn finite(value: f64) -> f64 {
    if value.is_finite() { value } else { 0.0 }
}

/// The value where it is drawn: finite and not below zero.
pub(crate) fn clamp0(value: f64) -> f64 {
    finite(value).max(0.0)
}

/// "label: value", or just whichever is not empty.
pub(crate) fn joined(label: &str, value: &str) -> String {
    match (label.is_empty(), value.is_empty()) {
        (_, true) => label.to_string(),
        (true, false) => value.to_string(),
        (false, false) => format!("{label}: {value}"),
    }
}

/// Width of the widest of `texts` at the chart font.
pub(crate) fn widest<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    texts.map(|text| text_width(text, FONT)).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::Fit;
    use super::bar::{Bar, bar_chart};
    use super::range::{RangeBar, range_chart};
    use super::step::{Point, step_chart};
    use crate::markup::sanitize_id;

    #[test]
    fn empty_input_gives_empty_string() {
        assert_eq!(bar_chart("a", "t", "d", &[], false, Fit::Wide), "");
        assert_eq!(step_chart("a", "t", "d", &[], false, Fit::Wide), "");
        assert_eq!(range_chart("a", "t", "d", &[], false, Fit::Wide), "");
    }

    #[test]
    fn output_is_deterministic() {
        let bars = [
            Bar {
                label: "A".into(),
                value: 3.3,
                value_label: "3.3 troops".into(),
                href: None,
                ..Bar::default()
            },
            Bar {
                label: "B".into(),
                value: 7.1,
                value_label: "7.1 troops".into(),
                href: Some("/b/".into()),
                ..Bar::default()
            },
        ];
        assert_eq!(
            bar_chart("x", "t", "d", &bars, false, Fit::Wide),
            bar_chart("x", "t", "d", &bars, false, Fit::Wide)
        );
        let points = [
            Point {
                x_label: "2012".into(),
                value: 500.0,
                value_label: "500".into(),
                ..Point::default()
            },
            Point {
                x_label: "March 2013".into(),
                value: 1000.0,
                value_label: "1000".into(),
                ..Point::default()
            },
        ];
        assert_eq!(
            step_chart("x", "t", "d", &points, false, Fit::Narrow),
            step_chart("x", "t", "d", &points, false, Fit::Narrow)
        );
        let ranges = [RangeBar {
            label: "A".into(),
            low: 1.0,
            high: 3.0,
            low_label: "1".into(),
            high_label: "3".into(),
            ..RangeBar::default()
        }];
        assert_eq!(
            range_chart("x", "t", "d", &ranges, false, Fit::Narrow),
            range_chart("x", "t", "d", &ranges, false, Fit::Narrow)
        );
    }

    #[test]
    fn a_chart_without_an_id_is_called_chart() {
        assert_eq!(sanitize_id("", "chart"), "chart");
    }
}
