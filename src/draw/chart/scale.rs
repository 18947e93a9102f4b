//! The value scale of a chart: linear from 0 to a "nice" maximum with evenly spaced ticks.

use super::finite;

/// A linear scale from 0 to a "nice" maximum with evenly spaced ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub(crate) max: f64,
    pub(crate) step: f64,
    pub(crate) intervals: usize,
    pub(crate) decimals: usize,
}

impl Scale {
    /// The smallest of 1, 2, 2.5, 5 × 10^k at or above `max_value` (1 when nothing is above 0).
    pub(crate) fn new(max_value: f64) -> Scale {
        let value = finite(max_value);
        if value <= 0.0 || !(value * 1e3).is_finite() {
            return Scale {
                max: 1.0,
                step: 0.2,
                intervals: 5,
                decimals: 1,
            };
        }
        let mut exponent = value.log10().floor() as i32 - 1;
        loop {
            let base = 10f64.powi(exponent);
            for (mantissa, step, intervals) in
                [(1.0, 0.2, 5), (2.0, 0.5, 4), (2.5, 0.5, 5), (5.0, 1.0, 5)]
            {
                let max = mantissa * base;
                if max >= value * (1.0 - 1e-12) {
                    let step = step * base;
                    return Scale {
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

    /// Where `value` (already clamped at 0) falls between 0 and the maximum, from 0 to 1.
    pub(crate) fn fraction(&self, value: f64) -> f64 {
        (finite(value) / self.max).clamp(0.0, 1.0)
    }

    /// The number written at tick `i` (0 at zero, `intervals` at the maximum).
    pub(crate) fn tick_label(&self, i: usize) -> String {
        group_thousands(&format!("{:.*}", self.decimals, self.step * i as f64))
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
    fn thousands_are_grouped_with_commas() {
        assert_eq!(group_thousands("1234567.50"), "1,234,567.50");
        assert_eq!(group_thousands("999"), "999");
    }
}
