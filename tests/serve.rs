//! `flashpoint serve`: incremental rebuilds equal full builds byte for byte, and the
//! real binary serves, reloads, shows errors and refuses paths outside the site.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use common::TestSite;
use flashpoint::fingerprint::Fingerprint;
use flashpoint::output::{self, SearchWork, Silent};
use flashpoint::render::{Renderer, Theme};
use flashpoint::serve::Engine;
use flashpoint::serve::overlay::{LIVE_RELOAD_SCRIPT, inject};

const ORIGIN: &str = "http://127.0.0.1:1111";

/// Takes every file a production makes, by site-relative path.
#[derive(Default)]
struct Collect(Mutex<BTreeMap<String, Vec<u8>>>);

impl output::Sink for Collect {
    fn write(
        &self,
        path: &Path,
        bytes: &[u8],
        _: Option<Fingerprint>,
    ) -> flashpoint::error::Result<()> {
        let name = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        self.0.lock().unwrap().insert(name, bytes.to_vec());
        Ok(())
    }
}

/// Where the full builds of this test binary keep image variants and social cards, so each
/// is encoded once rather than once per comparison (encoding was a quarter of this file's
/// time in a debug build). They are named by the fingerprint of what they are drawn from,
/// and a build reading them makes the same bytes as one encoding them
/// (`tests/build_cache.rs`); every page is still drawn afresh.
fn image_folder() -> &'static Path {
    static FOLDER: OnceLock<tempfile::TempDir> = OnceLock::new();
    FOLDER
        .get_or_init(|| tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap())
        .path()
}

/// Every file a full build makes, from scratch, as the served map holds them.
fn full_render(root: &Path) -> BTreeMap<String, Vec<u8>> {
    full_render_at(root, ORIGIN)
}

/// [`full_render`] for a site served at `origin`.
fn full_render_at(root: &Path, origin: &str) -> BTreeMap<String, Vec<u8>> {
    let (mut site, _) = flashpoint::load_site(root, Some(&format!("{origin}/")), false).unwrap();
    flashpoint::serve::incremental::for_serving(&mut site);
    let theme = Theme::locate(root, &site.config.theme).unwrap();
    let renderer = Renderer::new(&site, &theme).unwrap();
    renderer.images().use_folder(image_folder().to_path_buf());
    let files = Collect::default();
    output::produce(
        &site,
        &renderer,
        &theme,
        &files,
        None,
        SearchWork::Build,
        &Silent,
    )
    .unwrap();
    files.0.into_inner().unwrap()
}

fn served(engine: &Engine) -> BTreeMap<String, Vec<u8>> {
    engine
        .files()
        .read()
        .unwrap()
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes.to_vec()))
        .collect()
}

fn assert_same_as_full_build(engine: &Engine, root: &Path, step: &str) {
    let full = full_render(root);
    let incremental = served(engine);
    let missing: Vec<&String> = full
        .keys()
        .filter(|k| !incremental.contains_key(*k))
        .collect();
    let extra: Vec<&String> = incremental
        .keys()
        .filter(|k| !full.contains_key(*k))
        .collect();
    let differing: Vec<&String> = full
        .iter()
        .filter(|(k, v)| incremental.get(*k).is_some_and(|i| i != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differing.is_empty(),
        "after {step}: missing {missing:?}, extra {extra:?}, differing {differing:?}"
    );
}

fn edit(site: &TestSite, file: &str, from: &str, to: &str) {
    let path = site.root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let site = TestSite::new("basic");
    let root = site.root.as_path();
    let mut engine = Engine::new(root, ORIGIN, false);
    let first = engine.rebuild().unwrap();
    assert!(first.rendered.len() > 10);
    assert_same_as_full_build(&engine, root, "the first build");

    // A body edit draws that story again, and nothing else.
    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha quarrelled",
    );
    let rebuilt = engine.rebuild().unwrap();
    assert_eq!(rebuilt.rendered, ["stories/one/index.html"]);
    assert!(rebuilt.search_rebuilt);
    assert_same_as_full_build(&engine, root, "a story body edit");

    // Nothing changed: nothing is drawn.
    let rebuilt = engine.rebuild().unwrap();
    assert!(rebuilt.rendered.is_empty() && rebuilt.is_unchanged());

    let steps: [(&str, &str, &str, &str); 8] = [
        (
            "a story title",
            "content/stories/two.md",
            "title: \"Story Two\"",
            "title: \"Story Two, revised\"",
        ),
        (
            "an actor name",
            "content/actors/gamma.md",
            "name: \"Gamma Person\"",
            "name: \"Gamma Leader\"",
        ),
        (
            "an actor relation",
            "content/actors/gamma.md",
            "kind: leader_of",
            "kind: adversary",
        ),
        (
            "timeline.yaml",
            "content/data/timeline.yaml",
            "Event with a day",
            "Event with a known day",
        ),
        (
            "a quote",
            "content/data/quotes.yaml",
            "text: \"",
            "text: \"Indeed, ",
        ),
        (
            "a page title",
            "content/pages/about.md",
            "title: \"About\"",
            "title: \"About us\"",
        ),
        (
            "a template",
            "themes/default/templates/base.html",
            "</body>",
            "<!-- edited -->\n</body>",
        ),
        ("the home page", "content/_index.md", "---\n", "---\n"),
    ];
    for (step, file, from, to) in steps {
        edit(&site, file, from, to);
        let rebuilt = engine.rebuild().unwrap();
        assert!(!rebuilt.rendered.is_empty() || from == to, "{step}");
        assert_same_as_full_build(&engine, root, step);
    }

    // A template used by story pages only: only story pages are drawn again.
    edit(
        &site,
        "themes/default/templates/story.html",
        "<article class=\"story\">",
        "<article class=\"story\" data-edited=\"yes\">",
    );
    let rebuilt = engine.rebuild().unwrap();
    let mut rendered = rebuilt.rendered.clone();
    rendered.sort();
    assert_eq!(
        rendered,
        ["stories/one/index.html", "stories/two/index.html"]
    );
    assert_same_as_full_build(&engine, root, "a story template");

    // A stylesheet: only the stylesheet changes.
    edit(
        &site,
        "themes/default/static/style.css",
        "",
        "/* edited */\n",
    );
    let rebuilt = engine.rebuild().unwrap();
    assert!(rebuilt.rendered.is_empty(), "{:?}", rebuilt.rendered);
    assert_eq!(rebuilt.updated, ["style.css"]);
    assert!(rebuilt.is_css_only());
    assert_same_as_full_build(&engine, root, "a stylesheet");

    // A new story, then its removal.
    site.write(
        "content/stories/four.md",
        "---\ntitle: \"Story Four\"\ndate: 2020-04-01\nsummary: \"New.\"\nactors: [gamma]\ntags: [fresh]\nsources: [s1]\n---\nAbout [[gamma]].\n",
    );
    let rebuilt = engine.rebuild().unwrap();
    assert!(
        rebuilt
            .rendered
            .contains(&"stories/four/index.html".to_string())
    );
    assert!(
        rebuilt
            .rendered
            .contains(&"tags/fresh/index.html".to_string())
    );
    assert_same_as_full_build(&engine, root, "a new story");
    std::fs::remove_file(site.root.join("content/stories/four.md")).unwrap();
    let rebuilt = engine.rebuild().unwrap();
    assert!(
        rebuilt
            .removed
            .contains(&"stories/four/index.html".to_string())
    );
    assert!(
        rebuilt
            .removed
            .contains(&"tags/fresh/index.html".to_string())
    );
    assert_same_as_full_build(&engine, root, "a removed story");

    // A broken front matter keeps the last good files; the fix is compared with it.
    let before = served(&engine);
    edit(
        &site,
        "content/stories/two.md",
        "date: 2020-02-01",
        "date: 2020-02-31",
    );
    assert!(engine.rebuild().is_err());
    assert_eq!(served(&engine), before);
    edit(
        &site,
        "content/stories/two.md",
        "date: 2020-02-31",
        "date: 2020-02-03",
    );
    engine.rebuild().unwrap();
    assert_same_as_full_build(&engine, root, "a fix after an error");
}

#[test]
fn a_removed_static_file_leaves_memory_as_a_build_deletes_it_from_disk() {
    let site = TestSite::new("basic");
    let root = site.root.as_path();
    let mut engine = Engine::new(root, ORIGIN, false);
    site.write("themes/default/static/extra/notes.txt", "kept for now\n");
    engine.rebuild().unwrap();
    assert_eq!(served(&engine)["extra/notes.txt"], b"kept for now\n");
    std::fs::remove_file(root.join("themes/default/static/extra/notes.txt")).unwrap();
    let rebuilt = engine.rebuild().unwrap();
    assert_eq!(rebuilt.removed, ["extra/notes.txt"]);
    assert!(rebuilt.rendered.is_empty(), "{:?}", rebuilt.rendered);
    assert_same_as_full_build(&engine, root, "a removed static file");
}

#[test]
fn a_deferred_search_index_is_brought_up_to_date_by_the_search_job() {
    let site = TestSite::new("basic");
    let root = site.root.as_path();
    let mut engine = Engine::new(root, ORIGIN, false);
    engine.defer_search(true);
    let first = engine.rebuild().unwrap();
    assert!(first.search_rebuilt && !first.search_pending);
    assert_same_as_full_build(&engine, root, "the first build");

    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha quarrelled",
    );
    let rebuilt = engine.rebuild().unwrap();
    assert_eq!(rebuilt.rendered, ["stories/one/index.html"]);
    assert!(!rebuilt.search_rebuilt && rebuilt.search_pending);
    assert!(
        rebuilt
            .updated
            .iter()
            .all(|file| !file.starts_with("pagefind/")),
        "{:?}",
        rebuilt.updated
    );
    assert!(engine.search_job().run().unwrap() > 0);
    assert_same_as_full_build(&engine, root, "the search job");

    // The job recorded what made the shards it built: nothing is pending any more.
    let rebuilt = engine.rebuild().unwrap();
    assert!(!rebuilt.search_pending && rebuilt.is_unchanged());
    assert_eq!(engine.search_job().run().unwrap(), 0);
}

/// The search files of [`full_render`] and of the served files, by path.
fn search_files(files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .filter(|(name, _)| name.starts_with("pagefind/"))
        .collect()
}

#[test]
fn the_search_index_updated_record_by_record_equals_a_fresh_builds_after_each_save() {
    let site = TestSite::new("basic");
    let root = site.root.as_path();
    let story = root.join("content/stories/one.md");
    let mut engine = Engine::new(root, ORIGIN, false);
    engine.defer_search(true);
    engine.rebuild().unwrap();
    // As `serve` does once the first build is served: the index is read back from its files.
    engine.search_job().warm();

    // A body edit served by the quick path reaches the index with no rebuild: the job
    // holds only the edited record, not the last site model (which still has the old text).
    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha quarrelled over zanzibarite",
    );
    assert!(
        engine
            .serve_body_edits(std::slice::from_ref(&story))
            .is_some()
    );
    let job = engine.search_job();
    assert!(job.is_records());
    assert!(job.run().unwrap() > 0);
    assert_eq!(
        search_files(served(&engine)),
        search_files(full_render(root)),
        "after a body edit on the quick path"
    );
    // The rebuild that follows finds the index right, and the job it asks for changes nothing.
    let rebuilt = engine.rebuild_after(std::slice::from_ref(&story)).unwrap();
    assert!(rebuilt.search_pending);
    assert_eq!(engine.search_job().run().unwrap(), 0);
    assert_same_as_full_build(&engine, root, "the rebuild after the quick path");

    // A title edit: the story's record only.
    edit(&site, "content/stories/one.md", "Story One", "Story Uno");
    engine.rebuild_after(std::slice::from_ref(&story)).unwrap();
    let job = engine.search_job();
    assert!(job.is_records());
    assert!(job.run().unwrap() > 0);
    assert_same_as_full_build(&engine, root, "a title edit");

    // An actor's new name: its record, and those of its events, whose text names it.
    let actor = root.join("content/actors/gamma.md");
    edit(
        &site,
        "content/actors/gamma.md",
        "name: \"Gamma Person\"",
        "name: \"Gamma Chief\"",
    );
    engine.rebuild_after(std::slice::from_ref(&actor)).unwrap();
    let job = engine.search_job();
    assert!(job.is_records());
    assert!(job.run().unwrap() > 0);
    assert_same_as_full_build(&engine, root, "an actor's new name");

    // A new story may move record numbers: the whole index is made again.
    let added = root.join("content/stories/four.md");
    std::fs::write(
        &added,
        "---\ntitle: \"Story Four\"\ndate: 2021-05-06\nsummary: \"A fourth.\"\n---\nQuokkas everywhere.\n",
    )
    .unwrap();
    engine.rebuild_after(std::slice::from_ref(&added)).unwrap();
    let job = engine.search_job();
    assert!(!job.is_records());
    assert!(job.run().unwrap() > 0);
    assert_same_as_full_build(&engine, root, "a new story");

    // And record by record again after it.
    edit(&site, "content/stories/four.md", "Quokkas", "Wombats");
    engine.rebuild_after(std::slice::from_ref(&added)).unwrap();
    let job = engine.search_job();
    assert!(job.is_records());
    assert!(job.run().unwrap() > 0);
    assert_same_as_full_build(&engine, root, "an edit of the new story");
}

#[test]
fn the_first_body_edit_after_the_first_build_takes_the_quick_path_while_the_search_job_runs() {
    let site = TestSite::new("basic");
    let root = site.root.as_path();
    let story = root.join("content/stories/one.md");
    let mut engine = Engine::new(root, ORIGIN, false);
    engine.defer_search(true);
    assert!(engine.rebuild().unwrap().search_rebuilt);
    // The job `serve` sends after the first build, still running: the first build made
    // the index, so the job holds no site model and the quick path may patch it.
    let job = engine.search_job();
    assert!(!job.is_records());
    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha quarrelled",
    );
    let quick = engine.serve_body_edits(std::slice::from_ref(&story));
    assert_eq!(
        quick.map(|quick| quick.rendered),
        Some(vec!["stories/one/index.html".to_string()])
    );
    assert!(
        served(&engine)["stories/one/index.html"]
            .windows(b"Alpha quarrelled".len())
            .any(|w| w == b"Alpha quarrelled")
    );
    assert_eq!(job.run().unwrap(), 0);
    drop(job);
    engine.rebuild_after(std::slice::from_ref(&story)).unwrap();
    assert!(engine.search_job().run().unwrap() > 0);
    assert_same_as_full_build(&engine, root, "the rebuild after the first quick edit");
}

#[test]
fn a_body_edit_served_quickly_then_undone_serves_the_original_page_again() {
    let site = TestSite::new("basic");
    let root = site.root.as_path();
    let story = root.join("content/stories/one.md");
    let mut engine = Engine::new(root, ORIGIN, false);
    engine.rebuild().unwrap();
    let original = served(&engine)["stories/one/index.html"].clone();
    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha sulked",
    );
    let quick = engine
        .serve_body_edits(std::slice::from_ref(&story))
        .unwrap();
    assert_eq!(quick.updated, ["stories/one/index.html"]);
    // Undone before any rebuild: the page's key is the one that made the original page,
    // which the quick path's page must not pass for.
    edit(
        &site,
        "content/stories/one.md",
        "Alpha sulked",
        "Alpha clashed",
    );
    let rebuilt = engine.rebuild_after(std::slice::from_ref(&story)).unwrap();
    assert_eq!(rebuilt.rendered, ["stories/one/index.html"]);
    assert_eq!(served(&engine)["stories/one/index.html"], original);
    assert_same_as_full_build(&engine, root, "an undone quick edit");
}

#[test]
fn a_forgotten_build_renders_every_page_again_and_drops_nothing_it_still_has() {
    let site = TestSite::new("basic");
    let root = site.root.as_path();
    let mut engine = Engine::new(root, ORIGIN, false);
    let first = engine.rebuild().unwrap();
    engine.forget_last_build();
    let again = engine.rebuild().unwrap();
    assert_eq!(again.rendered, first.rendered);
    assert!(
        again.is_unchanged(),
        "{:?} {:?}",
        again.updated,
        again.removed
    );
    assert_same_as_full_build(&engine, root, "a forgotten build");
}

/// Every kind of input edited once on the shipped example, each compared with a full build.
#[test]
fn every_kind_of_edit_on_the_example_site_equals_a_full_build() {
    let site = TestSite::example();
    let root = site.root.as_path();
    let mut engine = Engine::new(root, ORIGIN, false);
    engine.rebuild().unwrap();
    let mut markdown: Vec<String> = Vec::new();
    for folder in ["content/stories", "content/actors", "content/pages"] {
        let mut names: Vec<String> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| format!("{folder}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        names.sort();
        markdown.extend(names);
    }
    markdown.push("content/_index.md".to_string());
    let mut edits: Vec<(String, &str, &str)> = Vec::new();
    for file in &markdown {
        for (from, to) in [
            ("title: \"", "title: \"Edited "),
            ("name: \"", "name: \"Edited "),
            ("summary: \"", "summary: \"Edited "),
        ] {
            edits.push((file.clone(), from, to));
        }
    }
    for (file, from, to) in [
        (
            "content/data/timeline.yaml",
            "title: \"",
            "title: \"Edited ",
        ),
        ("content/data/quotes.yaml", "text: \"", "text: \"Edited "),
        ("content/data/sources.yaml", "title: \"", "title: \"Edited "),
        (
            "content/data/sources.yaml",
            "publisher: ",
            "publisher: Edited ",
        ),
        ("content/data/forces.yaml", "value: 500", "value: 501"),
    ] {
        edits.push((file.to_string(), from, to));
    }
    for (file, from, to) in edits {
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        if !text.contains(from) {
            continue;
        }
        std::fs::write(root.join(&file), text.replacen(from, to, 1)).unwrap();
        engine.rebuild().unwrap();
        assert_same_as_full_build(&engine, root, &format!("`{from}` in {file}"));
    }
    // Body text of every Markdown file at once.
    for file in &markdown {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        std::fs::write(root.join(file), format!("{text}\nAn added sentence.\n")).unwrap();
    }
    engine.rebuild().unwrap();
    assert_same_as_full_build(&engine, root, "body edits");
}

// ---------------------------------------------------------------------------------------
// The real binary over loopback HTTP.

/// The running `serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &TestSite) -> Server {
        Server::start_until(site, |r| r.status == 200)
    }

    /// Starts `serve` and waits until `/` answers as `ready` says.
    fn start_until(site: &TestSite, ready: impl Fn(&Reply) -> bool) -> Server {
        let server = Server::spawn(site, free_port());
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if server.try_get("/").is_some_and(|r| ready(&r)) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("serve did not start:\n{}", server.log());
    }

    /// Starts `serve` on `port` and returns as soon as it says where it serves.
    fn start_listening(site: &TestSite, port: u16) -> Server {
        let server = Server::spawn(site, port);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !server.log().contains("serving ") || server.try_get("/__none__").is_none() {
            assert!(
                Instant::now() < deadline,
                "serve did not start:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    fn spawn(site: &TestSite, port: u16) -> Server {
        Server::spawn_with(site, port, &[])
    }

    /// [`Server::spawn`] with environment variables set.
    fn spawn_with(site: &TestSite, port: u16, env: &[(&str, &Path)]) -> Server {
        let log = site.root.parent().unwrap().join("serve.log");
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(&site.root)
            .envs(env.iter().copied())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        Server { child, port, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn try_get(&self, path: &str) -> Option<Reply> {
        get_on(self.port, path)
    }

    fn get(&self, path: &str) -> Reply {
        self.try_get(path)
            .unwrap_or_else(|| panic!("GET {path} failed:\n{}", self.log()))
    }

    /// Polls `path` until `check` holds, for at most 15 seconds.
    fn wait_for_page(&self, path: &str, what: &str, check: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let reply = self.get(path);
            if check(&reply) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never showed {what}; last reply:\n{}\nlog:\n{}",
                reply.body,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (at most 20 s) until every file a fresh build of the site makes is served
    /// with the same bytes (pages with the live-reload script added), and `gone` is not.
    fn assert_serves_a_fresh_build(&self, site: &TestSite, step: &str, gone: &[&str]) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let expected = full_render_at(&site.root, &format!("http://127.0.0.1:{}", self.port));
            let mut differing = Vec::new();
            for (name, bytes) in &expected {
                let path = format!("/{name}");
                let reply = self.get(&path);
                let bytes = match name.ends_with(".html") {
                    true => inject(bytes, LIVE_RELOAD_SCRIPT),
                    false => bytes.clone(),
                };
                if reply.status != 200 || reply.body != String::from_utf8_lossy(&bytes) {
                    differing.push(name.clone());
                }
            }
            differing.extend(
                gone.iter()
                    .filter(|path| self.get(path).status != 404)
                    .map(|path| format!("{path} (still served)")),
            );
            if differing.is_empty() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "after {step}, served files differ from a fresh build: {differing:?}\nlog:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn events(&self) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            stream,
            "GET /__flashpoint/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = EventStream {
            stream,
            seen: String::new(),
        };
        events.wait_for("event: hello");
        events
    }
}

/// One GET on loopback `port`; None when nothing answered.
fn get_on(port: u16, path: &str) -> Option<Reply> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    Reply::parse(&raw)
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Option<Reply> {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n")?;
        let mut lines = head.lines();
        let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Some(Reply {
            status,
            headers,
            body: body.to_string(),
        })
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// An open Server-Sent Events stream, read as text.
struct EventStream {
    stream: TcpStream,
    seen: String,
}

impl EventStream {
    /// Waits (at most 15 s) until `needle` arrives, and forgets everything up to it.
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut buffer = [0u8; 4096];
        while !self.seen.contains(needle) {
            assert!(
                Instant::now() < deadline,
                "no `{needle}` on the event stream; got:\n{}",
                self.seen
            );
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream closed; got:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
        let end = self.seen.find(needle).unwrap() + needle.len();
        self.seen.drain(..end);
    }
}

#[test]
fn serve_reloads_on_saves_and_shows_errors() {
    let site = TestSite::new("basic");
    let server = Server::start(&site);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.header("content-type").starts_with("text/html"));
    assert!(
        home.body.contains("/__flashpoint/events"),
        "no live-reload script"
    );
    assert!(!home.body.contains("flashpoint-error-overlay"));
    assert!(
        !site.root.join("public").exists(),
        "serve must not write the output folder"
    );

    let story = server.get("/stories/one/");
    assert!(story.body.contains("Alpha clashed"));

    let mut events = server.events();

    // Saved in place.
    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha skirmished",
    );
    events.wait_for("event: reload");
    server.wait_for_page("/stories/one/", "the in-place edit", |r| {
        r.body.contains("Alpha skirmished")
    });

    // Written to a temporary file and renamed over the story, as vim and VS Code do.
    let path = site.root.join("content/stories/one.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let temporary = site.root.join("content/stories/.one.md.tmp");
    std::fs::write(&temporary, text.replace("Alpha skirmished", "Alpha feuded")).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
    events.wait_for("event: reload");
    server.wait_for_page("/stories/one/", "the renamed-over edit", |r| {
        r.body.contains("Alpha feuded")
    });

    // A broken front matter: the last good page stays, under an overlay naming file:line.
    edit(
        &site,
        "content/stories/one.md",
        "date: 2020-01-02",
        "date: 2020-01-32",
    );
    events.wait_for("event: reload");
    // A save written in two steps (truncated, then filled) may show the empty file's error
    // for a moment; the overlay settles on the date's.
    let broken = server.wait_for_page("/stories/one/", "the error overlay", |r| {
        r.body.contains("flashpoint-error-overlay") && r.body.contains("content/stories/one.md:3:")
    });
    assert!(
        broken.body.contains("content/stories/one.md:3:"),
        "{}",
        broken.body
    );
    assert!(
        broken.body.contains("Alpha feuded"),
        "the last good page is kept"
    );
    assert_eq!(broken.status, 200);
    let other = server.get("/actors/alpha/");
    assert!(
        other.body.contains("flashpoint-error-overlay"),
        "every page shows it"
    );
    assert!(server.log().contains("content/stories/one.md:3:"));

    // Fixed: the overlay goes.
    edit(
        &site,
        "content/stories/one.md",
        "date: 2020-01-32",
        "date: 2020-01-02",
    );
    events.wait_for("event: reload");
    server.wait_for_page("/stories/one/", "the overlay removed", |r| {
        !r.body.contains("flashpoint-error-overlay")
    });

    // A new file, then its removal.
    site.write(
        "content/stories/five.md",
        "---\ntitle: \"Story Five\"\ndate: 2020-05-01\nsummary: \"New.\"\nactors: [alpha]\nsources: [s1]\n---\nFive.\n",
    );
    server.wait_for_page("/stories/five/", "the new story", |r| r.status == 200);
    std::fs::remove_file(site.root.join("content/stories/five.md")).unwrap();
    server.wait_for_page("/stories/five/", "the story removed", |r| r.status == 404);

    // Deleted and created again.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, text.replace("Alpha feuded", "Alpha wrangled")).unwrap();
    server.wait_for_page("/stories/one/", "the re-created story", |r| {
        r.body.contains("Alpha wrangled")
    });

    // A folder renamed away and back.
    let pages = site.root.join("content/pages");
    let aside = site.root.join("content/pages-aside");
    std::fs::rename(&pages, &aside).unwrap();
    server.wait_for_page("/about/", "the page gone with its folder", |r| {
        r.status == 404
    });
    std::fs::rename(&aside, &pages).unwrap();
    server.wait_for_page("/about/", "the page back with its folder", |r| {
        r.status == 200
    });
    edit(
        &site,
        "content/pages/about.md",
        "About this fixture.",
        "About this test site.",
    );
    server.wait_for_page("/about/", "an edit in the renamed-back folder", |r| {
        r.body.contains("About this test site.")
    });

    // The whole content folder renamed away and back: it is watched again.
    let content = site.root.join("content");
    let content_aside = site.root.join("content-aside");
    std::fs::rename(&content, &content_aside).unwrap();
    server.wait_for_page("/about/", "the site without content", |r| {
        r.status == 404 || r.body.contains("flashpoint-error-overlay")
    });
    std::fs::rename(&content_aside, &content).unwrap();
    server.wait_for_page("/about/", "the content back", |r| {
        r.status == 200 && !r.body.contains("flashpoint-error-overlay")
    });
    edit(
        &site,
        "content/pages/about.md",
        "About this test site.",
        "About the site.",
    );
    server.wait_for_page(
        "/about/",
        "an edit in the content folder watched again",
        |r| r.body.contains("About the site."),
    );

    // A stylesheet only: browsers swap it without reloading.
    edit(
        &site,
        "themes/default/static/style.css",
        "",
        "/* edited */\n",
    );
    events.wait_for("event: css");
    server.wait_for_page("/style.css", "the new stylesheet", |r| {
        r.body.starts_with("/* edited */")
    });
}

#[test]
fn every_page_served_after_a_series_of_saves_equals_a_fresh_build() {
    let site = TestSite::new("basic");
    let server = Server::start(&site);
    server.assert_serves_a_fresh_build(&site, "the first build", &[]);

    // A body edit: served by the quick path, then checked by the full rebuild.
    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha sparred",
    );
    server.wait_for_page("/stories/one/", "the body edit", |r| {
        r.body.contains("Alpha sparred")
    });
    server.assert_serves_a_fresh_build(&site, "a body edit", &[]);
    assert!(
        server
            .log()
            .contains("content/stories/one.md: 1 page(s) served in"),
        "the body edit did not take the quick path:\n{}",
        server.log()
    );

    // A title edit: lists, tags and feeds change too.
    edit(
        &site,
        "content/stories/two.md",
        "title: \"Story Two\"",
        "title: \"Story Two, retitled\"",
    );
    server.wait_for_page("/", "the new title", |r| {
        r.body.contains("Story Two, retitled")
    });
    server.assert_serves_a_fresh_build(&site, "a title edit", &[]);

    // A new story, then its deletion.
    site.write(
        "content/stories/six.md",
        "---\ntitle: \"Story Six\"\ndate: 2020-06-01\nsummary: \"New.\"\nactors: [gamma]\ntags: [brand new]\nsources: [s1]\n---\nSix names [[gamma]].\n",
    );
    server.wait_for_page("/stories/six/", "the new story", |r| r.status == 200);
    server.assert_serves_a_fresh_build(&site, "a new story", &[]);
    std::fs::remove_file(site.root.join("content/stories/six.md")).unwrap();
    server.wait_for_page("/stories/six/", "the deleted story", |r| r.status == 404);
    server.assert_serves_a_fresh_build(
        &site,
        "a deleted story",
        &["/stories/six/", "/tags/brand-new/"],
    );

    // An actor's data, then an event in the data files.
    edit(
        &site,
        "content/actors/gamma.md",
        "name: \"Gamma Person\"",
        "name: \"Gamma Chief\"",
    );
    server.wait_for_page("/actors/gamma/", "the actor's new name", |r| {
        r.body.contains("Gamma Chief")
    });
    server.assert_serves_a_fresh_build(&site, "an actor's name", &[]);
    edit(
        &site,
        "content/data/timeline.yaml",
        "Event with a day",
        "Event with a named day",
    );
    server.wait_for_page("/timeline/", "the event's new title", |r| {
        r.body.contains("Event with a named day")
    });
    server.assert_serves_a_fresh_build(&site, "an event's title", &[]);

    // A body edit that links to nothing, then its fix: the overlay names the file, and the
    // fix leaves the site as a fresh build makes it.
    edit(
        &site,
        "content/stories/one.md",
        "Alpha sparred",
        "Alpha sparred with [[nobody]]",
    );
    let broken = server.wait_for_page("/stories/one/", "the error overlay", |r| {
        r.body.contains("flashpoint-error-overlay")
    });
    assert!(
        broken.body.contains("content/stories/one.md:11:"),
        "{}",
        broken.body
    );
    edit(&site, "content/stories/one.md", " with [[nobody]]", "");
    server.wait_for_page("/stories/one/", "the overlay gone", |r| {
        !r.body.contains("flashpoint-error-overlay")
    });
    server.assert_serves_a_fresh_build(&site, "a bad edit and its fix", &[]);
}

#[test]
fn serve_answers_like_a_static_host() {
    let site = TestSite::new("basic");
    let server = Server::start(&site);

    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/stories/..%2f..%2fsite.yaml",
        "//etc/passwd",
        "/..\\site.yaml",
    ] {
        let reply = server.get(path);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
        assert!(!reply.body.contains("base_url"), "{path} leaked site.yaml");
        assert!(!reply.body.contains("root:"), "{path} leaked a system file");
    }

    let redirect = server.get("/stories/one");
    assert!(matches!(redirect.status, 301 | 308), "{}", redirect.status);
    assert_eq!(redirect.header("location"), "/stories/one/");

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.header("content-type").starts_with("text/html"));
    let not_found =
        std::fs::read_to_string(site.root.join("themes/default/templates/404.html")).unwrap();
    assert!(
        not_found.contains("{% extends"),
        "the fixture's 404 page is a template"
    );
    assert!(
        missing.body.contains("<html"),
        "the site's 404.html is served"
    );

    for (path, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/site.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/atom.xml", "application/xml"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/search.js", "text/javascript; charset=utf-8"),
        ("/pagefind/entry.json", "application/json"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), expected, "{path}");
    }
    let entry: serde_json::Value =
        serde_json::from_str(&server.get("/pagefind/entry.json").body).unwrap();
    let chunk = entry["chunks"][0]["file"]
        .as_str()
        .or_else(|| entry["chunks"][0].as_str())
        .expect("a word chunk named in entry.json")
        .to_string();
    let words = server.get(&format!("/pagefind/{chunk}"));
    assert_eq!(words.status, 200, "{chunk}");
    assert!(
        !server.get("/style.css").body.contains("__flashpoint"),
        "scripts go into HTML only"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = TestSite::new("basic");
    let mut server = Server::start(&site);
    let _events = server.events();
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}:\n{}", server.log());
            break;
        }
        assert!(
            Instant::now() < deadline,
            "serve did not stop:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let site = TestSite::new("basic");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let log = site.root.parent().unwrap().join("serve.log");
    let out = std::fs::File::create(&log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_flashpoint"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&site.root)
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let server = Server {
        child,
        port: 0,
        log: log.clone(),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while !server.log().contains("serving") {
        assert!(Instant::now() < deadline, "never served:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = server.log();
    assert!(log.contains(&format!("port {port} is in use")), "{log}");
    assert!(!log.contains(&format!("127.0.0.1:{port}/")), "{log}");
}

#[test]
fn a_site_that_never_built_shows_its_errors_and_recovers() {
    let site = TestSite::new("basic");
    edit(
        &site,
        "content/stories/one.md",
        "date: 2020-01-02",
        "date: 2020-01-32",
    );
    let server = Server::start_until(&site, |r| r.status == 404);
    let home = server.get("/");
    assert!(
        home.body.contains("flashpoint-error-overlay"),
        "{}",
        home.body
    );
    assert!(
        home.body.contains("content/stories/one.md:3:"),
        "{}",
        home.body
    );
    assert!(home.body.contains("/__flashpoint/events"));
    edit(
        &site,
        "content/stories/one.md",
        "date: 2020-01-32",
        "date: 2020-01-02",
    );
    server.wait_for_page("/", "the site built", |r| {
        r.status == 200 && !r.body.contains("flashpoint-error-overlay")
    });
}

#[test]
fn every_edition_served_after_saves_to_translations_equals_a_fresh_build() {
    let site = TestSite::new("bilingual");
    let server = Server::start(&site);
    server.assert_serves_a_fresh_build(&site, "the first build", &[]);

    // A Korean translation's body: only that edition's page (and its search) change.
    edit(
        &site,
        "content/stories/shelling.ko.md",
        "주민들은 방공호로",
        "주민들은 서둘러 방공호로",
    );
    server.wait_for_page("/ko/stories/shelling/", "the translation's edit", |r| {
        r.body.contains("서둘러 방공호로")
    });
    server.assert_serves_a_fresh_build(&site, "a translation's body edit", &[]);

    // A new translation, then the deletion of another.
    site.write(
        "content/stories/aftermath.ko.md",
        "---\ntitle: \"포격 이후\"\ndate: 2010-11-24\nsummary: \"피난과 긴장의 한 주.\"\nactors: [south-korea]\ntags: [포격 사건]\nsources: [yonhap-shelling]\n---\n주민 대부분이 배를 타고 섬을 떠났다.\n",
    );
    server.wait_for_page("/ko/stories/aftermath/", "the new translation", |r| {
        r.body.contains("배를 타고 섬을 떠났다")
    });
    server.assert_serves_a_fresh_build(&site, "a new translation", &[]);
    std::fs::remove_file(site.root.join("content/stories/shelling.ko.md")).unwrap();
    server.wait_for_page("/ko/", "the deleted translation", |r| {
        !r.body.contains("연평도에 포탄이 떨어지다")
    });
    server.assert_serves_a_fresh_build(&site, "a deleted translation", &[]);
}

/// Serves `site` once on `port`, until its snapshot is written; returns what `path`
/// answered. A snapshot serves only a later serve on the same port: its pages link it.
fn serve_until_snapshot(site: &TestSite, port: u16, path: &str) -> Reply {
    let snapshot = site.root.join(".flashpoint-cache/serve/index.json");
    let server = Server::start_listening(site, port);
    server.assert_serves_a_fresh_build(site, "the first serve", &[]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !snapshot.is_file() {
        assert!(Instant::now() < deadline, "no snapshot:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    server.get(path)
}

impl Server {
    /// Starts `serve` on `port` with its first build held back while `hold` exists, and
    /// returns once it listens.
    fn start_holding(site: &TestSite, port: u16, hold: &Path) -> Server {
        std::fs::write(hold, "").unwrap();
        let server = Server::spawn_with(site, port, &[("FLASHPOINT_SERVE_TEST_HOLD_FILE", hold)]);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !server.log().contains("(Ctrl-C to stop)") {
            assert!(
                Instant::now() < deadline,
                "serve did not start:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }
}

#[test]
fn a_second_serve_answers_from_the_snapshot_at_once_then_reloads_into_a_fresh_build() {
    let site = TestSite::new("basic");
    let port = free_port();
    let before = serve_until_snapshot(&site, port, "/stories/two/");
    // Between the two runs the sources change: the retitled story's page, the lists and
    // the neighbours' pages no longer match the snapshot.
    edit(
        &site,
        "content/stories/two.md",
        "title: \"Story Two\"",
        "title: \"Story Two, retitled\"",
    );
    let hold = site.root.parent().unwrap().join("hold");
    let server = Server::start_holding(&site, port, &hold);
    assert!(
        server.log().contains("files of the last serve's snapshot"),
        "{}",
        server.log()
    );
    // Before the first build, the page is the one the last serve left.
    let early = server.get("/stories/two/");
    assert_eq!((early.status, &early.body), (200, &before.body));
    let mut events = server.events();
    std::fs::remove_file(&hold).unwrap();
    events.wait_for("data: initial build: pages served before it have changed");
    server.assert_serves_a_fresh_build(&site, "a start from the snapshot", &[]);
}

#[test]
fn a_serve_started_after_a_build_serves_the_built_pages_at_once_then_a_fresh_build() {
    let site = TestSite::new("basic");
    site.build(&[]);
    // A file changed by hand after the build is not the build's: it is never served.
    let by_hand = site.public().join("stories/two/index.html");
    std::fs::write(&by_hand, "<p>changed by hand</p>\n").unwrap();
    let hold = site.root.parent().unwrap().join("hold");
    let server = Server::start_holding(&site, free_port(), &hold);
    assert!(
        server.log().contains("files of the last build in"),
        "{}",
        server.log()
    );
    let built = std::fs::read(site.public().join("index.html")).unwrap();
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.body,
        String::from_utf8_lossy(&inject(&built, LIVE_RELOAD_SCRIPT))
    );
    let mut events = server.events();
    let port = server.port;
    let waiting = std::thread::spawn(move || get_on(port, "/stories/two/").unwrap().body);
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_file(&hold).unwrap();
    let story = waiting.join().unwrap();
    assert!(
        !story.contains("changed by hand") && story.contains("Story Two"),
        "{story}"
    );
    events.wait_for("event: reload");
    server.assert_serves_a_fresh_build(&site, "a start from a build", &[]);
}

#[test]
fn a_truncated_snapshot_is_ignored_with_a_warning_and_never_served() {
    let site = TestSite::new("basic");
    let port = free_port();
    serve_until_snapshot(&site, port, "/");
    let blob = site.root.join(".flashpoint-cache/serve/files.bin");
    let bytes = std::fs::read(&blob).unwrap();
    std::fs::write(&blob, &bytes[..bytes.len() / 2]).unwrap();
    let server = Server::start_listening(&site, port);
    let log = server.log();
    assert!(
        log.contains("warning: ignoring serve's snapshot")
            && log.contains(
                ".flashpoint-cache/serve/index.json because its files.bin is truncated or replaced"
            ),
        "{log}"
    );
    assert!(!log.contains("files of the last serve's snapshot"), "{log}");
    server.assert_serves_a_fresh_build(&site, "a start past a truncated snapshot", &[]);
}

#[test]
fn a_snapshot_damaged_inside_serves_none_of_its_damaged_files() {
    let site = TestSite::new("basic");
    let port = free_port();
    serve_until_snapshot(&site, port, "/");
    // The same length, other bytes: only the recorded hashes can tell.
    let blob = site.root.join(".flashpoint-cache/serve/files.bin");
    let length = std::fs::metadata(&blob).unwrap().len() as usize;
    std::fs::write(&blob, vec![b'x'; length]).unwrap();
    let hold = site.root.parent().unwrap().join("hold");
    let server = Server::start_holding(&site, port, &hold);
    let waiting = std::thread::spawn(move || get_on(port, "/stories/two/").unwrap());
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_file(&hold).unwrap();
    let story = waiting.join().unwrap();
    assert!(
        story.status == 200 && !story.body.contains("xxxx") && story.body.contains("Story Two"),
        "{}",
        story.body
    );
    assert!(
        server.log().contains("is damaged (`")
            && server.log().contains("its damaged files are not served"),
        "{}",
        server.log()
    );
    server.assert_serves_a_fresh_build(&site, "a start past a damaged snapshot", &[]);
}

#[test]
fn a_damaged_build_manifest_is_ignored_with_a_warning() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let manifest = site.root.join(".flashpoint-cache/public.manifest.json");
    std::fs::write(
        &manifest,
        "{\"format\": \"flashpoint-manifest-1\", \"files\": [",
    )
    .unwrap();
    let server = Server::start(&site);
    let log = server.log();
    assert!(
        log.contains("warning: ignoring the last build's output because its cache manifest")
            && log.contains("public.manifest.json is damaged"),
        "{log}"
    );
    assert!(!log.contains("files of the last build in"), "{log}");
    server.assert_serves_a_fresh_build(&site, "a start past a damaged manifest", &[]);
}

#[test]
fn a_second_serve_of_a_site_in_two_languages_keeps_every_editions_pages_from_the_snapshot() {
    let site = TestSite::new("bilingual");
    let port = free_port();
    serve_until_snapshot(&site, port, "/");
    let index: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.root.join(".flashpoint-cache/serve/index.json")).unwrap(),
    )
    .unwrap();
    let keyed: Vec<&str> = index["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| !entry["key"].is_null())
        .map(|entry| entry["path"].as_str().unwrap())
        .collect();
    assert!(
        keyed.contains(&"ko/stories/shelling/index.html"),
        "{keyed:?}"
    );
    let server = Server::start_listening(&site, port);
    // Nothing changed between the runs: every page and shard of both editions is kept.
    let kept = format!(
        "{} files verified from the last serve's snapshot",
        keyed.len()
    );
    server.wait_for_page("/", "the first build", |_| {
        server.log().contains("initial build:")
    });
    assert!(server.log().contains(&kept), "{kept}\n{}", server.log());
    server.assert_serves_a_fresh_build(&site, "a start from a bilingual snapshot", &[]);
}

#[test]
fn a_paginated_site_served_after_saves_equals_a_fresh_build_and_redraws_only_changed_pages() {
    let site = TestSite::example();
    let root = site.root.as_path();
    let config = root.join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}paginate: 2\n")).unwrap();
    let mut engine = Engine::new(root, ORIGIN, false);
    engine.rebuild().unwrap();
    assert!(served(&engine).contains_key("page/4/index.html"));
    assert_same_as_full_build(&engine, root, "the first build");

    // A title edit of a story on page 3: that page is drawn again, no other list page.
    let listed = served(&engine)["page/3/index.html"].clone();
    let listed = String::from_utf8(listed).unwrap();
    let id = listed
        .split("<h3><a href=\"/stories/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    let story = format!("content/stories/{id}.md");
    edit(&site, &story, "title: \"", "title: \"Retitled ");
    let rebuilt = engine.rebuild().unwrap();
    assert!(rebuilt.rendered.contains(&"page/3/index.html".to_string()));
    for other in ["page/2/index.html", "page/4/index.html"] {
        assert!(
            !rebuilt.rendered.contains(&other.to_string()),
            "{other}: {:?}",
            rebuilt.rendered
        );
    }
    assert_same_as_full_build(&engine, root, "a title edit on page 3");

    // Two new stories shift every page and add one; their removal takes it away.
    for name in ["added-by-test", "added-too"] {
        site.write(
            &format!("content/stories/{name}.md"),
            "---\ntitle: Added\ndate: 2014-01-01\nsummary: New.\nactors: [north-korea]\n---\nNew text.\n",
        );
    }
    let rebuilt = engine.rebuild().unwrap();
    assert!(rebuilt.rendered.contains(&"page/5/index.html".to_string()));
    assert!(rebuilt.rendered.contains(&"page/2/index.html".to_string()));
    assert_same_as_full_build(&engine, root, "new stories");
    for name in ["added-by-test", "added-too"] {
        std::fs::remove_file(root.join(format!("content/stories/{name}.md"))).unwrap();
    }
    let rebuilt = engine.rebuild().unwrap();
    assert!(rebuilt.removed.contains(&"page/5/index.html".to_string()));
    assert_same_as_full_build(&engine, root, "removed stories");
}
