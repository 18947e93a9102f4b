//! Step chart for one actor's history of one measure (e.g. 500 then 1,000), with a
//! disputed point drawn as a whisker from its lowest to its highest reported value.

use super::axis::{Frame, shown_indices};
use super::scale::Scale;
use super::{FONT, Fit, VALUE_MAX, clamp0, joined, open_svg, widest};
use crate::draw::svg::{coordinate, fitted, text_width};
use crate::markup::escape;
use std::fmt::Write;

/// Longest drawn date label under a step chart, in user units.
const X_LABEL_MAX: f64 = 140.0;
/// Height of the plot area of a step chart.
const STEP_PLOT: f64 = 180.0;

/// One point of a step chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Point {
    /// A categorical label for the date, e.g. "2012" or "March 2013".
    pub x_label: String,
    /// The value; the lowest reported one when disputed.
    pub value: f64,
    /// The highest reported value of a disputed point: the point is then a whisker
    /// from `value` to it, and the line does not pretend to know a value there.
    pub high: Option<f64>,
    pub value_label: String,
}

/// Step chart for one actor's history of one measure (e.g. 500 then 1,000).
///
/// Points are expected in time order and are spaced evenly by index: dates are categorical
/// labels. The value holds from one point until the next, where the line steps; the line
/// stops at a disputed point and starts again at the next known one. With `whole`, only
/// whole-number steps on the scale. Returns an empty string when there are no points.
pub(crate) fn step_chart(
    id: &str,
    title: &str,
    description: &str,
    points: &[Point],
    whole: bool,
    fit: Fit,
) -> String {
    if points.is_empty() {
        return String::new();
    }
    let top = points
        .iter()
        .map(|p| clamp0(p.value).max(p.high.map_or(0.0, clamp0)))
        .fold(0.0, f64::max);
    let scale = Scale::from_zero(top, whole);
    let ticks = scale.tick_labels();
    let texts = Texts::new(points);
    let plot = Plot::new(widest(ticks.iter().map(String::as_str)), &texts, fit);
    let ys: Vec<f64> = points.iter().map(|p| plot.y_of(&scale, p.value)).collect();
    let highs: Vec<Option<f64>> = points
        .iter()
        .map(|p| p.high.map(|high| plot.y_of(&scale, high)))
        .collect();

    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        "chart chart-step",
        fit,
        plot.height,
        title,
        description,
    );
    plot.frame.write_y_scale(&mut out, &scale, &ticks);
    plot.frame.write_axes(&mut out);
    plot.write_x_labels(&mut out, &texts);
    plot.write_line(&mut out, &ys, &highs);
    plot.write_points(&mut out, &texts, &ys, &highs);
    out.push_str("</svg>");
    out
}

/// The points' texts, each as (full, drawn).
struct Texts {
    x_labels: Vec<(String, String)>,
    values: Vec<(String, String)>,
}

impl Texts {
    fn new(points: &[Point]) -> Texts {
        Texts {
            x_labels: points
                .iter()
                .map(|p| fitted(&p.x_label, X_LABEL_MAX, FONT))
                .collect(),
            values: points
                .iter()
                .map(|p| fitted(&p.value_label, VALUE_MAX, FONT))
                .collect(),
        }
    }
}

/// Where the plot and the points go.
struct Plot {
    frame: Frame,
    height: f64,
    /// Each point's x, evenly spaced.
    xs: Vec<f64>,
    /// Distance between neighbouring points (0 for a single point).
    spacing: f64,
}

impl Plot {
    /// Room on the left for scale numbers `tick_w` wide; the first and last points are
    /// pulled in so that their date and value labels stay inside the chart.
    fn new(tick_w: f64, texts: &Texts, fit: Fit) -> Plot {
        let n = texts.x_labels.len();
        let left = 8.0 + tick_w + 6.0;
        let right = fit.width() - 12.0;
        let top = 28.0;
        let axis_y = top + STEP_PLOT;
        let first_x_w = text_width(&texts.x_labels[0].1, FONT);
        let last_x_w = text_width(&texts.x_labels[n - 1].1, FONT);
        let last_value_w = text_width(&texts.values[n - 1].1, FONT);
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
        Plot {
            frame: Frame {
                left,
                right,
                top,
                bottom: axis_y,
            },
            height: axis_y + 30.0,
            xs,
            spacing,
        }
    }

    /// Where `value` is drawn: higher values higher up.
    fn y_of(&self, scale: &Scale, value: f64) -> f64 {
        self.frame.bottom - scale.fraction(clamp0(value)) * STEP_PLOT
    }

    /// Date labels: every one that fits, always the first and the last.
    fn write_x_labels(&self, out: &mut String, texts: &Texts) {
        let n = self.xs.len();
        let widest_x = widest(texts.x_labels.iter().map(|l| l.1.as_str()));
        let stride = if n > 1 {
            ((widest_x + 8.0) / self.spacing).ceil().max(1.0) as usize
        } else {
            1
        };
        for i in shown_indices(n, stride) {
            let _ = write!(
                out,
                r#"<text class="x-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                coordinate(self.xs[i]),
                coordinate(self.frame.bottom + 18.0),
                escape(&texts.x_labels[i].1),
            );
        }
    }

    /// The stepped line through the points at heights `ys`: the value holds until the
    /// next point. At a disputed point (a whisker in `highs`) the line stops, and starts
    /// again at the next known point. A single point has no line.
    fn write_line(&self, out: &mut String, ys: &[f64], highs: &[Option<f64>]) {
        let xs = &self.xs;
        if xs.len() < 2 {
            return;
        }
        let mut d = String::new();
        let mut drawing = false;
        for i in 0..xs.len() {
            let known = highs[i].is_none();
            if drawing {
                let _ = write!(d, " H{}", coordinate(xs[i]));
                if known {
                    let _ = write!(d, " V{}", coordinate(ys[i]));
                }
            } else if known {
                if !d.is_empty() {
                    d.push(' ');
                }
                let _ = write!(d, "M{},{}", coordinate(xs[i]), coordinate(ys[i]));
            }
            drawing = known;
        }
        if !d.contains('H') {
            return;
        }
        let _ = write!(
            out,
            r#"<path class="line" d="{d}" fill="none" stroke="currentColor" stroke-width="2"/>"#
        );
    }

    /// A circle at each point, with its values next to it: every one when they fit, else
    /// the first and the last (the others stay in the circle's title).
    fn write_points(&self, out: &mut String, texts: &Texts, ys: &[f64], highs: &[Option<f64>]) {
        let n = self.xs.len();
        let widest_value = widest(texts.values.iter().map(|v| v.1.as_str()));
        let every_value = n == 1 || self.spacing >= widest_value + 10.0;
        for (i, (&x, &y)) in self.xs.iter().zip(ys).enumerate() {
            let (full_x, _) = &texts.x_labels[i];
            let (full_value, drawn_value) = &texts.values[i];
            if let Some(y_high) = highs[i] {
                let title = escape(&joined(full_x, &format!("{full_value}, disputed")));
                let _ = write!(
                    out,
                    r#"<g class="whisker"><title>{title}</title><line x1="{x}" y1="{y}" x2="{x}" y2="{yh}" stroke="currentColor" stroke-width="2"/><line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="currentColor" stroke-width="2"/><line x1="{l}" y1="{yh}" x2="{r}" y2="{yh}" stroke="currentColor" stroke-width="2"/></g>"#,
                    x = coordinate(x),
                    y = coordinate(y),
                    yh = coordinate(y_high),
                    l = coordinate(x - 5.0),
                    r = coordinate(x + 5.0),
                );
                if every_value || i == 0 || i == n - 1 {
                    let _ = write!(
                        out,
                        r#"<text class="value-label" x="{}" y="{}">{}</text>"#,
                        coordinate(x + 8.0),
                        coordinate(y_high - 7.0),
                        escape(drawn_value),
                    );
                }
                continue;
            }
            let _ = write!(
                out,
                r#"<circle class="point" cx="{}" cy="{}" r="4"><title>{}</title></circle>"#,
                coordinate(x),
                coordinate(y),
                escape(&joined(full_x, full_value)),
            );
            if every_value || i == 0 || i == n - 1 {
                let _ = write!(
                    out,
                    r#"<text class="value-label" x="{}" y="{}">{}</text>"#,
                    coordinate(x + 5.0),
                    coordinate(y - 7.0),
                    escape(drawn_value),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::chart::Fit;
    use crate::draw::testing::{attr, elements};
    use crate::markup::assert_well_formed_svg as assert_well_formed;

    fn point(x: &str, value: f64) -> Point {
        Point {
            x_label: x.to_string(),
            value,
            value_label: format!("{value}"),
            ..Point::default()
        }
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
            false,
            Fit::Wide,
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
    fn a_disputed_point_is_a_whisker_and_breaks_the_line() {
        let mut disputed = point("2019", 15_000.0);
        disputed.high = Some(20_000.0);
        disputed.value_label = "15,000–20,000".into();
        let points = [point("2017", 18_000.0), disputed, point("2020", 19_000.0)];
        let svg = step_chart("h", "t", "d", &points, true, Fit::Narrow);
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<g class="whisker">"#).count(), 1);
        assert!(
            svg.contains("<title>2019: 15,000–20,000, disputed</title>"),
            "{svg}"
        );
        assert_eq!(svg.matches(r#"<circle class="point""#).count(), 2);
        let path = elements(&svg, "<path class=\"line\"")[0];
        // Holds 18,000 until 2019, stops; starts again at 2020.
        assert_eq!(path.matches('M').count(), 2, "{path}");
        assert!(svg.contains("viewBox=\"0 0 360.0 "));
    }

    #[test]
    fn step_chart_with_one_point_or_many() {
        let svg = step_chart("one", "t", "d", &[point("2013", 0.0)], false, Fit::Wide);
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<circle class="point""#).count(), 1);
        assert!(!svg.contains("class=\"line\""));

        let many: Vec<Point> = (0..60)
            .map(|i| point(&format!("Month {i}"), i as f64 * 1.5))
            .collect();
        let svg = step_chart("many", "t", "d", &many, false, Fit::Wide);
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<circle class="point""#).count(), 60);
        let x_labels = svg.matches("class=\"x-label\"").count();
        assert!((2..60).contains(&x_labels), "{x_labels}");
        assert!(svg.contains(">Month 0</text>") && svg.contains(">Month 59</text>"));
        assert_eq!(svg.matches("class=\"value-label\"").count(), 2);
        // Every value is still there, as a tooltip.
        assert!(svg.contains("<title>Month 30: 45</title>"));
    }
}
