//! Decoding an image once and encoding the variants a page offers. Every step is
//! deterministic (fixed filter, fixed quality, no metadata copied), so the same source
//! always gives the same bytes.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder};

use super::library::{ImageFormat, Variant};

/// JPEG quality: photos stay clean at a third of the size of quality 95.
const JPEG_QUALITY: u8 = 80;

/// The source's pixels, turned as its EXIF orientation says.
pub(crate) fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut decoder = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .into_decoder()
        .map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().ok();
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    if let Some(orientation) = orientation {
        pixels.apply_orientation(orientation);
    }
    Ok(pixels)
}

/// The bytes of one variant of `source`.
pub(crate) fn encode(source: &DynamicImage, variant: &Variant) -> Result<Vec<u8>, String> {
    let resized = if variant.width == source.width() && variant.height == source.height() {
        source.clone()
    } else {
        source.resize_exact(variant.width, variant.height, FilterType::Lanczos3)
    };
    let mut bytes = Vec::new();
    let out = Cursor::new(&mut bytes);
    let result = match variant.format {
        ImageFormat::Jpeg => {
            let rgb = resized.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(out, JPEG_QUALITY).write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                image::ExtendedColorType::Rgb8,
            )
        }
        ImageFormat::Png => {
            let (raw, colour) = if resized.color().has_alpha() {
                (
                    resized.to_rgba8().into_raw(),
                    image::ExtendedColorType::Rgba8,
                )
            } else {
                (resized.to_rgb8().into_raw(), image::ExtendedColorType::Rgb8)
            };
            image::codecs::png::PngEncoder::new(out).write_image(
                &raw,
                variant.width,
                variant.height,
                colour,
            )
        }
        ImageFormat::Webp => {
            let (raw, colour) = if resized.color().has_alpha() {
                (
                    resized.to_rgba8().into_raw(),
                    image::ExtendedColorType::Rgba8,
                )
            } else {
                (resized.to_rgb8().into_raw(), image::ExtendedColorType::Rgb8)
            };
            image::codecs::webp::WebPEncoder::new_lossless(out).write_image(
                &raw,
                variant.width,
                variant.height,
                colour,
            )
        }
    };
    result.map_err(|e| e.to_string())?;
    Ok(bytes)
}
