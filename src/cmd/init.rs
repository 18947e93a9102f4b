//! `flashpoint init` and `flashpoint theme eject`: starting a site, and taking a copy of
//! the built-in theme to change.

use std::path::Path;
use std::process::ExitCode;

use super::finish;

pub(super) fn execute(dir: &Path, force: bool) -> ExitCode {
    finish(
        flashpoint::init::init(dir, force).map(|made| println!("{made}")),
        dir,
    )
}

pub(super) fn eject(root: &Path, force: bool) -> ExitCode {
    finish(
        flashpoint::eject::eject_theme(root, force).map(|done| println!("{done}")),
        root,
    )
}
