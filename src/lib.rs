//! flashpoint: a static site generator for conflict explainers.
//!
//! The build is one pipeline ([`pipeline`]):
//!
//! ```text
//! config::load → content::load + data::load → site::assemble
//!   → render (parallel, page by page) → output::write_site
//! ```
//!
//! `output::write_site` commits through a journal that a failed or killed build rolls
//! back (see docs/output-folder.md). Modules depend one way only, in layers:
//! diagnostics, error, ids, date, fs, fingerprint, markup, url → yaml, config, content,
//! data → markdown, site → render, draw, search, feeds → cache, output → pipeline, serve
//! → the binary (`src/main.rs`, `src/cmd/`). `src/layers_test.rs` keeps it so.
//!
//! The library prints nothing of its own: the command line does.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cache;
pub mod config;
pub mod content;
pub mod data;
pub mod date;
pub mod deploy;
pub mod diagnostics;
mod draw;
pub mod dropped;
pub mod eject;
pub mod error;
pub mod feeds;
pub mod fingerprint;
pub mod freed_memory;
mod fs;
pub mod hosting;
pub mod ids;
pub mod images;
pub mod init;
mod internal_links;
pub mod markdown;
pub mod markup;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod url;
mod yaml;

#[cfg(test)]
mod layers_test;

pub use pipeline::{
    BuildOptions, BuildReport, build, build_with_progress, check, load_site, untranslated,
};
