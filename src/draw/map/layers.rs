//! The basemap's layers inside a view: land, coastlines, borders and where country names
//! go, each culled by its box, simplified to the view's pixels and clipped to the frame
//! with georust's `geo` (Ramer–Douglas–Peucker and `i_overlay` boolean operations).

use geo::{
    Area, BooleanOps, BoundingRect, Coord, InteriorPoint, LineString, MapCoords, MultiLineString,
    MultiPolygon, Polygon, Rect, Simplify,
};
use std::fmt::Write;

use super::basemap::{Basemap, Line};
use super::view::View;

/// Simplification tolerance in pixels: finer detail than this is invisible.
const TOLERANCE_PX: f64 = 0.6;
/// Features smaller than this many pixels both ways (mostly islets) are left out.
const MIN_FEATURE_PX: f64 = 1.5;
/// Smallest visible land area of a country, in square pixels, for its name to be drawn.
const NAMED_AREA_PX: f64 = 1800.0;

/// What the basemap contributes to one map, in the view's pixels.
pub(crate) struct Layers {
    /// SVG path data of all land.
    pub land: String,
    pub coast: String,
    pub borders: String,
    /// Country names with a point inside their visible land, largest first.
    pub names: Vec<(String, (f64, f64))>,
}

fn intersects(view: (f64, f64, f64, f64), rect: &Rect<f64>) -> bool {
    let (min_x, min_y, max_x, max_y) = view;
    rect.min().x <= max_x && rect.max().x >= min_x && rect.min().y <= max_y && rect.max().y >= min_y
}

/// The frame a layer is clipped to: the view, plus a pixel so no edge shows a seam.
fn frame(view: &View) -> Polygon<f64> {
    Rect::new(
        Coord { x: -1.0, y: -1.0 },
        Coord {
            x: view.width + 1.0,
            y: view.height + 1.0,
        },
    )
    .to_polygon()
}

/// The tolerance for a view: a map of a continent or the world is simplified more, so
/// its size stays near a regional map's.
fn tolerance_for(view: &View) -> f64 {
    if view.span_degrees() > 60.0 {
        TOLERANCE_PX * 2.5
    } else {
        TOLERANCE_PX
    }
}

pub(crate) fn layers(basemap: &Basemap, view: &View, names: bool) -> Layers {
    let tolerance = tolerance_for(view);
    let shown = view.world_box();
    let frame = frame(view);
    let to_screen = |c: Coord<f64>| {
        let (x, y) = view.screen_point((c.x, c.y));
        Coord { x, y }
    };
    let mut land = String::new();
    let mut country_names = Vec::new();
    for country in &basemap.countries {
        let polygons: Vec<Polygon<f64>> = country
            .shape
            .0
            .iter()
            .zip(&country.boxes)
            .filter(|(_, rect)| intersects(shown, rect))
            .filter_map(|(polygon, _)| visible(polygon.map_coords(to_screen), tolerance))
            .collect();
        if polygons.is_empty() {
            continue;
        }
        let clipped = clip(polygons, &frame, tolerance);
        write_polygons(&mut land, &clipped);
        if names
            && let Some(largest) = clipped
                .0
                .iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
            && largest.unsigned_area() >= NAMED_AREA_PX
            && let Some(point) = largest.interior_point()
        {
            country_names.push((
                largest.unsigned_area(),
                country.name.clone(),
                (point.x(), point.y()),
            ));
        }
    }
    country_names.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Layers {
        land,
        coast: lines(&basemap.coastlines, shown, &frame, to_screen, tolerance),
        borders: lines(&basemap.borders, shown, &frame, to_screen, tolerance),
        names: country_names
            .into_iter()
            .map(|(_, name, at)| (name, at))
            .collect(),
    }
}

/// Land only, for the inset locator: no lines, no names.
pub(crate) fn land_only(basemap: &Basemap, view: &View) -> String {
    let shown = view.world_box();
    let frame = frame(view);
    let mut land = String::new();
    let polygons: Vec<Polygon<f64>> = basemap
        .countries
        .iter()
        .flat_map(|country| country.shape.0.iter().zip(&country.boxes))
        .filter(|(_, rect)| intersects(shown, rect))
        .filter_map(|(polygon, _)| {
            let projected = polygon.map_coords(|c| {
                let (x, y) = view.screen_point((c.x, c.y));
                Coord { x, y }
            });
            visible(projected, TOLERANCE_PX * 2.0)
        })
        .collect();
    write_polygons(&mut land, &clip(polygons, &frame, TOLERANCE_PX * 2.0));
    land
}

/// A polygon in pixels, simplified, or None when it is too small to see.
fn visible(polygon: Polygon<f64>, tolerance: f64) -> Option<Polygon<f64>> {
    let rect = polygon.bounding_rect()?;
    if rect.width() < MIN_FEATURE_PX && rect.height() < MIN_FEATURE_PX {
        return None;
    }
    Some(polygon.simplify(tolerance))
}

/// Polygons cut to the frame, simplified again where the cut joined pieces.
fn clip(polygons: Vec<Polygon<f64>>, frame: &Polygon<f64>, tolerance: f64) -> MultiPolygon<f64> {
    MultiPolygon(
        MultiPolygon(polygons)
            .intersection(frame)
            .0
            .into_iter()
            .filter_map(|polygon| visible(polygon, tolerance))
            .collect(),
    )
}

fn lines(
    lines: &[Line],
    shown: (f64, f64, f64, f64),
    frame: &Polygon<f64>,
    to_screen: impl Fn(Coord<f64>) -> Coord<f64> + Copy,
    tolerance: f64,
) -> String {
    let projected: Vec<LineString<f64>> = lines
        .iter()
        .filter(|line| intersects(shown, &line.bounds))
        .map(|line| line.line.map_coords(to_screen).simplify(tolerance))
        .filter(|line| {
            line.bounding_rect()
                .is_some_and(|r| r.width() >= MIN_FEATURE_PX || r.height() >= MIN_FEATURE_PX)
        })
        .collect();
    let mut out = String::new();
    if projected.is_empty() {
        return out;
    }
    for line in frame.clip(&MultiLineString(projected), false) {
        write_ring(&mut out, &line, false);
    }
    out
}

fn write_polygons(out: &mut String, polygons: &MultiPolygon<f64>) {
    for polygon in polygons {
        write_ring(out, polygon.exterior(), true);
        for hole in polygon.interiors() {
            write_ring(out, hole, true);
        }
    }
}

/// Path data of one ring or line: `M x y l dx dy dx dy … z`, points rounded to a tenth
/// of a pixel and written relative to the one before (shorter), repeated points dropped.
pub(crate) fn write_ring(out: &mut String, line: &LineString<f64>, closed: bool) {
    let tenths = |v: f64| {
        if v.is_finite() {
            (v * 10.0).round() as i64
        } else {
            0
        }
    };
    let mut last: Option<(i64, i64)> = None;
    let mut count = 0;
    let start = out.len();
    for c in line.coords() {
        let point = (tenths(c.x), tenths(c.y));
        match last {
            None => {
                out.push('M');
                write_pair(out, point);
            }
            Some(previous) if previous == point => continue,
            Some(previous) => {
                out.push(if count == 1 { 'l' } else { ' ' });
                write_pair(out, (point.0 - previous.0, point.1 - previous.1));
            }
        }
        last = Some(point);
        count += 1;
    }
    if count < 2 {
        out.truncate(start);
    } else if closed {
        out.push('z');
    }
}

/// A pair of tenths as SVG numbers: `12.3 -0.5`.
fn write_pair(out: &mut String, (x, y): (i64, i64)) {
    let _ = write!(out, "{} {}", tenth(x), tenth(y));
}

fn tenth(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let value = value.unsigned_abs();
    if value.is_multiple_of(10) {
        format!("{sign}{}", value / 10)
    } else {
        format!("{sign}{}.{}", value / 10, value % 10)
    }
}
