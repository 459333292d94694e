//! The Lambda Invoke API over HTTP/1.1: `POST /2015-03-31/functions/{name}/invocations`.

use super::functions::{Functions, LookupError, LATEST};
use super::log::{invocation_log, tail_base64, Report};
use super::pool::{Call, Pool, Runtime, Served, StartError};
use crate::outcome::InvokeResult;
use crate::settings::RequestIds;
use bytes::Bytes;
use http::{HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt as _, Full};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Lambda's limit for a request payload (synchronous invocations).
pub const MAX_PAYLOAD_BYTES: usize = 6 * 1024 * 1024;
/// Lambda's limit for `X-Amz-Client-Context`, base64.
const MAX_CLIENT_CONTEXT_B64: usize = 3583;

const INVOKE_PREFIX: &str = "/2015-03-31/functions/";
const INVOKE_SUFFIX: &str = "/invocations";

pub type Body = Full<Bytes>;

/// The served functions, their pools, and the `Event` invocations still running.
pub struct App {
    functions: Functions,
    pools: HashMap<String, Arc<Pool>>,
    background: InFlight,
    /// Write the functions' own log lines to stderr (as `sam local` and serverless-offline do).
    echo_logs: bool,
    idle_timeout: Duration,
    request_ids: RequestIds,
    /// Requests received so far (numbers the seeded request ids).
    requests: AtomicU64,
}

impl App {
    pub fn new(
        functions: Functions,
        runtime: Arc<dyn Runtime>,
        max_concurrency: usize,
        idle_timeout: Duration,
        request_ids: RequestIds,
        echo_logs: bool,
    ) -> Arc<Self> {
        let pools = functions
            .iter()
            .map(|f| {
                let pool = Pool::new(
                    f.clone(),
                    Arc::clone(&runtime),
                    max_concurrency,
                    idle_timeout,
                );
                (f.name.clone(), Arc::new(pool))
            })
            .collect();
        Arc::new(Self {
            functions,
            pools,
            background: InFlight::default(),
            echo_logs,
            idle_timeout,
            request_ids,
            requests: AtomicU64::new(0),
        })
    }

    /// Warm sandboxes kept, all functions together.
    pub fn idle_sandboxes(&self) -> usize {
        self.pools.values().map(|p| p.idle_count()).sum()
    }

    /// Drop idle-timed-out warm sandboxes, forever (spawn it next to the server). A pool never
    /// hands out an expired sandbox anyway; this frees their memory while nobody calls.
    pub async fn reap_idle_sandboxes(self: Arc<Self>) {
        let every =
            (self.idle_timeout / 2).clamp(Duration::from_millis(10), Duration::from_secs(5));
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            for pool in self.pools.values() {
                let pool = Arc::clone(pool);
                // Dropping a sandbox may join its guest thread: keep it off the async workers.
                let _ = tokio::task::spawn_blocking(move || pool.reap_idle()).await;
            }
        }
    }

    pub fn functions(&self) -> &Functions {
        &self.functions
    }

    /// Wait until every `Event` invocation started so far has finished.
    pub async fn drain_background(&self) {
        self.background.wait_idle().await;
    }

    /// Answer one request. Never fails: every problem is an AWS-shaped error response.
    pub async fn handle<B>(self: &Arc<Self>, req: Request<B>) -> Response<Body>
    where
        B: http_body::Body + Send,
        B::Error: std::error::Error + Send + Sync + 'static,
    {
        let n = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        let request_id = self.request_ids.nth(n);
        let mut resp = self.route(req, &request_id).await;
        if let Ok(v) = HeaderValue::from_str(&request_id) {
            resp.headers_mut().insert("x-amzn-RequestId", v);
        }
        resp
    }

    async fn route<B>(self: &Arc<Self>, req: Request<B>, request_id: &str) -> Response<Body>
    where
        B: http_body::Body + Send,
        B::Error: std::error::Error + Send + Sync + 'static,
    {
        let path = req.uri().path();
        let Some(encoded_name) = path
            .strip_prefix(INVOKE_PREFIX)
            .and_then(|p| p.strip_suffix(INVOKE_SUFFIX))
        else {
            return aws_error(
                StatusCode::NOT_FOUND,
                "UnknownOperationException",
                "User",
                "Unknown operation",
            );
        };
        if req.method() != Method::POST {
            return aws_error(
                StatusCode::NOT_FOUND,
                "UnknownOperationException",
                "User",
                "Unknown operation",
            );
        }
        let function_name = percent_decode(encoded_name);
        let qualifier = req.uri().query().and_then(|q| query_param(q, "Qualifier"));
        let function = match self.functions.resolve(&function_name, qualifier.as_deref()) {
            Ok(f) => f.clone(),
            Err(e @ LookupError::NotFound(_)) => {
                return aws_error(
                    StatusCode::NOT_FOUND,
                    "ResourceNotFoundException",
                    "User",
                    &e.to_string(),
                )
            }
            Err(e @ LookupError::QualifierMismatch) => {
                return aws_error(
                    StatusCode::BAD_REQUEST,
                    "InvalidParameterValueException",
                    "User",
                    &e.to_string(),
                )
            }
        };

        let headers = req.headers();
        let invocation_type = header(headers, "x-amz-invocation-type")
            .unwrap_or("RequestResponse")
            .to_owned();
        if !matches!(
            invocation_type.as_str(),
            "RequestResponse" | "Event" | "DryRun"
        ) {
            return aws_error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                "User",
                &format!("1 validation error detected: Value '{invocation_type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"),
            );
        }
        let log_type = header(headers, "x-amz-log-type")
            .unwrap_or("None")
            .to_owned();
        if !matches!(log_type.as_str(), "None" | "Tail") {
            return aws_error(
                StatusCode::BAD_REQUEST,
                "ValidationException",
                "User",
                &format!("1 validation error detected: Value '{log_type}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]"),
            );
        }
        let client_context = match header(headers, "x-amz-client-context")
            .map(decode_client_context)
            .transpose()
        {
            Ok(c) => c,
            Err(message) => {
                return aws_error(
                    StatusCode::BAD_REQUEST,
                    "InvalidRequestContentException",
                    "User",
                    &message,
                )
            }
        };
        let body = match read_body(req.into_body()).await {
            Ok(Some(body)) => body,
            Ok(None) => return too_large(),
            Err(err) => {
                return aws_error(
                    StatusCode::BAD_REQUEST,
                    "InvalidRequestContentException",
                    "User",
                    &format!("reading the request body: {err}"),
                )
            }
        };
        let payload = if body.iter().all(u8::is_ascii_whitespace) {
            "{}".to_owned()
        } else {
            match std::str::from_utf8(&body)
                .ok()
                .filter(|s| serde_json::from_str::<serde::de::IgnoredAny>(s).is_ok())
            {
                Some(s) => s.to_owned(),
                None => {
                    return aws_error(
                        StatusCode::BAD_REQUEST,
                        "InvalidRequestContentException",
                        "User",
                        "Could not parse request body into json: the payload is not valid JSON",
                    )
                }
            }
        };

        let call = Call {
            request_id: request_id.to_owned(),
            payload,
            client_context,
        };
        let pool = Arc::clone(&self.pools[&function.name]);
        match invocation_type.as_str() {
            "DryRun" => empty(StatusCode::NO_CONTENT),
            "Event" => {
                let app = Arc::clone(self);
                let guard = self.background.start();
                tokio::spawn(async move {
                    let _guard = guard;
                    let outcome = pool.invoke(call).await;
                    app.after_background(&pool, outcome);
                });
                empty(StatusCode::ACCEPTED)
            }
            _ => {
                let outcome = pool.invoke(call).await;
                self.respond(&pool, request_id, outcome, log_type == "Tail")
            }
        }
    }

    fn respond(
        &self,
        pool: &Pool,
        request_id: &str,
        outcome: Result<Served, StartError>,
        tail: bool,
    ) -> Response<Body> {
        let function = pool.function();
        let (result, function_log, report) = match outcome {
            Ok(served) => {
                let report = Report {
                    duration: served.execution.duration,
                    init_duration: served.init_duration,
                    memory_size_mb: function.memory_size_mb,
                    max_memory_used_mb: served.execution.max_memory_used_mb,
                };
                (served.execution.result, served.execution.log, report)
            }
            Err(StartError::Function {
                error,
                log,
                duration,
                max_memory_used_mb,
            }) => {
                let report = Report {
                    duration,
                    init_duration: None,
                    memory_size_mb: function.memory_size_mb,
                    max_memory_used_mb,
                };
                (InvokeResult::Err(error), log, report)
            }
            Err(StartError::Internal(err)) => {
                eprintln!("error: invoking {}: {err:#}", function.name);
                return aws_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "ServiceException",
                    "Service",
                    &format!("{err:#}"),
                );
            }
        };
        self.echo(&function_log);
        let mut builder = Response::builder()
            .status(StatusCode::OK)
            .header("Content-Type", "application/json")
            .header("X-Amz-Executed-Version", LATEST);
        if tail {
            let log = invocation_log(request_id, LATEST, &function_log, &report);
            builder = builder.header("X-Amz-Log-Result", tail_base64(&log));
        }
        let body = match result {
            InvokeResult::Ok(response) => response.payload,
            InvokeResult::Err(error) => {
                builder = builder.header("X-Amz-Function-Error", "Unhandled");
                serde_json::to_vec(&error).unwrap_or_default()
            }
        };
        builder
            .body(Full::new(Bytes::from(body)))
            .unwrap_or_else(|_| empty(StatusCode::INTERNAL_SERVER_ERROR))
    }

    fn after_background(&self, pool: &Pool, outcome: Result<Served, StartError>) {
        let name = &pool.function().name;
        match outcome {
            Ok(served) => {
                self.echo(&served.execution.log);
                if let InvokeResult::Err(e) = served.execution.result {
                    eprintln!(
                        "{name}: Event invocation failed: {}: {}",
                        e.error_type, e.error_message
                    );
                }
            }
            Err(StartError::Function { error, log, .. }) => {
                self.echo(&log);
                eprintln!(
                    "{name}: Event invocation failed: {}: {}",
                    error.error_type, error.error_message
                );
            }
            Err(StartError::Internal(err)) => {
                eprintln!("error: Event invocation of {name}: {err:#}")
            }
        }
    }

    fn echo(&self, log: &str) {
        if self.echo_logs && !log.is_empty() {
            use std::io::Write as _;
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(log.as_bytes());
            if !log.ends_with('\n') {
                let _ = err.write_all(b"\n");
            }
        }
    }
}

/// Counts background invocations so shutdown can wait for them.
#[derive(Default)]
struct InFlight {
    state: Arc<(AtomicUsize, Notify)>,
}

struct InFlightGuard(Arc<(AtomicUsize, Notify)>);

impl InFlight {
    fn start(&self) -> InFlightGuard {
        self.state.0.fetch_add(1, Ordering::SeqCst);
        InFlightGuard(Arc::clone(&self.state))
    }

    async fn wait_idle(&self) {
        loop {
            let notified = self.state.1.notified();
            if self.state.0.load(Ordering::SeqCst) == 0 {
                return;
            }
            notified.await;
        }
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if self.0 .0.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0 .1.notify_waiters();
        }
    }
}

/// The body, or `None` when it is over [`MAX_PAYLOAD_BYTES`]. An oversized body is still read
/// (up to [`DRAIN_LIMIT`]) so the client, still sending, gets the 413 instead of a reset.
async fn read_body<B>(body: B) -> Result<Option<Bytes>, B::Error>
where
    B: http_body::Body + Send,
{
    let mut body = std::pin::pin!(body);
    let mut buf = bytes::BytesMut::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame?.into_data() {
            use bytes::{Buf as _, BufMut as _};
            seen += data.remaining();
            if seen <= MAX_PAYLOAD_BYTES {
                buf.put(data);
            } else if seen > DRAIN_LIMIT {
                break;
            }
        }
    }
    Ok((seen <= MAX_PAYLOAD_BYTES).then(|| buf.freeze()))
}

/// How much of an oversized body is read before giving up on the connection.
const DRAIN_LIMIT: usize = 4 * MAX_PAYLOAD_BYTES;

/// An AWS REST-JSON error: the type in `x-amzn-ErrorType` and the body, as Lambda sends it.
fn aws_error(status: StatusCode, error_type: &str, kind: &str, message: &str) -> Response<Body> {
    let body = serde_json::json!({ "Type": kind, "Message": message }).to_string();
    Response::builder()
        .status(status)
        .header("Content-Type", "application/json")
        .header("x-amzn-ErrorType", error_type)
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|_| empty(StatusCode::INTERNAL_SERVER_ERROR))
}

fn too_large() -> Response<Body> {
    aws_error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "RequestEntityTooLargeException",
        "User",
        &format!("Request must be smaller than {MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation"),
    )
}

fn empty(status: StatusCode) -> Response<Body> {
    let mut resp = Response::new(Full::new(Bytes::new()));
    *resp.status_mut() = status;
    resp
}

fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Base64 JSON → JSON text; AWS's messages for the two ways it can be wrong.
fn decode_client_context(b64: &str) -> Result<String, String> {
    use base64::Engine as _;
    if b64.len() > MAX_CLIENT_CONTEXT_B64 {
        return Err(format!("Client context must be smaller than {MAX_CLIENT_CONTEXT_B64} bytes once base64-encoded"));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| "Client context must be a valid Base64-encoded JSON object.".to_owned())?;
    let text = String::from_utf8(bytes)
        .map_err(|_| "Client context must be a valid Base64-encoded JSON object.".to_owned())?;
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .map_err(|_| "Client context must be a valid Base64-encoded JSON object.".to_owned())?;
    Ok(text)
}

fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == name).then(|| percent_decode(&v.replace('+', " ")))
    })
}

fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A random request id in UUID v4 form, as Lambda's.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::{Execution, FunctionEntry, Instance};

    #[test]
    fn percent_decoding_of_names_and_queries() {
        assert_eq!(
            percent_decode("arn%3Aaws%3Alambda%3Aus-east-1"),
            "arn:aws:lambda:us-east-1"
        );
        assert_eq!(percent_decode("f%3A%24LATEST"), "f:$LATEST");
        assert_eq!(percent_decode("bad%zz%4"), "bad%zz%4");
        assert_eq!(
            query_param("a=1&Qualifier=%24LATEST", "Qualifier").as_deref(),
            Some("$LATEST")
        );
        assert_eq!(query_param("qualifier=x", "Qualifier"), None);
    }

    #[test]
    fn client_context_must_be_base64_json() {
        assert_eq!(decode_client_context("eyJhIjoxfQ==").unwrap(), r#"{"a":1}"#);
        assert!(decode_client_context("%%%").is_err());
        assert!(decode_client_context("bm90IGpzb24=").is_err());
        assert!(decode_client_context(&"A".repeat(3584)).is_err());
    }

    /// A runtime whose instances answer `{}`.
    struct Echo;

    struct EchoInstance;

    impl Runtime for Echo {
        fn start(&self, _: &FunctionEntry) -> Result<Box<dyn Instance>, StartError> {
            Ok(Box::new(EchoInstance))
        }
    }

    impl Instance for EchoInstance {
        fn invoke(&mut self, _: &Call) -> anyhow::Result<Execution> {
            Ok(Execution {
                result: InvokeResult::Ok(crate::outcome::Response {
                    payload: b"{}".to_vec(),
                    is_json: true,
                }),
                log: String::new(),
                duration: Duration::from_millis(1),
                max_memory_used_mb: Some(1),
                reusable: true,
            })
        }
    }

    #[tokio::test]
    async fn the_reaper_drops_idle_sandboxes_while_nobody_calls() {
        let functions = Functions::new([FunctionEntry {
            key: "f".into(),
            name: "s-dev-f".into(),
            region: "us-east-1".into(),
            memory_size_mb: 128,
            timeout: Duration::from_secs(3),
        }]);
        let app = App::new(
            functions,
            Arc::new(Echo),
            2,
            Duration::from_millis(50),
            RequestIds::Seeded(1),
            false,
        );
        let request = || {
            Request::post("/2015-03-31/functions/f/invocations")
                .body(Full::new(Bytes::from_static(b"{}")))
                .unwrap()
        };
        let resp = app.handle(request()).await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(
            resp.headers()["x-amzn-RequestId"],
            RequestIds::Seeded(1).nth(1).as_str()
        );
        assert_eq!(app.idle_sandboxes(), 1, "kept warm");
        let reaper = tokio::spawn(Arc::clone(&app).reap_idle_sandboxes());
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(app.idle_sandboxes(), 0, "dropped without another call");
        reaper.abort();
    }
}
