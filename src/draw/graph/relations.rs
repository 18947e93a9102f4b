//! Which nodes and edges a relation graph draws: nodes in id order without repeats, edges
//! between known nodes grouped by the pair they join, and who neighbours whom.

use super::{Edge, Node};
use crate::draw::svg::clean;
use std::collections::{BTreeMap, BTreeSet};

/// The edges between one pair of nodes, as (from, to, label) in a stable order.
pub(super) type PairEdges = BTreeSet<(usize, usize, String)>;

/// The graph as indices into `nodes`, so that nothing depends on input order.
pub(super) struct Relations<'a> {
    /// Sorted by id; when two share an id, the first one given.
    pub(super) nodes: Vec<&'a Node>,
    /// Each node's position in `nodes`, by id.
    pub(super) index: BTreeMap<&'a str, usize>,
    /// Edges between known nodes, by the unordered pair they join (smaller index first).
    pub(super) pairs: BTreeMap<(usize, usize), PairEdges>,
    pub(super) neighbours: Vec<BTreeSet<usize>>,
    /// How many edges each node has.
    pub(super) degree: Vec<usize>,
    /// The edges (from, to, label) that read the same both ways.
    pub(super) symmetric: BTreeSet<(usize, usize, String)>,
}

impl<'a> Relations<'a> {
    /// Skips edges whose endpoints are not among the nodes, edges from a node to itself
    /// and exact duplicates.
    pub(super) fn new(nodes: &'a [Node], edges: &[Edge]) -> Relations<'a> {
        // Nodes sorted by id, first occurrence of an id kept (the sort is stable).
        let mut sorted: Vec<&Node> = nodes.iter().collect();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        sorted.dedup_by(|later, earlier| later.id == earlier.id);
        let index: BTreeMap<&str, usize> = sorted
            .iter()
            .enumerate()
            .map(|(i, node)| (node.id.as_str(), i))
            .collect();
        let (pairs, symmetric) = pairs(&index, edges);
        let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); sorted.len()];
        let mut degree = vec![0usize; sorted.len()];
        for (&(a, b), group) in &pairs {
            neighbours[a].insert(b);
            neighbours[b].insert(a);
            degree[a] += group.len();
            degree[b] += group.len();
        }
        Relations {
            nodes: sorted,
            index,
            pairs,
            neighbours,
            degree,
            symmetric,
        }
    }
}

/// Edges between known nodes, grouped by the unordered pair they join, and those of them
/// that read the same both ways (written from the smaller index, so that "A ally B" and
/// "B ally A" are one edge).
fn pairs(
    index: &BTreeMap<&str, usize>,
    edges: &[Edge],
) -> (BTreeMap<(usize, usize), PairEdges>, PairEdges) {
    let mut pairs: BTreeMap<(usize, usize), PairEdges> = BTreeMap::new();
    let mut symmetric = PairEdges::new();
    for edge in edges {
        let (Some(&from), Some(&to)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
        else {
            continue;
        };
        if from == to {
            continue;
        }
        let key = (from.min(to), from.max(to));
        let (from, to) = if edge.symmetric { key } else { (from, to) };
        let written = (from, to, clean(&edge.label));
        if edge.symmetric {
            symmetric.insert(written.clone());
        }
        pairs.entry(key).or_default().insert(written);
    }
    (pairs, symmetric)
}
