//! Actors: `content/actors/<id>.md`, the states, organisations, people and groups.

use serde::{Deserialize, Serialize};

use crate::content::correction::{self, Correction, RawCorrection};
use crate::content::{Alias, MarkdownDocument, ParsedFile, alias};
use crate::diagnostics::Diagnostics;
use crate::ids::{ActorId, PlaceId, Ref};
use crate::images::{LeadImage, LeadImageFrontMatter, lead_image};
use crate::yaml::Spanned;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    State,
    Organization,
    Person,
    Group,
}

impl ActorKind {
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::State => "State",
            ActorKind::Organization => "Organization",
            ActorKind::Person => "Person",
            ActorKind::Group => "Group",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationFrontMatter {
    to: Spanned<String>,
    kind: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorFrontMatter {
    name: String,
    kind: ActorKind,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    relations: Vec<RelationFrontMatter>,
    /// Old addresses of the actor's page (`aliases:` are the actor's other names).
    #[serde(default)]
    old_paths: Vec<Spanned<String>>,
    /// Where the actor is based: its seat (a capital, a headquarters)...
    #[serde(default)]
    seat: Option<Spanned<String>>,
    /// ...and other places it is tied to.
    #[serde(default)]
    places: Vec<Spanned<String>>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
    /// The image at the top of the actor's page: `{src, alt, caption, credit, source}`.
    #[serde(default)]
    image: Option<Spanned<LeadImageFrontMatter>>,
}

/// A relation as written in the `from` actor's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub to: Ref<ActorId>,
    /// `ally`, `adversary`, `member_of`, ...: an open vocabulary.
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub summary: String,
    pub aliases: Vec<String>,
    pub relations: Vec<Relation>,
    /// Old addresses of the actor's page, redirected to it.
    pub old_paths: Vec<Alias>,
    /// Its places (`places.yaml` ids): the seat first when it has one.
    pub places: Vec<Ref<PlaceId>>,
    /// Whether the first of `places` is the actor's seat.
    pub has_seat: bool,
    /// Corrections of what the page said, oldest first.
    pub corrections: Vec<Correction>,
    /// The image at the top of the actor's page.
    pub image: Option<LeadImage>,
    /// The file, its body and what the body refers to.
    pub document: MarkdownDocument,
}

pub(crate) fn from_file(
    file: ParsedFile<'_, ActorFrontMatter>,
    diagnostics: &mut Diagnostics,
) -> Option<Actor> {
    let ParsedFile {
        id,
        front,
        yaml,
        document,
    } = file;
    let relations = front
        .relations
        .iter()
        .map(|r| Relation {
            to: yaml.reference(&r.to, ActorId::new),
            kind: r.kind.trim().to_string(),
        })
        .collect();
    Some(Actor {
        id: ActorId::new(id),
        name: crate::markdown::smart_punctuation(&front.name),
        kind: front.kind,
        summary: crate::markdown::smart_punctuation(&front.summary),
        aliases: front.aliases,
        relations,
        old_paths: alias::aliases(&yaml, &front.old_paths, diagnostics),
        has_seat: front.seat.is_some(),
        image: front
            .image
            .as_ref()
            .and_then(|image| lead_image(&yaml, &document.path, image, diagnostics)),
        places: front
            .seat
            .iter()
            .chain(&front.places)
            .map(|place| yaml.reference(place, PlaceId::new))
            .collect(),
        corrections: correction::corrections(&yaml, &front.corrections),
        document,
    })
}
