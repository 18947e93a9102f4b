//! `flashpoint deploy` against a real S3 server on loopback (s3s-fs, which checks request
//! signatures) and against a `file://` folder: what is uploaded, in which order, with
//! which headers, what is deleted, and what happens when the server goes away midway.

mod common;
#[path = "deploy/s3_server.rs"]
mod s3_server;

use std::collections::BTreeMap;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{TestSite, file_tree, stderr};
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{Attribute, ObjectStore, ObjectStoreExt};
use s3_server::{ACCESS_KEY, BUCKET, S3Server, SECRET_KEY, slow_relay, stored_keys};

const PREFIX: &str = "news/explainer";
const MANIFEST: &str = ".flashpoint-deploy.json";

/// The basic fixture with one target pointing at `endpoint`.
fn site_for(endpoint: &str, url: &str) -> TestSite {
    let site = TestSite::new("basic");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!(
            "{config}deploy:\n  targets:\n    - name: staging\n      url: {url}\n      region: us-east-1\n      endpoint: {endpoint}\n"
        ),
    );
    site
}

fn s3_site(server: &S3Server) -> TestSite {
    site_for(&server.endpoint(), &format!("s3://{BUCKET}/{PREFIX}"))
}

/// Runs `flashpoint deploy` with only the test server's credentials in the environment.
fn deploy_with(site: &TestSite, args: &[&str], secret: &str) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
    command
        .arg("deploy")
        .args(args)
        .arg("--root")
        .arg(&site.root);
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy().into_owned();
        if name.starts_with("AWS_") || name.starts_with("GOOGLE_") || name.starts_with("AZURE_") {
            command.env_remove(&name);
        }
    }
    command
        .env("HOME", home.path())
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .output()
        .unwrap()
}

fn deploy(site: &TestSite, args: &[&str]) -> Output {
    deploy_with(site, args, SECRET_KEY)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn assert_success(output: &Output) -> String {
    assert!(
        output.status.success(),
        "deploy failed ({:?}):\n{}{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
    stdout(output)
}

/// The count after `word` in the summary line, e.g. `uploaded 7,` gives 7.
fn count_after(summary: &str, word: &str) -> usize {
    let rest = summary
        .split(&format!("{word} "))
        .nth(1)
        .unwrap_or_else(|| panic!("no `{word}` in {summary:?}"));
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

/// The paths a dry run would upload, in order.
fn planned_uploads(plan: &str) -> Vec<String> {
    plan.lines()
        .filter_map(|line| line.trim().strip_prefix("upload "))
        .map(|rest| rest.split(" (").next().unwrap().to_string())
        .collect()
}

/// The files deploy publishes: the output without its dotfiles.
fn publishable(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    file_tree(&site.public())
        .into_iter()
        .filter(|(path, _)| !path.split('/').any(|part| part.starts_with('.')))
        .collect()
}

fn client(server: &S3Server) -> object_store::aws::AmazonS3 {
    AmazonS3Builder::new()
        .with_bucket_name(BUCKET)
        .with_region("us-east-1")
        .with_endpoint(server.endpoint())
        .with_allow_http(true)
        .with_access_key_id(ACCESS_KEY)
        .with_secret_access_key(SECRET_KEY)
        .build()
        .unwrap()
}

/// One object as fetched over S3: bytes and the headers deploy set.
struct Fetched {
    bytes: Vec<u8>,
    etag: Option<String>,
    content_type: Option<String>,
    cache_control: Option<String>,
}

/// Lists the prefix and fetches every object, over the S3 protocol.
fn fetch_all(server: &S3Server) -> BTreeMap<String, Fetched> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use futures_util::StreamExt;
        let store = client(server);
        let prefix = ObjectPath::from(PREFIX);
        let mut listed = Vec::new();
        let mut stream = store.list(Some(&prefix));
        while let Some(meta) = stream.next().await {
            listed.push(meta.unwrap().location);
        }
        let mut all = BTreeMap::new();
        for location in listed {
            let got = store.get(&location).await.unwrap();
            let attribute = |a: Attribute| got.attributes.get(&a).map(|v| v.as_ref().to_string());
            let content_type = attribute(Attribute::ContentType);
            let cache_control = attribute(Attribute::CacheControl);
            let etag = got.meta.e_tag.clone();
            let bytes = got.bytes().await.unwrap().to_vec();
            let key = location
                .as_ref()
                .strip_prefix(&format!("{PREFIX}/"))
                .unwrap()
                .to_string();
            all.insert(
                key,
                Fetched {
                    bytes,
                    etag,
                    content_type,
                    cache_control,
                },
            );
        }
        all
    })
}

/// Every local file is at the target byte for byte, with the hosting policy's headers and
/// its MD5 as ETag; the target holds nothing else but the manifest.
fn assert_target_matches_build(server: &S3Server, site: &TestSite) {
    let local = publishable(site);
    let mut remote = fetch_all(server);
    let manifest = remote.remove(MANIFEST).expect("the deploy manifest");
    assert!(String::from_utf8_lossy(&manifest.bytes).contains("flashpoint-deploy-1"));
    let local_keys: Vec<&String> = local.keys().collect();
    let remote_keys: Vec<&String> = remote.keys().collect();
    assert_eq!(local_keys, remote_keys);
    for (path, bytes) in &local {
        let object = &remote[path];
        assert!(object.bytes == *bytes, "{path}: bytes differ");
        let md5 = md5_hex(bytes);
        assert_eq!(
            object.etag.as_deref().map(|e| e.trim_matches('"')),
            Some(md5.as_str()),
            "{path}: ETag"
        );
        assert_eq!(
            object.content_type.as_deref(),
            Some(flashpoint::hosting::media_type(path)),
            "{path}: Content-Type"
        );
        assert_eq!(
            object.cache_control.as_deref(),
            Some(flashpoint::hosting::cache_policy(path).header_value()),
            "{path}: Cache-Control"
        );
    }
}

fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_first_deploy_puts_every_file_with_its_bytes_headers_and_md5_etag() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = s3_site(&server);
    site.build(&[]);
    let summary = assert_success(&deploy(&site, &[]));
    let files = publishable(&site).len();
    assert!(
        summary.starts_with(&format!("uploaded {files}, deleted 0, unchanged 0, ")),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("to s3://{BUCKET}/{PREFIX}")),
        "{summary}"
    );
    assert_target_matches_build(&server, &site);
    // Nothing outside the prefix was touched: every object is under it.
    assert!(
        stored_keys(&server.bucket_dir())
            .iter()
            .all(|key| key.starts_with(&format!("{PREFIX}/")))
    );
}

#[test]
fn a_deploy_with_nothing_changed_uploads_nothing_whether_trusting_the_manifest_or_listing() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = s3_site(&server);
    site.build(&[]);
    assert_success(&deploy(&site, &[]));
    let files = publishable(&site).len();
    for args in [&[][..], &["--verify"][..]] {
        let summary = assert_success(&deploy(&site, args));
        assert!(
            summary.starts_with(&format!(
                "uploaded 0, deleted 0, unchanged {files}, 0 KB in "
            )),
            "{args:?}: {summary}"
        );
    }
}

#[test]
fn a_missing_manifest_is_rebuilt_from_a_listing_without_uploading_again() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = s3_site(&server);
    site.build(&[]);
    assert_success(&deploy(&site, &[]));
    std::fs::remove_file(server.bucket_dir().join(PREFIX).join(MANIFEST)).unwrap();
    let plan = assert_success(&deploy(&site, &["--dry-run"]));
    assert!(
        plan.contains("compared with a listing (no deploy manifest at the target)"),
        "{plan}"
    );
    let summary = assert_success(&deploy(&site, &[]));
    assert!(summary.starts_with("uploaded 0, "), "{summary}");
    assert!(server.bucket_dir().join(PREFIX).join(MANIFEST).is_file());
}

#[test]
fn editing_one_story_uploads_only_the_files_the_build_rewrote_pages_after_assets() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = s3_site(&server);
    site.build(&[]);
    assert_success(&deploy(&site, &[]));
    let before = publishable(&site);
    let story = site.root.join("content/stories/one.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(
        &story,
        format!("{text}\nA new closing sentence about ceasefires.\n"),
    )
    .unwrap();
    site.build(&[]);
    let after = publishable(&site);
    let rewritten: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    assert!(rewritten.contains(&"stories/one/index.html".to_string()));
    assert!(
        rewritten.iter().any(|p| p.starts_with("pagefind/records/")),
        "{rewritten:?}"
    );

    let plan = assert_success(&deploy(&site, &["--dry-run"]));
    let planned = planned_uploads(&plan);
    let mut planned_sorted = planned.clone();
    planned_sorted.sort();
    assert_eq!(planned_sorted, rewritten, "{plan}");
    // The story's page goes after the search chunks it is indexed in.
    let page_at = planned
        .iter()
        .position(|p| p == "stories/one/index.html")
        .unwrap();
    let chunk_at = planned
        .iter()
        .position(|p| p.starts_with("pagefind/"))
        .unwrap();
    assert!(chunk_at < page_at, "{plan}");

    // Search chunks named after their old contents are gone from the build; --delete
    // removes them once the new pages are up.
    let gone = before.keys().filter(|p| !after.contains_key(*p)).count();
    assert!(gone > 0);
    let summary = assert_success(&deploy(&site, &["--delete"]));
    assert_eq!(
        count_after(&summary, "uploaded"),
        rewritten.len(),
        "{summary}"
    );
    assert_eq!(
        count_after(&summary, "unchanged"),
        after.len() - rewritten.len()
    );
    assert_eq!(count_after(&summary, "deleted"), gone, "{summary}");
    assert_target_matches_build(&server, &site);
}

#[test]
fn a_renamed_story_leaves_its_old_page_until_delete_which_max_deletes_bounds() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = s3_site(&server);
    let story = "---\ntitle: \"Story Four\"\ndate: 2020-04-01\nsummary: \"Fourth.\"\nactors: [alpha]\n---\nFour.\n";
    site.write("content/stories/four.md", story);
    site.build(&[]);
    assert_success(&deploy(&site, &[]));
    let old_page = server
        .bucket_dir()
        .join(PREFIX)
        .join("stories/four/index.html");
    assert!(old_page.is_file());

    let before = publishable(&site);
    std::fs::remove_file(site.root.join("content/stories/four.md")).unwrap();
    site.write("content/stories/renamed-four.md", story);
    site.build(&[]);
    let after = publishable(&site);
    // The old page and the search chunks named after the old contents.
    let gone = before.keys().filter(|p| !after.contains_key(*p)).count();
    assert!(gone > 1);
    let summary = assert_success(&deploy(&site, &[]));
    assert!(summary.contains("deleted 0"), "{summary}");
    assert!(summary.contains("left in place"), "{summary}");
    assert!(old_page.is_file(), "without --delete the old page stays");
    assert!(
        server
            .bucket_dir()
            .join(PREFIX)
            .join("stories/renamed-four/index.html")
            .is_file()
    );

    let refused = deploy(&site, &["--delete", "--max-deletes", "0"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let message = stderr(&refused);
    assert!(message.contains("site.yaml:9:12"), "{message}");
    assert!(
        message.contains(&format!(
            "would delete {gone} objects, more than --max-deletes 0"
        )),
        "{message}"
    );
    assert!(old_page.is_file(), "a refused deploy changes nothing");

    let summary = assert_success(&deploy(&site, &["--delete"]));
    assert!(
        summary.starts_with(&format!("uploaded 0, deleted {gone}, ")),
        "{summary}"
    );
    assert!(!old_page.exists());
    assert_target_matches_build(&server, &site);
}

#[test]
fn a_deploy_cut_short_by_the_server_stopping_keeps_the_old_home_and_the_next_run_finishes() {
    let Some(mut server) = S3Server::start() else {
        return;
    };
    let relay = slow_relay(server.port, Duration::from_millis(40));
    let site = site_for(
        &format!("http://127.0.0.1:{relay}"),
        &format!("s3://{BUCKET}/{PREFIX}"),
    );
    site.build(&[]);
    assert_success(&deploy(&site, &[]));
    let stored = server.bucket_dir().join(PREFIX);
    let old_home = std::fs::read(stored.join("index.html")).unwrap();
    let old_story = std::fs::read(stored.join("stories/one/index.html")).unwrap();

    // Edit a story so that search chunks, pages and the home page all change.
    let story = site.root.join("content/stories/one.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(
        &story,
        text.replace("title: \"Story One\"", "title: \"Story One, revised\""),
    )
    .unwrap();
    site.build(&[]);
    assert_ne!(
        std::fs::read(site.public().join("index.html")).unwrap(),
        old_home
    );

    let mut running = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
    running
        .args(["deploy", "--jobs", "1", "--root"])
        .arg(&site.root)
        .env("HOME", tempfile::tempdir().unwrap().path())
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = running.spawn().unwrap();
    // Stop the server as soon as the first rewritten page has arrived.
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read(stored.join("stories/one/index.html")).unwrap_or_default() == old_story {
        assert!(
            Instant::now() < deadline,
            "the deploy never reached the pages"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    server.stop();
    let cut = child.wait_with_output().unwrap();
    assert_eq!(
        cut.status.code(),
        Some(2),
        "{}{}",
        stdout(&cut),
        stderr(&cut)
    );
    let message = stderr(&cut);
    assert!(
        message.contains("deploy stopped after uploading"),
        "{message}"
    );
    assert!(
        message.contains("running `flashpoint deploy` again finishes the job"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(stored.join("index.html")).unwrap(),
        old_home,
        "the home page is uploaded last, so readers still get the old one"
    );

    server.restart();
    let summary = assert_success(&deploy(&site, &["--delete"]));
    assert!(count_after(&summary, "uploaded") > 0, "{summary}");
    assert_target_matches_build(&server, &site);
    let again = assert_success(&deploy(&site, &[]));
    assert!(again.starts_with("uploaded 0, "), "{again}");
}

#[test]
fn wrong_credentials_are_reported_as_access_denied_without_the_secret() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = s3_site(&server);
    site.build(&[]);
    let wrong_secret = "wrong-secret-that-must-not-be-printed";
    let output = deploy_with(&site, &[], wrong_secret);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("error: access denied to s3://{BUCKET}/{PREFIX}")),
        "{message}"
    );
    assert!(message.contains("SignatureDoesNotMatch"), "{message}");
    assert!(!message.contains(wrong_secret) && !stdout(&output).contains(wrong_secret));
    assert!(
        stored_keys(&server.bucket_dir()).is_empty(),
        "nothing was uploaded"
    );
}

#[test]
fn a_missing_bucket_and_missing_credentials_are_named_as_such() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = site_for(&server.endpoint(), "s3://no-such-bucket/site");
    site.build(&[]);
    let output = deploy(&site, &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("error: the bucket of s3://no-such-bucket/site does not exist"),
        "{message}"
    );

    let mut command = Command::new(env!("CARGO_BIN_EXE_flashpoint"));
    command.arg("deploy").arg("--root").arg(&site.root);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("AWS_") {
            command.env_remove(name);
        }
    }
    let home = tempfile::tempdir().unwrap();
    let output = command.env("HOME", home.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message
            .contains("error: s3://no-such-bucket/site: no AWS credentials: set AWS_ACCESS_KEY_ID"),
        "{message}"
    );
}

#[test]
fn a_dry_run_prints_the_plan_in_upload_order_and_changes_nothing() {
    let Some(server) = S3Server::start() else {
        return;
    };
    let site = s3_site(&server);
    site.build(&[]);
    let plan = assert_success(&deploy(&site, &["--dry-run"]));
    assert!(stored_keys(&server.bucket_dir()).is_empty());
    let planned = planned_uploads(&plan);
    assert_eq!(planned.len(), publishable(&site).len());
    let tail: Vec<&str> = planned[planned.len() - 4..]
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        tail,
        ["index.html", "atom.xml", "robots.txt", "sitemap.xml"],
        "{plan}"
    );
    let first_page = planned.iter().position(|p| p.ends_with(".html")).unwrap();
    assert!(
        planned[..first_page].iter().any(|p| p == "style.css"),
        "{plan}"
    );
    assert!(
        plan.contains("\nassets:\n") && plan.contains("\npages:\n"),
        "{plan}"
    );
    assert!(
        plan.contains("home, feeds and sitemap:\n  upload index.html (new, "),
        "{plan}"
    );
}

#[test]
fn a_file_target_receives_the_site_and_a_manifest_and_skips_unchanged_files() {
    let target = tempfile::tempdir().unwrap();
    let folder = target.path().join("mirror");
    let site = site_for(
        "http://127.0.0.1:9",
        &format!("file://{}", folder.display()),
    );
    site.build(&[]);
    let summary = assert_success(&deploy(&site, &[]));
    let local = publishable(&site);
    assert!(
        summary.starts_with(&format!("uploaded {}, ", local.len())),
        "{summary}"
    );
    let mut copied = file_tree(&folder);
    assert!(copied.remove(MANIFEST).is_some());
    assert!(copied == local, "the folder holds exactly the site");
    let again = assert_success(&deploy(&site, &[]));
    assert!(again.starts_with("uploaded 0, deleted 0, "), "{again}");
}

#[test]
fn deploy_targets_are_checked_with_the_place_of_each_mistake() {
    let site = site_for("http://127.0.0.1:9", "ftp://bucket/x");
    let output = deploy(&site, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("site.yaml:9:12"), "{message}");
    assert!(
        message.contains("the deploy url `ftp://bucket/x` has the scheme `ftp`"),
        "{message}"
    );

    let site = site_for("http://127.0.0.1:9", "s3://bucket/x");
    let output = deploy(&site, &["--target", "production"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("site.yaml:9:12: error: no deploy target is named `production`"),
        "{message}"
    );
    assert!(message.contains("staging"), "{message}");

    let unbuilt = deploy(&site, &[]);
    assert_eq!(unbuilt.status.code(), Some(2));
    assert!(
        stderr(&unbuilt).contains("run `flashpoint build` first"),
        "{}",
        stderr(&unbuilt)
    );
}
