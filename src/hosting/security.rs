//! The security headers every file of the site is served with, the same in `_headers`,
//! the nginx snippet and `flashpoint deploy`.

/// Headers sent with every response, besides the Content-Security-Policy.
pub const SECURITY_HEADERS: [(&str, &str); 2] = [
    // Browsers must trust the Content-Type, never guess: a text file cannot run as script.
    ("X-Content-Type-Options", "nosniff"),
    // Other sites see where a reader came from, never the full address of the page.
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
];

/// The Content-Security-Policy the default theme satisfies: every script, style, image
/// and font comes from the site itself, with no inline script and no WebAssembly; inline
/// `style` attributes are allowed because charts set them; the site may not be framed by
/// others. A theme
/// that needs more sets `hosting.content_security_policy` in site.yaml.
pub const DEFAULT_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
