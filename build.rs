//! Two jobs, both about noticing change:
//!
//! - `include_dir!` embeds `themes/default/` through `include_bytes!`, so cargo notices an
//!   edited theme file by itself, but not a file added to or removed from the folder: this
//!   tells cargo to rebuild when anything under the folder changes.
//! - The build cache must not reuse pages rendered by a different flashpoint. The package
//!   version alone misses every change made between two releases, so the binary carries
//!   `FLASHPOINT_BUILD_ID`: the version plus a hash of every source, theme and lock file it
//!   was compiled from.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

const INPUTS: [&str; 4] = ["src", "themes/default", "Cargo.lock", "Cargo.toml"];

fn main() {
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        collect(Path::new(input), &mut files);
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        hasher.write(file.to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(file).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=FLASHPOINT_BUILD_ID={}+{:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
        hasher.finish()
    );
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            collect(&entry.path(), files);
        }
    }
}
