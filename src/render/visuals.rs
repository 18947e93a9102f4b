//! Charts and relation graphs for pages: which chart a set of figures gets, and
//! which actors and relations a graph shows. The drawing itself is in `draw`.

use serde::Serialize;

use crate::draw::{self, Bar, Edge, Node, Point, RangeBar};
use crate::render::views::FigureRow;
use crate::site::{Direction, Site};
use crate::url::Route;

/// An inline SVG with the sentence that says what it shows.
#[derive(Serialize)]
pub struct Chart {
    pub svg: String,
    pub caption: String,
}

/// The figure shown as an actor's latest for a measure, among that actor's rows of it in
/// date order. The forces bar chart and the key-facts box both ask this one function.
pub(crate) fn latest_row<'r, 'a>(rows: &[&'r FigureRow<'a>]) -> Option<&'r FigureRow<'a>> {
    rows.iter().rev().find(|r| !r.disputed).copied()
}

/// Charts for one measure's rows (ordered by actor, then date): a bar chart comparing
/// actors' latest undisputed values, a step chart per actor with a history, and a range
/// chart for disputed figures.
pub fn measure_charts(id: &str, measure: &str, rows: &[FigureRow<'_>]) -> Vec<Chart> {
    let mut charts = Vec::new();
    let mut by_actor: Vec<Vec<&FigureRow<'_>>> = Vec::new();
    for row in rows {
        let same = by_actor
            .last()
            .and_then(|r| r.first())
            .is_some_and(|first| {
                first.actor.as_ref().map(|a| a.title) == row.actor.as_ref().map(|a| a.title)
            });
        if same {
            if let Some(group) = by_actor.last_mut() {
                group.push(row);
            }
        } else {
            by_actor.push(vec![row]);
        }
    }
    let actor_name = |row: &FigureRow<'_>| {
        row.actor
            .as_ref()
            .map_or("Unknown", |a| a.title)
            .to_string()
    };
    let latest: Vec<&FigureRow<'_>> = by_actor
        .iter()
        .filter_map(|rows| latest_row(rows))
        .collect();
    if latest.len() > 1 || (latest.len() == 1 && by_actor.len() == 1 && by_actor[0].len() == 1) {
        let bars: Vec<Bar> = latest
            .iter()
            .map(|row| Bar {
                label: actor_name(row),
                value: row.figures[0].value,
                value_label: format!("{} ({})", row.value_display, row.as_of.display),
                // No link inside an image: the data table beside the chart links each actor.
                href: None,
            })
            .collect();
        let caption = format!(
            "{}: latest figure for each actor, in {}.",
            capitalized(measure),
            unit_of(rows)
        );
        let svg = draw::bar_chart(
            &format!("{id}-bars"),
            &capitalized(measure),
            &caption,
            &bars,
        );
        charts.push(Chart { svg, caption });
    }
    for (n, rows) in by_actor.iter().enumerate() {
        let history: Vec<&&FigureRow<'_>> = rows.iter().filter(|r| !r.disputed).collect();
        if history.len() < 2 {
            continue;
        }
        let name = actor_name(rows[0]);
        let points: Vec<Point> = history
            .iter()
            .map(|row| Point {
                x_label: row.as_of.display.clone(),
                value: row.figures[0].value,
                value_label: row.value_display.clone(),
            })
            .collect();
        let values: Vec<String> = history
            .iter()
            .map(|r| format!("{} in {}", r.value_display, r.as_of.display))
            .collect();
        let caption = format!("{name}, {measure} over time: {}.", values.join(", then "));
        let svg = draw::step_chart(
            &format!("{id}-history-{n}"),
            &format!("{name}: {measure}"),
            &caption,
            &points,
        );
        charts.push(Chart { svg, caption });
    }
    let disputed: Vec<&FigureRow<'_>> = rows.iter().filter(|r| r.disputed).collect();
    if !disputed.is_empty() {
        let ranges: Vec<RangeBar> = disputed
            .iter()
            .map(|row| RangeBar {
                label: format!("{} ({})", actor_name(row), row.as_of.display),
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
                    "{}: sources report {} {}",
                    actor_name(r),
                    r.value_display,
                    r.unit
                )
            })
            .collect();
        let caption = format!("Disputed {measure}. {}.", described.join("; "));
        let svg = draw::range_chart(
            &format!("{id}-disputed"),
            &format!("Disputed: {measure}"),
            &caption,
            &ranges,
        );
        charts.push(Chart { svg, caption });
    }
    charts
}

fn unit_of(rows: &[FigureRow<'_>]) -> String {
    rows.first()
        .map(|r| r.unit.to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "units".to_string())
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn node(site: &Site, ix: usize) -> Node {
    let actor = &site.actors[ix];
    Node {
        id: actor.id.to_string(),
        label: actor.name.clone(),
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
                })
        })
        .collect();
    if edges.is_empty() {
        return None;
    }
    let caption = format!(
        "How the {} actors relate: {} relations, each arrow read as labelled.",
        nodes.len(),
        edges.len()
    );
    let svg = draw::relation_graph(
        "relations-all",
        "Relations between actors",
        &caption,
        &nodes,
        &edges,
        None,
    );
    Some(Chart { svg, caption })
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
            }
        })
        .collect();
    let name = &site.actors[ix].name;
    let caption = format!(
        "{name} and the {} actors it is directly related to.",
        nodes.len() - 1
    );
    let svg = draw::relation_graph(
        "relations-actor",
        &format!("Relations of {name}"),
        &caption,
        &nodes,
        &edges,
        Some(site.actors[ix].id.as_str()),
    );
    Some(Chart { svg, caption })
}
