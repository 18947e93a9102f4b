//! The build as one pipeline, called by the command line, `serve` and the tests:
//! `config::load` → `content::load` + `data::load` → `site::assemble` → `render`
//! → `output::write_site`.
//!
//! It sits above every stage and below only the front ends, so `output` and `serve`
//! never call back into the crate root.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::error::{Error, Result};
use crate::site::Site;
use crate::{cache, config, content, data, fs, output, render, site};

/// What `build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Links from file to file (`--relative`), for a copy opened from disk.
    pub links: config::LinkStyle,
    pub include_drafts: bool,
    /// Whether to use the build cache beside the output.
    pub cache: output::CacheUse,
    /// Write into a non-empty output folder that no record says flashpoint made
    /// (its files are kept, but files at the site's paths are replaced).
    pub force: bool,
}

/// What a successful build did, with the warnings it found.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub written: output::WriteSummary,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// How long the build had run when each step ended (`load`, `templates`, `write`),
    /// for the front end to print under `FLASHPOINT_PROFILE`.
    pub steps: Vec<(&'static str, Duration)>,
}

/// Loads and checks a site without writing anything.
pub fn load_site(
    root: &Path,
    base_url: Option<&str>,
    include_drafts: bool,
) -> Result<(Site, Diagnostics)> {
    load_site_linked(
        root,
        base_url,
        config::LinkStyle::default(),
        include_drafts,
        content::StoryBodies::Held,
    )
}

/// [`load_site`] for a build whose pages link in the given style, keeping story bodies as
/// `bodies` says.
fn load_site_linked(
    root: &Path,
    base_url: Option<&str>,
    links: config::LinkStyle,
    include_drafts: bool,
    bodies: content::StoryBodies,
) -> Result<(Site, Diagnostics)> {
    let mut config = config::load(root, base_url)?;
    config.links = links;
    // Stories and data files are independent: read them at the same time.
    let mut diagnostics = Diagnostics::default();
    let mut data_diagnostics = Diagnostics::default();
    let others: Vec<String> = config
        .languages
        .iter()
        .skip(1)
        .map(|l| l.code.clone())
        .collect();
    let (content, data) = rayon::join(
        || content::load_with(root, include_drafts, &others, bodies, &mut diagnostics),
        || data::load(root, &mut data_diagnostics),
    );
    let (content, data) = (content?, data?);
    diagnostics.extend(data_diagnostics);
    assemble_editions(config, content, data, diagnostics)
}

/// Assembles the site model of every edition from what was loaded (`serve` loads it
/// remembering files, see `serve::loader`); the errors of any edition stop it.
pub(crate) fn assemble_editions(
    config: config::SiteConfig,
    mut content: content::Content,
    data: data::Data,
    mut diagnostics: Diagnostics,
) -> Result<(Site, Diagnostics)> {
    let translations = std::mem::take(&mut content.translations);
    let mut editions = Vec::new();
    if !translations.is_empty() {
        let urls = crate::url::UrlMaker::new(config.base_url.clone()).linking(config.links);
        for (language, translated) in translations {
            let edition_config = config.for_edition(&language);
            let edition = site::edition_content(&content, translated, &urls);
            editions.push((edition_config, edition));
        }
    }
    let default_language = config.language.clone();
    let editions: Vec<_> = editions
        .into_iter()
        .map(|(config, content)| {
            // The data files are the same in every edition: their problems are reported
            // once, by the default language's model; a translation's own are kept.
            let mut found = Diagnostics::default();
            let data = data.in_language(&config.language, &default_language);
            let site = site::assemble(config, content, data, &mut found);
            (site, found)
        })
        .collect();
    let data = if config.is_multilingual() {
        data.in_language(&default_language, &default_language)
    } else {
        data
    };
    let mut site = site::assemble(config, content, data, &mut diagnostics);
    for (edition, found) in editions {
        for diagnostic in found {
            if !diagnostics.iter().any(|d| d == &diagnostic) {
                diagnostics.push(diagnostic);
            }
        }
        match (&mut site, edition) {
            (Some(site), Some(edition)) => site.other_editions.push(edition),
            _ => site = None,
        }
    }
    match site {
        Some(mut site) => {
            site.link_editions();
            Ok((site, diagnostics.sorted()))
        }
        None => Err(Error::Invalid(diagnostics.sorted())),
    }
}

/// [`load_site`], and the theme the site names. When the site has errors, a theme that
/// cannot be found is reported with them rather than only once they are fixed.
fn load_site_and_theme(
    root: &Path,
    base_url: Option<&str>,
    links: config::LinkStyle,
    include_drafts: bool,
    bodies: content::StoryBodies,
) -> Result<(Site, render::Theme, Diagnostics)> {
    match load_site_linked(root, base_url, links, include_drafts, bodies) {
        Ok((site, warnings)) => {
            let theme = render::Theme::locate(root, &site.config.theme)?;
            Ok((site, theme, warnings))
        }
        Err(Error::Invalid(mut diagnostics)) => {
            if let Ok(config) = config::load(root, base_url)
                && let Err(Error::Invalid(theme_problems)) =
                    render::Theme::locate(root, &config.theme)
            {
                diagnostics.extend(theme_problems);
                diagnostics = diagnostics.sorted();
            }
            Err(Error::Invalid(diagnostics))
        }
        Err(other) => Err(other),
    }
}

/// Runs every check a build makes (content, data, templates, rendering) without writing.
pub fn check(root: &Path, include_drafts: bool) -> Result<Diagnostics> {
    let (site, theme, warnings) = load_site_and_theme(
        root,
        None,
        config::LinkStyle::default(),
        include_drafts,
        content::StoryBodies::Held,
    )?;
    let renderer = render::Renderer::new(&site, &theme)?;
    output::produce(
        &site,
        &renderer,
        &theme,
        &output::NullSink,
        None,
        output::SearchWork::Build,
        &output::Silent,
    )?;
    Ok(warnings)
}

/// For each language after the default, the content files not yet translated into it
/// (`check` reports them as information): empty for a site in one language.
pub fn untranslated(root: &Path, include_drafts: bool) -> Result<Vec<(String, Vec<PathBuf>)>> {
    let config = config::load(root, None)?;
    let others: Vec<String> = config
        .languages
        .iter()
        .skip(1)
        .map(|l| l.code.clone())
        .collect();
    if others.is_empty() {
        return Ok(Vec::new());
    }
    let mut ignored = Diagnostics::default();
    let content = content::load(root, include_drafts, &others, &mut ignored)?;
    Ok(content
        .translations
        .iter()
        .map(|(language, translated)| {
            (
                language.clone(),
                content::translations::untranslated(&content, translated),
            )
        })
        .collect())
}

/// Builds the site into the output folder; on any error the previous output is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, &output::Silent)
}

/// [`build`], telling `progress` how rendering advances.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &dyn output::Progress,
) -> Result<BuildReport> {
    let started = Instant::now();
    let root = options.root.as_path();
    let output = match &options.output {
        Some(output) => output.clone(),
        None => root.join("public"),
    };
    let resolved = refuse_dangerous_output(root, &output)?;
    // An output that a killed build left half committed is restored before anything else,
    // even if this build's input then turns out to be broken.
    if output::OutputFolder::interrupted(&resolved) {
        drop(output::OutputFolder::prepare(&resolved, options.force)?);
    }
    // A build needs each story body only for its checks, page and search record: it reads
    // them from their files when needed, and commits nothing if one changed meanwhile.
    let (site, theme, mut warnings) = load_site_and_theme(
        root,
        options.base_url.as_deref(),
        options.links,
        options.include_drafts,
        content::StoryBodies::InFiles,
    )?;
    let mut steps = vec![("load", started.elapsed())];
    let renderer = render::Renderer::new(&site, &theme)?;
    steps.push(("templates", started.elapsed()));
    // Only a site whose input and templates loaded takes the lock: a broken one leaves no
    // trace beside the output.
    let folder = output::OutputFolder::prepare(&resolved, options.force)?;
    let written = output::write_site(
        &site,
        &renderer,
        &theme,
        &folder,
        progress,
        options.cache,
        &mut warnings,
    )?;
    steps.push(("write", started.elapsed()));
    // Freeing a large model (every story, event and index) takes a tenth of a second at
    // 10,000 stories: it is done on a thread of its own, which a command-line build does
    // not wait for before it exits.
    std::thread::spawn(move || drop((site, renderer)));
    Ok(BuildReport {
        output,
        written,
        warnings,
        elapsed: started.elapsed(),
        steps,
    })
}

/// Refuses an output folder that would overwrite or delete the site's own files, and
/// returns it resolved. Both paths are resolved first (symlinks and `..`, through the
/// nearest existing ancestor), so `../site` from inside the site, or a symlink to the
/// root, is seen for what it is.
pub(crate) fn refuse_dangerous_output(root: &Path, output: &Path) -> Result<PathBuf> {
    let root = fs::resolve(root)?;
    let resolved = fs::resolve(output)?;
    let refuse = |why: String| {
        Err(Error::Internal(format!(
            "refusing to write into {}: {why}; choose an output folder outside the site's sources",
            output.display()
        )))
    };
    if root.starts_with(&resolved) {
        return refuse(if resolved == root {
            "it is the site's own folder".to_string()
        } else {
            format!("it holds the site's folder {}", root.display())
        });
    }
    let cache = root.join(cache::CACHE_DIR);
    let own_cache = cache::manifest_path(&resolved)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    if resolved.starts_with(&cache) || resolved == own_cache {
        return refuse("it is the build cache's folder".to_string());
    }
    for source in [
        "content",
        "themes",
        "templates",
        "static",
        "site.yaml",
        ".git",
    ] {
        if resolved.starts_with(root.join(source)) {
            return refuse(format!(
                "it is inside the site's `{source}`, which the build would overwrite"
            ));
        }
    }
    Ok(resolved)
}
