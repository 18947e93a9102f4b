//! A fixture site copied into a temporary folder, built with the real binary,
//! and its pages handed back parsed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct TestSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TestSite {
    /// Copies `tests/sites/<fixture>` and the repository's themes into a temporary folder.
    pub fn new(fixture: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_tree(&repo_root().join("tests/sites").join(fixture), &root);
        if !root.join("themes").exists() {
            copy_tree(&repo_root().join("themes"), &root.join("themes"));
        }
        TestSite { _dir: dir, root }
    }

    /// The shipped example site, copied so the test cannot disturb the repository.
    pub fn example() -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for part in ["site.yaml", "content", "themes"] {
            let from = repo_root().join(part);
            if from.is_dir() {
                copy_tree(&from, &root.join(part));
            } else {
                std::fs::create_dir_all(&root).unwrap();
                std::fs::copy(&from, root.join(part)).unwrap();
            }
        }
        TestSite { _dir: dir, root }
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .output()
            .unwrap()
    }

    /// Builds into `<root>/public`, panicking with the output if the build fails.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        assert!(
            output.status.success(),
            "build failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A built page by its site path, e.g. `actors/alpha/`.
    pub fn page(&self, path: &str) -> Page {
        let file = if path.is_empty() || path.ends_with('/') {
            self.public().join(path).join("index.html")
        } else {
            self.public().join(path)
        };
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        Page {
            html: Html::parse_document(&text),
            text,
        }
    }
}

pub struct Page {
    pub html: Html,
    pub text: String,
}

impl Page {
    /// Trimmed text of every element matching `selector`, in document order.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).unwrap();
        self.html
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The `attribute` of every element matching `selector`.
    pub fn attrs(&self, selector: &str, attribute: &str) -> Vec<String> {
        let selector = Selector::parse(selector).unwrap();
        self.html
            .select(&selector)
            .filter_map(|e| e.value().attr(attribute).map(str::to_string))
            .collect()
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
