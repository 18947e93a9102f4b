//! `flashpoint new`: a story, actor or event skeleton.

use std::path::Path;
use std::process::ExitCode;

use flashpoint::scaffold::{self, NewItem};

use super::cli::NewCommand;
use super::finish;

pub fn execute(root: &Path, item: NewCommand) -> ExitCode {
    let item = match item {
        NewCommand::Story { title } => NewItem::Story { title },
        NewCommand::Actor { name, kind } => NewItem::Actor {
            name,
            kind: kind.into(),
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
    };
    let result = scaffold::create(root, &item, scaffold::today())
        .map(|path| println!("created {}", path.display()));
    finish(result, root)
}
