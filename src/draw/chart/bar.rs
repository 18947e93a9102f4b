//! Horizontal bar chart comparing actors for one measure.

use super::axis::Rows;
use super::scale::Scale;
use super::{FONT, LABEL_MAX, VALUE_MAX, clamp0, finite, joined, open_svg, widest};
use crate::draw::svg::{coordinate, fitted};
use crate::markup::escape;
use std::fmt::Write;

/// Height of a bar.
const BAR: f64 = 18.0;

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bar {
    /// Drawn to the left of the bar (the actor's name).
    pub label: String,
    /// Length of the bar; values below zero draw an empty bar but keep their label.
    pub value: f64,
    /// Drawn after the bar, as given (e.g. "1,000 troops").
    pub value_label: String,
    /// When given, the whole row links there.
    pub href: Option<String>,
}

/// Horizontal bar chart comparing actors for one measure.
///
/// Returns an empty string when there are no bars. The scale runs from 0 to a "nice"
/// maximum (1, 2, 2.5 or 5 × 10^k); bars keep the input order.
pub(crate) fn bar_chart(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
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
    let rows = Rows::new(label_w, value_w, bars.len(), 8.0, 6.0);

    let scale = Scale::new(bars.iter().map(|b| clamp0(b.value)).fold(0.0, f64::max));
    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        "chart chart-bar",
        rows.height,
        title,
        description,
    );
    rows.plot.write_x_scale(&mut out, &scale);
    for (i, bar) in bars.iter().enumerate() {
        let row = BarRow {
            bar,
            label: &labels[i],
            value: &values[i],
        };
        row.write(&mut out, &rows, &scale, i);
    }
    rows.plot.write_axes(&mut out);
    out.push_str("</svg>");
    out
}

/// One bar with its texts, each as (full, drawn).
struct BarRow<'a> {
    bar: &'a Bar,
    label: &'a (String, String),
    value: &'a (String, String),
}

impl BarRow<'_> {
    /// Writes the bar as row `i`, inside a link when it has one.
    fn write(&self, out: &mut String, rows: &Rows, scale: &Scale, i: usize) {
        let center = rows.center(i);
        let plot_x0 = rows.plot.left;
        let width = scale.fraction(clamp0(self.bar.value)) * rows.plot_width();
        let (full_label, drawn_label) = self.label;
        let (full_value, drawn_value) = self.value;
        if let Some(href) = &self.bar.href {
            let _ = write!(out, r#"<a class="bar-link" href="{}">"#, escape(href));
        }
        let negative = if finite(self.bar.value) < 0.0 {
            " bar-row-negative"
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<g class="bar-row{negative}"><title>{}</title><text class="label" x="{}" y="{}" text-anchor="end">{}</text><rect class="bar" x="{}" y="{}" width="{}" height="{}"/><text class="value-label" x="{}" y="{}">{}</text></g>"#,
            escape(&joined(full_label, full_value)),
            coordinate(rows.label_x),
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
        if self.bar.href.is_some() {
            out.push_str("</a>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::svg::text_width;
    use crate::draw::testing::{attr, elements};
    use crate::markup::assert_well_formed_svg as assert_well_formed;

    fn bar(label: &str, value: f64, href: Option<&str>) -> Bar {
        Bar {
            label: label.to_string(),
            value,
            value_label: format!("{value} troops"),
            href: href.map(str::to_string),
        }
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
}
