//! The projection: spherical Mercator, in "world units" where the equator is 2π long.
//!
//! One formula does not need a projection library: Mercator keeps shapes and bearings
//! true locally, which is what a regional locator map needs, and it makes fitting a view a
//! plain scale and shift. Latitudes are clamped to ±85°, where the projection is finite.

use std::f64::consts::FRAC_PI_4;

/// The latitude limit of the projection.
pub(crate) const MAX_LAT: f64 = 85.0;
/// Mean Earth radius in kilometres (for the scale bar).
pub(crate) const EARTH_RADIUS_KM: f64 = 6371.0;

/// Longitude and latitude in degrees to world units (x east, y north).
pub(crate) fn project(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    (lon.to_radians(), (FRAC_PI_4 + lat / 2.0).tan().ln())
}

/// The latitude in degrees of a world-unit `y`.
pub(crate) fn latitude_of(y: f64) -> f64 {
    (2.0 * y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees()
}

/// Kilometres on the ground per world unit at a latitude (Mercator stretches by 1/cos).
pub(crate) fn km_per_unit(lat: f64) -> f64 {
    EARTH_RADIUS_KM * lat.to_radians().cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projecting_and_inverting_a_latitude_gives_it_back() {
        for lat in [-60.0, 0.0, 37.5665, 80.0] {
            let (_, y) = project(0.0, lat);
            assert!((latitude_of(y) - lat).abs() < 1e-9, "{lat}");
        }
        assert_eq!(project(180.0, 0.0).0, std::f64::consts::PI);
        assert!(project(0.0, 90.0).1.is_finite());
    }
}
