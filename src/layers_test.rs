//! The layers of the library, checked: every `crate::X` a module names must sit in its own
//! layer or one below, and no top-level modules may depend on each other in a cycle. This
//! is the guarantee separate crates would give, kept without a workspace.
//!
//! It reads `src/**/*.rs` as text (the binary's `main.rs` and `cmd/` aside), skipping
//! comments and test code (`*_test.rs`, and everything from a file's first
//! `#[cfg(test)]`), which may reach up to build what it tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lowest first; a module may use its own layer and the ones before it.
const LAYERS: &[&[&str]] = &[
    &[
        "diagnostics",
        "dropped",
        "error",
        "ids",
        "date",
        "fs",
        "fingerprint",
        "freed_memory",
        "markup",
        "hosting",
    ],
    // `url` builds on the configured base URL; Markdown knows nothing of the site, and
    // `content` scans each body for references once, at load. `images` reads, resizes
    // and encodes image files and draws social cards, knowing nothing of the site either.
    &["yaml", "config", "url", "markdown", "report", "images"],
    &["content", "data"],
    &["site"],
    &["render", "draw", "search", "feeds", "internal_links"],
    &["cache", "output"],
    &["pipeline", "serve", "scaffold", "init", "eject", "deploy"],
];

/// One `crate::…` reference: the file and line it is on and the top-level name it uses.
#[derive(Debug)]
struct Import {
    file: PathBuf,
    line: usize,
    from: String,
    to: String,
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a source file belongs to, or none for the crate root, this test
/// and the binary.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let module = first.strip_suffix(".rs").unwrap_or(first);
    match module {
        "lib" | "main" | "cmd" | "layers_test" => None,
        _ => Some(module.to_string()),
    }
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

/// The top-level names after each `crate::` in `line`, including every name of a
/// `crate::{a, b::c}` group.
fn crate_names(line: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        // `some_crate::x` is another crate, not this one.
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.push(std::mem::take(&mut item));
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            names.push(item);
        } else {
            names.push(rest.to_string());
        }
    }
    names
        .iter()
        .map(|item| {
            item.trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty() && name != "self")
        .collect()
}

fn imports() -> Vec<Import> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut imports = Vec::new();
    for file in files {
        let Some(from) = module_of(&src, &file) else {
            continue;
        };
        if file.to_string_lossy().ends_with("_test.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("#[cfg(test)]") {
                break;
            }
            if code.starts_with("//") {
                continue;
            }
            for to in crate_names(code) {
                if to != from {
                    imports.push(Import {
                        file: file.strip_prefix(&src).unwrap_or(&file).to_path_buf(),
                        line: n + 1,
                        from: from.clone(),
                        to,
                    });
                }
            }
        }
    }
    imports
}

/// Every import that goes up a layer, names a module missing from the table, or reaches
/// through the crate root's re-exports (which belong to the front end).
fn layer_violations(imports: &[Import]) -> Vec<String> {
    let mut violations = Vec::new();
    for import in imports {
        let place = format!("src/{}:{}", import.file.display(), import.line);
        let why = match (layer_of(&import.from), layer_of(&import.to)) {
            (None, _) => format!("module `{}` is missing from LAYERS", import.from),
            (Some(_), None) if import.to.starts_with(char::is_lowercase) => format!(
                "`{}` uses `crate::{}`, which is not a module in LAYERS (a crate root \
                 re-export? use it from its own module)",
                import.from, import.to
            ),
            (Some(_), None) => format!(
                "`{}` uses `crate::{}` through the crate root; use it from its own module",
                import.from, import.to
            ),
            (Some(from), Some(to)) if to > from => format!(
                "`{}` (layer {from}) uses `{}` (layer {to}), a layer above it",
                import.from, import.to
            ),
            _ => continue,
        };
        violations.push(format!("{place}: {why}"));
    }
    violations
}

/// A cycle among the modules of `graph`, as `a → b → … → a`, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn every_import_respects_the_layer_table() {
    let violations = layer_violations(&imports());
    assert!(
        violations.is_empty(),
        "imports against the layers (src/layers_test.rs):\n{}",
        violations.join("\n")
    );
}

#[test]
fn no_top_level_modules_depend_on_each_other_in_a_cycle() {
    let imports = imports();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for import in &imports {
        graph
            .entry(import.from.clone())
            .or_default()
            .insert(import.to.clone());
    }
    if let Some(cycle) = find_cycle(&graph) {
        let evidence: Vec<String> = cycle
            .windows(2)
            .filter_map(|pair| {
                imports
                    .iter()
                    .find(|i| i.from == pair[0] && i.to == pair[1])
                    .map(|i| format!("  src/{}:{}", i.file.display(), i.line))
            })
            .collect();
        panic!(
            "modules depend on each other in a cycle: {}\n{}",
            cycle.join(" → "),
            evidence.join("\n")
        );
    }
}

#[test]
fn crate_names_reads_paths_and_groups() {
    assert_eq!(crate_names("use crate::cache::HighlightMemo;"), ["cache"]);
    assert_eq!(
        crate_names("use crate::{cache, config::load, site::{Site, Story}};"),
        ["cache", "config", "site"]
    );
    assert_eq!(
        crate_names("let x = crate::fs::read(p)?; crate::load_site(r)"),
        ["fs", "load_site"]
    );
    assert!(crate_names("use other_crate::thing;").is_empty());
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    graph.get_mut("c").map(|to| to.remove("a"));
    assert_eq!(find_cycle(&graph), None);
}
