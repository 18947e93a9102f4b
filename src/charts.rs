//! Build-time SVG charts for force figures: pure functions that turn numbers into inline
//! `<svg>` strings.
//!
//! Every chart is readable without JavaScript, carries a `<title>` and `<desc>` referenced
//! by `aria-labelledby`, scales with its container (`viewBox`, `width="100%"`), is themed by
//! CSS classes (the only colour it names is `currentColor`) and makes no external
//! references. The same input always gives byte-identical output: coordinates are written
//! with one decimal and nothing depends on hash order, time or randomness.
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

use crate::markup::{escape, sanitize_id};
use crate::svg_text::{clean, coordinate, fitted, text_width};
use std::fmt::Write;

/// Width of every chart's coordinate system; the chart scales to its container.
const WIDTH: f64 = 640.0;
/// Default font size in user units. Layout (label widths, truncation) assumes it, so a
/// stylesheet should keep chart text near this size.
const FONT: f64 = 12.0;
/// Longest drawn actor name, in user units, before it is cut with an ellipsis.
const LABEL_MAX: f64 = 190.0;
/// Longest drawn value label, in user units.
const VALUE_MAX: f64 = 130.0;
/// Longest drawn date label under a step chart, in user units.
const X_LABEL_MAX: f64 = 110.0;
/// Height of one bar chart or range chart row.
const ROW: f64 = 28.0;
/// Height of a bar.
const BAR: f64 = 18.0;
/// Height of the plot area of a step chart.
const STEP_PLOT: f64 = 180.0;

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Drawn to the left of the bar (the actor's name).
    pub label: String,
    /// Length of the bar; values below zero draw an empty bar but keep their label.
    pub value: f64,
    /// Drawn after the bar, as given (e.g. "1,000 troops").
    pub value_label: String,
    /// When given, the whole row links there.
    pub href: Option<String>,
}

/// One point of a step chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// A categorical label for the date, e.g. "2012" or "March 2013".
    pub x_label: String,
    pub value: f64,
    pub value_label: String,
}

/// One disputed figure of a range chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeBar {
    pub label: String,
    pub low: f64,
    pub high: f64,
    pub low_label: String,
    pub high_label: String,
}

/// Horizontal bar chart comparing actors for one measure.
///
/// Returns an empty string when there are no bars. The scale runs from 0 to a "nice"
/// maximum (1, 2, 2.5 or 5 × 10^k); bars keep the input order.
pub fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let labels: Vec<(String, String)> = bars
        .iter()
        .map(|b| fitted(&b.label, LABEL_MAX, FONT))
        .collect();
    let values: Vec<(String, String)> = bars
        .iter()
        .map(|b| fitted(&b.value_label, VALUE_MAX, FONT))
        .collect();
    let label_w = widest(labels.iter().map(|l| l.1.as_str())).clamp(24.0, LABEL_MAX);
    let value_w = widest(values.iter().map(|v| v.1.as_str())).max(24.0);

    let label_x = 4.0 + label_w;
    let plot_x0 = label_x + 8.0;
    let plot_x1 = WIDTH - 4.0 - value_w - 6.0;
    let plot_w = plot_x1 - plot_x0;
    let top = 8.0;
    let axis_y = top + ROW * bars.len() as f64;
    let height = axis_y + 26.0;

    let scale = Scale::new(bars.iter().map(|b| clamp0(b.value)).fold(0.0, f64::max));
    let mut out = String::new();
    open_svg(&mut out, id, "chart chart-bar", height, title, description);
    write_x_scale(&mut out, &scale, plot_x0, plot_w, top, axis_y);

    for (i, bar) in bars.iter().enumerate() {
        let row_y = top + ROW * i as f64;
        let center = row_y + ROW / 2.0;
        let width = scale.fraction(clamp0(bar.value)) * plot_w;
        let (full_label, drawn_label) = &labels[i];
        let (full_value, drawn_value) = &values[i];
        if let Some(href) = &bar.href {
            let _ = write!(out, r#"<a class="bar-link" href="{}">"#, escape(href));
        }
        let negative = if finite(bar.value) < 0.0 {
            " bar-row-negative"
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<g class="bar-row{negative}"><title>{}</title><text class="label" x="{}" y="{}" text-anchor="end">{}</text><rect class="bar" x="{}" y="{}" width="{}" height="{}"/><text class="value-label" x="{}" y="{}">{}</text></g>"#,
            escape(&joined(full_label, full_value)),
            coordinate(label_x),
            coordinate(center + FONT / 3.0),
            escape(drawn_label),
            coordinate(plot_x0),
            coordinate(center - BAR / 2.0),
            coordinate(width),
            coordinate(BAR),
            coordinate(plot_x0 + width + 6.0),
            coordinate(center + FONT / 3.0),
            escape(drawn_value),
        );
        if bar.href.is_some() {
            out.push_str("</a>");
        }
    }
    write_x_axis(&mut out, plot_x0, plot_x1, top, axis_y);
    out.push_str("</svg>");
    out
}

/// Step chart for one actor's history of one measure (e.g. 500 then 1,000).
///
/// Points are expected in time order and are spaced evenly by index: dates are categorical
/// labels. The value holds from one point until the next, where the line steps. Returns an
/// empty string when there are no points.
pub fn step_chart(id: &str, title: &str, description: &str, points: &[Point]) -> String {
    if points.is_empty() {
        return String::new();
    }
    let n = points.len();
    let scale = Scale::new(points.iter().map(|p| clamp0(p.value)).fold(0.0, f64::max));
    let ticks: Vec<String> = (0..=scale.intervals).map(|i| scale.tick_label(i)).collect();
    let tick_w = widest(ticks.iter().map(String::as_str));
    let x_labels: Vec<(String, String)> = points
        .iter()
        .map(|p| fitted(&p.x_label, X_LABEL_MAX, FONT))
        .collect();
    let values: Vec<(String, String)> = points
        .iter()
        .map(|p| fitted(&p.value_label, VALUE_MAX, FONT))
        .collect();

    let left = 8.0 + tick_w + 6.0;
    let right = WIDTH - 12.0;
    let top = 28.0;
    let axis_y = top + STEP_PLOT;
    let height = axis_y + 30.0;
    let first_x_w = text_width(&x_labels[0].1, FONT);
    let last_x_w = text_width(&x_labels[n - 1].1, FONT);
    let last_value_w = text_width(&values[n - 1].1, FONT);
    let pad_left = (first_x_w / 2.0 - left + 4.0).clamp(14.0, 60.0);
    let pad_right = (last_x_w / 2.0)
        .max(last_value_w + 6.0)
        .clamp(14.0, VALUE_MAX + 6.0)
        - 8.0;
    let (x0, x1) = (left + pad_left, right - pad_right.max(8.0));
    let spacing = if n > 1 {
        (x1 - x0) / (n - 1) as f64
    } else {
        0.0
    };
    let xs: Vec<f64> = if n == 1 {
        vec![(left + right) / 2.0]
    } else {
        (0..n).map(|i| x0 + spacing * i as f64).collect()
    };
    let y_of = |v: f64| axis_y - scale.fraction(clamp0(v)) * STEP_PLOT;
    let ys: Vec<f64> = points.iter().map(|p| y_of(p.value)).collect();

    let mut out = String::new();
    open_svg(&mut out, id, "chart chart-step", height, title, description);

    // Horizontal gridlines and the value scale on the left.
    for (i, tick) in ticks.iter().enumerate() {
        let y = axis_y - STEP_PLOT * i as f64 / scale.intervals as f64;
        if i > 0 {
            let _ = write!(
                out,
                r#"<line class="grid" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-opacity="0.15"/>"#,
                coordinate(left),
                coordinate(right),
                y = coordinate(y),
            );
        }
        let _ = write!(
            out,
            r#"<text class="tick-label" x="{}" y="{}" text-anchor="end">{}</text>"#,
            coordinate(left - 6.0),
            coordinate(y + FONT / 3.0),
            escape(tick),
        );
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{l}" y1="{t}" x2="{l}" y2="{b}" stroke="currentColor"/><line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="currentColor"/>"#,
        l = coordinate(left),
        t = coordinate(top),
        b = coordinate(axis_y),
        r = coordinate(right),
    );

    // Date labels: every one that fits, always the first and the last.
    let widest_x = widest(x_labels.iter().map(|l| l.1.as_str()));
    let stride = if n > 1 {
        ((widest_x + 8.0) / spacing).ceil().max(1.0) as usize
    } else {
        1
    };
    for i in shown_indices(n, stride) {
        let _ = write!(
            out,
            r#"<text class="x-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
            coordinate(xs[i]),
            coordinate(axis_y + 18.0),
            escape(&x_labels[i].1),
        );
    }

    // The stepped line: the value holds until the next point.
    if n > 1 {
        let mut d = format!("M{},{}", coordinate(xs[0]), coordinate(ys[0]));
        for i in 1..n {
            let _ = write!(d, " H{} V{}", coordinate(xs[i]), coordinate(ys[i]));
        }
        let _ = write!(
            out,
            r#"<path class="line" d="{d}" fill="none" stroke="currentColor" stroke-width="2"/>"#
        );
    }

    // Values next to their points: every one when they fit, else the first and the last.
    let widest_value = widest(values.iter().map(|v| v.1.as_str()));
    let every_value = n == 1 || spacing >= widest_value + 10.0;
    for i in 0..n {
        let (full_x, _) = &x_labels[i];
        let (full_value, drawn_value) = &values[i];
        let _ = write!(
            out,
            r#"<circle class="point" cx="{}" cy="{}" r="4"><title>{}</title></circle>"#,
            coordinate(xs[i]),
            coordinate(ys[i]),
            escape(&joined(full_x, full_value)),
        );
        if every_value || i == 0 || i == n - 1 {
            let _ = write!(
                out,
                r#"<text class="value-label" x="{}" y="{}">{}</text>"#,
                coordinate(xs[i] + 5.0),
                coordinate(ys[i] - 7.0),
                escape(drawn_value),
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Disputed figure: for each actor, a range between the lowest and the highest reported
/// value, with a marker at each and both values written after the range.
///
/// A range reported the wrong way round is drawn the right way round; values below zero
/// are drawn at zero but keep their labels. Returns an empty string when there are no ranges.
pub fn range_chart(id: &str, title: &str, description: &str, ranges: &[RangeBar]) -> String {
    if ranges.is_empty() {
        return String::new();
    }
    struct Row {
        label: (String, String),
        value: (String, String),
        low: f64,
        high: f64,
        low_title: String,
        high_title: String,
        single: bool,
    }
    let rows: Vec<Row> = ranges
        .iter()
        .map(|r| {
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
        })
        .collect();
    let label_w = widest(rows.iter().map(|r| r.label.1.as_str())).clamp(24.0, LABEL_MAX);
    let value_w = widest(rows.iter().map(|r| r.value.1.as_str())).max(24.0);
    let label_x = 4.0 + label_w;
    let plot_x0 = label_x + 12.0;
    let plot_x1 = WIDTH - 4.0 - value_w - 10.0;
    let plot_w = plot_x1 - plot_x0;
    let top = 8.0;
    let axis_y = top + ROW * rows.len() as f64;
    let height = axis_y + 26.0;

    let scale = Scale::new(rows.iter().map(|r| r.high).fold(0.0, f64::max));
    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        "chart chart-range",
        height,
        title,
        description,
    );
    write_x_scale(&mut out, &scale, plot_x0, plot_w, top, axis_y);

    for (i, row) in rows.iter().enumerate() {
        let center = top + ROW * i as f64 + ROW / 2.0;
        let x_low = plot_x0 + scale.fraction(row.low) * plot_w;
        let x_high = plot_x0 + scale.fraction(row.high) * plot_w;
        let _ = write!(
            out,
            r#"<g class="range-row"><title>{}</title><text class="label" x="{}" y="{}" text-anchor="end">{}</text><rect class="range" x="{}" y="{}" width="{}" height="6" fill-opacity="0.4"/>"#,
            escape(&joined(&row.label.0, &row.value.0)),
            coordinate(label_x),
            coordinate(center + FONT / 3.0),
            escape(&row.label.1),
            coordinate(x_low),
            coordinate(center - 3.0),
            coordinate(x_high - x_low),
        );
        let mut markers = Vec::with_capacity(2);
        if !row.single {
            markers.push(("marker-low", x_low, row.low_title.as_str()));
        }
        markers.push(("marker-high", x_high, row.high_title.as_str()));
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
            escape(&row.value.1),
        );
    }
    write_x_axis(&mut out, plot_x0, plot_x1, top, axis_y);
    out.push_str("</svg>");
    out
}

/// Writes the opening `<svg>` with its accessible name and description.
fn open_svg(out: &mut String, id: &str, class: &str, height: f64, title: &str, desc: &str) {
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

/// Vertical gridlines and scale numbers for a horizontal chart.
fn write_x_scale(out: &mut String, scale: &Scale, x0: f64, plot_w: f64, top: f64, axis_y: f64) {
    let labels: Vec<String> = (0..=scale.intervals).map(|i| scale.tick_label(i)).collect();
    let spacing = plot_w / scale.intervals as f64;
    let widest_tick = widest(labels.iter().map(String::as_str));
    let stride = ((widest_tick + 8.0) / spacing).ceil().max(1.0) as usize;
    for (i, label) in labels.iter().enumerate() {
        let x = x0 + spacing * i as f64;
        if i > 0 {
            let _ = write!(
                out,
                r#"<line class="grid" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.15"/>"#,
                coordinate(top),
                coordinate(axis_y),
                x = coordinate(x),
            );
        }
        if i % stride == 0 {
            let _ = write!(
                out,
                r#"<text class="tick-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                coordinate(x),
                coordinate(axis_y + 17.0),
                escape(label),
            );
        }
    }
}

/// The zero line and the baseline of a horizontal chart, drawn over the bars.
fn write_x_axis(out: &mut String, x0: f64, x1: f64, top: f64, axis_y: f64) {
    let _ = write!(
        out,
        r#"<line class="axis" x1="{l}" y1="{t}" x2="{l}" y2="{b}" stroke="currentColor"/><line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="currentColor"/>"#,
        l = coordinate(x0),
        t = coordinate(top),
        b = coordinate(axis_y),
        r = coordinate(x1),
    );
}

/// Which of `n` evenly spaced labels to draw: every `stride`-th, and always the last
/// (dropping the one before it when they would collide).
fn shown_indices(n: usize, stride: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..n).step_by(stride.max(1)).collect();
    if let Some(&last_shown) = shown.last()
        && last_shown != n - 1
    {
        // The last multiple of the stride is less than a stride before the end.
        if shown.len() > 1 {
            shown.pop();
        }
        shown.push(n - 1);
    }
    shown
}

/// A linear scale from 0 to a "nice" maximum with evenly spaced ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scale {
    max: f64,
    step: f64,
    intervals: usize,
    decimals: usize,
}

impl Scale {
    /// The smallest of 1, 2, 2.5, 5 × 10^k at or above `max_value` (1 when nothing is above 0).
    fn new(max_value: f64) -> Scale {
        let value = finite(max_value);
        if value <= 0.0 || !(value * 1e3).is_finite() {
            return Scale {
                max: 1.0,
                step: 0.2,
                intervals: 5,
                decimals: 1,
            };
        }
        let mut exponent = value.log10().floor() as i32 - 1;
        loop {
            let base = 10f64.powi(exponent);
            for (mantissa, step, intervals) in
                [(1.0, 0.2, 5), (2.0, 0.5, 4), (2.5, 0.5, 5), (5.0, 1.0, 5)]
            {
                let max = mantissa * base;
                if max >= value * (1.0 - 1e-12) {
                    let step = step * base;
                    return Scale {
                        max,
                        step,
                        intervals,
                        decimals: decimals_for(step),
                    };
                }
            }
            exponent += 1;
        }
    }

    /// Where `value` (already clamped at 0) falls between 0 and the maximum, from 0 to 1.
    fn fraction(&self, value: f64) -> f64 {
        (finite(value) / self.max).clamp(0.0, 1.0)
    }

    fn tick_label(&self, i: usize) -> String {
        group_thousands(&format!("{:.*}", self.decimals, self.step * i as f64))
    }
}

/// Fewest decimals that write `step` (and so every multiple of it) exactly.
fn decimals_for(step: f64) -> usize {
    (0..12)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(12)
}

/// "1234567.5" → "1,234,567.5".
fn group_thousands(number: &str) -> String {
    let (int, frac) = match number.find('.') {
        Some(dot) => number.split_at(dot),
        None => (number, ""),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0
            && (digits.len() - i).is_multiple_of(3)
            && c.is_ascii_digit()
            && digits[i - 1].is_ascii_digit()
        {
            out.push(',');
        }
        out.push(*c);
    }
    out.push_str(frac);
    out
}

fn finite(value: f64) -> f64 {
    if value.is_finite() { value } else { 0.0 }
}

fn clamp0(value: f64) -> f64 {
    finite(value).max(0.0)
}

/// "label: value", or just whichever is not empty.
fn joined(label: &str, value: &str) -> String {
    match (label.is_empty(), value.is_empty()) {
        (_, true) => label.to_string(),
        (true, false) => value.to_string(),
        (false, false) => format!("{label}: {value}"),
    }
}

fn widest<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    texts.map(|text| text_width(text, FONT)).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::assert_well_formed_svg as assert_well_formed;
    use crate::svg_text::truncate;

    fn bar(label: &str, value: f64, href: Option<&str>) -> Bar {
        Bar {
            label: label.to_string(),
            value,
            value_label: format!("{value} troops"),
            href: href.map(str::to_string),
        }
    }

    fn point(x: &str, value: f64) -> Point {
        Point {
            x_label: x.to_string(),
            value,
            value_label: format!("{value}"),
        }
    }

    fn attr(element: &str, name: &str) -> f64 {
        let key = format!(" {name}=\"");
        let start = element.find(&key).expect(name) + key.len();
        let end = start + element[start..].find('"').unwrap();
        element[start..end].parse().unwrap()
    }

    fn elements<'a>(svg: &'a str, open: &str) -> Vec<&'a str> {
        svg.match_indices(open)
            .map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap()])
            .collect()
    }

    #[test]
    fn empty_input_gives_empty_string() {
        assert_eq!(bar_chart("a", "t", "d", &[]), "");
        assert_eq!(step_chart("a", "t", "d", &[]), "");
        assert_eq!(range_chart("a", "t", "d", &[]), "");
    }

    #[test]
    fn bar_chart_has_accessible_name_and_one_bar_per_input() {
        let bars = [
            bar("North Korea", 1000.0, Some("/actors/north-korea/")),
            bar("South Korea", 600.0, None),
            bar("United States", 40.0, Some("/actors/united-states/")),
        ];
        let svg = bar_chart("cyber-units", "Cyber units", "Estimated personnel", &bars);
        assert_well_formed(&svg);
        assert!(svg.contains(r#"role="img" aria-labelledby="cyber-units-title cyber-units-desc""#));
        assert!(svg.contains(r#"<title id="cyber-units-title">Cyber units</title>"#));
        assert!(svg.contains(r#"<desc id="cyber-units-desc">Estimated personnel</desc>"#));
        assert!(svg.contains(r#"width="100%""#) && svg.contains("viewBox=\"0 0 640.0 "));
        assert!(!svg.contains("height=\"100%\"") && !svg.contains("href=\"http"));
        assert_eq!(svg.matches(r#"<rect class="bar""#).count(), 3);
        assert_eq!(svg.matches("<a ").count(), 2);
        assert!(svg.contains(r#"href="/actors/north-korea/""#));
        assert!(svg.contains(r#"href="/actors/united-states/""#));
        assert!(svg.contains(">North Korea</text>") && svg.contains(">1000 troops</text>"));
        // The scale runs to a nice maximum: 1,000 exactly fills the plot.
        let rects = elements(&svg, "<rect class=\"bar\"");
        let widths: Vec<f64> = rects.iter().map(|r| attr(r, "width")).collect();
        assert!(widths[0] > widths[1] && widths[1] > widths[2] && widths[2] > 0.0);
        assert!(svg.contains(">1,000</text>"), "{svg}");
    }

    #[test]
    fn output_is_deterministic() {
        let bars = [bar("A", 3.3, None), bar("B", 7.1, Some("/b/"))];
        assert_eq!(
            bar_chart("x", "t", "d", &bars),
            bar_chart("x", "t", "d", &bars)
        );
        let points = [point("2012", 500.0), point("March 2013", 1000.0)];
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
    fn single_bar_and_all_zero_values_are_finite() {
        let svg = bar_chart("one", "t", "d", &[bar("Only", 42.0, None)]);
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<rect class="bar""#).count(), 1);

        let svg = bar_chart(
            "zero",
            "t",
            "d",
            &[bar("A", 0.0, None), bar("B", 0.0, None)],
        );
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"width="0.0""#).count(), 2);

        let mut odd = [
            bar("A", 0.0, None),
            bar("B", 0.0, None),
            bar("C", 0.0, None),
        ];
        odd[0].value = f64::NAN;
        odd[1].value = f64::INFINITY;
        odd[2].value = f64::NEG_INFINITY;
        let svg = bar_chart("odd", "t", "d", &odd);
        assert_well_formed(&svg);
    }

    #[test]
    fn negative_values_draw_no_bar_but_keep_their_label() {
        let svg = bar_chart(
            "neg",
            "t",
            "d",
            &[bar("Loss", -50.0, None), bar("Gain", 10.0, None)],
        );
        assert_well_formed(&svg);
        let rects = elements(&svg, "<rect class=\"bar\"");
        assert_eq!(attr(rects[0], "width"), 0.0);
        assert!(attr(rects[1], "width") > 0.0);
        assert!(svg.contains(">-50 troops</text>"));
        assert!(svg.contains("bar-row bar-row-negative"));
    }

    #[test]
    fn long_labels_are_cut_but_kept_in_full_in_the_title() {
        let long = "The Reconnaissance General Bureau of the Korean People's Army, Unit 121";
        let svg = bar_chart("long", "t", "d", &[bar(long, 5.0, None)]);
        assert_well_formed(&svg);
        let full = escape(long);
        assert!(
            svg.contains(&format!("<title>{full}: 5 troops</title>")),
            "{svg}"
        );
        let drawn = elements(&svg, "<text class=\"label\"")[0];
        let text_start = svg.find(drawn).unwrap() + drawn.len() + 1;
        let text = &svg[text_start..text_start + svg[text_start..].find('<').unwrap()];
        assert!(text.ends_with('…') && text.len() < full.len(), "{text}");
        assert!(text_width(&text.replace("&#39;", "'"), FONT) <= LABEL_MAX);
    }

    #[test]
    fn labels_and_hrefs_are_escaped() {
        let bars = [Bar {
            label: r#"<script>"A&B"</script>"#.into(),
            value: 1.0,
            value_label: "<1 & 2>".into(),
            href: Some(r#"/a?x=1&y="2""#.into()),
        }];
        let svg = bar_chart(r#"id"><x"#, r#"T<&">"#, "D'&", &bars);
        assert_well_formed(&svg);
        assert!(!svg.contains("<script") && !svg.contains("<x"));
        assert!(svg.contains("&lt;script&gt;&quot;A&amp;B&quot;&lt;/script&gt;"));
        assert!(svg.contains("&lt;1 &amp; 2&gt;"));
        assert!(svg.contains(r#"href="/a?x=1&amp;y=&quot;2&quot;""#));
        assert!(svg.contains(r#"<title id="id---x-title">T&lt;&amp;&quot;&gt;</title>"#));
        assert!(svg.contains("D&#39;&amp;</desc>"));
    }

    #[test]
    fn nice_scale_maximum() {
        let max = |v: f64| Scale::new(v).max;
        assert_eq!(max(0.0), 1.0);
        assert_eq!(max(-3.0), 1.0);
        assert_eq!(max(f64::NAN), 1.0);
        assert_eq!(max(1.0), 1.0);
        assert_eq!(max(1.2), 2.0);
        assert_eq!(max(2.2), 2.5);
        assert_eq!(max(3.0), 5.0);
        assert_eq!(max(7.0), 10.0);
        assert_eq!(max(1000.0), 1000.0);
        assert_eq!(max(1001.0), 2000.0);
        assert_eq!(max(23_000.0), 25_000.0);
        assert!((max(0.03) - 0.05).abs() < 1e-12);
        let scale = Scale::new(2.2);
        let ticks: Vec<String> = (0..=scale.intervals).map(|i| scale.tick_label(i)).collect();
        assert_eq!(ticks, ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]);
        let scale = Scale::new(1_800_000.0);
        assert_eq!(scale.tick_label(scale.intervals), "2,000,000");
        let scale = Scale::new(0.03);
        assert_eq!(scale.tick_label(3), "0.03");
    }

    #[test]
    fn step_chart_steps_through_every_point() {
        let points = [
            point("2009", 500.0),
            point("2012", 1000.0),
            point("March 2013", 3000.0),
        ];
        let svg = step_chart(
            "history",
            "Cyber unit size",
            "Grew from 500 to 3,000",
            &points,
        );
        assert_well_formed(&svg);
        assert!(svg.contains(r#"<title id="history-title">Cyber unit size</title>"#));
        assert_eq!(svg.matches(r#"<circle class="point""#).count(), 3);
        assert_eq!(svg.matches(r#"<path class="line""#).count(), 1);
        let path = elements(&svg, "<path class=\"line\"")[0];
        assert_eq!(path.matches(" H").count(), 2);
        assert_eq!(path.matches(" V").count(), 2);
        let circles = elements(&svg, "<circle class=\"point\"");
        let xs: Vec<f64> = circles.iter().map(|c| attr(c, "cx")).collect();
        let ys: Vec<f64> = circles.iter().map(|c| attr(c, "cy")).collect();
        assert!(
            ((xs[1] - xs[0]) - (xs[2] - xs[1])).abs() < 0.11,
            "evenly spaced {xs:?}"
        );
        assert!(
            ys[0] > ys[1] && ys[1] > ys[2],
            "higher values are higher up {ys:?}"
        );
        for label in ["2009", "2012", "March 2013", "500", "1000", "3000"] {
            assert!(svg.contains(&format!(">{label}</text>")), "{label}: {svg}");
        }
    }

    #[test]
    fn step_chart_with_one_point_or_many() {
        let svg = step_chart("one", "t", "d", &[point("2013", 0.0)]);
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<circle class="point""#).count(), 1);
        assert!(!svg.contains("class=\"line\""));

        let many: Vec<Point> = (0..60)
            .map(|i| point(&format!("Month {i}"), i as f64 * 1.5))
            .collect();
        let svg = step_chart("many", "t", "d", &many);
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<circle class="point""#).count(), 60);
        let x_labels = svg.matches("class=\"x-label\"").count();
        assert!((2..60).contains(&x_labels), "{x_labels}");
        assert!(svg.contains(">Month 0</text>") && svg.contains(">Month 59</text>"));
        assert_eq!(svg.matches("class=\"value-label\"").count(), 2);
        // Every value is still there, as a tooltip.
        assert!(svg.contains("<title>Month 30: 45</title>"));
    }

    #[test]
    fn shown_indices_keep_first_and_last() {
        assert_eq!(shown_indices(1, 1), [0]);
        assert_eq!(shown_indices(5, 1), [0, 1, 2, 3, 4]);
        assert_eq!(shown_indices(5, 2), [0, 2, 4]);
        assert_eq!(shown_indices(6, 2), [0, 2, 5]);
        assert_eq!(shown_indices(10, 4), [0, 4, 9]);
    }

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

    #[test]
    fn helpers() {
        assert_eq!(coordinate(-0.04), "0.0");
        assert_eq!(coordinate(f64::NAN), "0.0");
        assert_eq!(coordinate(1.26), "1.3");
        assert_eq!(group_thousands("1234567.50"), "1,234,567.50");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(clean("  a\n b\u{7}c  "), "a bc");
        assert_eq!(sanitize_id("", "chart"), "chart");
        assert_eq!(truncate("short", 100.0, FONT), "short");
        assert!(truncate("한국어 이름이 아주 깁니다 정말로", 60.0, FONT).ends_with('…'));
    }
}
