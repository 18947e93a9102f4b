//! The relation graph as SVG text: a view box around everything drawn, the edges under
//! the nodes, every node a link.

use super::routing::DrawnEdge;
use super::{EDGE_FONT, FONT, Placed};
use crate::draw::svg::{clean, coordinate, text_width};
use crate::markup::{escape, sanitize_id};
use std::fmt::Write;

/// Space left around the drawing.
const MARGIN: f64 = 8.0;

/// The whole `<svg>` for the placed nodes and routed edges.
pub(super) fn svg(
    id: &str,
    title: &str,
    description: &str,
    placed: &Placed,
    drawn_edges: &[DrawnEdge],
) -> (String, f64) {
    let view = ViewBox::around(placed, drawn_edges);
    let width = view.width;
    let id = sanitize_id(id, "graph");
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="{} {} {} {}" width="{}" height="{}" preserveAspectRatio="xMidYMid meet" role="group" aria-labelledby="{id}-title {id}-desc" font-size="{}" fill="currentColor"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        coordinate(view.min_x),
        coordinate(view.min_y),
        coordinate(view.width),
        coordinate(view.height),
        coordinate(view.width),
        coordinate(view.height),
        coordinate(FONT),
        escape(&clean(title)),
        escape(&clean(description)),
    );
    if !drawn_edges.is_empty() {
        write_edges(&mut out, &id, placed, drawn_edges);
    }
    write_nodes(&mut out, placed);
    out.push_str("</svg>");
    (out, width)
}

/// The arrowhead marker and a group per edge, titled "A — ally → B".
fn write_edges(out: &mut String, id: &str, placed: &Placed, drawn_edges: &[DrawnEdge]) {
    let _ = write!(
        out,
        r#"<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="edge-arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs><g class="edges">"#
    );
    let labels = &placed.labels;
    for edge in drawn_edges {
        let title = format!(
            "{} — {} {} {}",
            labels[edge.from].0,
            if edge.label.is_empty() {
                "related to"
            } else {
                edge.label.as_str()
            },
            if edge.symmetric { "—" } else { "→" },
            labels[edge.to].0
        );
        let (class, marker) = if edge.symmetric {
            ("edge edge-symmetric", String::new())
        } else {
            ("edge", format!(r#" marker-end="url(#{id}-arrow)""#))
        };
        let _ = write!(
            out,
            r#"<g class="edge-group"><title>{}</title><path class="{class}" d="{}" fill="none" stroke="currentColor" stroke-opacity="0.6"{marker}/>"#,
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

/// Each node as a link around its circle and label, with its kind as a class.
fn write_nodes(out: &mut String, placed: &Placed) {
    out.push_str(r#"<g class="nodes">"#);
    for (i, node) in placed.nodes.iter().enumerate() {
        let (x, y) = placed.positions[i];
        let r = placed.radius(i);
        let focus_class = if Some(i) == placed.focus {
            " node-focus"
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<a href="{}"><g class="node node-{}{focus_class}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/><text class="node-label" x="{}" y="{}" text-anchor="middle">{}</text></g></a>"#,
            escape(&node.href),
            class_name(&node.kind),
            escape(&placed.labels[i].0),
            coordinate(x),
            coordinate(y),
            coordinate(r),
            coordinate(x),
            coordinate(y + r + 3.0 + FONT),
            escape(&placed.labels[i].1),
        );
    }
    out.push_str("</g>");
}

/// The area the graph is drawn in, in user units.
struct ViewBox {
    min_x: f64,
    min_y: f64,
    width: f64,
    height: f64,
}

impl ViewBox {
    /// Everything drawn with a margin; symmetric around the focus when there is one, so
    /// that it is drawn in the centre.
    fn around(placed: &Placed, drawn_edges: &[DrawnEdge]) -> ViewBox {
        let bounds = Bounds::of(placed, drawn_edges);
        match placed.focus {
            Some(f) => {
                let (fx, fy) = placed.positions[f];
                let half_w = (fx - bounds.min_x).max(bounds.max_x - fx) + MARGIN;
                let half_h = (fy - bounds.min_y).max(bounds.max_y - fy) + MARGIN;
                ViewBox {
                    min_x: fx - half_w,
                    min_y: fy - half_h,
                    width: 2.0 * half_w,
                    height: 2.0 * half_h,
                }
            }
            None => ViewBox {
                min_x: bounds.min_x - MARGIN,
                min_y: bounds.min_y - MARGIN,
                width: bounds.max_x - bounds.min_x + 2.0 * MARGIN,
                height: bounds.max_y - bounds.min_y + 2.0 * MARGIN,
            },
        }
    }
}

/// The smallest box holding every point added.
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

    /// Bounds of everything drawn: circles, labels under them, edges' bends, edge labels.
    fn of(placed: &Placed, drawn_edges: &[DrawnEdge]) -> Bounds {
        let mut bounds = Bounds::new();
        for (i, &(x, y)) in placed.positions.iter().enumerate() {
            let r = placed.radius(i);
            let half = text_width(&placed.labels[i].1, FONT) / 2.0;
            bounds.add(x - r.max(half), y - r);
            bounds.add(x + r.max(half), y + r + 4.0 + FONT);
        }
        for edge in drawn_edges {
            bounds.add(edge.curve[1].0, edge.curve[1].1);
            if let Some((x, y)) = edge.label_at {
                let half = text_width(&edge.drawn_label, EDGE_FONT) / 2.0;
                bounds.add(x - half, y - EDGE_FONT);
                bounds.add(x + half, y + EDGE_FONT / 2.0);
            }
        }
        bounds
    }

    fn add(&mut self, x: f64, y: f64) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
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
