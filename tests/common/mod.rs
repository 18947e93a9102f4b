//! A fixture site copied into a temporary folder, built with the real binary,
//! and its pages handed back parsed.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub mod page_urls;

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

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The number in "N rendered" of the build's summary line.
pub fn rendered_pages(output: &Output) -> usize {
    let text = stdout(output);
    let before = text
        .split(" rendered")
        .next()
        .unwrap_or_else(|| panic!("no summary line in {text}"));
    before
        .rsplit('(')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no rendered count in {text}"))
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, by its path relative to `dir` (with `/` separators), with its bytes.
pub fn file_tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (key, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Copies `from` into `to`, creating every folder and then every file in sorted order,
/// or in the reverse of it: on file systems that list a folder in creation order (tmpfs),
/// the two copies list their entries in opposite orders.
pub fn copy_tree_in_order(from: &Path, to: &Path, reverse: bool) {
    let mut entries: Vec<_> = walkdir::WalkDir::new(from)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .collect();
    if reverse {
        entries.reverse();
    }
    // Folders first (a parent always before its children), then files in the chosen order.
    let mut dirs: Vec<_> = entries.iter().filter(|e| e.file_type().is_dir()).collect();
    dirs.sort_by_key(|e| e.depth());
    for dir in dirs {
        std::fs::create_dir_all(to.join(dir.path().strip_prefix(from).unwrap())).unwrap();
    }
    for file in entries.iter().filter(|e| !e.file_type().is_dir()) {
        std::fs::copy(
            file.path(),
            to.join(file.path().strip_prefix(from).unwrap()),
        )
        .unwrap();
    }
}

/// The names in one folder, in the order the file system lists them.
pub fn listing_order(dir: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect()
}

/// Panics unless the two folders hold the same files with the same bytes; the message
/// names every missing, extra and differing file and shows where the first few differ.
pub fn assert_same_tree(left: &Path, right: &Path) {
    let a = file_tree(left);
    let b = file_tree(right);
    let only_left: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_right: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    let differing: Vec<&String> = a
        .iter()
        .filter(|(k, bytes)| b.get(*k).is_some_and(|other| other != *bytes))
        .map(|(k, _)| k)
        .collect();
    if only_left.is_empty() && only_right.is_empty() && differing.is_empty() {
        return;
    }
    let mut report = format!(
        "the trees differ\n  left:  {}\n  right: {}\n",
        left.display(),
        right.display()
    );
    let list = |report: &mut String, what: &str, names: &[&String]| {
        if names.is_empty() {
            return;
        }
        report.push_str(&format!("{} {what}:\n", names.len()));
        for name in names.iter().take(20) {
            report.push_str(&format!("  {name}\n"));
        }
        if names.len() > 20 {
            report.push_str(&format!("  … and {} more\n", names.len() - 20));
        }
    };
    list(&mut report, "files only on the left", &only_left);
    list(&mut report, "files only on the right", &only_right);
    list(&mut report, "files with different bytes", &differing);
    for name in differing.iter().take(3) {
        report.push_str(&byte_diff(name, &a[*name], &b[*name]));
    }
    panic!("{report}");
}

/// Where two versions of a file first differ, with a few lines of context from each.
fn byte_diff(name: &str, a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let sizes = format!("{} vs {} bytes", a.len(), b.len());
    let binary = |bytes: &[u8]| bytes.contains(&0) || std::str::from_utf8(bytes).is_err();
    if binary(a) || binary(b) {
        let mut out = format!("--- {name}: first difference at byte {at}; {sizes}\n");
        let start = at.saturating_sub(16);
        for (side, bytes) in [("left", a), ("right", b)] {
            let window = &bytes[start.min(bytes.len())..(at + 16).min(bytes.len())];
            let hex: Vec<String> = window.iter().map(|x| format!("{x:02x}")).collect();
            out.push_str(&format!(
                "  {side} (binary, from byte {start}): {}\n",
                hex.join(" ")
            ));
        }
        return out;
    }
    let line_start = a[..at]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let line = a[..at].iter().filter(|&&c| c == b'\n').count() + 1;
    let column = at - line_start + 1;
    let mut out = format!(
        "--- {name}: first difference at byte {at} (line {line}, column {column}); {sizes}\n"
    );
    for (side, bytes) in [("left", a), ("right", b)] {
        out.push_str(&format!("  {side}:\n"));
        let lines: Vec<&[u8]> = bytes.split(|&c| c == b'\n').collect();
        let first = line.saturating_sub(3);
        for (i, text) in lines.iter().enumerate().skip(first).take(5) {
            let marker = if i + 1 == line { '>' } else { ' ' };
            out.push_str(&format!(
                "  {marker}{:>6}| {}\n",
                i + 1,
                excerpt(text, column - 1)
            ));
        }
    }
    out
}

/// A line shortened to a window around `column` (byte index) when it is long, e.g. minified HTML.
fn excerpt(line: &[u8], column: usize) -> String {
    const BEFORE: usize = 60;
    const AFTER: usize = 100;
    if line.len() <= BEFORE + AFTER {
        return printable(&String::from_utf8_lossy(line));
    }
    let start = column.saturating_sub(BEFORE).min(line.len());
    let end = (column + AFTER).min(line.len());
    format!(
        "{}{}{}",
        if start > 0 { "…" } else { "" },
        printable(&String::from_utf8_lossy(&line[start..end])),
        if end < line.len() { "…" } else { "" }
    )
}

/// Control characters escaped, everything else as is.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
