//! Content-hashed file names: `style.css` becomes `style.<16 hex>.css`, where the hex is
//! the start of the BLAKE3 hash of the file's bytes. A name that changes whenever the bytes
//! do lets hosts cache the file for a year ([`super::CachePolicy::Immutable`]).

use crate::fingerprint::Fingerprint;

/// How many hex digits of the hash a name carries: 64 bits, plenty for a site's assets.
const HASH_DIGITS: usize = 16;

/// Extensions of the files that get a hashed copy: what pages load as sub-resources
/// (styles, scripts, images, fonts). Documents readers link to by name (HTML, feeds, PDFs)
/// keep their names only.
const HASHED_EXTENSIONS: [&str; 14] = [
    "css", "js", "mjs", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2",
    "ttf",
];

/// Whether a static file at `name` gets a hashed copy, by its extension.
pub fn is_hashable(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => {
            HASHED_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        }
        _ => false,
    }
}

/// `name` with the hash of `contents` before its extension, in the same folder:
/// `fonts/a.woff2` becomes `fonts/a.0123456789abcdef.woff2`.
pub fn hashed_name(name: &str, contents: &[u8]) -> String {
    let hex = Fingerprint::of(contents).to_hex();
    let hash = &hex[..HASH_DIGITS];
    let (folder, file) = match name.rsplit_once('/') {
        Some((folder, file)) => (format!("{folder}/"), file),
        None => (String::new(), name),
    };
    match file.rsplit_once('.') {
        Some((stem, extension)) => format!("{folder}{stem}.{hash}.{extension}"),
        None => format!("{folder}{file}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hosting::is_content_hashed;

    #[test]
    fn a_hashed_name_is_recognised_as_content_hashed() {
        let name = hashed_name("fonts/serif.woff2", b"font bytes");
        assert!(name.starts_with("fonts/serif."), "{name}");
        assert!(name.ends_with(".woff2"), "{name}");
        assert!(is_content_hashed(&name), "{name}");
        assert_eq!(name.len(), "fonts/serif..woff2".len() + 16);
    }

    #[test]
    fn the_hash_follows_the_bytes() {
        assert_eq!(hashed_name("a.css", b"x"), hashed_name("a.css", b"x"));
        assert_ne!(hashed_name("a.css", b"x"), hashed_name("a.css", b"y"));
    }

    #[test]
    fn styles_scripts_images_and_fonts_are_hashed_documents_are_not() {
        for hashed in [
            "style.css",
            "js/site.js",
            "favicon.svg",
            "img/a.PNG",
            "f.woff2",
        ] {
            assert!(is_hashable(hashed), "{hashed}");
        }
        for kept in [
            "index.html",
            "atom.xml",
            "report.pdf",
            "CNAME",
            ".css",
            "data.json",
        ] {
            assert!(!is_hashable(kept), "{kept}");
        }
    }
}
