//! The stand-in text `flashpoint new` writes into skeletons. It lives with the content it
//! describes so that both the scaffolding (which writes it) and the site's checks (which
//! warn when it was left in place) can name it without depending on each other.

/// The summary a story skeleton starts with.
pub const STORY_SUMMARY_PLACEHOLDER: &str = "One sentence saying what this story is about.";
/// The first words of the paragraph a story skeleton's body starts with.
pub const STORY_BODY_PLACEHOLDER: &str = "Write the story here.";
/// The summary an actor skeleton starts with.
pub const ACTOR_SUMMARY_PLACEHOLDER: &str = "One sentence saying who this is.";
/// The comment older story skeletons began their body with; it would ship in the page.
pub const OLD_SCAFFOLD_COMMENT: &str = "<!-- Write the story below.";
