//! Identical input gives identical output, whatever the number of threads.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{TestSite, stderr};

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn build_with_threads(site: &TestSite, threads: &str, output: &Path) {
    let result = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(output)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
}

#[test]
fn the_example_site_builds_byte_for_byte_the_same_on_one_thread_and_on_two() {
    let site = TestSite::example();
    let out = tempfile::tempdir().unwrap();
    build_with_threads(&site, "1", &out.path().join("one"));
    build_with_threads(&site, "2", &out.path().join("two"));
    let one = tree(&out.path().join("one"));
    let two = tree(&out.path().join("two"));
    assert!(one.len() > 50, "{} files", one.len());
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &one {
        assert!(bytes == &two[file], "{file} differs between builds");
    }
}
