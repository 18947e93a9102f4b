//! The example site behind a real nginx, under a sub-path, with the server block of
//! docs/deploying.md: every internal link answers 200 with the media type and cache
//! policy of `flashpoint::hosting`, a missing path gets the site's 404 page, an alias
//! redirects, a precompressed file is sent to clients that accept gzip, and chromium loads
//! pages under the site's Content-Security-Policy without a violation.
//!
//! nginx runs as a child on a free loopback port, with its own prefix and temporary
//! folders, never the system's configuration. Without nginx the tests say so and pass,
//! unless `FLASHPOINT_REQUIRE_NGINX` is set (as `.ci/run` does), when they fail.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestSite, repo_root};
use flashpoint::hosting::{CachePolicy, cache_policy, is_content_hashed, media_type};
use scraper::{Html, Selector};

const BASE: &str = "/korea-cyber/";
const ALIAS: &str = "/korea-cyber/stories/march-20-cyberattack/";
const ALIAS_TARGET: &str = "/korea-cyber/stories/march-20-attack-banks-broadcasters/";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut folders: Vec<PathBuf> = std::env::split_paths(&path).collect();
    folders.extend(["/usr/sbin", "/usr/local/sbin", "/usr/bin"].map(PathBuf::from));
    names
        .iter()
        .flat_map(|name| folders.iter().map(move |folder| folder.join(name)))
        .find(|candidate| candidate.is_file())
}

/// nginx, or None when it is missing and not required.
fn nginx_program() -> Option<PathBuf> {
    let found = find_program(&["nginx"]);
    if found.is_none() {
        assert!(
            std::env::var_os("FLASHPOINT_REQUIRE_NGINX").is_none(),
            "FLASHPOINT_REQUIRE_NGINX is set but nginx is not installed"
        );
        eprintln!("nginx is not installed: the deployment test is skipped");
    }
    found
}

/// The server block between the markers of docs/deploying.md.
fn documented_server_block() -> String {
    let doc = std::fs::read_to_string(repo_root().join("docs/deploying.md")).unwrap();
    let start = doc.find("<!-- nginx-server-block:start -->").unwrap();
    let end = doc.find("<!-- nginx-server-block:end -->").unwrap();
    let block = &doc[start..end];
    let code = block.split("```nginx\n").nth(1).unwrap();
    code.split("```").next().unwrap().to_string()
}

/// A running nginx serving `www` (holding `korea-cyber/`), stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Nginx {
    fn start(program: &Path, www: &Path, dir: &Path, port: u16) -> Nginx {
        let block = documented_server_block();
        assert!(block.contains("127.0.0.1:8080") && block.contains("/var/www"));
        let block = block
            .replace("127.0.0.1:8080", &format!("127.0.0.1:{port}"))
            .replace("/var/www", www.to_str().unwrap());
        let d = dir.to_str().unwrap();
        let config = format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\n\
             error_log {d}/error.log;\nevents {{ worker_connections 64; }}\n\
             http {{\n access_log off;\n client_body_temp_path {d}/body;\n\
             proxy_temp_path {d}/proxy;\n fastcgi_temp_path {d}/fastcgi;\n\
             uwsgi_temp_path {d}/uwsgi;\n scgi_temp_path {d}/scgi;\n{block}}}\n"
        );
        std::fs::write(dir.join("nginx.conf"), config).unwrap();
        let child = Command::new(program)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut nginx = Nginx {
            child,
            port,
            dir: dir.to_path_buf(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = nginx.child.try_wait().unwrap() {
                let log = std::fs::read_to_string(nginx.dir.join("error.log")).unwrap_or_default();
                panic!("nginx exited with {status}:\n{log}");
            }
            assert!(Instant::now() < deadline, "nginx did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// One HTTP/1.1 GET, with `Connection: close` (nginx sends static files with a length).
fn get(port: u16, path: &str, accept_gzip: bool) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let encoding = if accept_gzip {
        "Accept-Encoding: gzip\r\n"
    } else {
        ""
    };
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{encoding}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// The output file a URL path under the base path names.
fn output_file(url_path: &str) -> String {
    let inside = url_path.strip_prefix(BASE).unwrap();
    if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_string()
    }
}

/// The example built for the sub-path, with precompressed copies, into `<tmp>/www/korea-cyber`.
fn built_example(port: u16) -> (TestSite, PathBuf) {
    let site = TestSite::example();
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{yaml}hosting:\n  precompress: true\n"),
    );
    let www = site.root.parent().unwrap().join("www");
    let output = www.join("korea-cyber");
    let base_url = format!("http://127.0.0.1:{port}{BASE}");
    let out = site.run(&[
        "build",
        "--base-url",
        &base_url,
        "--output",
        output.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    (site, www)
}

fn internal_links(page_url: &str, html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    let base = url::Url::parse(page_url).unwrap();
    let mut links = Vec::new();
    for (selector, attribute) in [("[href]", "href"), ("[src]", "src")] {
        let selector = Selector::parse(selector).unwrap();
        for element in document.select(&selector) {
            let value = element.value().attr(attribute).unwrap();
            let Ok(mut resolved) = base.join(value) else {
                continue;
            };
            if resolved.origin() != base.origin() {
                continue;
            }
            resolved.set_fragment(None);
            links.push(resolved.path().to_string());
        }
    }
    links
}

#[test]
fn the_example_under_a_sub_path_behind_nginx_has_no_broken_link_wrong_type_or_wrong_header() {
    let Some(program) = nginx_program() else {
        return;
    };
    let port = free_port();
    let (site, www) = built_example(port);
    let run_dir = site.root.parent().unwrap().join("nginx");
    std::fs::create_dir_all(&run_dir).unwrap();
    let nginx = Nginx::start(&program, &www, &run_dir, port);
    let output = www.join("korea-cyber");

    // Crawl every page reachable from the home page, checking every internal href and src.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue = VecDeque::from([BASE.to_string()]);
    seen.insert(BASE.to_string());
    let (mut pages, mut checked, mut hashed) = (0, 0, 0);
    let mut problems = Vec::new();
    while let Some(path) = queue.pop_front() {
        let response = get(nginx.port, &path, false);
        checked += 1;
        let file = output_file(&path);
        if response.status != 200 {
            problems.push(format!("{path}: status {}", response.status));
            continue;
        }
        let expected_type = media_type(&file);
        if response.header("content-type") != expected_type {
            problems.push(format!(
                "{path}: Content-Type `{}`, expected `{expected_type}`",
                response.header("content-type")
            ));
        }
        let expected_cache = cache_policy(&file).header_value();
        if response.header("cache-control") != expected_cache {
            problems.push(format!(
                "{path}: Cache-Control `{}`, expected `{expected_cache}`",
                response.header("cache-control")
            ));
        }
        if is_content_hashed(&file) {
            hashed += 1;
        }
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "strict-origin-when-cross-origin"),
        ] {
            if response.header(name) != value {
                problems.push(format!("{path}: {name} `{}`", response.header(name)));
            }
        }
        if !response
            .header("content-security-policy")
            .contains("default-src 'self'")
        {
            problems.push(format!("{path}: no Content-Security-Policy"));
        }
        assert_eq!(
            response.body,
            std::fs::read(output.join(&file)).unwrap(),
            "{path}: the body is not the file's bytes"
        );
        if expected_type.starts_with("text/html") {
            pages += 1;
            let html = String::from_utf8(response.body).unwrap();
            for link in internal_links(&format!("http://127.0.0.1:{port}{path}"), &html) {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
    }
    eprintln!(
        "crawled {pages} pages, checked {checked} internal addresses ({hashed} hashed assets): {} problems",
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        pages >= 30,
        "only {pages} pages were reached from the home page"
    );
    assert!(hashed >= 4, "only {hashed} hashed assets were linked");
    assert!(
        seen.iter().all(|path| path.starts_with(BASE)),
        "a link escaped the sub-path: {:?}",
        seen.iter().find(|path| !path.starts_with(BASE))
    );

    // An unknown path answers the site's 404 page with status 404.
    let missing = get(nginx.port, "/korea-cyber/stories/no-such-story/", false);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(
        missing.body,
        std::fs::read(output.join("404.html")).unwrap()
    );

    // An alias redirects to its target, with and without its trailing slash.
    for alias in [ALIAS, ALIAS.trim_end_matches('/')] {
        let moved = get(nginx.port, alias, false);
        assert_eq!(moved.status, 301, "{alias}");
        assert_eq!(
            moved.header("location"),
            format!("http://127.0.0.1:{port}{ALIAS_TARGET}"),
            "{alias}"
        );
    }

    // A precompressed file is sent to a client that accepts gzip, the plain one otherwise.
    let stylesheet = std::fs::read_dir(&output)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .find(|name| {
            name.starts_with("style.") && name.ends_with(".css") && is_content_hashed(name)
        })
        .unwrap();
    for (path, file) in [
        (format!("{BASE}{stylesheet}"), stylesheet.clone()),
        (BASE.to_string(), "index.html".to_string()),
    ] {
        let zipped = get(nginx.port, &path, true);
        assert_eq!(zipped.status, 200);
        assert_eq!(zipped.header("content-encoding"), "gzip", "{path}");
        assert_eq!(
            zipped.body,
            std::fs::read(output.join(format!("{file}.gz"))).unwrap()
        );
        assert_eq!(zipped.header("content-type"), media_type(&file));
        let plain = get(nginx.port, &path, false);
        assert_eq!(plain.header("content-encoding"), "");
        assert_eq!(plain.body, std::fs::read(output.join(&file)).unwrap());
    }
    assert_eq!(
        cache_policy(&stylesheet),
        CachePolicy::Immutable,
        "the stylesheet is a hashed asset"
    );

    // The host files are not served to readers.
    for host_file in ["_headers", "_redirects", "_nginx.conf"] {
        assert_eq!(
            get(nginx.port, &format!("{BASE}{host_file}"), false).status,
            404
        );
    }
    drop(nginx);
}

/// Console lines in which chromium reports a Content-Security-Policy violation, loading
/// `path` from the server (scripts run, charts draw, the search interface starts).
fn csp_violations(chromium: &Path, port: u16, path: &str, profile: &Path) -> Vec<String> {
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("http://127.0.0.1:{port}{path}"))
        .output()
        .unwrap();
    assert!(output.status.success(), "chromium failed on {path}");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("</html>"),
        "chromium drew no page for {path}"
    );
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| line.contains("Content Security Policy"))
        .map(str::to_string)
        .collect()
}

#[test]
fn chromium_behind_nginx_loads_the_example_under_its_content_security_policy_without_a_violation() {
    let Some(program) = nginx_program() else {
        return;
    };
    let Some(chromium) = find_program(&["chromium", "chromium-browser"]) else {
        assert!(
            std::env::var_os("FLASHPOINT_REQUIRE_CHROMIUM").is_none(),
            "FLASHPOINT_REQUIRE_CHROMIUM is set but chromium is not installed"
        );
        eprintln!("chromium is not installed: the policy test is skipped");
        return;
    };
    let port = free_port();
    let (site, www) = built_example(port);
    let run_dir = site.root.parent().unwrap().join("nginx");
    std::fs::create_dir_all(&run_dir).unwrap();
    let profile = site.root.parent().unwrap().join("chromium");
    let snippet = www.join("korea-cyber/_nginx.conf");
    let served = std::fs::read_to_string(&snippet).unwrap();
    let pages = [
        BASE.to_string(),
        format!("{BASE}timeline/"),
        format!("{BASE}forces/"),
        format!("{BASE}actors/north-korea/"),
        ALIAS_TARGET.to_string(),
        format!("{BASE}search/"),
    ];
    {
        let nginx = Nginx::start(&program, &www, &run_dir, port);
        for page in &pages {
            let violations = csp_violations(&chromium, nginx.port, page, &profile);
            assert!(violations.is_empty(), "{page}:\n{}", violations.join("\n"));
        }
    }
    // The same check sees a violation when the policy forbids the theme's scripts.
    std::fs::write(
        &snippet,
        served.replace("script-src 'self'", "script-src 'none'"),
    )
    .unwrap();
    let nginx = Nginx::start(&program, &www, &run_dir, port);
    // A fresh profile: the first one holds the pages, cached under the served policy.
    let violations = csp_violations(
        &chromium,
        nginx.port,
        BASE,
        &profile.with_extension("control"),
    );
    assert!(
        violations.iter().any(|line| line.contains("theme-init.")),
        "no violation reported under a policy without scripts: {violations:?}"
    );
}

#[test]
fn a_missing_address_in_the_korean_edition_behind_nginx_gets_the_korean_404_page() {
    let Some(program) = nginx_program() else {
        return;
    };
    let port = free_port();
    let site = TestSite::new("bilingual");
    let www = site.root.parent().unwrap().join("www");
    let output = www.join("korea-cyber");
    let out = site.run(&[
        "build",
        "--base-url",
        &format!("http://127.0.0.1:{port}{BASE}"),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let run_dir = site.root.parent().unwrap().join("nginx");
    std::fs::create_dir_all(&run_dir).unwrap();
    let nginx = Nginx::start(&program, &www, &run_dir, port);

    let korean = get(nginx.port, "/korea-cyber/ko/stories/no-such-story/", false);
    assert_eq!(korean.status, 404);
    assert_eq!(korean.header("content-type"), "text/html; charset=utf-8");
    assert!(!korean.header("content-security-policy").is_empty());
    assert_eq!(
        korean.body,
        std::fs::read(output.join("ko/404.html")).unwrap()
    );
    let english = get(nginx.port, "/korea-cyber/stories/no-such-story/", false);
    assert_eq!(english.status, 404);
    assert_eq!(
        english.body,
        std::fs::read(output.join("404.html")).unwrap()
    );
    // The Korean edition's own pages are still served as before.
    let home = get(nginx.port, "/korea-cyber/ko/", false);
    assert_eq!(home.status, 200);
    assert_eq!(
        home.body,
        std::fs::read(output.join("ko/index.html")).unwrap()
    );
}
