//! Figures, charts, relation graphs and the timeline as readers get them, on a second
//! explainer written apart from the example (`tests/sites/coastland`: a maritime crisis with
//! long actor names that have aliases, a disputed figure newer than an undisputed one,
//! counts, and three actors related by symmetric and one-way relations).

mod common;

use common::{Page, TestSite};
use scraper::{ElementRef, Selector};

fn built() -> TestSite {
    let site = TestSite::new("coastland");
    site.build(&[]);
    site
}

fn select<'a>(page: &'a Page, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap();
    page.html.select(&selector).collect()
}

fn within<'a>(element: ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap();
    element.select(&selector).collect()
}

fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn number(element: ElementRef<'_>, attribute: &str) -> f64 {
    element
        .value()
        .attr(attribute)
        .unwrap_or_else(|| panic!("no {attribute}"))
        .parse()
        .unwrap()
}

/// The chart drawing (wide or narrow) whose `<title>` is `title`.
fn chart<'a>(page: &'a Page, fit: &str, title: &str) -> ElementRef<'a> {
    select(page, &format!("svg.{fit}"))
        .into_iter()
        .find(|svg| {
            within(*svg, "title")
                .first()
                .is_some_and(|t| text(*t) == title)
        })
        .unwrap_or_else(|| panic!("no {fit} chart titled {title:?}"))
}

fn captions(page: &Page) -> Vec<String> {
    page.texts("figure.chart figcaption")
}

#[test]
fn the_latest_figure_is_the_newest_by_date_even_when_disputed_and_drawn_as_a_range() {
    let site = built();
    let forces = site.page("forces/");
    let bars = chart(&forces, "chart-wide", "Naval personnel");
    let rows: Vec<String> = within(bars, ".bar-row > title")
        .into_iter()
        .map(text)
        .collect();
    assert!(
        rows.contains(&"Republic of Coastland: 15,000–20,000 (2019, disputed)".to_string()),
        "the older undisputed 18,000 of 2017 is not the latest: {rows:?}"
    );
    assert!(!rows.iter().any(|r| r.contains("18,000")), "{rows:?}");
    // The disputed bar runs to the lowest value, a lighter range to the highest.
    let ranges = within(bars, ".bar-range");
    assert_eq!(ranges.len(), 1);
    assert!(number(ranges[0], "width") > 0.0);
    let labels: Vec<String> = within(bars, ".value-label").into_iter().map(text).collect();
    assert!(
        labels.contains(&"15,000–20,000 (2019, disputed)".to_string()),
        "{labels:?}"
    );
    assert!(
        captions(&forces).contains(
            &"Naval personnel: latest figure for each actor, in sailors. The latest figure for \
          Republic of Coastland is disputed: sources report 15,000–20,000 sailors in 2019."
                .to_string()
        )
    );
}

#[test]
fn a_history_draws_every_date_with_a_disputed_one_as_a_whisker() {
    let site = built();
    let forces = site.page("forces/");
    for fit in ["chart-wide", "chart-narrow"] {
        let history = chart(&forces, fit, "Republic of Coastland: naval personnel");
        let dates: Vec<String> = within(history, ".x-label").into_iter().map(text).collect();
        assert_eq!(dates, ["2017", "2019"], "{fit}");
        assert_eq!(within(history, "g.whisker").len(), 1, "{fit}");
        assert_eq!(
            text(within(history, "g.whisker > title")[0]),
            "2019: 15,000–20,000, disputed"
        );
        assert_eq!(within(history, "circle.point").len(), 1, "{fit}: 2017 only");
    }
    assert!(
        captions(&forces).contains(
            &"Republic of Coastland, naval personnel over time: 18,000 in 2017, then \
          15,000–20,000 (disputed) in 2019."
                .to_string()
        )
    );
}

#[test]
fn captions_say_on_a_day_and_in_a_month_or_a_year() {
    let site = built();
    let captions = captions(&site.page("forces/"));
    for expected in [
        "Islamic Revolutionary Guard Corps Navy of the Southern Shore, naval personnel over \
         time: 2,000 in 2019, then 2,317 on 14 November 2020.",
        "Federal Maritime Authority of Harbourland, naval personnel over time: 8,000 in May \
         2018, then 9,000 in November 2020.",
    ] {
        assert!(captions.contains(&expected.to_string()), "{captions:#?}");
    }
    assert!(
        !captions.iter().any(|c| c.contains(" in 14 ")),
        "{captions:#?}"
    );
}

#[test]
fn counts_get_whole_number_ticks_and_a_singular_unit_for_one() {
    let site = built();
    let forces = site.page("forces/");
    for fit in ["chart-wide", "chart-narrow"] {
        let ships = chart(&forces, fit, "Ships");
        let ticks: Vec<String> = within(ships, ".tick-label").into_iter().map(text).collect();
        assert!(ticks.len() >= 2, "{ticks:?}");
        for tick in &ticks {
            assert!(
                tick.parse::<u32>().is_ok(),
                "{fit}: tick {tick:?} in {ticks:?}"
            );
        }
    }
    let values = forces.texts("table.figures td.num");
    assert!(values.contains(&"1 ship".to_string()), "{values:?}");
    assert!(values.contains(&"2 ships".to_string()), "{values:?}");
    assert!(!values.iter().any(|v| v.starts_with("1 ships")));
}

#[test]
fn measure_headings_and_captions_keep_the_editors_case() {
    let site = built();
    let forces = site.page("forces/");
    let headings = forces.texts("main h2");
    assert!(
        headings.contains(&"Harbourland-made missiles in Coastland".to_string()),
        "{headings:?}"
    );
    assert!(
        headings.contains(&"Naval personnel".to_string()),
        "{headings:?}"
    );
    let captions = captions(&forces);
    assert!(
        captions.contains(
            &"Naval personnel, disputed figures: for Republic of Coastland in 2019, sources \
          report 15,000–20,000 sailors. The scale starts at 14,000, not zero."
                .to_string()
        )
    );
    assert!(
        captions
            .iter()
            .any(|c| c.starts_with("Harbourland-made missiles in Coastland: latest figure")),
        "{captions:#?}"
    );
}

#[test]
fn a_range_far_from_zero_starts_its_scale_higher_and_says_so_but_bars_start_at_zero() {
    let site = built();
    let forces = site.page("forces/");
    for fit in ["chart-wide", "chart-narrow"] {
        let ranges = chart(&forces, fit, "Fast boats: disputed figures");
        let ticks: Vec<String> = within(ranges, ".tick-label")
            .into_iter()
            .map(text)
            .collect();
        assert_eq!(ticks[0], "140", "{fit}: {ticks:?}");
        assert_eq!(
            within(ranges, ".baseline-note")
                .into_iter()
                .map(text)
                .collect::<Vec<_>>(),
            ["Scale starts at 140, not zero"]
        );
        // Both ends are inside the plot, not on its edge.
        let axis_x = number(within(ranges, "line.axis")[0], "x1");
        for marker in within(ranges, "circle.marker") {
            assert!(number(marker, "cx") > axis_x, "{fit}");
        }
    }
    assert!(
        captions(&forces)
            .iter()
            .any(|c| c.ends_with("The scale starts at 140, not zero."))
    );
    let bars = chart(&forces, "chart-wide", "Naval personnel");
    assert_eq!(text(within(bars, ".tick-label")[0]), "0");
    assert!(within(bars, ".baseline-note").is_empty());
    // A lone disputed figure is the range chart's alone, not also a one-bar chart.
    assert!(
        select(&forces, "svg.chart-wide > title")
            .into_iter()
            .all(|t| text(t) != "Fast boats")
    );
}

#[test]
fn long_names_are_drawn_as_their_shortest_alias_that_fits_and_written_in_full_in_text() {
    let site = built();
    let forces = site.page("forces/");
    let bars = chart(&forces, "chart-wide", "Naval personnel");
    let labels: Vec<String> = within(bars, "text.label").into_iter().map(text).collect();
    assert_eq!(labels, ["Republic of Coastland", "SGN", "FMA"]);
    let titles: Vec<String> = within(bars, ".bar-row > title")
        .into_iter()
        .map(text)
        .collect();
    assert!(titles.contains(
        &"Islamic Revolutionary Guard Corps Navy of the Southern Shore: 2,317 (14 November 2020)"
            .to_string()
    ));
    for svg in select(&forces, "svg.chart") {
        for label in within(svg, "text") {
            assert!(!text(label).contains('…'), "cut: {}", text(label));
        }
    }
    let table_actors = forces.texts("table.figures td[data-label=Actor]");
    assert!(
        table_actors
            .contains(&"Islamic Revolutionary Guard Corps Navy of the Southern Shore".to_string())
    );
    let ranges = chart(&forces, "chart-narrow", "Naval personnel: disputed figures");
    let labels: Vec<String> = within(ranges, "text.label").into_iter().map(text).collect();
    assert_eq!(labels, ["Republic of Coastland (2019)"]);
}

#[test]
fn every_chart_has_a_narrow_drawing_whose_marks_stay_inside_it() {
    let site = built();
    for path in ["forces/", "actors/coastland/", "actors/guard-navy/"] {
        let page = site.page(path);
        for figure in select(&page, "figure.chart:not(.graph)") {
            assert!(within(figure, ".chart-scroll").is_empty(), "{path}");
            let wide = within(figure, ".chart-fit > svg.chart-wide");
            let narrow = within(figure, ".chart-fit > svg.chart-narrow");
            assert_eq!((wide.len(), narrow.len()), (1, 1), "{path}");
            let svg = narrow[0];
            assert_eq!(svg.value().attr("width"), Some("100%"));
            let view: Vec<f64> = svg
                .value()
                .attr("viewBox")
                .unwrap()
                .split(' ')
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(view[2], 360.0, "{path}");
            for rect in within(svg, "rect") {
                let (x, w) = (number(rect, "x"), number(rect, "width"));
                assert!(x >= 0.0 && x + w <= view[2], "{path}: rect {x}+{w}");
            }
            for circle in within(svg, "circle") {
                let cx = number(circle, "cx");
                assert!((0.0..=view[2]).contains(&cx), "{path}: circle at {cx}");
            }
            for label in within(svg, "text") {
                let x = number(label, "x");
                assert!((0.0..=view[2]).contains(&x), "{path}: text at {x}");
            }
            // Labels sit above their bars: on a line of their own, left-aligned.
            for label in within(svg, "text.label") {
                assert_eq!(label.value().attr("text-anchor"), Some("start"));
            }
            // Both drawings name themselves, with ids unique on the page.
            let ids: Vec<&str> = [wide[0], svg]
                .iter()
                .filter_map(|s| s.value().attr("aria-labelledby"))
                .collect();
            assert_eq!(ids.len(), 2);
            assert_ne!(ids[0], ids[1]);
        }
    }
    let css = std::fs::read_to_string(site.public().join("style.css")).unwrap();
    assert!(css.contains(".chart-fit svg.chart-narrow { display: none; }"));
}

#[test]
fn a_three_node_graph_is_sized_to_its_content_and_symmetric_relations_have_no_arrowheads() {
    let site = built();
    let actors = site.page("actors/");
    let graph = select(&actors, "svg.graph")[0];
    let view: Vec<f64> = graph
        .value()
        .attr("viewBox")
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(view[2] < 400.0 && view[3] < 200.0, "{view:?}");
    assert!(view[2] > view[3], "wider than tall: {view:?}");
    assert!(select(&actors, "figure.graph .chart-scroll").is_empty());
    let edges: Vec<(String, bool)> = within(graph, "g.edge-group")
        .into_iter()
        .map(|g| {
            let path = within(g, "path")[0];
            (
                text(within(g, "title")[0]),
                path.value().attr("marker-end").is_some(),
            )
        })
        .collect();
    assert_eq!(edges.len(), 3, "{edges:?}");
    for (title, arrow) in &edges {
        let one_way = title.contains("sanctions");
        assert_eq!(*arrow, one_way, "{title}");
        assert_eq!(title.contains('→'), one_way, "{title}");
    }
    let nodes: Vec<String> = within(graph, ".node-label").into_iter().map(text).collect();
    assert_eq!(nodes, ["Coastland", "SGN", "FMA"]);
}

#[test]
fn a_graph_too_wide_to_shrink_sits_in_a_labelled_focusable_scroller_with_a_hint() {
    let site = TestSite::example();
    site.build(&[]);
    let actors = site.page("actors/");
    let scroller = select(&actors, "figure.graph .chart-scroll");
    assert_eq!(scroller.len(), 1);
    let element = scroller[0].value();
    assert_eq!(element.attr("role"), Some("region"));
    assert_eq!(element.attr("tabindex"), Some("0"));
    assert!(
        element
            .attr("aria-label")
            .is_some_and(|l| l.starts_with("How the 10 actors relate"))
    );
    assert_eq!(
        actors.texts("figure.graph .scroll-hint"),
        ["Wider than the screen: scroll it sideways."]
    );
    // A small neighbourhood shrinks instead.
    let iran = site.page("actors/iran/");
    assert!(select(&iran, ".chart-scroll").is_empty());
}

#[test]
fn the_timeline_prints_a_month_once_keeps_the_editors_order_and_links_covering_stories() {
    let site = built();
    let timeline = site.page("timeline/");
    let ids = timeline.attrs("li.event", "id");
    assert_eq!(
        ids,
        [
            "event-exercise",
            "event-blockade",
            "event-z-tanker-seized",
            "event-a-talks-called"
        ],
        "same-day events in the order written, not by id"
    );
    let month = select(&timeline, "#event-blockade")[0];
    assert!(
        within(month, ".event-date").is_empty(),
        "the heading says November 2020"
    );
    assert_eq!(timeline.texts("h3.month"), ["November 2020"]);
    assert_eq!(
        timeline.text.matches("November 2020").count(),
        3,
        "heading + two day dates"
    );
    let year = select(&timeline, "#event-exercise")[0];
    assert!(within(year, ".event-date").is_empty());
    let day = select(&timeline, "#event-z-tanker-seized")[0];
    assert_eq!(text(within(day, ".event-date")[0]), "14 November 2020");

    let covered = |id: &str| -> Vec<String> {
        let event = select(&timeline, &format!("#{id}"))[0];
        within(event, ".event-stories a")
            .into_iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    assert_eq!(
        covered("event-blockade"),
        ["/stories/background/", "/stories/seizure/"]
    );
    assert_eq!(covered("event-z-tanker-seized"), ["/stories/seizure/"]);
    assert!(covered("event-a-talks-called").is_empty());

    // Elsewhere, with no month heading above it, the month-precision date is printed.
    let guard = site.page("actors/guard-navy/");
    let event = select(&guard, "#event-blockade")[0];
    assert_eq!(text(within(event, ".event-date")[0]), "November 2020");
}

#[test]
fn the_second_explainer_rebuilds_byte_for_byte() {
    let site = built();
    let first = common::file_tree(&site.public());
    let again = site.root.join("again");
    let output = site.run(&["build", "--no-cache", "--output", again.to_str().unwrap()]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let second = common::file_tree(&again);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}
