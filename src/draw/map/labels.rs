//! Label placement: each label takes the first of eight spots around its marker that
//! overlaps no marker, no label placed before it and no map furniture, and stays inside
//! the frame. A label with no free spot is left off the drawing (the place is still
//! marked, and named in the list beside the map).

use crate::draw::svg::text_width;

/// Space kept clear around every label, in pixels.
const LABEL_GAP: f64 = 1.0;

/// An axis-aligned box in pixels: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Box2 {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Box2 {
    pub(crate) fn around(x: f64, y: f64, radius: f64) -> Box2 {
        Box2 {
            left: x - radius,
            top: y - radius,
            right: x + radius,
            bottom: y + radius,
        }
    }

    pub(crate) fn overlaps(&self, other: &Box2) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn inside(&self, width: f64, height: f64) -> bool {
        self.left >= 2.0
            && self.top >= 2.0
            && self.right <= width - 2.0
            && self.bottom <= height - 2.0
    }
}

/// Where a label's text is drawn: its anchor point and `text-anchor`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub bounds: Box2,
}

/// Space kept taken while labels are placed.
pub(crate) struct Occupied {
    boxes: Vec<Box2>,
    width: f64,
    height: f64,
}

impl Occupied {
    pub(crate) fn new(width: f64, height: f64) -> Occupied {
        Occupied {
            boxes: Vec::new(),
            width,
            height,
        }
    }

    pub(crate) fn take(&mut self, area: Box2) {
        self.boxes.push(area);
    }

    pub(crate) fn is_free(&self, area: &Box2) -> bool {
        area.inside(self.width, self.height) && !self.boxes.iter().any(|b| b.overlaps(area))
    }

    /// The box of `text` drawn at (x, y) (its baseline) with `anchor`.
    pub(crate) fn text_box(text: &str, font: f64, x: f64, y: f64, anchor: &str) -> Box2 {
        let width = text_width(text, font);
        let left = match anchor {
            "end" => x - width,
            "middle" => x - width / 2.0,
            _ => x,
        };
        Box2 {
            left,
            top: y - font * 0.8,
            right: left + width,
            bottom: y + font * 0.25,
        }
    }

    /// Places `text` beside a marker at (x, y) at the first free spot, and takes it.
    pub(crate) fn place_beside(&mut self, text: &str, font: f64, x: f64, y: f64) -> Option<Placed> {
        let gap = 7.0;
        let middle = font * 0.3;
        // Right, left, above, below, then the four corners: each clear of a marker of
        // radius up to 5, and above and below clear of labels to the right and left.
        let spots: [(f64, f64, &'static str); 8] = [
            (x + gap, y + middle, "start"),
            (x - gap, y + middle, "end"),
            (x, y - middle - font * 0.6, "middle"),
            (x, y + middle + font * 1.25, "middle"),
            (x + 6.0, y - middle - font * 0.6, "start"),
            (x + 6.0, y + middle + font * 1.25, "start"),
            (x - 6.0, y - middle - font * 0.6, "end"),
            (x - 6.0, y + middle + font * 1.25, "end"),
        ];
        self.place_at(text, font, &spots)
    }

    /// Places `text` at the first free spot of `spots`, and takes it.
    pub(crate) fn place_at(
        &mut self,
        text: &str,
        font: f64,
        spots: &[(f64, f64, &'static str)],
    ) -> Option<Placed> {
        let placed = spots.iter().find_map(|&(x, y, anchor)| {
            let bounds = Self::text_box(text, font, x, y, anchor);
            // A little air between labels, so their halos do not touch.
            let padded = Box2 {
                left: bounds.left - LABEL_GAP,
                top: bounds.top - LABEL_GAP,
                right: bounds.right + LABEL_GAP,
                bottom: bounds.bottom + LABEL_GAP,
            };
            self.is_free(&padded).then_some(Placed {
                x,
                y,
                anchor,
                bounds,
            })
        })?;
        self.take(placed.bounds);
        Some(placed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_label_at_the_same_spot_moves_to_the_other_side() {
        let mut taken = Occupied::new(400.0, 300.0);
        taken.take(Box2::around(200.0, 150.0, 4.0));
        let first = taken.place_beside("Seoul", 13.0, 200.0, 150.0).unwrap();
        let second = taken.place_beside("KBS", 13.0, 200.0, 150.0).unwrap();
        assert_eq!(first.anchor, "start");
        assert_eq!(second.anchor, "end");
        assert!(!first.bounds.overlaps(&second.bounds));
    }

    #[test]
    fn labels_fit_around_a_marker_on_every_side_before_running_out() {
        let mut taken = Occupied::new(400.0, 300.0);
        taken.take(Box2::around(200.0, 150.0, 5.0));
        let placed: Vec<Placed> = (0..8)
            .filter_map(|_| taken.place_beside("Ab", 13.0, 200.0, 150.0))
            .collect();
        let anchors: Vec<&str> = placed.iter().map(|p| p.anchor).collect();
        assert_eq!(
            anchors[..4],
            ["start", "end", "middle", "middle"],
            "{anchors:?}"
        );
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.bounds.overlaps(&b.bounds), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_label_with_no_free_spot_is_left_off() {
        let mut taken = Occupied::new(400.0, 300.0);
        taken.take(Box2 {
            left: 0.0,
            top: 0.0,
            right: 400.0,
            bottom: 300.0,
        });
        assert_eq!(taken.place_beside("Seoul", 13.0, 200.0, 150.0), None);
    }
}
