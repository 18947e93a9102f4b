//! Relations between actors, seen from either end.

use crate::site::ActorIx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// Written in this actor's file: "this actor is <kind> the other".
    Outgoing,
    /// Written in the other actor's file.
    Incoming,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationEdge {
    pub other: ActorIx,
    pub kind: String,
    pub direction: Direction,
}

impl RelationEdge {
    /// How the relation reads from this actor's page: "leader of", or for the
    /// other end of `leader_of`, "led by".
    pub fn label(&self) -> String {
        match self.direction {
            Direction::Outgoing => self.kind.replace('_', " "),
            Direction::Incoming => inverse_label(&self.kind),
        }
    }
}

/// Whether a relation reads the same from both ends (`a` ally of `b` is `b` ally of `a`),
/// so that writing it in both actors' files says it twice.
pub(crate) fn is_symmetric(kind: &str) -> bool {
    matches!(kind, "ally" | "adversary" | "rival" | "partner")
}

fn inverse_label(kind: &str) -> String {
    match kind {
        "ally" | "adversary" | "rival" | "partner" => kind.to_string(),
        "member_of" => "has member".to_string(),
        "leader_of" => "led by".to_string(),
        "part_of" => "includes".to_string(),
        "sanctions" => "sanctioned by".to_string(),
        "target_of" => "targets".to_string(),
        "supports" => "supported by".to_string(),
        "funds" => "funded by".to_string(),
        other => format!("{} (from)", other.replace('_', " ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(kind: &str, direction: Direction) -> RelationEdge {
        RelationEdge {
            other: 0,
            kind: kind.to_string(),
            direction,
        }
    }

    #[test]
    fn labels_read_from_each_end() {
        assert_eq!(edge("leader_of", Direction::Outgoing).label(), "leader of");
        assert_eq!(edge("leader_of", Direction::Incoming).label(), "led by");
        assert_eq!(edge("ally", Direction::Incoming).label(), "ally");
        assert_eq!(edge("trains", Direction::Incoming).label(), "trains (from)");
    }
}
