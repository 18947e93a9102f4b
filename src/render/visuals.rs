//! Charts and relation graphs for pages: which chart a set of figures gets, and
//! which actors and relations a graph shows. The drawing itself is in `draw`.

use serde::Serialize;

use crate::draw::{self, Bar, Edge, Fit, Node, Point, RangeBar};
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
pub fn measure_charts(site: &Site, id: &str, measure: &str, rows: &[FigureRow<'_>]) -> Vec<Chart> {
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
        row.actor
            .as_ref()
            .map_or("Unknown", |a| a.title)
            .to_string()
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
                    format!("({}, disputed)", row.as_of.display)
                } else {
                    format!("({})", row.as_of.display)
                },
                // No link inside an image: the data table beside the chart links each actor.
                href: None,
            })
            .collect();
        let mut caption = format!(
            "{}: latest figure for each actor, in {}.",
            self.heading,
            unit_of(rows)
        );
        for row in latest.iter().filter(|r| r.disputed) {
            caption.push_str(&format!(
                " The latest figure for {} is disputed: sources report {} {} {}.",
                self.actor_name(row),
                row.value_display,
                row.unit_display,
                date_phrase(&row.as_of)
            ));
        }
        let id = format!("{}-bars", self.id);
        let draw = |fit| draw::bar_chart(&id, &self.heading, &caption, &bars, self.whole, fit);
        both_fits(draw, caption.clone())
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
                format!(
                    "{}{} {}",
                    r.value_display,
                    if r.disputed { " (disputed)" } else { "" },
                    date_phrase(&r.as_of)
                )
            })
            .collect();
        let caption = format!(
            "{actor}, {} over time: {}.",
            self.name,
            values.join(", then ")
        );
        let title = format!("{actor}: {}", self.name);
        let id = format!("{}-history-{n}", self.id);
        let draw = |fit| draw::step_chart(&id, &title, &caption, &points, self.whole, fit);
        both_fits(draw, caption.clone())
    }

    /// Every disputed figure as a range, on a scale that may start above zero.
    fn disputed_chart(&self, disputed: &[&FigureRow<'_>]) -> Chart {
        let ranges: Vec<RangeBar> = disputed
            .iter()
            .map(|row| RangeBar {
                label: self.actor_name(row),
                aliases: self.aliases(row),
                note: format!("({})", row.as_of.display),
                low: row.low,
                high: row.high,
                low_label: crate::data::format_number(row.low),
                high_label: crate::data::format_number(row.high),
            })
            .collect();
        let described: Vec<String> = disputed
            .iter()
            .map(|r| {
                format!(
                    "for {} {}, sources report {} {}",
                    self.actor_name(r),
                    date_phrase(&r.as_of),
                    r.value_display,
                    r.unit_display
                )
            })
            .collect();
        let mut caption = format!(
            "{}, disputed figures: {}.",
            self.heading,
            described.join("; ")
        );
        if let Some(start) = draw::range_baseline(&ranges, self.whole) {
            caption.push_str(&format!(" The scale starts at {start}, not zero."));
        }
        let title = format!("{}: disputed figures", self.heading);
        let id = format!("{}-disputed", self.id);
        let draw = |fit| draw::range_chart(&id, &title, &caption, &ranges, self.whole, fit);
        both_fits(draw, caption.clone())
    }
}

/// A chart drawn for wide columns and for phones.
fn both_fits(draw: impl Fn(Fit) -> String, caption: String) -> Chart {
    Chart {
        svg: draw(Fit::Wide),
        svg_narrow: draw(Fit::Narrow),
        caption,
        scrolls: false,
    }
}

/// "on 14 November 2020" for a day, "in November 2020" for a month, "in 2020" for a year.
fn date_phrase(date: &DateView) -> String {
    if date.iso.len() == 10 {
        format!("on {}", date.display)
    } else {
        format!("in {}", date.display)
    }
}

fn unit_of(rows: &[FigureRow<'_>]) -> String {
    rows.first()
        .map(|r| r.unit.to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "units".to_string())
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

/// Widest graph, in user units, that still reads when shrunk to a phone's width; a wider
/// one keeps a readable size and scrolls.
const GRAPH_SHRINKS_TO: f64 = 440.0;

fn graph_chart(svg: String, width: f64, caption: String) -> Chart {
    Chart {
        svg,
        svg_narrow: String::new(),
        caption,
        scrolls: width > GRAPH_SHRINKS_TO,
    }
}

fn node(site: &Site, ix: usize) -> Node {
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
pub fn whole_graph(site: &Site) -> Option<Chart> {
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
                    label: r.kind.replace('_', " "),
                    symmetric: crate::site::is_symmetric(&r.kind),
                })
        })
        .collect();
    if edges.is_empty() {
        return None;
    }
    let caption = format!(
        "How the {} actors relate: {} relations, each arrow read as labelled; a line without an arrow reads the same both ways.",
        nodes.len(),
        edges.len()
    );
    let (svg, width) = draw::relation_graph_sized(
        "relations-all",
        "Relations between actors",
        &caption,
        &nodes,
        &edges,
        None,
    );
    Some(graph_chart(svg, width, caption))
}

/// One actor and its direct relations.
pub fn neighbourhood(site: &Site, ix: usize) -> Option<Chart> {
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
                label: r.kind.replace('_', " "),
                symmetric: crate::site::is_symmetric(&r.kind),
            }
        })
        .collect();
    let name = &site.actors[ix].name;
    let caption = format!(
        "{name} and the {} actors it is directly related to.",
        nodes.len() - 1
    );
    let (svg, width) = draw::relation_graph_sized(
        "relations-actor",
        &format!("Relations of {name}"),
        &caption,
        &nodes,
        &edges,
        Some(site.actors[ix].id.as_str()),
    );
    Some(graph_chart(svg, width, caption))
}
