//! Syntect's bundled themes pick token colours for looks, and several fall under WCAG AA
//! contrast (4.5:1) against their own background (the light theme's greens and greys, the
//! dark theme's comments and reds). Each colour of the generated stylesheet is moved toward
//! black or white, keeping its hue, until it reads against the background it is drawn on:
//! its rule's own `background-color`, else the theme's.

/// The contrast every token colour reaches, a little above AA so that rounding in a
/// browser's colour arithmetic cannot drop it below 4.5:1.
const TARGET_CONTRAST: f64 = 4.6;

pub(crate) type Rgb = (u8, u8, u8);

/// `css` (syntect's output for one theme) with every `color:` made readable.
pub(crate) fn with_readable_colours(css: &str, theme_background: Rgb) -> String {
    let mut out = String::with_capacity(css.len());
    for rule in css.split_inclusive('}') {
        let background = declared(rule, "background-color:").unwrap_or(theme_background);
        out.push_str(&readable_rule(rule, background));
    }
    out
}

/// One rule with its text colour adjusted; `background-color` is left as it is.
fn readable_rule(rule: &str, background: Rgb) -> String {
    let mut out = String::with_capacity(rule.len());
    let mut rest = rule;
    while let Some(at) = rest.find("color:") {
        let is_text_colour = !rest[..at].ends_with('-');
        let (before, after) = rest.split_at(at + "color:".len());
        out.push_str(before);
        rest = after;
        if !is_text_colour {
            continue;
        }
        let value = rest.trim_start();
        let skipped = rest.len() - value.len();
        if let Some(colour) = value.get(..7).and_then(parse_hex) {
            out.push_str(&rest[..skipped]);
            out.push_str(&hex(readable(colour, background)));
            rest = &value[7..];
        }
    }
    out.push_str(rest);
    out
}

fn declared(rule: &str, property: &str) -> Option<Rgb> {
    let at = rule.find(property)?;
    parse_hex(rule[at + property.len()..].trim_start().get(..7)?)
}

fn parse_hex(text: &str) -> Option<Rgb> {
    let digits = text.strip_prefix('#')?;
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `colour` mixed with black (on a light background) or white (on a dark one) in small
/// steps until it reaches the target contrast.
fn readable(colour: Rgb, background: Rgb) -> Rgb {
    let target: Rgb = if luminance(background) > 0.18 {
        (0, 0, 0)
    } else {
        (255, 255, 255)
    };
    let mut mixed = colour;
    for step in 0..=20 {
        mixed = mix(colour, target, f64::from(step) / 20.0);
        if contrast(mixed, background) >= TARGET_CONTRAST {
            break;
        }
    }
    mixed
}

fn mix(from: Rgb, to: Rgb, amount: f64) -> Rgb {
    let channel = |a: u8, b: u8| {
        (f64::from(a) + (f64::from(b) - f64::from(a)) * amount)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    (
        channel(from.0, to.0),
        channel(from.1, to.1),
        channel(from.2, to.2),
    )
}

/// Relative luminance, as WCAG 2 defines it.
fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |c: u8| {
        let s = f64::from(c) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pale_green_on_white_is_darkened_to_aa_and_a_dark_text_is_left_alone() {
        let css = ".hl-tag {\n color: #63a35c;\n}\n.hl-code {\n color: #323232;\n background-color: #ffffff;\n}\n";
        let out = with_readable_colours(css, (255, 255, 255));
        let tag = declared(&out, "color:").unwrap();
        assert!(contrast(tag, (255, 255, 255)) >= 4.5, "{out}");
        assert!(out.contains("color: #323232;"), "{out}");
        assert!(out.contains("background-color: #ffffff;"), "{out}");
    }

    #[test]
    fn a_dim_comment_on_a_dark_background_is_lightened() {
        let out = with_readable_colours(".c {\n color: #65737e;\n}\n", (0x2b, 0x30, 0x3b));
        let comment = declared(&out, "color:").unwrap();
        assert!(contrast(comment, (0x2b, 0x30, 0x3b)) >= 4.5, "{out}");
        assert!(luminance(comment) > luminance((0x65, 0x73, 0x7e)));
    }

    #[test]
    fn a_rule_with_its_own_background_is_measured_against_it() {
        let css = ".bad {\n color: #2b303b;\n background-color: #bf616a;\n}\n";
        let out = with_readable_colours(css, (0x2b, 0x30, 0x3b));
        let colour = declared(&out, " color:").unwrap();
        assert!(contrast(colour, (0xbf, 0x61, 0x6a)) >= 4.5, "{out}");
    }
}
