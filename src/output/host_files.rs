//! The files a build writes for hosts rather than readers: a redirect page at each alias
//! of a story, actor or page, and `_headers`, `_redirects`, `.nojekyll` and the nginx
//! snippet as `hosting:` in site.yaml asks (see [`crate::hosting`]).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::content::Alias;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::hosting::{self, NginxSite, Redirect, RedirectPage};
use crate::site::Site;
use crate::url::Route;

use super::Sink;

/// One alias and the page it leads to.
struct AliasOf<'a> {
    alias: &'a Alias,
    route: Route<'a>,
    title: &'a str,
}

/// Every alias of the site, stories first, then actors, then pages.
fn aliases(site: &Site) -> Vec<AliasOf<'_>> {
    let stories = site.stories.iter().flat_map(|story| {
        story.aliases.iter().map(|alias| AliasOf {
            alias,
            route: Route::Story(&story.id),
            title: &story.title,
        })
    });
    let actors = site.actors.iter().flat_map(|actor| {
        actor.old_paths.iter().map(|alias| AliasOf {
            alias,
            route: Route::Actor(&actor.id),
            title: &actor.name,
        })
    });
    let pages = site.pages.iter().flat_map(|page| {
        page.aliases.iter().map(|alias| AliasOf {
            alias,
            route: Route::Page(&page.id),
            title: &page.title,
        })
    });
    stories.chain(actors).chain(pages).collect()
}

/// The redirects of the site's aliases, as root-relative URLs.
pub(crate) fn redirects(site: &Site) -> Vec<Redirect> {
    aliases(site)
        .iter()
        .map(|a| Redirect {
            // Host rules always name paths from the server's root, whatever the link style.
            from: site
                .urls
                .root_relative(Route::SitePath(&a.alias.site_path())),
            to: site.urls.root_relative(a.route),
        })
        .collect()
}

/// Writes a redirect page at each alias and adds it to `names`, which holds every other
/// file of the site; an alias at the address of one of those files, or of another alias,
/// is an error at the alias. Returns the bytes written.
pub(crate) fn write_alias_pages(
    site: &Site,
    sink: &dyn Sink,
    names: &mut HashSet<String>,
) -> Result<u64> {
    let mut problems = Diagnostics::default();
    let mut taken: HashMap<String, &Alias> = HashMap::new();
    let mut bytes = 0;
    for AliasOf {
        alias,
        route,
        title,
    } in aliases(site)
    {
        let file = alias.output_file();
        if names.contains(&file) {
            problems.push(
                Diagnostic::error(
                    alias.location.clone(),
                    format!(
                        "the alias `{}` is the address of a file the site already has ({file})",
                        alias.path
                    ),
                )
                .with_hint("remove the alias, or rename what lives at that address"),
            );
            continue;
        }
        if let Some(first) = taken.get(&file) {
            problems.push(
                Diagnostic::error(
                    alias.location.clone(),
                    format!(
                        "the alias `{}` is also an alias at {}:{}:{}",
                        alias.path,
                        first.location.path.display(),
                        first.location.line,
                        first.location.column
                    ),
                )
                .with_hint("an old address can redirect to one place only: keep one of them"),
            );
            continue;
        }
        taken.insert(file.clone(), alias);
        let page = hosting::redirect_page(&RedirectPage {
            language: &site.config.language,
            title,
            href: &site.urls.href(route),
            canonical: &site.urls.absolute(route),
        });
        // In a `--relative` build the link leads from the redirect page's own file.
        let page = site.urls.resolve_links(&file, page.as_bytes());
        bytes += page.len() as u64;
        sink.write(Path::new(&file), &page, None)?;
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems.sorted()));
    }
    names.extend(taken.into_keys());
    Ok(bytes)
}

/// Writes the host files `hosting:` asks for, for an output holding `files`; returns
/// their names.
pub(crate) fn write_host_files(
    site: &Site,
    sink: &dyn Sink,
    files: &[String],
) -> Result<Vec<String>> {
    let settings = &site.config.hosting;
    let base_path = site.config.base_url.path();
    let policy = settings
        .content_security_policy
        .as_deref()
        .unwrap_or(hosting::DEFAULT_CONTENT_SECURITY_POLICY);
    let redirects = redirects(site);
    // Each edition in another language with its own 404 page, as its folder's address.
    let not_found_folders: Vec<String> = site
        .config
        .languages
        .iter()
        .skip(1)
        .filter(|language| files.contains(&format!("{}/404.html", language.code)))
        .map(|language| format!("{base_path}{}/", language.code))
        .collect();
    let mut written = Vec::new();
    let mut write = |name: &'static str, text: String| -> Result<()> {
        sink.write(Path::new(name), text.as_bytes(), None)?;
        written.push(name.to_string());
        Ok(())
    };
    if settings.headers {
        let mut sorted = files.to_vec();
        sorted.sort();
        write(
            hosting::HEADERS_FILE,
            hosting::headers_file(base_path, &sorted, policy),
        )?;
    }
    if settings.redirects {
        write(
            hosting::REDIRECTS_FILE,
            hosting::redirects_file(&redirects, &not_found_folders),
        )?;
    }
    if settings.nginx {
        let snippet = hosting::nginx_snippet(&NginxSite {
            base_path,
            content_security_policy: policy,
            redirects: &redirects,
            precompressed: settings.precompress,
            not_found_folders: &not_found_folders,
        });
        write(hosting::NGINX_FILE, snippet)?;
    }
    if settings.nojekyll {
        write(hosting::NOJEKYLL_FILE, String::new())?;
    }
    Ok(written)
}
