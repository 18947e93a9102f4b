//! The `<picture>` of an image: a WebP `srcset` and one in the image's own format, the
//! intrinsic `width`/`height` so the page does not jump while it loads, and lazy loading
//! for every image but the lead one.

use super::library::{ImageFormat, SourceImage};
use crate::markup::escape;

/// Where an image sits on its page, which decides how it loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureRole {
    /// The lead image, at the top: loaded at once, first.
    Lead,
    /// Any other image: loaded when the reader scrolls near it.
    BelowTheFold,
}

/// How wide the image is shown: the text column on wide screens, the screen otherwise.
const SIZES: &str = "(min-width: 48em) 44em, 100vw";

/// The `<picture>` element for `image`; `href` turns an output path into a link.
pub fn picture_html(
    image: &SourceImage,
    alt: &str,
    role: PictureRole,
    href: &dyn Fn(&str) -> String,
) -> String {
    let variants = image.variants();
    let srcset = |format: ImageFormat| -> String {
        variants
            .iter()
            .filter(|v| v.format == format)
            .map(|v| format!("{} {}w", escape(&href(&v.output_path)), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fallback = image.fallback_variant(960);
    let largest = image.fallback_variant(u32::MAX);
    let mut html = String::from("<picture>");
    if image.format != ImageFormat::Webp {
        html.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">",
            srcset(ImageFormat::Webp)
        ));
    }
    let loading = match role {
        PictureRole::Lead => "loading=\"eager\" fetchpriority=\"high\"",
        PictureRole::BelowTheFold => "loading=\"lazy\" decoding=\"async\"",
    };
    html.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" alt=\"{}\" {loading}></picture>",
        escape(&href(&fallback.output_path)),
        srcset(image.format),
        largest.width,
        largest.height,
        escape(alt),
    ));
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Fingerprint;
    use std::path::PathBuf;

    #[test]
    fn a_picture_offers_webp_and_the_own_format_at_every_width_with_its_ratio() {
        let image = SourceImage {
            path: PathBuf::from("content/images/a.jpg"),
            fingerprint: Fingerprint::of(b"a"),
            format: ImageFormat::Jpeg,
            width: 2000,
            height: 1000,
        };
        let html = picture_html(&image, "A \"door\"", PictureRole::BelowTheFold, &|p| {
            format!("/{p}")
        });
        assert!(
            html.contains("<source type=\"image/webp\" srcset=\"/images/a-480."),
            "{html}"
        );
        assert!(html.contains(" 1600w\""), "{html}");
        assert!(html.contains("width=\"1600\" height=\"800\""), "{html}");
        assert!(html.contains("alt=\"A &quot;door&quot;\""), "{html}");
        assert!(
            html.contains("loading=\"lazy\" decoding=\"async\""),
            "{html}"
        );
        let lead = picture_html(&image, "", PictureRole::Lead, &|p| format!("/{p}"));
        assert!(
            lead.contains("alt=\"\" loading=\"eager\" fetchpriority=\"high\""),
            "{lead}"
        );
    }
}
