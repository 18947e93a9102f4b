//! `flashpoint new`: a story, actor, event or source skeleton.

use std::path::Path;
use std::process::ExitCode;

use flashpoint::scaffold;

use super::cli::NewCommand;
use super::finish;

pub fn execute(root: &Path, item: NewCommand) -> ExitCode {
    let result = scaffold::create(root, &item.into_item(), scaffold::today())
        .map(|created| println!("{created}"));
    finish(result, root)
}
