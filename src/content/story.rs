//! Stories: `content/stories/<slug>.md`.

use serde::Deserialize;

use crate::content::correction::{self, Correction, RawCorrection};
use crate::content::tag::TagProblem;
use crate::content::{Alias, MarkdownDocument, ParsedFile, Tag, alias};
use crate::date::PartialDate;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::ids::{ActorId, AuthorId, MAX_SEGMENT_BYTES, PlaceId, Ref, SeriesId, SourceId, StoryId};
use crate::images::{LeadImage, LeadImageFrontMatter, lead_image};
use crate::yaml::{Spanned, YamlSource};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StoryFrontMatter {
    title: String,
    date: Spanned<PartialDate>,
    summary: String,
    #[serde(default)]
    actors: Vec<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    places: Vec<Spanned<String>>,
    #[serde(default)]
    updated: Option<Spanned<PartialDate>>,
    #[serde(default)]
    draft: bool,
    /// Old addresses of the story, redirected to it.
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    /// Author ids (`content/authors/<id>.md`), in byline order.
    #[serde(default)]
    authors: Vec<Spanned<String>>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
    #[serde(default)]
    series: Option<Spanned<RawSeriesPart>>,
    /// Forces a table of contents on (`true`) or off (`false`); by default a story with
    /// enough headings gets one.
    #[serde(default)]
    toc: Option<bool>,
    /// The lead image: `{src, alt, caption, credit, source}`.
    #[serde(default)]
    image: Option<Spanned<LeadImageFrontMatter>>,
}

/// `series: {id: ..., part: 2}`; the first part may also give the series' `title` and
/// mark it `start_here` (the path the home page offers newcomers).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSeriesPart {
    id: Spanned<String>,
    part: u32,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    start_here: bool,
}

/// Where a story sits in a series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPart {
    pub id: Ref<SeriesId>,
    pub part: u32,
    pub title: Option<String>,
    pub start_here: bool,
    /// The `series:` field, for problems with the part.
    pub at: Location,
}

/// One dated, sourced piece of reporting.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: StoryId,
    pub title: String,
    pub date: PartialDate,
    pub updated: Option<PartialDate>,
    pub summary: String,
    pub actors: Vec<Ref<ActorId>>,
    pub tags: Vec<Tag>,
    pub sources: Vec<Ref<SourceId>>,
    /// Where the story happens (`places.yaml` ids).
    pub places: Vec<Ref<PlaceId>>,
    pub draft: bool,
    /// Old addresses of the story, redirected to it.
    pub aliases: Vec<Alias>,
    /// Its byline, in order.
    pub authors: Vec<Ref<AuthorId>>,
    /// Oldest first.
    pub corrections: Vec<Correction>,
    pub series: Option<SeriesPart>,
    /// `toc:` as written: none to decide by the number of headings.
    pub toc: Option<bool>,
    /// The image shown at the top of the story and on its social card.
    pub image: Option<LeadImage>,
    /// The file, its body and what the body refers to.
    pub document: MarkdownDocument,
}

pub(crate) fn from_file(
    file: ParsedFile<'_, StoryFrontMatter>,
    diagnostics: &mut Diagnostics,
) -> Option<Story> {
    let ParsedFile {
        id,
        front,
        yaml,
        document,
    } = file;
    let date = full_date(&yaml, &front.date, diagnostics)?;
    let updated = match &front.updated {
        Some(updated) => Some(full_date(&yaml, updated, diagnostics)?),
        None => None,
    };
    Some(Story {
        id: StoryId::new(id),
        title: crate::markdown::smart_punctuation(&front.title),
        date,
        updated,
        summary: crate::markdown::smart_punctuation(&front.summary),
        actors: yaml.references(&front.actors, ActorId::new),
        tags: parse_tags(&yaml, &front.tags, diagnostics),
        sources: yaml.references(&front.sources, SourceId::new),
        places: yaml.references(&front.places, PlaceId::new),
        draft: front.draft,
        aliases: alias::aliases(&yaml, &front.aliases, diagnostics),
        authors: yaml.references(&front.authors, AuthorId::new),
        corrections: correction::corrections(&yaml, &front.corrections),
        series: front.series.as_ref().map(|series| SeriesPart {
            id: yaml.reference(&series.value.id, SeriesId::new),
            part: series.value.part,
            title: series
                .value
                .title
                .as_deref()
                .map(|title| crate::markdown::smart_punctuation(title.trim())),
            start_here: series.value.start_here,
            at: yaml.location_of(series),
        }),
        toc: front.toc,
        image: front
            .image
            .as_ref()
            .and_then(|image| lead_image(&yaml, &document.path, image, diagnostics)),
        document,
    })
}

/// A story's publication dates name the day.
fn full_date(
    yaml: &YamlSource<'_>,
    date: &Spanned<PartialDate>,
    diagnostics: &mut Diagnostics,
) -> Option<PartialDate> {
    if date.value.is_complete() {
        return Some(date.value);
    }
    diagnostics.push(
        Diagnostic::error(
            yaml.location_of(date),
            format!(
                "a story's date must name the day, not only `{}`",
                date.value
            ),
        )
        .with_hint("write YYYY-MM-DD, e.g. 2013-03-20"),
    );
    None
}

pub(crate) fn parse_tags(
    yaml: &YamlSource<'_>,
    names: &[Spanned<String>],
    diagnostics: &mut Diagnostics,
) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for name in names {
        match Tag::new(&name.value) {
            Ok(tag) if tags.iter().any(|t| t.slug == tag.slug) => {}
            Ok(tag) => tags.push(tag),
            Err(TagProblem::TooLong { slug_len }) => diagnostics.push(
                Diagnostic::error(
                    yaml.location_of(name),
                    format!(
                        "this tag is too long: its web address would take {slug_len} bytes, \
                         more than the {MAX_SEGMENT_BYTES} a file name can safely take"
                    ),
                )
                .with_hint("shorten the tag to a few words"),
            ),
            Err(TagProblem::Reserved) => diagnostics.push(
                Diagnostic::error(
                    yaml.location_of(name),
                    format!(
                        "the tag `{}` would name a folder `{}`, a name Windows keeps for a device",
                        name.value,
                        slug::slugify(name.value.trim())
                    ),
                )
                .with_hint("use a longer word for the tag"),
            ),
            Err(TagProblem::NoLetters) => diagnostics.push(
                Diagnostic::error(
                    yaml.location_of(name),
                    format!("the tag `{}` has no letters or digits", name.value),
                )
                .with_hint("use a word such as `cyberattacks`"),
            ),
        }
    }
    tags
}
