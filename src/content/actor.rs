//! Actors: `content/actors/<id>.md`, the states, organisations, people and groups.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::content::Document;
use crate::diagnostics::Diagnostics;
use crate::fingerprint::Fingerprint;
use crate::ids::{ActorId, Ref};
use crate::markdown::{Reference, references};
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
    pub path: PathBuf,
    pub name: String,
    pub kind: ActorKind,
    pub summary: String,
    pub aliases: Vec<String>,
    pub relations: Vec<Relation>,
    pub body: String,
    pub body_line: u32,
    /// The fingerprint of the file this was read from.
    pub source: Fingerprint,
    /// The `[[links]]`, embeds and citations of the body, in order.
    pub references: Vec<Reference>,
}

pub(crate) fn from_document(
    document: Document<'_, ActorFrontMatter>,
    _: &mut Diagnostics,
) -> Option<Actor> {
    let Document {
        id,
        front,
        yaml,
        body,
        body_line,
        source,
    } = document;
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
        path: yaml.path.to_path_buf(),
        name: front.name,
        kind: front.kind,
        summary: front.summary,
        aliases: front.aliases,
        relations,
        body: body.to_string(),
        body_line,
        source,
        references: references(body),
    })
}
