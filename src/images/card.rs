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

/// The card's pixels as a PNG. A card is a few flat colours and the anti-aliased edges
/// between them, which nearly always fit a palette of 256: then it is written indexed, one
/// byte a pixel, a third of the data RGB would be, in half the bytes (26 KB against 52 KB
/// for a default card). A card with more colours (a theme with gradients, say) is written
/// as RGB. Both are lossless, and the palette lists colours in the order the pixels first
/// show them, so the bytes depend only on the pixels.
fn encode_opaque_png(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, CARD_WIDTH, CARD_HEIGHT);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // The fast compressor finds long runs of zeros, which the up filter makes of every row
    // that repeats the one above (most of a card): unfiltered, a card was twelve times larger.
    encoder.set_filter(png::Filter::Up);
    let data = match palette_indices(pixmap.data()) {
        Some((palette, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            indices
        }
        None => {
            // The background covers every pixel, so every pixel is opaque, and opaque
            // pixels are the same premultiplied or not.
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_filter(png::Filter::Adaptive);
            let rgb = pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]]);
            rgb.collect()
        }
    };
    encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&data))
        .map_err(|e| format!("cannot encode the card: {e}"))?;
    Ok(png)
}

/// The pixels (RGBA, opaque) as a palette (RGB triples, in order of first use) and one
/// index per pixel, or `None` when they hold more than 256 colours.
fn palette_indices(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut palette: Vec<u32> = Vec::new();
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    // Runs of one colour are the rule (background, solid strokes), so the last colour is
    // checked first; a card has a few dozen colours, so a linear search finds the others.
    let (mut last, mut last_index) = (None, 0u8);
    for pixel in rgba.chunks_exact(4) {
        let colour = u32::from_le_bytes([pixel[0], pixel[1], pixel[2], 0]);
        if last != Some(colour) {
            last_index = match palette.iter().position(|&known| known == colour) {
                Some(index) => index as u8,
                None => {
                    let index = u8::try_from(palette.len()).ok()?;
                    palette.push(colour);
                    index
                }
            };
            last = Some(colour);
        }
        indices.push(last_index);
    }
    let palette = palette
        .iter()
        .flat_map(|colour| colour.to_le_bytes().into_iter().take(3))
        .collect();
    Some((palette, indices))
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
    fn a_card_of_a_few_colours_is_written_with_a_palette_and_the_same_pixels() {
        let font = CardFont::new(FONT).unwrap();
        let text = card("Banks & broadcasters hit on 20 March");
        let png = draw_card(&text, &font).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let reader = decoder.read_info().unwrap();
        assert_eq!(reader.info().color_type, png::ColorType::Indexed);
        // The same drawing, read back, has the pixels resvg drew.
        let svg = card_svg(&text, &font);
        let options = usvg::Options {
            fontdb: Arc::clone(&font.database),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&svg, &options).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(CARD_WIDTH, CARD_HEIGHT).unwrap();
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        assert_eq!(pixels(&png).as_raw(), pixmap.data());
    }

    #[test]
    fn more_than_256_colours_have_no_palette() {
        let many: Vec<u8> = (0..300u32)
            .flat_map(|i| [(i % 256) as u8, (i / 256) as u8, 0, 255])
            .collect();
        assert!(palette_indices(&many).is_none());
        let few = [1, 2, 3, 255, 4, 5, 6, 255, 1, 2, 3, 255];
        assert_eq!(
            palette_indices(&few),
            Some((vec![1, 2, 3, 4, 5, 6], vec![0, 1, 0]))
        );
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
