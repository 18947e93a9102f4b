//! The images a site shows, each read once: its fingerprint, format and size, and the
//! variants pages offer of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::fingerprint::{Fingerprint, FingerprintHasher};

/// The formats the build reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Webp => "webp",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
            ImageFormat::Webp => "image/webp",
        }
    }

    pub(crate) fn of(format: image::ImageFormat) -> Option<ImageFormat> {
        match format {
            image::ImageFormat::Jpeg => Some(ImageFormat::Jpeg),
            image::ImageFormat::Png => Some(ImageFormat::Png),
            image::ImageFormat::WebP => Some(ImageFormat::Webp),
            _ => None,
        }
    }
}

/// The widths variants are made at, when the image is wider: phones, columns, social
/// cards (1200, the width `og:image` asks for) and wide screens. Never upscaled.
pub const VARIANT_WIDTHS: [u32; 4] = [480, 960, 1200, 1600];

/// Bumped whenever encoding changes, so that cached variants of the old settings are not reused.
pub(crate) const ENCODER_VERSION: &str =
    "flashpoint-images-1: lanczos3, jpeg q80, png default, webp lossless";

/// One image file of the site as read at load.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceImage {
    /// Relative to the site root.
    pub path: PathBuf,
    pub fingerprint: Fingerprint,
    pub format: ImageFormat,
    /// As shown: after the file's EXIF orientation.
    pub width: u32,
    pub height: u32,
}

/// One file made from an image: a width in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    /// What its bytes are made from; the cache key and the hash in its name.
    pub key: Fingerprint,
    /// Its path in the output: `images/<stem>-<width>.<16 hex>.<ext>`.
    pub output_path: String,
}

impl SourceImage {
    /// The widths of its variants, smallest first: its own width (at most the largest
    /// standard one), and the standard widths clearly below it (a 1000-pixel image gets
    /// no 960 copy, which would save nothing).
    pub fn widths(&self) -> Vec<u32> {
        let largest = VARIANT_WIDTHS[VARIANT_WIDTHS.len() - 1];
        let own = self.width.min(largest);
        let mut widths: Vec<u32> = VARIANT_WIDTHS
            .into_iter()
            .filter(|&w| w == own || u64::from(w) * 10 < u64::from(own) * 9)
            .collect();
        if !widths.contains(&own) {
            widths.push(own);
        }
        widths
    }

    /// The formats it is offered in: WebP first, then its own.
    pub fn formats(&self) -> Vec<ImageFormat> {
        if self.format == ImageFormat::Webp {
            vec![ImageFormat::Webp]
        } else {
            vec![ImageFormat::Webp, self.format]
        }
    }

    /// Every variant, by format then width.
    pub fn variants(&self) -> Vec<Variant> {
        let stem = self
            .path
            .file_stem()
            .map(|s| crate::ids::suggested_segment(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "image".to_string());
        let mut variants = Vec::new();
        for format in self.formats() {
            for width in self.widths() {
                let height = scaled_height(self.width, self.height, width);
                let key = FingerprintHasher::new()
                    .str(ENCODER_VERSION)
                    .fingerprint(self.fingerprint)
                    .str(&width.to_string())
                    .str(format.extension())
                    .finish();
                let hash = &key.to_hex()[..16];
                variants.push(Variant {
                    width,
                    height,
                    format,
                    key,
                    output_path: format!(
                        "{}/{stem}-{width}.{hash}.{}",
                        super::OUTPUT_FOLDER,
                        format.extension()
                    ),
                });
            }
        }
        variants
    }

    /// The variant closest to `width` without being narrower when one is wide enough,
    /// in the image's own format (the one every reader can show).
    pub fn fallback_variant(&self, width: u32) -> Variant {
        let variants: Vec<Variant> = self
            .variants()
            .into_iter()
            .filter(|v| v.format == self.format)
            .collect();
        let chosen = variants
            .iter()
            .find(|v| v.width >= width)
            .or(variants.last())
            .cloned();
        chosen.unwrap_or_else(|| unreachable_variant(self))
    }
}

/// Every image has at least one variant in its own format; this is never reached.
fn unreachable_variant(image: &SourceImage) -> Variant {
    Variant {
        width: image.width,
        height: image.height,
        format: image.format,
        key: image.fingerprint,
        output_path: String::new(),
    }
}

/// The height of a `width`-wide copy, keeping the ratio; at least one pixel.
fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width.max(1));
    (scaled as u32).max(1)
}

/// Every image of a site, by its site-relative path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageLibrary {
    images: BTreeMap<PathBuf, SourceImage>,
}

impl ImageLibrary {
    pub fn get(&self, path: &Path) -> Option<&SourceImage> {
        self.images.get(path)
    }

    pub fn insert(&mut self, image: SourceImage) {
        self.images.insert(image.path.clone(), image);
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.images.contains_key(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceImage> {
        self.images.values()
    }

    /// One fingerprint of every image, for the cache keys of the pages that show them.
    pub fn fingerprint(&self) -> Fingerprint {
        let mut hasher = FingerprintHasher::new();
        for image in self.images.values() {
            hasher
                .str(&image.path.to_string_lossy())
                .fingerprint(image.fingerprint);
        }
        hasher.finish()
    }
}

/// Reads the image at `path` (relative to `root`) far enough to know its format and size.
pub fn probe(root: &Path, path: &Path) -> Result<SourceImage, String> {
    use image::ImageDecoder;
    let bytes = std::fs::read(root.join(path)).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => format!("there is no image at `{}`", path.display()),
        _ => format!("cannot read the image `{}`: {error}", path.display()),
    })?;
    let unreadable = |why: String| {
        format!(
            "`{}` is not an image the build can read: {why}",
            path.display()
        )
    };
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(e.to_string()))?;
    let format = reader
        .format()
        .and_then(ImageFormat::of)
        .ok_or_else(|| unreadable("it is not a JPEG, PNG or WebP file".to_string()))?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| unreadable(e.to_string()))?;
    let (mut width, mut height) = decoder.dimensions();
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    if matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    ) {
        std::mem::swap(&mut width, &mut height);
    }
    if width == 0 || height == 0 {
        return Err(unreadable("it has no pixels".to_string()));
    }
    Ok(SourceImage {
        path: path.to_path_buf(),
        fingerprint: Fingerprint::of(&bytes),
        format,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32) -> SourceImage {
        SourceImage {
            path: PathBuf::from("content/images/Harbour View.png"),
            fingerprint: Fingerprint::of(b"x"),
            format: ImageFormat::Png,
            width,
            height,
        }
    }

    #[test]
    fn variants_are_never_wider_than_the_image() {
        assert_eq!(image(2000, 1000).widths(), [480, 960, 1200, 1600]);
        assert_eq!(image(1000, 500).widths(), [480, 1000]);
        assert_eq!(image(1200, 500).widths(), [480, 960, 1200]);
        assert_eq!(image(300, 200).widths(), [300]);
    }

    #[test]
    fn variants_keep_the_ratio_and_carry_a_hash_in_their_names() {
        let variants = image(1000, 500).variants();
        assert_eq!(variants.len(), 4);
        let first = &variants[0];
        assert_eq!(
            (first.width, first.height, first.format),
            (480, 240, ImageFormat::Webp)
        );
        assert!(
            crate::hosting::is_content_hashed(&first.output_path),
            "{}",
            first.output_path
        );
        assert!(first.output_path.starts_with("images/harbour-view-480."));
    }
}
