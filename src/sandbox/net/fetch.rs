//! The host side of a guest's HTTP request: policy check on the name, lookup, address-class
//! check, connect (TLS with the system's roots), one HTTP/1.1 exchange; redirects are followed
//! here so that every hop is checked again.

use super::allow::{Destination, NetPolicy, Scheme};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::rt::TokioIo;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

/// Largest response body handed to a guest.
pub const MAX_BODY_BYTES: usize = 32 << 20;
/// Redirect hops followed before giving up (as browsers and undici).
pub const MAX_REDIRECTS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// The status line's reason phrase (the server's own, else the canonical one).
    pub reason: String,
    /// Lower-case names, in the server's order; repeated headers stay separate.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The URL that answered (after redirects).
    pub url: String,
}

/// Whether the host follows redirects (fetch, urllib) or hands the 3xx response to the guest
/// (http.client, Net::HTTP, which never follow them themselves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Redirects {
    #[default]
    Follow,
    Manual,
}

/// Perform `req` for a guest. `Err` is the message the handler sees (a denial names the flag
/// that would allow it). Never takes longer than `time_left`.
pub fn perform(
    policy: &NetPolicy,
    req: HttpRequest,
    time_left: Duration,
) -> Result<HttpResponse, String> {
    perform_with(policy, req, time_left, Redirects::Follow)
}

/// [`perform`], choosing whether redirects are followed.
pub fn perform_with(
    policy: &NetPolicy,
    req: HttpRequest,
    time_left: Duration,
    redirects: Redirects,
) -> Result<HttpResponse, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("lambdabox: cannot start the network runtime: {e}"))?;
    rt.block_on(async {
        let request = async {
            match redirects {
                Redirects::Follow => follow(policy, req).await,
                Redirects::Manual => {
                    let url = url::Url::parse(&req.url)
                        .map_err(|e| format!("invalid URL `{}`: {e}", req.url))?;
                    exchange(policy, &url, &req).await
                }
            }
        };
        match tokio::time::timeout(time_left, request).await {
            Ok(result) => result,
            Err(_) => Err(format!(
                "request timed out after {} ms (the function's remaining time)",
                time_left.as_millis()
            )),
        }
    })
}

/// The end of the message of a timeout the handler set itself (the guest maps it to its
/// language's timeout error, e.g. Java's `HttpTimeoutException`).
pub const OWN_TIMEOUT_SUFFIX: &str = "(the timeout the handler set)";

/// [`perform_with`] under the handler's own `timeout` when it is shorter than `time_left`;
/// when it fires, the message says so ([`OWN_TIMEOUT_SUFFIX`]).
pub fn perform_within(
    policy: &NetPolicy,
    req: HttpRequest,
    time_left: Duration,
    timeout: Option<Duration>,
    redirects: Redirects,
) -> Result<HttpResponse, String> {
    match timeout.filter(|own| *own < time_left) {
        None => perform_with(policy, req, time_left, redirects),
        Some(own) => perform_with(policy, req, own, redirects).map_err(|e| {
            if e.starts_with("request timed out") {
                format!(
                    "request timed out after {} ms {OWN_TIMEOUT_SUFFIX}",
                    own.as_millis()
                )
            } else {
                e
            }
        }),
    }
}

async fn follow(policy: &NetPolicy, mut req: HttpRequest) -> Result<HttpResponse, String> {
    for _ in 0..=MAX_REDIRECTS {
        let url =
            url::Url::parse(&req.url).map_err(|e| format!("invalid URL `{}`: {e}", req.url))?;
        let response = exchange(policy, &url, &req).await?;
        let location = response
            .headers
            .iter()
            .find(|(k, _)| k == "location")
            .map(|(_, v)| v.clone());
        match (response.status, location) {
            (301 | 302 | 303 | 307 | 308, Some(location)) => {
                let next = url
                    .join(&location)
                    .map_err(|e| format!("bad redirect Location `{location}`: {e}"))?;
                // As fetch: 303, and 301/302 after POST, become a GET without a body.
                let to_get = response.status == 303
                    || (matches!(response.status, 301 | 302)
                        && req.method.eq_ignore_ascii_case("POST"));
                if to_get && !req.method.eq_ignore_ascii_case("HEAD") {
                    req.method = "GET".into();
                    req.body.clear();
                    req.headers.retain(|(k, _)| {
                        !k.eq_ignore_ascii_case("content-type")
                            && !k.eq_ignore_ascii_case("content-length")
                    });
                }
                if next.origin() != url.origin() {
                    req.headers.retain(|(k, _)| {
                        !k.eq_ignore_ascii_case("authorization")
                            && !k.eq_ignore_ascii_case("cookie")
                    });
                }
                req.url = next.to_string();
            }
            _ => return Ok(response),
        }
    }
    Err(format!("too many redirects (more than {MAX_REDIRECTS})"))
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

async fn exchange(
    policy: &NetPolicy,
    url: &url::Url,
    req: &HttpRequest,
) -> Result<HttpResponse, String> {
    let dest = Destination::of_url(url)?;
    policy.check(&dest).map_err(|d| d.to_string())?;
    let tcp = connect(policy, &dest).await?;
    let io: Box<dyn Io> = match dest.scheme {
        Scheme::Http => Box::new(tcp),
        Scheme::Https => {
            let name = rustls::pki_types::ServerName::try_from(dest.host.clone())
                .map_err(|e| format!("{}: {e}", dest.host))?;
            let tls = tokio_rustls::TlsConnector::from(tls_config()?)
                .connect(name, tcp)
                .await
                .map_err(|e| format!("TLS handshake with {} failed: {e}", dest.host))?;
            Box::new(tls)
        }
    };
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .map_err(|e| format!("HTTP connection to {} failed: {e}", dest.host))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });

    let method = hyper::Method::from_bytes(req.method.to_ascii_uppercase().as_bytes())
        .map_err(|_| format!("invalid HTTP method `{}`", req.method))?;
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let mut builder = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", host);
    for (k, v) in &req.headers {
        // The host frames the message itself.
        if ["host", "content-length", "transfer-encoding", "connection"]
            .iter()
            .any(|h| k.eq_ignore_ascii_case(h))
        {
            continue;
        }
        builder = builder.header(k.as_str(), v.as_str());
    }
    let request = builder
        .header("connection", "close")
        .body(Full::new(Bytes::from(req.body.clone())))
        .map_err(|e| format!("invalid request: {e}"))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("request to {} failed: {e}", url.as_str()))?;
    let status = response.status().as_u16();
    let reason = match response.extensions().get::<hyper::ext::ReasonPhrase>() {
        Some(phrase) => String::from_utf8_lossy(phrase.as_bytes()).into_owned(),
        None => response
            .status()
            .canonical_reason()
            .unwrap_or_default()
            .to_owned(),
    };
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = Limited::new(response.into_body(), MAX_BODY_BYTES)
        .collect()
        .await
        .map_err(|e| format!("reading the response of {} failed: {e}", url.as_str()))?
        .to_bytes()
        .to_vec();
    Ok(HttpResponse {
        status,
        reason,
        headers,
        body,
        url: url.to_string(),
    })
}

/// Look the name up and connect to the first address whose class the policy allows.
async fn connect(policy: &NetPolicy, dest: &Destination) -> Result<TcpStream, String> {
    let addrs: Vec<_> = tokio::net::lookup_host((dest.host.as_str(), dest.port))
        .await
        .map_err(|e| format!("cannot resolve {}: {e}", dest.host))?
        .collect();
    let mut last_err = format!("{} resolved to no address", dest.host);
    for addr in addrs {
        if let Err(denied) = policy.check_resolved(dest, addr.ip()) {
            last_err = denied.to_string();
            continue;
        }
        match TcpStream::connect(addr).await {
            Ok(s) => return Ok(s),
            Err(e) => last_err = format!("connect to {addr} failed: {e}"),
        }
    }
    Err(last_err)
}

fn tls_config() -> Result<Arc<rustls::ClientConfig>, String> {
    static CONFIG: OnceLock<Result<Arc<rustls::ClientConfig>, String>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let mut roots = rustls::RootCertStore::empty();
            let found = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(found.certs);
            if roots.is_empty() {
                return Err(
                    "no TLS root certificates found on this system (install ca-certificates)"
                        .into(),
                );
            }
            let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
            let config = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .with_root_certificates(roots)
                .with_no_client_auth();
            Ok(Arc::new(config))
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// A one-shot-per-connection HTTP server answering each request with `answer(path)`.
    fn serve(answer: fn(&str) -> Vec<u8>, connections: usize) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(connections) {
                let mut stream = stream.unwrap();
                let mut buf = vec![0; 8192];
                let n = stream.read(&mut buf).unwrap();
                let head = String::from_utf8_lossy(&buf[..n]).into_owned();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let _ = stream.write_all(&answer(&path));
            }
        });
        port
    }

    fn get(policy: &NetPolicy, url: String) -> Result<HttpResponse, String> {
        let req = HttpRequest {
            method: "GET".into(),
            url,
            headers: vec![("x-test".into(), "1".into())],
            body: Vec::new(),
        };
        perform(policy, req, Duration::from_secs(5))
    }

    fn policy(entries: &[String]) -> NetPolicy {
        NetPolicy::parse(entries, &[]).unwrap()
    }

    #[test]
    fn binary_body_and_headers_arrive_intact() {
        let port = serve(
            |_| {
                let mut r =
                    b"HTTP/1.1 201 Created\r\nx-a: 1\r\nx-a: 2\r\ncontent-length: 4\r\n\r\n"
                        .to_vec();
                r.extend([0u8, 255, 10, 13]);
                r
            },
            1,
        );
        let r = get(
            &policy(&[format!("http://127.0.0.1:{port}")]),
            format!("http://127.0.0.1:{port}/x"),
        )
        .unwrap();
        assert_eq!((r.status, r.reason.as_str()), (201, "Created"));
        assert_eq!(r.body, [0, 255, 10, 13]);
        let xa: Vec<_> = r
            .headers
            .iter()
            .filter(|(k, _)| k == "x-a")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(xa, ["1", "2"]);
    }

    #[test]
    fn a_denied_destination_is_never_contacted() {
        let err = get(&NetPolicy::default(), "http://127.0.0.1:9/".into()).unwrap_err();
        assert!(err.contains("--allow-net 127.0.0.1:9"), "{err}");
    }

    #[test]
    fn redirects_are_followed_and_rechecked() {
        let port = serve(
            |path| {
                match path {
                "/start" => b"HTTP/1.1 302 Found\r\nlocation: /end\r\ncontent-length: 0\r\n\r\n".to_vec(),
                "/away" => b"HTTP/1.1 301 Moved\r\nlocation: http://127.0.0.2:9/\r\ncontent-length: 0\r\n\r\n".to_vec(),
                _ => b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".to_vec(),
            }
            },
            3,
        );
        let p = policy(&[format!("127.0.0.1:{port}")]);
        let r = get(&p, format!("http://127.0.0.1:{port}/start")).unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"ok"[..]));
        assert!(r.url.ends_with("/end"));
        let err = get(&p, format!("http://127.0.0.1:{port}/away")).unwrap_err();
        assert!(err.contains("http://127.0.0.2:9 is not allowed"), "{err}");
    }

    #[test]
    fn manual_redirects_return_the_3xx_with_its_reason_and_still_check_the_destination() {
        let port = serve(
            |_| {
                b"HTTP/1.1 302 Gone Fishing\r\nlocation: /end\r\ncontent-length: 0\r\n\r\n".to_vec()
            },
            1,
        );
        let req = |url: String| HttpRequest {
            method: "GET".into(),
            url,
            headers: Vec::new(),
            body: Vec::new(),
        };
        let p = policy(&[format!("127.0.0.1:{port}")]);
        let once = |url| perform_with(&p, req(url), Duration::from_secs(5), Redirects::Manual);
        let r = once(format!("http://127.0.0.1:{port}/start")).unwrap();
        assert_eq!((r.status, r.reason.as_str()), (302, "Gone Fishing"));
        assert!(r.url.ends_with("/start"));
        let err = once("http://127.0.0.2:9/".into()).unwrap_err();
        assert!(err.contains("--allow-net 127.0.0.2:9"), "{err}");
    }

    #[test]
    fn a_slow_server_times_out_within_the_time_left() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (_s, _) = listener.accept().unwrap();
            std::thread::sleep(Duration::from_secs(3));
        });
        let req = HttpRequest {
            method: "GET".into(),
            url: format!("http://127.0.0.1:{port}/"),
            headers: Vec::new(),
            body: Vec::new(),
        };
        let started = std::time::Instant::now();
        let err = perform(&policy(&["*".into()]), req, Duration::from_millis(300)).unwrap_err();
        assert!(err.contains("timed out"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn the_handlers_own_timeout_fires_first_and_says_so() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (_s, _) = listener.accept().unwrap();
            std::thread::sleep(Duration::from_secs(3));
        });
        let req = HttpRequest {
            method: "GET".into(),
            url: format!("http://127.0.0.1:{port}/"),
            headers: Vec::new(),
            body: Vec::new(),
        };
        let started = std::time::Instant::now();
        let err = perform_within(
            &policy(&["*".into()]),
            req,
            Duration::from_secs(5),
            Some(Duration::from_millis(200)),
            Redirects::Manual,
        )
        .unwrap_err();
        assert_eq!(
            err,
            format!("request timed out after 200 ms {OWN_TIMEOUT_SUFFIX}")
        );
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn https_uses_the_system_roots_and_reports_a_failed_handshake() {
        assert!(tls_config().is_ok(), "system roots load");
        let port = serve(
            |_| b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec(),
            1,
        );
        let err = get(&policy(&["*".into()]), format!("https://127.0.0.1:{port}/")).unwrap_err();
        assert!(err.contains("TLS handshake with 127.0.0.1 failed"), "{err}");
    }
}
