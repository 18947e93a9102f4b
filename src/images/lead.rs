//! The `image:` field of a story or actor: `{src, alt, caption, credit, source}`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::yaml::{Spanned, YamlSource};

/// `image:` as written in front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LeadImageFrontMatter {
    src: Spanned<String>,
    /// Required: `alt: ""` says the image is decorative; a missing `alt` is an error.
    #[serde(default)]
    alt: Option<String>,
    #[serde(default)]
    caption: String,
    #[serde(default)]
    credit: String,
    /// A source id from `sources.yaml`, or a URL.
    #[serde(default)]
    source: Option<Spanned<String>>,
}

/// A story's or actor's lead image, its file resolved and its words checked.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadImage {
    /// As written.
    pub src: String,
    /// Relative to the site root: `content/images/a.jpg`.
    pub path: PathBuf,
    /// Where `src` is written, for every finding about the file.
    pub at: Location,
    /// Empty for a decorative image.
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// A source id or a URL, with where it is written.
    pub source: Option<(String, Location)>,
}

/// The lead image of the content file `document`, or none after reporting why.
pub(crate) fn lead_image(
    yaml: &YamlSource<'_>,
    document: &Path,
    front: &Spanned<LeadImageFrontMatter>,
    diagnostics: &mut Diagnostics,
) -> Option<LeadImage> {
    let image = &front.value;
    let at = yaml.location_of(&image.src);
    let Some(alt) = &image.alt else {
        diagnostics.push(
            Diagnostic::error(
                yaml.location_of(front),
                "this image has no `alt` text: readers who cannot see it get nothing",
            )
            .with_hint(
                "describe what the image shows in `alt:`, or write `alt: \"\"` for a decorative image",
            ),
        );
        return None;
    };
    let path = match super::resolve_src(document, &image.src.value) {
        Ok(path) => path,
        Err(problem) => {
            diagnostics.push(Diagnostic::error(at, problem));
            return None;
        }
    };
    Some(LeadImage {
        src: image.src.value.trim().to_string(),
        path,
        at,
        alt: alt.trim().to_string(),
        caption: crate::markdown::smart_punctuation(image.caption.trim()),
        credit: crate::markdown::smart_punctuation(image.credit.trim()),
        source: image
            .source
            .as_ref()
            .map(|source| (source.value.trim().to_string(), yaml.location_of(source))),
    })
}
