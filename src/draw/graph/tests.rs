//! The relation graph as a whole: what it draws, where, and that it is stable.

use super::*;
use crate::draw::testing::attr;
use crate::markup::assert_well_formed_svg as assert_well_formed;

fn node(id: &str, kind: &str) -> Node {
    Node {
        id: id.to_string(),
        label: id.replace('-', " ").to_uppercase(),
        aliases: Vec::new(),
        kind: kind.to_string(),
        href: format!("/actors/{id}/"),
    }
}

fn edge(from: &str, to: &str, label: &str) -> Edge {
    Edge {
        from: from.to_string(),
        to: to.to_string(),
        label: label.to_string(),
        symmetric: false,
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
            aliases: Vec::new(),
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

#[test]
fn symmetric_relations_have_no_arrowhead_and_read_both_ways() {
    let nodes = vec![node("a", "state"), node("b", "state"), node("c", "group")];
    let mut ally = edge("b", "a", "ally");
    ally.symmetric = true;
    let edges = vec![ally, edge("c", "a", "leader of")];
    let svg = relation_graph("g", "t", "d", &nodes, &edges, None);
    assert_well_formed(&svg);
    assert_eq!(svg.matches("marker-end=").count(), 1, "{svg}");
    assert!(
        svg.contains(r#"<path class="edge edge-symmetric""#),
        "{svg}"
    );
    assert!(svg.contains("<title>A — ally — B</title>"), "{svg}");
    assert!(svg.contains("<title>C — leader of → A</title>"), "{svg}");
}

#[test]
fn three_nodes_make_a_triangle_wider_than_tall() {
    let nodes = vec![node("a", "state"), node("b", "state"), node("c", "group")];
    let edges = vec![
        edge("a", "b", "x"),
        edge("b", "c", "y"),
        edge("c", "a", "z"),
    ];
    let (svg, width) = relation_graph_sized("g", "t", "d", &nodes, &edges, None);
    let root = &svg[..svg.find('>').unwrap()];
    let height = attr(root, "height");
    assert!(width > height, "{width} × {height}");
    assert!(width < 400.0 && height < 200.0, "{width} × {height}");
}

#[test]
fn a_long_node_label_gives_way_to_its_shortest_alias_that_fits() {
    let mut long = node("a", "state");
    long.label = "Islamic Revolutionary Guard Corps Navy of the Southern Shore".into();
    long.aliases = vec!["Southern Guard Navy".into(), "SGN".into()];
    let svg = relation_graph(
        "g",
        "t",
        "d",
        &[long, node("b", "state")],
        &[edge("a", "b", "x")],
        None,
    );
    assert!(svg.contains(">SGN</text>"), "{svg}");
    assert!(
        svg.contains("<title>Islamic Revolutionary Guard Corps Navy of the Southern Shore</title>")
    );
    assert!(!svg.contains('…'));
}
