//! Whether a build's story bodies, left in their files at load (see `content::body`), were
//! all read back as they were loaded.

use crate::error::{Error, Result};

use super::Site;

impl Site {
    /// An error if a story body left in its file could not be read again as it was loaded
    /// (the file was edited or removed during the build): the pages and search records
    /// made from it are wrong, so the build must not commit them.
    pub fn check_story_bodies(&self) -> Result<()> {
        let failure = self
            .stories
            .iter()
            .find_map(|story| story.document.body_failure());
        match failure {
            Some(why) => Err(Error::Internal(format!(
                "{why}; nothing was written: build again"
            ))),
            None => self
                .other_editions
                .iter()
                .try_for_each(Site::check_story_bodies),
        }
    }
}
