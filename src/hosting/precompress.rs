//! Precompressed copies (`style.css.gz` beside `style.css`) for servers that send a
//! stored compressed file instead of compressing on each request (nginx `gzip_static`).

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

/// Extensions of text files worth compressing; images, fonts and pagefind's chunks are
/// compressed already.
const COMPRESSIBLE: [&str; 9] = [
    "html", "css", "js", "mjs", "svg", "xml", "json", "txt", "map",
];

/// Whether a file at `name` gets a `.gz` copy, by its extension.
pub fn is_compressible(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.')
        .is_some_and(|(_, ext)| COMPRESSIBLE.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The gzip copy of `contents`, or None when it would not be smaller. The same bytes
/// always give the same copy: the gzip header carries no time and no file name.
///
/// Level 6, not 9: on 2,000 story pages of the 10k corpus, level 9 made the copies 0.2%
/// smaller (9,158,313 bytes against 9,179,889) and took 2.2 times as long.
pub fn gzip(contents: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(contents.len() / 3), Compression::new(6));
    // Writing into a Vec cannot fail.
    encoder.write_all(contents).ok()?;
    let compressed = encoder.finish().ok()?;
    (compressed.len() < contents.len()).then_some(compressed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_give_the_same_smaller_copy() {
        let page = "<p>flashpoint</p>\n".repeat(100);
        let first = gzip(page.as_bytes()).unwrap();
        assert_eq!(Some(first.clone()), gzip(page.as_bytes()));
        assert!(first.len() < page.len() / 10);
        assert_eq!(&first[..2], &[0x1f, 0x8b]);
    }

    #[test]
    fn a_file_that_would_grow_gets_no_copy() {
        assert_eq!(gzip(b"x"), None);
    }

    #[test]
    fn text_files_are_compressible_images_and_chunks_are_not() {
        assert!(is_compressible("stories/x/index.html"));
        assert!(is_compressible("pagefind/pagefind-entry.json"));
        assert!(!is_compressible("img/a.png"));
        assert!(!is_compressible("pagefind/index/en_1.pf_index"));
        assert!(!is_compressible("_headers"));
    }
}
