//! Fitting a view: which part of the projected world a map shows, at what scale.

use super::projection::{MAX_LAT, project};
use std::f64::consts::PI;

/// The smallest span a map shows, in degrees of longitude (about 180 km at the latitude
/// of Seoul), so a single place still has its coast and neighbours around it.
pub(crate) const MIN_SPAN_DEG: f64 = 1.6;

/// A part of the projected world drawn into a `width`×`height` box.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View {
    /// World x at the left edge.
    pub left: f64,
    /// World y at the top edge.
    pub top: f64,
    /// Pixels per world unit.
    pub scale: f64,
    pub width: f64,
    pub height: f64,
}

impl View {
    /// The view around `points` (world units) with `padding` pixels on every side,
    /// at least `min_span` world units wide and high.
    pub(crate) fn fit(
        points: &[(f64, f64)],
        width: f64,
        height: f64,
        padding: f64,
        min_span: f64,
    ) -> View {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (PI, f64::MAX, -PI, f64::MIN);
        for &(x, y) in points {
            min_x = min_x.min(x);
            max_x = max_x.max(x);
            min_y = min_y.min(y);
            max_y = max_y.max(y);
        }
        if points.is_empty() {
            (min_x, max_x, min_y, max_y) = (-PI, PI, -PI / 2.0, PI / 2.0);
        }
        let center_x = (min_x + max_x) / 2.0;
        let center_y = (min_y + max_y) / 2.0;
        let span_x = (max_x - min_x).max(min_span);
        let span_y = (max_y - min_y).max(min_span);
        let inner_w = (width - 2.0 * padding).max(1.0);
        let inner_h = (height - 2.0 * padding).max(1.0);
        // Never wider than the world: the map does not repeat it.
        let scale = (inner_w / span_x)
            .min(inner_h / span_y)
            .max(width / (2.0 * PI));
        let half_w = width / 2.0 / scale;
        let half_h = height / 2.0 / scale;
        let y_limit = project(0.0, MAX_LAT).1;
        let center_x = center_x.clamp(-PI + half_w, PI - half_w);
        let center_y = if half_h >= y_limit {
            0.0
        } else {
            center_y.clamp(-y_limit + half_h, y_limit - half_h)
        };
        View {
            left: center_x - half_w,
            top: center_y + half_h,
            scale,
            width,
            height,
        }
    }

    /// Pixels of a world point.
    pub(crate) fn screen_point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        ((x - self.left) * self.scale, (self.top - y) * self.scale)
    }

    /// The view's box in world units: (min x, min y, max x, max y).
    pub(crate) fn world_box(&self) -> (f64, f64, f64, f64) {
        (
            self.left,
            self.top - self.height / self.scale,
            self.left + self.width / self.scale,
            self.top,
        )
    }

    /// World y at the middle of the view.
    pub(crate) fn center_y(&self) -> f64 {
        self.top - self.height / self.scale / 2.0
    }

    /// The view's width in degrees of longitude.
    pub(crate) fn span_degrees(&self) -> f64 {
        (self.width / self.scale).to_degrees()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_place_gets_the_minimum_extent_centred_on_it() {
        let seoul = project(126.978, 37.5665);
        let view = View::fit(&[seoul], 480.0, 320.0, 40.0, MIN_SPAN_DEG.to_radians());
        let (x, y) = view.screen_point(seoul);
        assert!((x - 240.0).abs() < 1e-6 && (y - 160.0).abs() < 1e-6);
        assert!(view.span_degrees() >= MIN_SPAN_DEG);
    }

    #[test]
    fn every_place_lands_inside_the_padding() {
        let places = [project(126.978, 37.5665), project(-77.0369, 38.9072)];
        let view = View::fit(&places, 480.0, 320.0, 40.0, MIN_SPAN_DEG.to_radians());
        for place in places {
            let (x, y) = view.screen_point(place);
            assert!(
                (0.0..=480.0).contains(&x) && (0.0..=320.0).contains(&y),
                "{x} {y}"
            );
        }
    }
}
