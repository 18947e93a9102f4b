//! What highlighting a site's fenced code blocks costs, block by block, with the
//! highlighter the build uses and with the variants that were weighed against it.
//!
//! ```text
//! cargo run --release --example highlight_cost -- CONTENT_DIR [--rounds 3] [--dump FILE]
//! ```
//!
//! Every `*.md` under CONTENT_DIR is read and its fenced blocks collected; each variant
//! then highlights all of them, `--rounds` times, and the median round is printed as CPU
//! ms in all (the threads' own CPU time, so other work on a shared machine does not
//! count), µs per block and µs per line. `--dump FILE` also writes the blocks (a
//! language line, a byte-count line, the source) so that highlighters this crate does
//! not depend on (giallo, syntect built with fancy-regex) can be timed on the same
//! blocks by a throwaway program that reads that file.
//!
//! The variants: the build's highlighter (tree-sitter for the languages it handles,
//! syntect for the others); syntect's classed HTML; syntect's parser alone
//! (the share of the regexes); spans written by hand instead of by syntect's generator
//! (checked byte for byte against it); both on two threads (syntect locks a global
//! scope table per span); and a memo of lines parsed from an equal parser state, shared
//! by every block or kept per block.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The allocator the `flashpoint` binary uses, so allocation costs what it costs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

struct Block {
    language: String,
    source: String,
}

fn collect_blocks(dir: &PathBuf) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "md"))
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    for file in files {
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        let mut open: Option<Block> = None;
        for event in Parser::new(&text) {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    let language = info.split([' ', ',', '{']).next().unwrap_or("");
                    open = Some(Block {
                        language: language.to_string(),
                        source: String::new(),
                    });
                }
                Event::Text(text) => {
                    if let Some(block) = open.as_mut() {
                        block.source.push_str(&text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
                _ => {}
            }
        }
    }
    blocks
}

/// The build's path (`Highlighter::highlight_now`): classed HTML line by line.
fn classed_html(syntaxes: &SyntaxSet, block: &Block) -> usize {
    let Some(syntax) = syntaxes.find_syntax_by_token(&block.language) else {
        return block.source.len();
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(&block.source) {
        let _ = generator.parse_html_for_line_which_includes_newline(line);
    }
    generator.finalize().len()
}

/// Parsing with the spans written directly: each scope's class list made once per
/// block, text escaped in runs.
fn direct_html(syntaxes: &SyntaxSet, block: &Block) -> String {
    let Some(syntax) = syntaxes.find_syntax_by_token(&block.language) else {
        return String::new();
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut classes: Vec<(Scope, String)> = Vec::new();
    let mut html = String::with_capacity(block.source.len() * 4);
    let mut open_spans = 0usize;
    for line in LinesWithEndings::from(&block.source) {
        let Ok(ops) = state.parse_line(line, syntaxes) else {
            return String::new();
        };
        let mut written = 0;
        let mut span_start = 0;
        let mut span_empty = false;
        for (at, op) in &ops {
            if *at > written {
                span_empty = false;
                escape_into(&mut html, &line[written..*at]);
                written = *at;
            }
            let applied = stack.apply_with_hook(op, |basic, _| match basic {
                BasicScopeStackOp::Push(scope) => {
                    span_start = html.len();
                    span_empty = true;
                    html.push_str("<span class=\"");
                    match classes.iter().find(|(known, _)| *known == scope) {
                        Some((_, names)) => html.push_str(names),
                        None => {
                            let names = class_names(scope);
                            html.push_str(&names);
                            classes.push((scope, names));
                        }
                    }
                    html.push_str("\">");
                    open_spans += 1;
                }
                BasicScopeStackOp::Pop => {
                    if span_empty {
                        html.truncate(span_start);
                    } else {
                        html.push_str("</span>");
                    }
                    open_spans = open_spans.saturating_sub(1);
                    span_empty = false;
                }
            });
            if applied.is_err() {
                return String::new();
            }
        }
        escape_into(&mut html, &line[written..]);
    }
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    html
}

fn class_names(scope: Scope) -> String {
    let name = scope.build_string();
    let mut names = String::new();
    for atom in name.split('.') {
        if !names.is_empty() {
            names.push(' ');
        }
        names.push_str("hl-");
        names.push_str(atom);
    }
    names
}

fn escape_into(out: &mut String, text: &str) {
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        out.push_str(replacement);
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
}

fn classed_html_string(syntaxes: &SyntaxSet, block: &Block) -> String {
    let Some(syntax) = syntaxes.find_syntax_by_token(&block.language) else {
        return String::new();
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(&block.source) {
        let _ = generator.parse_html_for_line_which_includes_newline(line);
    }
    generator.finalize()
}

/// Parsing alone, no HTML: what the regexes cost.
fn parse_only(syntaxes: &SyntaxSet, block: &Block) -> usize {
    let Some(syntax) = syntaxes.find_syntax_by_token(&block.language) else {
        return 0;
    };
    let mut state = ParseState::new(syntax);
    let mut ops = 0;
    for line in LinesWithEndings::from(&block.source) {
        ops += state.parse_line(line, syntaxes).map_or(0, |o| o.len());
    }
    ops
}

/// Parsing and applying the scope operations, no HTML: what the scope stack adds.
fn parse_and_scopes(syntaxes: &SyntaxSet, block: &Block) -> usize {
    let Some(syntax) = syntaxes.find_syntax_by_token(&block.language) else {
        return 0;
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut depth = 0;
    for line in LinesWithEndings::from(&block.source) {
        for (_, op) in state.parse_line(line, syntaxes).unwrap_or_default() {
            let _ = stack.apply(&op);
        }
        depth += stack.len();
    }
    depth
}

/// CPU time this thread has run, from the kernel's scheduler statistics: on a machine
/// shared with other work, wall-clock time would count their turns too.
fn thread_cpu() -> Duration {
    let nanos = fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(nanos)
}

/// A line already parsed from the same parser state parses the same way: parsing with a
/// memo of (line, state before) → (operations, state after), shared by every block.
type LineMemo =
    std::collections::HashMap<String, Vec<(ParseState, Vec<(usize, ScopeStackOp)>, ParseState)>>;

fn parse_with_line_memo(syntaxes: &SyntaxSet, block: &Block, memo: &mut LineMemo) -> usize {
    let Some(syntax) = syntaxes.find_syntax_by_token(&block.language) else {
        return 0;
    };
    let mut state = ParseState::new(syntax);
    let mut ops = 0;
    for line in LinesWithEndings::from(&block.source) {
        let known = memo
            .get(line)
            .and_then(|seen| seen.iter().find(|(before, _, _)| *before == state));
        if let Some((_, line_ops, after)) = known {
            ops += line_ops.len();
            state = after.clone();
            continue;
        }
        let before = state.clone();
        let line_ops = state.parse_line(line, syntaxes).unwrap_or_default();
        ops += line_ops.len();
        memo.entry(line.to_string())
            .or_default()
            .push((before, line_ops, state.clone()));
    }
    ops
}

fn median_round(rounds: usize, mut run: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut out = 0;
    for _ in 0..rounds {
        let start = thread_cpu();
        out = std::hint::black_box(run());
        times.push(thread_cpu() - start);
    }
    times.sort();
    (times[times.len() / 2], out)
}

/// `work` over every block on two threads, as a build's pages are: returns the CPU time
/// the two threads spent (median of `rounds`).
fn two_threads(
    rounds: usize,
    blocks: &[Block],
    work: &(dyn Fn(&Block) -> usize + Sync),
) -> Duration {
    let mut times = Vec::new();
    for _ in 0..rounds {
        let spent = std::thread::scope(|scope| {
            let halves: Vec<_> = blocks
                .chunks(blocks.len().div_ceil(2))
                .map(|half| {
                    scope.spawn(move || {
                        let start = thread_cpu();
                        std::hint::black_box(half.iter().map(work).sum::<usize>());
                        thread_cpu() - start
                    })
                })
                .collect();
            halves
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .sum::<Duration>()
        });
        times.push(spent);
    }
    times.sort();
    times[times.len() / 2]
}

fn report(name: &str, time: Duration, blocks: usize, lines: usize) {
    let ms = time.as_secs_f64() * 1000.0;
    println!(
        "{name:<34} {ms:>9.1} ms {:>8.1} µs/block {:>6.2} µs/line",
        ms * 1000.0 / blocks as f64,
        ms * 1000.0 / lines as f64
    );
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut rounds = 3;
    let mut dump = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|r| r.parse().ok()).unwrap_or(3),
            "--dump" => dump = args.next().map(PathBuf::from),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: highlight_cost CONTENT_DIR [--rounds N] [--dump FILE]");
        return ExitCode::from(2);
    };
    let blocks = collect_blocks(&dir);
    let lines: usize = blocks.iter().map(|b| b.source.lines().count()).sum();
    println!(
        "{} blocks, {lines} lines, median of {rounds} rounds, one thread",
        blocks.len()
    );
    if let Some(path) = dump {
        let mut text = String::new();
        for block in &blocks {
            text.push_str(&format!(
                "{}\n{}\n{}",
                block.language,
                block.source.len(),
                block.source
            ));
        }
        if let Err(error) = fs::write(&path, text) {
            eprintln!("{}: {error}", path.display());
            return ExitCode::from(2);
        }
    }

    let start = thread_cpu();
    let syntaxes = SyntaxSet::load_defaults_newlines();
    report("load syntax set", thread_cpu() - start, 1, 1);
    let start = thread_cpu();
    let _ = blocks
        .iter()
        .take(200)
        .map(|b| parse_only(&syntaxes, b))
        .sum::<usize>();
    report(
        "first 200 blocks (regex compile)",
        thread_cpu() - start,
        200,
        1,
    );

    let (time, _) = median_round(rounds, || {
        blocks.iter().map(|b| parse_only(&syntaxes, b)).sum()
    });
    report("syntect parse_line only", time, blocks.len(), lines);
    let (time, _) = median_round(rounds, || {
        blocks.iter().map(|b| parse_and_scopes(&syntaxes, b)).sum()
    });
    report("syntect parse + scope stack", time, blocks.len(), lines);
    let (time, _) = median_round(rounds, || {
        blocks.iter().map(|b| classed_html(&syntaxes, b)).sum()
    });
    report("syntect classed HTML", time, blocks.len(), lines);
    let highlighter = flashpoint::markdown::Highlighter::new();
    let (time, _) = median_round(rounds, || {
        blocks
            .iter()
            .map(|b| highlighter.highlight_block(&b.language, &b.source).len())
            .sum()
    });
    report("the build's highlighter", time, blocks.len(), lines);
    let (time, _) = median_round(rounds, || {
        blocks.iter().map(|b| direct_html(&syntaxes, b).len()).sum()
    });
    report(
        "syntect parse, spans written here",
        time,
        blocks.len(),
        lines,
    );
    let differing = blocks
        .iter()
        .filter(|b| direct_html(&syntaxes, b) != classed_html_string(&syntaxes, b))
        .count();
    println!("  blocks whose HTML differs from syntect's generator: {differing}");
    let time = two_threads(rounds, &blocks, &|b| classed_html(&syntaxes, b));
    report("syntect classed HTML, 2 threads", time, blocks.len(), lines);
    let time = two_threads(rounds, &blocks, &|b| direct_html(&syntaxes, b).len());
    report("spans written here, 2 threads", time, blocks.len(), lines);
    let (time, _) = median_round(rounds, || {
        let mut memo = LineMemo::new();
        blocks
            .iter()
            .map(|b| parse_with_line_memo(&syntaxes, b, &mut memo))
            .sum()
    });
    report("syntect parse, line memo", time, blocks.len(), lines);
    let (time, _) = median_round(rounds, || {
        blocks
            .iter()
            .map(|b| parse_with_line_memo(&syntaxes, b, &mut LineMemo::new()))
            .sum()
    });
    report(
        "syntect parse, line memo per block",
        time,
        blocks.len(),
        lines,
    );

    let mut by_language: Vec<&str> = blocks.iter().map(|b| b.language.as_str()).collect();
    by_language.sort();
    by_language.dedup();
    for language in by_language {
        let some: Vec<&Block> = blocks.iter().filter(|b| b.language == language).collect();
        let some_lines: usize = some.iter().map(|b| b.source.lines().count()).sum();
        let (time, _) = median_round(rounds, || {
            some.iter().map(|b| classed_html(&syntaxes, b)).sum()
        });
        report(
            &format!("  syntect classed HTML, {language}"),
            time,
            some.len(),
            some_lines,
        );
        let (time, _) = median_round(rounds, || {
            some.iter()
                .map(|b| highlighter.highlight_block(&b.language, &b.source).len())
                .sum()
        });
        report(
            &format!("  the build's highlighter, {language}"),
            time,
            some.len(),
            some_lines,
        );
    }
    ExitCode::SUCCESS
}
