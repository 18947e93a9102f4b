//! The search index, made by the pagefind library at build time from the site model:
//! stories, actors, events and quotes become records, split into chunks that the
//! browser loads on demand. No server and no network are involved.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::config::SearchMode;
use crate::error::{Error, Result};
use crate::markdown;
use crate::render::PageLinks;
use crate::site::Site;
use crate::url::Route;

/// The folder of the index and of pagefind's own scripts, inside the output.
pub const SEARCH_DIR: &str = "pagefind";

/// One file of the search bundle, with its path inside the output folder.
pub struct SearchFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// A thing readers can find.
struct Record {
    url: String,
    title: String,
    kind: &'static str,
    text: String,
}

fn records(site: &Site) -> Vec<Record> {
    let links = PageLinks {
        site,
        numbered_sources: None,
    };
    // Summaries mode keeps titles, summaries and headings: far less text on big sites.
    let full = site.config.search == SearchMode::Full;
    let text = |markdown: &str| {
        if full {
            markdown::plain_text(markdown, &links)
        } else {
            markdown::headings_text(markdown)
        }
    };
    let mut records = Vec::with_capacity(
        site.stories.len() + site.actors.len() + site.events.len() + site.quotes.len(),
    );
    records.extend(site.stories.iter().map(|story| Record {
        url: site.urls.href(Route::Story(&story.id)),
        title: story.title.clone(),
        kind: "Story",
        text: format!("{}\n{}\n{}", story.title, story.summary, text(&story.body)),
    }));
    records.extend(site.actors.iter().map(|actor| Record {
        url: site.urls.href(Route::Actor(&actor.id)),
        title: actor.name.clone(),
        kind: "Actor",
        text: format!(
            "{}\n{}\n{}\n{}",
            actor.name,
            actor.aliases.join(", "),
            actor.summary,
            text(&actor.body)
        ),
    }));
    records.extend(site.events.iter().map(|event| Record {
        url: site.urls.href(Route::Event(&event.id)),
        title: format!("{} ({})", event.title, event.date.display()),
        kind: "Event",
        text: format!("{}\n{}", event.title, text(&event.summary)),
    }));
    records.extend(site.quotes.iter().map(|quote| {
        let speaker = site
            .actor(quote.speaker.id.as_str())
            .map_or("", |a| a.name.as_str());
        Record {
            url: site.urls.href(Route::Quote(&quote.id)),
            title: format!("{speaker}: “{}”", quote.text),
            kind: "Quote",
            text: format!(
                "{}\n{speaker}\n{}",
                quote.text,
                quote.context.as_deref().unwrap_or("")
            ),
        }
    }));
    records
}

fn search_error(error: impl std::fmt::Display) -> Error {
    Error::Internal(format!("building the search index failed: {error}"))
}

/// Builds the whole search bundle in memory.
pub fn build_index(site: &Site) -> Result<Vec<SearchFile>> {
    if site.config.search == SearchMode::Off {
        return Ok(Vec::new());
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(search_error)?;
    let language = site.config.language.clone();
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(language.clone())
            .build();
        let mut index = PagefindIndex::new(Some(config))?;
        for record in records(site) {
            let meta = BTreeMap::from([("title".to_string(), record.title)]);
            let filters = BTreeMap::from([("kind".to_string(), vec![record.kind.to_string()])]);
            index
                .add_custom_record(
                    record.url,
                    record.text,
                    language.clone(),
                    Some(meta),
                    Some(filters),
                    None,
                )
                .await?;
        }
        index.get_files().await
    });
    let mut files: Vec<SearchFile> = files
        .map_err(search_error)?
        .into_iter()
        .map(|file| {
            let path = file.filename.to_string_lossy().replace('\\', "/");
            let path = path.trim_start_matches("./").to_string();
            let path = if path.starts_with(&format!("{SEARCH_DIR}/")) {
                path
            } else {
                format!("{SEARCH_DIR}/{path}")
            };
            SearchFile {
                path,
                contents: file.contents,
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
