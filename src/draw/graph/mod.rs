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
//!   with a `<title>` reading "A — adversary — B" for a symmetric relation, "A — leader
//!   of → B" otherwise), `edge` (the `<path>`, with an arrow at its end unless the
//!   relation is symmetric, then also `edge-symmetric`), `edge-label` (the relation's
//!   name, on the edge), `edge-arrow` (the arrowhead's `<path>` inside
//!   `<marker id="{id}-arrow">`);
//! - nodes: `nodes` (the `<g>` around all of them), `node` plus `node-{kind}` (e.g.
//!   `node-state`, `node-organization`, `node-person`, `node-group`) and `node-focus` for
//!   the focus actor, on the `<g>` inside each node's `<a>`; `node-label` (the name).
//!
//! The steps, one file each: `relations` (which nodes and edges are drawn), `layout`
//! (where the nodes go), `routing` (the edges' curves), `edge_labels` (where their labels
//! go) and `write` (the bounds and the SVG text).

mod edge_labels;
mod layout;
mod relations;
mod routing;
#[cfg(test)]
mod tests;
mod write;

use super::svg::fitted_name;
use layout::Layout;
use relations::Relations;

/// Default font size in user units for node labels; layout assumes it.
const FONT: f64 = 12.0;
/// Default font size for edge labels.
const EDGE_FONT: f64 = 10.0;
const NODE_R: f64 = 7.0;
const FOCUS_R: f64 = 11.0;
/// Longest drawn node label, in user units, before an alias is drawn instead or it is cut
/// with an ellipsis.
const NODE_LABEL_MAX: f64 = 140.0;
/// Longest drawn edge label.
const EDGE_LABEL_MAX: f64 = 110.0;

/// An actor in the graph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// Unique; edges refer to it. When two nodes share an id, the first one given is kept.
    pub id: String,
    pub label: String,
    /// Shorter names, drawn instead of a label too long to fit (the shortest that fits).
    pub aliases: Vec<String>,
    /// `state`, `organization`, `person` or `group`; becomes the class `node-{kind}`.
    pub kind: String,
    pub href: String,
}

/// A relation from one actor to another, drawn as an arrow, or as a plain line when it
/// reads the same both ways.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Edge {
    pub from: String,
    pub to: String,
    /// e.g. "ally", "leader of".
    pub label: String,
    /// Whether the relation reads the same from both ends (`ally`, `adversary`): then it
    /// is drawn without an arrowhead.
    pub symmetric: bool,
}

/// Relation graph laid out deterministically at build time.
///
/// Returns an empty string when there are no nodes. Edges whose endpoints are not among the
/// nodes, edges from a node to itself and exact duplicates are skipped. When `focus` names
/// one of the nodes it is drawn in the centre of the picture, larger, with `node-focus`.
#[cfg(test)]
pub(crate) fn relation_graph(
    id: &str,
    title: &str,
    description: &str,
    nodes: &[Node],
    edges: &[Edge],
    focus: Option<&str>,
) -> String {
    relation_graph_sized(id, title, description, nodes, edges, focus).0
}

/// [`relation_graph`] and the drawing's natural width in user units (0 when empty), for
/// deciding whether it can shrink to a phone's width and stay readable.
pub(crate) fn relation_graph_sized(
    id: &str,
    title: &str,
    description: &str,
    nodes: &[Node],
    edges: &[Edge],
    focus: Option<&str>,
) -> (String, f64) {
    let relations = Relations::new(nodes, edges);
    if relations.nodes.is_empty() {
        return (String::new(), 0.0);
    }
    let labels: Vec<(String, String)> = relations
        .nodes
        .iter()
        .map(|node| {
            let full = crate::draw::svg::clean(&node.label);
            let drawn = fitted_name(&node.label, &node.aliases, "", NODE_LABEL_MAX, FONT);
            (full, drawn)
        })
        .collect();
    let focus = focus.and_then(|f| relations.index.get(f).copied());
    let positions = Layout::new(&relations, &labels).place(focus);
    let placed = Placed {
        nodes: &relations.nodes,
        labels,
        positions,
        focus,
    };
    // Edge geometry first: it is needed for the labels and the bounds.
    let mut drawn_edges = routing::route(&relations, &placed);
    edge_labels::place(&mut drawn_edges, &placed);
    write::svg(id, title, description, &placed, &drawn_edges)
}

/// The nodes in id order, each with its label (full, drawn) and where it was placed.
struct Placed<'a> {
    nodes: &'a [&'a Node],
    labels: Vec<(String, String)>,
    positions: Vec<(f64, f64)>,
    focus: Option<usize>,
}

impl Placed<'_> {
    /// The radius of node `i`'s circle: larger for the focus.
    fn radius(&self, i: usize) -> f64 {
        if Some(i) == self.focus {
            FOCUS_R
        } else {
            NODE_R
        }
    }
}
