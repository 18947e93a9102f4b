//! Build-time maps of places: an inline SVG with land, coastlines, country borders and
//! names from the vendored Natural Earth basemap, a marker and a label for each place,
//! a scale bar and, when the map is zoomed in far, an inset locating it in its region.
//!
//! Like the charts, a map names itself with `<title>` and `<desc>`, is styled only by CSS
//! classes, scales with its container (`viewBox`, `width="100%"`), and the same places
//! always give the same bytes. Places far east and west of the 180th meridian are not
//! brought together: the map never wraps around the world.
//!
//! CSS classes: root `map`; `water` (the sea `<rect>`), `land`, `coast`, `border`,
//! `country-name`, `marker` (a place's `<circle>`), `label` (its name), `scale-bar`
//! (a `<g>` with `scale-line` and `scale-label`), `inset` (a `<g>` with `inset-frame`,
//! `water`, `land` and `inset-extent`, the rectangle of the main map).
//!
//! Where things are: `basemap` (the embedded data, decoded and projected once),
//! `projection` (spherical Mercator), `view` (fitting the places), `layers` (cull,
//! simplify, clip), `labels` (placement without overlaps), `memo` (one drawing per
//! distinct set of places).

mod basemap;
mod labels;
mod layers;
mod memo;
mod projection;
mod view;

use std::fmt::Write;

use labels::{Box2, Occupied};
use projection::{km_per_unit, latitude_of, project};
use view::{MIN_SPAN_DEG, View};

use crate::draw::svg::{clean, coordinate};
use crate::markup::{escape, sanitize_id};

pub(crate) use memo::MapMemo;

/// The map's coordinate system; it scales to its container.
pub(crate) const WIDTH: f64 = 480.0;
pub(crate) const HEIGHT: f64 = 320.0;
/// Space around the places, in pixels, for their labels.
const PADDING: f64 = 48.0;
/// Font size of place labels and of country names.
pub(crate) const LABEL_FONT: f64 = 13.0;
pub(crate) const COUNTRY_FONT: f64 = 11.0;
const MARKER_RADIUS: f64 = 4.5;
/// Below this width in degrees a map gets an inset locating it.
const INSET_BELOW_DEG: f64 = 25.0;
const INSET_WIDTH: f64 = 120.0;
const INSET_HEIGHT: f64 = 84.0;
/// The inset shows this many times the main map's width, at least `INSET_MIN_DEG`.
const INSET_ZOOM_OUT: f64 = 10.0;
const INSET_MIN_DEG: f64 = 40.0;
/// The scale bar is drawn only where one length holds across the map (Mercator's scale
/// grows away from the equator): up to this many degrees of latitude from top to bottom.
const SCALE_MAX_LAT_SPAN: f64 = 30.0;

/// A place to mark on a map.
#[derive(Debug, Clone)]
pub(crate) struct MapPlace<'a> {
    pub name: &'a str,
    pub lat: f64,
    pub lon: f64,
}

/// The SVG of a map of `places` (drawn in this order: the first gets the best label spot).
/// `id` must be unique on its page (it names the title and description).
pub(crate) fn place_map(id: &str, title: &str, desc: &str, places: &[MapPlace<'_>]) -> String {
    let points: Vec<(f64, f64)> = places.iter().map(|p| project(p.lon, p.lat)).collect();
    let view = View::fit(&points, WIDTH, HEIGHT, PADDING, MIN_SPAN_DEG.to_radians());
    let basemap = basemap::basemap();
    let layers = layers::layers(basemap, &view, true);
    let markers: Vec<(f64, f64)> = points.iter().map(|&p| view.screen_point(p)).collect();

    let mut taken = Occupied::new(WIDTH, HEIGHT);
    for &(x, y) in &markers {
        taken.take(Box2::around(x, y, MARKER_RADIUS + 0.5));
    }
    let free_corner = |taken: &Occupied, w: f64, h: f64, corners: &[(f64, f64)]| {
        corners.iter().copied().find(|&(x, y)| {
            taken.is_free(&Box2 {
                left: x,
                top: y,
                right: x + w,
                bottom: y + h,
            })
        })
    };
    let inset_at = if view.span_degrees() < INSET_BELOW_DEG {
        let corners = [
            (WIDTH - INSET_WIDTH - 6.0, 6.0),
            (6.0, 6.0),
            (WIDTH - INSET_WIDTH - 6.0, HEIGHT - INSET_HEIGHT - 6.0),
            (6.0, HEIGHT - INSET_HEIGHT - 6.0),
        ];
        free_corner(&taken, INSET_WIDTH, INSET_HEIGHT, &corners)
    } else {
        None
    };
    if let Some((x, y)) = inset_at {
        taken.take(Box2 {
            left: x - 2.0,
            top: y - 2.0,
            right: x + INSET_WIDTH + 2.0,
            bottom: y + INSET_HEIGHT + 2.0,
        });
    }
    let scale = scale_bar(&view);
    let scale_at = scale.as_ref().and_then(|(_, length)| {
        let corners = [
            (10.0, HEIGHT - 30.0),
            (WIDTH - length - 40.0, HEIGHT - 30.0),
        ];
        free_corner(&taken, length + 34.0, 24.0, &corners)
    });
    if let (Some((x, y)), Some((_, length))) = (scale_at, &scale) {
        taken.take(Box2 {
            left: x,
            top: y,
            right: x + length + 34.0,
            bottom: y + 24.0,
        });
    }

    let svg_id = sanitize_id(id, "map");
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" font-size="{font}"><title id="{svg_id}-title">{title}</title><desc id="{svg_id}-desc">{desc}</desc><rect class="water" width="{w}" height="{h}"/>"#,
        w = coordinate(WIDTH),
        h = coordinate(HEIGHT),
        font = coordinate(LABEL_FONT),
        title = escape(&clean(title)),
        desc = escape(&clean(desc)),
    );
    for (class, data) in [
        ("land", &layers.land),
        ("border", &layers.borders),
        ("coast", &layers.coast),
    ] {
        if !data.is_empty() {
            let _ = write!(out, r#"<path class="{class}" d="{data}"/>"#);
        }
    }
    // Place labels first: they matter more than country names.
    let mut labels = String::new();
    for (place, &(x, y)) in places.iter().zip(&markers) {
        let name = clean(place.name);
        let _ = write!(
            out,
            r#"<circle class="marker" cx="{}" cy="{}" r="{}"/>"#,
            coordinate(x),
            coordinate(y),
            coordinate(MARKER_RADIUS)
        );
        if let Some(spot) = taken.place_beside(&name, LABEL_FONT, x, y) {
            let _ = write!(
                labels,
                r#"<text class="label" x="{}" y="{}" text-anchor="{}">{}</text>"#,
                coordinate(spot.x),
                coordinate(spot.y),
                spot.anchor,
                escape(&name)
            );
        }
    }
    for (name, (x, y)) in &layers.names {
        let name = clean(name);
        let spots = [
            (*x, *y + COUNTRY_FONT * 0.35, "middle"),
            (*x, *y - COUNTRY_FONT, "middle"),
            (*x, *y + COUNTRY_FONT * 1.6, "middle"),
        ];
        if let Some(spot) = taken.place_at(&name, COUNTRY_FONT, &spots) {
            let _ = write!(
                out,
                r#"<text class="country-name" x="{}" y="{}" text-anchor="middle" font-size="{}">{}</text>"#,
                coordinate(spot.x),
                coordinate(spot.y),
                coordinate(COUNTRY_FONT),
                escape(&name)
            );
        }
    }
    out.push_str(&labels);
    if let (Some((x, y)), Some((text, length))) = (scale_at, &scale) {
        let (x0, x1, base) = (x + 4.0, x + 4.0 + length, y + 20.0);
        let _ = write!(
            out,
            r#"<g class="scale-bar"><path class="scale-line" d="M{x0} {top}V{base}H{x1}V{top}"/><text class="scale-label" x="{label_x}" y="{label_y}" font-size="{font}">{text}</text></g>"#,
            x0 = coordinate(x0),
            x1 = coordinate(x1),
            top = coordinate(base - 5.0),
            base = coordinate(base),
            label_x = coordinate(x1 + 5.0),
            label_y = coordinate(base),
            font = coordinate(COUNTRY_FONT),
        );
    }
    if let Some(at) = inset_at {
        write_inset(&mut out, basemap, &view, at);
    }
    out.push_str("</svg>");
    out
}

/// A scale bar's label and length in pixels: a round distance about a fifth of the width.
fn scale_bar(view: &View) -> Option<(String, f64)> {
    let (_, bottom, _, top) = view.world_box();
    if latitude_of(top) - latitude_of(bottom) > SCALE_MAX_LAT_SPAN {
        return None;
    }
    let km_per_px = km_per_unit(latitude_of(view.center_y())) / view.scale;
    let target_km = km_per_px * WIDTH / 5.0;
    let magnitude = 10f64.powf(target_km.log10().floor());
    let km = [5.0, 2.0, 1.0]
        .iter()
        .map(|step| step * magnitude)
        .find(|&km| km <= target_km)
        .unwrap_or(magnitude);
    let label = if km >= 1.0 {
        format!("{km:.0} km")
    } else {
        format!("{:.0} m", km * 1000.0)
    };
    Some((label, km / km_per_px))
}

/// The inset locator: the region around the map, its land, and a rectangle where the main
/// map is.
fn write_inset(out: &mut String, basemap: &basemap::Basemap, main: &View, (x, y): (f64, f64)) {
    let (left, bottom, right, top) = main.world_box();
    let center = ((left + right) / 2.0, (bottom + top) / 2.0);
    let span = (main.span_degrees() * INSET_ZOOM_OUT)
        .max(INSET_MIN_DEG)
        .to_radians();
    let inset = View::fit(&[center], INSET_WIDTH, INSET_HEIGHT, 0.0, span);
    let land = layers::land_only(basemap, &inset);
    let (ex0, ey0) = inset.screen_point((left, top));
    let (ex1, ey1) = inset.screen_point((right, bottom));
    // At least a few pixels, so the extent of a city map is still visible.
    let (cx, cy) = ((ex0 + ex1) / 2.0, (ey0 + ey1) / 2.0);
    let half_w = ((ex1 - ex0) / 2.0).max(3.0);
    let half_h = ((ey1 - ey0) / 2.0).max(3.0);
    let _ = write!(
        out,
        r#"<g class="inset" transform="translate({x} {y})"><rect class="water" width="{w}" height="{h}"/><path class="land" d="{land}"/><rect class="inset-extent" x="{ex}" y="{ey}" width="{ew}" height="{eh}"/><rect class="inset-frame" width="{w}" height="{h}"/></g>"#,
        x = coordinate(x),
        y = coordinate(y),
        w = coordinate(INSET_WIDTH),
        h = coordinate(INSET_HEIGHT),
        ex = coordinate(cx - half_w),
        ey = coordinate(cy - half_h),
        ew = coordinate(2.0 * half_w),
        eh = coordinate(2.0 * half_h),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn korea() -> Vec<MapPlace<'static>> {
        vec![
            MapPlace {
                name: "Seoul",
                lat: 37.5665,
                lon: 126.978,
            },
            MapPlace {
                name: "Pyongyang",
                lat: 39.0392,
                lon: 125.7625,
            },
            MapPlace {
                name: "Jeju Bank",
                lat: 33.5097,
                lon: 126.5219,
            },
        ]
    }

    #[test]
    fn a_map_of_the_peninsula_is_well_formed_small_and_the_same_every_time() {
        let svg = place_map("m", "Korea", "Places in Korea", &korea());
        crate::markup::assert_well_formed_svg(&svg);
        assert_eq!(svg, place_map("m", "Korea", "Places in Korea", &korea()));
        if let Ok(dir) = std::env::var("MAP_SAMPLE_DIR") {
            std::fs::write(format!("{dir}/korea.svg"), &svg).unwrap();
        }
        assert!(svg.len() < 60 * 1024, "{} bytes", svg.len());
        for class in ["land", "coast", "border", "marker", "label", "scale-bar"] {
            assert!(svg.contains(&format!("class=\"{class}")), "{class}");
        }
        assert!(svg.contains(">North Korea<"), "{svg}");
    }

    #[test]
    fn a_single_city_map_gets_an_inset_locating_it() {
        let svg = place_map("m", "Seoul", "Seoul", &korea()[..1]);
        assert!(svg.contains("class=\"inset\""), "{svg}");
        assert!(svg.contains(" km</text>"), "{svg}");
    }
}
