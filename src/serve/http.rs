//! The HTTP side of `serve` (axum on tokio): files from memory under the site's base
//! path, pretty-URL redirects, the site's 404 page, and the live-reload event stream.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{Stream, StreamExt};
use tokio::sync::{broadcast, watch};
use tokio_stream::wrappers::BroadcastStream;

use super::host::{AllowedHosts, check_host};
use super::incremental::Files;
use super::overlay::{EVENTS_PATH, LIVE_RELOAD_SCRIPT, inject};
use super::provisional::ProvisionalFiles;

/// What browsers are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// Reload the page; the text says what changed.
    Reload(String),
    /// Only stylesheets changed.
    Css(String),
}

/// Everything the handlers share with the rebuild thread.
pub struct ServerState {
    pub files: Files,
    /// `/` or `/explainer/`: every page is under it.
    pub base_path: RwLock<String>,
    /// The overlay HTML while the last rebuild failed.
    pub overlay: RwLock<Option<String>>,
    /// The warnings last printed, so that each is printed once rather than on every save.
    pub warnings: RwLock<crate::diagnostics::Diagnostics>,
    pub events: broadcast::Sender<LiveEvent>,
    /// Becomes true on Ctrl-C; open event streams end then.
    pub shutdown: watch::Receiver<bool>,
    /// False while the first build runs behind pages served from the snapshot: a request
    /// for a file not held yet waits for it rather than getting a 404.
    complete: watch::Sender<bool>,
    /// What an earlier run left, answered with until the first build has run.
    provisional: RwLock<Option<Arc<ProvisionalFiles>>>,
}

impl ServerState {
    pub fn new(files: Files, base_path: &str, shutdown: watch::Receiver<bool>) -> ServerState {
        ServerState {
            files,
            base_path: RwLock::new(base_path.to_string()),
            overlay: RwLock::new(None),
            warnings: RwLock::default(),
            events: broadcast::channel(64).0,
            shutdown,
            complete: watch::Sender::new(true),
            provisional: RwLock::new(None),
        }
    }

    /// Whether every file of the site is held (see [`ServerState::complete`]).
    pub fn set_complete(&self, complete: bool) {
        self.complete.send_replace(complete);
    }

    /// Answers with `files` what the site's files do not hold yet, until
    /// [`ServerState::end_provisional`].
    pub(crate) fn serve_provisional(&self, files: Arc<ProvisionalFiles>) {
        *self.provisional.write().unwrap_or_else(|p| p.into_inner()) = Some(files);
        self.set_complete(false);
    }

    /// The first build has run: nothing provisional is served any more. Returns what was.
    pub(crate) fn end_provisional(&self) -> Option<Arc<ProvisionalFiles>> {
        let ended = self
            .provisional
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        self.set_complete(true);
        ended
    }

    fn provisional_file(&self, name: &str) -> Option<Bytes> {
        let provisional = self
            .provisional
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()?;
        provisional.file(name)
    }

    /// Waits until every file of the site is held.
    async fn wait_until_complete(&self) {
        let mut complete = self.complete.subscribe();
        let _ = complete.wait_for(|complete| *complete).await;
    }

    fn base_path(&self) -> String {
        self.base_path
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn file(&self, name: &str) -> Option<Bytes> {
        self.files
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(name)
            .cloned()
    }

    fn has_file(&self, name: &str) -> bool {
        self.files
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(name)
    }
}

/// Every route, the event stream included, answers only requests that name this server.
pub fn router(state: Arc<ServerState>, allowed: AllowedHosts) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(serve_file)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(allowed),
            check_host,
        ))
        .with_state(state)
}

/// `text/event-stream`: a `hello` first, then one event per rebuild.
async fn events(
    State(state): State<Arc<ServerState>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut shutdown = state.shutdown.clone();
    let stopped = async move {
        let _ = shutdown.wait_for(|stop| *stop).await;
    };
    let hello = futures_util::stream::once(async { Ok(Event::default().event("hello").data("")) });
    let updates = BroadcastStream::new(state.events.subscribe()).filter_map(|event| async move {
        let event = match event.ok()? {
            LiveEvent::Reload(what) => Event::default().event("reload").data(what),
            LiveEvent::Css(what) => Event::default().event("css").data(what),
        };
        Some(Ok(event))
    });
    Sse::new(hello.chain(updates).take_until(Box::pin(stopped)))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// A file from memory; anything that could climb out of the site is refused.
async fn serve_file(State(state): State<Arc<ServerState>>, method: Method, uri: Uri) -> Response {
    let head = method == Method::HEAD;
    if method != Method::GET && !head {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    }
    let Some(path) = safe_path(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "bad request path");
    };
    let base = state.base_path();
    let Some(inside) = path.strip_prefix(base.as_str()) else {
        if path == "/" || path == base.trim_end_matches('/') {
            return redirect(StatusCode::TEMPORARY_REDIRECT, &base);
        }
        return not_found(&state, head);
    };
    if inside.starts_with('/') {
        return not_found(&state, head);
    }
    let name = if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_string()
    };
    if let Some(bytes) = state.file(&name) {
        return file_response(&state, StatusCode::OK, &name, bytes, head);
    }
    if !*state.complete.borrow() {
        if let Some(bytes) = state.provisional_file(&name) {
            return file_response(&state, StatusCode::OK, &name, bytes, head);
        }
        state.wait_until_complete().await;
        if let Some(bytes) = state.file(&name) {
            return file_response(&state, StatusCode::OK, &name, bytes, head);
        }
    }
    if !inside.is_empty()
        && !inside.ends_with('/')
        && state.has_file(&format!("{inside}/index.html"))
    {
        let mut location = format!("{}/", uri.path());
        if let Some(query) = uri.query() {
            location.push('?');
            location.push_str(query);
        }
        return redirect(StatusCode::PERMANENT_REDIRECT, &location);
    }
    not_found(&state, head)
}

/// The decoded request path, or None when it has `.` or `..` segments (also as `%2e`),
/// backslashes or NUL bytes, or is not UTF-8.
pub fn safe_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw)?;
    if !decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    if decoded
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return None;
    }
    Some(decoded)
}

fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn not_found(state: &ServerState, head: bool) -> Response {
    match state.file("404.html") {
        Some(bytes) => file_response(state, StatusCode::NOT_FOUND, "404.html", bytes, head),
        // Nothing has built yet: a bare page still shows the errors and reloads.
        None => file_response(
            state,
            StatusCode::NOT_FOUND,
            "404.html",
            Bytes::from_static(b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>Not found.</p></body></html>\n"),
            head,
        ),
    }
}

fn file_response(
    state: &ServerState,
    status: StatusCode,
    name: &str,
    bytes: Bytes,
    head: bool,
) -> Response {
    let content_type = crate::hosting::media_type(name);
    let body = if content_type.starts_with("text/html") {
        let mut extra = String::new();
        if let Some(overlay) = &*state.overlay.read().unwrap_or_else(|p| p.into_inner()) {
            extra.push_str(overlay);
        }
        extra.push_str(LIVE_RELOAD_SCRIPT);
        Bytes::from(inject(&bytes, &extra))
    } else {
        bytes
    };
    let length = body.len();
    let mut response = if head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(body))
    };
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn redirect(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = status;
            response.headers_mut().insert(header::LOCATION, value);
            response
        }
        Err(_) => plain(StatusCode::BAD_REQUEST, "bad request path"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_after_decoding() {
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/a/%2e%2e/%2e%2e/x",
            "/./x",
            "/a%5c..%5cb",
            "/%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
        assert_eq!(safe_path("/stories/x/").as_deref(), Some("/stories/x/"));
        assert_eq!(safe_path("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(safe_path("//etc/passwd").as_deref(), Some("//etc/passwd"));
    }
}
