//! The value scale of a chart: linear from 0 (or, for ranges, from a labelled non-zero
//! baseline) to a "nice" maximum with evenly spaced ticks; whole steps only for counts.

use super::finite;

/// A linear scale from `min` (0 unless a range chart starts higher) to a "nice" maximum
/// with evenly spaced ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub(crate) min: f64,
    pub(crate) max: f64,
    pub(crate) step: f64,
    pub(crate) intervals: usize,
    pub(crate) decimals: usize,
}

impl Scale {
    /// The smallest of 1, 2, 2.5, 5 × 10^k at or above `max_value` (1 when nothing is above 0).
    #[cfg(test)]
    pub(crate) fn new(max_value: f64) -> Scale {
        Scale::from_zero(max_value, false)
    }

    /// Like [`Scale::new`], but with `whole` only whole-number steps (counts: no "0.5
    /// ships"); a count of 1 to 5 gets a scale to 5 in steps of 1.
    pub(crate) fn from_zero(max_value: f64, whole: bool) -> Scale {
        let value = finite(max_value);
        if value <= 0.0 || !(value * 1e3).is_finite() {
            return if whole {
                Scale {
                    min: 0.0,
                    max: 5.0,
                    step: 1.0,
                    intervals: 5,
                    decimals: 0,
                }
            } else {
                Scale {
                    min: 0.0,
                    max: 1.0,
                    step: 0.2,
                    intervals: 5,
                    decimals: 1,
                }
            };
        }
        let mut exponent = value.log10().floor() as i32 - 1;
        loop {
            let base = 10f64.powi(exponent);
            for (mantissa, step, intervals) in
                [(1.0, 0.2, 5), (2.0, 0.5, 4), (2.5, 0.5, 5), (5.0, 1.0, 5)]
            {
                let max = mantissa * base;
                let step = step * base;
                if whole && (step < 1.0 || step.fract() != 0.0) {
                    continue;
                }
                if max >= value * (1.0 - 1e-12) {
                    return Scale {
                        min: 0.0,
                        max,
                        step,
                        intervals,
                        decimals: decimals_for(step),
                    };
                }
            }
            exponent += 1;
        }
    }

    /// A scale for ranges from `low` to `high`: from zero when zero is near (the honest
    /// default), else from a round number below `low`, so that ranges far from zero are
    /// not squeezed into the scale's last sliver. Such a scale says so: see
    /// [`Scale::starts_above_zero`].
    pub(crate) fn for_ranges(low: f64, high: f64, whole: bool) -> Scale {
        let (low, high) = (finite(low).max(0.0), finite(high).max(0.0));
        let from_zero = Scale::from_zero(high, whole);
        if low < high * 0.5 || high <= 0.0 {
            return from_zero;
        }
        let span = Scale::from_zero(high - low, whole);
        let step = span.step;
        // Half a step of room at each end, so no marker sits on the axis.
        let min = ((low - step / 2.0) / step).floor() * step;
        let intervals = ((high + step / 2.0 - min) / step).ceil().max(1.0) as usize;
        if min <= 0.0 {
            return from_zero;
        }
        Scale {
            min,
            max: min + step * intervals as f64,
            step,
            intervals,
            decimals: span.decimals,
        }
    }

    /// Whether the scale starts above zero (only range charts do), which the chart labels.
    pub(crate) fn starts_above_zero(&self) -> bool {
        self.min > 0.0
    }

    /// Where `value` falls between the scale's start and its maximum, from 0 to 1.
    pub(crate) fn fraction(&self, value: f64) -> f64 {
        ((finite(value) - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }

    /// The number written at tick `i` (the start at 0, `intervals` at the maximum).
    pub(crate) fn tick_label(&self, i: usize) -> String {
        group_thousands(&format!(
            "{:.*}",
            self.decimals,
            self.min + self.step * i as f64
        ))
    }

    /// Every tick's number, from zero to the maximum.
    pub(crate) fn tick_labels(&self) -> Vec<String> {
        (0..=self.intervals).map(|i| self.tick_label(i)).collect()
    }
}

/// Fewest decimals that write `step` (and so every multiple of it) exactly.
fn decimals_for(step: f64) -> usize {
    (0..12)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(12)
}

/// "1234567.5" → "1,234,567.5".
fn group_thousands(number: &str) -> String {
    let (int, frac) = match number.find('.') {
        Some(dot) => number.split_at(dot),
        None => (number, ""),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0
            && (digits.len() - i).is_multiple_of(3)
            && c.is_ascii_digit()
            && digits[i - 1].is_ascii_digit()
        {
            out.push(',');
        }
        out.push(*c);
    }
    out.push_str(frac);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scale_maximum() {
        let max = |v: f64| Scale::new(v).max;
        assert_eq!(max(0.0), 1.0);
        assert_eq!(max(-3.0), 1.0);
        assert_eq!(max(f64::NAN), 1.0);
        assert_eq!(max(1.0), 1.0);
        assert_eq!(max(1.2), 2.0);
        assert_eq!(max(2.2), 2.5);
        assert_eq!(max(3.0), 5.0);
        assert_eq!(max(7.0), 10.0);
        assert_eq!(max(1000.0), 1000.0);
        assert_eq!(max(1001.0), 2000.0);
        assert_eq!(max(23_000.0), 25_000.0);
        assert!((max(0.03) - 0.05).abs() < 1e-12);
        let scale = Scale::new(2.2);
        assert_eq!(
            scale.tick_labels(),
            ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]
        );
        let scale = Scale::new(1_800_000.0);
        assert_eq!(scale.tick_label(scale.intervals), "2,000,000");
        let scale = Scale::new(0.03);
        assert_eq!(scale.tick_label(3), "0.03");
    }

    #[test]
    fn counts_get_whole_number_ticks_only() {
        for max in [1.0, 2.0, 3.0, 4.0, 7.0, 12.0, 0.0] {
            let scale = Scale::from_zero(max, true);
            for label in scale.tick_labels() {
                assert!(!label.contains('.'), "{max}: {label}");
            }
            assert!(scale.max >= max);
        }
        assert_eq!(
            Scale::from_zero(3.0, true).tick_labels(),
            ["0", "1", "2", "3", "4", "5"]
        );
        assert_eq!(Scale::from_zero(2.0, false).tick_labels()[1], "0.5");
    }

    #[test]
    fn ranges_far_from_zero_start_at_a_round_number_below_them() {
        let scale = Scale::for_ranges(15_000.0, 20_000.0, true);
        assert!(scale.starts_above_zero());
        assert!(scale.min <= 15_000.0 && scale.min > 0.0, "{scale:?}");
        assert!(scale.max >= 20_000.0, "{scale:?}");
        assert_eq!(scale.tick_label(0), crate::data::format_number(scale.min));
        assert!(scale.fraction(15_000.0) > 0.0);
        // Near zero, the scale starts at zero.
        let scale = Scale::for_ranges(3_000.0, 48_000.0, true);
        assert!(!scale.starts_above_zero());
        assert_eq!(scale.tick_label(0), "0");
    }

    #[test]
    fn thousands_are_grouped_with_commas() {
        assert_eq!(group_thousands("1234567.50"), "1,234,567.50");
        assert_eq!(group_thousands("999"), "999");
    }
}
