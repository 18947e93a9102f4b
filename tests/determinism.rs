//! Identical input gives identical output, whatever the number of threads and whatever
//! order the file system lists the input's folders in: on the shipped example and on a
//! site made by the benchmark's corpus generator.
//!
//! Every build writes into `public/` inside a temporary folder of its own, so no two
//! builds share anything kept beside their output (such as a build cache).

mod common;

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, assert_same_tree, copy_tree_in_order, file_tree, listing_order, stderr};

/// Builds here never read or write a build cache: each must render every page.
const NO_CACHE: &str = "--no-cache";

/// A build of the site at `root` on `threads` threads, in `public/` inside a new temporary
/// folder (returned, with the output at `public()`).
struct Built {
    parent: tempfile::TempDir,
}

impl Built {
    fn public(&self) -> PathBuf {
        self.parent.path().join("public")
    }
}

fn build(root: &Path, threads: &str) -> Built {
    let parent = tempfile::tempdir().unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(parent.path().join("public"))
        .arg(NO_CACHE)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "build of {} failed:\n{}",
        root.display(),
        stderr(&result)
    );
    Built { parent }
}

/// A site from the benchmark's generator: 300 stories, 40 actors, 600 events (a few
/// seconds to build in a debug build).
fn generated_site(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    gen_corpus::run(&gen_corpus::Args {
        stories: 300,
        actors: 40,
        events: 600,
        places: 0,
        seed: 42,
        out: root.clone(),
        hugo: None,
        zola: None,
    })
    .unwrap();
    root
}

fn assert_same_on_one_thread_and_on_two(root: &Path, at_least_files: usize) {
    let one = build(root, "1");
    let two = build(root, "2");
    let files = file_tree(&one.public()).len();
    assert!(files >= at_least_files, "only {files} files");
    assert_same_tree(&one.public(), &two.public());
}

/// Copies `source` twice, once creating its files in sorted order and once in the reverse
/// order, builds both copies and compares the outputs. On tmpfs (`/dev/shm`), which lists a
/// folder's entries by creation, the copies list `probe` (a folder of the site) in different
/// orders; the test checks that they do.
fn assert_same_whatever_the_listing_order(source: &Path, probe: &str) {
    let (scratch, on_tmpfs) = match tempfile::Builder::new()
        .prefix("flashpoint-order-")
        .tempdir_in("/dev/shm")
    {
        Ok(dir) => (dir, true),
        Err(_) => (tempfile::tempdir().unwrap(), false),
    };
    let forward = scratch.path().join("forward/site");
    let reverse = scratch.path().join("reverse/site");
    copy_tree_in_order(source, &forward, false);
    copy_tree_in_order(source, &reverse, true);
    let varied = listing_order(&forward.join(probe)) != listing_order(&reverse.join(probe));
    if on_tmpfs {
        assert!(
            varied,
            "the two copies list {probe} in the same order; the test proves nothing"
        );
    } else if !varied {
        eprintln!(
            "note: no /dev/shm, and this file system lists {probe} in the same order in both copies"
        );
    }
    let a = build(&forward, "2");
    let b = build(&reverse, "2");
    assert_same_tree(&a.public(), &b.public());
}

#[test]
fn the_example_site_builds_byte_for_byte_the_same_on_one_thread_and_on_two() {
    let site = TestSite::example();
    assert_same_on_one_thread_and_on_two(&site.root, 50);
}

#[test]
fn a_generated_site_builds_byte_for_byte_the_same_on_one_thread_and_on_two() {
    let dir = tempfile::tempdir().unwrap();
    let root = generated_site(dir.path());
    assert_same_on_one_thread_and_on_two(&root, 1000);
}

#[test]
fn the_example_site_builds_byte_for_byte_the_same_whatever_order_its_files_are_listed_in() {
    let site = TestSite::example();
    assert_same_whatever_the_listing_order(&site.root, "content/stories");
}

#[test]
fn a_generated_site_builds_byte_for_byte_the_same_whatever_order_its_files_are_listed_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = generated_site(dir.path());
    assert_same_whatever_the_listing_order(&root, "content/stories");
}
