//! Where a chart's plot sits, and its gridlines, scale numbers and axes.

use super::scale::Scale;
use super::{FONT, Fit, widest};
use crate::draw::svg::coordinate;
use crate::markup::escape;
use std::fmt::Write;

/// Height of one bar chart or range chart row.
pub(crate) const ROW: f64 = 28.0;
/// Height of the line above a row that holds its label when rows are stacked.
const LABEL_LINE: f64 = 16.0;

/// The plot area of a chart, in user units: values grow rightwards from `left` or
/// upwards from `bottom` (the axis).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub(crate) left: f64,
    pub(crate) right: f64,
    pub(crate) top: f64,
    pub(crate) bottom: f64,
}

impl Frame {
    /// Vertical gridlines and scale numbers under a horizontal chart; a narrow chart
    /// numbers at most every other gridline. A scale that does not start at zero says so
    /// under its numbers.
    pub(crate) fn write_x_scale(&self, out: &mut String, scale: &Scale, fit: Fit) {
        let labels = scale.tick_labels();
        let spacing = (self.right - self.left) / scale.intervals as f64;
        let widest_tick = widest(labels.iter().map(String::as_str));
        let mut stride = ((widest_tick + 8.0) / spacing).ceil().max(1.0) as usize;
        if fit == Fit::Narrow && scale.intervals > 3 {
            stride = stride.max(2);
        }
        if scale.starts_above_zero() {
            let _ = write!(
                out,
                r#"<text class="baseline-note" x="{}" y="{}">{}</text>"#,
                coordinate(self.left),
                coordinate(self.bottom + 34.0),
                escape(&format!("Scale starts at {}, not zero", labels[0])),
            );
        }
        for (i, label) in labels.iter().enumerate() {
            let x = self.left + spacing * i as f64;
            if i > 0 {
                let _ = write!(
                    out,
                    r#"<line class="grid" x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.15"/>"#,
                    coordinate(self.top),
                    coordinate(self.bottom),
                    x = coordinate(x),
                );
            }
            if i % stride == 0 {
                let _ = write!(
                    out,
                    r#"<text class="tick-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                    coordinate(x),
                    coordinate(self.bottom + 17.0),
                    escape(label),
                );
            }
        }
    }

    /// Horizontal gridlines and the scale numbers (`ticks`, one per interval of `scale`)
    /// to the left of a vertical chart.
    pub(crate) fn write_y_scale(&self, out: &mut String, scale: &Scale, ticks: &[String]) {
        let plot_height = self.bottom - self.top;
        for (i, tick) in ticks.iter().enumerate() {
            let y = self.bottom - plot_height * i as f64 / scale.intervals as f64;
            if i > 0 {
                let _ = write!(
                    out,
                    r#"<line class="grid" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-opacity="0.15"/>"#,
                    coordinate(self.left),
                    coordinate(self.right),
                    y = coordinate(y),
                );
            }
            let _ = write!(
                out,
                r#"<text class="tick-label" x="{}" y="{}" text-anchor="end">{}</text>"#,
                coordinate(self.left - 6.0),
                coordinate(y + FONT / 3.0),
                escape(tick),
            );
        }
    }

    /// The zero line on the left and the baseline at the bottom, drawn over what they frame.
    pub(crate) fn write_axes(&self, out: &mut String) {
        let _ = write!(
            out,
            r#"<line class="axis" x1="{l}" y1="{t}" x2="{l}" y2="{b}" stroke="currentColor"/><line class="axis" x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="currentColor"/>"#,
            l = coordinate(self.left),
            t = coordinate(self.top),
            b = coordinate(self.bottom),
            r = coordinate(self.right),
        );
    }
}

/// A chart with one row per figure and the scale under it. Wide: labels on the left
/// (right-aligned), the plot, values after each mark. Stacked (narrow): each row's label
/// on its own line, its value at the line's end, the plot the chart's full width.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rows {
    /// Where the row labels end (wide: right-aligned there) or start (stacked).
    pub(crate) label_x: f64,
    pub(crate) plot: Frame,
    pub(crate) height: f64,
    /// Whether labels sit above the marks.
    pub(crate) stacked: bool,
    /// Stacked, whether each row's value has a line of its own under its label (when
    /// the two do not fit on one line).
    pub(crate) value_line: bool,
    /// The chart's width.
    pub(crate) width: f64,
}

/// What a row chart must leave room for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowsRoom {
    /// Widest drawn label and widest drawn value.
    pub(crate) label_w: f64,
    pub(crate) value_w: f64,
    /// Widest scale number, which the plot's ends must leave half of.
    pub(crate) tick_w: f64,
    pub(crate) count: usize,
    /// Space between the labels and the plot, and after a row's mark (wide only).
    pub(crate) label_gap: f64,
    pub(crate) value_gap: f64,
    /// Whether a line under the scale says it does not start at zero.
    pub(crate) baseline_note: bool,
}

impl Rows {
    /// Room for the rows, laid out for `fit`.
    pub(crate) fn new(fit: Fit, room: RowsRoom) -> Rows {
        let width = fit.width();
        let top = 8.0;
        let stacked = fit == Fit::Narrow;
        let value_line = stacked && !one_line(width, room.label_w, room.value_w);
        let row = ROW + LABEL_LINE * Self::text_lines(stacked, value_line);
        let bottom = top + row * room.count as f64;
        let height = bottom + 26.0 + if room.baseline_note { 16.0 } else { 0.0 };
        let (label_x, left, right) = if stacked {
            let edge = 4.0 + room.tick_w / 2.0;
            (4.0, edge, width - edge)
        } else {
            let label_x = 4.0 + room.label_w;
            (
                label_x,
                label_x + room.label_gap,
                width - 4.0 - room.value_w - room.value_gap,
            )
        };
        Rows {
            label_x,
            plot: Frame {
                left,
                right,
                top,
                bottom,
            },
            height,
            stacked,
            value_line,
            width,
        }
    }

    /// How many lines of text sit above each row's mark.
    fn text_lines(stacked: bool, value_line: bool) -> f64 {
        match (stacked, value_line) {
            (false, _) => 0.0,
            (true, false) => 1.0,
            (true, true) => 2.0,
        }
    }

    /// Height of one row, its texts and its mark.
    fn row_height(&self) -> f64 {
        ROW + LABEL_LINE * Self::text_lines(self.stacked, self.value_line)
    }

    /// Width of the plot: where the scale's maximum is drawn, from its left edge.
    pub(crate) fn plot_width(&self) -> f64 {
        self.plot.right - self.plot.left
    }

    /// The vertical middle of row `i`'s mark.
    pub(crate) fn center(&self, i: usize) -> f64 {
        if self.stacked {
            let above = LABEL_LINE * Self::text_lines(true, self.value_line);
            self.plot.top + self.row_height() * i as f64 + above + ROW / 2.0
        } else {
            self.plot.top + ROW * i as f64 + ROW / 2.0
        }
    }

    /// The baseline of row `i`'s label.
    pub(crate) fn label_y(&self, i: usize) -> f64 {
        if self.stacked {
            self.plot.top + self.row_height() * i as f64 + FONT
        } else {
            self.center(i) + FONT / 3.0
        }
    }

    /// The row label's opening `<text …>` attributes: where and how it is anchored.
    pub(crate) fn label_at(&self, i: usize) -> String {
        format!(
            r#"x="{}" y="{}" text-anchor="{}""#,
            coordinate(self.label_x),
            coordinate(self.label_y(i)),
            if self.stacked { "start" } else { "end" }
        )
    }

    /// Where row `i`'s value is written: after its mark ending at `mark_end` (wide), or
    /// at the end of its label line (stacked); as `<text …>` attributes.
    pub(crate) fn value_at(&self, i: usize, mark_end: f64, gap: f64) -> String {
        if self.value_line {
            format!(
                r#"x="{}" y="{}""#,
                coordinate(self.label_x),
                coordinate(self.label_y(i) + LABEL_LINE)
            )
        } else if self.stacked {
            format!(
                r#"x="{}" y="{}" text-anchor="end""#,
                coordinate(self.width - 4.0),
                coordinate(self.label_y(i))
            )
        } else {
            format!(
                r#"x="{}" y="{}""#,
                coordinate(mark_end + gap),
                coordinate(self.center(i) + FONT / 3.0)
            )
        }
    }
}

/// Whether a stacked row's label `label_w` wide and value `value_w` wide share one line.
fn one_line(width: f64, label_w: f64, value_w: f64) -> bool {
    label_w + value_w + 20.0 <= width
}

/// The rows' labels as drawn, by `fit_to(max_width)`: beside the plot within `label_max`
/// (wide); stacked, on the line they share with values `value_w` wide when every label
/// fits there uncut (as its name or an alias), else across the chart on a line of their
/// own (see [`Rows::new`]).
pub(crate) fn row_labels(
    fit: Fit,
    label_max: f64,
    value_w: f64,
    fit_to: impl Fn(f64) -> Vec<String>,
) -> Vec<String> {
    match fit {
        Fit::Wide => fit_to(label_max),
        Fit::Narrow => {
            let beside_value = fit_to(fit.width() - 20.0 - value_w);
            if beside_value.iter().all(|label| !label.contains('…')) {
                beside_value
            } else {
                fit_to(fit.width() - 8.0)
            }
        }
    }
}

/// How wide a row's value may be drawn: after its mark (wide), or across the chart.
pub(crate) fn value_room(fit: Fit, value_max: f64) -> f64 {
    match fit {
        Fit::Wide => value_max,
        Fit::Narrow => fit.width() - 8.0,
    }
}

/// Which of `n` evenly spaced labels to draw: every `stride`-th, and always the last
/// (dropping the one before it when they would collide).
pub(crate) fn shown_indices(n: usize, stride: usize) -> Vec<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_indices_keep_first_and_last() {
        assert_eq!(shown_indices(1, 1), [0]);
        assert_eq!(shown_indices(5, 1), [0, 1, 2, 3, 4]);
        assert_eq!(shown_indices(5, 2), [0, 2, 4]);
        assert_eq!(shown_indices(6, 2), [0, 2, 5]);
        assert_eq!(shown_indices(10, 4), [0, 4, 9]);
    }
}
