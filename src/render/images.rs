//! What templates see of images: a lead image's `<picture>`, caption, credit and source
//! link, and the social image of a page (`og:image`): the lead image's 1200-wide variant,
//! or the card drawn for the page.

use std::sync::OnceLock;

use serde::Serialize;

use crate::fingerprint::FingerprintHasher;
use crate::images::{CARD_HEIGHT, CARD_WIDTH, CardText, LeadImage, PictureRole, picture_html};
use crate::site::{Site, StoryIx};

/// A lead image as the `partials/lead_image.html` template shows it.
#[derive(Serialize)]
pub(crate) struct LeadImageView {
    /// The `<picture>`, already escaped.
    pub picture: String,
    pub caption: String,
    pub credit: String,
    pub source_title: Option<String>,
    pub source_url: Option<String>,
}

/// The picture a shared link shows: `og:image` and its size and words.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub(crate) struct SocialImage {
    /// Absolute, from the base URL.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

pub(crate) fn lead_image_view(site: &Site, lead: &LeadImage) -> Option<LeadImageView> {
    let image = site.images.get(&lead.path)?;
    let picture = picture_html(image, &lead.alt, PictureRole::Lead, &|file| {
        site.urls.asset_href(file)
    });
    let (source_title, source_url) = match &lead.source {
        None => (None, None),
        Some((source, _)) => match site.source_ix(source) {
            Some(ix) => (
                Some(site.sources[ix].title.clone()),
                Some(
                    site.urls
                        .href(crate::url::Route::Source(&site.sources[ix].id)),
                ),
            ),
            None => (None, Some(source.clone())),
        },
    };
    Some(LeadImageView {
        picture,
        caption: lead.caption.clone(),
        credit: lead.credit.clone(),
        source_title,
        source_url,
    })
}

/// The 1200-wide variant of a lead image (or its widest), in its own format.
pub(crate) fn social_from_lead(site: &Site, lead: &LeadImage, title: &str) -> Option<SocialImage> {
    let image = site.images.get(&lead.path)?;
    let variant = image.fallback_variant(CARD_WIDTH);
    Some(SocialImage {
        url: absolute(site, &variant.output_path),
        width: variant.width,
        height: variant.height,
        alt: if lead.alt.is_empty() {
            title.to_string()
        } else {
            lead.alt.clone()
        },
    })
}

fn absolute(site: &Site, file: &str) -> String {
    let base = &site.config.base_url;
    format!("{}{}{file}", base.origin(), base.path())
}

/// The default theme's colours (`static/style.css`, light scheme), which cards are drawn in.
const CARD_COLOURS: [&str; 4] = ["#fbfaf7", "#1c1b19", "#5c5955", "#8b1e1e"];

/// Bumped when the card's drawing changes, so that cached cards are drawn again.
const CARD_VERSION: &str =
    "flashpoint-card-4: palette png (rgb past 256 colours), fast compression";

/// The card of a story without a lead image: what it says, and its output path.
pub(crate) struct StoryCardImage {
    pub text: CardText,
    pub key: crate::fingerprint::Fingerprint,
    pub output_path: String,
}

pub(crate) fn story_card(site: &Site, ix: StoryIx) -> StoryCardImage {
    let story = &site.stories[ix];
    let [background, text, muted, accent] = CARD_COLOURS.map(str::to_string);
    let card = CardText {
        site_name: site.config.title.clone(),
        title: story.title.clone(),
        date: crate::render::i18n::formats::format_date(story.date, &site.config.language),
        background,
        text,
        muted,
        accent,
    };
    let key = FingerprintHasher::new()
        .str(CARD_VERSION)
        .fingerprint(card_font_fingerprint())
        .debug(&card)
        .finish();
    let output_path = format!(
        "{}/card-{}.{}.png",
        crate::images::OUTPUT_FOLDER,
        story.id,
        &key.to_hex()[..16]
    );
    StoryCardImage {
        text: card,
        key,
        output_path,
    }
}

/// Whether a story without a lead image gets a drawn card (`social_cards:` in site.yaml).
pub(crate) fn draws_story_cards(site: &Site) -> bool {
    site.config.social_cards == crate::config::SocialCards::Drawn
}

pub(crate) fn story_social_image(site: &Site, ix: StoryIx) -> Option<SocialImage> {
    let story = &site.stories[ix];
    if let Some(social) = story
        .image
        .as_ref()
        .and_then(|lead| social_from_lead(site, lead, &story.title))
    {
        return Some(social);
    }
    if !draws_story_cards(site) {
        return None;
    }
    Some(SocialImage {
        url: absolute(site, &story_card(site, ix).output_path),
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        alt: story.title.clone(),
    })
}

/// The font cards are drawn with: the built-in theme's `fonts/card-font.ttf`.
pub(crate) fn card_font() -> &'static [u8] {
    static FONT: OnceLock<&'static [u8]> = OnceLock::new();
    FONT.get_or_init(|| {
        crate::render::embedded_theme::files_in("fonts")
            .into_iter()
            .find(|(name, _)| *name == "card-font.ttf")
            .map_or(&[][..], |(_, bytes)| bytes)
    })
}

/// The card font's fingerprint, part of every card's key: hashed once per process, not
/// once per card (the font is 730 KB, and a page and its card both ask for the key).
fn card_font_fingerprint() -> crate::fingerprint::Fingerprint {
    static FINGERPRINT: OnceLock<crate::fingerprint::Fingerprint> = OnceLock::new();
    *FINGERPRINT.get_or_init(|| crate::fingerprint::Fingerprint::of(card_font()))
}
