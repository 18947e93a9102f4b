//! What a web server, a CDN or an object store should be told about each file of the
//! output: its media type and how long it may be cached.
//!
//! `flashpoint serve`, the host files a build writes (`_headers`, the nginx snippet) and
//! `flashpoint deploy` all read this one policy, so a file is typed and cached the same way
//! wherever it is served.

mod policy;

pub use policy::{CachePolicy, cache_policy, is_content_hashed, media_type, precompressed_variant};
