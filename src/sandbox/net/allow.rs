//! Which destinations a handler may reach: `--allow-net` entries and
//! `custom.lambdabox.allowedOutboundHosts`, parsed and checked in plain Rust.
//!
//! Entry forms (as Spin's `allowed_outbound_hosts`): `*` (everything), `scheme://host[:port]`,
//! bare `host[:port]` (http and https). `scheme` is `http`, `https` or `*`; `host` may be `*` or
//! start with `*.` (any subdomain); `port` may be `*`. Without a port an entry allows the
//! scheme's default port (80/443).

use crate::exit::UsageError;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Where an entry was written, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    ServiceFile,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Origin::Flag => "--allow-net",
            Origin::ServiceFile => "serverless.yml custom.lambdabox.allowedOutboundHosts",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HostPattern {
    Any,
    /// Lower-case name or IP literal (IPv6 without brackets).
    Exact(String),
    /// `*.example.com` → `.example.com`: strict subdomains.
    Subdomain(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PortPattern {
    Any,
    /// The default port of whatever scheme is requested.
    Default,
    Exact(u16),
}

/// One parsed entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// `None`: any scheme.
    scheme: Option<Scheme>,
    host: HostPattern,
    port: PortPattern,
}

/// A request's destination, as the guest asked for it (before any DNS lookup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub scheme: Scheme,
    /// Lower-case host name or IP literal (IPv6 without brackets).
    pub host: String,
    pub port: u16,
}

impl Destination {
    /// The destination of an absolute `http`/`https` URL.
    pub fn of_url(url: &url::Url) -> Result<Self, String> {
        let scheme = match url.scheme() {
            "http" => Scheme::Http,
            "https" => Scheme::Https,
            other => {
                return Err(format!(
                    "unsupported URL scheme `{other}:` (only http and https)"
                ))
            }
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) => d.to_ascii_lowercase(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err(format!("URL `{url}` has no host")),
        };
        let port = url.port().unwrap_or(scheme.default_port());
        Ok(Self { scheme, host, port })
    }

    fn host_port(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    fn origin(&self) -> String {
        let hp = self.host_port();
        if self.port == self.scheme.default_port() {
            let host = hp.rsplit_once(':').map_or(hp.as_str(), |(h, _)| h);
            format!("{}://{host}", self.scheme.as_str())
        } else {
            format!("{}://{hp}", self.scheme.as_str())
        }
    }
}

/// Why a request was refused; `Display` is the message the handler sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    pub destination: String,
    pub hint: String,
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "lambdabox: network access to {} is not allowed; {}",
            self.destination, self.hint
        )
    }
}

impl std::error::Error for Denied {}

/// The parsed allow-list. The default allows nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetPolicy {
    entries: Vec<Entry>,
}

impl NetPolicy {
    /// Parse `--allow-net` values and `allowedOutboundHosts` entries; the first malformed one is
    /// a usage error naming it and where it was written.
    pub fn parse(flags: &[String], service: &[String]) -> Result<Self, UsageError> {
        let tagged = flags
            .iter()
            .map(|e| (e, Origin::Flag))
            .chain(service.iter().map(|e| (e, Origin::ServiceFile)));
        let mut entries = Vec::new();
        for (raw, origin) in tagged {
            let entry = parse_entry(raw).map_err(|reason| {
                UsageError::new(format!("{origin}: invalid outbound host `{raw}`: {reason}")).hint(
                    "write `*`, HOST[:PORT] or SCHEME://HOST[:PORT], e.g. `api.example.com`, \
                     `https://*.example.com`, `http://127.0.0.1:8080`",
                )
            })?;
            entries.push(entry);
        }
        Ok(Self { entries })
    }

    pub fn allows_nothing(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether the guest may reach `dest` (checked on the name, before any lookup).
    pub fn check(&self, dest: &Destination) -> Result<(), Denied> {
        if self.entries.iter().any(|e| e.matches(dest)) {
            return Ok(());
        }
        Err(Denied {
            destination: dest.origin(),
            hint: format!(
                "allow it with `--allow-net {}` or add \"{}\" to custom.lambdabox.allowedOutboundHosts \
                 in serverless.yml",
                dest.host_port(),
                dest.origin()
            ),
        })
    }

    /// Whether `addr`, which `dest` resolved to, is of a class the matching entries allow: a
    /// loopback, private or link-local address is only reachable through an entry that names
    /// such an address (or a name that is not a wildcard), or through `*`-everything.
    pub fn check_resolved(&self, dest: &Destination, addr: IpAddr) -> Result<(), Denied> {
        let class = AddrClass::of(addr);
        if class == AddrClass::Public {
            return Ok(());
        }
        let ok = self
            .entries
            .iter()
            .filter(|e| e.matches(dest))
            .any(|e| match &e.host {
                HostPattern::Any => e.scheme.is_none() && e.port == PortPattern::Any,
                // An IP literal entry allows exactly that address.
                HostPattern::Exact(h) => match h.parse::<IpAddr>() {
                    Ok(ip) => ip == addr,
                    // A named host resolving to a local address is allowed only for the local
                    // names everybody knows (`localhost`); anything else is a rebinding attempt.
                    Err(_) => h == "localhost" && class == AddrClass::Loopback,
                },
                HostPattern::Subdomain(_) => false,
            });
        if ok {
            return Ok(());
        }
        Err(Denied {
            destination: format!("{} (resolved to {class} address {addr})", dest.origin()),
            hint: format!(
                "allow that address explicitly with `--allow-net {}`",
                Destination {
                    host: addr.to_string(),
                    ..dest.clone()
                }
                .host_port()
            ),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddrClass {
    Loopback,
    Private,
    Public,
}

impl fmt::Display for AddrClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AddrClass::Loopback => "a loopback",
            AddrClass::Private => "a private",
            AddrClass::Public => "a public",
        })
    }
}

impl AddrClass {
    fn of(addr: IpAddr) -> Self {
        match addr {
            IpAddr::V4(v4) => Self::of_v4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self::of_v4(v4),
                None => Self::of_v6(v6),
            },
        }
    }

    fn of_v4(ip: Ipv4Addr) -> Self {
        if ip.is_loopback() {
            Self::Loopback
        } else if ip.is_private()
            || ip.is_link_local()
            || ip.is_unspecified()
            || ip.is_broadcast()
            || ip.octets()[0] == 100 && ip.octets()[1] & 0xc0 == 64
        {
            Self::Private
        } else {
            Self::Public
        }
    }

    fn of_v6(ip: Ipv6Addr) -> Self {
        let seg0 = ip.segments()[0];
        if ip.is_loopback() {
            Self::Loopback
        } else if ip.is_unspecified() || seg0 & 0xfe00 == 0xfc00 || seg0 & 0xffc0 == 0xfe80 {
            Self::Private
        } else {
            Self::Public
        }
    }
}

impl Entry {
    fn matches(&self, dest: &Destination) -> bool {
        let scheme_ok = self.scheme.is_none_or(|s| s == dest.scheme);
        let host_ok = match &self.host {
            HostPattern::Any => true,
            HostPattern::Exact(h) => *h == dest.host,
            HostPattern::Subdomain(suffix) => dest.host.ends_with(suffix.as_str()),
        };
        let port_ok = match self.port {
            PortPattern::Any => true,
            PortPattern::Default => dest.port == dest.scheme.default_port(),
            PortPattern::Exact(p) => p == dest.port,
        };
        scheme_ok && host_ok && port_ok
    }
}

fn parse_entry(raw: &str) -> Result<Entry, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("it is empty".into());
    }
    if s == "*" {
        return Ok(Entry {
            scheme: None,
            host: HostPattern::Any,
            port: PortPattern::Any,
        });
    }
    let (scheme, rest) = match s.split_once("://") {
        Some((scheme, rest)) => (
            match scheme.to_ascii_lowercase().as_str() {
                "http" => Some(Scheme::Http),
                "https" => Some(Scheme::Https),
                "*" => None,
                other => {
                    return Err(format!(
                        "unsupported scheme `{other}` (use http, https or *)"
                    ))
                }
            },
            rest,
        ),
        None => (None, s),
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '?', '#', '@']) {
        return Err("only a scheme, host and port are allowed (no path, query or user)".into());
    }
    let (host, port) = split_host_port(rest)?;
    let port = match port {
        None => PortPattern::Default,
        Some("*") => PortPattern::Any,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => PortPattern::Exact(n),
            _ => return Err(format!("`{p}` is not a port (1-65535 or *)")),
        },
    };
    Ok(Entry {
        scheme,
        host: parse_host(host)?,
        port,
    })
}

fn split_host_port(s: &str) -> Result<(&str, Option<&str>), String> {
    if let Some(after) = s.strip_prefix('[') {
        let (host, tail) = after
            .split_once(']')
            .ok_or("an IPv6 address is missing its closing `]`")?;
        return match tail {
            "" => Ok((host, None)),
            t => match t.strip_prefix(':') {
                Some(port) => Ok((host, Some(port))),
                None => Err(format!("unexpected `{t}` after the IPv6 address")),
            },
        };
    }
    Ok(match s.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (s, None),
    })
}

fn parse_host(host: &str) -> Result<HostPattern, String> {
    let host = host.to_ascii_lowercase();
    if host.is_empty() {
        return Err("the host is missing".into());
    }
    if host == "*" {
        return Ok(HostPattern::Any);
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(HostPattern::Exact(ip.to_string()));
    }
    let (pattern, name) = match host.strip_prefix("*.") {
        Some(name) => (HostPattern::Subdomain(format!(".{name}")), name),
        None => (HostPattern::Exact(host.clone()), host.as_str()),
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if name.split('.').all(label_ok) {
        Ok(pattern)
    } else if name.contains('*') {
        Err("`*` may only be the whole host or its first label (`*.example.com`)".into())
    } else {
        Err(format!("`{name}` is not a host name or IP address"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(flags: &[&str]) -> NetPolicy {
        let flags: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
        NetPolicy::parse(&flags, &[]).unwrap()
    }

    fn dest(url: &str) -> Destination {
        Destination::of_url(&url::Url::parse(url).unwrap()).unwrap()
    }

    fn allowed(p: &NetPolicy, url: &str) -> bool {
        p.check(&dest(url)).is_ok()
    }

    #[test]
    fn nothing_is_allowed_by_default() {
        let p = NetPolicy::default();
        assert!(!allowed(&p, "https://example.com/"));
        assert!(!allowed(&p, "http://127.0.0.1:8080/"));
    }

    #[test]
    fn star_allows_everything() {
        let p = policy(&["*"]);
        assert!(allowed(&p, "https://example.com/"));
        assert!(allowed(&p, "http://127.0.0.1:1/x"));
        assert!(p
            .check_resolved(&dest("http://a.test/"), "127.0.0.1".parse().unwrap())
            .is_ok());
    }

    #[test]
    fn bare_host_allows_both_schemes_on_default_ports() {
        let p = policy(&["api.example.com"]);
        assert!(allowed(&p, "https://api.example.com/v1"));
        assert!(allowed(&p, "http://API.example.com/"));
        assert!(!allowed(&p, "https://api.example.com:8443/"));
        assert!(!allowed(&p, "https://other.example.com/"));
        assert!(!allowed(&p, "https://example.com/"));
    }

    #[test]
    fn scheme_and_port_are_enforced() {
        let p = policy(&["https://api.example.com", "http://127.0.0.1:8080"]);
        assert!(allowed(&p, "https://api.example.com/"));
        assert!(!allowed(&p, "http://api.example.com/"));
        assert!(allowed(&p, "http://127.0.0.1:8080/a?b"));
        assert!(!allowed(&p, "https://127.0.0.1:8080/"));
        assert!(!allowed(&p, "http://127.0.0.1:8081/"));
    }

    #[test]
    fn wildcards_for_subdomains_ports_and_schemes() {
        let p = policy(&["https://*.example.com", "*://localhost:*"]);
        assert!(allowed(&p, "https://a.example.com/"));
        assert!(allowed(&p, "https://a.b.example.com/"));
        assert!(!allowed(&p, "https://example.com/"));
        assert!(!allowed(&p, "https://badexample.com/"));
        assert!(allowed(&p, "http://localhost:3000/"));
        assert!(allowed(&p, "https://localhost:1/"));
    }

    #[test]
    fn ipv6_literals() {
        let p = policy(&["http://[::1]:9000"]);
        assert!(allowed(&p, "http://[::1]:9000/"));
        assert!(!allowed(&p, "http://[::1]:9001/"));
    }

    #[test]
    fn malformed_entries_name_the_entry_and_origin() {
        let cases = [
            ("", "empty"),
            ("ftp://a.com", "unsupported scheme"),
            ("https://a.com/path", "no path"),
            ("a.com:http", "not a port"),
            ("a.com:0", "not a port"),
            ("a.com:70000", "not a port"),
            ("a*.com", "`*` may only"),
            ("http://", "host is missing"),
            ("[::1", "closing"),
            ("exa mple.com", "not a host name"),
        ];
        for (raw, reason) in cases {
            let err = NetPolicy::parse(&[raw.to_string()], &[]).unwrap_err();
            assert!(
                err.message
                    .starts_with("--allow-net: invalid outbound host"),
                "{err}"
            );
            assert!(err.message.contains(&format!("`{raw}`")), "{err}");
            assert!(err.message.contains(reason), "{raw}: {err}");
        }
        let err = NetPolicy::parse(&["ok.com".into()], &["bad/x".into()]).unwrap_err();
        assert!(err
            .message
            .starts_with("serverless.yml custom.lambdabox.allowedOutboundHosts: invalid"));
    }

    #[test]
    fn denial_names_the_flag_and_the_entry_that_would_allow_it() {
        let p = policy(&["other.com"]);
        let d = p.check(&dest("http://127.0.0.1:8080/x")).unwrap_err();
        assert_eq!(d.destination, "http://127.0.0.1:8080");
        assert!(
            d.hint.contains("`--allow-net 127.0.0.1:8080`"),
            "{}",
            d.hint
        );
        assert!(d.hint.contains("\"http://127.0.0.1:8080\""), "{}", d.hint);
        let d = p.check(&dest("https://api.example.com/")).unwrap_err();
        assert!(d.hint.contains("`--allow-net api.example.com:443`"));
        assert!(d.hint.contains("\"https://api.example.com\""));
        assert!(d
            .to_string()
            .contains("network access to https://api.example.com is not allowed"));
    }

    #[test]
    fn rebinding_a_public_name_to_a_local_address_is_denied() {
        let p = policy(&["api.example.com", "https://*.example.org"]);
        let d = dest("https://api.example.com/");
        assert!(p
            .check_resolved(&d, "93.184.216.34".parse().unwrap())
            .is_ok());
        for local in [
            "127.0.0.1",
            "10.0.0.5",
            "192.168.1.1",
            "169.254.169.254",
            "::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            let err = p.check_resolved(&d, local.parse().unwrap()).unwrap_err();
            assert!(err.destination.contains("resolved to"), "{local}: {err}");
        }
        let d = dest("https://x.example.org/");
        assert!(p.check_resolved(&d, "127.0.0.1".parse().unwrap()).is_err());
    }

    #[test]
    fn local_addresses_allowed_when_named() {
        let p = policy(&["http://127.0.0.1:8080", "localhost:*", "10.1.2.3"]);
        assert!(p
            .check_resolved(
                &dest("http://127.0.0.1:8080/"),
                "127.0.0.1".parse().unwrap()
            )
            .is_ok());
        assert!(p
            .check_resolved(&dest("http://localhost:5/"), "127.0.0.1".parse().unwrap())
            .is_ok());
        assert!(p
            .check_resolved(&dest("http://localhost:5/"), "::1".parse().unwrap())
            .is_ok());
        assert!(p
            .check_resolved(&dest("http://10.1.2.3/"), "10.1.2.3".parse().unwrap())
            .is_ok());
        // `localhost` pointing somewhere private is not loopback.
        assert!(p
            .check_resolved(&dest("http://localhost:5/"), "10.0.0.1".parse().unwrap())
            .is_err());
    }
}
