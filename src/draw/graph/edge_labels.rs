//! Where edge labels go: at the middle of their edge, or slid along it to a spot where
//! they overlap no node, node label or other edge label.

use super::routing::DrawnEdge;
use super::{EDGE_FONT, FONT, Placed};
use crate::draw::svg::text_width;

/// Up to this many edges, every edge label is drawn even where it must overlap something;
/// in larger graphs a label that finds no free spot along its edge is left out (the edge
/// keeps its `<title>`).
const ALWAYS_LABEL_EDGES: usize = 40;
/// Where along an edge (0 at its start, 1 at its end) its label may go, in order of preference.
const LABEL_SPOTS: [f64; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];

/// Sets each edge's `label_at`, in edge order, each label keeping clear of those before it.
pub(super) fn place(drawn_edges: &mut [DrawnEdge], placed: &Placed) {
    let mut taken = node_boxes(placed);
    let label_everything = drawn_edges.len() <= ALWAYS_LABEL_EDGES;
    for edge in drawn_edges {
        if edge.drawn_label.is_empty() {
            continue;
        }
        if let Some((overlap, rect)) = best_spot(edge, &taken)
            && (overlap == 0.0 || label_everything)
        {
            edge.label_at = Some(rect.centre());
            taken.push(rect);
        }
    }
}

/// The boxes around every node's circle and the label under it.
fn node_boxes(placed: &Placed) -> Vec<Rect> {
    let mut taken: Vec<Rect> = Vec::new();
    for (i, &(x, y)) in placed.positions.iter().enumerate() {
        let r = placed.radius(i);
        let half = text_width(&placed.labels[i].1, FONT) / 2.0;
        taken.push(Rect::around(x, y, r, r));
        taken.push(Rect::around(x, y + r + 3.0 + FONT * 0.6, half, FONT * 0.6));
    }
    taken
}

/// The first spot along the edge where its label overlaps nothing `taken`, else the spot
/// where it overlaps least, with that overlap.
fn best_spot(edge: &DrawnEdge, taken: &[Rect]) -> Option<(f64, Rect)> {
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
    best
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
