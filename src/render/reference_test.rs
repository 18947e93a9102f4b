//! Keeps `docs/template-variables.md` true to the contexts the renderer builds.
//!
//! Every page of the example site, `tests/sites/basic` and `tests/sites/caldera` is given its
//! real context (the page's context struct plus the globals every template sees); it is read
//! back as JSON through Tera's `__tera_context` and every key in it, nested ones included,
//! is named with a dotted path (`story.title`, `figures[].low`). The reference lists the
//! same names in its tables, with shared shapes written once and linked. A name in one list
//! and not the other fails the test, naming the template and the variable.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tera::{Kwargs, State};

use super::{ContextBuilder, PageKind, QUOTE_PARTIAL, Renderer, Theme};
use crate::feeds;
use crate::url::Route;

/// The reference, relative to the crate root.
const REFERENCE: &str = "docs/template-variables.md";

/// Template name to the variable names its pages receive.
type Variables = BTreeMap<String, BTreeSet<String>>;

/// The sites whose pages are read; between them every optional field is filled somewhere
/// (`tests/sites/coastland` has stories that link events, `tests/sites/newsdesk` corrected
/// records).
fn sites() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    vec![
        root.to_path_buf(),
        root.join("tests/sites/basic"),
        root.join("tests/sites/caldera"),
        root.join("tests/sites/coastland"),
        // In two languages: the alternates of every page.
        root.join("tests/sites/bilingual"),
        // Authors with links, and corrections of actors and events.
        root.join("tests/sites/newsdesk"),
    ]
}

/// The names every page of the site receives, by template, read from the real contexts;
/// with them the site files' templates and the quote partial as Markdown embeds draw it.
fn variables_given(root: &Path) -> Variables {
    let (mut site, _warnings) = crate::pipeline::load_site(root, None, true)
        .unwrap_or_else(|e| panic!("{} does not load: {e:?}", root.display()));
    // One story a page, so that lists run over pages and their pagers are read too.
    site.config.paginate = 1;
    // The repository's themes, as the tests copy them beside a fixture (neither site
    // has templates of its own).
    let theme = Theme::locate(Path::new(env!("CARGO_MANIFEST_DIR")), &site.config.theme)
        .unwrap_or_else(|e| panic!("{} has no theme: {e:?}", root.display()));
    let mut renderer = Renderer::new(&site, &theme)
        .unwrap_or_else(|e| panic!("the templates of {} do not load: {e:?}", root.display()));
    let captured: Arc<Mutex<Option<serde_json::Value>>> = Arc::default();
    let slot = Arc::clone(&captured);
    renderer.tera.register_filter(
        "capture",
        move |value: &tera::Value, _: Kwargs, _: &State| -> tera::TeraResult<String> {
            let json = serde_json::to_value(value)
                .map_err(|e| tera::Error::message(format!("context is not JSON: {e}")))?;
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(json);
            Ok(String::new())
        },
    );
    let renderer = renderer;
    let names_of = |what: &str, context: &tera::Context| -> BTreeSet<String> {
        renderer
            .tera
            .render_str("{{ __tera_context | capture }}", context, false)
            .unwrap_or_else(|e| panic!("cannot read the context of {what}: {e}"));
        let json = captured
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_else(|| panic!("the context of {what} was not captured"));
        let mut names = BTreeSet::new();
        names_in(&json, "", &mut names);
        names
    };
    let serialized = |what: &str, value: &dyn erased::Serializable| -> tera::Context {
        value
            .context()
            .unwrap_or_else(|e| panic!("no context for {what}: {e}"))
    };
    let contexts = ContextBuilder::new(&site, &renderer);
    let mut given = Variables::new();
    for page in PageKind::all(&site) {
        let context = contexts
            .build(page)
            .unwrap_or_else(|e| panic!("no context for {page:?}: {e}"));
        let names = names_of(&format!("{page:?}"), &context);
        given
            .entry(page.template().to_string())
            .or_default()
            .extend(names);
    }
    let lastmod = site.stories.first().map(|story| story.date);
    let site_files: [(&str, &dyn erased::Serializable); 3] = [
        (feeds::ATOM_FILE, &feeds::feed(&site)),
        (
            feeds::SITEMAP_FILE,
            &feeds::sitemap(
                [(
                    site.urls.absolute(Route::Home),
                    lastmod,
                    vec![feeds::SitemapAlternate {
                        code: site.config.language.clone(),
                        url: site.urls.absolute(Route::Home),
                    }],
                )]
                .into_iter(),
                false,
            ),
        ),
        (feeds::ROBOTS_FILE, &feeds::robots(&site)),
    ];
    for (name, value) in site_files {
        let names = names_of(name, &serialized(name, value));
        given.entry(name.to_string()).or_default().extend(names);
    }
    for ix in 0..site.quotes.len() {
        let embed = super::embeds::embed_context(&site, &renderer, ix, true);
        let names = names_of(QUOTE_PARTIAL, &serialized(QUOTE_PARTIAL, &embed));
        given
            .entry(QUOTE_PARTIAL.to_string())
            .or_default()
            .extend(names);
    }
    given
}

/// Serializable values of different types, in one list.
mod erased {
    pub trait Serializable {
        fn context(&self) -> Result<tera::Context, tera::Error>;
    }

    impl<T: serde::Serialize> Serializable for T {
        fn context(&self) -> Result<tera::Context, tera::Error> {
            tera::Context::from_serialize(self)
        }
    }
}

/// Dotted names of every key in `value`: `a.b` for a nested object, `a[]` for a list and
/// `a[].b` for the keys of its items.
fn names_in(value: &serde_json::Value, prefix: &str, names: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let mut name = join(prefix, key);
                if inner.is_array() {
                    name.push_str("[]");
                }
                names.insert(name.clone());
                names_in(inner, &name, names);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                names_in(item, prefix, names);
            }
        }
        _ => {}
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// One row of a table in the reference: a variable (or a shape's field), and the shape
/// its type links to, if any.
#[derive(Debug)]
struct Row {
    name: String,
    shape: Option<String>,
}

/// What the reference says, as written: rows of `## Every template` and `## Every page`,
/// of each template's `###` section under `## Templates` (page templates) or
/// `## Site files and partials`, and of each shape's `###` section under `## Shapes`.
#[derive(Debug, Default)]
struct Reference {
    globals: Vec<Row>,
    /// What page templates receive besides the globals.
    page_globals: Vec<Row>,
    templates: BTreeMap<String, Vec<Row>>,
    /// The templates described under `## Templates`, which draw pages.
    page_templates: BTreeSet<String>,
    shapes: BTreeMap<String, Vec<Row>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Other,
    Globals,
    PageGlobals,
    Templates,
    OtherTemplates,
    Shapes,
}

impl Reference {
    fn parse(text: &str) -> Reference {
        let mut reference = Reference::default();
        let mut part = Part::Other;
        // The templates (or the one shape) the current `###` section describes.
        let mut templates: Vec<String> = Vec::new();
        let mut shape: Option<String> = None;
        for line in text.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                part = match heading.trim() {
                    "Every template" => Part::Globals,
                    "Every page" => Part::PageGlobals,
                    "Templates" => Part::Templates,
                    "Site files and partials" => Part::OtherTemplates,
                    "Shapes" => Part::Shapes,
                    _ => Part::Other,
                };
                templates.clear();
                shape = None;
            } else if let Some(heading) = line.strip_prefix("### ") {
                templates = backticked(heading)
                    .filter(|name| is_template_name(name))
                    .map(str::to_string)
                    .collect();
                shape = (part == Part::Shapes).then(|| anchor(heading));
                for template in &templates {
                    reference.templates.entry(template.clone()).or_default();
                    if part == Part::Templates {
                        reference.page_templates.insert(template.clone());
                    }
                }
            } else if let Some(row) = table_row(line) {
                match part {
                    Part::Globals => reference.globals.push(row),
                    Part::PageGlobals => reference.page_globals.push(row),
                    Part::Templates | Part::OtherTemplates => {
                        for template in &templates {
                            if let Some(rows) = reference.templates.get_mut(template) {
                                rows.push(Row {
                                    name: row.name.clone(),
                                    shape: row.shape.clone(),
                                });
                            }
                        }
                    }
                    Part::Shapes => {
                        if let Some(shape) = &shape {
                            reference.shapes.entry(shape.clone()).or_default().push(row);
                        }
                    }
                    Part::Other => {}
                }
            }
        }
        reference
    }

    /// Every name the reference documents for each template, shapes expanded.
    /// Links to shapes that do not exist are returned as problems.
    fn variables(&self) -> (Variables, Vec<String>) {
        let mut problems = Vec::new();
        let mut documented = Variables::new();
        for (template, rows) in &self.templates {
            let names = documented.entry(template.clone()).or_default();
            let page_globals: &[Row] = if self.page_templates.contains(template) {
                &self.page_globals
            } else {
                &[]
            };
            for row in self.globals.iter().chain(page_globals).chain(rows) {
                self.expand(row, "", names, &mut problems, 0);
            }
        }
        (documented, problems)
    }

    fn expand(
        &self,
        row: &Row,
        prefix: &str,
        names: &mut BTreeSet<String>,
        problems: &mut Vec<String>,
        depth: usize,
    ) {
        let name = join(prefix, &row.name);
        // `site.title` says there is a `site` too.
        for (dot, _) in name.match_indices('.') {
            names.insert(name[..dot].to_string());
        }
        names.insert(name.clone());
        let Some(shape) = &row.shape else {
            return;
        };
        match self.shapes.get(shape) {
            Some(fields) if depth < 8 => {
                for field in fields {
                    self.expand(field, &name, names, problems, depth + 1);
                }
            }
            Some(_) => problems.push(format!("shapes nest too deep at `{name}`")),
            None => problems.push(format!("`{name}` links to #{shape}, which is not a shape")),
        }
    }
}

/// Whether a backticked word of a heading names a template: `story.html`, `atom.xml`,
/// `robots.txt`.
fn is_template_name(name: &str) -> bool {
    [".html", ".xml", ".txt"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// The text between each pair of backticks.
fn backticked(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

/// The anchor GitHub gives a heading: lowercase, spaces to hyphens, punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// A table row whose first cell is a backticked name; the shape is the `#anchor` of the
/// first link in the second cell.
fn table_row(line: &str) -> Option<Row> {
    let mut cells = line.strip_prefix('|')?.split('|').map(str::trim);
    let name = cells.next()?.strip_prefix('`')?.strip_suffix('`')?;
    let kind = cells.next().unwrap_or_default();
    let shape = kind
        .split_once("](#")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(anchor, _)| anchor.to_string());
    Some(Row {
        name: name.to_string(),
        shape,
    })
}

/// Every difference between what pages receive and what the reference lists, one line each.
fn differences(given: &Variables, documented: &Variables) -> Vec<String> {
    let mut problems = Vec::new();
    let templates: BTreeSet<&String> = given.keys().chain(documented.keys()).collect();
    for template in templates {
        match (given.get(template), documented.get(template)) {
            (Some(_), None) => problems.push(format!(
                "{template}: pages are drawn with it, but it has no section"
            )),
            (None, Some(_)) => problems.push(format!(
                "{template}: it has a section, but no page is drawn with it"
            )),
            (Some(given), Some(documented)) => {
                for name in given.difference(documented) {
                    problems.push(format!(
                        "{template}: `{name}` is in the context but not documented"
                    ));
                }
                for name in documented.difference(given) {
                    problems.push(format!(
                        "{template}: `{name}` is documented but not in the context"
                    ));
                }
            }
            (None, None) => {}
        }
    }
    problems
}

fn reference() -> Reference {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(REFERENCE);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Reference::parse(&text)
}

fn all_variables_given() -> Variables {
    let mut given = Variables::new();
    for root in sites() {
        for (template, names) in variables_given(&root) {
            given.entry(template).or_default().extend(names);
        }
    }
    given
}

#[test]
fn the_template_variable_reference_lists_exactly_what_each_template_receives() {
    let (documented, mut problems) = reference().variables();
    problems.extend(differences(&all_variables_given(), &documented));
    assert!(
        problems.is_empty(),
        "{REFERENCE} has drifted from the template contexts (src/render/context/, views.rs, mod.rs, src/feeds.rs):\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn a_context_field_missing_from_the_reference_is_named_with_its_template() {
    let (documented, _) = reference().variables();
    let mut given = all_variables_given();
    if let Some(names) = given.get_mut("story.html") {
        names.insert("story.reading_time".to_string());
    }
    let problems = differences(&given, &documented);
    assert!(
        problems.contains(
            &"story.html: `story.reading_time` is in the context but not documented".to_string()
        ),
        "{problems:?}"
    );
}

#[test]
fn a_documented_variable_no_page_receives_is_named_with_its_template() {
    let (mut documented, _) = reference().variables();
    if let Some(names) = documented.get_mut("actor.html") {
        names.insert("figures[].median".to_string());
    }
    let problems = differences(&all_variables_given(), &documented);
    assert!(
        problems.contains(
            &"actor.html: `figures[].median` is documented but not in the context".to_string()
        ),
        "{problems:?}"
    );
}

#[test]
fn shapes_are_expanded_under_the_variable_that_holds_them() {
    let text = "\
## Every template
| `site.title` | string |
## Templates
### `tag.html`, `tags.html`
| `events[]` | list of [event](#event) |
## Shapes
### Event
| `date` | [date](#date) |
### Date
| `iso` | string |
";
    let (documented, problems) = Reference::parse(text).variables();
    assert!(problems.is_empty(), "{problems:?}");
    let expected: BTreeSet<String> = [
        "site",
        "site.title",
        "events[]",
        "events[].date",
        "events[].date.iso",
    ]
    .map(String::from)
    .into();
    assert_eq!(documented.get("tag.html"), Some(&expected));
    assert_eq!(documented.get("tags.html"), Some(&expected));
}

#[test]
fn a_link_to_a_shape_that_does_not_exist_is_a_problem() {
    let text =
        "## Templates\n### `home.html`\n| `stories[]` | list of [story card](#story-crad) |\n";
    let (_, problems) = Reference::parse(text).variables();
    assert_eq!(
        problems,
        ["`stories[]` links to #story-crad, which is not a shape"]
    );
}

#[test]
fn only_page_templates_receive_what_every_page_receives() {
    let text = "\
## Every template
| `site.title` | string |
## Every page
| `page.title` | string |
## Templates
### `tags.html`
| `tags[]` | list of strings |
## Site files and partials
### `robots.txt`
| `sitemap_url` | string |
";
    let (documented, problems) = Reference::parse(text).variables();
    assert!(problems.is_empty(), "{problems:?}");
    let names =
        |list: &[&str]| -> BTreeSet<String> { list.iter().map(|n| n.to_string()).collect() };
    assert_eq!(
        documented.get("tags.html"),
        Some(&names(&[
            "site",
            "site.title",
            "page",
            "page.title",
            "tags[]"
        ]))
    );
    assert_eq!(
        documented.get("robots.txt"),
        Some(&names(&["site", "site.title", "sitemap_url"]))
    );
}
