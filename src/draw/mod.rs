//! Build-time SVG drawing: charts of force figures and relation graphs of actors, written
//! as inline `<svg>` strings by pure functions.
//!
//! Every drawing is readable without JavaScript, names itself with a `<title>` and `<desc>`
//! referenced by `aria-labelledby`, is themed by CSS classes (the only colour it names is
//! `currentColor`) and makes no external references. The same input always gives
//! byte-identical output: coordinates are written with one decimal and nothing depends on
//! hash order, time or randomness.
//!
//! Where things are:
//! - `svg`: text and numbers in hand-written SVG (coordinates, cleaning, label widths,
//!   choosing an alias or cutting), shared by everything below;
//! - `chart`: what every chart shares (the wide and narrow drawings, the opening `<svg>`,
//!   the CSS classes used);
//!   - `chart::scale`: the "nice" linear scale (from 0, or for ranges far from it from a
//!     labelled round number; whole steps for counts) and its tick labels;
//!   - `chart::axis`: where a chart's plot sits (and how rows fill it), its gridlines,
//!     scale numbers and axes, and which evenly spaced labels to draw;
//!   - `chart::bar`, `chart::step`, `chart::range`: one file per chart kind;
//! - `graph`: the relation graph's entry point, assembling the steps below (its tests,
//!   of the graph as a whole, are in `graph/tests.rs`);
//!   - `graph::relations`: nodes and edges cleaned up and indexed, neighbours and degrees;
//!   - `graph::layout`: placing nodes on concentric rings;
//!   - `graph::routing`: edges as curves between placed nodes;
//!   - `graph::edge_labels`: where along its edge each edge label goes;
//!   - `graph::write`: the drawing's bounds and the SVG text.

mod chart;
mod graph;
mod map;
mod svg;
#[cfg(test)]
mod testing;

pub(crate) use chart::Fit;
pub(crate) use chart::bar::{Bar, bar_chart};
pub(crate) use chart::range::{RangeBar, range_baseline, range_chart};
pub(crate) use chart::step::{Point, step_chart};
pub(crate) use graph::{Edge, Node, relation_graph_sized};
pub(crate) use map::{MapMemo, MapPlace, place_map};
