//! The image files of a site: every variant of every image it shows, and the social card of
//! each story without a lead image. Both come from the build cache when it has them.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::images::{CardFont, draw_card};
use crate::output::Sink;
use crate::render::Renderer;
use crate::site::Site;

/// The files made from one image or card (output path and bytes), or why they could not be.
type Made = std::result::Result<Vec<(String, Vec<u8>)>, Diagnostic>;

/// Hands every image variant and card to `sink`, adding their names to `names`; returns
/// their size. A source that turns out unreadable is an error naming the file.
pub(super) fn image_files(
    site: &Site,
    renderer: &Renderer,
    sink: &dyn Sink,
    names: &mut HashSet<String>,
) -> Result<u64> {
    let store = renderer.images();
    let root = site.config.root.as_path();
    let images: Vec<_> = site.images.iter().collect();
    let variants: Vec<Made> = images
        .par_iter()
        .map(|image| {
            store
                .variants(root, image)
                .map(|made| {
                    made.into_iter()
                        .map(|(variant, bytes)| (variant.output_path, bytes))
                        .collect()
                })
                .map_err(|problem| Diagnostic::error(Location::file(&image.path), problem))
        })
        .collect();
    let without_lead: Vec<usize> = (0..site.stories.len())
        .filter(|&ix| site.stories[ix].image.is_none())
        .filter(|_| crate::render::images::draws_story_cards(site))
        .collect();
    let font = CardFont::new(crate::render::images::card_font());
    let mut problems = Diagnostics::default();
    let mut size = 0;
    let mut hand_over = |files: Made| -> Result<()> {
        match files {
            Ok(files) => {
                for (path, bytes) in files {
                    // Another edition's pages may show the same image: written once.
                    if names.contains(&path) {
                        continue;
                    }
                    size += bytes.len() as u64;
                    sink.write(Path::new(&path), &bytes, None)?;
                    names.insert(path);
                }
            }
            Err(problem) => problems.push(problem),
        }
        Ok(())
    };
    for files in variants {
        hand_over(files)?;
    }
    // Cards are drawn a batch at a time and handed over before the next batch, so that a
    // site of thousands of stories never holds every card's bytes at once.
    for batch in without_lead.chunks(CARD_BATCH) {
        let cards: Vec<Made> = batch
            .par_iter()
            .map(|&ix| {
                let card = crate::render::images::story_card(site, ix);
                let font = font.as_ref().map_err(|problem| {
                    Diagnostic::error(
                        Location::file(Path::new("themes/default/fonts/card-font.ttf")),
                        problem.clone(),
                    )
                })?;
                let bytes = store
                    .cached(card.key, "png", || draw_card(&card.text, font))
                    .map_err(|problem| {
                        Diagnostic::error(site.stories[ix].document.file_location(), problem)
                    })?;
                Ok(vec![(card.output_path, bytes)])
            })
            .collect();
        for files in cards {
            hand_over(files)?;
        }
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems.sorted()));
    }
    Ok(size)
}

/// How many cards are drawn before their bytes are handed to the sink.
const CARD_BATCH: usize = 256;
