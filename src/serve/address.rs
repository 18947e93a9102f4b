//! The address written into the site's absolute URLs (feed, canonical links, sitemap)
//! for the address `serve` listens on, and the warning when that is not loopback only.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, UdpSocket};

/// The host of the site's URLs while serving, and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlAddress {
    /// The address listened on, written as it is.
    Bound(IpAddr),
    /// For `0.0.0.0` or `::`: this machine's address on its default route.
    Found(IpAddr),
    /// For `0.0.0.0` or `::` when no such address exists: loopback, reachable from here only.
    Loopback(IpAddr),
}

impl UrlAddress {
    /// `bind` itself, unless it is the unspecified address, which no browser can be sent to.
    pub fn for_bind(bind: IpAddr) -> UrlAddress {
        if !bind.is_unspecified() {
            return UrlAddress::Bound(bind);
        }
        match bind {
            IpAddr::V4(_) => outbound_address(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
                .map(UrlAddress::Found)
                .unwrap_or(UrlAddress::Loopback(IpAddr::V4(Ipv4Addr::LOCALHOST))),
            IpAddr::V6(_) => outbound_address(IpAddr::V6(Ipv6Addr::UNSPECIFIED))
                .or_else(|| outbound_address(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
                .map(UrlAddress::Found)
                .unwrap_or(UrlAddress::Loopback(IpAddr::V6(Ipv6Addr::LOCALHOST))),
        }
    }

    pub fn ip(self) -> IpAddr {
        match self {
            UrlAddress::Bound(ip) | UrlAddress::Found(ip) | UrlAddress::Loopback(ip) => ip,
        }
    }
}

/// The local address the system would send from to a documentation-only address
/// (RFC 5737 / RFC 3849), i.e. the address on the default route. Connecting a UDP socket
/// only looks the route up: no packet is sent. None without a route, or when only loopback.
fn outbound_address(unspecified: IpAddr) -> Option<IpAddr> {
    let probe: IpAddr = match unspecified {
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
    };
    let socket = UdpSocket::bind((unspecified, 0)).ok()?;
    socket.connect((probe, 9)).ok()?;
    let local = socket.local_addr().ok()?.ip();
    (!local.is_unspecified() && !local.is_loopback()).then_some(local)
}

/// `http://127.0.0.1:1111` or `http://[::1]:1111`.
pub fn origin(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(ip) => format!("http://{ip}:{port}"),
        IpAddr::V6(ip) => format!("http://[{ip}]:{port}"),
    }
}

/// What to tell the user when `bind` lets other machines in; None for loopback.
pub fn exposure_warning(
    bind: IpAddr,
    url: UrlAddress,
    port: u16,
    include_drafts: bool,
) -> Option<String> {
    if bind.is_loopback() {
        return None;
    }
    let what = if include_drafts {
        "the preview, drafts included,"
    } else {
        "the preview"
    };
    let mut warning = format!(
        "warning: listening on {bind}: {what} is reachable from other machines on the \
         network, not only from this computer\n"
    );
    match url {
        UrlAddress::Bound(_) => {}
        UrlAddress::Found(ip) => warning.push_str(&format!(
            "  the site's absolute links (feed, canonical, sitemap) use {}\n",
            origin(ip, port)
        )),
        UrlAddress::Loopback(ip) => warning.push_str(&format!(
            "  no network address of this machine was found, so the site's absolute links \
             (feed, canonical, sitemap) use {}, which works on this computer only\n",
            origin(ip, port)
        )),
    }
    Some(warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unspecified_address_is_never_written_into_urls() {
        for bind in [
            IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            IpAddr::V6(Ipv6Addr::UNSPECIFIED),
        ] {
            let url = UrlAddress::for_bind(bind);
            assert!(!url.ip().is_unspecified(), "{url:?}");
            assert!(matches!(
                url,
                UrlAddress::Found(_) | UrlAddress::Loopback(_)
            ));
        }
        let lan: IpAddr = "192.168.1.20".parse().unwrap();
        assert_eq!(UrlAddress::for_bind(lan), UrlAddress::Bound(lan));
    }

    #[test]
    fn only_non_loopback_addresses_are_warned_about() {
        let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
        assert_eq!(
            exposure_warning(loopback, UrlAddress::Bound(loopback), 1111, true),
            None
        );
        let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        let warning = exposure_warning(any, UrlAddress::Loopback(loopback), 1111, true).unwrap();
        assert!(warning.contains("drafts included"), "{warning}");
        assert!(warning.contains("http://127.0.0.1:1111"), "{warning}");
        let found: IpAddr = "10.1.2.3".parse().unwrap();
        let warning = exposure_warning(any, UrlAddress::Found(found), 80, false).unwrap();
        assert!(!warning.contains("drafts"), "{warning}");
        assert!(warning.contains("http://10.1.2.3:80"), "{warning}");
    }

    #[test]
    fn ipv6_origins_are_bracketed() {
        assert_eq!(
            origin(IpAddr::V6(Ipv6Addr::LOCALHOST), 8080),
            "http://[::1]:8080"
        );
    }
}
