//! Hostile-input cases: output. A build owns only the files it recorded writing in its
//! output folder: it refuses folders it did not make, never deletes a user's or a dotfile,
//! never writes over the site's own sources, and its commit is all or nothing, even when
//! it fails halfway or is killed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestSite, file_tree, stderr};

const HOOK: &str = "FLASHPOINT_TEST_COMMIT_HOOK";
const RECORD: &str = ".flashpoint-output.json";

fn flashpoint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_flashpoint"))
}

/// Runs `flashpoint build` with `args` and the site given by `--root`.
fn build(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = flashpoint();
    command
        .arg("build")
        .args(args)
        .arg("--root")
        .arg(&site.root);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "build failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(output)
    );
}

fn put(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The files of a folder that the build wrote (everything but the given user files).
fn without(tree: &BTreeMap<String, Vec<u8>>, user_files: &[&str]) -> BTreeMap<String, Vec<u8>> {
    tree.iter()
        .filter(|(name, _)| !user_files.contains(&name.as_str()))
        .map(|(name, bytes)| (name.clone(), bytes.clone()))
        .collect()
}

/// What a clean build of the site as it is now writes, built into a folder of its own.
fn fresh_tree(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    assert_success(&build(
        site,
        &["--no-cache", "--output", out.to_str().unwrap()],
        &[],
    ));
    file_tree(&out)
}

/// Names beside the output that a build keeps only while it runs.
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".staging-") || name.ends_with(".commit"))
        .collect()
}

#[test]
fn a_folder_holding_unrelated_files_is_refused_and_nothing_in_it_is_deleted() {
    let site = TestSite::new("basic");
    let home = tempfile::tempdir().unwrap();
    put(home.path(), ".ssh/id", "private key");
    put(home.path(), "Documents/x", "thesis");
    let before = file_tree(home.path());

    let output = build(&site, &["--output", home.path().to_str().unwrap()], &[]);

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("refusing to build into {}", home.path().display()))
            && message.contains("no record (.flashpoint-output.json) says flashpoint wrote them")
            && message.contains("--force"),
        "{message}"
    );
    assert_eq!(file_tree(home.path()), before);
}

#[test]
fn with_force_the_site_is_built_beside_unrelated_files_which_survive_every_later_build() {
    let site = TestSite::new("basic");
    let home = tempfile::tempdir().unwrap();
    put(home.path(), ".ssh/id", "private key");
    put(home.path(), "Documents/x", "thesis");
    let out = home.path().to_str().unwrap();
    site.write("content/stories/extra.md", STORY);

    assert_success(&build(&site, &["--force", "--output", out], &[]));
    assert!(home.path().join("stories/extra/index.html").is_file());
    // Built once, the folder is flashpoint's: no --force needed, and a page the site no
    // longer has goes while the user's files stay.
    std::fs::remove_file(site.root.join("content/stories/extra.md")).unwrap();
    assert_success(&build(&site, &["--output", out], &[]));

    let tree = file_tree(home.path());
    assert_eq!(tree[".ssh/id"], b"private key");
    assert_eq!(tree["Documents/x"], b"thesis");
    assert!(!home.path().join("stories/extra").exists());
    assert_eq!(
        without(&tree, &[".ssh/id", "Documents/x"]),
        fresh_tree(&site)
    );
}

#[test]
fn a_github_pages_checkout_in_public_keeps_git_cname_and_nojekyll_across_builds() {
    let site = TestSite::new("basic");
    let public = site.public();
    let user_files = [".git/HEAD", ".git/objects/ab/cdef", "CNAME", ".nojekyll"];
    for file in user_files {
        put(&public, file, &format!("user's {file}"));
    }
    // CNAME is not flashpoint's: the first build into the checkout needs --force.
    site.write("content/stories/extra.md", STORY);
    let refused = build(&site, &[], &[]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert_success(&build(&site, &["--force"], &[]));
    assert_success(&build(&site, &[], &[]));
    std::fs::remove_file(site.root.join("content/stories/extra.md")).unwrap();
    assert_success(&build(&site, &[], &[]));
    assert!(!public.join("stories/extra").exists());
    // Even a record that claims the user's dotfiles does not make them deletable.
    let record = std::fs::read_to_string(public.join(RECORD)).unwrap();
    let claimed = record.replacen(
        "\"files\": [",
        "\"files\": [\n    \".git/HEAD\",\n    \".nojekyll\",",
        1,
    );
    assert_ne!(claimed, record);
    std::fs::write(public.join(RECORD), claimed).unwrap();
    assert_success(&build(&site, &["--no-cache"], &[]));

    let tree = file_tree(&public);
    for file in user_files {
        assert_eq!(tree[file], format!("user's {file}").as_bytes(), "{file}");
    }
    assert_eq!(without(&tree, &user_files), fresh_tree(&site));
}

#[test]
fn ownership_survives_no_cache_and_a_deleted_cache_folder() {
    let site = TestSite::new("basic");
    site.write("content/stories/extra.md", STORY);
    site.write("content/stories/extra-two.md", STORY);
    site.build(&["--no-cache"]);
    put(&site.public(), "CNAME", "example.org");
    std::fs::remove_file(site.root.join("content/stories/extra.md")).unwrap();
    site.build(&[]);
    std::fs::remove_dir_all(site.root.join(".flashpoint-cache")).unwrap();
    std::fs::remove_file(site.root.join("content/stories/extra-two.md")).unwrap();
    site.build(&[]);
    assert!(!site.public().join("stories/extra").exists());
    assert!(!site.public().join("stories/extra-two").exists());
    assert_eq!(
        std::fs::read_to_string(site.public().join("CNAME")).unwrap(),
        "example.org"
    );
}

#[test]
fn an_output_recorded_only_in_an_older_builds_cache_manifest_is_still_owned() {
    let site = TestSite::new("basic");
    site.write("content/stories/extra.md", STORY);
    site.build(&[]);
    // Builds before the ownership record kept the list of files only in the manifest.
    std::fs::remove_file(site.public().join(RECORD)).unwrap();
    std::fs::remove_file(site.root.join("content/stories/extra.md")).unwrap();
    site.build(&[]);
    assert!(!site.public().join("stories/extra").exists());
    assert!(site.public().join(RECORD).is_file());
    assert_eq!(file_tree(&site.public()), fresh_tree(&site));
}

/// Runs `flashpoint build` with `args` in `cwd`, without `--root`.
fn build_in(cwd: &Path, args: &[&str]) -> Output {
    flashpoint()
        .arg("build")
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

#[test]
fn outputs_that_are_or_hold_the_sites_own_files_are_refused_and_nothing_changes() {
    let site = TestSite::new("basic");
    put(
        &site.root,
        "templates/README.txt",
        "the site's template overrides",
    );
    put(
        &site.root,
        "static/robots-extra.txt",
        "the site's static file",
    );
    let above = site.root.parent().unwrap().to_path_buf();
    let link = above.join("link-to-site");
    std::os::unix::fs::symlink(&site.root, &link).unwrap();
    let before = file_tree(&above);
    let link = link.to_str().unwrap();
    let cases = [
        ("../site", "it is the site's own folder"),
        (link, "it is the site's own folder"),
        ("templates", "it is inside the site's `templates`"),
        ("static", "it is inside the site's `static`"),
        ("content/x", "it is inside the site's `content`"),
        (
            "themes/default/../../content",
            "it is inside the site's `content`",
        ),
        ("..", "it holds the site's folder"),
        (".flashpoint-cache", "it is the build cache's folder"),
        (".git/x", "it is inside the site's `.git`"),
    ];
    for (output, why) in cases {
        let result = build_in(&site.root, &["--output", output]);
        let message = stderr(&result);
        assert_eq!(
            result.status.code(),
            Some(2),
            "--output {output}: {message}"
        );
        assert!(
            message.contains(&format!("refusing to write into {output}: {why}")),
            "--output {output}: {message}"
        );
        assert_eq!(file_tree(&above), before, "--output {output} changed files");
    }
}

#[test]
fn a_stale_staging_folder_and_a_finished_commits_backup_are_cleaned_up() {
    let site = TestSite::new("basic");
    site.build(&[]);
    put(
        &site.root,
        ".public.staging-AbC123/index.html",
        "half a build",
    );
    put(
        &site.root,
        ".public.commit/backup/index.html",
        "an old backup",
    );
    // Another output's staging folder is not this build's to remove.
    put(
        &site.root,
        ".other.staging-XyZ/index.html",
        "another output's",
    );
    site.build(&[]);
    assert_eq!(
        leftovers(&site.root),
        vec![".other.staging-XyZ".to_string()]
    );
    assert_eq!(file_tree(&site.public()), fresh_tree(&site));
}

/// Changes every page (the title is on all of them), removes a story and adds one.
fn change_site(site: &TestSite, generation: usize) {
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    let yaml: String = yaml
        .lines()
        .map(|line| {
            if line.starts_with("title:") {
                format!("title: \"Test Explainer {}\"", generation % 2)
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(site.root.join("site.yaml"), yaml + "\n").unwrap();
    let (gone, added) = if generation.is_multiple_of(2) {
        ("added", "three")
    } else {
        ("three", "added")
    };
    let _ = std::fs::remove_file(site.root.join(format!("content/stories/{gone}.md")));
    site.write(&format!("content/stories/{added}.md"), STORY);
}

const STORY: &str = "---\ntitle: \"A story\"\ndate: 2020-03-01\nsummary: \"One more.\"\n---\nA body that names [[alpha]].\n";

#[test]
fn a_commit_that_fails_at_any_step_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::new("basic");
    put(&site.public(), ".git/HEAD", "ref: main");
    site.build(&["--force"]);
    let before = file_tree(&site.public());
    change_site(&site, 1);
    for step in ["0", "1", "7", "15", "end"] {
        let output = build(&site, &[], &[(HOOK, &format!("fail-at:{step}"))]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "step {step}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(&format!("the commit failed at step {step}")),
            "{}",
            stderr(&output)
        );
        assert!(
            file_tree(&site.public()) == before,
            "step {step}: the output changed"
        );
        assert!(
            leftovers(&site.root).is_empty(),
            "{:?}",
            leftovers(&site.root)
        );
    }
    site.build(&[]);
    assert_eq!(
        without(&file_tree(&site.public()), &[".git/HEAD"]),
        fresh_tree(&site)
    );
}

#[test]
fn a_commit_failing_after_a_recorded_file_made_way_for_a_folder_restores_the_file() {
    let site = TestSite::new("basic");
    site.write("static/extra", "a file in the last build");
    site.build(&[]);
    let before = file_tree(&site.public());
    std::fs::remove_file(site.root.join("static/extra")).unwrap();
    site.write("static/extra/inside.txt", "a folder in this one");
    change_site(&site, 1);

    let output = build(&site, &[], &[(HOOK, "fail-at:end")]);

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the commit failed at step end"),
        "{}",
        stderr(&output)
    );
    assert!(file_tree(&site.public()) == before, "the output changed");
    assert!(
        leftovers(&site.root).is_empty(),
        "{:?}",
        leftovers(&site.root)
    );
    site.build(&[]);
    assert_eq!(file_tree(&site.public()), fresh_tree(&site));
}

#[test]
fn a_file_standing_where_the_site_needs_a_folder_fails_the_commit_which_rolls_back() {
    let site = TestSite::new("basic");
    site.build(&[]);
    change_site(&site, 1);
    // The new story's folder sorts after most files, so they were moved in before.
    put(
        &site.public(),
        "stories/added",
        "the user's file, not a folder",
    );
    let before = file_tree(&site.public());

    let output = build(&site, &[], &[]);

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let expected = format!(
        "cannot create folder {}",
        site.public().join("stories/added").display()
    );
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    assert!(file_tree(&site.public()) == before, "the output changed");
    assert!(
        leftovers(&site.root).is_empty(),
        "{:?}",
        leftovers(&site.root)
    );
}

#[test]
fn a_symlink_standing_where_the_site_has_a_folder_is_not_written_through() {
    let site = TestSite::new("basic");
    site.build(&[]);
    let elsewhere = site.root.parent().unwrap().join("elsewhere");
    put(&elsewhere, "alpha/index.html", "someone else's page");
    std::fs::remove_dir_all(site.public().join("actors")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.public().join("actors")).unwrap();
    change_site(&site, 1);
    let before = file_tree(&site.public());

    let output = build(&site, &[], &[]);

    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let expected = format!(
        "cannot write into {}: it is a symbolic link",
        site.public().join("actors").display()
    );
    assert!(stderr(&output).contains(&expected), "{}", stderr(&output));
    assert_eq!(
        file_tree(&elsewhere).keys().collect::<Vec<_>>(),
        ["alpha/index.html"]
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("alpha/index.html")).unwrap(),
        "someone else's page"
    );
    assert!(file_tree(&site.public()) == before, "the output changed");
}

#[test]
fn a_second_build_into_the_same_output_is_refused_while_the_first_runs() {
    let site = TestSite::new("basic");
    site.build(&[]);
    change_site(&site, 1);
    let mut first = flashpoint()
        .args(["build", "--root"])
        .arg(&site.root)
        .env(HOOK, "pause-ms:20")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let journal = site.root.join(".public.commit/journal.json");
    let waiting = Instant::now();
    while !journal.exists() {
        assert!(
            waiting.elapsed() < Duration::from_secs(20),
            "the first build never committed"
        );
        std::thread::sleep(Duration::from_millis(2));
    }

    let second = build(&site, &[], &[]);

    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    assert!(
        stderr(&second).contains(&format!(
            "another flashpoint build is writing into {}",
            site.public().display()
        )),
        "{}",
        stderr(&second)
    );
    assert!(first.wait().unwrap().success());
    assert_eq!(file_tree(&site.public()), fresh_tree(&site));
}

/// The files that differ between two trees, for a failure message.
fn difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let differing: Vec<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|name| a.get(*name) != b.get(*name))
        .collect();
    format!(
        "{} files differ, e.g. {:?}",
        differing.len(),
        &differing[..differing.len().min(5)]
    )
}

/// The basic fixture with enough stories that moving its files in takes a while.
fn big_site() -> TestSite {
    let site = TestSite::new("basic");
    for n in 0..100 {
        site.write(
            &format!("content/stories/generated-{n:03}.md"),
            &format!(
                "---\ntitle: \"Generated {n}\"\ndate: 2021-01-{:02}\nsummary: \"Story {n}.\"\n---\nBody {n} about [[alpha]].\n",
                n % 28 + 1
            ),
        );
    }
    site
}

#[test]
fn a_build_killed_anywhere_in_its_commit_leaves_the_old_or_the_new_site_never_a_mix() {
    let site = big_site();
    // The two sites the output alternates between, each built cleanly on its own.
    change_site(&site, 0);
    let even = fresh_tree(&site);
    change_site(&site, 1);
    let odd = fresh_tree(&site);
    assert_ne!(even, odd);
    site.build(&[]);
    let mut current = 1;
    let journal = site.root.join(".public.commit/journal.json");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let mut interrupted = 0;
    for round in 0..5u64 {
        let next = current + 1;
        change_site(&site, next);
        let mut child = flashpoint()
            .args(["build", "--root"])
            .arg(&site.root)
            .env(HOOK, "pause-ms:2")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let waiting = Instant::now();
        while !journal.exists() && child.try_wait().unwrap().is_none() {
            assert!(
                waiting.elapsed() < Duration::from_secs(20),
                "no commit began"
            );
            std::thread::sleep(Duration::from_micros(500));
        }
        // A delay spread over the commit (a few hundred files at 2 ms each), varied by run.
        let delay = (seed.wrapping_mul(round + 1).wrapping_add(round * 97)) % 700;
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        if journal.exists() {
            interrupted += 1;
        }
        // The next command restores the output before anything else, even if it then
        // fails on a broken story.
        site.write(
            "content/stories/zz-broken.md",
            "---\ntitle: [unclosed\n---\n",
        );
        let next_command = build(&site, &[], &[]);
        assert_eq!(
            next_command.status.code(),
            Some(1),
            "{}",
            stderr(&next_command)
        );
        std::fs::remove_file(site.root.join("content/stories/zz-broken.md")).unwrap();

        let tree = file_tree(&site.public());
        let (old, new) = if next.is_multiple_of(2) {
            (&odd, &even)
        } else {
            (&even, &odd)
        };
        if tree == *new {
            current = next;
        } else {
            assert!(
                tree == *old,
                "round {round} (seed {seed}, killed {delay} ms into the commit): the output is \
                 neither the old nor the new site; against the old: {}; against the new: {}",
                difference(&tree, old),
                difference(&tree, new)
            );
            // Back to the site the output holds.
            change_site(&site, current);
        }
        assert!(!journal.exists() && leftovers(&site.root).is_empty());
    }
    assert!(
        interrupted > 0,
        "no kill landed inside a commit (seed {seed})"
    );
}

/// docs/output-folder.md names the lock file; it is where the docs say.
#[test]
fn the_lock_file_sits_beside_the_output() {
    let site = TestSite::new("basic");
    site.build(&[]);
    assert!(PathBuf::from(&site.root).join(".public.lock").is_file());
}
