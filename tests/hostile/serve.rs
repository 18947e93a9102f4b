//! Hostile-input cases: serve. The real binary over loopback HTTP: it answers only
//! requests that name it (against DNS rebinding), says so when it listens on every
//! address and keeps `0.0.0.0` out of the site's URLs, and survives a panicking rebuild.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestSite;

/// The running `serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Server {
    /// Starts `serve` on a free port with `args` and `env`, and waits until `/` answers.
    fn start(site: &TestSite, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = site.root.parent().unwrap().join("serve.log");
        let out = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
        command
            .args(["serve", "--port", &port.to_string()])
            .args(args)
            .arg("--root")
            .arg(&site.root)
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .stdin(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let server = Server {
            child: command.spawn().unwrap(),
            port,
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if server.try_get("/").is_some_and(|r| r.status == 200) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("serve did not start:\n{}", server.log());
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends `request` as it is and reads the reply until the server closes, or until
    /// `until` has arrived (for the event stream, which stays open).
    fn send(&self, request: &str, until: &str) -> Option<Reply> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_millis(500)))
            .ok()?;
        stream.write_all(request.as_bytes()).ok()?;
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut raw = Vec::new();
        let mut buffer = [0u8; 8192];
        while Instant::now() < deadline {
            match stream.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => raw.extend_from_slice(&buffer[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return None,
            }
            if !until.is_empty() && String::from_utf8_lossy(&raw).contains(until) {
                break;
            }
        }
        let text = String::from_utf8_lossy(&raw);
        let (head, body) = text.split_once("\r\n\r\n")?;
        let status = head.split_whitespace().nth(1)?.parse().ok()?;
        Some(Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        })
    }

    fn get_as(&self, host: &str, path: &str) -> Reply {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        self.send(&request, "")
            .unwrap_or_else(|| panic!("GET {path} as {host} failed:\n{}", self.log()))
    }

    fn try_get(&self, path: &str) -> Option<Reply> {
        self.send(
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
            "",
        )
    }

    /// Polls `path` (as `127.0.0.1`) until `check` holds, for at most 15 seconds.
    fn wait_for_page(&self, path: &str, what: &str, check: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let reply = self.get_as("127.0.0.1", path);
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
}

fn edit(site: &TestSite, file: &str, from: &str, to: &str) {
    let path = site.root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn requests_naming_another_host_are_refused_as_misdirected() {
    let site = TestSite::new("basic");
    let server = Server::start(&site, &[], &[]);
    let port = server.port;
    let evil = format!("evil.example:{port}");

    for path in ["/", "/stories/one/", "/atom.xml", "/__flashpoint/events"] {
        let reply = server.get_as(&evil, path);
        assert_eq!(reply.status, 421, "{path}: {}", reply.head);
        assert!(reply.body.contains("Misdirected"), "{path}: {}", reply.body);
        assert!(!reply.body.contains("Story One"), "{path}: {}", reply.body);
    }
    for host in [
        "evil.example",
        "localhost.evil.example",
        "127.0.0.1.evil.example",
    ] {
        assert_eq!(server.get_as(host, "/").status, 421, "{host}");
    }
    // Without a Host (HTTP/1.0), and with a target naming another host.
    let bare = server.send("GET / HTTP/1.0\r\n\r\n", "").unwrap();
    assert_eq!(bare.status, 421, "{}", bare.head);
    let absolute = server
        .send(
            "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
            "",
        )
        .unwrap();
    assert_eq!(absolute.status, 421, "{}", absolute.head);

    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".to_string(),
    ] {
        let reply = server.get_as(&host, "/stories/one/");
        assert_eq!(reply.status, 200, "{host}: {}", reply.head);
        assert!(reply.body.contains("Story One"), "{host}");
    }
    let events = server
        .send(
            &format!(
                "GET /__flashpoint/events HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: text/event-stream\r\n\r\n"
            ),
            "event: hello",
        )
        .unwrap();
    assert_eq!(events.status, 200, "{}", events.head);
    assert!(events.body.contains("event: hello"), "{}", events.body);
}

#[test]
fn listening_on_every_address_warns_and_keeps_0_0_0_0_out_of_the_urls() {
    let site = TestSite::new("basic");
    let server = Server::start(&site, &["--bind", "0.0.0.0", "--drafts"], &[]);
    let port = server.port;
    let log = server.log();
    assert!(
        log.contains("warning: listening on 0.0.0.0: the preview, drafts included, is reachable from other machines"),
        "{log}"
    );
    assert!(!log.contains("http://0.0.0.0"), "{log}");

    let home = server.get_as(&format!("127.0.0.1:{port}"), "/");
    assert_eq!(home.status, 200);
    let canonical = home
        .body
        .split("<link rel=\"canonical\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no canonical link:\n{}", home.body))
        .to_string();
    assert!(
        canonical.starts_with("http://") && canonical.ends_with(&format!(":{port}/")),
        "{canonical}"
    );
    for path in [
        "/",
        "/stories/one/",
        "/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
    ] {
        let reply = server.get_as(&format!("localhost:{port}"), path);
        assert_eq!(reply.status, 200, "{path}");
        assert!(!reply.body.contains("0.0.0.0"), "{path}:\n{}", reply.body);
    }
    let feed = server.get_as(&format!("localhost:{port}"), "/atom.xml");
    assert!(feed.body.contains(&canonical), "{}", feed.body);

    // The address in the site's links is one the server answers to.
    let host = canonical
        .trim_start_matches("http://")
        .trim_end_matches('/');
    assert!(log.contains(&format!("http://{host}/")), "{log}");
    assert_eq!(server.get_as(host, "/").status, 200, "{host}");
    assert_eq!(server.get_as("0.0.0.0", "/").status, 200);
    assert_eq!(server.get_as("evil.example", "/").status, 421);
}

#[test]
fn a_panicking_rebuild_shows_in_the_overlay_and_the_next_save_rebuilds() {
    let site = TestSite::new("basic");
    let flag = site.root.parent().unwrap().join("panic-now");
    let server = Server::start(
        &site,
        &[],
        &[("FLASHPOINT_SERVE_TEST_PANIC_FILE", flag.as_os_str())],
    );

    std::fs::write(&flag, "").unwrap();
    edit(
        &site,
        "content/stories/one.md",
        "Alpha clashed",
        "Alpha quarrelled",
    );
    let page = server.wait_for_page("/stories/one/", "the panic overlay", |r| {
        r.body.contains("flashpoint-error-overlay")
    });
    assert!(
        page.body
            .contains("flashpoint hit an internal error while rebuilding"),
        "{}",
        page.body
    );
    assert!(page.body.contains("please report it"), "{}", page.body);
    // The last good page is still the one served under the overlay.
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Alpha clashed"), "{}", page.body);
    let log = server.log();
    assert!(
        log.contains("error: flashpoint hit an internal error while rebuilding: test panic"),
        "{log}"
    );

    std::fs::remove_file(&flag).unwrap();
    edit(
        &site,
        "content/stories/one.md",
        "Alpha quarrelled",
        "Alpha made peace",
    );
    // The new text is served a moment before the overlay is dropped, so wait for both.
    server.wait_for_page("/stories/one/", "the next save, without the overlay", |r| {
        r.body.contains("Alpha made peace") && !r.body.contains("flashpoint-error-overlay")
    });
}
