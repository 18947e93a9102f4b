//! What a web server, a CDN or an object store should be told about each file of the
//! output: its media type and how long it may be cached; and the files a build writes for
//! hosts (`_headers`, `_redirects`, the nginx snippet), hashed asset names and
//! precompressed copies.
//!
//! `flashpoint serve`, the host files a build writes (`_headers`, the nginx snippet) and
//! `flashpoint deploy` all read this one policy, so a file is typed and cached the same way
//! wherever it is served.

mod css_urls;
mod hashed_names;
mod headers;
mod nginx;
mod policy;
mod precompress;
mod redirects;
mod security;

pub use css_urls::rewrite_css_urls;
pub use hashed_names::{hashed_name, is_hashable};
pub use headers::{HEADERS_FILE, headers_file};
pub use nginx::{NGINX_FILE, NginxSite, nginx_snippet};
pub use policy::{CachePolicy, cache_policy, is_content_hashed, media_type, precompressed_variant};
pub use precompress::{gzip, is_compressible};
pub use redirects::{REDIRECTS_FILE, Redirect, RedirectPage, redirect_page, redirects_file};
pub use security::{DEFAULT_CONTENT_SECURITY_POLICY, SECURITY_HEADERS};

/// The file that tells GitHub Pages not to run Jekyll, which would drop every file and
/// folder whose name starts with `_`.
pub const NOJEKYLL_FILE: &str = ".nojekyll";
