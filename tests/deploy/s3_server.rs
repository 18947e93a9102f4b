//! A real S3 server on loopback for the deploy tests: `s3s-fs` (crates.io), which checks
//! every request's signature and keeps each object as a file under its root folder.
//!
//! The binary is found through `FLASHPOINT_S3_SERVER` (set by `.ci/run`), else `s3s-fs` on
//! the PATH or in ~/.cargo/bin. Without it the tests skip with a message, except under
//! `CI=true` or when `FLASHPOINT_S3_SERVER` names a missing file, where they fail: CI must
//! never pass by testing nothing.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

pub const ACCESS_KEY: &str = "FLASHPOINTTESTKEY";
pub const SECRET_KEY: &str = "flashpoint-test-secret-0123456789";
pub const BUCKET: &str = "site-bucket";

/// The server binary, or None when it is missing outside CI.
pub fn server_binary() -> Option<PathBuf> {
    let from_env = std::env::var_os("FLASHPOINT_S3_SERVER").map(PathBuf::from);
    if let Some(named) = &from_env {
        assert!(
            named.is_file(),
            "FLASHPOINT_S3_SERVER names {}, which is not a file",
            named.display()
        );
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("s3s-fs"))
            .find(|candidate| candidate.is_file())
    });
    let in_cargo = std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cargo/bin/s3s-fs"))
        .filter(|candidate| candidate.is_file());
    let found = from_env.or(on_path).or(in_cargo);
    if found.is_none() {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !in_ci,
            "no S3 test server: set FLASHPOINT_S3_SERVER to an s3s-fs binary \
             (.ci/run installs one with `cargo install s3s-fs`)"
        );
        eprintln!("skipped: no s3s-fs (set FLASHPOINT_S3_SERVER or run .ci/run)");
    }
    found
}

/// A running s3s-fs over a temporary folder, with one empty bucket.
pub struct S3Server {
    binary: PathBuf,
    pub data: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

impl S3Server {
    /// Starts a server, or returns None (after saying why) when there is no binary.
    pub fn start() -> Option<S3Server> {
        let binary = server_binary()?;
        let data = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(data.path().join(BUCKET)).unwrap();
        let port = free_port();
        let mut server = S3Server {
            binary,
            data,
            port,
            child: None,
        };
        server.restart();
        Some(server)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The folder holding the bucket's objects, one file each.
    pub fn bucket_dir(&self) -> PathBuf {
        self.data.path().join(BUCKET)
    }

    /// Starts (again) on the same port and folder, and waits until it accepts connections.
    pub fn restart(&mut self) {
        let child = Command::new(&self.binary)
            .args(["--host", "127.0.0.1", "--port"])
            .arg(self.port.to_string())
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(self.data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.binary.display()));
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "s3s-fs did not start listening");
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills the server, as a crash or an outage would.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A TCP relay to `upstream_port` that holds every chunk a client sends for `delay`: a
/// slow network, so that a test can stop the server while a deploy is midway.
pub fn slow_relay(upstream_port: u16, delay: Duration) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { continue };
            thread::spawn(move || relay(client, upstream_port, delay));
        }
    });
    port
}

fn relay(client: TcpStream, upstream_port: u16, delay: Duration) {
    let Ok(upstream) = TcpStream::connect(("127.0.0.1", upstream_port)) else {
        return;
    };
    let (Ok(mut client_read), Ok(mut upstream_write)) = (client.try_clone(), upstream.try_clone())
    else {
        return;
    };
    let forward = thread::spawn(move || {
        use std::io::{Read, Write};
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match client_read.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    thread::sleep(delay);
                    if upstream_write.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = upstream_write.shutdown(std::net::Shutdown::Write);
    });
    let mut upstream_read = upstream;
    let mut client_write = client;
    let _ = std::io::copy(&mut upstream_read, &mut client_write);
    let _ = client_write.shutdown(std::net::Shutdown::Both);
    let _ = forward.join();
}

/// Every object file s3s-fs holds in `dir`, by key (its sidecar metadata files aside).
pub fn stored_keys(dir: &Path) -> Vec<String> {
    let mut keys: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            (!relative.starts_with(".bucket-")).then_some(relative)
        })
        .collect();
    keys.sort();
    keys
}
