//! Loading the site model again after a save, reading only what changed: every content
//! file's load is remembered ([`ContentMemo`]), and the data files are read again only when
//! one of them changed. The model it assembles is the one `pipeline::load_site` gives.

use std::path::{Path, PathBuf};

use crate::content::{self, CONTENT_DIR, ContentMemo};
use crate::data::{self, DATA_DIR, Data};
use crate::diagnostics::Diagnostics;
use crate::error::Result;
use crate::site::Site;

/// A site's loads, remembered between rebuilds.
pub(crate) struct SiteLoader {
    root: PathBuf,
    include_drafts: bool,
    content: ContentMemo,
    /// The data files as last loaded, with their problems; None when they are to be read.
    data: Option<(Data, Diagnostics)>,
}

impl SiteLoader {
    pub(crate) fn new(root: &Path, include_drafts: bool) -> SiteLoader {
        SiteLoader {
            root: root.to_path_buf(),
            include_drafts,
            content: ContentMemo::default(),
            data: None,
        }
    }

    /// Any source may have changed: the next load reads every file (and parses again the
    /// content files whose bytes changed).
    pub(crate) fn changed_everything(&mut self) {
        self.content.changed_everything();
        self.data = None;
    }

    /// The source at `path` (absolute, as the watcher names it) changed, appeared or went
    /// away. A folder, or a path outside the site, makes everything be read again.
    pub(crate) fn changed(&mut self, path: &Path) {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return self.changed_everything();
        };
        if relative.starts_with(DATA_DIR) {
            self.data = None;
        } else if relative.starts_with(CONTENT_DIR) {
            let is_markdown = relative.extension().is_some_and(|ext| ext == "md");
            if is_markdown && !path.is_dir() {
                self.content.changed(relative);
            } else if relative == Path::new(CONTENT_DIR) || path.is_dir() || !path.exists() {
                // A folder made, moved or removed: its files are not named one by one.
                self.changed_everything();
            }
        }
    }

    /// Loads and assembles the site for `base_url`, with its warnings; its errors when any.
    pub(crate) fn load(&mut self, base_url: &str) -> Result<(Site, Diagnostics)> {
        let config = crate::config::load(&self.root, Some(base_url))?;
        let others: Vec<String> = config
            .languages
            .iter()
            .skip(1)
            .map(|language| language.code.clone())
            .collect();
        let root = self.root.as_path();
        let include_drafts = self.include_drafts;
        let remembered = self.data.take();
        let memo = &mut self.content;
        let mut diagnostics = Diagnostics::default();
        let (content, data) = rayon::join(
            || content::load_remembering(root, include_drafts, &others, &mut diagnostics, memo),
            || match remembered {
                Some(remembered) => Ok(remembered),
                None => {
                    let mut problems = Diagnostics::default();
                    data::load(root, &mut problems).map(|data| (data, problems))
                }
            },
        );
        let content = content.inspect_err(|_| self.content.changed_everything())?;
        let (data, data_problems) = data?;
        self.data = Some((data.clone(), data_problems.clone()));
        diagnostics.extend(data_problems);
        crate::pipeline::assemble_editions(config, content, data, diagnostics)
    }
}
