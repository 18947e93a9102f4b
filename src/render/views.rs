//! Serializable views of the site model, shared by the page contexts.
//! They borrow from the site; URLs come from the site's [`UrlMaker`](crate::url::UrlMaker).

use serde::Serialize;

use crate::date::PartialDate;
use crate::render::i18n::Words;
use crate::site::{ActorIx, Citation, EventIx, FigureIx, QuoteIx, Site, SourceIx, StoryIx};
use crate::url::Route;

/// A date as the templates use it: `iso` for `<time datetime>`, `display` for readers.
#[derive(Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
}

/// A correction as shown at the top of what it corrects, or on the corrections page.
#[derive(Serialize)]
pub struct CorrectionView {
    pub date: DateView,
    pub text_html: String,
    /// Its entry on the corrections page.
    pub url: String,
    pub anchor: String,
}

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct StoryCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
    pub updated: Option<DateView>,
    pub summary: &'a str,
    pub tags: Vec<Link<'a>>,
    /// The byline, in order.
    pub authors: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub struct ActorCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub kind: String,
    pub summary: &'a str,
}

#[derive(Serialize)]
pub struct EventView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub url: String,
    pub date: DateView,
    pub title: &'a str,
    pub summary_html: String,
    pub actors: Vec<Link<'a>>,
    pub actor_ids: Vec<&'a str>,
    pub tag_slugs: Vec<&'a str>,
    pub sources: Vec<Link<'a>>,
    pub tags: Vec<Link<'a>>,
    /// The stories that link the event, newest first.
    pub stories: Vec<Link<'a>>,
    /// Where it happened, linked to the place pages.
    pub places: Vec<Link<'a>>,
    /// Corrections of the entry, newest first.
    pub corrections: Vec<CorrectionView>,
}

#[derive(Serialize)]
pub struct QuoteView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub url: String,
    pub text: &'a str,
    pub speaker: Option<SpeakerView<'a>>,
    pub date: Option<DateView>,
    pub context: Option<&'a str>,
    pub source: Option<Link<'a>>,
    pub via: Option<&'a str>,
    /// Corrections of the quote, newest first (in the quote lists; empty in embeds).
    pub corrections: Vec<CorrectionView>,
}

/// Who said a quote, as its credit line shows it: "Jane Doe, spokeswoman, Royal Navy".
#[derive(Serialize)]
pub struct SpeakerView<'a> {
    /// The person's name, or the actor's when an actor spoke.
    pub name: &'a str,
    /// The same as `name`, for themes written when only actors could speak.
    pub title: &'a str,
    /// The actor's page when an actor spoke; none for a person.
    pub url: Option<String>,
    pub role: Option<&'a str>,
    /// The page of the actor the role names ("chair of the Pell Shipping Council"), for the
    /// role to link to; none when the role names no actor.
    pub role_url: Option<String>,
    /// The actor a person speaks for, unless the role already names it.
    pub affiliation: Option<Link<'a>>,
    /// The whole credit as plain text.
    pub credit: String,
}

#[derive(Serialize)]
pub struct FigureView<'a> {
    pub actor: Option<Link<'a>>,
    pub measure: &'a str,
    pub value: f64,
    pub value_display: String,
    pub unit: &'a str,
    pub as_of: DateView,
    pub source: Option<Link<'a>>,
    pub note: Option<&'a str>,
}

/// The figures for one actor, measure and date. When sources report different values,
/// the row is disputed: it shows the range and every value with its source.
#[derive(Serialize)]
pub struct FigureRow<'a> {
    pub actor: Option<Link<'a>>,
    /// The actor's id, for the charts to find its aliases.
    #[serde(skip)]
    pub actor_id: &'a str,
    pub measure: &'a str,
    pub unit: &'a str,
    pub as_of: DateView,
    pub figures: Vec<FigureView<'a>>,
    pub disputed: bool,
    /// Lowest and highest value reported for the row.
    pub low: f64,
    pub high: f64,
    /// `32,000–48,700` when disputed, else the single value.
    pub value_display: String,
    /// The unit as it reads after the value: singular after exactly 1 ("1 ship").
    pub unit_display: String,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub url: String,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub date: Option<DateView>,
    pub external_url: Option<&'a str>,
    /// An archived copy of the original, when the editor gave one.
    pub archive_url: Option<&'a str>,
    /// When the editor last read the original.
    pub accessed: Option<DateView>,
}

/// Something that cites a source, as a link for the sources page.
#[derive(Serialize)]
pub struct CitationView {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
}

/// Builds views; one per render call, cheap to create.
pub struct Views<'a> {
    pub site: &'a Site,
    /// The words the build writes itself, in the edition's language.
    words: Words,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, renderer: &crate::render::Renderer) -> Views<'a> {
        Views {
            site,
            words: renderer.words().clone(),
        }
    }

    fn href(&self, route: Route<'_>) -> String {
        self.site.urls.href(route)
    }

    /// A date in the edition's language.
    pub fn date(&self, date: PartialDate) -> DateView {
        DateView {
            iso: date.iso(),
            display: crate::render::i18n::formats::format_date(date, &self.site.config.language),
        }
    }

    /// A number in the edition's language.
    pub fn number(&self, value: f64) -> String {
        crate::render::i18n::formats::format_number(value, &self.site.config.language)
    }

    fn tag_links(&self, tags: &'a [crate::content::Tag]) -> Vec<Link<'a>> {
        tags.iter()
            .map(|t| Link {
                title: &t.name,
                url: self.href(Route::Tag(&t.slug)),
            })
            .collect()
    }

    pub fn actor_link(&self, ix: ActorIx) -> Link<'a> {
        let actor = &self.site.actors[ix];
        Link {
            title: &actor.name,
            url: self.href(Route::Actor(&actor.id)),
        }
    }

    fn actor_link_by_id(&self, id: &str) -> Option<Link<'a>> {
        self.site.actor_ix(id).map(|ix| self.actor_link(ix))
    }

    pub fn source_link(&self, ix: SourceIx) -> Link<'a> {
        let source = &self.site.sources[ix];
        Link {
            title: &source.title,
            url: self.href(Route::Source(&source.id)),
        }
    }

    fn source_link_by_id(&self, id: &str) -> Option<Link<'a>> {
        self.site.source_ix(id).map(|ix| self.source_link(ix))
    }

    pub fn story_card(&self, ix: StoryIx) -> StoryCard<'a> {
        let story = &self.site.stories[ix];
        StoryCard {
            id: story.id.as_str(),
            title: &story.title,
            url: self.href(Route::Story(&story.id)),
            date: self.date(story.date),
            updated: story.updated.map(|d| self.date(d)),
            summary: &story.summary,
            tags: self.tag_links(&story.tags),
            authors: self.site.story_authors[ix]
                .iter()
                .map(|&a| {
                    let author = &self.site.authors[a];
                    Link {
                        title: &author.name,
                        url: self.href(Route::Author(&author.id)),
                    }
                })
                .collect(),
        }
    }

    pub fn actor_card(&self, ix: ActorIx) -> ActorCard<'a> {
        let actor = &self.site.actors[ix];
        ActorCard {
            id: actor.id.as_str(),
            name: &actor.name,
            url: self.href(Route::Actor(&actor.id)),
            kind: self.words.actor_kind(actor.kind),
            summary: &actor.summary,
        }
    }

    pub fn event(&self, ix: EventIx, summary_html: String) -> EventView<'a> {
        let event = &self.site.events[ix];
        let route = Route::Event(&event.id);
        EventView {
            id: event.id.as_str(),
            anchor: route.anchor().unwrap_or_default(),
            url: self.href(route),
            date: self.date(event.date),
            title: &event.title,
            summary_html,
            actors: event
                .actors
                .iter()
                .filter_map(|r| self.actor_link_by_id(r.id.as_str()))
                .collect(),
            actor_ids: event.actors.iter().map(|r| r.id.as_str()).collect(),
            tag_slugs: event.tags.iter().map(|t| t.slug.as_str()).collect(),
            sources: event
                .sources
                .iter()
                .filter_map(|r| self.source_link_by_id(r.id.as_str()))
                .collect(),
            tags: self.tag_links(&event.tags),
            stories: self
                .site
                .event_stories
                .get(ix)
                .into_iter()
                .flatten()
                .map(|&s| Link {
                    title: &self.site.stories[s].title,
                    url: self.href(Route::Story(&self.site.stories[s].id)),
                })
                .collect(),
            places: event
                .places
                .iter()
                .filter_map(|r| self.site.place(r.id.as_str()))
                .map(|place| Link {
                    title: &place.name,
                    url: self.href(Route::Place(&place.id)),
                })
                .collect(),
            corrections: Vec::new(),
        }
    }

    pub fn quote(&self, ix: QuoteIx) -> QuoteView<'a> {
        self.quote_view(&self.site.quotes[ix])
    }

    pub fn quote_view(&self, quote: &'a crate::data::Quote) -> QuoteView<'a> {
        let route = Route::Quote(&quote.id);
        QuoteView {
            id: quote.id.as_str(),
            anchor: route.anchor().unwrap_or_default(),
            url: self.href(route),
            text: &quote.text,
            speaker: self.speaker(&quote.speaker),
            date: quote.date.map(|d| self.date(d)),
            context: quote.context.as_deref(),
            source: quote
                .source
                .as_ref()
                .and_then(|r| self.source_link_by_id(r.id.as_str())),
            via: quote.via.as_deref(),
            corrections: Vec::new(),
        }
    }

    fn speaker(&self, speaker: &'a crate::data::Speaker) -> Option<SpeakerView<'a>> {
        let credit = self.site.credit(speaker)?;
        Some(SpeakerView {
            name: credit.name,
            title: credit.name,
            url: credit.actor.map(|ix| self.actor_link(ix).url),
            role: credit.role,
            role_url: credit.named_in_role.map(|ix| self.actor_link(ix).url),
            affiliation: credit.affiliation.map(|ix| self.actor_link(ix)),
            credit: self.site.credit_text(speaker),
        })
    }

    pub fn figure(&self, ix: FigureIx) -> FigureView<'a> {
        let figure = &self.site.forces[ix];
        FigureView {
            actor: self.actor_link_by_id(figure.actor.id.as_str()),
            measure: &figure.measure_text,
            value: figure.value,
            value_display: self.number(figure.value),
            unit: &figure.unit,
            as_of: self.date(figure.as_of),
            source: figure
                .source
                .as_ref()
                .and_then(|r| self.source_link_by_id(r.id.as_str())),
            note: figure.note.as_deref(),
        }
    }

    /// Groups figures (in the site's order: measure, actor, date) into rows of one actor,
    /// measure and date.
    pub fn figure_rows(&self, figures: &[FigureIx]) -> Vec<FigureRow<'a>> {
        let mut rows: Vec<FigureRow<'a>> = Vec::new();
        let mut previous: Option<FigureIx> = None;
        for &ix in figures {
            let figure = &self.site.forces[ix];
            let same_row = previous.is_some_and(|p| {
                let prev = &self.site.forces[p];
                prev.actor.id == figure.actor.id
                    && prev.measure == figure.measure
                    && prev.as_of == figure.as_of
            });
            if !same_row {
                rows.push(FigureRow {
                    actor: self.actor_link_by_id(figure.actor.id.as_str()),
                    actor_id: figure.actor.id.as_str(),
                    measure: &figure.measure_text,
                    unit: &figure.unit,
                    as_of: self.date(figure.as_of),
                    figures: Vec::new(),
                    disputed: false,
                    low: 0.0,
                    high: 0.0,
                    value_display: String::new(),
                    unit_display: String::new(),
                });
            }
            if let Some(row) = rows.last_mut() {
                row.figures.push(self.figure(ix));
            }
            previous = Some(ix);
        }
        for row in &mut rows {
            row.low = row
                .figures
                .iter()
                .map(|f| f.value)
                .fold(f64::INFINITY, f64::min);
            row.high = row
                .figures
                .iter()
                .map(|f| f.value)
                .fold(f64::NEG_INFINITY, f64::max);
            let (low, high) = (row.low, row.high);
            row.disputed = low < high;
            row.value_display = if row.disputed {
                format!("{}–{}", self.number(low), self.number(high))
            } else {
                row.figures
                    .first()
                    .map(|f| f.value_display.clone())
                    .unwrap_or_default()
            };
            row.unit_display = crate::data::unit_for(row.high, row.unit);
        }
        rows
    }

    pub fn source(&self, ix: SourceIx) -> SourceView<'a> {
        let source = &self.site.sources[ix];
        let route = Route::Source(&source.id);
        SourceView {
            id: source.id.as_str(),
            anchor: route.anchor().unwrap_or_default(),
            url: self.href(route),
            title: &source.title,
            publisher: source.publisher.as_deref(),
            date: source.date.map(|d| self.date(d)),
            external_url: source.url.as_deref(),
            archive_url: source.archive_url.as_deref(),
            accessed: source.accessed.map(|d| self.date(d)),
        }
    }

    pub fn citation(&self, citation: Citation) -> CitationView {
        let site = self.site;
        let (kind, title, url) = match citation {
            Citation::Story(ix) => {
                let s = &site.stories[ix];
                ("story", s.title.clone(), self.href(Route::Story(&s.id)))
            }
            Citation::Home => {
                let title = site
                    .home
                    .as_ref()
                    .map(|home| home.title.as_str())
                    .filter(|title| !title.is_empty())
                    .unwrap_or(&site.config.title);
                ("home", title.to_string(), self.href(Route::Home))
            }
            Citation::Page(ix) => {
                let p = &site.pages[ix];
                ("page", p.title.clone(), self.href(Route::Page(&p.id)))
            }
            Citation::Actor(ix) => {
                let a = &site.actors[ix];
                ("actor", a.name.clone(), self.href(Route::Actor(&a.id)))
            }
            Citation::Event(ix) => {
                let e = &site.events[ix];
                (
                    "event",
                    format!("{} ({})", e.title, self.words.date(e.date)),
                    self.href(Route::Event(&e.id)),
                )
            }
            Citation::Quote(ix) => {
                let q = &site.quotes[ix];
                let speaker = site.credit_text(&q.speaker);
                (
                    "quote",
                    format!("{speaker}: “{}”", q.text),
                    self.href(Route::Quote(&q.id)),
                )
            }
            Citation::Figure(ix) => {
                let f = &site.forces[ix];
                let actor = site.actor(f.actor.id.as_str());
                let name = actor.map_or("", |a| a.name.as_str());
                let url = actor.map_or_else(
                    || self.href(Route::Forces),
                    |a| self.href(Route::Actor(&a.id)),
                );
                (
                    "figure",
                    format!(
                        "{name}: {}, {} {} ({})",
                        f.measure,
                        self.number(f.value),
                        f.unit,
                        self.words.date(f.as_of)
                    ),
                    url,
                )
            }
        };
        CitationView { kind, title, url }
    }
}
