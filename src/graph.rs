//! Build-time relation graphs: actors as linked nodes, relations as labelled arrows, laid
//! out deterministically and written as an inline `<svg>` string.
//!
//! Layout: concentric rings around a centre node, which is the focus actor when one is
//! given, else the best connected node (most edges, then smallest id). The centre's
//! neighbours sit on the first ring, in id order clockwise from the top (up to
//! `FIRST_RING_MAX` of them, the ring growing to fit their labels); nodes two steps away
//! on the next ring, and so on, with nodes the centre cannot reach outermost. A ring
//! holds as many nodes as its circumference leaves room for labels, the best connected
//! first; on outer rings each node sits as close as it can to the direction of its
//! neighbours on inner rings, so related actors are drawn near each other.
//! Edge labels go at the middle of their edge, or slide along it to a spot where they
//! overlap no node and no other label. Nothing depends on input order, hash order or
//! randomness: the same nodes and edges, in any order, give byte-identical output (when
//! two nodes share an id, the first one given is kept).
//!
//! CSS classes used:
//! - root `<svg>`: `graph`;
//! - edges: `edges` (the `<g>` around all of them), `edge-group` (one `<g>` per relation,
//!   with a `<title>` reading "A — ally → B"), `edge` (the `<path>`, with an arrow at its
//!   end), `edge-label` (the relation's name, on the edge), `edge-arrow` (the
//!   arrowhead's `<path>` inside `<marker id="{id}-arrow">`);
//! - nodes: `nodes` (the `<g>` around all of them), `node` plus `node-{kind}` (e.g.
//!   `node-state`, `node-organization`, `node-person`, `node-group`) and `node-focus` for
//!   the focus actor, on the `<g>` inside each node's `<a>`; `node-label` (the name).

use crate::markup::{escape, sanitize_id};
use crate::svg_text::{clean, coordinate, fitted, text_width, truncate};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::f64::consts::{PI, TAU};
use std::fmt::Write;

/// Default font size in user units for node labels; layout assumes it.
const FONT: f64 = 12.0;
/// Default font size for edge labels.
const EDGE_FONT: f64 = 10.0;
const NODE_R: f64 = 7.0;
const FOCUS_R: f64 = 11.0;
/// Longest drawn node label, in user units, before it is cut with an ellipsis.
const NODE_LABEL_MAX: f64 = 140.0;
/// Longest drawn edge label.
const EDGE_LABEL_MAX: f64 = 110.0;
/// Distance between concentric rings.
const RING_GAP: f64 = 120.0;
/// The first ring around the centre grows to hold up to this many nodes; more spill over
/// onto the next ring.
const FIRST_RING_MAX: usize = 24;
/// How far apart the middles of parallel edges between the same two nodes are.
const EDGE_SPREAD: f64 = 14.0;
/// Up to this many edges, every edge label is drawn even where it must overlap something;
/// in larger graphs a label that finds no free spot along its edge is left out (the edge
/// keeps its `<title>`).
const ALWAYS_LABEL_EDGES: usize = 40;
/// Where along an edge (0 at its start, 1 at its end) its label may go, in order of preference.
const LABEL_SPOTS: [f64; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
/// Space left around the drawing.
const MARGIN: f64 = 8.0;

/// An actor in the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Unique; edges refer to it. When two nodes share an id, the first one given is kept.
    pub id: String,
    pub label: String,
    /// `state`, `organization`, `person` or `group`; becomes the class `node-{kind}`.
    pub kind: String,
    pub href: String,
}

/// A relation from one actor to another, drawn as an arrow.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// e.g. "ally", "leader of".
    pub label: String,
}

/// Relation graph laid out deterministically at build time.
///
/// Returns an empty string when there are no nodes. Edges whose endpoints are not among the
/// nodes, edges from a node to itself and exact duplicates are skipped. When `focus` names
/// one of the nodes it is drawn in the centre of the picture, larger, with `node-focus`.
pub fn relation_graph(
    id: &str,
    title: &str,
    description: &str,
    nodes: &[Node],
    edges: &[Edge],
    focus: Option<&str>,
) -> String {
    // Nodes sorted by id, first occurrence of an id kept (the sort is stable).
    let mut sorted: Vec<&Node> = nodes.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    sorted.dedup_by(|later, earlier| later.id == earlier.id);
    if sorted.is_empty() {
        return String::new();
    }
    let index: BTreeMap<&str, usize> = sorted
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();

    // Edges between known nodes, grouped by the unordered pair they join.
    let mut pairs: BTreeMap<(usize, usize), Relations> = BTreeMap::new();
    for edge in edges {
        let (Some(&from), Some(&to)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
        else {
            continue;
        };
        if from == to {
            continue;
        }
        let key = (from.min(to), from.max(to));
        pairs
            .entry(key)
            .or_default()
            .insert((from, to, clean(&edge.label)));
    }
    let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); sorted.len()];
    let mut degree = vec![0usize; sorted.len()];
    for (&(a, b), group) in &pairs {
        neighbours[a].insert(b);
        neighbours[b].insert(a);
        degree[a] += group.len();
        degree[b] += group.len();
    }

    let labels: Vec<(String, String)> = sorted
        .iter()
        .map(|node| fitted(&node.label, NODE_LABEL_MAX, FONT))
        .collect();
    let widest_label = labels
        .iter()
        .map(|l| text_width(&l.1, FONT))
        .fold(0.0, f64::max);
    let widest_edge_label = pairs
        .values()
        .flatten()
        .map(|(_, _, label)| text_width(&truncate(label, EDGE_LABEL_MAX, EDGE_FONT), EDGE_FONT))
        .fold(0.0, f64::max);
    let focus = focus.and_then(|f| index.get(f).copied());
    let layout = Layout {
        neighbours: &neighbours,
        degree: &degree,
        arc: (widest_label + 16.0).clamp(56.0, NODE_LABEL_MAX + 16.0),
        edge_arc: widest_edge_label * 0.7,
    };
    let positions = layout.place(focus);
    let radius = |i: usize| if Some(i) == focus { FOCUS_R } else { NODE_R };

    // Edge geometry first: it is needed for the bounds.
    struct DrawnEdge {
        from: usize,
        to: usize,
        label: String,
        drawn_label: String,
        path: String,
        /// The edge as a quadratic curve between node centres: start, control, end.
        curve: [(f64, f64); 3],
        label_at: Option<(f64, f64)>,
    }
    let mut drawn_edges = Vec::new();
    for (&(a, b), group) in &pairs {
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
            let toward = if offset == 0.0 { p1 } else { control };
            let away = if offset == 0.0 { p0 } else { control };
            let (sx, sy) = unit(toward.0 - p0.0, toward.1 - p0.1);
            let (ex, ey) = unit(p1.0 - away.0, p1.1 - away.1);
            let start = (p0.0 + sx * radius(*from), p0.1 + sy * radius(*from));
            let end = (
                p1.0 - ex * (radius(*to) + 1.5),
                p1.1 - ey * (radius(*to) + 1.5),
            );
            let path = if offset == 0.0 {
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
            };
            drawn_edges.push(DrawnEdge {
                from: *from,
                to: *to,
                drawn_label: truncate(label, EDGE_LABEL_MAX, EDGE_FONT),
                label: label.clone(),
                path,
                curve: [p0, control, p1],
                label_at: None,
            });
        }
    }

    // Edge labels go where they overlap no node, node label or other edge label.
    let mut taken: Vec<Rect> = Vec::new();
    for (i, &(x, y)) in positions.iter().enumerate() {
        let r = radius(i);
        let half = text_width(&labels[i].1, FONT) / 2.0;
        taken.push(Rect::around(x, y, r, r));
        taken.push(Rect::around(x, y + r + 3.0 + FONT * 0.6, half, FONT * 0.6));
    }
    let label_everything = drawn_edges.len() <= ALWAYS_LABEL_EDGES;
    for edge in &mut drawn_edges {
        if edge.drawn_label.is_empty() {
            continue;
        }
        let half = text_width(&edge.drawn_label, EDGE_FONT) / 2.0;
        let mut best: Option<(f64, Rect)> = None;
        for t in LABEL_SPOTS {
            let (x, y) = on_curve(&edge.curve, t);
            let rect = Rect::around(x, y, half + 1.0, EDGE_FONT / 2.0 + 1.0);
            let overlap: f64 = taken.iter().map(|other| rect.overlap(other)).sum();
            if best.as_ref().is_none_or(|(least, _)| overlap < *least) {
                best = Some((overlap, rect));
            }
            if overlap == 0.0 {
                break;
            }
        }
        if let Some((overlap, rect)) = best
            && (overlap == 0.0 || label_everything)
        {
            edge.label_at = Some(rect.centre());
            taken.push(rect);
        }
    }

    // Bounds of everything drawn: circles, labels under them, edge labels.
    let mut bounds = Bounds::new();
    for (i, &(x, y)) in positions.iter().enumerate() {
        let r = radius(i);
        let half = text_width(&labels[i].1, FONT) / 2.0;
        bounds.add(x - r.max(half), y - r);
        bounds.add(x + r.max(half), y + r + 4.0 + FONT);
    }
    for edge in &drawn_edges {
        bounds.add(edge.curve[1].0, edge.curve[1].1);
        if let Some((x, y)) = edge.label_at {
            let half = text_width(&edge.drawn_label, EDGE_FONT) / 2.0;
            bounds.add(x - half, y - EDGE_FONT);
            bounds.add(x + half, y + EDGE_FONT / 2.0);
        }
    }
    let (min_x, min_y, width, height) = match focus {
        // Symmetric around the focus, so that it is drawn in the centre.
        Some(f) => {
            let (fx, fy) = positions[f];
            let half_w = (fx - bounds.min_x).max(bounds.max_x - fx) + MARGIN;
            let half_h = (fy - bounds.min_y).max(bounds.max_y - fy) + MARGIN;
            (fx - half_w, fy - half_h, 2.0 * half_w, 2.0 * half_h)
        }
        None => (
            bounds.min_x - MARGIN,
            bounds.min_y - MARGIN,
            bounds.max_x - bounds.min_x + 2.0 * MARGIN,
            bounds.max_y - bounds.min_y + 2.0 * MARGIN,
        ),
    };

    let id = sanitize_id(id, "graph");
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="{} {} {} {}" width="{}" height="{}" preserveAspectRatio="xMidYMid meet" role="group" aria-labelledby="{id}-title {id}-desc" font-size="{}" fill="currentColor"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        coordinate(min_x),
        coordinate(min_y),
        coordinate(width),
        coordinate(height),
        coordinate(width),
        coordinate(height),
        coordinate(FONT),
        escape(&clean(title)),
        escape(&clean(description)),
    );
    if !drawn_edges.is_empty() {
        let _ = write!(
            out,
            r#"<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="edge-arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs><g class="edges">"#
        );
        for edge in &drawn_edges {
            let title = format!(
                "{} — {} → {}",
                labels[edge.from].0,
                if edge.label.is_empty() {
                    "related to"
                } else {
                    edge.label.as_str()
                },
                labels[edge.to].0
            );
            let _ = write!(
                out,
                r#"<g class="edge-group"><title>{}</title><path class="edge" d="{}" fill="none" stroke="currentColor" stroke-opacity="0.6" marker-end="url(#{id}-arrow)"/>"#,
                escape(&title),
                edge.path,
            );
            if let Some((x, y)) = edge.label_at {
                let _ = write!(
                    out,
                    r#"<text class="edge-label" x="{}" y="{}" text-anchor="middle" font-size="{}">{}</text>"#,
                    coordinate(x),
                    coordinate(y + EDGE_FONT / 3.0),
                    coordinate(EDGE_FONT),
                    escape(&edge.drawn_label),
                );
            }
            out.push_str("</g>");
        }
        out.push_str("</g>");
    }
    out.push_str(r#"<g class="nodes">"#);
    for (i, node) in sorted.iter().enumerate() {
        let (x, y) = positions[i];
        let r = radius(i);
        let focus_class = if Some(i) == focus { " node-focus" } else { "" };
        let _ = write!(
            out,
            r#"<a href="{}"><g class="node node-{}{focus_class}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/><text class="node-label" x="{}" y="{}" text-anchor="middle">{}</text></g></a>"#,
            escape(&node.href),
            class_name(&node.kind),
            escape(&labels[i].0),
            coordinate(x),
            coordinate(y),
            coordinate(r),
            coordinate(x),
            coordinate(y + r + 3.0 + FONT),
            escape(&labels[i].1),
        );
    }
    out.push_str("</g></svg>");
    out
}

/// The edges between one pair of nodes, as (from, to, label) in a stable order.
type Relations = BTreeSet<(usize, usize, String)>;

/// Places nodes on concentric rings around a centre node.
struct Layout<'a> {
    neighbours: &'a [BTreeSet<usize>],
    degree: &'a [usize],
    /// Arc length each node needs on its ring (its label's width, roughly).
    arc: f64,
    /// Arc length each edge label needs half-way between the centre and the first ring.
    edge_arc: f64,
}

impl Layout<'_> {
    fn place(&self, focus: Option<usize>) -> Vec<(f64, f64)> {
        let n = self.neighbours.len();
        let mut positions = vec![(0.0, 0.0); n];
        let mut angles: Vec<Option<f64>> = vec![None; n];
        // The focus, or the most connected node (ties broken by id: indices are in id order).
        let centre = focus.unwrap_or_else(|| {
            (0..n)
                .min_by(|&a, &b| self.degree[b].cmp(&self.degree[a]).then(a.cmp(&b)))
                .unwrap_or(0)
        });
        // Rings follow the distance from the centre; nodes it cannot reach come last.
        let mut distance = vec![usize::MAX; n];
        distance[centre] = 0;
        let mut queue = VecDeque::from([centre]);
        while let Some(i) = queue.pop_front() {
            for &j in &self.neighbours[i] {
                if distance[j] == usize::MAX {
                    distance[j] = distance[i] + 1;
                    queue.push_back(j);
                }
            }
        }
        let mut rest: Vec<usize> = (0..n).filter(|&i| i != centre).collect();
        rest.sort_by(|&a, &b| {
            distance[a]
                .cmp(&distance[b])
                .then(self.degree[b].cmp(&self.degree[a]))
                .then(a.cmp(&b))
        });

        let mut ring_radius = 0.0;
        let mut next = 0;
        while next < rest.len() {
            let level = distance[rest[next]];
            let in_level = rest[next..]
                .iter()
                .take_while(|&&i| distance[i] == level)
                .count();
            let (radius, take) = if ring_radius == 0.0 {
                let take = in_level.min(self.capacity(RING_GAP).max(FIRST_RING_MAX));
                (self.first_radius(take), take)
            } else {
                let radius = ring_radius + RING_GAP;
                (radius, in_level.min(self.capacity(radius)))
            };
            let mut ring = rest[next..next + take].to_vec();
            if ring_radius == 0.0 {
                // Around the centre, in id order from the top.
                ring.sort_unstable();
            } else {
                ring = self.order_ring(ring, &angles);
            }
            self.put_ring(&ring, radius, &mut positions, &mut angles);
            ring_radius = radius;
            next += take;
        }
        positions
    }

    /// How many nodes fit on a ring of this radius.
    fn capacity(&self, radius: f64) -> usize {
        ((TAU * radius / self.arc).floor() as usize).max(1)
    }

    /// Radius of the first ring around the centre for `count` nodes: room for their labels
    /// and for the labels of the edges joining them to the centre.
    fn first_radius(&self, count: usize) -> f64 {
        let count = count as f64;
        RING_GAP
            .max(count * self.arc / TAU)
            .max(count * self.edge_arc / PI)
    }

    /// Orders a ring's nodes by where their already placed neighbours are; nodes with none
    /// come last, most connected first.
    fn order_ring(&self, mut ring: Vec<usize>, angles: &[Option<f64>]) -> Vec<usize> {
        let preferred: BTreeMap<usize, i64> = ring
            .iter()
            .filter_map(|&i| self.preferred_angle(i, angles).map(|a| (i, quantize(a))))
            .collect();
        ring.sort_by(|a, b| match (preferred.get(a), preferred.get(b)) {
            (Some(x), Some(y)) => x.cmp(y).then(a.cmp(b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => self.degree[*b].cmp(&self.degree[*a]).then(a.cmp(b)),
        });
        ring
    }

    /// The mean direction of a node's placed neighbours, in [0, τ).
    fn preferred_angle(&self, i: usize, angles: &[Option<f64>]) -> Option<f64> {
        let (mut sin, mut cos) = (0.0, 0.0);
        for &j in &self.neighbours[i] {
            if let Some(angle) = angles[j] {
                sin += angle.sin();
                cos += angle.cos();
            }
        }
        if sin.hypot(cos) < 1e-9 {
            return None;
        }
        Some(sin.atan2(cos).rem_euclid(TAU))
    }

    /// Puts `ring` (in the order of `order_ring`) on a circle and records their angles.
    ///
    /// When every node has placed neighbours and there is room, each sits as close to them
    /// as it can while keeping its neighbours on the ring at least `arc` away. Otherwise
    /// the nodes are spread evenly from the top, turned towards their neighbours.
    fn put_ring(
        &self,
        ring: &[usize],
        radius: f64,
        positions: &mut [(f64, f64)],
        angles: &mut [Option<f64>],
    ) {
        let preferred: Vec<Option<f64>> = ring
            .iter()
            .map(|&i| {
                self.preferred_angle(i, angles)
                    .map(|a| dequantize(quantize(a)))
            })
            .collect();
        let near = preferred
            .iter()
            .copied()
            .collect::<Option<Vec<f64>>>()
            .and_then(|wanted| spread_near(&wanted, self.arc / radius));
        let ring_angles = near.unwrap_or_else(|| {
            let step = TAU / ring.len() as f64;
            let base = |k: usize| -PI / 2.0 + step * k as f64;
            let (mut sin, mut cos) = (0.0, 0.0);
            for (k, wanted) in preferred.iter().enumerate() {
                if let Some(wanted) = wanted {
                    let delta = wanted - base(k);
                    sin += delta.sin();
                    cos += delta.cos();
                }
            }
            let turn = if sin.hypot(cos) < 1e-9 {
                0.0
            } else {
                dequantize(quantize(sin.atan2(cos)))
            };
            (0..ring.len()).map(|k| base(k) + turn).collect()
        });
        for (&i, angle) in ring.iter().zip(ring_angles) {
            positions[i] = (radius * angle.cos(), radius * angle.sin());
            angles[i] = Some(angle);
        }
    }
}

/// Angles as close as possible to `wanted` (sorted, in [0, τ)) with at least `gap` between
/// neighbours on the circle, in the same order; `None` when they do not fit.
///
/// The circle is cut at the widest gap between wanted angles, and the least-squares
/// placement along the cut line with the minimum spacing is found by pooling adjacent
/// violators (angle `m` minus `m × gap` must not decrease).
fn spread_near(wanted: &[f64], gap: f64) -> Option<Vec<f64>> {
    let k = wanted.len();
    if k == 0 || k as f64 * gap >= TAU {
        return None;
    }
    let mut cut = 0;
    let mut widest = wanted[0] + TAU - wanted[k - 1];
    for j in 1..k {
        if wanted[j] - wanted[j - 1] > widest {
            widest = wanted[j] - wanted[j - 1];
            cut = j;
        }
    }
    let line: Vec<f64> = (0..k)
        .map(|m| (cut + m) % k)
        .map(|j| wanted[j] + if j < cut { TAU } else { 0.0 })
        .collect();
    // Blocks of (sum, count) of `line[m] - m * gap`, with non-decreasing means.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (m, angle) in line.iter().enumerate() {
        blocks.push((angle - m as f64 * gap, 1));
        while blocks.len() > 1 {
            let (sum, count) = blocks[blocks.len() - 1];
            let (prev_sum, prev_count) = blocks[blocks.len() - 2];
            if prev_sum / prev_count as f64 <= sum / count as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (prev_sum + sum, prev_count + count);
        }
    }
    let placed: Vec<f64> = blocks
        .iter()
        .flat_map(|&(sum, count)| std::iter::repeat_n(sum / count as f64, count))
        .enumerate()
        .map(|(m, q)| q + m as f64 * gap)
        .collect();
    if placed[k - 1] - placed[0] > TAU - gap + 1e-9 {
        return None;
    }
    let mut angles = vec![0.0; k];
    for (m, angle) in placed.into_iter().enumerate() {
        angles[(cut + m) % k] = angle;
    }
    Some(angles)
}

/// An axis-aligned box, for keeping labels apart.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn around(x: f64, y: f64, half_w: f64, half_h: f64) -> Rect {
        Rect {
            x0: x - half_w,
            y0: y - half_h,
            x1: x + half_w,
            y1: y + half_h,
        }
    }

    fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    fn overlap(&self, other: &Rect) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }
}

/// The point at `t` on a quadratic curve.
fn on_curve(curve: &[(f64, f64); 3], t: f64) -> (f64, f64) {
    let [p0, c, p1] = curve;
    let (a, b, d) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t, t * t);
    (a * p0.0 + b * c.0 + d * p1.0, a * p0.1 + b * c.1 + d * p1.1)
}

/// Angles compared and turned in micro-radians, so that the last bits of trigonometry
/// cannot change the order of nodes.
fn quantize(angle: f64) -> i64 {
    (angle * 1e6).round() as i64
}

fn dequantize(angle: i64) -> f64 {
    angle as f64 / 1e6
}

struct Bounds {
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
}

impl Bounds {
    fn new() -> Bounds {
        Bounds {
            min_x: f64::INFINITY,
            min_y: f64::INFINITY,
            max_x: f64::NEG_INFINITY,
            max_y: f64::NEG_INFINITY,
        }
    }

    fn add(&mut self, x: f64, y: f64) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }
}

fn unit(dx: f64, dy: f64) -> (f64, f64) {
    let length = dx.hypot(dy);
    if length < 1e-9 {
        (1.0, 0.0)
    } else {
        (dx / length, dy / length)
    }
}

/// A node kind as a class name: lowercase letters, digits and hyphens.
fn class_name(kind: &str) -> String {
    let name: String = kind
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "unknown".to_string()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::assert_well_formed_svg as assert_well_formed;

    fn node(id: &str, kind: &str) -> Node {
        Node {
            id: id.to_string(),
            label: id.replace('-', " ").to_uppercase(),
            kind: kind.to_string(),
            href: format!("/actors/{id}/"),
        }
    }

    fn edge(from: &str, to: &str, label: &str) -> Edge {
        Edge {
            from: from.to_string(),
            to: to.to_string(),
            label: label.to_string(),
        }
    }

    fn korea() -> (Vec<Node>, Vec<Edge>) {
        let nodes = vec![
            node("north-korea", "state"),
            node("south-korea", "state"),
            node("united-states", "state"),
            node("rgb", "organization"),
            node("kim-jong-un", "person"),
            node("dark-seoul", "group"),
        ];
        let edges = vec![
            edge("south-korea", "united-states", "ally"),
            edge("north-korea", "south-korea", "adversary"),
            edge("kim-jong-un", "north-korea", "leader of"),
            edge("rgb", "north-korea", "part of"),
            edge("dark-seoul", "rgb", "attributed to"),
            edge("united-states", "north-korea", "sanctions"),
        ];
        (nodes, edges)
    }

    fn attr(element: &str, name: &str) -> f64 {
        let key = format!(" {name}=\"");
        let start = element.find(&key).expect(name) + key.len();
        let end = start + element[start..].find('"').unwrap();
        element[start..end].parse().unwrap()
    }

    /// The circle of the node linking to `href`, as (cx, cy, r).
    fn circle_of(svg: &str, href: &str) -> (f64, f64, f64) {
        let at = svg.find(&format!("<a href=\"{href}\">")).expect(href);
        let start = at + svg[at..].find("<circle").unwrap();
        let circle = &svg[start..start + svg[start..].find('>').unwrap()];
        (attr(circle, "cx"), attr(circle, "cy"), attr(circle, "r"))
    }

    fn view_box(svg: &str) -> Vec<f64> {
        let start = svg.find("viewBox=\"").unwrap() + 9;
        let end = start + svg[start..].find('"').unwrap();
        svg[start..end]
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect()
    }

    #[test]
    fn empty_graph_gives_empty_string() {
        assert_eq!(
            relation_graph("g", "t", "d", &[], &[edge("a", "b", "x")], None),
            ""
        );
    }

    #[test]
    fn every_node_is_a_link_with_its_kind() {
        let (nodes, edges) = korea();
        let svg = relation_graph(
            "actors",
            "Actors",
            "Who is related to whom",
            &nodes,
            &edges,
            None,
        );
        assert_well_formed(&svg);
        // A group, not an image: its node links stay reachable for screen readers.
        assert!(svg.contains(r#"role="group" aria-labelledby="actors-title actors-desc""#));
        assert!(svg.contains(r#"<title id="actors-title">Actors</title>"#));
        assert!(svg.contains(r#"<desc id="actors-desc">Who is related to whom</desc>"#));
        // Drawn at its natural size (the stylesheet lets it shrink), so a small
        // neighbourhood is not blown up to the column's width.
        assert!(svg.contains(r#" width=""#) && !svg.contains(r#"width="100%""#));
        for node in &nodes {
            let link = format!(
                r#"<a href="{}"><g class="node node-{}"#,
                node.href, node.kind
            );
            assert_eq!(svg.matches(&link).count(), 1, "{link}");
            assert!(svg.contains(&format!(">{}</text>", node.label)));
        }
        assert_eq!(svg.matches("<a ").count(), nodes.len());
        assert_eq!(svg.matches(r#"<path class="edge""#).count(), edges.len());
        assert_eq!(
            svg.matches(r#"<text class="edge-label""#).count(),
            edges.len()
        );
        assert!(svg.contains(r#"<marker id="actors-arrow""#));
        assert_eq!(
            svg.matches(r#"marker-end="url(#actors-arrow)""#).count(),
            edges.len()
        );
        assert!(svg.contains("<title>KIM JONG UN — leader of → NORTH KOREA</title>"));
        // The best connected actor is in the centre.
        assert_eq!(circle_of(&svg, "/actors/north-korea/"), (0.0, 0.0, NODE_R));
    }

    #[test]
    fn layout_is_deterministic_and_independent_of_input_order() {
        let (nodes, edges) = korea();
        let svg = relation_graph("g", "t", "d", &nodes, &edges, None);
        assert_eq!(svg, relation_graph("g", "t", "d", &nodes, &edges, None));
        let mut reversed_nodes = nodes.clone();
        reversed_nodes.reverse();
        let mut reversed_edges = edges.clone();
        reversed_edges.reverse();
        assert_eq!(
            svg,
            relation_graph("g", "t", "d", &reversed_nodes, &reversed_edges, None)
        );
        let focused = relation_graph("g", "t", "d", &nodes, &edges, Some("rgb"));
        assert_eq!(
            focused,
            relation_graph("g", "t", "d", &reversed_nodes, &edges, Some("rgb"))
        );
    }

    #[test]
    fn focus_node_is_centred_with_its_neighbours_around_it() {
        let (nodes, edges) = korea();
        let svg = relation_graph("rgb-graph", "t", "d", &nodes, &edges, Some("rgb"));
        assert_well_formed(&svg);
        assert!(svg.contains(r#"<g class="node node-organization node-focus">"#));
        assert_eq!(svg.matches("node-focus").count(), 1);
        let (fx, fy, fr) = circle_of(&svg, "/actors/rgb/");
        assert_eq!((fx, fy, fr), (0.0, 0.0, FOCUS_R));
        let vb = view_box(&svg);
        assert!(
            (vb[0] + vb[2] / 2.0).abs() < 0.11 && (vb[1] + vb[3] / 2.0).abs() < 0.11,
            "{vb:?}"
        );
        // Neighbours (dark-seoul, north-korea) share the first ring; others are further out.
        let distance = |href: &str| {
            let (x, y, _) = circle_of(&svg, href);
            x.hypot(y)
        };
        let first = distance("/actors/dark-seoul/");
        assert!((first - distance("/actors/north-korea/")).abs() < 0.2);
        for outer in [
            "/actors/south-korea/",
            "/actors/united-states/",
            "/actors/kim-jong-un/",
        ] {
            assert!(distance(outer) > first + 50.0, "{outer}");
        }
        // In id order, starting at the top.
        let (x, y, _) = circle_of(&svg, "/actors/dark-seoul/");
        assert!(x.abs() < 0.11 && y < 0.0, "({x}, {y})");
    }

    #[test]
    fn unknown_focus_falls_back_to_the_whole_graph() {
        let (nodes, edges) = korea();
        assert_eq!(
            relation_graph("g", "t", "d", &nodes, &edges, Some("nobody")),
            relation_graph("g", "t", "d", &nodes, &edges, None)
        );
    }

    #[test]
    fn edges_with_missing_endpoints_self_loops_and_duplicates_are_skipped() {
        let nodes = vec![node("a", "state"), node("b", "group")];
        let edges = vec![
            edge("a", "b", "ally"),
            edge("a", "b", "ally"),
            edge("a", "ghost", "ally"),
            edge("ghost", "b", "ally"),
            edge("a", "a", "self"),
        ];
        let svg = relation_graph("g", "t", "d", &nodes, &edges, None);
        assert_well_formed(&svg);
        assert_eq!(svg.matches(r#"<path class="edge""#).count(), 1);
        assert!(!svg.contains("ghost") && !svg.contains(">self<"));
        let only_missing = relation_graph("g", "t", "d", &nodes, &edges[2..4], None);
        assert_well_formed(&only_missing);
        assert!(!only_missing.contains("<marker") && !only_missing.contains("class=\"edge"));
    }

    #[test]
    fn parallel_edges_do_not_share_a_label_position() {
        let nodes = vec![node("a", "state"), node("b", "state")];
        let edges = vec![
            edge("a", "b", "ally"),
            edge("b", "a", "ally"),
            edge("a", "b", "trade partner"),
        ];
        let svg = relation_graph("g", "t", "d", &nodes, &edges, None);
        assert_well_formed(&svg);
        let labels: Vec<(f64, f64)> = svg
            .match_indices(r#"<text class="edge-label""#)
            .map(|(i, _)| {
                let text = &svg[i..i + svg[i..].find('>').unwrap()];
                (attr(text, "x"), attr(text, "y"))
            })
            .collect();
        assert_eq!(labels.len(), 3);
        for i in 0..3 {
            for j in i + 1..3 {
                let (a, b) = (labels[i], labels[j]);
                assert!(
                    (a.0 - b.0).abs() > 20.0 || (a.1 - b.1).abs() > EDGE_FONT,
                    "{labels:?}"
                );
            }
        }
        assert_eq!(svg.matches(" Q").count(), 2, "two of three edges bend");
    }

    #[test]
    fn text_and_links_are_escaped() {
        let nodes = vec![
            Node {
                id: "a".into(),
                label: r#"<b>"Tom" & 'Jerry'</b>"#.into(),
                kind: "st<ate".into(),
                href: r#"/x?a=1&b="2""#.into(),
            },
            node("b", "group"),
        ];
        let edges = vec![edge("a", "b", "<loves> & \"hates\"")];
        let svg = relation_graph(r#"g"><script>"#, "T<&", "D\"'", &nodes, &edges, Some("a"));
        assert_well_formed(&svg);
        assert!(!svg.contains("<script") && !svg.contains("<b>") && !svg.contains("<loves"));
        assert!(svg.contains("&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"));
        assert!(svg.contains(r#"<a href="/x?a=1&amp;b=&quot;2&quot;">"#));
        assert!(svg.contains("node node-st-ate node-focus"));
        assert!(svg.contains("&lt;loves&gt; &amp; &quot;hates&quot;"));
        assert!(svg.contains(r#"<marker id="g---script--arrow""#));
        assert!(svg.contains(r#"<title id="g---script--title">T&lt;&amp;</title>"#));
    }

    #[test]
    fn single_node_and_isolated_nodes() {
        let svg = relation_graph(
            "g",
            "t",
            "d",
            &[node("alone", "person")],
            &[],
            Some("alone"),
        );
        assert_well_formed(&svg);
        assert_eq!(circle_of(&svg, "/actors/alone/"), (0.0, 0.0, FOCUS_R));
        let nodes: Vec<Node> = ["a", "b", "c"].iter().map(|id| node(id, "group")).collect();
        let svg = relation_graph("g", "t", "d", &nodes, &[], None);
        assert_well_formed(&svg);
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn large_graph_keeps_nodes_apart() {
        let nodes: Vec<Node> = (0..300)
            .map(|i| node(&format!("actor-{i:03}"), "organization"))
            .collect();
        let edges: Vec<Edge> = (1..300)
            .map(|i| {
                edge(
                    &format!("actor-{i:03}"),
                    &format!("actor-{:03}", i / 7),
                    "part of",
                )
            })
            .chain((0..50).map(|i| {
                edge(
                    &format!("actor-{:03}", i * 3),
                    &format!("actor-{:03}", i * 5 + 1),
                    "ally",
                )
            }))
            .collect();
        let svg = relation_graph("big", "t", "d", &nodes, &edges, None);
        assert_well_formed(&svg);
        assert_eq!(svg.matches("<circle").count(), 300);
        let centres: Vec<(f64, f64)> = nodes
            .iter()
            .map(|n| circle_of(&svg, &n.href))
            .map(|(x, y, _)| (x, y))
            .collect();
        let closest = centres
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                centres[i + 1..]
                    .iter()
                    .map(move |b| (a.0 - b.0).hypot(a.1 - b.1))
            })
            .fold(f64::INFINITY, f64::min);
        assert!(closest > 4.0 * NODE_R, "closest nodes {closest}");
        let vb = view_box(&svg);
        for (x, y) in centres {
            assert!(x > vb[0] && x < vb[0] + vb[2] && y > vb[1] && y < vb[1] + vb[3]);
        }
    }
}
