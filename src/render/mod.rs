//! Drawing pages: the Tera environment (every function and filter registered here)
//! and the context of each kind of page.

mod assets;
mod context;
pub mod embedded_theme;
mod embeds;
pub(crate) mod i18n;
pub(crate) mod images;
mod links;
mod maps;
mod pages;
pub(crate) mod pagination;
mod previews;
#[cfg(test)]
mod reference_test;
mod theme;
mod views;
mod visuals;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{ErrorKind, Kwargs, State, Tera};

pub use assets::Assets;
pub use context::ContextBuilder;
pub use embeds::QUOTE_PARTIAL;
pub use links::PageLinks;
pub(crate) use pages::markdown_dependencies;
pub use pages::{Dependency, PageKind};
pub use theme::{CUSTOM_CSS, StaticFile, StaticSource, THEMES_DIR, Theme};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::markdown::Highlighter;
use crate::site::Site;
use crate::url::{Route, UrlMaker};

/// Values every template sees as `site`.
#[derive(Serialize)]
struct SiteGlobals<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// `ltr` or `rtl`.
    dir: &'a str,
    /// Whether the site has editions in other languages.
    multilingual: bool,
    author: Option<&'a str>,
    publisher: Option<&'a str>,
    copyright: Option<&'a str>,
    home_url: String,
    absolute_home_url: String,
}

/// A link of the site's navigation. Sections have no title here: the theme names them
/// by `kind`.
#[derive(Serialize)]
struct NavLink<'a> {
    /// A plain page's title; empty for a section.
    title: &'a str,
    url: String,
    kind: &'static str,
}

/// Pre-compiled templates and the syntax highlighter, shared by every page of a build.
pub struct Renderer {
    tera: Tera,
    highlighter: Highlighter,
    /// Template name to file (relative to the site root), for error messages.
    template_paths: HashMap<String, PathBuf>,
    /// Template name to its text, to locate references between templates.
    template_texts: HashMap<String, String>,
    theme_dir: PathBuf,
    /// Whether pages link the site's `static/custom.css`; part of every page's cache key.
    has_custom_css: bool,
    /// The hashed names `asset_url` links.
    assets: std::sync::Arc<Assets>,
    /// Maps drawn in this build, shared by the pages that show the same places.
    maps: crate::draw::MapMemo,
    /// Image variants and social cards, kept in the build cache when there is one.
    images: crate::images::VariantStore,
    /// The targets of link previews, found when the first page is drawn.
    previews: std::sync::OnceLock<previews::PreviewTargets>,
    /// Each event's summary as HTML, drawn the first time a page shows the event: the
    /// same on every page (a story's rail, its actors' pages, the timeline).
    event_summaries: std::sync::OnceLock<Vec<std::sync::OnceLock<String>>>,
    /// The words the build writes itself, in the edition's language.
    words: i18n::Words,
}

impl Renderer {
    pub fn new(site: &Site, theme: &Theme) -> Result<Renderer> {
        let templates = theme.templates()?;
        let template_paths: HashMap<String, PathBuf> = templates
            .iter()
            .map(|t| (t.name.clone(), t.path.clone()))
            .collect();
        let theme_dir = Path::new(THEMES_DIR)
            .join(&site.config.theme)
            .join("templates");
        let assets =
            std::sync::Arc::new(Assets::collect(theme, site.config.hosting.hashed_assets)?);
        let mut tera = Tera::new();
        tera.set_escape_fn(escape_markup);
        register_functions(&mut tera, site.urls.clone(), assets.clone());
        let languages: Vec<String> = site
            .config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect();
        let catalog = i18n::Catalog::load(
            &site.config.root,
            &site.config.theme,
            &languages,
            site.config.is_multilingual(),
        )?;
        // Labels written with a plain `t(key=…)` are put in the templates' text here, once,
        // rather than looked up on every page; positions in the templates stay the same.
        let texts: Vec<std::borrow::Cow<'_, str>> = templates
            .iter()
            .map(|t| i18n::fold_messages(&t.name, &t.text, &catalog, &site.config.language))
            .collect();
        let catalog = std::sync::Arc::new(catalog);
        let words = i18n::Words::new(catalog.clone(), &site.config.language);
        words.check(site)?;
        i18n::register(&mut tera, catalog, site.config.language.clone());
        let mut renderer = Renderer {
            tera: Tera::new(),
            highlighter: Highlighter::new(),
            template_paths,
            template_texts: templates
                .iter()
                .map(|t| (t.name.clone(), t.text.clone()))
                .collect(),
            theme_dir,
            has_custom_css: theme.has_custom_css(),
            assets,
            maps: crate::draw::MapMemo::default(),
            images: crate::images::VariantStore::default(),
            previews: std::sync::OnceLock::new(),
            event_summaries: std::sync::OnceLock::new(),
            words,
        };
        if let Err(error) = tera.add_raw_templates(
            templates
                .iter()
                .zip(&texts)
                .map(|(t, text)| (t.name.as_str(), text.as_ref())),
        ) {
            return Err(Error::Invalid(renderer.diagnostics(&error, None)));
        }
        for page in [PageKind::Home, PageKind::Actors, PageKind::NotFound] {
            if !tera.contains_template(page.template()) {
                let error =
                    tera::Error::new(ErrorKind::TemplateNotFound(page.template().to_string()));
                return Err(Error::Invalid(renderer.diagnostics(&error, None)));
            }
        }
        insert_globals(&mut tera, site);
        theme::insert_theme_globals(&mut tera, theme);
        renderer.tera = tera;
        Ok(renderer)
    }

    /// Whether pages link the site's `static/custom.css` (a global every template sees).
    pub fn has_custom_css(&self) -> bool {
        self.has_custom_css
    }

    /// The site's hashed assets.
    pub fn assets(&self) -> &Assets {
        &self.assets
    }

    /// Where this build's image variants and cards come from.
    pub fn images(&self) -> &crate::images::VariantStore {
        &self.images
    }

    pub fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }

    pub(crate) fn maps(&self) -> &crate::draw::MapMemo {
        &self.maps
    }

    /// The words the build writes outside templates, in the edition's language.
    pub(crate) fn words(&self) -> &i18n::Words {
        &self.words
    }

    /// Renders one page; a template error comes back as diagnostics naming the template and the page.
    pub fn render(&self, site: &Site, page: PageKind) -> std::result::Result<Vec<u8>, Diagnostics> {
        self.render_with_dependencies(site, page, None)
    }

    /// [`Renderer::render`] with the page's dependencies, when they are already worked out
    /// (for its cache key): its link previews need them too.
    pub(crate) fn render_with_dependencies(
        &self,
        site: &Site,
        page: PageKind,
        dependencies: Option<&[Dependency]>,
    ) -> std::result::Result<Vec<u8>, Diagnostics> {
        let route = page.route(site);
        let url = site.urls.root_relative(route);
        let contexts = ContextBuilder::new(site, self);
        let context = contexts
            .build(page)
            .map_err(|e| self.diagnostics(&e, Some(&url)))?;
        // Most pages are 20 to 60 KB: room for them at once spares copying as they grow.
        let mut html = Vec::with_capacity(64 * 1024);
        self.tera
            .render_to(page.template(), &context, &mut html)
            .map_err(|e| self.diagnostics(&e, Some(&url)))?;
        self.previews
            .get_or_init(|| previews::PreviewTargets::of(site))
            .embed(site, &self.words, page, dependencies, &mut html);
        if let Some(file) = route.output_file() {
            let file = format!(
                "{}{}",
                site.urls.edition(),
                file.to_string_lossy().replace('\\', "/")
            );
            if let std::borrow::Cow::Owned(resolved) = site.urls.resolve_links(&file, &html) {
                html = resolved;
            }
        }
        Ok(html)
    }

    /// The summary of the event `ix` as HTML, drawn by `draw` the first time it is asked
    /// for. Only for summaries that draw the same whatever page shows them.
    pub(crate) fn event_summary(
        &self,
        site: &Site,
        ix: usize,
        draw: impl FnOnce() -> String,
    ) -> String {
        let summaries = self.event_summaries.get_or_init(|| {
            (0..site.events.len())
                .map(|_| std::sync::OnceLock::new())
                .collect()
        });
        match summaries.get(ix) {
            Some(summary) => summary.get_or_init(draw).clone(),
            None => draw(),
        }
    }

    /// Draws a template that is not a page (a partial, the feed, the sitemap) with `context`.
    pub(crate) fn render_template(
        &self,
        name: &str,
        context: &impl Serialize,
    ) -> std::result::Result<String, tera::Error> {
        self.tera
            .render(name, &tera::Context::from_serialize(context)?)
    }

    /// Draws one of the site's files that are not pages (`atom.xml`, `sitemap.xml`,
    /// `robots.txt`); a template error comes back as diagnostics naming the template.
    pub fn render_file(
        &self,
        name: &str,
        context: &impl Serialize,
    ) -> std::result::Result<String, Diagnostics> {
        self.render_template(name, context)
            .map_err(|e| self.diagnostics(&e, Some(&format!("/{name}"))))
    }

    /// For messages naming another template (`Unknown template `x``): where a template
    /// refers to it, else the theme's base template.
    fn mentioning_template(&self, message: &str) -> Location {
        let named = message.split('`').nth(1).unwrap_or_default();
        let mut names: Vec<&String> = self.template_texts.keys().collect();
        names.sort();
        for name in names {
            let text = &self.template_texts[name];
            for quoted in [format!("\"{named}\""), format!("'{named}'")] {
                if let Some(offset) = (!named.is_empty()).then(|| text.find(&quoted)).flatten() {
                    let (line, column) = crate::content::source_file::line_and_column(text, offset);
                    return self.template_location(name, line as usize, column as usize);
                }
            }
        }
        self.template_location("base.html", 1, 1)
    }

    /// The template and every template it extends or includes, directly or not: the
    /// templates whose change alters a page drawn by `name`. Any page's Markdown may
    /// embed a quote, so the quote partial counts as used by every page.
    pub fn templates_used_by(&self, name: &str) -> std::collections::BTreeSet<String> {
        let mut used = std::collections::BTreeSet::new();
        let mut pending = vec![name.to_string(), QUOTE_PARTIAL.to_string()];
        while let Some(name) = pending.pop() {
            if !used.insert(name.clone()) {
                continue;
            }
            if let Some(text) = self.template_texts.get(&name) {
                pending.extend(referenced_templates(text));
            }
        }
        used
    }

    /// The text of a template, by name.
    pub fn template_text(&self, name: &str) -> Option<&str> {
        self.template_texts.get(name).map(String::as_str)
    }

    /// The start of the file a template comes from, for findings about its output.
    pub fn template_file(&self, name: &str) -> Location {
        self.template_location(name, 1, 1)
    }

    fn template_location(&self, name: &str, line: usize, column: usize) -> Location {
        let path = self
            .template_paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.theme_dir.join(name));
        Location::new(path, line as u32, column as u32)
    }

    fn diagnostics(&self, error: &tera::Error, page_url: Option<&str>) -> Diagnostics {
        let rendering = page_url
            .map(|url| format!(" (while rendering {url})"))
            .unwrap_or_default();
        let diagnostic = match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                Diagnostic::error(
                    self.template_location(report.filename(), span.start_line, span.start_col + 1),
                    format!("{}{rendering}", report.message()),
                )
            }
            ErrorKind::TemplateNotFound(name) => Diagnostic::error(
                self.template_location(name, 1, 1),
                format!("the template `{name}` does not exist{rendering}"),
            )
            .with_hint("add it to the theme's templates/ or the site's templates/"),
            ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                self.template_location(current, 1, 1),
                format!("`{current}` extends `{parent}`, which does not exist"),
            ),
            other => {
                let message = other.to_string();
                let message = message.trim_start_matches("error: ").to_string();
                Diagnostic::error(
                    self.mentioning_template(&message),
                    format!("{message}{rendering}"),
                )
            }
        };
        let mut all = Diagnostics::default();
        all.push(diagnostic);
        all
    }
}

/// Names in `{% extends "x" %}` and `{% include "y" %}` tags of a template's text.
fn referenced_templates(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag
            .split("%}")
            .next()
            .unwrap_or_default()
            .trim_start_matches('-')
            .trim();
        let Some(rest) = tag
            .strip_prefix("extends")
            .or_else(|| tag.strip_prefix("include"))
        else {
            continue;
        };
        let rest = rest.trim_start();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
            && let Some(name) = rest[1..].split(quote).next()
        {
            names.push(name.to_string());
        }
    }
    names
}

/// Tera's escaping for `.html` and `.xml` templates alike: [`crate::markup::escape`],
/// which also drops the control characters XML forbids, so the feed stays well-formed.
fn escape_markup(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::markup::escape_to(text, out)
}

fn register_functions(tera: &mut Tera, urls: UrlMaker, assets: std::sync::Arc<Assets>) {
    // `asset_url(path="style.css")`: the URL of a static file under the site's base path,
    // naming its hashed copy when it has one.
    tera.register_function(
        "asset_url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            // Each language's edition has its own feed and search index, under its folder.
            if path == crate::feeds::ATOM_FILE || path.starts_with("pagefind/") {
                return Ok(urls.asset_href(&format!("{}{path}", urls.edition())));
            }
            Ok(urls.asset_href(assets.linked_path(path)))
        },
    );
}

fn insert_globals(tera: &mut Tera, site: &Site) {
    let config = &site.config;
    let globals = SiteGlobals {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        dir: config.edition_language().dir.as_str(),
        multilingual: config.is_multilingual(),
        author: config.author.as_deref(),
        publisher: config.publisher.as_deref(),
        copyright: config.copyright.as_deref(),
        home_url: site.urls.href(Route::Home),
        absolute_home_url: site.urls.absolute(Route::Home),
    };
    let sections = [
        (Route::Actors, "actors"),
        (Route::Timeline, "timeline"),
        (Route::Forces, "forces"),
        (Route::Quotes, "quotes"),
        (Route::Sources, "sources"),
        (Route::Places, "places"),
        (Route::Search, "search"),
    ];
    let with_search = site.config.search != crate::config::SearchMode::Off;
    let mut nav: Vec<NavLink> = sections
        .into_iter()
        .filter(|(route, _)| with_search || *route != Route::Search)
        .filter(|(route, _)| !site.places.is_empty() || *route != Route::Places)
        .map(|(route, kind)| NavLink {
            title: "",
            url: site.urls.href(route),
            kind,
        })
        .collect();
    nav.extend(site.pages.iter().map(|page| NavLink {
        title: &page.title,
        url: site.urls.href(Route::Page(&page.id)),
        kind: "page",
    }));
    tera.global_context().insert("site", &globals);
    tera.global_context().insert("nav", &nav);
    tera.global_context()
        .insert("tags_url", &site.urls.href(Route::Tags));
}

#[cfg(test)]
mod tests {
    use super::referenced_templates;

    #[test]
    fn finds_extended_and_included_templates() {
        let text = "{% extends \"base.html\" %}{% block content %}{%- include 'partials/list.html' -%}{{ x }}{% endblock content %}";
        assert_eq!(
            referenced_templates(text),
            ["base.html", "partials/list.html"]
        );
    }
}
