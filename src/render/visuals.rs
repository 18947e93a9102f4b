//! Charts and relation graphs for pages: which chart a set of figures gets, and
//! which actors and relations a graph shows. The drawing itself is in `draw`.

use serde::Serialize;

use crate::draw::{self, Bar, Edge, Fit, Node, Point, RangeBar};
use crate::render::i18n::Words;
use crate::render::views::{DateView, FigureRow};
use crate::site::{Direction, Site};
use crate::url::Route;

/// An inline SVG with the sentence that says what it shows.
#[derive(Serialize)]
pub struct Chart {
    /// The drawing for wide columns.
    pub svg: String,
    /// The same chart drawn for phones (labels above bars, fewer ticks); empty when one
    /// drawing serves every width.
    pub svg_narrow: String,
    pub caption: String,
    /// Whether the drawing is too wide to shrink to a phone's width and keep its text
    /// readable, and so sits in a labelled scroller with a hint.
    pub scrolls: bool,
}

/// The figure shown as an actor's latest for a measure, among that actor's rows of it in
/// date order: the newest by date, disputed or not (a disputed one is drawn as a range).
/// The forces bar chart and the key-facts box both ask this one function.
pub(crate) fn latest_row<'r, 'a>(rows: &[&'r FigureRow<'a>]) -> Option<&'r FigureRow<'a>> {
    rows.last().copied()
}

/// Charts for one measure's rows (ordered by actor, then date): a bar chart comparing
/// actors' latest figures (the newest by date, a range when disputed), a step chart per
/// actor with a history (disputed dates drawn as whiskers), and a range chart of every
/// disputed figure. Each is drawn for wide columns and for phones.
pub fn measure_charts(
    site: &Site,
    words: &Words,
    id: &str,
    measure: &str,
    rows: &[FigureRow<'_>],
) -> Vec<Chart> {
    let mut by_actor: Vec<Vec<&FigureRow<'_>>> = Vec::new();
    for row in rows {
        match by_actor.last_mut() {
            Some(group)
                if group
                    .first()
                    .is_some_and(|first| first.actor_id == row.actor_id) =>
            {
                group.push(row)
            }
            _ => by_actor.push(vec![row]),
        }
    }
    let measure = Measure {
        site,
        words,
        id,
        name: measure,
        heading: capitalized(measure),
        whole: rows
            .iter()
            .flat_map(|r| &r.figures)
            .all(|f| f.value.fract() == 0.0),
    };
    let mut charts = Vec::new();
    // One actor's lone disputed figure is the range chart's alone.
    let lone_dispute = by_actor.len() == 1 && rows.len() == 1 && rows[0].disputed;
    if (by_actor.len() > 1 || by_actor.first().is_some_and(|rows| rows.len() == 1)) && !lone_dispute
    {
        charts.push(measure.latest_chart(&by_actor, rows));
    }
    for (n, history) in by_actor.iter().enumerate() {
        if history.len() >= 2 {
            charts.push(measure.history_chart(n, history));
        }
    }
    let disputed: Vec<&FigureRow<'_>> = rows.iter().filter(|r| r.disputed).collect();
    if !disputed.is_empty() {
        charts.push(measure.disputed_chart(&disputed));
    }
    charts
}

/// One measure, as its charts name and draw it.
struct Measure<'s> {
    site: &'s Site,
    /// The words of captions and titles, in the edition's language.
    words: &'s Words,
    /// Prefix of the charts' ids.
    id: &'s str,
    /// As the editor wrote it, for the middle of a sentence.
    name: &'s str,
    /// With its first letter capitalised, for the start of one.
    heading: String,
    /// Whether every value is a whole number (counts): then ticks are whole numbers.
    whole: bool,
}

impl Measure<'_> {
    fn actor_name(&self, row: &FigureRow<'_>) -> String {
        row.actor.as_ref().map_or_else(
            || self.words.say("words.chart.unknown_actor", &[]),
            |a| a.title.to_string(),
        )
    }

    fn aliases(&self, row: &FigureRow<'_>) -> Vec<String> {
        self.site
            .actor_ix(row.actor_id)
            .map(|ix| self.site.actors[ix].aliases.clone())
            .unwrap_or_default()
    }

    /// Each actor's newest figure, disputed or not, as bars.
    fn latest_chart(&self, by_actor: &[Vec<&FigureRow<'_>>], rows: &[FigureRow<'_>]) -> Chart {
        let latest: Vec<&FigureRow<'_>> = by_actor
            .iter()
            .filter_map(|rows| latest_row(rows))
            .collect();
        let bars: Vec<Bar> = latest
            .iter()
            .map(|row| Bar {
                label: self.actor_name(row),
                aliases: self.aliases(row),
                value: row.low,
                high: row.disputed.then_some(row.high),
                value_label: row.value_display.clone(),
                note: if row.disputed {
                    self.words.say(
                        "words.chart.as_of_disputed",
                        &[("date", &row.as_of.display)],
                    )
                } else {
                    self.words
                        .say("words.chart.as_of", &[("date", &row.as_of.display)])
                },
                // No link inside an image: the data table beside the chart links each actor.
                href: None,
            })
            .collect();
        let mut caption = self.words.say(
            "words.chart.latest",
            &[("measure", &self.heading), ("unit", &self.unit_of(rows))],
        );
        for row in latest.iter().filter(|r| r.disputed) {
            caption.push_str(&self.words.say(
                "words.chart.latest_disputed",
                &[
                    ("actor", &self.actor_name(row)),
                    ("value", &row.value_display),
                    ("unit", &row.unit_display),
                    ("when", &self.date_phrase(&row.as_of)),
                ],
            ));
        }
        let id = format!("{}-bars", self.id);
        let draw = |fit| draw::bar_chart(&id, &self.heading, &caption, &bars, self.whole, fit);
        both_fits(self.words, draw, caption.clone(), None)
    }

    /// One actor's figures over time, the `n`th history of the measure.
    fn history_chart(&self, n: usize, rows: &[&FigureRow<'_>]) -> Chart {
        let actor = self.actor_name(rows[0]);
        let points: Vec<Point> = rows
            .iter()
            .map(|row| Point {
                x_label: row.as_of.display.clone(),
                value: row.low,
                high: row.disputed.then_some(row.high),
                value_label: row.value_display.clone(),
            })
            .collect();
        let values: Vec<String> = rows
            .iter()
            .map(|r| {
                let disputed = if r.disputed {
                    self.words.say("words.chart.disputed_mark", &[])
                } else {
                    String::new()
                };
                format!(
                    "{}{disputed} {}",
                    r.value_display,
                    self.date_phrase(&r.as_of)
                )
            })
            .collect();
        let caption = self.words.say(
            "words.chart.history",
            &[
                ("actor", &actor),
                ("measure", self.name),
                (
                    "values",
                    &values.join(&self.words.say("words.chart.then", &[])),
                ),
            ],
        );
        let title = self.words.say(
            "words.chart.history_title",
            &[("actor", &actor), ("measure", self.name)],
        );
        let id = format!("{}-history-{n}", self.id);
        let draw = |fit| draw::step_chart(&id, &title, &caption, &points, self.whole, fit);
        both_fits(self.words, draw, caption.clone(), None)
    }

    /// Every disputed figure as a range, on a scale that may start above zero.
    fn disputed_chart(&self, disputed: &[&FigureRow<'_>]) -> Chart {
        let ranges: Vec<RangeBar> = disputed
            .iter()
            .map(|row| RangeBar {
                label: self.actor_name(row),
                aliases: self.aliases(row),
                note: self
                    .words
                    .say("words.chart.as_of", &[("date", &row.as_of.display)]),
                low: row.low,
                high: row.high,
                low_label: self.words.number(row.low),
                high_label: self.words.number(row.high),
            })
            .collect();
        let described: Vec<String> = disputed
            .iter()
            .map(|r| {
                self.words.say(
                    "words.chart.disputed_item",
                    &[
                        ("actor", &self.actor_name(r)),
                        ("when", &self.date_phrase(&r.as_of)),
                        ("value", &r.value_display),
                        ("unit", &r.unit_display),
                    ],
                )
            })
            .collect();
        let mut caption = self.words.say(
            "words.chart.disputed",
            &[
                ("measure", &self.heading),
                ("figures", &described.join("; ")),
            ],
        );
        let baseline = draw::range_baseline(&ranges, self.whole);
        if let Some(start) = &baseline {
            caption.push_str(&self.words.say(
                "words.chart.baseline",
                &[("start", &localized_number(self.words, start))],
            ));
        }
        let baseline_note = baseline.map(|start| {
            self.words.say(
                "words.chart.baseline_note",
                &[("start", &localized_number(self.words, &start))],
            )
        });
        let title = self
            .words
            .say("words.chart.disputed_title", &[("measure", &self.heading)]);
        let id = format!("{}-disputed", self.id);
        let draw = |fit| draw::range_chart(&id, &title, &caption, &ranges, self.whole, fit);
        both_fits(self.words, draw, caption.clone(), baseline_note.as_deref())
    }

    /// "on 14 November 2020" for a day, "in November 2020" for a month, "in 2020" for a year.
    fn date_phrase(&self, date: &DateView) -> String {
        let key = if date.iso.len() == 10 {
            "words.chart.on_day"
        } else {
            "words.chart.in_period"
        };
        self.words.say(key, &[("date", &date.display)])
    }

    fn unit_of(&self, rows: &[FigureRow<'_>]) -> String {
        rows.first()
            .map(|r| r.unit.to_string())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| self.words.say("words.chart.units", &[]))
    }
}

/// A chart drawn for wide columns and for phones, in the edition's language;
/// `baseline_note` is what a scale not starting at zero says under its numbers.
fn both_fits(
    words: &Words,
    draw: impl Fn(Fit) -> String,
    caption: String,
    baseline_note: Option<&str>,
) -> Chart {
    let localized = |svg: String| match baseline_note {
        Some(note) => with_text_of_class(&in_language(words, svg), "baseline-note", |_| {
            crate::markup::escape(note)
        }),
        None => in_language(words, svg),
    };
    Chart {
        svg: localized(draw(Fit::Wide)),
        svg_narrow: localized(draw(Fit::Narrow)),
        caption,
        scrolls: false,
    }
}

/// The text with its first letter made upper case and every other letter kept as the
/// editor wrote it ("Harbourland-made missiles in Coastland", not "…in coastland").
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A drawing for the edition's language: the numbers of its scale in the language's
/// digits and separators, and, in a right-to-left language, the drawing itself kept left
/// to right: its coordinates and `text-anchor`s are laid out that way, and numbers must
/// not flip. English drawings are left byte for byte as drawn.
fn in_language(words: &Words, svg: String) -> String {
    let mut svg = if words.numbers_as_english() {
        svg
    } else {
        localized_tick_labels(words, &svg)
    };
    if words.right_to_left() && svg.starts_with("<svg ") {
        svg.insert_str("<svg ".len(), "direction=\"ltr\" ");
    }
    svg
}

/// The text of every `<text class="tick-label">` (the scale's numbers) localised.
fn localized_tick_labels(words: &Words, svg: &str) -> String {
    with_text_of_class(svg, "tick-label", |number| localized_number(words, number))
}

/// `svg` with the text of every `<text class="{class}">` passed through `change`.
fn with_text_of_class(svg: &str, class: &str, change: impl Fn(&str) -> String) -> String {
    let open = format!("<text class=\"{class}\"");
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(&open) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (Some(start), Some(end)) = (rest.find('>'), rest.find("</text>")) else {
            break;
        };
        if start > end {
            break;
        }
        out.push_str(&rest[..=start]);
        out.push_str(&change(&rest[start + 1..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A number the drawing code wrote the English way, in the edition's language.
fn localized_number(words: &Words, english: &str) -> String {
    crate::render::i18n::formats::localize_number(english, words.language())
}

/// Widest graph, in user units, that still reads when shrunk to a phone's width; a wider
/// one keeps a readable size and scrolls.
const GRAPH_SHRINKS_TO: f64 = 440.0;

fn graph_chart(words: &Words, svg: String, width: f64, caption: String) -> Chart {
    Chart {
        svg: in_language(words, svg),
        svg_narrow: String::new(),
        caption,
        scrolls: width > GRAPH_SHRINKS_TO,
    }
}

fn node(site: &Site, ix: usize) -> Node {
    // `kind` is a CSS class, not shown: it stays the English name.
    let actor = &site.actors[ix];
    Node {
        id: actor.id.to_string(),
        label: actor.name.clone(),
        aliases: actor.aliases.clone(),
        kind: actor.kind.label().to_lowercase(),
        href: site.urls.href(Route::Actor(&actor.id)),
    }
}

/// Every actor and every relation, as written (from → to).
pub fn whole_graph(site: &Site, words: &Words) -> Option<Chart> {
    let nodes: Vec<Node> = (0..site.actors.len()).map(|ix| node(site, ix)).collect();
    let edges: Vec<Edge> = site
        .actor_links
        .iter()
        .enumerate()
        .flat_map(|(from, links)| {
            links
                .relations
                .iter()
                .filter(|r| r.direction == Direction::Outgoing)
                .map(move |r| Edge {
                    from: site.actors[from].id.to_string(),
                    to: site.actors[r.other].id.to_string(),
                    label: words.relation_outgoing(&r.kind),
                    symmetric: crate::site::is_symmetric(&r.kind),
                })
        })
        .collect();
    if edges.is_empty() {
        return None;
    }
    let caption = words.count(
        "words.graph.all_caption",
        edges.len(),
        &[("actors", &words.number(nodes.len() as f64))],
    );
    let (svg, width) = draw::relation_graph_sized(
        "relations-all",
        &words.say("words.graph.all_title", &[]),
        &caption,
        &nodes,
        &edges,
        None,
    );
    Some(graph_chart(words, svg, width, caption))
}

/// One actor and its direct relations.
pub fn neighbourhood(site: &Site, words: &Words, ix: usize) -> Option<Chart> {
    let links = &site.actor_links[ix];
    if links.relations.is_empty() {
        return None;
    }
    let mut nodes = vec![node(site, ix)];
    nodes.extend(links.relations.iter().map(|r| node(site, r.other)));
    let edges: Vec<Edge> = links
        .relations
        .iter()
        .map(|r| {
            let (from, to) = match r.direction {
                Direction::Outgoing => (ix, r.other),
                Direction::Incoming => (r.other, ix),
            };
            Edge {
                from: site.actors[from].id.to_string(),
                to: site.actors[to].id.to_string(),
                label: words.relation_outgoing(&r.kind),
                symmetric: crate::site::is_symmetric(&r.kind),
            }
        })
        .collect();
    let name = &site.actors[ix].name;
    let caption = words.count(
        "words.graph.actor_caption",
        nodes.len() - 1,
        &[("name", name)],
    );
    let (svg, width) = draw::relation_graph_sized(
        "relations-actor",
        &words.say("words.graph.actor_title", &[("name", name)]),
        &caption,
        &nodes,
        &edges,
        Some(site.actors[ix].id.as_str()),
    );
    Some(graph_chart(words, svg, width, caption))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(language: &str) -> Words {
        let catalog = crate::render::i18n::Catalog::load(
            std::path::Path::new("/nonexistent"),
            "default",
            &[language.to_string()],
            true,
        )
        .unwrap();
        Words::new(std::sync::Arc::new(catalog), language)
    }

    const SVG: &str = r#"<svg class="chart"><text class="tick-label" x="1">12,500.5</text><text class="baseline-note" x="2">Scale starts at 1,000, not zero</text><text class="label">Coastland 2</text></svg>"#;

    #[test]
    fn a_persian_drawing_gets_persian_scale_numbers_and_stays_left_to_right() {
        let drawn = in_language(&words("fa"), SVG.to_string());
        assert!(
            drawn.starts_with(r#"<svg direction="ltr" class="chart">"#),
            "{drawn}"
        );
        assert!(drawn.contains(">۱۲٬۵۰۰٫۵</text>"), "{drawn}");
        // Only the scale's numbers: a label keeps the digits its editor wrote.
        assert!(drawn.contains(">Coastland 2</text>"), "{drawn}");
    }

    #[test]
    fn an_english_drawing_is_left_as_drawn() {
        assert_eq!(in_language(&words("en"), SVG.to_string()), SVG);
    }

    #[test]
    fn a_baseline_note_is_replaced_by_the_languages_sentence() {
        let chart = both_fits(
            &words("ko"),
            |_| SVG.to_string(),
            String::new(),
            Some("눈금은 1,000에서 시작 (0 아님)"),
        );
        assert!(
            chart.svg.contains(
                r#"<text class="baseline-note" x="2">눈금은 1,000에서 시작 (0 아님)</text>"#
            ),
            "{}",
            chart.svg
        );
    }
}
