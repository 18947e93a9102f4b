//! Generates a large, valid flashpoint site (and optionally the equivalent Hugo
//! and Zola sites) for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --stories 10000 --actors 500 \
//!     --events 20000 --out DIR [--seed 42] [--hugo DIR2] [--zola DIR3] [--places 200]
//! ```
//!
//! Everything is drawn from a small built-in PRNG (splitmix64), so the same
//! arguments always give byte-identical files. The flashpoint site passes
//! `flashpoint check` with no errors and no warnings: every reference points to
//! an existing actor, story or source, every source is cited and (when there
//! are at least as many stories as actors) every actor is named by a story.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ---------------------------------------------------------------------------
// Arguments

/// What to generate. Public, with [`run`], so tests can include this file as a module
/// (`#[path = "../examples/gen_corpus.rs"] mod gen_corpus;`) and generate a site in-process.
pub struct Args {
    pub stories: usize,
    pub actors: usize,
    pub events: usize,
    /// Places in `places.yaml`; when more than 0, every event names one to three of them.
    pub places: usize,
    pub seed: u64,
    /// The flashpoint site's folder.
    pub out: PathBuf,
    /// The equivalent Hugo site's folder, if wanted.
    pub hugo: Option<PathBuf>,
    /// The equivalent Zola site's folder, if wanted.
    pub zola: Option<PathBuf>,
}

const USAGE: &str = "usage: gen_corpus --stories N --actors N --events N --out DIR [--seed N] [--hugo DIR] [--zola DIR] [--places N]";

fn parse_args() -> Result<Args, String> {
    let mut stories = 1000;
    let mut actors = 100;
    let mut events = 2000;
    let mut places = 0;
    let mut seed = 42;
    let mut out = None;
    let mut hugo = None;
    let mut zola = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: `{v}` is not a number"))
        };
        match flag.as_str() {
            "--stories" => stories = number(&value)? as usize,
            "--actors" => actors = number(&value)? as usize,
            "--events" => events = number(&value)? as usize,
            "--places" => places = number(&value)? as usize,
            "--seed" => seed = number(&value)?,
            "--out" => out = Some(PathBuf::from(value)),
            "--hugo" => hugo = Some(PathBuf::from(value)),
            "--zola" => zola = Some(PathBuf::from(value)),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if actors < 2 {
        return Err("--actors must be at least 2".into());
    }
    if stories < 2 {
        return Err("--stories must be at least 2".into());
    }
    Ok(Args {
        stories,
        actors,
        events,
        places,
        seed,
        out: out.ok_or_else(|| format!("--out is required\n{USAGE}"))?,
        hugo,
        zola,
    })
}

// ---------------------------------------------------------------------------
// Deterministic randomness

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.next();
        rng
    }

    /// splitmix64
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `count` distinct indexes in `0..n`, none equal to `except`, starting with `first` if given.
    fn distinct(
        &mut self,
        n: usize,
        count: usize,
        first: Option<usize>,
        except: Option<usize>,
    ) -> Vec<usize> {
        let available = n - usize::from(except.is_some());
        let count = count.min(available);
        let mut out: Vec<usize> = first.into_iter().collect();
        while out.len() < count {
            let ix = self.below(n);
            if Some(ix) != except && !out.contains(&ix) {
                out.push(ix);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Vocabulary

const WORDS: &[&str] = &[
    "officials",
    "government",
    "ministry",
    "border",
    "ceasefire",
    "talks",
    "negotiators",
    "forces",
    "troops",
    "artillery",
    "drones",
    "coalition",
    "sanctions",
    "embargo",
    "analysts",
    "observers",
    "the",
    "the",
    "the",
    "a",
    "of",
    "of",
    "in",
    "in",
    "and",
    "and",
    "to",
    "to",
    "with",
    "after",
    "before",
    "during",
    "while",
    "against",
    "across",
    "along",
    "near",
    "within",
    "over",
    "under",
    "said",
    "reported",
    "announced",
    "denied",
    "confirmed",
    "warned",
    "claimed",
    "rejected",
    "agreed",
    "signed",
    "deployed",
    "withdrew",
    "expanded",
    "reduced",
    "accused",
    "urged",
    "pipeline",
    "corridor",
    "province",
    "capital",
    "region",
    "port",
    "airfield",
    "bridge",
    "refugees",
    "civilians",
    "convoy",
    "checkpoint",
    "supply",
    "fuel",
    "grain",
    "water",
    "power",
    "election",
    "parliament",
    "president",
    "minister",
    "commander",
    "spokesperson",
    "envoy",
    "mediators",
    "delegation",
    "summit",
    "resolution",
    "statement",
    "agreement",
    "framework",
    "offensive",
    "counteroffensive",
    "retreat",
    "frontline",
    "shelling",
    "strike",
    "raid",
    "attack",
    "defense",
    "security",
    "intelligence",
    "surveillance",
    "satellite",
    "imagery",
    "cyber",
    "networks",
    "infrastructure",
    "banks",
    "broadcasters",
    "hospitals",
    "schools",
    "economy",
    "currency",
    "inflation",
    "exports",
    "imports",
    "tariffs",
    "aid",
    "loans",
    "humanitarian",
    "monitoring",
    "mission",
    "peacekeepers",
    "inspectors",
    "treaty",
    "protocol",
    "escalation",
    "de-escalation",
    "tension",
    "pressure",
    "dialogue",
    "deadline",
    "proposal",
    "weeks",
    "months",
    "days",
    "overnight",
    "yesterday",
    "earlier",
    "later",
    "again",
    "still",
    "new",
    "fresh",
    "renewed",
    "limited",
    "broad",
    "sharp",
    "gradual",
    "sudden",
    "unexpected",
    "northern",
    "southern",
    "eastern",
    "western",
    "coastal",
    "mountain",
    "rural",
    "urban",
    "several",
    "many",
    "few",
    "two",
    "three",
    "dozens",
    "hundreds",
    "thousands",
    "most",
    "some",
    "independent",
    "regional",
    "international",
    "local",
    "national",
    "military",
    "civilian",
    "reporters",
    "journalists",
    "witnesses",
    "residents",
    "farmers",
    "workers",
    "students",
    "could",
    "would",
    "might",
    "may",
    "must",
    "should",
    "will",
    "had",
    "has",
    "was",
    "were",
    "not",
    "also",
    "only",
    "nearly",
    "about",
    "more",
    "than",
    "less",
    "first",
    "last",
    "claims",
    "evidence",
    "documents",
    "figures",
    "estimates",
    "records",
    "sources",
    "accounts",
    "verified",
    "disputed",
    "unclear",
    "contested",
    "plausible",
    "credible",
    "partial",
];

const TITLE_WORDS: &[&str] = &[
    "Border",
    "Talks",
    "Ceasefire",
    "Sanctions",
    "Convoy",
    "Pipeline",
    "Corridor",
    "Envoy",
    "Summit",
    "Drones",
    "Strike",
    "Offensive",
    "Retreat",
    "Refugees",
    "Grain",
    "Power",
    "Port",
    "Airfield",
    "Bridge",
    "Election",
    "Parliament",
    "Treaty",
    "Inspectors",
    "Mission",
    "Aid",
    "Blockade",
    "Frontline",
    "Militia",
    "Coalition",
    "Deadline",
    "Proposal",
    "Satellite",
    "Cyberattack",
    "Networks",
    "Shelling",
    "Mediators",
    "Checkpoint",
    "Tariffs",
    "Currency",
];

const TITLE_VERBS: &[&str] = &[
    "Stall",
    "Resume",
    "Collapse",
    "Expand",
    "Hold",
    "Falter",
    "Widen",
    "Narrow",
    "Shift",
    "Harden",
    "Ease",
    "Return",
    "Break Down",
    "Move Ahead",
    "Face Delays",
    "Draw Criticism",
];

const TITLE_TAILS: &[&str] = &[
    "as Pressure Mounts",
    "After Overnight Clashes",
    "Amid New Threats",
    "Before the Deadline",
    "in the North",
    "Along the Coast",
    "Despite Warnings",
    "as Winter Nears",
    "for a Third Week",
    "Under Scrutiny",
    "With Few Details",
    "as Talks Resume",
    "in the Capital",
    "",
];

const HEADINGS: &[&str] = &[
    "What happened",
    "Who is involved",
    "What we know",
    "What we do not know",
    "Background",
    "Why it matters",
    "What comes next",
    "The numbers",
    "Reactions",
    "How we verified this",
    "The wider picture",
    "Claims and counterclaims",
    "On the ground",
    "The diplomatic track",
];

const TAGS: &[&str] = &[
    "ceasefire",
    "sanctions",
    "cyberattacks",
    "cyber-defense",
    "nuclear",
    "missiles",
    "drones",
    "refugees",
    "humanitarian-aid",
    "elections",
    "diplomacy",
    "negotiations",
    "border-clashes",
    "naval",
    "air-defense",
    "artillery",
    "energy",
    "pipelines",
    "grain",
    "economy",
    "currency",
    "disinformation",
    "propaganda",
    "espionage",
    "intelligence",
    "peacekeeping",
    "war-crimes",
    "human-rights",
    "military-aid",
    "arms-trade",
    "alliances",
    "insurgency",
    "terrorism",
    "infrastructure",
    "water",
    "migration",
    "treaties",
    "inspections",
    "protests",
    "media",
];

const PUBLISHERS: &[&str] = &[
    "Northern Wire",
    "The Daily Ledger",
    "Coastal Review",
    "Global Monitor",
    "Capital Post",
    "Frontier Press Agency",
    "The Observer Desk",
    "Regional Broadcast Service",
    "Open Brief",
    "Security Studies Institute",
    "Conflict Data Project",
    "The Evening Record",
];

const MEASURES: &[(&str, &str, f64)] = &[
    ("active troops", "personnel", 50_000.0),
    ("reserve troops", "personnel", 120_000.0),
    ("main battle tanks", "tanks", 800.0),
    ("combat aircraft", "aircraft", 200.0),
    ("cyber personnel", "personnel", 1_500.0),
    ("defense budget", "billion USD", 12.0),
    ("naval vessels", "ships", 60.0),
    ("artillery pieces", "guns", 1_200.0),
];

const RELATION_KINDS: &[&str] = &["ally", "adversary", "member_of", "leader_of", "part_of"];
const KINDS: &[&str] = &["state", "organization", "person", "group"];
const LANGS: &[&str] = &["rust", "python", "javascript", "go", "json", "yaml"];

const SYLLABLES: &[&str] = &[
    "ka", "ren", "do", "via", "mar", "tel", "os", "an", "bru", "sil", "ve", "tor", "lan", "mi",
    "zo", "ra", "nor", "des", "ul", "pe", "sha", "kir", "gal", "eth", "run", "ba", "lo", "vi",
    "sen", "tar", "qu", "el", "dar", "ni", "hol", "ar", "mes", "to", "fen", "ja",
];

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Lowercase ASCII letters, digits and single hyphens.
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn pronounceable(rng: &mut Rng) -> String {
    let n = rng.range(2, 3);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(SYLLABLES));
    }
    capitalize(&s)
}

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = rng.range(min, max);
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            s.push_str(&capitalize(w));
        } else {
            s.push(' ');
            s.push_str(w);
        }
        if i + 1 < n && i > 2 && rng.chance(6) {
            s.push(',');
        }
    }
    s.push('.');
    s
}

fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone, Copy)]
struct Date {
    year: u32,
    month: u32,
    day: u32,
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

fn random_date(rng: &mut Rng) -> Date {
    let year = rng.range(2010, 2024) as u32;
    let month = rng.range(1, 12) as u32;
    let day = rng.range(1, days_in_month(year, month) as usize) as u32;
    Date { year, month, day }
}

impl Date {
    fn full(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    /// ~70% full, ~20% year-month, ~10% year only.
    fn partial(self, rng: &mut Rng) -> String {
        match rng.below(10) {
            0 => format!("{:04}", self.year),
            1 | 2 => format!("{:04}-{:02}", self.year, self.month),
            _ => self.full(),
        }
    }
}

// ---------------------------------------------------------------------------
// The model

struct Actor {
    id: String,
    name: String,
    kind: &'static str,
}

struct Story {
    slug: String,
    title: String,
}

fn make_actors(rng: &mut Rng, n: usize) -> Vec<Actor> {
    let mut seen = HashSet::new();
    let mut actors = Vec::with_capacity(n);
    for i in 0..n {
        let kind = KINDS[i % KINDS.len()];
        loop {
            let root = pronounceable(rng);
            let name = match kind {
                "state" => match rng.below(3) {
                    0 => format!("Republic of {root}"),
                    1 => format!("{root}ia"),
                    _ => format!("Kingdom of {root}"),
                },
                "organization" => {
                    let what = rng.pick(&[
                        "Defense Agency",
                        "Relief Council",
                        "Security Command",
                        "Energy Company",
                        "Monitoring Mission",
                        "Trade Union",
                        "Cyber Command",
                        "Press Office",
                    ]);
                    format!("{root} {what}")
                }
                "person" => format!("{} {}", pronounceable(rng), root),
                _ => {
                    let what = rng.pick(&[
                        "Brigade", "Front", "Movement", "Militia", "Alliance", "Legion",
                    ]);
                    format!("{root} {what}")
                }
            };
            let id = slugify(&name);
            if seen.insert(id.clone()) {
                actors.push(Actor { id, name, kind });
                break;
            }
        }
    }
    actors
}

fn make_stories(rng: &mut Rng, n: usize) -> Vec<Story> {
    let mut seen = HashSet::new();
    let mut stories = Vec::with_capacity(n);
    for _ in 0..n {
        let tail = rng.pick(TITLE_TAILS);
        let first = rng.pick(TITLE_WORDS);
        let mut second = rng.pick(TITLE_WORDS);
        while second == first {
            second = rng.pick(TITLE_WORDS);
        }
        let title = format!(
            "{} {} {} {}",
            first,
            second.to_lowercase(),
            rng.pick(TITLE_VERBS),
            tail
        )
        .trim()
        .to_string();
        let base = slugify(&title);
        let mut slug = base.clone();
        let mut k = 2;
        while !seen.insert(slug.clone()) {
            slug = format!("{base}-{k}");
            k += 1;
        }
        stories.push(Story { slug, title });
    }
    stories
}

// ---------------------------------------------------------------------------
// Output helpers

struct Out {
    root: PathBuf,
}

impl Out {
    fn write(&self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut f = BufWriter::new(fs::File::create(&path)?);
        f.write_all(text.as_bytes())?;
        f.flush()
    }
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// A made-up place name.
fn rng_name(rng: &mut Rng) -> &'static str {
    rng.pick(&[
        "Haven", "Port", "Ridge", "Bay", "Cape", "Ford", "Mills", "Point",
    ])
}

fn yaml_list(items: &[&str]) -> String {
    format!("[{}]", items.join(", "))
}

/// A TOML array of strings (the items hold no quotes or backslashes).
fn toml_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

// ---------------------------------------------------------------------------
// Story bodies

fn code_block(rng: &mut Rng, index: usize, lang: &str) -> String {
    let a = rng.range(10, 9999);
    let b = rng.range(2, 97);
    let w1 = rng.pick(WORDS).replace('-', "_");
    let w2 = rng.pick(WORDS).replace('-', "_");
    let body = match lang {
        "rust" => format!(
            r#"/// Tally for story {index}.
#[derive(Debug, Clone)]
struct Report{index} {{
    region: &'static str,
    casualties: u32,
    verified: bool,
}}

fn summarize_{index}(reports: &[Report{index}]) -> u32 {{
    let threshold = {a};
    reports
        .iter()
        .filter(|r| r.verified && r.region != "{w1}")
        .map(|r| r.casualties.min(threshold) * {b})
        .sum()
}}"#
        ),
        "python" => format!(
            r#"# Tally for story {index}
import json

THRESHOLD_{index} = {a}

def summarize_{index}(reports):
    """Sum verified figures, capped at the threshold."""
    total = 0
    for report in reports:
        if not report.get("verified"):
            continue
        if report["region"] == "{w1}":
            continue
        total += min(report["count"], THRESHOLD_{index}) * {b}
    return {{"story": {index}, "total": total, "label": "{w2}"}}

print(json.dumps(summarize_{index}([])))"#
        ),
        "javascript" => format!(
            r#"// Tally for story {index}
const threshold{index} = {a};

export function summarize{index}(reports) {{
  let total = 0;
  for (const report of reports) {{
    if (!report.verified || report.region === "{w1}") {{
      continue;
    }}
    total += Math.min(report.count, threshold{index}) * {b};
  }}
  return {{ story: {index}, total, label: `{w2}-${{total}}` }};
}}

const sample{index} = [{{ region: "{w2}", count: {b}, verified: true }}];
console.log(summarize{index}(sample{index}));"#
        ),
        "go" => format!(
            r#"// Tally for story {index}
package tally{index}

import "fmt"

type Report{index} struct {{
	Region   string
	Count    int
	Verified bool
}}

func Summarize{index}(reports []Report{index}) int {{
	total := 0
	for _, r := range reports {{
		if r.Verified && r.Region != "{w1}" {{
			total += min(r.Count, {a}) * {b}
		}}
	}}
	fmt.Println("story {index}", total)
	return total
}}"#
        ),
        "json" => format!(
            r#"{{
  "story": {index},
  "dataset": "{w1}-{index}",
  "threshold": {a},
  "regions": {{
    "{w1}": {{ "reports": {b}, "verified": true }},
    "{w2}": {{ "reports": {c}, "verified": false }}
  }},
  "sources": [
    {{ "id": "s-{index}-1", "weight": 0.{b} }},
    {{ "id": "s-{index}-2", "weight": 0.{d} }}
  ],
  "notes": "figures for story {index} are provisional",
  "updated": "2024-01-{day:02}",
  "complete": false
}}"#,
            c = rng.range(1, 500),
            d = rng.range(10, 99),
            day = rng.range(1, 28)
        ),
        _ => format!(
            r#"# Monitoring configuration for story {index}
story: {index}
threshold: {a}
regions:
  - name: {w1}
    reports: {b}
    verified: true
  - name: {w2}
    reports: {c}
    verified: false
alerts:
  email: desk-{index}@example.org
  interval_minutes: {d}
retention:
  days: 30
  archive: true"#,
            c = rng.range(1, 500),
            d = rng.range(5, 60)
        ),
    };
    format!("```{lang}\n{body}\n```\n")
}

/// A word no other generated text uses, put into two stories in every thousand (the
/// 8th and the 508th), so a search benchmark can type a query with a few results at
/// any corpus size. The sentence is appended without drawing from the PRNG, so every
/// other byte of the corpus is what it would be without it.
pub const SEARCH_PROBE_WORD: &str = "saltmarsh";

fn has_search_probe(index: usize) -> bool {
    index % 1000 == 7 || index % 1000 == 507
}

/// A paragraph of `sentences` sentences, with the given wiki links woven in.
fn paragraph(rng: &mut Rng, sentences: usize, links: &[String]) -> String {
    let mut parts: Vec<String> = (0..sentences).map(|_| sentence(rng, 12, 20)).collect();
    for link in links {
        let ix = rng.below(parts.len());
        let s = &mut parts[ix];
        // Insert the link as the subject of a clause at the end of the sentence.
        s.pop(); // the period
        let verb = rng.pick(&["said", "denied", "confirmed", "warned", "according to"]);
        if verb == "according to" {
            write!(s, ", according to {link}.").unwrap();
        } else {
            write!(s, ", {link} {verb}.").unwrap();
        }
    }
    parts.join(" ")
}

fn actor_link(rng: &mut Rng, actor: &Actor) -> String {
    if rng.chance(25) {
        let text = match actor.kind {
            "state" => format!(
                "the {} government",
                actor.name.split(' ').next_back().unwrap_or("")
            ),
            "person" => actor.name.split(' ').next_back().unwrap_or("").to_string(),
            _ => format!("the {}", actor.name.split(' ').next().unwrap_or("")),
        };
        format!("[[{}|{}]]", actor.id, text)
    } else {
        format!("[[{}]]", actor.id)
    }
}

fn story_body(
    rng: &mut Rng,
    index: usize,
    story_actors: &[usize],
    actors: &[Actor],
    stories: &[Story],
) -> String {
    let mut links: Vec<String> = Vec::new();
    let n_links = rng.range(3, 5);
    for k in 0..n_links {
        // Mostly the story's own actors; sometimes one named only inline.
        let actor = if k < story_actors.len() || !rng.chance(30) {
            &actors[story_actors[k % story_actors.len()]]
        } else {
            &actors[rng.below(actors.len())]
        };
        links.push(actor_link(rng, actor));
    }
    let story_link = if rng.chance(50) {
        let mut other = rng.below(stories.len());
        if other == index {
            other = (other + 1) % stories.len();
        }
        Some(format!("[[stories/{}]]", stories[other].slug))
    } else {
        None
    };

    let mut headings: Vec<&str> = Vec::new();
    let n_headings = rng.range(3, 4);
    while headings.len() < n_headings {
        let h = rng.pick(HEADINGS);
        if !headings.contains(&h) {
            headings.push(h);
        }
    }

    let mut body = String::with_capacity(6000);
    // Lead: two paragraphs carrying the first links.
    let (lead_links, rest_links) = links.split_at(2.min(links.len()));
    body.push_str(&paragraph(rng, 4, &lead_links[..1]));
    body.push_str("\n\n");
    body.push_str(&paragraph(rng, 3, &lead_links[1..]));
    body.push_str("\n\n");

    // Section 1: paragraph + bullet list.
    writeln!(body, "## {}\n", headings[0]).unwrap();
    body.push_str(&paragraph(rng, 3, rest_links.get(..1).unwrap_or(&[])));
    body.push_str("\n\n");
    for _ in 0..rng.range(3, 5) {
        let bold = capitalize(rng.pick(WORDS));
        writeln!(body, "- **{bold}.** {}", sentence(rng, 8, 14)).unwrap();
    }
    body.push('\n');
    body.push_str(&paragraph(rng, 3, &[]));
    body.push_str("\n\n");

    // Section 2: paragraph + table + paragraph with an external link.
    writeln!(body, "## {}\n", headings[1]).unwrap();
    body.push_str(&paragraph(rng, 3, rest_links.get(1..2).unwrap_or(&[])));
    body.push_str("\n\n| Region | Reported | Verified |\n| --- | ---: | ---: |\n");
    for _ in 0..rng.range(3, 5) {
        let reported = rng.range(10, 5000);
        let verified = rng.below(reported + 1);
        writeln!(
            body,
            "| {} | {reported} | {verified} |",
            capitalize(rng.pick(WORDS))
        )
        .unwrap();
    }
    body.push('\n');
    let ext_text = words(rng, 3);
    let ext_path = slugify(&words(rng, 3));
    let mut p = paragraph(rng, 2, rest_links.get(2..).unwrap_or(&[]));
    write!(
        p,
        " The full dataset is published as [{ext_text}](https://example.com/reports/{}/{ext_path}).",
        index
    )
    .unwrap();
    body.push_str(&p);
    body.push_str("\n\n");

    // Section 3: paragraph + code block + paragraph.
    writeln!(body, "## {}\n", headings[2]).unwrap();
    body.push_str(&paragraph(rng, 2, &[]));
    body.push_str("\n\n");
    body.push_str(&code_block(rng, index, LANGS[index % LANGS.len()]));
    body.push('\n');
    body.push_str(&paragraph(rng, 3, &[]));
    body.push_str("\n\n");

    // Optional section 4.
    if let Some(h) = headings.get(3) {
        writeln!(body, "## {h}\n").unwrap();
        body.push_str(&paragraph(rng, 3, &[]));
        body.push_str("\n\n");
    }
    if let Some(link) = story_link {
        writeln!(body, "Earlier coverage: {link}.").unwrap();
    } else {
        body.push_str(&paragraph(rng, 2, &[]));
        body.push('\n');
    }
    if has_search_probe(index) {
        writeln!(
            body,
            "\nInspectors later traced the missing convoy to a depot beside the {SEARCH_PROBE_WORD}."
        )
        .unwrap();
    }
    body
}

/// Turns flashpoint wiki links into ordinary Markdown links for Hugo.
fn to_hugo_links(
    text: &str,
    actor_name: &dyn Fn(&str) -> Option<String>,
    story_title: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &after[..end];
        let (target, custom) = match inner.split_once('|') {
            Some((t, c)) => (t, Some(c)),
            None => (inner, None),
        };
        if let Some(slug) = target.strip_prefix("stories/") {
            let title = story_title(slug).expect("story exists");
            write!(
                out,
                "[{}](/stories/{slug}/)",
                custom.map(str::to_string).unwrap_or(title)
            )
            .unwrap();
        } else {
            let name = actor_name(target).expect("actor exists");
            write!(
                out,
                "[{}](/actors/{target}/)",
                custom.map(str::to_string).unwrap_or(name)
            )
            .unwrap();
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// Generation

/// Writes the site(s) described by `args`.
pub fn run(args: &Args) -> io::Result<()> {
    let out = Out {
        root: args.out.clone(),
    };
    fs::create_dir_all(&args.out)?;
    for owned in ["content", "themes", "site.yaml"] {
        remove_if_exists(&args.out.join(owned))?;
    }
    let hugo = match &args.hugo {
        Some(dir) => {
            fs::create_dir_all(dir)?;
            for owned in ["content", "layouts", "hugo.toml"] {
                remove_if_exists(&dir.join(owned))?;
            }
            Some(Out { root: dir.clone() })
        }
        None => None,
    };
    let zola = match &args.zola {
        Some(dir) => {
            fs::create_dir_all(dir)?;
            for owned in ["content", "templates", ZOLA_CONFIG, ZOLA_CONFIG_SEARCH] {
                remove_if_exists(&dir.join(owned))?;
            }
            Some(Out { root: dir.clone() })
        }
        None => None,
    };

    let mut rng_names = Rng::new(args.seed, 1);
    let actors = make_actors(&mut rng_names, args.actors);
    let stories = make_stories(&mut rng_names, args.stories);
    let n_sources = (args.stories / 20).max(50);
    let actor_index: std::collections::HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let story_index: std::collections::HashMap<&str, usize> = stories
        .iter()
        .enumerate()
        .map(|(i, s)| (s.slug.as_str(), i))
        .collect();
    let actor_name = |id: &str| actor_index.get(id).map(|&i| actors[i].name.clone());
    let story_title = |slug: &str| story_index.get(slug).map(|&i| stories[i].title.clone());

    // --- site.yaml and theme
    out.write(
        "site.yaml",
        &format!(
            "title: \"Generated Flashpoint Corpus\"\n\
             description: \"A synthetic explainer with {} stories, {} actors and {} events, generated for benchmarks (seed {}).\"\n\
             base_url: \"https://example.org/\"\n\
             language: en\n\
             theme: default\n\
             publisher: \"Benchmark newsroom\"\n\
             # Zola's and Hugo's sites draw no picture per page: neither does this one.\n\
             social_cards: none\n",
            args.stories, args.actors, args.events, args.seed
        ),
    )?;
    let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    copy_dir(&themes, &args.out.join("themes"))?;

    // --- sources
    let mut rng = Rng::new(args.seed, 2);
    let mut source_ids = Vec::with_capacity(n_sources);
    let mut sources_yaml = String::new();
    for i in 0..n_sources {
        let publisher = rng.pick(PUBLISHERS);
        let date = random_date(&mut rng);
        let id = format!("{}-{}-{:04}", slugify(publisher), date.year, i + 1);
        let date_text = match rng.below(3) {
            0 => format!("{}", date.year),
            1 => format!("{:04}-{:02}", date.year, date.month),
            _ => date.full(),
        };
        let title = capitalize(&words(&mut rng, 6 + i % 6));
        write!(
            sources_yaml,
            "- id: {id}\n  title: \"{title}\"\n  publisher: \"{publisher}\"\n  date: {date_text}\n"
        )
        .unwrap();
        if i % 3 != 0 {
            writeln!(
                sources_yaml,
                "  url: \"https://example.com/{}/{id}\"",
                slugify(publisher)
            )
            .unwrap();
        }
        sources_yaml.push('\n');
        source_ids.push(id);
    }
    out.write("content/data/sources.yaml", &sources_yaml)?;

    // --- actors
    let mut rng = Rng::new(args.seed, 3);
    for (i, actor) in actors.iter().enumerate() {
        let n_rel = rng.range(1, 3);
        let targets = rng.distinct(actors.len(), n_rel, None, Some(i));
        let summary = sentence(&mut rng, 10, 16);
        let mut text = String::new();
        write!(
            text,
            "---\nname: \"{}\"\nkind: {}\nsummary: \"{summary}\"\n",
            actor.name, actor.kind,
        )
        .unwrap();
        if rng.chance(30) {
            writeln!(text, "aliases: [\"{}\"]", pronounceable(&mut rng)).unwrap();
        }
        text.push_str("relations:\n");
        for t in &targets {
            writeln!(
                text,
                "  - {{ to: {}, kind: {} }}",
                actors[*t].id,
                rng.pick(RELATION_KINDS)
            )
            .unwrap();
        }
        text.push_str("---\n\n");
        let mut profile = String::new();
        let paras = rng.range(2, 3);
        for p in 0..paras {
            let links: Vec<String> = if p == 0 {
                vec![format!("[[{}]]", actors[targets[0]].id)]
            } else {
                vec![]
            };
            let sentences = rng.range(3, 5);
            profile.push_str(&paragraph(&mut rng, sentences, &links));
            profile.push_str("\n\n");
        }
        text.push_str(&profile);
        out.write(&format!("content/actors/{}.md", actor.id), &text)?;
        let plain_profile = (hugo.is_some() || zola.is_some())
            .then(|| to_hugo_links(&profile, &actor_name, &story_title));
        if let (Some(h), Some(plain)) = (&hugo, &plain_profile) {
            let hugo_text = format!(
                "---\ntitle: \"{}\"\nsummary: \"{summary}\"\n---\n\n{plain}",
                actor.name,
            );
            h.write(
                &format!("content/actors/{}/_index.md", actor.id),
                &hugo_text,
            )?;
        }
        if let (Some(z), Some(plain)) = (&zola, &plain_profile) {
            // Zola's taxonomy terms carry no text: the profile is an unrendered page that
            // the actor's term page reads with `get_page`.
            let zola_text = format!(
                "+++\ntitle = \"{}\"\ndescription = \"{summary}\"\nrender = false\n+++\n\n{plain}",
                actor.name,
            );
            z.write(&format!("content/profiles/{}.md", actor.id), &zola_text)?;
        }
    }

    // --- stories
    let mut rng = Rng::new(args.seed, 4);
    for (i, story) in stories.iter().enumerate() {
        let date = random_date(&mut rng);
        let n_actors = rng.range(2, 4);
        let story_actors = rng.distinct(actors.len(), n_actors, Some(i % actors.len()), None);
        let n_tags = rng.range(1, 3);
        let tags: Vec<&str> = rng
            .distinct(TAGS.len(), n_tags, None, None)
            .into_iter()
            .map(|t| TAGS[t])
            .collect();
        let n_src = rng.range(1, 3);
        let sources: Vec<&str> = rng
            .distinct(n_sources, n_src, Some(i % n_sources), None)
            .into_iter()
            .map(|s| source_ids[s].as_str())
            .collect();
        let summary = sentence(&mut rng, 14, 24);
        let body = story_body(&mut rng, i, &story_actors, &actors, &stories);
        let actor_ids: Vec<&str> = story_actors
            .iter()
            .map(|&a| actors[a].id.as_str())
            .collect();
        let text = format!(
            "---\ntitle: \"{}\"\ndate: {}\nsummary: \"{summary}\"\nactors: {}\ntags: {}\nsources: {}\n---\n\n{body}",
            story.title,
            date.full(),
            yaml_list(&actor_ids),
            yaml_list(&tags),
            yaml_list(&sources),
        );
        out.write(&format!("content/stories/{}.md", story.slug), &text)?;
        let plain_body = (hugo.is_some() || zola.is_some())
            .then(|| to_hugo_links(&body, &actor_name, &story_title));
        if let (Some(h), Some(plain)) = (&hugo, &plain_body) {
            let hugo_text = format!(
                "---\ntitle: \"{}\"\ndate: {}\nsummary: \"{summary}\"\nactors: {}\ntags: {}\n---\n\n{plain}",
                story.title,
                date.full(),
                yaml_list(&actor_ids),
                yaml_list(&tags),
            );
            h.write(&format!("content/stories/{}.md", story.slug), &hugo_text)?;
        }
        if let (Some(z), Some(plain)) = (&zola, &plain_body) {
            let zola_text = format!(
                "+++\ntitle = \"{}\"\ndate = {}\ndescription = \"{summary}\"\n\n[taxonomies]\nactors = {}\ntags = {}\n+++\n\n{plain}",
                story.title,
                date.full(),
                toml_list(&actor_ids),
                toml_list(&tags),
            );
            z.write(&format!("content/stories/{}.md", story.slug), &zola_text)?;
        }
    }

    // --- home page
    let mut rng = Rng::new(args.seed, 5);
    let home_body = format!(
        "{}\n\nStart with [[stories/{}]], or follow [[{}]] and [[{}|its main rival]] through the timeline.\n\n{}\n",
        paragraph(&mut rng, 4, &[]),
        stories[0].slug,
        actors[0].id,
        actors[1].id,
        paragraph(&mut rng, 3, &[]),
    );
    out.write(
        "content/_index.md",
        &format!(
            "---\ntitle: \"A Generated Conflict\"\nsummary: \"A synthetic explainer used to benchmark flashpoint.\"\n---\n\n{home_body}"
        ),
    )?;

    // --- places: scattered over East Asia, each placed by a source. A stream of their
    // own, so a corpus without places is the same as before places existed.
    let mut place_rng = Rng::new(args.seed, 11);
    if args.places > 0 {
        let mut places_yaml = String::with_capacity(args.places * 160);
        for i in 0..args.places {
            let lat = 30.0 + place_rng.below(1500) as f64 / 100.0;
            let lon = 118.0 + place_rng.below(2000) as f64 / 100.0;
            let name = format!("{} {}", rng_name(&mut place_rng), i + 1);
            writeln!(
                places_yaml,
                "- id: place-{}\n  name: \"{name}\"\n  kind: city\n  lat: {lat:.2}\n  lon: {lon:.2}\n  sources: [{}]\n",
                i + 1,
                source_ids[i % n_sources]
            )
            .unwrap();
        }
        out.write("content/data/places.yaml", &places_yaml)?;
    }

    // --- timeline
    let mut rng = Rng::new(args.seed, 6);
    let mut timeline = String::with_capacity(args.events * 400);
    for i in 0..args.events {
        let date = random_date(&mut rng).partial(&mut rng);
        let title = format!(
            "{} {} {}",
            rng.pick(TITLE_WORDS),
            rng.pick(TITLE_WORDS).to_lowercase(),
            rng.pick(TITLE_VERBS).to_lowercase()
        );
        let id = format!("{}-{}", slugify(&title), i + 1);
        let n_actors = rng.range(1, 3);
        let ev_actors: Vec<&str> = rng
            .distinct(actors.len(), n_actors, None, None)
            .into_iter()
            .map(|a| actors[a].id.as_str())
            .collect();
        let links: Vec<String> = if rng.chance(60) {
            vec![format!("[[{}]]", ev_actors[0])]
        } else {
            vec![]
        };
        let summary = paragraph(&mut rng, 1, &links);
        let n_src = rng.range(1, 2);
        let ev_sources: Vec<&str> = rng
            .distinct(n_sources, n_src, Some(i % n_sources), None)
            .into_iter()
            .map(|s| source_ids[s].as_str())
            .collect();
        let n_tags = rng.range(0, 2);
        let ev_tags: Vec<&str> = rng
            .distinct(TAGS.len(), n_tags, None, None)
            .into_iter()
            .map(|t| TAGS[t])
            .collect();
        write!(
            timeline,
            "- id: {id}\n  date: {date}\n  title: \"{title}\"\n  actors: {}\n  summary: \"{summary}\"\n  sources: {}\n",
            yaml_list(&ev_actors),
            yaml_list(&ev_sources)
        )
        .unwrap();
        if !ev_tags.is_empty() {
            writeln!(timeline, "  tags: {}", yaml_list(&ev_tags)).unwrap();
        }
        if args.places > 0 {
            let n_places = place_rng.range(1, 3.min(args.places));
            let ids: Vec<String> = place_rng
                .distinct(args.places, n_places, None, None)
                .into_iter()
                .map(|p| format!("place-{}", p + 1))
                .collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            writeln!(timeline, "  places: {}", yaml_list(&ids)).unwrap();
        }
        timeline.push('\n');
    }
    out.write("content/data/timeline.yaml", &timeline)?;

    // --- forces: a history of 2-4 values for some actor/measure pairs
    let mut rng = Rng::new(args.seed, 7);
    let mut forces = String::new();
    let pairs = 100.min(actors.len() * 2);
    for p in 0..pairs {
        let actor = &actors[(p * 7) % actors.len()];
        let (measure, unit, scale) = MEASURES[p % MEASURES.len()];
        let points = rng.range(2, 4);
        let mut year = rng.range(2010, 2016);
        let mut value = scale * (0.5 + rng.below(100) as f64 / 100.0);
        for _ in 0..points {
            let date = Date {
                year: year as u32,
                month: rng.range(1, 12) as u32,
                day: 1,
            };
            let as_of = match rng.below(3) {
                0 => format!("{year}"),
                _ => format!("{:04}-{:02}", date.year, date.month),
            };
            let shown = if scale < 100.0 {
                format!("{:.1}", value)
            } else {
                format!("{}", value.round() as i64)
            };
            write!(
                forces,
                "- actor: {}\n  measure: \"{measure}\"\n  value: {shown}\n  unit: \"{unit}\"\n  as_of: {as_of}\n  source: {}\n",
                actor.id,
                &source_ids[rng.below(source_ids.len())]
            )
            .unwrap();
            if rng.chance(40) {
                writeln!(forces, "  note: \"{}\"", words(&mut rng, 5)).unwrap();
            }
            forces.push('\n');
            year += rng.range(1, 3);
            value *= 0.8 + rng.below(50) as f64 / 100.0;
        }
    }
    out.write("content/data/forces.yaml", &forces)?;

    // --- quotes
    let mut rng = Rng::new(args.seed, 8);
    let mut quotes = String::new();
    let n_quotes = 300.min(args.stories.max(20));
    for i in 0..n_quotes {
        let speaker = &actors[(i * 3) % actors.len()];
        let text = sentence(&mut rng, 8, 20);
        let date = random_date(&mut rng).partial(&mut rng);
        write!(
            quotes,
            "- id: {}-quote-{}\n  speaker: {}\n  text: \"{}\"\n  date: {date}\n  context: \"{}\"\n  source: {}\n",
            speaker.id,
            i + 1,
            speaker.id,
            text.trim_end_matches('.'),
            sentence(&mut rng, 8, 14),
            &source_ids[rng.below(source_ids.len())]
        )
        .unwrap();
        if rng.chance(20) {
            writeln!(quotes, "  via: \"{}\"", rng.pick(PUBLISHERS)).unwrap();
        }
        quotes.push('\n');
    }
    out.write("content/data/quotes.yaml", &quotes)?;

    if let Some(h) = &hugo {
        write_hugo_scaffold(h, args)?;
    }
    if let Some(z) = &zola {
        write_zola_scaffold(z, args)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Hugo site scaffolding (config and minimal layouts)

fn write_hugo_scaffold(h: &Out, args: &Args) -> io::Result<()> {
    h.write(
        "hugo.toml",
        &format!(
            r#"baseURL = "https://example.org/"
title = "Generated Flashpoint Corpus"
languageCode = "en"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false
# {} stories, {} actors, seed {}

[taxonomies]
  actor = "actors"
  tag = "tags"

[markup]
  [markup.highlight]
    noClasses = false
    codeFences = true
    guessSyntax = false
  [markup.goldmark.renderer]
    unsafe = false
"#,
            args.stories, args.actors, args.seed
        ),
    )?;
    h.write(
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "/actors/" | relURL }}">Actors</a> <a href="{{ "/tags/" | relURL }}">Tags</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"#,
    )?;
    h.write(
        "layouts/_default/single.html",
        r#"{{ define "main" }}
<article class="story" data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<p class="dek">{{ .Summary }}</p>
{{ with .GetTerms "actors" }}<ul class="actors">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>
{{ end }}
"#,
    )?;
    let story_list = r#"<ul class="story-list">{{ range .Pages }}
<li><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p><p>{{ .Params.summary }}</p></li>{{ end }}
</ul>"#;
    h.write(
        "layouts/_default/list.html",
        &format!("{{{{ define \"main\" }}}}\n<h1>{{{{ .Title }}}}</h1>\n{{{{ .Content }}}}\n{story_list}\n{{{{ end }}}}\n"),
    )?;
    h.write(
        "layouts/_default/term.html",
        &format!("{{{{ define \"main\" }}}}\n<h1>{{{{ .Title }}}}</h1>\n{{{{ with .Content }}}}<div class=\"profile\" data-pagefind-body>{{{{ . }}}}</div>{{{{ end }}}}\n<h2>Stories</h2>\n{story_list}\n{{{{ end }}}}\n"),
    )?;
    h.write(
        "layouts/_default/terms.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"#,
    )?;
    h.write(
        "layouts/index.html",
        r#"{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<h2>Stories</h2>
<ul class="story-list">{{ range where .Site.RegularPages "Section" "stories" }}
<li><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p><p>{{ .Params.summary }}</p></li>{{ end }}
</ul>
<h2>Who is involved</h2>
<ul class="actor-chips">{{ range .Site.Taxonomies.actors.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
"#,
    )?;
    h.write(
        "content/_index.md",
        "---\ntitle: \"A Generated Conflict\"\n---\n\nA synthetic explainer used to benchmark flashpoint against Hugo.\n",
    )?;
    h.write("content/actors/_index.md", "---\ntitle: \"Actors\"\n---\n")?;
    h.write("content/tags/_index.md", "---\ntitle: \"Tags\"\n---\n")?;
    // The search page of a Hugo site indexed by the Pagefind CLI after the build (the
    // `data-pagefind-body` marks above keep list pages out of the index, as flashpoint's
    // index holds stories and actors, not lists).
    h.write(
        "layouts/_default/search.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<link rel="stylesheet" href="/pagefind/pagefind-ui.css">
<script src="/pagefind/pagefind-ui.js"></script>
<div id="search"></div>
<script>window.addEventListener("DOMContentLoaded", () => new PagefindUI({ element: "#search", showSubResults: true }));</script>
{{ end }}
"##,
    )?;
    h.write(
        "content/search.md",
        "---\ntitle: \"Search\"\nlayout: search\nurl: /search/\n---\n",
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Zola site scaffolding (configs and minimal templates)

/// Zola's configuration without a search index, and the same with one.
pub const ZOLA_CONFIG: &str = "config.toml";
pub const ZOLA_CONFIG_SEARCH: &str = "config-search.toml";

/// The same pages as the Hugo site: story pages, actor and tag term pages listing their
/// stories (an actor's page also shows its profile), the term lists and a home page
/// listing every story and actor; class-based highlighting; no feeds, sitemap or
/// robots.txt. `config-search.toml` differs only in `build_search_index = true` (an
/// elasticlunr index of every page's title and full text).
fn write_zola_scaffold(z: &Out, args: &Args) -> io::Result<()> {
    for (name, search) in [(ZOLA_CONFIG, false), (ZOLA_CONFIG_SEARCH, true)] {
        z.write(
            name,
            &format!(
                r#"base_url = "https://example.org"
title = "Generated Flashpoint Corpus"
default_language = "en"
compile_sass = false
generate_feeds = false
generate_sitemap = false
generate_robots_txt = false
build_search_index = {search}
# {} stories, {} actors, seed {}

taxonomies = [
  {{ name = "actors" }},
  {{ name = "tags" }},
]

[markdown.highlighting]
style = "class"
theme = "github-light"
"#,
                args.stories, args.actors, args.seed
            ),
        )?;
    }
    z.write(
        "templates/base.html",
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="canonical" href="{{ current_url | default(value=config.base_url) }}">
</head>
<body>
<header><a href="/">{{ config.title }}</a>
<nav><a href="/actors/">Actors</a> <a href="/tags/">Tags</a></nav></header>
<main>{% block main %}{% endblock main %}</main>
<footer>{{ config.title }}</footer>
</body>
</html>
"#,
    )?;
    z.write(
        "templates/macros.html",
        r#"{% macro story_list(pages) %}<ul class="story-list">{% for p in pages %}
<li><h3><a href="{{ p.permalink | safe }}">{{ p.title }}</a></h3><p class="meta"><time datetime="{{ p.date | date(format="%Y-%m-%d") }}">{{ p.date | date(format="%-d %B %Y") }}</time></p><p>{{ p.description }}</p></li>{% endfor %}
</ul>{% endmacro story_list %}
"#,
    )?;
    z.write(
        "templates/page.html",
        r#"{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block main %}
<article class="story">
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date | date(format="%Y-%m-%d") }}">{{ page.date | date(format="%-d %B %Y") }}</time></p>
<p class="dek">{{ page.description }}</p>
{% if page.taxonomies.actors %}<ul class="actors">{% for a in page.taxonomies.actors %}<li><a href="{{ get_taxonomy_url(kind="actors", name=a) | safe }}">{{ a }}</a></li>{% endfor %}</ul>{% endif %}
{{ page.content | safe }}
{% if page.taxonomies.tags %}<ul class="tags">{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t) | safe }}">{{ t }}</a></li>{% endfor %}</ul>{% endif %}
</article>
{% endblock main %}
"#,
    )?;
    z.write(
        "templates/section.html",
        r#"{% extends "base.html" %}
{% import "macros.html" as macros %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{{ macros::story_list(pages=section.pages) }}
{% endblock main %}
"#,
    )?;
    z.write(
        "templates/taxonomy_single.html",
        r#"{% extends "base.html" %}
{% import "macros.html" as macros %}
{% block title %}{{ term.name }} · {{ config.title }}{% endblock title %}
{% block main %}
{% if taxonomy.name == "actors" %}{% set profile = get_page(path="profiles/" ~ term.slug ~ ".md") %}
<h1>{{ profile.title }}</h1>
<div class="profile">{{ profile.content | safe }}</div>
{% else %}<h1>{{ term.name }}</h1>{% endif %}
<h2>Stories</h2>
{{ macros::story_list(pages=term.pages) }}
{% endblock main %}
"#,
    )?;
    z.write(
        "templates/taxonomy_list.html",
        r#"{% extends "base.html" %}
{% block title %}{{ taxonomy.name }} · {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ taxonomy.name | capitalize }}</h1>
<ul class="terms">{% for t in terms %}
<li><a href="{{ t.permalink | safe }}">{{ t.name }}</a> ({{ t.page_count }})</li>{% endfor %}
</ul>
{% endblock main %}
"#,
    )?;
    z.write(
        "templates/index.html",
        r#"{% extends "base.html" %}
{% import "macros.html" as macros %}
{% block main %}
<h1>{{ config.title }}</h1>
{{ section.content | safe }}
<h2>Stories</h2>
{% set stories = get_section(path="stories/_index.md") %}
{{ macros::story_list(pages=stories.pages) }}
<h2>Who is involved</h2>
{% set actor_terms = get_taxonomy(kind="actors") %}<ul class="actor-chips">{% for t in actor_terms.items %}<li><a href="{{ t.permalink | safe }}">{{ t.name }}</a></li>{% endfor %}</ul>
{% endblock main %}
"#,
    )?;
    z.write(
        "content/_index.md",
        "+++\ntitle = \"A Generated Conflict\"\n+++\n\nA synthetic explainer used to benchmark flashpoint against Zola.\n",
    )?;
    z.write(
        "content/stories/_index.md",
        "+++\ntitle = \"Stories\"\nsort_by = \"date\"\n+++\n",
    )?;
    z.write(
        "content/profiles/_index.md",
        "+++\ntitle = \"Profiles\"\nrender = false\n+++\n",
    )?;
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => {
            eprintln!(
                "wrote {} stories, {} actors, {} events to {}{}",
                args.stories,
                args.actors,
                args.events,
                args.out.display(),
                args.hugo
                    .as_ref()
                    .map(|h| format!(" (and a Hugo site in {})", h.display()))
                    .unwrap_or_default(),
            );
            if let Some(z) = &args.zola {
                eprintln!("wrote the equivalent Zola site to {}", z.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
