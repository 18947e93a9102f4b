//! The vendored Natural Earth basemap (`assets/basemap/ne-50m.json`, made by
//! `scripts/basemap/generate.mjs`), embedded in the binary so a new site needs no download.
//! Decoded and projected once per process; every map then only culls, simplifies and clips.

use std::sync::OnceLock;

use geo::{BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect};
use serde::Deserialize;

use super::projection::project;

/// The embedded basemap: Natural Earth 1:50m admin-0 countries (public domain).
const BASEMAP: &[u8] = include_bytes!("../../../assets/basemap/ne-50m.json");

/// A country in projected world units (see [`project`]), with its bounding box for culling.
pub(crate) struct Country {
    pub name: String,
    pub shape: MultiPolygon<f64>,
    /// Each polygon's box, parallel to `shape.0`.
    pub boxes: Vec<Rect<f64>>,
}

/// A coastline or border piece in projected world units, with its box.
pub(crate) struct Line {
    pub line: LineString<f64>,
    pub bounds: Rect<f64>,
}

pub(crate) struct Basemap {
    pub countries: Vec<Country>,
    pub coastlines: Vec<Line>,
    pub borders: Vec<Line>,
}

#[derive(Deserialize)]
struct RawBasemap {
    countries: Vec<RawCountry>,
    coastlines: Vec<Vec<i32>>,
    borders: Vec<Vec<i32>>,
}

#[derive(Deserialize)]
struct RawCountry {
    name: String,
    polygons: Vec<Vec<Vec<i32>>>,
}

/// The basemap, decoded on first use. The file is part of the binary and checked by the
/// tests, so failing to read it is a bug in the build, not a user's mistake: it then
/// yields an empty basemap (maps still show their places) rather than a panic.
pub(crate) fn basemap() -> &'static Basemap {
    static BASEMAP_DECODED: OnceLock<Basemap> = OnceLock::new();
    BASEMAP_DECODED.get_or_init(|| decode(BASEMAP).unwrap_or_else(|_| empty()))
}

fn empty() -> Basemap {
    Basemap {
        countries: Vec::new(),
        coastlines: Vec::new(),
        borders: Vec::new(),
    }
}

fn decode(bytes: &[u8]) -> Result<Basemap, serde_json::Error> {
    let raw: RawBasemap = serde_json::from_slice(bytes)?;
    let countries = raw
        .countries
        .into_iter()
        .map(|country| {
            let polygons: Vec<Polygon<f64>> = country
                .polygons
                .iter()
                .filter_map(|rings| {
                    let mut rings = rings
                        .iter()
                        .map(|ring| ring_of(ring, Seam::Unwrap).remove(0));
                    let exterior = rings.next()?;
                    Some(Polygon::new(exterior, rings.collect()))
                })
                .collect();
            let boxes = polygons.iter().filter_map(|p| p.bounding_rect()).collect();
            Country {
                name: country.name,
                shape: MultiPolygon(polygons),
                boxes,
            }
        })
        .collect();
    Ok(Basemap {
        countries,
        coastlines: raw.coastlines.iter().flat_map(|l| lines_of(l)).collect(),
        borders: raw.borders.iter().flat_map(|l| lines_of(l)).collect(),
    })
}

fn lines_of(encoded: &[i32]) -> Vec<Line> {
    ring_of(encoded, Seam::Split)
        .into_iter()
        .filter_map(|line| {
            let bounds = line.bounding_rect()?;
            Some(Line { line, bounds })
        })
        .collect()
}

/// What to do where a ring or line steps across the 180th meridian (a jump of more than
/// half the world between two points).
#[derive(Clone, Copy, PartialEq)]
enum Seam {
    /// Keep a ring whole, carrying on past ±180° (the frame clips what is off the map).
    Unwrap,
    /// Cut a line in two.
    Split,
}

/// A delta-encoded list of hundredths of a degree, projected: one line, or with
/// `Seam::Split` one per piece between crossings of the 180th meridian.
fn ring_of(encoded: &[i32], seam: Seam) -> Vec<LineString<f64>> {
    let mut lon = 0i64;
    let mut lat = 0i64;
    let mut shift = 0i64;
    let mut pieces = vec![Vec::with_capacity(encoded.len() / 2)];
    for (i, pair) in encoded.chunks_exact(2).enumerate() {
        if i == 0 {
            (lon, lat) = (i64::from(pair[0]), i64::from(pair[1]));
        } else {
            let step = i64::from(pair[0]);
            lon += step;
            lat += i64::from(pair[1]);
            if step.abs() > 18_000 {
                match seam {
                    Seam::Unwrap => shift -= step.signum() * 36_000,
                    Seam::Split => pieces.push(Vec::new()),
                }
            }
        }
        let (x, y) = project((lon + shift) as f64 / 100.0, lat as f64 / 100.0);
        if let Some(piece) = pieces.last_mut() {
            piece.push(Coord { x, y });
        }
    }
    pieces.into_iter().map(LineString::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_basemap_decodes_with_the_koreas_and_their_coasts() {
        let map = decode(BASEMAP).expect("the vendored basemap is valid");
        let names: Vec<&str> = map.countries.iter().map(|c| c.name.as_str()).collect();
        assert!(names.contains(&"South Korea"), "{names:?}");
        assert!(names.contains(&"North Korea"), "{names:?}");
        assert!(map.coastlines.len() > 100);
        assert!(map.borders.len() > 100);
    }
}
