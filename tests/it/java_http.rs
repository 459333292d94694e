//! Java's redirect policies and timeouts over the host's `http-send`: `HttpClient.Redirect`
//! (NEVER, the default, hands back the 3xx; NORMAL follows, each hop checked against the
//! allow-list), `HttpRequest.timeout()`, and `HttpURLConnection`'s `setInstanceFollowRedirects`
//! and read timeout. The server is a std `TcpListener` on loopback (as in net.rs).

use crate::harness::{fixture, lambdabox, Run};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

/// Serve `connections` requests: `/redirect-local` → 302 to `/end`, `/redirect-away` → 302 to
/// a host not allowed, anything else → 200 `end`.
fn serve(connections: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { return };
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut buf = vec![0; 65536];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let head = match request.split_whitespace().nth(1).unwrap_or("/") {
                "/redirect-local" => "HTTP/1.1 302 Found\r\nlocation: /end\r\ncontent-length: 0",
                "/redirect-away" => {
                    "HTTP/1.1 302 Found\r\nlocation: http://127.0.0.2:9/\r\ncontent-length: 0"
                }
                _ => "HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nend",
            };
            let head = if head.ends_with("end") {
                head.to_owned()
            } else {
                format!("{head}\r\n\r\n")
            };
            let _ = stream.write_all(head.as_bytes());
        }
    });
    port
}

/// A server that accepts one connection and never answers (holds it for 20 s).
fn silent() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((_held, _)) = listener.accept() {
            std::thread::sleep(Duration::from_secs(20));
        }
    });
    port
}

fn run(dir: &Path, function: &str, port: u16, event: serde_json::Value) -> Run {
    let allow = format!("127.0.0.1:{port}");
    lambdabox(
        dir,
        &[
            "invoke",
            "local",
            "-f",
            function,
            "--allow-net",
            &allow,
            "-d",
            &event.to_string(),
        ],
    )
}

#[test]
fn java_httpclient_redirect_never_is_the_default_and_returns_the_302_with_its_location() {
    let port = serve(2);
    let dir = fixture("java", "http");
    let url = format!("http://127.0.0.1:{port}/redirect-local");
    for event in [
        serde_json::json!({ "url": url }),
        serde_json::json!({ "url": url, "redirect": "NEVER" }),
    ] {
        let run = run(&dir, "client", port, event);
        run.assert_code(0);
        let out = run.json();
        assert_eq!(out["status"], 302, "{out}");
        assert_eq!(out["location"], "/end");
        assert_eq!(out["url"], url);
    }
}

#[test]
fn java_httpclient_redirect_normal_follows_allowed_hops_and_is_refused_a_denied_one() {
    let port = serve(3);
    let dir = fixture("java", "http");
    let url = format!("http://127.0.0.1:{port}/redirect-local");
    let run1 = run(
        &dir,
        "client",
        port,
        serde_json::json!({ "url": url, "redirect": "NORMAL" }),
    );
    run1.assert_code(0);
    let out = run1.json();
    assert_eq!(out["status"], 200, "{out}");
    assert_eq!(out["body"], "end");
    assert_eq!(out["url"], format!("http://127.0.0.1:{port}/end"));

    let url = format!("http://127.0.0.1:{port}/redirect-away");
    let run2 = run(
        &dir,
        "client",
        port,
        serde_json::json!({ "url": url, "redirect": "NORMAL" }),
    );
    run2.assert_code(1);
    let err = run2.json();
    assert_eq!(err["errorType"], "java.net.ConnectException", "{err}");
    let message = err["errorMessage"].as_str().unwrap();
    assert!(
        message.contains("http://127.0.0.2:9 is not allowed"),
        "{message}"
    );
    assert!(message.contains("--allow-net 127.0.0.2:9"), "{message}");
}

#[test]
fn java_httpclient_request_timeout_fires_as_an_http_timeout_exception() {
    let port = silent();
    let dir = fixture("java", "http");
    let started = Instant::now();
    let run = run(
        &dir,
        "client",
        port,
        serde_json::json!({ "url": format!("http://127.0.0.1:{port}/"), "timeoutMs": 500 }),
    );
    let took = started.elapsed();
    run.assert_code(1);
    let err = run.json();
    assert_eq!(
        err["errorType"], "java.net.http.HttpTimeoutException",
        "{err}"
    );
    assert_eq!(err["errorMessage"], "request timed out");
    // The function may run 10 s; the whole CLI run (compile cache warm) ends far earlier.
    assert!(took < Duration::from_secs(6), "took {took:?}");
}

#[test]
fn java_http_url_connection_without_instance_follow_redirects_sees_the_302() {
    let port = serve(3);
    let dir = fixture("java", "http");
    let url = format!("http://127.0.0.1:{port}/redirect-local");
    let run1 = run(
        &dir,
        "legacy",
        port,
        serde_json::json!({ "url": url, "follow": false }),
    );
    run1.assert_code(0);
    let out = run1.json();
    assert_eq!(out["status"], 302, "{out}");
    assert_eq!(out["location"], "/end");
    assert_eq!(out["url"], url);

    // The JDK's default follows.
    let run2 = run(&dir, "legacy", port, serde_json::json!({ "url": url }));
    run2.assert_code(0);
    let out = run2.json();
    assert_eq!(out["status"], 200, "{out}");
    assert_eq!(out["url"], format!("http://127.0.0.1:{port}/end"));
}

#[test]
fn java_http_url_connection_read_timeout_is_a_socket_timeout_exception() {
    let port = silent();
    let dir = fixture("java", "http");
    let started = Instant::now();
    let run = run(
        &dir,
        "legacy",
        port,
        serde_json::json!({ "url": format!("http://127.0.0.1:{port}/"), "readTimeoutMs": 500 }),
    );
    let took = started.elapsed();
    run.assert_code(1);
    let err = run.json();
    assert_eq!(err["errorType"], "java.net.SocketTimeoutException", "{err}");
    assert_eq!(err["errorMessage"], "Read timed out");
    assert!(took < Duration::from_secs(6), "took {took:?}");
}
