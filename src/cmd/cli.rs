//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "flashpoint",
    version,
    about = "Build conflict explainer sites from Markdown stories and YAML data"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// The site's folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this URL instead of site.yaml's base_url (an absolute http:// or
        /// https:// address), e.g. for a preview deploy.
        #[arg(long, value_parser = absolute_base_url)]
        base_url: Option<String>,
        /// Link every page and file relatively (`../style.css`, `stories/x/index.html`), so
        /// the output folder works opened from disk or unpacked from an archive. Canonical,
        /// feed and sitemap URLs still name base_url.
        #[arg(long)]
        relative: bool,
        /// Include stories marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Render every page, ignoring and removing the build cache (.flashpoint-cache/
        /// beside the output).
        #[arg(long)]
        no_cache: bool,
        /// Build into a non-empty output folder that flashpoint did not make: files at the
        /// site's paths are replaced, and nothing else is deleted.
        #[arg(long)]
        force: bool,
    },
    /// Make a new site in DIR (default: here) that checks clean and builds at once.
    Init {
        /// The folder to make the site in; created if missing. Must be empty (dotfiles
        /// such as .git aside) unless --force.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the site's files to a non-empty folder; no existing file is changed.
        #[arg(long)]
        force: bool,
    },
    /// Work with the theme.
    Theme {
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        action: ThemeCommand,
    },
    /// Create a story, actor, event or source skeleton that passes every check.
    New {
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
        #[command(subcommand)]
        item: NewCommand,
    },
    /// Check the site for errors without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
        /// `text` for people, `json` for editors' tools and CI.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Count warnings as errors (exit 1 if there are any): for CI, so that untouched
        /// placeholders and other oversights cannot be published.
        #[arg(long)]
        strict: bool,
    },
    /// Publish the built site to a target in site.yaml (S3, GCS, Azure or a folder),
    /// uploading only what changed: new assets first, then pages, then the home page,
    /// feeds and sitemap.
    Deploy {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The built site to publish (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The target's name in site.yaml; needed when there are several.
        #[arg(long)]
        target: Option<String>,
        /// Print what would be uploaded and deleted, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Delete objects under the target's prefix that the site no longer has (last).
        #[arg(long)]
        delete: bool,
        /// Refuse to delete more objects than this.
        #[arg(long, default_value_t = 25)]
        max_deletes: usize,
        /// Delete however many objects --delete finds.
        #[arg(long)]
        force: bool,
        /// Compare with a listing of the target (ETag and size of every object), not
        /// only with the manifest the last deploy wrote.
        #[arg(long)]
        verify: bool,
        /// Uploads in flight at once.
        #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: u16,
    },
    /// Build into memory and serve the site with live reload, rebuilding on every save.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on. Any but loopback lets other machines read the preview
        /// (a warning says so); for 0.0.0.0 the site's links use this machine's address.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port to listen on; if it is taken, the next free one (up to 10 more) is used.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include stories marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}

/// What `theme` does.
#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Write the built-in theme to themes/default/ for customising.
    Eject {
        /// Write over the files of an existing themes/default/ folder.
        #[arg(long)]
        force: bool,
    },
}

/// What `new` creates.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A draft story dated today: content/stories/<slug>.md.
    Story {
        title: String,
        /// The story's id, used in its URL and file name (default: made from a title in
        /// Latin letters; required for a title in another script).
        #[arg(long)]
        id: Option<String>,
    },
    /// An actor: content/actors/<id>.md.
    Actor {
        name: String,
        #[arg(long, value_enum, default_value_t = ActorKindArg::State)]
        kind: ActorKindArg,
        /// The actor's id, used in links and file names (default: made from the name).
        #[arg(long)]
        id: Option<String>,
    },
    /// An event appended to content/data/timeline.yaml.
    Event {
        title: String,
        /// The id of a source in sources.yaml that reports it.
        #[arg(long)]
        source: String,
        /// YYYY, YYYY-MM or YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// A source appended to content/data/sources.yaml (created if missing).
    Source {
        title: String,
        /// The id stories and events cite it by (default: made from the title).
        #[arg(long)]
        id: Option<String>,
        /// Where to read it: an http, https or mailto address.
        #[arg(long)]
        url: Option<String>,
        /// Who published it.
        #[arg(long)]
        publisher: Option<String>,
        /// When it was published: YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
    },
}

impl NewCommand {
    /// What to create, for [`crate::scaffold::create`].
    pub fn into_item(self) -> flashpoint::scaffold::NewItem {
        use flashpoint::scaffold::NewItem;
        match self {
            NewCommand::Story { title, id } => NewItem::Story { title, id },
            NewCommand::Actor { name, kind, id } => NewItem::Actor {
                name,
                kind: kind.into(),
                id,
            },
            NewCommand::Event {
                title,
                source,
                date,
            } => NewItem::Event {
                title,
                source,
                date,
            },
            NewCommand::Source {
                title,
                id,
                url,
                publisher,
                date,
            } => NewItem::Source {
                title,
                id,
                url,
                publisher,
                date,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActorKindArg {
    State,
    Organization,
    Person,
    Group,
}

impl From<ActorKindArg> for flashpoint::content::ActorKind {
    fn from(kind: ActorKindArg) -> Self {
        match kind {
            ActorKindArg::State => flashpoint::content::ActorKind::State,
            ActorKindArg::Organization => flashpoint::content::ActorKind::Organization,
            ActorKindArg::Person => flashpoint::content::ActorKind::Person,
            ActorKindArg::Group => flashpoint::content::ActorKind::Group,
        }
    }
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `--base-url` is checked as it is read, like every other value on the command line, so a
/// wrong one is a usage error (exit 2) before any file is read.
fn absolute_base_url(text: &str) -> Result<String, String> {
    flashpoint::config::BaseUrl::parse(text).map(|_| text.to_string())
}
