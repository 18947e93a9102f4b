//! Range chart for disputed figures: the lowest and highest reported value per actor, on
//! a scale that may start above zero (then labelled so) when the ranges are far from it.

use super::axis::{Rows, RowsRoom, row_labels, value_room};
use super::scale::Scale;
use super::{FONT, Fit, LABEL_MAX, VALUE_MAX, clamp0, finite, joined, open_svg, widest};
use crate::draw::svg::{clean, coordinate, fitted_name, truncate};
use crate::markup::escape;
use std::fmt::Write;

/// One disputed figure of a range chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RangeBar {
    /// The actor's full name, drawn when it fits.
    pub label: String,
    /// Shorter names drawn instead when the full one does not fit.
    pub aliases: Vec<String>,
    /// Drawn after the name and never cut, e.g. "(2019)".
    pub note: String,
    pub low: f64,
    pub high: f64,
    pub low_label: String,
    pub high_label: String,
}

/// Disputed figures drawn for `fit`: for each actor, a range between the lowest and the
/// highest reported value, with a marker at each and both values written by the range.
///
/// A range reported the wrong way round is drawn the right way round; values below zero
/// are drawn at zero but keep their labels. Ranges far from zero get a scale starting at
/// a round number below them, with a note under the scale saying where it starts (a range
/// is read by its ends' positions, not its length, so this is honest; bars are not). With
/// `whole`, only whole-number steps. Returns an empty string when there are no ranges.
pub(crate) fn range_chart(
    id: &str,
    title: &str,
    description: &str,
    ranges: &[RangeBar],
    whole: bool,
    fit: Fit,
) -> String {
    if ranges.is_empty() {
        return String::new();
    }
    let mut rows: Vec<Row> = ranges
        .iter()
        .map(|r| Row::new(r, value_room(fit, VALUE_MAX + 40.0)))
        .collect();
    let value_w = widest(rows.iter().map(|r| r.value_drawn.as_str())).max(24.0);
    let labels = row_labels(fit, LABEL_MAX, value_w, |max| {
        ranges
            .iter()
            .map(|r| fitted_name(&r.label, &r.aliases, &r.note, max, FONT))
            .collect()
    });
    for (row, label) in rows.iter_mut().zip(labels) {
        row.label_drawn = label;
    }
    let label_w = widest(rows.iter().map(|r| r.label_drawn.as_str())).max(24.0);
    let scale = range_scale(&rows, whole);
    let frame = Rows::new(
        fit,
        RowsRoom {
            label_w,
            value_w,
            tick_w: widest(scale.tick_labels().iter().map(String::as_str)),
            count: rows.len(),
            label_gap: 12.0,
            value_gap: 10.0,
            baseline_note: scale.starts_above_zero(),
        },
    );
    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        "chart chart-range",
        fit,
        frame.height,
        title,
        description,
    );
    frame.plot.write_x_scale(&mut out, &scale, fit);
    for (i, row) in rows.iter().enumerate() {
        row.write(&mut out, &frame, &scale, i);
    }
    frame.plot.write_axes(&mut out);
    out.push_str("</svg>");
    out
}

/// Where a range chart of `ranges` starts its scale, written as its first tick, when that
/// is above zero; for the chart's caption.
pub(crate) fn range_baseline(ranges: &[RangeBar], whole: bool) -> Option<String> {
    let rows: Vec<Row> = ranges.iter().map(|r| Row::new(r, VALUE_MAX)).collect();
    let scale = range_scale(&rows, whole);
    scale.starts_above_zero().then(|| scale.tick_label(0))
}

fn range_scale(rows: &[Row], whole: bool) -> Scale {
    Scale::for_ranges(
        rows.iter().map(|r| r.low).fold(f64::INFINITY, f64::min),
        rows.iter().map(|r| r.high).fold(0.0, f64::max),
        whole,
    )
}

/// One range as drawn: the right way round, at zero or above, with its texts.
struct Row {
    /// The actor's full name and note, for the row's title.
    label_full: String,
    label_drawn: String,
    /// Both values as one text, (full, drawn).
    value_full: String,
    value_drawn: String,
    low: f64,
    high: f64,
    low_title: String,
    high_title: String,
    /// Whether both ends are the same value (then only one marker is drawn).
    single: bool,
}

impl Row {
    /// The range as drawn, its values' text cut to `value_max`.
    fn new(r: &RangeBar, value_max: f64) -> Row {
        let (mut low, mut high) = (finite(r.low), finite(r.high));
        let (mut low_label, mut high_label) = (clean(&r.low_label), clean(&r.high_label));
        if low > high {
            std::mem::swap(&mut low, &mut high);
            std::mem::swap(&mut low_label, &mut high_label);
        }
        let single = low == high;
        let text = if single || low_label == high_label {
            if high_label.is_empty() {
                low_label.clone()
            } else {
                high_label.clone()
            }
        } else {
            format!("{low_label} – {high_label}")
        };
        Row {
            label_full: clean(&format!("{} {}", r.label, r.note)),
            label_drawn: String::new(),
            value_drawn: truncate(&text, value_max, FONT),
            value_full: text,
            low: clamp0(low),
            high: clamp0(high),
            low_title: low_label,
            high_title: high_label,
            single,
        }
    }

    /// Writes the range as row `i`: label, bar, a marker at each end, then the values.
    fn write(&self, out: &mut String, rows: &Rows, scale: &Scale, i: usize) {
        let center = rows.center(i);
        let x_low = rows.plot.left + scale.fraction(self.low) * rows.plot_width();
        let x_high = rows.plot.left + scale.fraction(self.high) * rows.plot_width();
        let _ = write!(
            out,
            r#"<g class="range-row"><title>{}</title><text class="label" {}>{}</text><rect class="range" x="{}" y="{}" width="{}" height="6" fill-opacity="0.4"/>"#,
            escape(&joined(&self.label_full, &self.value_full)),
            rows.label_at(i),
            escape(&self.label_drawn),
            coordinate(x_low),
            coordinate(center - 3.0),
            coordinate(x_high - x_low),
        );
        let mut markers = Vec::with_capacity(2);
        if !self.single {
            markers.push(("marker-low", x_low, self.low_title.as_str()));
        }
        markers.push(("marker-high", x_high, self.high_title.as_str()));
        for (class, x, title) in markers {
            let _ = write!(
                out,
                r#"<circle class="point marker {class}" cx="{}" cy="{}" r="5"><title>{}</title></circle>"#,
                coordinate(x),
                coordinate(center),
                escape(title),
            );
        }
        let _ = write!(
            out,
            r#"<text class="value-label" {}>{}</text></g>"#,
            rows.value_at(i, x_high, 10.0),
            escape(&self.value_drawn),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::chart::Fit;
    use crate::draw::testing::{attr, elements};
    use crate::markup::assert_well_formed_svg as assert_well_formed;

    #[test]
    fn range_chart_marks_both_ends() {
        let ranges = [
            RangeBar {
                label: "North Korea".into(),
                low: 3000.0,
                high: 6000.0,
                low_label: "3,000".into(),
                high_label: "6,000".into(),
                ..RangeBar::default()
            },
            RangeBar {
                label: "Reversed".into(),
                low: 900.0,
                high: 100.0,
                low_label: "900".into(),
                high_label: "100".into(),
                ..RangeBar::default()
            },
            RangeBar {
                label: "Agreed".into(),
                low: 50.0,
                high: 50.0,
                low_label: "50".into(),
                high_label: "50".into(),
                ..RangeBar::default()
            },
        ];
        let svg = range_chart(
            "hackers",
            "Hackers",
            "Estimates differ",
            &ranges,
            false,
            Fit::Wide,
        );
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<rect class="range""#).count(), 3);
        assert_eq!(svg.matches("marker-low").count(), 2);
        assert_eq!(svg.matches("marker-high").count(), 3);
        assert!(svg.contains(">3,000 – 6,000</text>"));
        assert!(svg.contains(">100 – 900</text>"));
        assert!(svg.contains(">50</text>"));
        let rects = elements(&svg, "<rect class=\"range\"");
        assert!(attr(rects[1], "width") > 0.0);
        assert!(
            svg.contains(">10,000</text>"),
            "nice maximum above 6,000: {svg}"
        );
    }

    #[test]
    fn range_chart_handles_zero_and_negative() {
        let ranges = [RangeBar {
            label: "A".into(),
            low: -5.0,
            high: 0.0,
            low_label: "-5".into(),
            high_label: "0".into(),
            ..RangeBar::default()
        }];
        let svg = range_chart("r", "t", "d", &ranges, false, Fit::Wide);
        assert_well_formed(&svg);
        assert!(svg.contains(">-5 – 0</text>"));
    }
}
