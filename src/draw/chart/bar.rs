//! Horizontal bar chart comparing actors' latest figures for one measure; a disputed
//! figure is a bar to its lowest reported value and a lighter range to its highest.

use super::axis::{Rows, RowsRoom, row_labels, value_room};
use super::scale::Scale;
use super::{FONT, Fit, LABEL_MAX, VALUE_MAX, clamp0, finite, joined, open_svg, widest};
use crate::draw::svg::{clean, coordinate, fitted_name};
use crate::markup::escape;
use std::fmt::Write;

/// Height of a bar.
const BAR: f64 = 18.0;

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Bar {
    /// The actor's full name: drawn when it fits, always in the row's title.
    pub label: String,
    /// Shorter names drawn instead when the full one does not fit.
    pub aliases: Vec<String>,
    /// Length of the bar (the lowest reported value when disputed); values below zero
    /// draw an empty bar but keep their label.
    pub value: f64,
    /// The highest reported value of a disputed figure, drawn as a range after the bar.
    pub high: Option<f64>,
    /// Drawn after the bar, as given (e.g. "1,000 troops"); cut when too long.
    pub value_label: String,
    /// Drawn after the value and never cut, e.g. "(2019, disputed)".
    pub note: String,
    /// When given, the whole row links there.
    pub href: Option<String>,
}

/// Horizontal bar chart comparing actors for one measure, drawn for `fit`.
///
/// Returns an empty string when there are no bars. The scale runs from 0 to a "nice"
/// maximum (1, 2, 2.5 or 5 × 10^k; whole steps only when `whole`); bars keep the input
/// order.
pub(crate) fn bar_chart(
    id: &str,
    title: &str,
    description: &str,
    bars: &[Bar],
    whole: bool,
    fit: Fit,
) -> String {
    if bars.is_empty() {
        return String::new();
    }
    // Wide: the value follows the bar; narrow: it shares the label's line or has its own.
    let value_max = value_room(fit, VALUE_MAX + 110.0);
    let values: Vec<String> = bars
        .iter()
        .map(|b| fitted_name(&b.value_label, &[], &b.note, value_max, FONT))
        .collect();
    let value_w = widest(values.iter().map(String::as_str)).max(24.0);
    let labels = row_labels(fit, LABEL_MAX, value_w, |max| {
        bars.iter()
            .map(|b| fitted_name(&b.label, &b.aliases, "", max, FONT))
            .collect()
    });
    let label_w = widest(labels.iter().map(String::as_str)).max(24.0);
    let top = bars
        .iter()
        .map(|b| clamp0(b.value).max(b.high.map_or(0.0, clamp0)))
        .fold(0.0, f64::max);
    let scale = Scale::from_zero(top, whole);
    let rows = Rows::new(
        fit,
        RowsRoom {
            label_w,
            value_w,
            tick_w: widest(scale.tick_labels().iter().map(String::as_str)),
            count: bars.len(),
            label_gap: 8.0,
            value_gap: 6.0,
            baseline_note: false,
        },
    );
    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        "chart chart-bar",
        fit,
        rows.height,
        title,
        description,
    );
    rows.plot.write_x_scale(&mut out, &scale, fit);
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

/// One bar with its drawn texts.
struct BarRow<'a> {
    bar: &'a Bar,
    label: &'a str,
    value: &'a str,
}

impl BarRow<'_> {
    /// Writes the bar as row `i`, inside a link when it has one.
    fn write(&self, out: &mut String, rows: &Rows, scale: &Scale, i: usize) {
        let center = rows.center(i);
        let plot_x0 = rows.plot.left;
        let width = scale.fraction(clamp0(self.bar.value)) * rows.plot_width();
        let high_end = self
            .bar
            .high
            .map(|high| plot_x0 + scale.fraction(clamp0(high)) * rows.plot_width());
        if let Some(href) = &self.bar.href {
            let _ = write!(out, r#"<a class="bar-link" href="{}">"#, escape(href));
        }
        let negative = if finite(self.bar.value) < 0.0 {
            " bar-row-negative"
        } else {
            ""
        };
        let full_value = clean(&format!("{} {}", self.bar.value_label, self.bar.note));
        let _ = write!(
            out,
            r#"<g class="bar-row{negative}"><title>{}</title><text class="label" {}>{}</text><rect class="bar" x="{}" y="{}" width="{}" height="{}"/>"#,
            escape(&joined(&clean(&self.bar.label), &full_value)),
            rows.label_at(i),
            escape(self.label),
            coordinate(plot_x0),
            coordinate(center - BAR / 2.0),
            coordinate(width),
            coordinate(BAR),
        );
        if let Some(end) = high_end {
            let _ = write!(
                out,
                r#"<rect class="bar-range" x="{}" y="{}" width="{}" height="{}" fill-opacity="0.35"/>"#,
                coordinate(plot_x0 + width),
                coordinate(center - BAR / 2.0),
                coordinate((end - plot_x0 - width).max(0.0)),
                coordinate(BAR),
            );
        }
        let _ = write!(
            out,
            r#"<text class="value-label" {}>{}</text></g>"#,
            rows.value_at(
                i,
                high_end.unwrap_or(plot_x0 + width).max(plot_x0 + width),
                6.0
            ),
            escape(self.value),
        );
        if self.bar.href.is_some() {
            out.push_str("</a>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::chart::Fit;
    use crate::draw::svg::text_width;
    use crate::draw::testing::{attr, elements};
    use crate::markup::assert_well_formed_svg as assert_well_formed;

    fn bar(label: &str, value: f64, href: Option<&str>) -> Bar {
        Bar {
            label: label.to_string(),
            value,
            value_label: format!("{value} troops"),
            href: href.map(str::to_string),
            ..Bar::default()
        }
    }

    #[test]
    fn bar_chart_has_accessible_name_and_one_bar_per_input() {
        let bars = [
            bar("North Korea", 1000.0, Some("/actors/north-korea/")),
            bar("South Korea", 600.0, None),
            bar("United States", 40.0, Some("/actors/united-states/")),
        ];
        let svg = bar_chart(
            "cyber-units",
            "Cyber units",
            "Estimated personnel",
            &bars,
            false,
            Fit::Wide,
        );
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
        let svg = bar_chart(
            "one",
            "t",
            "d",
            &[bar("Only", 42.0, None)],
            false,
            Fit::Wide,
        );
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<rect class="bar""#).count(), 1);

        let svg = bar_chart(
            "zero",
            "t",
            "d",
            &[bar("A", 0.0, None), bar("B", 0.0, None)],
            false,
            Fit::Wide,
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
        let svg = bar_chart("odd", "t", "d", &odd, false, Fit::Wide);
        assert_well_formed(&svg);
    }

    #[test]
    fn negative_values_draw_no_bar_but_keep_their_label() {
        let svg = bar_chart(
            "neg",
            "t",
            "d",
            &[bar("Loss", -50.0, None), bar("Gain", 10.0, None)],
            false,
            Fit::Wide,
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
        let svg = bar_chart("long", "t", "d", &[bar(long, 5.0, None)], false, Fit::Wide);
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
            ..Bar::default()
        }];
        let svg = bar_chart(r#"id"><x"#, r#"T<&">"#, "D'&", &bars, false, Fit::Wide);
        assert_well_formed(&svg);
        assert!(!svg.contains("<script") && !svg.contains("<x"));
        assert!(svg.contains("&lt;script&gt;&quot;A&amp;B&quot;&lt;/script&gt;"));
        assert!(svg.contains("&lt;1 &amp; 2&gt;"));
        assert!(svg.contains(r#"href="/a?x=1&amp;y=&quot;2&quot;""#));
        assert!(svg.contains(r#"<title id="id---x-title">T&lt;&amp;&quot;&gt;</title>"#));
        assert!(svg.contains("D&#39;&amp;</desc>"));
    }

    #[test]
    fn narrow_bars_put_labels_above_and_a_long_value_on_a_line_of_its_own() {
        let short = bar("Iran", 15_000.0, None);
        let svg = bar_chart(
            "n",
            "t",
            "d",
            std::slice::from_ref(&short),
            false,
            Fit::Narrow,
        );
        assert_well_formed(&svg);
        assert!(svg.contains("viewBox=\"0 0 360.0 "), "{svg}");
        let label = elements(&svg, "<text class=\"label\"")[0];
        let value = elements(&svg, "<text class=\"value-label\"")[0];
        let bar_y = attr(elements(&svg, "<rect class=\"bar\"")[0], "y");
        assert!(label.contains("text-anchor=\"start\"") && attr(label, "y") < bar_y);
        assert_eq!(attr(label, "y"), attr(value, "y"), "one line: {svg}");

        let mut disputed = bar("Iran", 15_000.0, None);
        disputed.high = Some(20_000.0);
        disputed.value_label = "15,000–20,000".into();
        disputed.note = "(14 November 2020, disputed)".into();
        disputed.label = "Republic of Coastland and its Islands".into();
        let svg = bar_chart("n", "t", "d", &[disputed], false, Fit::Narrow);
        let label = elements(&svg, "<text class=\"label\"")[0];
        let value = elements(&svg, "<text class=\"value-label\"")[0];
        assert!(attr(value, "y") > attr(label, "y"), "two lines: {svg}");
        assert!(svg.contains(">15,000–20,000 (14 November 2020, disputed)</text>"));
        assert!(svg.contains(">Republic of Coastland and its Islands</text>"));
        let range = elements(&svg, "<rect class=\"bar-range\"")[0];
        assert!(attr(range, "x") + attr(range, "width") <= 360.0);
    }
}
