//! How a quote credits its speaker: by the actor's name, or by a person's name with their
//! role and the actor they speak for ("Jane Doe, spokeswoman, Royal Navy"). One place, so
//! the quote pages, embeds, citations and search all credit a speaker the same way.

use crate::data::Speaker;
use crate::site::{ActorIx, Site};

/// The parts of a credit line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit<'a> {
    /// The person's name, or the actor's when an actor spoke.
    pub name: &'a str,
    /// The actor who spoke, when the name is an actor's (the name links to its page).
    pub actor: Option<ActorIx>,
    pub role: Option<&'a str>,
    /// The actor a person speaks for; left out when the role already names it, so a credit
    /// never reads "spokeswoman for the Royal Navy, Royal Navy".
    pub affiliation: Option<ActorIx>,
    /// The actor a person speaks for when the role names it: the role links to its page.
    pub named_in_role: Option<ActorIx>,
}

impl Site {
    /// The credit of a speaker; none when the speaker is an actor id that names no actor
    /// (an error already reported).
    pub fn credit<'a>(&'a self, speaker: &'a Speaker) -> Option<Credit<'a>> {
        let actor = speaker
            .actor
            .as_ref()
            .and_then(|actor| self.actor_ix(actor.id.as_str()));
        match &speaker.person {
            None => actor.map(|ix| Credit {
                name: &self.actors[ix].name,
                actor: Some(ix),
                role: None,
                affiliation: None,
                named_in_role: None,
            }),
            Some(person) => {
                let role = person.role.as_deref();
                let named_in_role = |ix: ActorIx| {
                    let role = role.unwrap_or("").to_lowercase();
                    let actor = &self.actors[ix];
                    std::iter::once(&actor.name)
                        .chain(&actor.aliases)
                        .any(|name| !name.is_empty() && role.contains(&name.to_lowercase()))
                };
                Some(Credit {
                    name: &person.name,
                    actor: None,
                    role,
                    affiliation: actor.filter(|&ix| !named_in_role(ix)),
                    named_in_role: actor.filter(|&ix| named_in_role(ix)),
                })
            }
        }
    }

    /// The credit as one line of text: "Jane Doe, spokeswoman, Royal Navy" or "Iran".
    pub fn credit_text(&self, speaker: &Speaker) -> String {
        let Some(credit) = self.credit(speaker) else {
            return String::new();
        };
        let mut text = credit.name.to_string();
        if let Some(role) = credit.role {
            text.push_str(", ");
            text.push_str(role);
        }
        if let Some(ix) = credit.affiliation {
            text.push_str(", ");
            text.push_str(&self.actors[ix].name);
        }
        text
    }
}
