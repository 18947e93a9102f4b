//! Hashed assets: each static style, script, image and font gets a copy named after its
//! bytes (`style.<16 hex>.css`), and `asset_url` links that copy, so hosts may cache it
//! for a year while pages stay fresh. Stylesheets' `url(...)` references to other assets
//! are rewritten to the hashed names first, so a changed font changes the stylesheet's
//! name too. The plain names are written as well, for links written by hand.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use crate::error::Result;
use crate::hosting::{hashed_name, is_hashable, rewrite_css_urls};
use crate::markdown::Highlighter;

use super::theme::{StaticFile, Theme};

/// The stylesheet made from the syntax highlighter rather than a theme file.
pub(crate) const SYNTAX_CSS: &str = "syntax.css";

/// The hashed names of a site's assets, and the stylesheets whose references were rewritten.
#[derive(Debug, Default, Clone)]
pub struct Assets {
    /// Output path to its hashed copy's path, e.g. `style.css` to `style.0123….css`.
    hashed: BTreeMap<String, String>,
    /// Stylesheets as written out, after their references were rewritten.
    rewritten: HashMap<String, Vec<u8>>,
}

impl Assets {
    /// The assets of `theme`'s static files and the syntax stylesheet; none when hashing
    /// is off.
    pub(crate) fn collect(theme: &Theme, enabled: bool) -> Result<Assets> {
        let mut assets = Assets::default();
        if !enabled {
            return Ok(assets);
        }
        let files: Vec<StaticFile> = theme
            .static_files()?
            .into_iter()
            .filter(|file| is_hashable(&file.name))
            .collect();
        let is_css = |name: &str| name.to_ascii_lowercase().ends_with(".css");
        // Everything a stylesheet may load first, then the stylesheets, which name them.
        for file in files.iter().filter(|file| !is_css(&file.name)) {
            let contents = file.contents()?;
            assets
                .hashed
                .insert(file.name.clone(), hashed_name(&file.name, &contents));
        }
        for file in files.iter().filter(|file| is_css(&file.name)) {
            let contents = file.contents()?;
            assets.add_stylesheet(&file.name, &contents);
        }
        if !assets.hashed.contains_key(SYNTAX_CSS) {
            assets.add_stylesheet(SYNTAX_CSS, Highlighter::stylesheet().as_bytes());
        }
        Ok(assets)
    }

    fn add_stylesheet(&mut self, name: &str, contents: &[u8]) {
        let text = String::from_utf8_lossy(contents);
        let rewritten = rewrite_css_urls(&text, name, |target| self.hashed.get(target).cloned());
        let bytes = if rewritten == text {
            contents.to_vec()
        } else {
            rewritten.into_bytes()
        };
        self.hashed
            .insert(name.to_string(), hashed_name(name, &bytes));
        if bytes != contents {
            self.rewritten.insert(name.to_string(), bytes);
        }
    }

    /// The path `asset_url` links for a file: its hashed copy, if it has one.
    pub fn linked_path<'a>(&'a self, path: &'a str) -> &'a str {
        self.hashed
            .get(path.trim_start_matches('/'))
            .map_or(path, String::as_str)
    }

    /// The hashed copy's path of the file at `name`, if it has one.
    pub fn hashed_name(&self, name: &str) -> Option<&str> {
        self.hashed.get(name).map(String::as_str)
    }

    /// The bytes written for a static file: a stylesheet with its references rewritten,
    /// any other file as it is.
    pub fn contents(&self, file: &StaticFile) -> Result<Cow<'static, [u8]>> {
        match self.rewritten.get(&file.name) {
            Some(bytes) => Ok(Cow::Owned(bytes.clone())),
            None => file.contents(),
        }
    }

    /// Every hashed name, for the build cache: pages link them, so a page's key changes
    /// with them.
    pub fn names(&self) -> &BTreeMap<String, String> {
        &self.hashed
    }
}
