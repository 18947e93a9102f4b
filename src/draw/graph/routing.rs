//! Edges as curves between placed nodes: parallel edges between the same two nodes bend
//! apart, and every edge stops at the rims of its nodes' circles.

use super::relations::{PairEdges, Relations};
use super::{EDGE_FONT, EDGE_LABEL_MAX, Placed};
use crate::draw::svg::{coordinate, truncate};

/// How far apart the middles of parallel edges between the same two nodes are.
const EDGE_SPREAD: f64 = 14.0;

/// One edge, routed.
pub(super) struct DrawnEdge {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) label: String,
    pub(super) drawn_label: String,
    /// The SVG path data, from rim to rim.
    pub(super) path: String,
    /// The edge as a quadratic curve between node centres: start, control, end.
    pub(super) curve: [(f64, f64); 3],
    /// Where its label is drawn, if anywhere (see `edge_labels`).
    pub(super) label_at: Option<(f64, f64)>,
    /// Drawn without an arrowhead: the relation reads the same both ways.
    pub(super) symmetric: bool,
}

/// Every edge of `relations` between the nodes as `placed`, pair by pair.
pub(super) fn route(relations: &Relations, placed: &Placed) -> Vec<DrawnEdge> {
    let mut drawn_edges = Vec::new();
    for (&(a, b), group) in &relations.pairs {
        route_pair(&mut drawn_edges, relations, placed, (a, b), group);
    }
    drawn_edges
}

/// The edges between nodes `a` and `b`, spread `EDGE_SPREAD` apart around the straight
/// line between them.
fn route_pair(
    out: &mut Vec<DrawnEdge>,
    relations: &Relations,
    placed: &Placed,
    (a, b): (usize, usize),
    group: &PairEdges,
) {
    let positions = &placed.positions;
    let (pa, pb) = (positions[a], positions[b]);
    // The normal of the pair's canonical direction, so that A→B and B→A edges
    // between the same two nodes bend to opposite sides.
    let (ux, uy) = unit(pb.0 - pa.0, pb.1 - pa.1);
    let (nx, ny) = (-uy, ux);
    let mid = ((pa.0 + pb.0) / 2.0, (pa.1 + pb.1) / 2.0);
    let count = group.len();
    for (j, (from, to, label)) in group.iter().enumerate() {
        let offset = (j as f64 - (count - 1) as f64 / 2.0) * EDGE_SPREAD;
        let (p0, p1) = (positions[*from], positions[*to]);
        // A quadratic curve whose middle passes `offset` away from the straight line.
        let control = (mid.0 + nx * 2.0 * offset, mid.1 + ny * 2.0 * offset);
        let curve = [p0, control, p1];
        let symmetric = relations.symmetric.contains(&(*from, *to, label.clone()));
        out.push(DrawnEdge {
            from: *from,
            to: *to,
            drawn_label: truncate(label, EDGE_LABEL_MAX, EDGE_FONT),
            label: label.clone(),
            path: rim_to_rim(
                &curve,
                offset == 0.0,
                placed.radius(*from),
                placed.radius(*to) - if symmetric { 1.5 } else { 0.0 },
            ),
            curve,
            label_at: None,
            symmetric,
        });
    }
}

/// Path data for `curve`, cut back to the rim of a circle of `start_r` at its start and
/// to just outside one of `end_r` at its end (where the arrowhead goes). A `straight`
/// edge is a line; the others are quadratic curves.
fn rim_to_rim(curve: &[(f64, f64); 3], straight: bool, start_r: f64, end_r: f64) -> String {
    let [p0, control, p1] = *curve;
    let toward = if straight { p1 } else { control };
    let away = if straight { p0 } else { control };
    let (sx, sy) = unit(toward.0 - p0.0, toward.1 - p0.1);
    let (ex, ey) = unit(p1.0 - away.0, p1.1 - away.1);
    let start = (p0.0 + sx * start_r, p0.1 + sy * start_r);
    let end = (p1.0 - ex * (end_r + 1.5), p1.1 - ey * (end_r + 1.5));
    if straight {
        format!(
            "M{},{} L{},{}",
            coordinate(start.0),
            coordinate(start.1),
            coordinate(end.0),
            coordinate(end.1)
        )
    } else {
        format!(
            "M{},{} Q{},{} {},{}",
            coordinate(start.0),
            coordinate(start.1),
            coordinate(control.0),
            coordinate(control.1),
            coordinate(end.0),
            coordinate(end.1)
        )
    }
}

/// The direction of (dx, dy) as a unit vector; rightwards when it has no length.
fn unit(dx: f64, dy: f64) -> (f64, f64) {
    let length = dx.hypot(dy);
    if length < 1e-9 {
        (1.0, 0.0)
    } else {
        (dx / length, dy / length)
    }
}
