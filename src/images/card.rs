//! The social card of a page without a lead image: 1200×630, the explainer's name, the
//! title (at most three lines) and the date in the theme's colours, drawn as SVG and
//! rendered to PNG by resvg with the font shipped with the theme. No system font is
//! looked up, so the same text gives the same bytes on every machine.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use super::text::{CardFont, wrap_lines};
use crate::markup::escape;

pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;

const MARGIN: f32 = 80.0;
const TITLE_SIZE: f32 = 64.0;
const TITLE_LEADING: f32 = 80.0;
const MAX_TITLE_LINES: usize = 3;

/// What a card says and in which colours (CSS colours, e.g. `#fbfaf7`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardText {
    pub site_name: String,
    pub title: String,
    pub date: String,
    pub background: String,
    pub text: String,
    pub muted: String,
    pub accent: String,
}

/// The card as PNG bytes.
pub fn draw_card(card: &CardText, font: &CardFont<'_>) -> Result<Vec<u8>, String> {
    let svg = card_svg(card, font);
    let options = usvg::Options {
        fontdb: Arc::clone(&font.database),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| format!("the card: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(CARD_WIDTH, CARD_HEIGHT)
        .ok_or_else(|| "the card has no pixels".to_string())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    encode_opaque_png(&pixmap)
}

/// The card's pixels as an RGB PNG with fast compression. The card's background covers
/// every pixel, so the alpha channel is always opaque and is left out; the fast setting
/// encodes a card several times quicker than the default one, for a somewhat larger file,
/// which matters when a site has thousands of stories without a lead image.
fn encode_opaque_png(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    // Opaque pixels are the same premultiplied or not.
    let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for pixel in pixmap.data().chunks_exact(4) {
        rgb.extend_from_slice(&pixel[..3]);
    }
    let mut png = Vec::new();
    // The up filter alone was cheaper but made cards 40% larger (72 KB against 52 KB).
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
        .write_image(
            &rgb,
            CARD_WIDTH,
            CARD_HEIGHT,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| format!("cannot encode the card: {e}"))?;
    Ok(png)
}

fn card_svg(card: &CardText, font: &CardFont<'_>) -> String {
    let text_width = CARD_WIDTH as f32 - 2.0 * MARGIN;
    let site_name = wrap_lines(font, &card.site_name, 32.0, text_width, 1);
    let title = wrap_lines(font, &card.title, TITLE_SIZE, text_width, MAX_TITLE_LINES);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" \
         viewBox=\"0 0 {CARD_WIDTH} {CARD_HEIGHT}\" font-family=\"Flashpoint Card\" font-weight=\"700\">\
         <rect width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" fill=\"{bg}\"/>\
         <rect width=\"24\" height=\"{CARD_HEIGHT}\" fill=\"{accent}\"/>",
        bg = escape(&card.background),
        accent = escape(&card.accent),
    );
    for line in site_name {
        svg.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"120\" font-size=\"32\" fill=\"{}\">{}</text>",
            escape(&card.accent),
            escape(&line)
        ));
    }
    let first_baseline = 250.0;
    for (i, line) in title.iter().enumerate() {
        svg.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"{TITLE_SIZE}\" fill=\"{}\">{}</text>",
            first_baseline + TITLE_LEADING * i as f32,
            escape(&card.text),
            escape(line)
        ));
    }
    svg.push_str(&format!(
        "<rect x=\"{MARGIN}\" y=\"510\" width=\"{text_width}\" height=\"2\" fill=\"{}\"/>\
         <text x=\"{MARGIN}\" y=\"565\" font-size=\"30\" fill=\"{}\">{}</text></svg>",
        escape(&card.muted),
        escape(&card.muted),
        escape(&card.date)
    ));
    svg
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const FONT: &[u8] = include_bytes!("../../themes/default/fonts/card-font.ttf");

    fn card(title: &str) -> CardText {
        CardText {
            site_name: "Flashpoint".to_string(),
            title: title.to_string(),
            date: "20 March 2013".to_string(),
            background: "#fbfaf7".to_string(),
            text: "#1c1b19".to_string(),
            muted: "#5c5955".to_string(),
            accent: "#8b1e1e".to_string(),
        }
    }

    fn pixels(png: &[u8]) -> image::RgbaImage {
        image::load_from_memory(png).unwrap().to_rgba8()
    }

    #[test]
    fn a_card_is_a_1200_by_630_png_with_the_same_bytes_every_time() {
        let font = CardFont::new(FONT).unwrap();
        let first = draw_card(&card("Banks & broadcasters <hit>"), &font).unwrap();
        let second = draw_card(&card("Banks & broadcasters <hit>"), &font).unwrap();
        assert_eq!(first, second);
        let image = pixels(&first);
        assert_eq!((image.width(), image.height()), (1200, 630));
    }

    #[test]
    fn a_korean_title_is_drawn_with_hangul_glyphs_not_boxes() {
        let font = CardFont::new(FONT).unwrap();
        let korean = pixels(&draw_card(&card("서울 방송사 해킹"), &font).unwrap());
        let blank = pixels(&draw_card(&card(""), &font).unwrap());
        // Tofu: characters the font lacks, drawn as its notdef box.
        let tofu = pixels(&draw_card(&card("\u{0E01}\u{0E02} \u{0E03}\u{0E04}"), &font).unwrap());
        let title_band = |image: &image::RgbaImage| -> Vec<[u8; 4]> {
            (180..280)
                .flat_map(|y| (80..700).map(move |x| (x, y)))
                .map(|(x, y)| image.get_pixel(x, y).0)
                .collect()
        };
        let inked = |band: &[[u8; 4]]| band.iter().filter(|p| p[0] < 128).count();
        assert!(
            inked(&title_band(&korean)) > 2000,
            "the Korean title left no ink"
        );
        assert_eq!(inked(&title_band(&blank)), 0);
        assert_ne!(title_band(&korean), title_band(&tofu));
    }
}
