//! `flashpoint init` and the built-in theme, run as a new user would: the binary alone,
//! in an empty temporary folder, with no repository file within reach.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{assert_same_tree, file_tree, repo_root};

/// A temporary folder holding `<name>/`, in which the binary runs.
struct Workspace {
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl Workspace {
    fn new(name: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(name);
        Workspace { dir, root }
    }

    /// Runs the binary with the temporary folder as its working folder.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    /// Runs a site command (`check`, `build`, `theme eject`) with the site as cwd and `--root`.
    fn site(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_flashpoint"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .current_dir(&self.root)
            .output()
            .unwrap()
    }

    fn init(&self) -> Output {
        let output = self.run(&["init", self.root.file_name().unwrap().to_str().unwrap()]);
        assert_success(&output, "init");
        output
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn read(&self, relative: &str) -> String {
        let path = self.root.join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn build(&self) {
        assert_success(&self.site(&["build"]), "build");
    }
}

fn assert_success(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed ({:?}):\n{}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn theme_file(path: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("themes/default").join(path)).unwrap()
}

/// The `href` of every stylesheet link of a built page, in document order.
/// The stylesheets a page links, each named without the content hash of its hashed copy
/// (`/style.0123456789abcdef.css` as `/style.css`).
fn stylesheets(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(r#"link[rel="stylesheet"]"#).unwrap();
    document
        .select(&selector)
        .filter_map(|link| link.value().attr("href"))
        .map(|href| {
            assert!(flashpoint::hosting::is_content_hashed(href), "{href}");
            let (stem, rest) = href.split_once('.').unwrap();
            format!("{stem}.{}", rest.rsplit('.').next().unwrap())
        })
        .collect()
}

#[test]
fn a_new_site_checks_with_no_errors_or_warnings_and_builds_with_the_built_in_theme() {
    let work = Workspace::new("gulf-crisis");
    let made = work.init();
    let printed = stdout(&made);
    for line in [
        "  site.yaml",
        "  content/_index.md",
        "  content/data/sources.yaml",
        "  .gitignore",
        "  cd gulf-crisis",
        "  flashpoint build",
    ] {
        assert!(printed.contains(line), "no `{line}` in:\n{printed}");
    }
    assert!(!work.root.join("themes").exists());

    let check = work.site(&["check"]);
    assert_success(&check, "check");
    assert!(
        stdout(&check).contains("0 errors, 0 warnings"),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
    assert_eq!(stderr(&check), "");

    let build = work.site(&["build"]);
    assert_success(&build, "build");
    assert_eq!(stderr(&build), "", "the build warned");
    assert!(!work.root.join("themes").exists());
    for file in ["style.css", "site.js", "favicon.svg"] {
        assert_eq!(
            std::fs::read(work.root.join("public").join(file)).unwrap(),
            theme_file(&format!("static/{file}")),
            "public/{file} is not the theme's"
        );
    }
    let home = work.read("public/index.html");
    assert!(home.contains("<title>Gulf crisis"), "{home}");
    assert_eq!(
        stylesheets(&home),
        ["/style.css", "/syntax.css", "/previews.css"]
    );
}

#[test]
fn a_new_site_has_its_folders_an_empty_list_in_each_data_file_and_a_gitignore() {
    let work = Workspace::new("site");
    work.init();
    for folder in ["stories", "actors", "pages", "data"] {
        assert!(work.root.join("content").join(folder).is_dir(), "{folder}");
    }
    for data in ["timeline", "forces", "quotes", "sources"] {
        let text = work.read(&format!("content/data/{data}.yaml"));
        let uncommented: Vec<&str> = text
            .lines()
            .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
            .collect();
        assert_eq!(uncommented, ["[]"], "{data}.yaml:\n{text}");
        assert!(text.contains("# - "), "{data}.yaml has no example entry");
    }
    let ignored: Vec<String> = work
        .read(".gitignore")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(str::to_string)
        .collect();
    assert_eq!(ignored, ["public/", ".flashpoint-cache/", ".public.*"]);
    let settings = work.read("site.yaml");
    for setting in [
        "title: \"Site\"",
        "base_url: ",
        "language: en",
        "# description: \"\"",
        "# theme: default",
        "# unsourced_claims: error",
        "# search: full",
        "#   raw_html: true",
    ] {
        assert!(settings.contains(setting), "no `{setting}` in:\n{settings}");
    }
}

#[test]
fn every_commented_example_entry_checks_clean_once_uncommented() {
    let work = Workspace::new("site");
    work.init();
    // The examples refer to each other and to two actors; give them those actors, and a
    // story that names them.
    work.write(
        "content/stories/talks.md",
        "---\ntitle: \"The talks\"\ndate: 2024-03-06\nsummary: \"How the talks ended.\"\nactors: [first-actor, second-actor]\nsources: [news-agency-2024-talks]\n---\n\nThe talks ended.\n",
    );
    for actor in ["first-actor", "second-actor"] {
        work.write(
            &format!("content/actors/{actor}.md"),
            &format!(
                "---\nname: \"{actor}\"\nkind: state\nsummary: \"An actor.\"\n---\n\nA profile.\n"
            ),
        );
    }
    for data in ["timeline", "forces", "quotes", "sources"] {
        let path = format!("content/data/{data}.yaml");
        let text = work.read(&path);
        let entry: String = text
            .lines()
            .skip_while(|line| !line.starts_with("# - "))
            .take_while(|line| line.starts_with("# "))
            .map(|line| format!("{}\n", &line[2..]))
            .collect();
        work.write(&path, &entry);
    }
    let check = work.site(&["check"]);
    assert_success(&check, "check");
    assert_eq!(stderr(&check), "");
    assert_eq!(stdout(&check), "0 errors, 0 warnings in 0 files\n");
    work.build();
    assert!(
        work.read("public/timeline/index.html")
            .contains("Ceasefire talks collapse")
    );
}

#[test]
fn init_refuses_a_folder_that_holds_files_with_exit_2_and_changes_nothing() {
    let work = Workspace::new("site");
    work.write("notes.txt", "my notes\n");
    let before = file_tree(work.dir.path());
    let refused = work.run(&["init", "site"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let message = stderr(&refused);
    assert!(
        message.contains("site is not empty (it holds notes.txt)") && message.contains("--force"),
        "{message}"
    );
    assert_eq!(file_tree(work.dir.path()), before);
    assert!(!work.root.join("content").exists());
}

#[test]
fn init_with_force_adds_the_missing_files_and_keeps_every_existing_one() {
    let work = Workspace::new("site");
    let settings = "title: \"Mine\"\nbase_url: \"https://example.org/\"\n";
    work.write("site.yaml", settings);
    work.write("content/data/sources.yaml", "[]\n");
    let made = work.run(&["init", "site", "--force"]);
    assert_success(&made, "init --force");
    assert_eq!(work.read("site.yaml"), settings);
    assert_eq!(work.read("content/data/sources.yaml"), "[]\n");
    assert!(work.read("content/data/timeline.yaml").contains("# - id:"));
    let printed = stdout(&made);
    assert!(
        printed.contains(
            "left as they were (already there):\n  site.yaml\n  content/data/sources.yaml\n"
        ),
        "{printed}"
    );
    assert_success(&work.site(&["check"]), "check");
}

#[test]
fn init_accepts_a_folder_holding_only_dotfiles_such_as_a_git_repository() {
    let work = Workspace::new("site");
    work.write(".git/HEAD", "ref: refs/heads/main\n");
    work.init();
    assert_eq!(work.read(".git/HEAD"), "ref: refs/heads/main\n");
    assert!(work.root.join("site.yaml").is_file());
}

#[test]
fn theme_eject_writes_the_built_in_theme_byte_for_byte_and_the_site_looks_the_same() {
    let work = Workspace::new("site");
    work.init();
    work.build();
    let built_in = file_tree(&work.root.join("public"));

    let ejected = work.site(&["theme", "eject"]);
    assert_success(&ejected, "theme eject");
    assert!(stdout(&ejected).contains("themes/default/templates/base.html"));
    assert_same_tree(
        &work.root.join("themes/default"),
        &repo_root().join("themes/default"),
    );
    work.build();
    assert_eq!(file_tree(&work.root.join("public")), built_in);
}

#[test]
fn an_ejected_theme_missing_a_template_added_since_builds_with_the_built_in_one() {
    let work = Workspace::new("site");
    work.init();
    assert_success(&work.site(&["theme", "eject"]), "theme eject");
    work.build();
    let whole = file_tree(&work.root.join("public"));
    // A theme ejected from an older flashpoint has no feed template, and its own home
    // page: the missing one comes from the built-in theme, the present one wins.
    std::fs::remove_file(work.root.join("themes/default/templates/atom.xml")).unwrap();
    let home = work.read("themes/default/templates/home.html");
    let marked = home.replacen(
        "{% block content %}",
        "{% block content %}<!-- ejected -->",
        1,
    );
    assert_ne!(marked, home, "home.html has no content block");
    work.write("themes/default/templates/home.html", &marked);
    work.build();
    let inherited = file_tree(&work.root.join("public"));
    assert!(whole.contains_key("atom.xml"), "{:?}", whole.keys());
    assert_eq!(
        inherited.get("atom.xml"),
        whole.get("atom.xml"),
        "the feed should come from the built-in template"
    );
    assert!(work.read("public/index.html").contains("<!-- ejected -->"));
}

#[test]
fn theme_eject_refuses_an_existing_theme_folder_unless_forced() {
    let work = Workspace::new("site");
    work.init();
    work.write("themes/default/static/style.css", "body { color: red }\n");
    let refused = work.site(&["theme", "eject"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("themes/default already exists; add --force"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        work.read("themes/default/static/style.css"),
        "body { color: red }\n"
    );
    assert!(!work.root.join("themes/default/templates").exists());

    assert_success(&work.site(&["theme", "eject", "--force"]), "eject --force");
    assert_same_tree(
        &work.root.join("themes/default"),
        &repo_root().join("themes/default"),
    );
}

#[test]
fn a_site_template_and_a_site_static_file_win_over_the_built_in_ones() {
    let work = Workspace::new("site");
    work.init();
    let base = String::from_utf8(theme_file("templates/base.html")).unwrap();
    let marked = base.replacen(
        "<head>",
        "<head>\n<meta name=\"made-by\" content=\"site\">",
        1,
    );
    assert_ne!(marked, base, "base.html has no <head>");
    work.write("templates/base.html", &marked);
    work.write("static/style.css", "body { color: teal }\n");
    work.build();
    assert!(
        work.read("public/index.html")
            .contains("<meta name=\"made-by\" content=\"site\">")
    );
    assert!(
        work.read("public/actors/index.html")
            .contains("name=\"made-by\"")
    );
    assert_eq!(work.read("public/style.css"), "body { color: teal }\n");
    // The theme's other files are still there.
    assert_eq!(
        std::fs::read(work.root.join("public/site.js")).unwrap(),
        theme_file("static/site.js")
    );
}

#[test]
fn custom_css_is_linked_after_the_theme_stylesheets_only_while_the_site_has_it() {
    let work = Workspace::new("site");
    work.init();
    work.build();
    assert_eq!(
        stylesheets(&work.read("public/index.html")),
        ["/style.css", "/syntax.css", "/previews.css"]
    );

    // Built with the cache, as an editor would: the pages must not be kept as they were.
    work.write("static/custom.css", ".story { font-size: 1.2rem }\n");
    work.build();
    for page in [
        "public/index.html",
        "public/actors/index.html",
        "public/404.html",
    ] {
        assert_eq!(
            stylesheets(&work.read(page)),
            ["/style.css", "/syntax.css", "/previews.css", "/custom.css"],
            "{page}"
        );
    }
    assert_eq!(
        work.read("public/custom.css"),
        ".story { font-size: 1.2rem }\n"
    );

    std::fs::remove_file(work.root.join("static/custom.css")).unwrap();
    work.build();
    assert_eq!(
        stylesheets(&work.read("public/index.html")),
        ["/style.css", "/syntax.css", "/previews.css"]
    );
    assert!(!work.root.join("public/custom.css").exists());
}

#[test]
fn a_theme_that_is_neither_a_folder_nor_built_in_is_an_error_at_its_setting() {
    let work = Workspace::new("site");
    work.init();
    let settings = work
        .read("site.yaml")
        .replace("# theme: default", "theme: fancy");
    let line = settings.lines().position(|l| l == "theme: fancy").unwrap() + 1;
    work.write("site.yaml", &settings);
    let check = work.site(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let expected = format!(
        "site.yaml:{line}:8: error: the theme `fancy` is neither a folder themes/fancy nor built in"
    );
    assert!(stderr(&check).contains(&expected), "{}", stderr(&check));
    assert!(stderr(&check).contains("set `theme: default`"));
}

#[test]
fn init_into_a_path_that_is_a_file_is_refused() {
    let work = Workspace::new("site");
    std::fs::write(&work.root, "not a folder").unwrap();
    let refused = work.run(&["init", "site"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("site is a file, not a folder"));
    assert_eq!(
        std::fs::read(Path::new(&work.root)).unwrap(),
        b"not a folder"
    );
}
