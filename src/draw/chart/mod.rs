//! Build-time SVG charts for force figures: what every chart kind shares.
//!
//! Charts scale with their container (`viewBox`, `width="100%"`).
//!
//! CSS classes used:
//! - root `<svg>`: `chart` plus `chart-bar`, `chart-step` or `chart-range`;
//! - axes and scale: `axis` (baselines), `grid` (gridlines), `tick-label` (scale numbers);
//! - bar chart: `bar-row` (one `<g>` per bar, plus `bar-row-negative` for a value below
//!   zero), `bar-link` (the `<a>` around a row when it has a link), `bar` (the `<rect>`),
//!   `label` (the actor's name), `value-label` (the value written after the bar);
//! - step chart: `line` (the stepped `<path>`), `point` (one `<circle>` per point),
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

/// Width of every chart's coordinate system; the chart scales to its container.
pub(crate) const WIDTH: f64 = 640.0;
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
    height: f64,
    title: &str,
    desc: &str,
) {
    let id = sanitize_id(id, "chart");
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMidYMin meet" role="img" aria-labelledby="{id}-title {id}-desc" font-size="{}" fill="currentColor"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        coordinate(WIDTH),
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
    use super::bar::{Bar, bar_chart};
    use super::range::{RangeBar, range_chart};
    use super::step::{Point, step_chart};
    use crate::markup::sanitize_id;

    #[test]
    fn empty_input_gives_empty_string() {
        assert_eq!(bar_chart("a", "t", "d", &[]), "");
        assert_eq!(step_chart("a", "t", "d", &[]), "");
        assert_eq!(range_chart("a", "t", "d", &[]), "");
    }

    #[test]
    fn output_is_deterministic() {
        let bars = [
            Bar {
                label: "A".into(),
                value: 3.3,
                value_label: "3.3 troops".into(),
                href: None,
            },
            Bar {
                label: "B".into(),
                value: 7.1,
                value_label: "7.1 troops".into(),
                href: Some("/b/".into()),
            },
        ];
        assert_eq!(
            bar_chart("x", "t", "d", &bars),
            bar_chart("x", "t", "d", &bars)
        );
        let points = [
            Point {
                x_label: "2012".into(),
                value: 500.0,
                value_label: "500".into(),
            },
            Point {
                x_label: "March 2013".into(),
                value: 1000.0,
                value_label: "1000".into(),
            },
        ];
        assert_eq!(
            step_chart("x", "t", "d", &points),
            step_chart("x", "t", "d", &points)
        );
        let ranges = [RangeBar {
            label: "A".into(),
            low: 1.0,
            high: 3.0,
            low_label: "1".into(),
            high_label: "3".into(),
        }];
        assert_eq!(
            range_chart("x", "t", "d", &ranges),
            range_chart("x", "t", "d", &ranges)
        );
    }

    #[test]
    fn a_chart_without_an_id_is_called_chart() {
        assert_eq!(sanitize_id("", "chart"), "chart");
    }
}
