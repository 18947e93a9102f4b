//! Dates as precise as editors know them: `2013`, `2013-03` or `2013-03-20`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The forms every date field accepts, quoted in error hints.
pub const ACCEPTED_DATE_FORMS: &str =
    "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2013, 2013-03 or 2013-03-20";

/// A calendar date that may be known only to the year or the month.
///
/// Ordering puts a less precise date before the precise dates inside it:
/// `2013` < `2013-03` < `2013-03-01`, because `None` sorts before `Some`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date")]
    Malformed(String),
    #[error("`{0}` has no month {1}")]
    NoSuchMonth(String, u32),
    #[error("`{0}` names a day that does not exist ({1} has {2} days)")]
    NoSuchDay(String, String, u8),
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let malformed = || DateError::Malformed(text.to_string());
        let mut parts = text.trim().split('-');
        let year = parse_digits(parts.next(), 4).ok_or_else(malformed)?;
        let month = parts
            .next()
            .map(|m| parse_digits(Some(m), 2).ok_or_else(malformed))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| parse_digits(Some(d), 2).ok_or_else(malformed))
            .transpose()?;
        if parts.next().is_some() || year == 0 {
            return Err(malformed());
        }
        if let Some(month) = month {
            if !(1..=12).contains(&month) {
                return Err(DateError::NoSuchMonth(text.to_string(), month));
            }
            if let Some(day) = day {
                let last = days_in_month(year, month);
                if day == 0 || day > u32::from(last) {
                    let month_name = format!("{} {year}", MONTH_NAMES[month as usize - 1]);
                    return Err(DateError::NoSuchDay(text.to_string(), month_name, last));
                }
            }
        }
        Ok(PartialDate {
            year: year as u16,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// True when the day is known.
    pub fn is_complete(&self) -> bool {
        self.day.is_some()
    }

    /// Machine-readable form for `<time datetime>`, as precise as the date is.
    pub fn iso(&self) -> String {
        // Pushed digit by digit rather than through `format!`: every date shown is written
        // this way, some pages show thousands.
        let mut iso = String::with_capacity(10);
        push_digits(&mut iso, u32::from(self.year), 4);
        if let Some(month) = self.month {
            iso.push('-');
            push_digits(&mut iso, u32::from(month), 2);
            if let Some(day) = self.day {
                iso.push('-');
                push_digits(&mut iso, u32::from(day), 2);
            }
        }
        iso
    }

    /// Reader-facing form: `20 March 2013`, `March 2013` or `2013`, never more precise than known.
    pub fn display(&self) -> String {
        let mut shown = String::with_capacity(20);
        if let Some(month) = self.month {
            if let Some(day) = self.day {
                push_digits(&mut shown, u32::from(day), 1);
                shown.push(' ');
            }
            shown.push_str(MONTH_NAMES[month as usize - 1]);
            shown.push(' ');
        }
        push_digits(&mut shown, u32::from(self.year), 1);
        shown
    }

    /// Name of the month alone, for grouping headings.
    pub fn month_name(&self) -> Option<&'static str> {
        self.month.map(|m| MONTH_NAMES[m as usize - 1])
    }
}

/// `number` in decimal onto `out`, with leading zeros up to `width` digits.
fn push_digits(out: &mut String, number: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut start = digits.len();
    let mut rest = number;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    start = start.min(digits.len() - width);
    out.extend(digits[start..].iter().map(|&digit| char::from(digit)));
}

fn parse_digits(part: Option<&str>, width: usize) -> Option<u32> {
    let part = part?;
    if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn days_in_month(year: u32, month: u32) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = PartialDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<PartialDate, E> {
                PartialDate::parse(text).map_err(E::custom)
            }

            // An unquoted `2013` reaches us as a number.
            fn visit_u64<E: de::Error>(self, year: u64) -> Result<PartialDate, E> {
                self.visit_str(&year.to_string())
            }

            fn visit_i64<E: de::Error>(self, year: i64) -> Result<PartialDate, E> {
                self.visit_str(&year.to_string())
            }
        }

        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(date("2013").display(), "2013");
        assert_eq!(date("2013-03").display(), "March 2013");
        assert_eq!(date("2013-03-20").display(), "20 March 2013");
        assert_eq!(date("2013-03").iso(), "2013-03");
    }

    #[test]
    fn iso_pads_every_part_and_display_does_not() {
        assert_eq!(date("0987-01-05").iso(), "0987-01-05");
        assert_eq!(date("0045").iso(), "0045");
        assert_eq!(date("2013-12-31").iso(), "2013-12-31");
        assert_eq!(date("0987-01-05").display(), "5 January 987");
        assert_eq!(date("2013-11").display(), "November 2013");
    }

    #[test]
    fn less_precise_date_sorts_before_the_dates_inside_it() {
        let mut dates = [
            date("2013-03-01"),
            date("2013-03"),
            date("2012-12-31"),
            date("2013"),
        ];
        dates.sort();
        let isos: Vec<String> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(isos, ["2012-12-31", "2013", "2013-03", "2013-03-01"]);
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!(matches!(
            PartialDate::parse("2013-02-30"),
            Err(DateError::NoSuchDay(..))
        ));
        assert!(PartialDate::parse("2012-02-29").is_ok());
        assert!(PartialDate::parse("2013-02-29").is_err());
        assert!(matches!(
            PartialDate::parse("2013-13"),
            Err(DateError::NoSuchMonth(..))
        ));
    }

    #[test]
    fn rejects_prose_and_malformed_numbers() {
        for text in [
            "March 2013",
            "13-03-20",
            "2013-3-20",
            "2013-03-20-01",
            "",
            "0000",
        ] {
            assert!(
                PartialDate::parse(text).is_err(),
                "{text} should be rejected"
            );
        }
    }
}
