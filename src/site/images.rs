//! Every image the site shows, read once: lead images and the relative images of Markdown
//! bodies. A missing or unreadable file, a Markdown image without alt text, or an image
//! source that names no source is an error at the line that names it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::images::{LeadImage, probe, resolve_src};
use crate::site::Site;

/// Reads every image `site` names into `site.images`.
pub(crate) fn load_images(site: &mut Site, diagnostics: &mut Diagnostics) {
    let mut named: BTreeMap<PathBuf, Vec<Location>> = BTreeMap::new();
    let leads = site
        .stories
        .iter()
        .filter_map(|story| story.image.as_ref())
        .chain(site.actors.iter().filter_map(|actor| actor.image.as_ref()));
    for image in leads {
        check_image_source(site, image, diagnostics);
        named
            .entry(image.path.clone())
            .or_default()
            .push(image.at.clone());
    }
    for document in site.documents() {
        if document.images.is_empty() {
            continue;
        }
        let body = document.body();
        let locator = document.body_locator(&body);
        for image in &document.images {
            let at = locator.locate(image.range.start);
            if image.alt.trim().is_empty() {
                diagnostics.push(
                    Diagnostic::error(
                        at.clone(),
                        format!("the image `{}` has no alt text: readers who cannot see it get nothing", image.src),
                    )
                    .with_hint("describe what it shows between the brackets: ![A crowd outside the bank](../images/bank.jpg)"),
                );
            }
            match resolve_src(&document.path, &image.src) {
                Ok(path) => named.entry(path).or_default().push(at),
                Err(problem) => diagnostics.push(Diagnostic::error(at, problem)),
            }
        }
    }
    let root = site.config.root.clone();
    for (path, places) in named {
        match probe(&root, &path) {
            Ok(image) => site.images.insert(image),
            Err(problem) => {
                for at in places {
                    diagnostics.push(
                        Diagnostic::error(at, problem.clone())
                            .with_hint("images are read relative to the file that names them, e.g. `../images/photo.jpg` from a story"),
                    );
                }
            }
        }
    }
}

/// `source:` names a source of `sources.yaml` or is a URL.
fn check_image_source(site: &Site, image: &LeadImage, diagnostics: &mut Diagnostics) {
    let Some((source, at)) = &image.source else {
        return;
    };
    if is_url(source) || site.source_ix(source).is_some() {
        return;
    }
    diagnostics.push(
        Diagnostic::error(
            at.clone(),
            format!("the image's source `{source}` is neither a source in sources.yaml nor a URL"),
        )
        .with_hint(
            "name a source id from content/data/sources.yaml, or write the full https:// address",
        ),
    );
}

/// Whether an image source is a web address rather than a source id.
pub(crate) fn is_url(source: &str) -> bool {
    source.starts_with("https://") || source.starts_with("http://")
}
