//! Where a chart's plot sits, and its gridlines, scale numbers and axes.

use super::scale::Scale;
use super::{FONT, WIDTH, widest};
use crate::draw::svg::coordinate;
use crate::markup::escape;
use std::fmt::Write;

/// Height of one bar chart or range chart row.
pub(crate) const ROW: f64 = 28.0;

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
    /// Vertical gridlines and scale numbers under a horizontal chart.
    pub(crate) fn write_x_scale(&self, out: &mut String, scale: &Scale) {
        let labels = scale.tick_labels();
        let spacing = (self.right - self.left) / scale.intervals as f64;
        let widest_tick = widest(labels.iter().map(String::as_str));
        let stride = ((widest_tick + 8.0) / spacing).ceil().max(1.0) as usize;
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

/// A chart with one row per figure: labels on the left, the plot, values on the right,
/// and the scale under it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rows {
    /// Where the row labels end (they are right-aligned).
    pub(crate) label_x: f64,
    pub(crate) plot: Frame,
    pub(crate) height: f64,
}

impl Rows {
    /// Room for `count` rows with labels `label_w` wide and values `value_w` wide, the plot
    /// keeping `label_gap` from the labels and `value_gap` for what is drawn after a row.
    pub(crate) fn new(
        label_w: f64,
        value_w: f64,
        count: usize,
        label_gap: f64,
        value_gap: f64,
    ) -> Rows {
        let label_x = 4.0 + label_w;
        let top = 8.0;
        let bottom = top + ROW * count as f64;
        Rows {
            label_x,
            plot: Frame {
                left: label_x + label_gap,
                right: WIDTH - 4.0 - value_w - value_gap,
                top,
                bottom,
            },
            height: bottom + 26.0,
        }
    }

    /// Width of the plot: where the scale's maximum is drawn, from its left edge.
    pub(crate) fn plot_width(&self) -> f64 {
        self.plot.right - self.plot.left
    }

    /// The vertical middle of row `i`.
    pub(crate) fn center(&self, i: usize) -> f64 {
        self.plot.top + ROW * i as f64 + ROW / 2.0
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
