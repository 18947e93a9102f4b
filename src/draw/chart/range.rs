//! Range chart for a disputed figure: the lowest and highest reported value per actor.

use super::axis::Rows;
use super::scale::Scale;
use super::{FONT, LABEL_MAX, VALUE_MAX, clamp0, finite, joined, open_svg, widest};
use crate::draw::svg::{clean, coordinate, fitted};
use crate::markup::escape;
use std::fmt::Write;

/// One disputed figure of a range chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RangeBar {
    pub label: String,
    pub low: f64,
    pub high: f64,
    pub low_label: String,
    pub high_label: String,
}

/// Disputed figure: for each actor, a range between the lowest and the highest reported
/// value, with a marker at each and both values written after the range.
///
/// A range reported the wrong way round is drawn the right way round; values below zero
/// are drawn at zero but keep their labels. Returns an empty string when there are no ranges.
pub(crate) fn range_chart(id: &str, title: &str, description: &str, ranges: &[RangeBar]) -> String {
    if ranges.is_empty() {
        return String::new();
    }
    let rows: Vec<Row> = ranges.iter().map(Row::new).collect();
    let label_w = widest(rows.iter().map(|r| r.label.1.as_str())).clamp(24.0, LABEL_MAX);
    let value_w = widest(rows.iter().map(|r| r.value.1.as_str())).max(24.0);
    let frame = Rows::new(label_w, value_w, rows.len(), 12.0, 10.0);

    let scale = Scale::new(rows.iter().map(|r| r.high).fold(0.0, f64::max));
    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        "chart chart-range",
        frame.height,
        title,
        description,
    );
    frame.plot.write_x_scale(&mut out, &scale);
    for (i, row) in rows.iter().enumerate() {
        row.write(&mut out, &frame, &scale, i);
    }
    frame.plot.write_axes(&mut out);
    out.push_str("</svg>");
    out
}

/// One range as drawn: the right way round, at zero or above, with its texts.
struct Row {
    /// The actor's name, (full, drawn).
    label: (String, String),
    /// Both values as one text, (full, drawn).
    value: (String, String),
    low: f64,
    high: f64,
    low_title: String,
    high_title: String,
    /// Whether both ends are the same value (then only one marker is drawn).
    single: bool,
}

impl Row {
    fn new(r: &RangeBar) -> Row {
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
            label: fitted(&r.label, LABEL_MAX, FONT),
            value: fitted(&text, VALUE_MAX + 40.0, FONT),
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
            r#"<g class="range-row"><title>{}</title><text class="label" x="{}" y="{}" text-anchor="end">{}</text><rect class="range" x="{}" y="{}" width="{}" height="6" fill-opacity="0.4"/>"#,
            escape(&joined(&self.label.0, &self.value.0)),
            coordinate(rows.label_x),
            coordinate(center + FONT / 3.0),
            escape(&self.label.1),
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
            r#"<text class="value-label" x="{}" y="{}">{}</text></g>"#,
            coordinate(x_high + 10.0),
            coordinate(center + FONT / 3.0),
            escape(&self.value.1),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
            },
            RangeBar {
                label: "Reversed".into(),
                low: 900.0,
                high: 100.0,
                low_label: "900".into(),
                high_label: "100".into(),
            },
            RangeBar {
                label: "Agreed".into(),
                low: 50.0,
                high: 50.0,
                low_label: "50".into(),
                high_label: "50".into(),
            },
        ];
        let svg = range_chart("hackers", "Hackers", "Estimates differ", &ranges);
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
        }];
        let svg = range_chart("r", "t", "d", &ranges);
        assert_well_formed(&svg);
        assert!(svg.contains(">-5 – 0</text>"));
    }
}
