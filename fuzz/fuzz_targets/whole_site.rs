#![no_main]
//! A whole small site from one input: the bytes are cut at the first two NUL bytes into
//! `site.yaml`, one story and the timeline, written into a fresh folder and loaded as
//! `flashpoint check` loads them. Loading may refuse the site with diagnostics; it must
//! never panic, whatever the settings, front matter, links or YAML aliases hold.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let mut pieces = input.splitn(3, |&b| b == 0);
    let site_yaml = pieces.next().unwrap_or_default();
    let story = pieces.next().unwrap_or_default();
    let timeline = pieces.next().unwrap_or_default();
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let root = dir.path().join("site");
    let stories = root.join("content/stories");
    let data = root.join("content/data");
    if std::fs::create_dir_all(&stories).is_err() || std::fs::create_dir_all(&data).is_err() {
        return;
    }
    let written = std::fs::write(root.join("site.yaml"), site_yaml)
        .and_then(|()| std::fs::write(stories.join("fuzz.md"), story))
        .and_then(|()| std::fs::write(data.join("timeline.yaml"), timeline));
    if written.is_err() {
        return;
    }
    let _ = flashpoint::load_site(&root, None, true);
    // Nothing may be written beside the site: a setting such as `language:` or `theme:`
    // must never lead output out of it.
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(beside, [std::ffi::OsString::from("site")]);
});
