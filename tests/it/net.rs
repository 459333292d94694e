//! Outbound HTTP from sandboxed handlers: allowed, denied, redirected, `*`, deterministic.
//! The server is a std `TcpListener` on loopback, one thread, answering a bounded number of
//! connections. Every `<rt>-net` fixture's `fn` takes `{url, method?, body?, follow?}` and
//! returns `{status, contentType, custom, url, bytes, ...}`, so the shared scenarios
//! (`runtime_test!`) are one body for every runtime; each runtime's own clients and behaviours
//! (node:http, http.client, HttpURLConnection, Net::HTTP sessions, timeouts) follow them.

use crate::harness::{copy_fixture, fixture, lambdabox, lambdabox_with_env, Fixture, Run};
use crate::runtime_test;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// The body of `/binary`: every byte value, so nothing may be re-encoded on the way.
fn binary_body() -> Vec<u8> {
    (0..=255u8).collect()
}

/// Serve `connections` requests; each request's head and body go to the returned channel.
fn serve(connections: usize) -> (u16, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { return };
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut buf = vec![0; 65536];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let (head, body): (String, Vec<u8>) = match path.as_str() {
                "/binary" => (
                    "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\nx-custom: bin"
                        .into(),
                    binary_body(),
                ),
                "/redirect-local" => ("HTTP/1.1 302 Found\r\nlocation: /text".into(), Vec::new()),
                "/redirect-away" => (
                    "HTTP/1.1 302 Found\r\nlocation: http://127.0.0.2:9/".into(),
                    Vec::new(),
                ),
                _ => (
                    "HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\nx-custom: t".into(),
                    b"not here".to_vec(),
                ),
            };
            let _ = stream
                .write_all(format!("{head}\r\ncontent-length: {}\r\n\r\n", body.len()).as_bytes());
            let _ = stream.write_all(&body);
            let _ = tx.send(request);
        }
    });
    (port, rx)
}

/// The `<rt>-net` fixture, ready to run (CPython installed first when it is needed).
fn net_fixture(rt: &str) -> Fixture {
    if rt == "python" {
        crate::python_sandbox::ensure_python();
    }
    fixture(rt, "net")
}

/// `invoke local -f <function> <flags> -d <event>` in the service `dir`.
fn call(dir: &std::path::Path, function: &str, flags: &[&str], event: &Value) -> Run {
    let event = event.to_string();
    let mut args = vec!["invoke", "local", "-f", function];
    args.extend_from_slice(flags);
    args.extend(["-d", &event]);
    lambdabox(dir, &args)
}

/// The next request the server received (head and body).
fn next_request(requests: &mpsc::Receiver<String>) -> String {
    requests.recv_timeout(Duration::from_secs(5)).unwrap()
}

fn bytes_of(out: &Value) -> Vec<u8> {
    serde_json::from_value(out["bytes"].clone()).unwrap()
}

/// A runtime's HTTP clients that take the `{url, ...}` event, each with the `errorType` its
/// handler fails with when the host is not allowed.
fn clients(rt: &str) -> &'static [(&'static str, &'static str)] {
    match rt {
        "node" => &[("fn", "TypeError")],
        // urllib wraps the refused connection; http.client raises it as it is.
        "python" => &[
            ("fn", "URLError"),
            ("viaHttpClient", "ConnectionRefusedError"),
        ],
        "ruby" => &[("fn", "SocketError")],
        // send() from a RequestHandler: the handler wraps the ConnectException; sendAsync's
        // handler rethrows it unwrapped.
        "java" => &[
            ("fn", "java.lang.RuntimeException"),
            ("async", "java.net.ConnectException"),
        ],
        _ => unreachable!("{rt}"),
    }
}

/// A denial message names the target, the flag that allows it and the serverless.yml key.
fn assert_names_the_flag(message: &str, target: &str, host_port: &str) {
    assert!(
        message.contains(&format!("network access to {target} is not allowed")),
        "{message}"
    );
    assert!(
        message.contains(&format!("--allow-net {host_port}")),
        "{message}"
    );
    assert!(
        message.contains("custom.lambdabox.allowedOutboundHosts"),
        "{message}"
    );
}

runtime_test!(
    an_allowed_host_gets_status_headers_and_binary_body,
    [node, python, ruby, java],
    |rt| {
        let (port, requests) = serve(1);
        let dir = net_fixture(rt);
        let allow = format!("127.0.0.1:{port}");
        let url = format!("http://127.0.0.1:{port}/binary");
        let run = call(&dir, "fn", &["--allow-net", &allow], &json!({ "url": url }));
        run.assert_code(0);
        let out = run.json();
        assert_eq!(out["status"], 200);
        assert_eq!(out["contentType"], "application/octet-stream");
        assert_eq!(out["custom"], "bin");
        assert_eq!(out["url"], url);
        assert_eq!(bytes_of(&out), binary_body());
        let request = next_request(&requests);
        assert!(request.starts_with("GET /binary HTTP/1.1"), "{request}");
        let lower = request.to_lowercase();
        assert!(lower.contains("x-from-handler: yes"), "{request}");
        match rt {
            "node" => assert_eq!(out["ok"], true),
            "ruby" => {
                assert_eq!(out["message"], "OK");
                assert_eq!(out["class"], "Net::HTTPOK");
                assert_eq!(out["success"], true);
            }
            "java" => assert!(lower.contains("user-agent: java-http-client/"), "{request}"),
            _ => {}
        }
    }
);

/// A CA and a certificate for 127.0.0.1 signed by it (openssl), in `dir`: (ca.pem, leaf, key).
fn test_certificates(dir: &std::path::Path) -> (PathBuf, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let out = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl is needed for the HTTPS tests (scripts/setup.sh installs it)");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=lambdabox test CA",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req"][..],
            &ec,
            &[
                "-keyout",
                "leaf.key",
                "-out",
                "leaf.csr",
                "-subj",
                "/CN=127.0.0.1",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
    ]);
    (
        dir.join("ca.pem"),
        dir.join("leaf.pem"),
        dir.join("leaf.key"),
    )
}

/// An HTTPS server on loopback answering `connections` requests with "secure hello".
fn serve_tls(connections: usize, leaf: &std::path::Path, key: &std::path::Path) -> u16 {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<_> = CertificateDer::pem_file_iter(leaf)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = std::sync::Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(tcp) = stream else { return };
            tcp.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(conn, tcp);
            let mut buf = vec![0; 65536];
            if tls.read(&mut buf).is_err() {
                continue; // a client that refused the certificate
            }
            let body = "secure hello";
            let _ = write!(
                tls,
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-custom: tls\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    port
}

runtime_test!(
    https_reaches_an_allowed_host_trusted_by_the_system_roots,
    [node, python, ruby, java],
    |rt| {
        let certs = tempfile::tempdir().unwrap();
        let (ca, leaf, key) = test_certificates(certs.path());
        let port = serve_tls(2, &leaf, &key);
        let dir = net_fixture(rt);
        let allow = format!("127.0.0.1:{port}");
        let url = format!("https://127.0.0.1:{port}/text");
        // The host reads the system's roots; SSL_CERT_FILE points them at the test CA.
        let run = lambdabox_with_env(
            &dir,
            &[
                "invoke",
                "local",
                "-f",
                "fn",
                "--allow-net",
                &allow,
                "-d",
                &json!({ "url": url }).to_string(),
            ],
            &[("SSL_CERT_FILE", &ca)],
        );
        run.assert_code(0);
        let out = run.json();
        assert_eq!(out["status"], 200, "{out}");
        assert_eq!(out["custom"], "tls");
        assert_eq!(bytes_of(&out), b"secure hello");
        // Without the CA the certificate is refused: the handler gets an error, not the page.
        let refused = call(&dir, "fn", &["--allow-net", &allow], &json!({ "url": url }));
        refused.assert_code(1);
        let err = refused.json();
        assert!(
            err["errorMessage"]
                .as_str()
                .unwrap_or("")
                .contains("certificate"),
            "{err}"
        );
    }
);

runtime_test!(
    posts_a_body_and_sees_error_statuses,
    [node, python, ruby, java],
    |rt| {
        let (port, requests) = serve(2);
        let dir = net_fixture(rt);
        let ev = json!({
            "url": format!("http://127.0.0.1:{port}/missing"),
            "method": "POST",
            "body": "héllo",
        });
        let allow = format!("http://127.0.0.1:{port}");
        let run = call(&dir, "fn", &["--allow-net", &allow], &ev);
        run.assert_code(0);
        let out = run.json();
        assert_eq!(out["status"], 404);
        assert_eq!(bytes_of(&out), b"not here");
        let request = next_request(&requests);
        assert!(request.starts_with("POST /missing HTTP/1.1"), "{request}");
        assert!(request.ends_with("héllo"), "{request}");
        match rt {
            "node" => assert_eq!(out["ok"], false),
            "ruby" => {
                assert_eq!(out["message"], "Not Found");
                assert_eq!(out["class"], "Net::HTTPNotFound");
                assert_eq!(out["success"], false);
            }
            "java" => {
                // sendAsync with a String body handler.
                let run = call(&dir, "async", &["--allow-net", &allow], &ev);
                run.assert_code(0);
                let out = run.json();
                assert_eq!(out["status"], 404);
                assert_eq!(out["text"], "not here");
                assert_eq!(out["headers"], "[content-length, content-type, x-custom]");
                let request = next_request(&requests);
                assert!(request.starts_with("POST /missing HTTP/1.1"), "{request}");
                assert!(request.ends_with("héllo"), "{request}");
            }
            _ => {}
        }
    }
);

runtime_test!(
    a_host_not_allowed_fails_naming_the_flag,
    [node, python, ruby, java],
    |rt| {
        let dir = net_fixture(rt);
        for &(function, error_type) in clients(rt) {
            let run = call(
                &dir,
                function,
                &[],
                &json!({ "url": "http://127.0.0.1:9/x" }),
            );
            run.assert_code(1);
            let err = run.json();
            assert_eq!(err["errorType"], error_type, "{function}: {err}");
            let message = err["errorMessage"].as_str().unwrap();
            assert_names_the_flag(message, "http://127.0.0.1:9", "127.0.0.1:9");
            if error_type == "java.lang.RuntimeException" {
                assert!(message.starts_with("java.net.ConnectException: "), "{err}");
            }
        }
    }
);

runtime_test!(
    follows_allowed_redirects_and_refuses_denied_ones,
    [node, python, ruby, java],
    |rt| {
        let (port, _requests) = serve(4);
        let dir = net_fixture(rt);
        let allow = format!("127.0.0.1:{port}");
        // `follow` is for Ruby, whose Net::HTTP leaves redirects to the handler.
        let ev =
            json!({ "url": format!("http://127.0.0.1:{port}/redirect-local"), "follow": true });
        let run = call(&dir, "fn", &["--allow-net", &allow], &ev);
        run.assert_code(0);
        let out = run.json();
        assert_eq!(out["status"], 404, "the redirect target answers 404");
        assert_eq!(out["url"], format!("http://127.0.0.1:{port}/text"));
        if rt == "node" {
            assert_eq!(out["redirected"], true);
        }

        let away = format!("http://127.0.0.1:{port}/redirect-away");
        let run = call(
            &dir,
            "fn",
            &["--allow-net", &allow],
            &json!({ "url": away, "follow": true }),
        );
        run.assert_code(1);
        let err = run.json();
        // The hop is refused as a direct request is (`fn` is each runtime's first client).
        assert_eq!(err["errorType"], clients(rt)[0].1, "{err}");
        let message = err["errorMessage"].as_str().unwrap();
        assert_names_the_flag(message, "http://127.0.0.2:9", "127.0.0.2:9");

        if rt == "ruby" {
            // As real Net::HTTP: unfollowed, the 302 itself is the response.
            let run = call(
                &dir,
                "fn",
                &["--allow-net", &allow],
                &json!({ "url": away }),
            );
            run.assert_code(0);
            let out = run.json();
            assert_eq!(out["status"], 302);
            assert_eq!(out["class"], "Net::HTTPFound");
            assert_eq!(out["location"], "http://127.0.0.2:9/");
        }
    }
);

runtime_test!(
    star_and_deterministic_work_and_repeat,
    [node, python, ruby, java],
    |rt| {
        let (port, _requests) = serve(2 * clients(rt).len());
        let dir = net_fixture(rt);
        let ev = json!({ "url": format!("http://127.0.0.1:{port}/binary") });
        let flags = ["--allow-net", "*", "--deterministic"];
        for &(function, _) in clients(rt) {
            let first = call(&dir, function, &flags, &ev);
            first.assert_code(0);
            assert_eq!(first.json()["status"], 200, "{function}");
            let second = call(&dir, function, &flags, &ev);
            assert_eq!(first.stdout, second.stdout, "{function}");
        }
    }
);

runtime_test!(
    a_request_never_outlives_the_function,
    [node, python, ruby, java],
    |rt| {
        // A server that accepts and holds the connection for 60 s without answering; the
        // function has 2 s. Ending well before the server lets go shows the request was cut at
        // the function's deadline (the margin absorbs a loaded machine; speed is benchmarked
        // elsewhere).
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let held = listener.accept();
            std::thread::sleep(Duration::from_secs(60));
            drop(held);
        });
        if rt == "python" {
            crate::python_sandbox::ensure_python();
        }
        let dir = copy_fixture(rt, "net");
        let yml = dir.path().join("serverless.yml");
        let text = std::fs::read_to_string(&yml).unwrap();
        std::fs::write(&yml, text.replacen("timeout: 5", "timeout: 2", 1)).unwrap();
        let started = std::time::Instant::now();
        let allow = format!("127.0.0.1:{port}");
        let ev = json!({ "url": format!("http://127.0.0.1:{port}/") });
        let run = call(dir.path(), "fn", &["--allow-net", &allow], &ev);
        run.assert_code(1);
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{:?}",
            started.elapsed()
        );
        let message = run.json()["errorMessage"].as_str().unwrap().to_owned();
        assert!(message.contains("timed out"), "{message}");
    }
);

runtime_test!(
    raw_sockets_stay_unavailable_even_with_star,
    // Python's refusal is in python_sandbox.rs; Java's class library has no socket API.
    [node, ruby],
    |rt| {
        let (names, refusal): (&[&str], &str) = match rt {
            "node" => (&["net", "tls", "dgram", "dns"], "MODULE_NOT_FOUND"),
            "ruby" => (
                &["TCPSocket", "UDPSocket", "Socket.tcp", "TCPServer"],
                "SocketError",
            ),
            _ => unreachable!("{rt}"),
        };
        let run = call(&net_fixture(rt), "raw", &["--allow-net", "*"], &json!({}));
        run.assert_code(0);
        let out = run.json();
        for name in names {
            assert_eq!(out[name], refusal, "{name}: {out}");
        }
    }
);

// ---- Each runtime's own clients and behaviours.

#[test]
fn serverless_yml_entries_allow_and_malformed_ones_are_usage_errors() {
    let (port, _requests) = serve(1);
    let dir = copy_fixture("node", "net");
    let yml = dir.path().join("serverless.yml");
    let base = std::fs::read_to_string(&yml).unwrap();
    std::fs::write(
        &yml,
        format!("{base}custom:\n  lambdabox:\n    allowedOutboundHosts:\n      - http://127.0.0.1:{port}\n"),
    )
    .unwrap();
    let ev = json!({ "url": format!("http://127.0.0.1:{port}/binary") });
    let run = call(dir.path(), "fn", &[], &ev);
    run.assert_code(0);
    assert_eq!(run.json()["status"], 200);

    std::fs::write(
        &yml,
        format!(
            "{base}custom:\n  lambdabox:\n    allowedOutboundHosts:\n      - https://a.com/path\n"
        ),
    )
    .unwrap();
    let run = call(dir.path(), "fn", &[], &json!({}));
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "error: serverless.yml custom.lambdabox.allowedOutboundHosts: invalid outbound host `https://a.com/path`"
        ),
        "{}",
        run.stderr
    );
    let run = call(dir.path(), "fn", &["--allow-net", "ftp://x"], &json!({}));
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("--allow-net: invalid outbound host `ftp://x`"),
        "{}",
        run.stderr
    );
}

#[test]
fn node_http_request_goes_through_the_host_and_is_checked_too() {
    let (port, requests) = serve(1);
    let dir = net_fixture("node");
    let allow = format!("127.0.0.1:{port}");
    let ev = json!({ "url": format!("http://127.0.0.1:{port}/binary") });
    let run = call(&dir, "viaHttp", &["--allow-net", &allow], &ev);
    run.assert_code(0);
    let out = run.json();
    assert_eq!(out["status"], 200);
    assert_eq!(out["custom"], "bin");
    assert_eq!(bytes_of(&out), binary_body());
    let request = next_request(&requests);
    assert!(request.starts_with("POST /binary HTTP/1.1"), "{request}");
    assert!(request.ends_with("part1,part2"), "{request}");

    let run = call(&dir, "viaHttp", &[], &ev);
    run.assert_code(1);
    let message = run.json()["errorMessage"].as_str().unwrap().to_owned();
    assert!(
        message.contains(&format!("--allow-net 127.0.0.1:{port}")),
        "{message}"
    );
}

// ---- Python: http.client (`viaHttpClient`), which never follows redirects and has its own
// timeout; the scenarios above run it for denial and `*`.

/// `invoke local -f viaHttpClient` on the python-net fixture with `event` and `flags`.
fn python_http_client(event: Value, flags: &[&str]) -> Run {
    call(&net_fixture("python"), "viaHttpClient", flags, &event)
}

#[test]
fn python_http_client_of_an_allowed_host_gets_status_headers_and_binary_body() {
    let (port, requests) = serve(1);
    let allow = format!("127.0.0.1:{port}");
    let ev = json!({"url": format!("http://127.0.0.1:{port}/binary"),
                    "method": "POST", "body": "sent by http.client"});
    let run = python_http_client(ev, &["--allow-net", &allow]);
    run.assert_code(0);
    let out = run.json();
    assert_eq!(out["status"], 200);
    assert_eq!(out["reason"], "OK");
    assert_eq!(out["contentType"], "application/octet-stream");
    assert_eq!(out["custom"], "bin");
    assert_eq!(bytes_of(&out), binary_body());
    let request = next_request(&requests);
    assert!(request.starts_with("POST /binary HTTP/1.1"), "{request}");
    assert!(
        request.to_lowercase().contains("x-from-handler: yes"),
        "{request}"
    );
    assert!(request.ends_with("sent by http.client"), "{request}");
}

#[test]
fn python_http_client_to_an_https_host_not_allowed_fails_naming_the_flag() {
    // HTTPS exists (the host does TLS) and is checked the same way as plain HTTP.
    let run = python_http_client(json!({"url": "https://api.example.com/"}), &[]);
    run.assert_code(1);
    let err = run.json();
    assert_eq!(err["errorType"], "ConnectionRefusedError");
    let message = err["errorMessage"].as_str().unwrap();
    assert_names_the_flag(message, "https://api.example.com", "api.example.com:443");
}

#[test]
fn python_http_client_gets_redirects_as_they_are() {
    // http.client never follows redirects: the 302 to a host that is not allowed reaches the
    // handler as a response (nothing was requested from that host). urllib follows, and the
    // host refuses the hop (follows_allowed_redirects_and_refuses_denied_ones::python).
    let (port, requests) = serve(1);
    let allow = format!("127.0.0.1:{port}");
    let ev = json!({"url": format!("http://127.0.0.1:{port}/redirect-away")});
    let run = python_http_client(ev, &["--allow-net", &allow]);
    run.assert_code(0);
    let out = run.json();
    assert_eq!(out["status"], 302);
    assert_eq!(out["reason"], "Found");
    assert_eq!(out["location"], "http://127.0.0.2:9/");
    let request = next_request(&requests);
    assert!(request.starts_with("GET /redirect-away"), "{request}");
}

#[test]
fn python_http_client_honours_its_own_timeout() {
    // The server holds the connection without answering; the handler's `timeout=1` ends the
    // request long before the function's 5 s.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let held = listener.accept();
        std::thread::sleep(Duration::from_secs(30));
        drop(held);
    });
    let allow = format!("127.0.0.1:{port}");
    let ev = json!({"url": format!("http://127.0.0.1:{port}/"), "timeout": 1});
    let run = python_http_client(ev, &["--allow-net", &allow]);
    run.assert_code(1);
    let err = run.json();
    assert_eq!(err["errorType"], "TimeoutError");
    let message = err["errorMessage"].as_str().unwrap();
    assert_eq!(
        message,
        "request timed out after 1000 ms (the timeout the handler set)"
    );
}

// ---- Java: HttpURLConnection (`legacy`); HttpClient's send and sendAsync are in the scenarios.

#[test]
fn java_http_url_connection_goes_through_the_host_too() {
    let (port, requests) = serve(2);
    let dir = net_fixture("java");
    let allow = format!("127.0.0.1:{port}");
    let legacy = |ev: Value| call(&dir, "legacy", &["--allow-net", &allow], &ev);
    let run = legacy(json!({ "url": format!("http://127.0.0.1:{port}/binary") }));
    run.assert_code(0);
    let out = run.json();
    assert_eq!(out["status"], 200);
    assert_eq!(out["method"], "GET");
    assert_eq!(out["message"], "OK");
    assert_eq!(out["custom"], "bin");
    assert_eq!(out["contentLength"], 256);
    let text: Vec<u8> = out["text"]
        .as_str()
        .unwrap()
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    assert_eq!(text, binary_body());
    let request = next_request(&requests);
    assert!(
        request.to_lowercase().contains("x-from-handler: yes"),
        "{request}"
    );

    // Writing a body turns GET into POST; a 404 is FileNotFoundException from getInputStream.
    let url = format!("http://127.0.0.1:{port}/missing");
    let run = legacy(json!({"url": url, "body": "a=1"}));
    run.assert_code(0);
    let out = run.json();
    assert_eq!(out["status"], 404);
    assert_eq!(out["method"], "POST");
    assert_eq!(out["text"], "not here");
    assert_eq!(
        out["inputStreamError"],
        format!("java.io.FileNotFoundException: {url}")
    );
    let request = next_request(&requests);
    assert!(request.starts_with("POST /missing HTTP/1.1"), "{request}");
    assert!(request.ends_with("a=1"), "{request}");

    // Denied: a ConnectException naming the flag.
    let run = call(
        &dir,
        "legacy",
        &[],
        &json!({ "url": "http://127.0.0.1:9/x" }),
    );
    run.assert_code(1);
    let err = run.json();
    assert_eq!(err["errorType"], "java.net.ConnectException");
    assert!(
        err["errorMessage"]
            .as_str()
            .unwrap()
            .contains("--allow-net 127.0.0.1:9"),
        "{err}"
    );
}

// ---- Ruby: Net::HTTP (the real library; only its socket is the host): sessions, timeouts.

#[test]
fn ruby_net_http_session_runs_several_requests_including_head() {
    let (port, _requests) = serve(3);
    let dir = net_fixture("ruby");
    let allow = format!("127.0.0.1:{port}");
    let ev = json!({ "url": format!("http://127.0.0.1:{port}/") });
    let run = call(&dir, "session", &["--allow-net", &allow], &ev);
    run.assert_code(0);
    let out = run.json();
    assert_eq!(out["binarySize"], 256);
    assert_eq!(
        out["binaryHeaders"],
        json!(["content-length", "content-type", "x-custom"])
    );
    assert_eq!(out["headCode"], "200");
    assert_eq!(out["headLength"], "256", "HEAD keeps the announced length");
    assert_eq!(out["headBody"], Value::Null);
    assert_eq!(out["missing"], json!(["404", "Not Found", "not here"]));
    assert_eq!(out["raises"], "404 \"Not Found\"");
}

#[test]
fn ruby_net_http_read_timeout_is_honoured() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        // Net::HTTP retries an idempotent request once after a timeout: hold both.
        let held: Vec<_> = listener.incoming().take(2).collect();
        std::thread::sleep(Duration::from_secs(30));
        drop(held);
    });
    let dir = net_fixture("ruby");
    let allow = format!("127.0.0.1:{port}");
    let ev = json!({ "url": format!("http://127.0.0.1:{port}/") });
    let started = std::time::Instant::now();
    let run = call(&dir, "slow", &["--allow-net", &allow], &ev);
    run.assert_code(1);
    let err = run.json();
    assert_eq!(err["errorType"], "Net::ReadTimeout", "{err}");
    // The server holds for 30 s; the function has 6 s.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
