//! Where a Markdown document's body is kept: in memory while the site is loaded and checked,
//! and, for a build, read again from its file when a page or search record needs it.
//!
//! Story bodies are most of a large site's model (about 240 MB of 50,000 stories), and a
//! build needs each only twice after loading: for the story's page and its search record.
//! Keeping them on disk keeps a build's peak memory to the rest of the model. A body read
//! back is checked against the fingerprint of the file as it was loaded; a file edited or
//! removed while the site was being built yields an empty text and a recorded failure,
//! which the build reports (see [`unread_body`]) before it commits anything, so no output
//! ever mixes two versions of a file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::content::source_file;
use crate::fingerprint::Fingerprint;

/// A document's body text, held or left in its file.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// The text itself, as loaded.
    Held(String),
    /// The last `len` bytes of the file (the body is always the file's tail).
    OnDisk(Arc<OnDisk>),
}

/// A body left in its file, with what is needed to read it back and to tell that the file
/// has not changed.
#[derive(Debug)]
pub(crate) struct OnDisk {
    /// The file itself: the site root joined with the document's relative path.
    file: PathBuf,
    /// The body's length in bytes.
    len: usize,
    /// Why the body could not be read back, once it could not.
    failed: OnceLock<String>,
}

impl Body {
    /// The text; for a body on disk, read from its file if the file is as it was loaded
    /// (`fingerprint`), else empty, with the failure recorded for [`Body::failure`].
    pub(crate) fn text(&self, fingerprint: Fingerprint) -> Cow<'_, str> {
        match self {
            Body::Held(text) => Cow::Borrowed(text),
            Body::OnDisk(on_disk) => match on_disk.read(fingerprint) {
                Ok(text) => Cow::Owned(text),
                Err(why) => {
                    let _ = on_disk.failed.set(why);
                    Cow::Borrowed("")
                }
            },
        }
    }

    /// Leaves the body in its file `root/relative`, dropping the held text.
    pub(crate) fn release(&mut self, root: &Path, relative: &Path) {
        if let Body::Held(text) = self {
            *self = Body::OnDisk(Arc::new(OnDisk {
                file: root.join(relative),
                len: text.len(),
                failed: OnceLock::new(),
            }));
        }
    }

    /// Why the body could not be read back from its file, if it could not.
    pub(crate) fn failure(&self) -> Option<&str> {
        match self {
            Body::Held(_) => None,
            Body::OnDisk(on_disk) => on_disk.failed.get().map(String::as_str),
        }
    }
}

impl OnDisk {
    fn read(&self, fingerprint: Fingerprint) -> Result<String, String> {
        let root = Path::new("");
        let file = match source_file::read(root, &self.file) {
            Ok(Ok(file)) => file,
            Ok(Err(problem)) => return Err(problem.to_string()),
            Err(error) => return Err(error.to_string()),
        };
        if Fingerprint::of(file.text.as_bytes()) != fingerprint {
            return Err(format!(
                "{} changed while the site was being built",
                self.file.display()
            ));
        }
        let mut text = file.text;
        match text.len().checked_sub(self.len) {
            Some(start) if text.is_char_boundary(start) => Ok(text.split_off(start)),
            _ => Err(format!(
                "{} changed while the site was being built",
                self.file.display()
            )),
        }
    }
}

impl Body {
    fn len(&self) -> usize {
        match self {
            Body::Held(text) => text.len(),
            Body::OnDisk(on_disk) => on_disk.len,
        }
    }
}

/// Bodies are equal when their texts are. Documents compare equal only with equal
/// fingerprints, which cover the body, so a body on disk is taken as equal to any other of
/// its length: its document's fingerprint tells the rest.
impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        match (self, other) {
            (Body::Held(a), Body::Held(b)) => a == b,
            _ => self.len() == other.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::content::MarkdownDocument;
    use crate::content::front_matter::split;
    use crate::content::source_file;
    use std::path::Path;

    const TEXT: &str = "\u{feff}---\ntitle: x\n---\nBody with ünïcode [[a]]\n\n## Later\n";

    /// A document loaded from `content/stories/s.md` under `root`, as a build loads it.
    fn loaded(root: &Path, text: &str) -> MarkdownDocument {
        let relative = Path::new("content/stories/s.md");
        std::fs::create_dir_all(root.join("content/stories")).unwrap();
        std::fs::write(root.join(relative), text).unwrap();
        let file = source_file::read(root, relative).unwrap().unwrap();
        MarkdownDocument::new(&file, &split(&file).unwrap())
    }

    #[test]
    fn a_released_body_reads_back_the_text_it_was_loaded_with() {
        let root = tempfile::tempdir().unwrap();
        let mut document = loaded(root.path(), TEXT);
        let held = document.body().into_owned();
        document.release_body(root.path());
        assert_eq!(held, "Body with ünïcode [[a]]\n\n## Later\n");
        assert_eq!(document.body(), held);
        assert_eq!(document.body(), held, "read again, the same");
        assert_eq!(document.body_failure(), None);
        assert_eq!(document, loaded(root.path(), TEXT));
    }

    #[test]
    fn a_released_body_whose_file_was_edited_is_empty_and_says_why() {
        let root = tempfile::tempdir().unwrap();
        let mut document = loaded(root.path(), TEXT);
        document.release_body(root.path());
        let file = root.path().join("content/stories/s.md");
        std::fs::write(&file, TEXT.replace("Later", "Sooner")).unwrap();
        assert_eq!(document.body(), "");
        assert_eq!(
            document.body_failure(),
            Some(format!("{} changed while the site was being built", file.display()).as_str())
        );
    }

    #[test]
    fn a_released_body_whose_file_was_removed_is_empty_and_names_the_file() {
        let root = tempfile::tempdir().unwrap();
        let mut document = loaded(root.path(), TEXT);
        document.release_body(root.path());
        let file = root.path().join("content/stories/s.md");
        std::fs::remove_file(&file).unwrap();
        assert_eq!(document.body(), "");
        let why = document.body_failure().unwrap();
        assert!(why.contains(&file.display().to_string()), "{why}");
    }
}
