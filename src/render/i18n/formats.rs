//! Dates, numbers and plural categories in each language's convention.
//!
//! A small table per language rather than a crate: the crates that carry CLDR data
//! (icu4x, fluent) bring tens of megabytes of data and a new formatting model for the
//! handful of forms a page prints (a day, a month, a year, a grouped integer). Languages
//! not in the table print as in English, as every site did before.

use crate::date::PartialDate;

/// The digits and grouping of a language's numbers.
struct NumberStyle {
    /// `0`–`9` in the language's script.
    digits: [char; 10],
    group: &'static str,
    decimal: &'static str,
}

const LATIN: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const PERSIAN: [char; 10] = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

fn primary(language: &str) -> String {
    language
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn number_style(language: &str) -> NumberStyle {
    match primary(language).as_str() {
        "fa" => NumberStyle {
            digits: PERSIAN,
            group: "٬",
            decimal: "٫",
        },
        "de" | "es" | "it" | "nl" | "pt" | "id" | "tr" => NumberStyle {
            digits: LATIN,
            group: ".",
            decimal: ",",
        },
        "fr" | "ru" | "uk" | "pl" | "cs" | "sv" | "nb" | "fi" => NumberStyle {
            digits: LATIN,
            group: "\u{202f}",
            decimal: ",",
        },
        _ => NumberStyle {
            digits: LATIN,
            group: ",",
            decimal: ".",
        },
    }
}

/// `1234567` as the language groups it: `1,234,567` (English, Korean), `۱٬۲۳۴٬۵۶۷`
/// (Persian). Fractions keep their digits as written.
pub fn format_number(value: f64, language: &str) -> String {
    localize_number(&crate::data::format_number(value), language)
}

/// A number already written the English way (`50,000`, `2.50`, as a chart's scale
/// writes it) in the language's digits and separators, keeping its decimals as written.
pub fn localize_number(english: &str, language: &str) -> String {
    let english = english.to_string();
    let style = number_style(language);
    if style.group == "," && style.decimal == "." && style.digits == LATIN {
        return english;
    }
    english
        .chars()
        .map(|c| match c {
            ',' => style.group.to_string(),
            '.' => style.decimal.to_string(),
            d if d.is_ascii_digit() => style.digits[d as usize - '0' as usize].to_string(),
            other => other.to_string(),
        })
        .collect()
}

/// A year, month or day number in the language's digits, ungrouped.
fn digits(value: u32, language: &str) -> String {
    let style = number_style(language);
    value
        .to_string()
        .chars()
        .map(|d| style.digits[d as usize - '0' as usize])
        .collect()
}

const PERSIAN_MONTHS: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];
const ARABIC_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// A date as readers of the language write it, never more precise than known:
/// `2013년 3월 20일`, `2013년 3월`, `2013년` in Korean; English otherwise as before.
pub fn format_date(date: PartialDate, language: &str) -> String {
    let (year, month, day) = (u32::from(date.year()), date.month(), date.day());
    let d = |n: u32| digits(n, language);
    match primary(language).as_str() {
        "ko" => match (month, day) {
            (Some(m), Some(day)) => format!("{year}년 {m}월 {day}일"),
            (Some(m), None) => format!("{year}년 {m}월"),
            _ => format!("{year}년"),
        },
        "ja" | "zh" => match (month, day) {
            (Some(m), Some(day)) => format!("{year}年{m}月{day}日"),
            (Some(m), None) => format!("{year}年{m}月"),
            _ => format!("{year}年"),
        },
        lang @ ("fa" | "ar") => {
            let months = if lang == "fa" {
                &PERSIAN_MONTHS
            } else {
                &ARABIC_MONTHS
            };
            match (month, day) {
                (Some(m), Some(day)) => {
                    format!(
                        "{} {} {}",
                        d(u32::from(day)),
                        months[m as usize - 1],
                        d(year)
                    )
                }
                (Some(m), None) => format!("{} {}", months[m as usize - 1], d(year)),
                _ => d(year),
            }
        }
        _ => date.display(),
    }
}

/// A month of a year, for the timeline's headings: `March 2013`, `2013년 3월`.
pub fn format_month(date: PartialDate, language: &str) -> String {
    let month = match date.month() {
        Some(m) => PartialDate::parse(&format!("{:04}-{m:02}", date.year())),
        None => Ok(date),
    };
    format_date(month.unwrap_or(date), language)
}

/// The CLDR plural category of `count` in the language, for the languages in the table;
/// `other` for the rest and for languages without plural forms (Korean, Japanese, Chinese).
pub fn plural_category(language: &str, count: f64) -> &'static str {
    let whole = count.fract() == 0.0;
    match primary(language).as_str() {
        "ko" | "ja" | "zh" | "th" | "vi" | "id" | "ms" | "tr" => "other",
        "fr" | "fa" | "hi" | "pt" => {
            if (0.0..2.0).contains(&count) {
                "one"
            } else {
                "other"
            }
        }
        "ar" => match count {
            0.0 => "zero",
            1.0 => "one",
            2.0 => "two",
            c if whole && (3.0..=10.0).contains(&(c % 100.0)) => "few",
            c if whole && (11.0..=99.0).contains(&(c % 100.0)) => "many",
            _ => "other",
        },
        _ => {
            if count == 1.0 {
                "one"
            } else {
                "other"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn korean_dates_name_year_month_and_day_in_that_order() {
        assert_eq!(format_date(date("2013-03-20"), "ko"), "2013년 3월 20일");
        assert_eq!(format_date(date("2013-03"), "ko"), "2013년 3월");
        assert_eq!(format_date(date("2013"), "ko"), "2013년");
    }

    #[test]
    fn english_dates_are_as_before() {
        assert_eq!(format_date(date("2013-03-20"), "en"), "20 March 2013");
        assert_eq!(format_date(date("2013-03-20"), "xx"), "20 March 2013");
    }

    #[test]
    fn persian_numbers_use_persian_digits_and_separator() {
        assert_eq!(format_number(1_234_567.0, "fa"), "۱٬۲۳۴٬۵۶۷");
        assert_eq!(format_number(1_234_567.0, "ko"), "1,234,567");
        assert_eq!(format_date(date("2019-06-13"), "fa"), "۱۳ ژوئن ۲۰۱۹");
    }

    #[test]
    fn plural_categories_follow_the_language() {
        assert_eq!(plural_category("en", 1.0), "one");
        assert_eq!(plural_category("en", 2.0), "other");
        assert_eq!(plural_category("ko", 1.0), "other");
    }
}
