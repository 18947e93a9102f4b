//! Which `Host` a request may name for `serve` to answer it.
//!
//! A page on any web site can point a name it controls at 127.0.0.1 (DNS rebinding) and
//! then read the preview, drafts included, as its own origin. The browser still sends that
//! name in `Host`, so `serve` answers only names that cannot be rebound: `localhost`, the
//! loopback addresses, the address it listens on and the one written into the site's URLs,
//! and the local address the connection itself arrived on (how a user on the network types
//! a machine's address when it listens on `0.0.0.0`). Any port is accepted: the name is
//! what rebinding controls, and a tunnel or port forward changes the port legitimately.
//! Everything else gets `421 Misdirected Request`, and so does a request with no `Host`
//! at all (HTTP/1.0): no browser sends one, so refusing costs nothing.

use std::net::{IpAddr, Ipv6Addr};
use std::sync::Arc;

use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::IncomingStream;

/// The addresses, besides `localhost` and loopback, that a `Host` may name.
#[derive(Debug, Clone, Default)]
pub struct AllowedHosts {
    addresses: Vec<IpAddr>,
}

impl AllowedHosts {
    /// `addresses`: the one listened on and the one in the site's URLs.
    pub fn new(addresses: impl IntoIterator<Item = IpAddr>) -> AllowedHosts {
        AllowedHosts {
            addresses: addresses.into_iter().map(|a| a.to_canonical()).collect(),
        }
    }

    /// Whether `host` (a `Host` header: `name`, `name:port`, `[v6]`, `[v6]:port`) may be
    /// answered on a connection that arrived on the local address `arrived_on`.
    pub fn allows(&self, host: &str, arrived_on: Option<IpAddr>) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Some(address) = ip_literal(name) else {
            return false;
        };
        let address = address.to_canonical();
        address.is_loopback()
            || self.addresses.contains(&address)
            || arrived_on.is_some_and(|local| local.to_canonical() == address)
    }
}

/// The host part of a `Host` header, without the port; None when it is malformed.
fn host_name(host: &str) -> Option<&str> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            // Keep the brackets: they mark an IPv6 literal for `ip_literal`.
            (&host[..inside.len() + 2], after.strip_prefix(':'))
        }
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if name.is_empty() || host.len() != name.len() + port.map_or(0, |p| p.len() + 1) {
        return None;
    }
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(name)
}

/// An IPv4 literal, or an IPv6 literal in brackets.
fn ip_literal(name: &str) -> Option<IpAddr> {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
    }
}

/// The local address a connection arrived on, recorded when it is accepted.
#[derive(Debug, Clone, Copy)]
pub struct ArrivedOn(pub Option<IpAddr>);

impl Connected<IncomingStream<'_, tokio::net::TcpListener>> for ArrivedOn {
    fn connect_info(stream: IncomingStream<'_, tokio::net::TcpListener>) -> ArrivedOn {
        ArrivedOn(stream.io().local_addr().ok().map(|a| a.ip()))
    }
}

/// Middleware in front of every route: answers 421 unless the request names this server.
/// An absolute-form request target (`GET http://name/`) must name it too.
pub async fn check_host(
    State(allowed): State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response {
    let arrived_on = request
        .extensions()
        .get::<ConnectInfo<ArrivedOn>>()
        .and_then(|info| info.0.0);
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    let authority = request.uri().authority().map(|a| a.as_str());
    let named = match (host, authority) {
        (None, None) => false,
        (host, authority) => [host, authority]
            .into_iter()
            .flatten()
            .all(|name| allowed.allows(name, arrived_on)),
    };
    if named {
        return next.run(request).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "421 Misdirected Request: this flashpoint preview answers only requests for \
         localhost or the address it listens on.\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lan() -> IpAddr {
        "192.168.1.20".parse().unwrap()
    }

    #[test]
    fn loopback_names_are_allowed_with_or_without_a_port() {
        let allowed = AllowedHosts::new([]);
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.3.4.5:80",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert!(allowed.allows(host, None), "{host}");
        }
    }

    #[test]
    fn other_names_are_refused() {
        let allowed = AllowedHosts::new([lan()]);
        for host in [
            "",
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "localhost:",
            "localhost:x",
            "localhost:1111:1111",
            "[::1",
            "[::1]x",
            "::1",
            "10.0.0.1",
            "192.168.1.21:1111",
            "[fe80::1]:1111",
        ] {
            assert!(!allowed.allows(host, None), "{host}");
        }
    }

    #[test]
    fn the_listening_and_arrival_addresses_are_allowed() {
        let allowed = AllowedHosts::new([lan(), "0.0.0.0".parse().unwrap()]);
        assert!(allowed.allows("192.168.1.20:1111", None));
        assert!(allowed.allows("0.0.0.0:1111", None));
        let vpn: IpAddr = "10.8.0.2".parse().unwrap();
        assert!(!allowed.allows("10.8.0.2:1111", None));
        assert!(allowed.allows("10.8.0.2:1111", Some(vpn)));
        // A socket listening on `::` sees IPv4 connections as mapped addresses.
        let mapped: IpAddr = "::ffff:10.8.0.2".parse().unwrap();
        assert!(allowed.allows("10.8.0.2", Some(mapped)));
        assert!(!allowed.allows("evil.example", Some(vpn)));
    }
}
