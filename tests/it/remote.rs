//! Remote invoke: the exact Invoke requests (SDK capture client, offline), how replies are
//! printed, and real calls against moto's Lambda API.

use aws_sdk_lambda::config::{Credentials, SharedHttpClient};
use aws_smithy_http_client::test_util::{capture_request, CaptureRequestReceiver};
use aws_smithy_types::body::SdkBody;
use base64::Engine as _;
use lambdabox::exit::{Outcome, UsageError};
use lambdabox::invocation::{InvocationType, RemoteInvocation};
use lambdabox::remote;

pub fn invocation(function_name: &str) -> RemoteInvocation {
    RemoteInvocation {
        function_name: function_name.to_owned(),
        qualifier: None,
        invocation_type: InvocationType::RequestResponse,
        log_tail: false,
        payload: b"{}".to_vec(),
        client_context: None,
        region: Some("eu-west-1".to_owned()),
        profile: None,
        endpoint_url: None,
    }
}

fn test_credentials() -> Credentials {
    Credentials::new("AKIDLAMBDABOXTEST", "secret", None, None, "lambdabox-tests")
}

/// What `remote::run` printed and returned.
pub struct Run {
    pub result: anyhow::Result<Outcome>,
    pub stdout: String,
    pub stderr: String,
}

/// Run a remote invocation with a hermetic SDK configuration (no host environment, test
/// credentials) and the given HTTP client (`None`: the real one).
pub fn run_with(inv: &RemoteInvocation, http: Option<SharedHttpClient>) -> Run {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let config = remote::client::sdk_config(inv, |loader| {
            let loader = loader
                .empty_test_environment()
                .credentials_provider(test_credentials());
            match http {
                Some(http) => loader.http_client(http),
                None => loader,
            }
        })
        .await;
        let client = aws_sdk_lambda::Client::new(&config);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = remote::run(inv, &client, &mut out, &mut err).await;
        Run {
            result,
            stdout: String::from_utf8(out).unwrap(),
            stderr: String::from_utf8(err).unwrap(),
        }
    })
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<SdkBody> {
    let mut builder = http::Response::builder().status(status);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder.body(SdkBody::from(body.to_owned())).unwrap()
}

/// Invoke with a capture client answering `reply`; return the run and the one request sent.
fn capture(
    inv: &RemoteInvocation,
    reply: http::Response<SdkBody>,
) -> (Run, CaptureRequestReceiver) {
    let (client, rx) = capture_request(Some(reply));
    (run_with(inv, Some(SharedHttpClient::new(client))), rx)
}

fn ok_reply() -> http::Response<SdkBody> {
    response(
        200,
        &[("X-Amz-Executed-Version", "$LATEST")],
        r#"{"ok":true}"#,
    )
}

fn header<'a>(req: &'a aws_smithy_runtime_api::http::Request, name: &str) -> Option<&'a str> {
    req.headers().get(name)
}

#[test]
fn default_request_shape() {
    let (run, rx) = capture(&invocation("svc-dev-hello"), ok_reply());
    let req = rx.expect_request();
    assert_eq!(req.method(), "POST");
    assert_eq!(
        req.uri(),
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/svc-dev-hello/invocations"
    );
    assert_eq!(
        header(&req, "x-amz-invocation-type"),
        Some("RequestResponse")
    );
    assert_eq!(header(&req, "x-amz-log-type"), Some("None"));
    assert_eq!(header(&req, "x-amz-client-context"), None);
    let auth = header(&req, "authorization").unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDLAMBDABOXTEST/")
            && auth.contains("/eu-west-1/lambda/aws4_request"),
        "{auth}"
    );
    assert_eq!(req.body().bytes(), Some(&b"{}"[..]));
    assert_eq!(run.result.unwrap(), Outcome::Success);
    assert_eq!(run.stdout, "{\n    \"ok\": true\n}\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn qualifier_log_tail_and_client_context() {
    let mut inv = invocation("svc-dev-hello");
    inv.qualifier = Some("live".into());
    inv.log_tail = true;
    inv.client_context = Some(r#"{"custom":{"k":"v"}}"#.into());
    inv.payload = br#"{"name":"world","n":1}"#.to_vec();
    let (_run, rx) = capture(&inv, ok_reply());
    let req = rx.expect_request();
    assert_eq!(
        req.uri(),
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/svc-dev-hello/invocations?Qualifier=live"
    );
    assert_eq!(header(&req, "x-amz-log-type"), Some("Tail"));
    let context = base64::engine::general_purpose::STANDARD.encode(r#"{"custom":{"k":"v"}}"#);
    assert_eq!(header(&req, "x-amz-client-context"), Some(context.as_str()));
    assert_eq!(req.body().bytes(), Some(&br#"{"name":"world","n":1}"#[..]));
}

#[test]
fn event_and_dry_run_never_ask_for_the_log_tail() {
    for (kind, name, status) in [
        (InvocationType::Event, "Event", 202),
        (InvocationType::DryRun, "DryRun", 204),
    ] {
        let mut inv = invocation("svc-dev-hello");
        inv.invocation_type = kind;
        inv.log_tail = true;
        let (run, rx) = capture(&inv, response(status, &[], ""));
        let req = rx.expect_request();
        assert_eq!(header(&req, "x-amz-invocation-type"), Some(name));
        assert_eq!(header(&req, "x-amz-log-type"), Some("None"));
        assert_eq!(run.result.unwrap(), Outcome::Success);
        assert_eq!(run.stdout, "");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("(status {status})")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn raw_string_payload_is_sent_as_given() {
    let mut inv = invocation("svc-dev-hello");
    inv.payload = br#""simple-string""#.to_vec();
    let (_run, rx) = capture(&inv, ok_reply());
    assert_eq!(
        rx.expect_request().body().bytes(),
        Some(&br#""simple-string""#[..])
    );
}

#[test]
fn endpoint_url_replaces_the_regional_endpoint() {
    let mut inv = invocation("svc-dev-hello");
    inv.endpoint_url = Some("http://127.0.0.1:3002".into());
    let (_run, rx) = capture(&inv, ok_reply());
    assert_eq!(
        rx.expect_request().uri(),
        "http://127.0.0.1:3002/2015-03-31/functions/svc-dev-hello/invocations"
    );
}

#[test]
fn arn_function_name_is_percent_encoded_in_the_path() {
    let (_run, rx) = capture(
        &invocation("arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-hello"),
        ok_reply(),
    );
    assert_eq!(
        rx.expect_request().uri(),
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Asvc-dev-hello/invocations"
    );
}

#[test]
fn profile_supplies_region_and_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let credentials = dir.path().join("credentials");
    std::fs::write(&config, "[profile team]\nregion = ap-southeast-2\n").unwrap();
    std::fs::write(
        &credentials,
        "[team]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = s\n",
    )
    .unwrap();
    let mut inv = invocation("svc-dev-hello");
    inv.region = None;
    inv.profile = Some("team".into());
    let (http, rx) = capture_request(Some(ok_reply()));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
        let files = EnvConfigFiles::builder()
            .with_file(EnvConfigFileKind::Config, &config)
            .with_file(EnvConfigFileKind::Credentials, &credentials)
            .build();
        let sdk = remote::client::sdk_config(&inv, |l| {
            l.empty_test_environment()
                .profile_files(files)
                .http_client(http)
        })
        .await;
        let client = aws_sdk_lambda::Client::new(&sdk);
        let outcome = remote::run(&inv, &client, &mut Vec::new(), &mut Vec::new())
            .await
            .unwrap();
        assert_eq!(outcome, Outcome::Success);
    });
    let req = rx.expect_request();
    assert!(
        req.uri()
            .starts_with("https://lambda.ap-southeast-2.amazonaws.com/"),
        "{}",
        req.uri()
    );
    assert!(header(&req, "authorization")
        .unwrap()
        .contains("Credential=AKIDFROMPROFILE/"));
}

#[test]
fn function_error_prints_payload_and_log_tail_then_fails() {
    let log = "START RequestId: r1 Version: $LATEST\n\
               2026-11-28T10:00:00.250Z\tr1\tERROR\tInvoke Error\n\
               END RequestId: r1\n\
               REPORT RequestId: r1\tDuration: 3.10 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n";
    let b64 = base64::engine::general_purpose::STANDARD.encode(log);
    let mut inv = invocation("svc-dev-fail");
    inv.log_tail = true;
    let reply = response(
        200,
        &[
            ("X-Amz-Function-Error", "Unhandled"),
            ("X-Amz-Log-Result", &b64),
        ],
        r#"{"errorType":"Error","errorMessage":"boom","stackTrace":["at handler (/var/task/h.js:1:1)"]}"#,
    );
    let (run, _rx) = capture(&inv, reply);
    assert_eq!(run.result.unwrap(), Outcome::FunctionFailed);
    assert_eq!(
        run.stdout,
        "{\n    \"errorType\": \"Error\",\n    \"errorMessage\": \"boom\",\n    \"stackTrace\": [\n        \"at handler (/var/task/h.js:1:1)\"\n    ]\n}\n"
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "-".repeat(68));
    assert_eq!(lines[1], "START");
    assert!(lines[2].ends_with("\tERROR\tInvoke Error"), "{}", lines[2]);
    assert_eq!(lines[3], "END Duration: 3.10 ms Memory Used: 60 MB");
    assert_eq!(
        lines.last(),
        Some(&"error: invoked function failed (Unhandled)")
    );
}

#[test]
fn non_json_payload_is_printed_as_is() {
    let (run, _rx) = capture(
        &invocation("svc-dev-text"),
        response(200, &[], "plain text reply"),
    );
    assert_eq!(run.result.unwrap(), Outcome::Success);
    assert_eq!(run.stdout, "plain text reply\n");
}

#[test]
fn resource_not_found_is_a_clear_message_and_exit_1() {
    let reply = response(
        404,
        &[
            ("x-amzn-ErrorType", "ResourceNotFoundException"),
            ("Content-Type", "application/json"),
        ],
        r#"{"Type":"User","Message":"Function not found: arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-nope"}"#,
    );
    let (run, _rx) = capture(&invocation("svc-dev-nope"), reply);
    assert_eq!(run.result.unwrap(), Outcome::FunctionFailed);
    assert!(
        run.stderr
            .starts_with("error: function svc-dev-nope not found in eu-west-1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\nhint: "), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn access_denied_is_a_clear_message_and_exit_1() {
    let reply = response(
        403,
        &[("x-amzn-ErrorType", "AccessDeniedException")],
        r#"{"Message":"User: arn:aws:iam::1:user/x is not authorized to perform: lambda:InvokeFunction"}"#,
    );
    let (run, _rx) = capture(&invocation("svc-dev-hello"), reply);
    assert_eq!(run.result.unwrap(), Outcome::FunctionFailed);
    assert!(
        run.stderr
            .starts_with("error: access denied invoking svc-dev-hello"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not authorized"), "{}", run.stderr);
}

#[test]
fn oversized_client_context_is_refused_before_sending() {
    let mut inv = invocation("svc-dev-hello");
    inv.client_context = Some(format!("{{\"k\":\"{}\"}}", "x".repeat(3000)));
    let (run, rx) = capture(&inv, ok_reply());
    let err = run.result.unwrap_err();
    assert!(
        err.downcast_ref::<UsageError>()
            .unwrap()
            .message
            .contains("at most 3583"),
        "{err}"
    );
    rx.expect_no_request();
}

/// What the default chain reports when no provider found credentials.
#[derive(Debug)]
struct NoCredentials;

impl aws_credential_types::provider::ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::ready(Err(
            aws_credential_types::provider::error::CredentialsError::not_loaded(
                "no providers in chain provided credentials",
            ),
        ))
    }
}

#[test]
fn missing_credentials_say_how_to_provide_them() {
    let inv = invocation("svc-dev-hello");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let err = rt.block_on(async {
        let none = NoCredentials;
        let (http, _rx) = capture_request(None);
        let sdk = remote::client::sdk_config(&inv, |l| {
            l.empty_test_environment()
                .credentials_provider(none)
                .http_client(http)
        })
        .await;
        let client = aws_sdk_lambda::Client::new(&sdk);
        remote::run(&inv, &client, &mut Vec::new(), &mut Vec::new())
            .await
            .unwrap_err()
    });
    let usage = err.downcast_ref::<UsageError>().expect("a usage error");
    assert_eq!(usage.message, "no AWS credentials were found");
    assert!(
        usage.hints.iter().any(|h| h.contains("AWS_ACCESS_KEY_ID")),
        "{:?}",
        usage.hints
    );
    assert!(
        usage.hints.iter().any(|h| h.contains("--aws-profile")),
        "{:?}",
        usage.hints
    );
}

#[test]
fn unreachable_endpoint_is_a_network_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut inv = invocation("svc-dev-hello");
    inv.endpoint_url = Some(format!("http://127.0.0.1:{port}"));
    let run = run_with(&inv, None);
    assert_eq!(run.result.unwrap(), Outcome::FunctionFailed);
    assert!(
        run.stderr.starts_with(&format!(
            "error: could not reach the Lambda endpoint at http://127.0.0.1:{port}"
        )),
        "{}",
        run.stderr
    );
}

// ---- moto ---------------------------------------------------------------------------------

pub mod moto {
    use std::io::{Read as _, Write as _};
    use std::net::TcpStream;
    use std::path::PathBuf;
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    /// A `moto_server` on a free loopback port, stopped on drop.
    pub struct Moto {
        child: Child,
        pub endpoint: String,
        pub port: u16,
    }

    fn moto_server() -> PathBuf {
        if let Some(p) = std::env::var_os("LAMBDABOX_MOTO_SERVER") {
            return p.into();
        }
        let venv = dirs::home_dir()
            .unwrap()
            .join(".cache/lambdabox/venv/bin/moto_server");
        if venv.exists() {
            return venv;
        }
        PathBuf::from("moto_server")
    }

    impl Moto {
        pub fn start() -> Moto {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let bin = moto_server();
            let child = Command::new(&bin)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!(
                        "cannot start {} ({e}); run scripts/setup.sh to install moto",
                        bin.display()
                    )
                });
            let moto = Moto {
                child,
                endpoint: format!("http://127.0.0.1:{port}"),
                port,
            };
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                if let Ok((200, _)) = http(port, "GET", "/moto-api/", &[], b"") {
                    return moto;
                }
                assert!(
                    Instant::now() < deadline,
                    "moto_server did not start on port {port}"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        }

        /// Create an IAM role Lambda may assume (moto checks the role exists). IAM speaks the
        /// query protocol, which aws-sdk-lambda cannot send, so this is a plain form POST.
        pub fn create_role(&self, name: &str) -> String {
            let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
            let body = format!(
                "Action=CreateRole&Version=2010-05-08&RoleName={name}&AssumeRolePolicyDocument={}",
                urlencode(policy)
            );
            let auth = "AWS4-HMAC-SHA256 Credential=AKIDLAMBDABOXTEST/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0";
            let (status, reply) = http(
                self.port,
                "POST",
                "/",
                &[
                    ("Authorization", auth),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ],
                body.as_bytes(),
            )
            .unwrap();
            assert_eq!(status, 200, "{}", String::from_utf8_lossy(&reply));
            format!("arn:aws:iam::123456789012:role/{name}")
        }
    }

    impl Drop for Moto {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn urlencode(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    /// A minimal HTTP/1.1 exchange (`Connection: close`, a `Content-Length` reply body).
    pub fn http(
        port: u16,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<(u16, Vec<u8>)> {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply)?;
        let split = reply
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or(std::io::ErrorKind::InvalidData)?;
        let status_line = String::from_utf8_lossy(&reply[..split])
            .lines()
            .next()
            .unwrap_or("")
            .to_owned();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or(std::io::ErrorKind::InvalidData)?;
        Ok((status, reply[split + 4..].to_vec()))
    }
}

/// A zip with one Python handler: what `CreateFunction` needs.
fn handler_zip() -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("handler.py", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"def handle(event, context):\n    return event\n")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

/// Start moto, create the role and `svc-dev-hello` (published as version 1) with the SDK.
/// `echo`: moto's Docker-less backend, which answers every invocation of any name with the
/// event (no `FunctionError`); without it moto checks names and qualifiers but, having no
/// Docker here, answers invocations of existing functions with `FunctionError: Handled`.
fn moto_with_function(echo: bool) -> moto::Moto {
    let moto = moto::Moto::start();
    if echo {
        let (status, _) = moto::http(
            moto.port,
            "POST",
            "/moto-api/config",
            &[],
            br#"{"lambda":{"use_docker":false}}"#,
        )
        .unwrap();
        assert!((200..300).contains(&status), "moto config: {status}");
    }
    let role = moto.create_role("lambdabox-test-role");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut inv = invocation("unused");
        inv.region = Some("us-east-1".into());
        inv.endpoint_url = Some(moto.endpoint.clone());
        let sdk = remote::client::sdk_config(&inv, |l| {
            l.empty_test_environment()
                .credentials_provider(test_credentials())
        })
        .await;
        let client = aws_sdk_lambda::Client::new(&sdk);
        client
            .create_function()
            .function_name("svc-dev-hello")
            .runtime(aws_sdk_lambda::types::Runtime::Python312)
            .role(role)
            .handler("handler.handle")
            .code(
                aws_sdk_lambda::types::FunctionCode::builder()
                    .zip_file(aws_smithy_types::Blob::new(handler_zip()))
                    .build(),
            )
            .publish(true)
            .send()
            .await
            .expect("CreateFunction on moto");
    });
    moto
}

fn moto_invocation(
    moto: &moto::Moto,
    function_name: &str,
    kind: InvocationType,
) -> RemoteInvocation {
    let mut inv = invocation(function_name);
    inv.region = Some("us-east-1".into());
    inv.endpoint_url = Some(moto.endpoint.clone());
    inv.invocation_type = kind;
    inv
}

#[test]
fn moto_event_is_accepted_and_dry_run_succeeds() {
    let moto = moto_with_function(true);
    let run = run_with(
        &moto_invocation(&moto, "svc-dev-hello", InvocationType::Event),
        None,
    );
    assert_eq!(run.result.unwrap(), Outcome::Success, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Event invocation of svc-dev-hello accepted (status 202); it runs asynchronously\n"
    );
    assert_eq!(run.stdout, "");

    let run = run_with(
        &moto_invocation(&moto, "svc-dev-hello", InvocationType::DryRun),
        None,
    );
    assert_eq!(run.result.unwrap(), Outcome::Success, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("DryRun of svc-dev-hello succeeded (status 204)"),
        "{}",
        run.stderr
    );
}

#[test]
fn moto_unknown_function_and_unknown_qualifier_are_resource_not_found() {
    let moto = moto_with_function(false);
    let run = run_with(
        &moto_invocation(&moto, "svc-dev-nope", InvocationType::RequestResponse),
        None,
    );
    assert_eq!(run.result.unwrap(), Outcome::FunctionFailed);
    assert!(
        run.stderr.starts_with(&format!(
            "error: function svc-dev-nope not found at {}",
            moto.endpoint
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("ResourceNotFoundException"),
        "{}",
        run.stderr
    );

    // moto reads the qualifier from the function name only (`name:qualifier`): `$LATEST` reaches
    // the function, an unknown version is ResourceNotFoundException naming it.
    let run = run_with(
        &moto_invocation(&moto, "svc-dev-hello:$LATEST", InvocationType::DryRun),
        None,
    );
    assert!(
        run.stderr
            .starts_with("DryRun of svc-dev-hello:$LATEST succeeded (status 204)"),
        "{}",
        run.stderr
    );
    let run = run_with(
        &moto_invocation(&moto, "svc-dev-hello:7", InvocationType::DryRun),
        None,
    );
    assert_eq!(run.result.unwrap(), Outcome::FunctionFailed);
    assert!(
        run.stderr
            .starts_with("error: function svc-dev-hello:7 not found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("function:svc-dev-hello:7"),
        "{}",
        run.stderr
    );
}

#[test]
fn moto_request_response_returns_the_payload() {
    let moto = moto_with_function(true);
    let mut inv = moto_invocation(&moto, "svc-dev-hello", InvocationType::RequestResponse);
    inv.payload = br#"{"name":"moto","n":[1,2]}"#.to_vec();
    let run = run_with(&inv, None);
    assert_eq!(run.result.unwrap(), Outcome::Success, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "{\n    \"name\": \"moto\",\n    \"n\": [\n        1,\n        2\n    ]\n}\n"
    );
}
