//! Where the nodes of a relation graph go: concentric rings around a centre node.

use super::relations::Relations;
use super::{EDGE_FONT, EDGE_LABEL_MAX, FONT, NODE_LABEL_MAX};
use crate::draw::svg::{text_width, truncate};
use std::collections::{BTreeMap, VecDeque};
use std::f64::consts::{PI, TAU};

/// Distance between concentric rings.
const RING_GAP: f64 = 120.0;
/// The first ring around the centre grows to hold up to this many nodes; more spill over
/// onto the next ring.
const FIRST_RING_MAX: usize = 24;

/// Places nodes on concentric rings around a centre node.
pub(super) struct Layout<'a> {
    relations: &'a Relations<'a>,
    /// Arc length each node needs on its ring (its label's width, roughly).
    arc: f64,
    /// Arc length each edge label needs half-way between the centre and the first ring.
    edge_arc: f64,
}

impl<'a> Layout<'a> {
    /// A layout leaving room for the nodes' drawn `labels` (full, drawn) and the edges'.
    pub(super) fn new(relations: &'a Relations<'a>, labels: &[(String, String)]) -> Layout<'a> {
        let widest_label = labels
            .iter()
            .map(|l| text_width(&l.1, FONT))
            .fold(0.0, f64::max);
        let widest_edge_label = relations
            .pairs
            .values()
            .flatten()
            .map(|(_, _, label)| text_width(&truncate(label, EDGE_LABEL_MAX, EDGE_FONT), EDGE_FONT))
            .fold(0.0, f64::max);
        Layout {
            relations,
            arc: (widest_label + 16.0).clamp(56.0, NODE_LABEL_MAX + 16.0),
            edge_arc: widest_edge_label * 0.7,
        }
    }

    /// Each node's centre, with the centre node at (0, 0).
    pub(super) fn place(&self, focus: Option<usize>) -> Vec<(f64, f64)> {
        let n = self.relations.nodes.len();
        let mut positions = vec![(0.0, 0.0); n];
        let mut angles: Vec<Option<f64>> = vec![None; n];
        let centre = focus.unwrap_or_else(|| self.best_connected());
        let (distance, rest) = self.by_distance(centre);

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

    /// The most connected node (ties broken by id: indices are in id order).
    fn best_connected(&self) -> usize {
        let degree = &self.relations.degree;
        (0..degree.len())
            .min_by(|&a, &b| degree[b].cmp(&degree[a]).then(a.cmp(&b)))
            .unwrap_or(0)
    }

    /// Each node's distance in edges from `centre` (`usize::MAX` when it cannot be
    /// reached), and every other node in ring order: nearest first, then most connected,
    /// then by id, so that nodes the centre cannot reach come last.
    fn by_distance(&self, centre: usize) -> (Vec<usize>, Vec<usize>) {
        let (neighbours, degree) = (&self.relations.neighbours, &self.relations.degree);
        let n = neighbours.len();
        let mut distance = vec![usize::MAX; n];
        distance[centre] = 0;
        let mut queue = VecDeque::from([centre]);
        while let Some(i) = queue.pop_front() {
            for &j in &neighbours[i] {
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
                .then(degree[b].cmp(&degree[a]))
                .then(a.cmp(&b))
        });
        (distance, rest)
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
            (None, None) => self.relations.degree[*b]
                .cmp(&self.relations.degree[*a])
                .then(a.cmp(b)),
        });
        ring
    }

    /// The mean direction of a node's placed neighbours, in [0, τ).
    fn preferred_angle(&self, i: usize, angles: &[Option<f64>]) -> Option<f64> {
        let (mut sin, mut cos) = (0.0, 0.0);
        for &j in &self.relations.neighbours[i] {
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
            if ring.len() == 2
                && self.relations.nodes.len() == 3
                && preferred.iter().all(Option::is_none)
            {
                // Three nodes in all: the two around the centre go below it to either
                // side, a triangle wider than tall, rather than a column three high.
                return vec![PI * 5.0 / 6.0, PI / 6.0];
            }
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

/// Angles compared and turned in micro-radians, so that the last bits of trigonometry
/// cannot change the order of nodes.
fn quantize(angle: f64) -> i64 {
    (angle * 1e6).round() as i64
}

fn dequantize(angle: i64) -> f64 {
    angle as f64 / 1e6
}
