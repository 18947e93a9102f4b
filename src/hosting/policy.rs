//! The media type and cache policy of an output file, decided from its path alone.

/// How long a browser or CDN may keep a file without asking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// The file's name carries a hash of its bytes, so its contents never change: cache it
    /// for a year and never revalidate.
    Immutable,
    /// A page, feed or other file whose name stays the same while its contents change:
    /// keep it briefly, then revalidate, so readers see a correction within minutes.
    Revalidate,
}

impl CachePolicy {
    /// The `Cache-Control` header value of this policy.
    pub fn header_value(self) -> &'static str {
        match self {
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
            CachePolicy::Revalidate => "public, max-age=300, must-revalidate",
        }
    }
}

/// The cache policy of the output file at `path` (relative to the output, `/`-separated).
pub fn cache_policy(path: &str) -> CachePolicy {
    if is_content_hashed(path) {
        CachePolicy::Immutable
    } else {
        CachePolicy::Revalidate
    }
}

/// Whether the file at `path` is named after its contents, and so never changes: a name of
/// the form `stem.<16 lowercase hex digits>.ext` (how `asset_url` names hashed assets), or
/// one of the search index's chunks, which pagefind names after their contents.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.rsplit('.');
    let has_hash_segment = match (parts.next(), parts.next(), parts.next()) {
        (Some(_ext), Some(hash), Some(stem)) => {
            !stem.is_empty()
                && hash.len() == 16
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        _ => false,
    };
    has_hash_segment || is_pagefind_chunk(path)
}

/// pagefind's index, fragment and filter chunks and its metadata files carry a hash of their
/// bytes in their names; its entry file and scripts do not.
fn is_pagefind_chunk(path: &str) -> bool {
    let Some(inside) = path.strip_prefix("pagefind/") else {
        return false;
    };
    let name = inside.rsplit('/').next().unwrap_or(inside);
    [".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// For a precompressed variant (`page.html.gz` beside `page.html`), the `Content-Encoding`
/// it must be served with and the path of the file it is a variant of, whose media type and
/// cache policy it shares. None for every other file.
pub fn precompressed_variant(path: &str) -> Option<(&'static str, &str)> {
    let (original, encoding) = if let Some(original) = path.strip_suffix(".gz") {
        (original, "gzip")
    } else if let Some(original) = path.strip_suffix(".br") {
        (original, "br")
    } else {
        return None;
    };
    let name = original.rsplit('/').next().unwrap_or(original);
    // `archive.gz` alone is a gzip file to download, not a variant of `archive`.
    if name.contains('.') && !name.starts_with('.') {
        Some((encoding, original))
    } else {
        None
    }
}

/// The media type of a file, by its extension (case-insensitive).
pub fn media_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        // pagefind's index files, and anything unknown.
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_follow_the_extension_whatever_its_case() {
        assert_eq!(media_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            media_type("pagefind/pagefind.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            media_type("pagefind/wasm.en.pagefind"),
            "application/octet-stream"
        );
        assert_eq!(media_type("fonts/font.WOFF2"), "font/woff2");
        assert_eq!(media_type("README"), "application/octet-stream");
    }

    #[test]
    fn precompressed_variants_name_their_encoding_and_original() {
        assert_eq!(
            precompressed_variant("stories/x/index.html.gz"),
            Some(("gzip", "stories/x/index.html"))
        );
        assert_eq!(
            precompressed_variant("style.0123456789abcdef.css.br"),
            Some(("br", "style.0123456789abcdef.css"))
        );
        assert_eq!(precompressed_variant("downloads/archive.gz"), None);
        assert_eq!(precompressed_variant("index.html"), None);
    }

    #[test]
    fn hashed_assets_are_immutable_and_pages_revalidate() {
        assert_eq!(
            cache_policy("style.0123456789abcdef.css"),
            CachePolicy::Immutable
        );
        assert_eq!(
            cache_policy("pagefind/fragment/en_1a2b3c4.pf_fragment"),
            CachePolicy::Immutable
        );
        for changing in [
            "index.html",
            "stories/x/index.html",
            "style.css",
            "atom.xml",
            "pagefind/pagefind-entry.json",
            "pagefind/pagefind.js",
            ".0123456789abcdef.css",
            "style.0123456789ABCDEF.css",
            "style.0123456789abcde.css",
        ] {
            assert_eq!(
                cache_policy(changing),
                CachePolicy::Revalidate,
                "{changing}"
            );
        }
    }
}
