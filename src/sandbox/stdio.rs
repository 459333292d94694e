//! The stdio transport (`wit/stdio-transport.md`) for WASI preview-1 command guests (CPython,
//! CRuby): JSON lines to the guest's stdin, nonce-framed JSON messages out of its stdout.
//! Every stdout byte outside a frame with the right nonce, and all of stderr, is log output.
//!
//! The command's `_start` runs on its own thread for the instance's whole life; each request
//! is a line written to its stdin and answered by one frame (or by the guest's end).

use super::clock::{Budget, Clock};
use super::engine::{engine, on_guest_thread};
use super::guard::{self, Guard, HasGuard};
use super::limits::{Failure, MemoryGauge};
use super::net::Redirects;
use super::policy::Policy;
use super::scratch::Scratch;
use super::streams::{ByteSink, ChannelStdin, GuestOutput, Log, LogSink};
use super::wasi::{build_ctx, GuestStdio};
use super::{Called, HandlerSpec, HostRuntime, InvokeContext};
use crate::outcome::{FunctionError, Response};
use bytes::Bytes;
use serde_json::{json, Value};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wasmtime::{Linker, Module, Store};
use wasmtime_wasi::p1::WasiP1Ctx;

/// How long past its deadline a guest stuck in a host call (a long WASI sleep) is waited for
/// before the host gives up on it.
const GRACE: Duration = Duration::from_secs(1);

/// What the guest's stdout turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Log(Vec<u8>),
    /// The JSON text of one frame (without the trailing newline).
    Frame(Vec<u8>),
    /// A frame longer than the limit (its bytes were dropped).
    TooLarge,
}

/// Splits guest stdout into log bytes and frames `\x1e LBX <nonce> \x1f <json> \n`.
/// Only a frame with the exact nonce counts; a frame may begin mid-line.
#[derive(Debug)]
pub struct FrameSplitter {
    prefix: Vec<u8>,
    max_frame: usize,
    state: SplitState,
}

#[derive(Debug)]
enum SplitState {
    Text,
    /// This many bytes of the prefix matched.
    Prefix(usize),
    Body(Vec<u8>),
    /// Inside an over-long frame: drop bytes until its newline.
    Skip,
}

impl FrameSplitter {
    pub fn new(nonce: &str, max_frame: usize) -> Self {
        let mut prefix = b"\x1eLBX".to_vec();
        prefix.extend_from_slice(nonce.as_bytes());
        prefix.push(0x1f);
        Self {
            prefix,
            max_frame,
            state: SplitState::Text,
        }
    }

    /// Feed bytes; pieces come out in stream order. Log text is emitted as soon as it cannot
    /// be the start of a frame.
    pub fn feed(&mut self, mut bytes: &[u8], out: &mut impl FnMut(Piece)) {
        while !bytes.is_empty() {
            match &mut self.state {
                SplitState::Text => {
                    let at = bytes.iter().position(|&b| b == 0x1e).unwrap_or(bytes.len());
                    if at > 0 {
                        out(Piece::Log(bytes[..at].to_vec()));
                    }
                    if at < bytes.len() {
                        self.state = SplitState::Prefix(1);
                        bytes = &bytes[at + 1..];
                    } else {
                        bytes = &[];
                    }
                }
                SplitState::Prefix(n) => {
                    let n = *n;
                    if bytes[0] == self.prefix[n] {
                        bytes = &bytes[1..];
                        self.state = if n + 1 == self.prefix.len() {
                            SplitState::Body(Vec::new())
                        } else {
                            SplitState::Prefix(n + 1)
                        };
                    } else {
                        // Not our frame: what matched so far is log text; the byte that broke
                        // the match is looked at again as text (it may start a frame itself).
                        out(Piece::Log(self.prefix[..n].to_vec()));
                        self.state = SplitState::Text;
                    }
                }
                SplitState::Body(body) => {
                    let end = bytes.iter().position(|&b| b == b'\n');
                    let take = end.unwrap_or(bytes.len());
                    if body.len() + take > self.max_frame {
                        self.state = SplitState::Skip;
                        out(Piece::TooLarge);
                        continue;
                    }
                    body.extend_from_slice(&bytes[..take]);
                    match end {
                        Some(i) => {
                            let frame = std::mem::take(body);
                            self.state = SplitState::Text;
                            bytes = &bytes[i + 1..];
                            out(Piece::Frame(frame));
                        }
                        None => bytes = &[],
                    }
                }
                SplitState::Skip => match bytes.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        self.state = SplitState::Text;
                        bytes = &bytes[i + 1..];
                    }
                    None => bytes = &[],
                },
            }
        }
    }
}

/// What the guest thread reports to the host.
enum Event {
    Frame(Vec<u8>),
    TooLarge,
    /// `_start` returned (or trapped).
    Ended(Result<(), Failure>),
}

/// The guest's stdout: frames go to the host, everything else to the log.
struct StdoutSplitter {
    splitter: Mutex<FrameSplitter>,
    log: Arc<Log>,
    events: mpsc::Sender<Event>,
}

impl ByteSink for StdoutSplitter {
    fn write(&self, bytes: &[u8]) {
        let mut splitter = self.splitter.lock().unwrap_or_else(|e| e.into_inner());
        splitter.feed(bytes, &mut |piece| match piece {
            Piece::Log(text) => self.log.write(&text),
            Piece::Frame(frame) => {
                let _ = self.events.send(Event::Frame(frame));
            }
            Piece::TooLarge => {
                let _ = self.events.send(Event::TooLarge);
            }
        });
    }
}

pub(crate) struct State {
    wasi: WasiP1Ctx,
    guard: Guard,
}

/// How a guest's life begins once it is instantiated: a command's `_start`, or the entry of a
/// pre-initialized interpreter (`python_snapshot`). Returning ends the guest like `_start` does.
pub(crate) type Entry =
    Box<dyn FnOnce(&mut Store<State>, &wasmtime::Instance) -> wasmtime::Result<()> + Send>;

fn call_start(store: &mut Store<State>, instance: &wasmtime::Instance) -> wasmtime::Result<()> {
    let start = instance.get_typed_func::<(), ()>(&mut *store, "_start")?;
    start.call(&mut *store, ())
}

impl HasGuard for State {
    fn guard(&mut self) -> &mut Guard {
        &mut self.guard
    }
}

/// A running stdio-transport guest.
pub struct StdioInstance {
    stdin: Option<tokio::sync::mpsc::UnboundedSender<Bytes>>,
    events: mpsc::Receiver<Event>,
    nonce: String,
    budget: Budget,
    policy: Policy,
    crashed: Option<Failure>,
    /// Sent with `init` when the guest's environment was fixed before this policy existed
    /// (a pre-initialized interpreter).
    init_env: Option<Vec<(String, String)>>,
    memory: MemoryGauge,
    _scratch: Arc<Scratch>,
}

impl StdioInstance {
    /// Start `module` (a WASI preview-1 command; argv, preopens and environment from `policy`).
    /// The command runs until its stdin ends, which happens when the instance is dropped.
    pub fn start(module: &Module, policy: &Policy, log: Arc<dyn LogSink>) -> anyhow::Result<Self> {
        Self::start_with(module, policy, log, Box::new(call_start), false)
    }

    /// [`Self::start`] with another `entry`; `env_in_init`: the policy's environment is also
    /// sent in the `init` message (stdio-transport.md).
    pub(crate) fn start_with(
        module: &Module,
        policy: &Policy,
        log: Arc<dyn LogSink>,
        entry: Entry,
        env_in_init: bool,
    ) -> anyhow::Result<Self> {
        let engine = engine()?;
        let scratch = Arc::new(Scratch::new(policy.tmp_bytes)?);
        let clock = Clock::new(policy.determinism);
        let log = Log::new(log, policy.max_log_bytes);
        let nonce = new_nonce();
        let (events_tx, events) = mpsc::channel();
        let max_frame = policy.max_response_bytes.saturating_mul(8).max(1 << 20);
        let stdout = GuestOutput(Arc::new(StdoutSplitter {
            splitter: Mutex::new(FrameSplitter::new(&nonce, max_frame)),
            log: log.clone(),
            events: events_tx.clone(),
        }));
        let (stdin_tx, stdin) = ChannelStdin::new();
        let wasi = build_ctx(
            policy,
            scratch.path(),
            &clock,
            GuestStdio {
                stdin: Some(stdin),
                stdout,
                stderr: GuestOutput(log.clone()),
            },
        )?
        .build_p1();
        let guard = Guard::new(policy, clock, log, scratch.clone());
        let budget = guard.budget.clone();
        let memory = guard.memory.gauge();
        let mut store = Store::new(engine, State { wasi, guard });
        guard::arm(&mut store);
        let mut linker = Linker::<State>::new(engine);
        super::p1_poll::add_to_linker(&mut linker, |s: &mut State| &mut s.wasi)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let module = module.clone();
        on_guest_thread("lambdabox-stdio-guest", move || {
            let result = (|| {
                let instance = linker.instantiate(&mut store, &module)?;
                entry(&mut store, &instance)
            })();
            let ended = store.data_mut().guard.end_command(result);
            let _ = events_tx.send(Event::Ended(ended));
        })?;
        Ok(Self {
            stdin: Some(stdin_tx),
            events,
            nonce,
            budget,
            policy: policy.clone(),
            crashed: None,
            init_env: env_in_init.then(|| policy.env.clone()),
            memory,
            _scratch: scratch,
        })
    }

    /// Send one request line and wait for its answer frame.
    fn request(&mut self, message: &str) -> anyhow::Result<Result<Value, Failure>> {
        if let Some(failure) = &self.crashed {
            anyhow::bail!(
                "this sandbox instance crashed earlier ({failure}) and must be discarded"
            );
        }
        let mut line = message.as_bytes().to_vec();
        line.push(b'\n');
        self.budget.start();
        let answer = self.send_and_wait(line);
        self.budget.stop();
        if let Err(failure) = &answer {
            self.crashed = Some(failure.clone());
        }
        Ok(answer)
    }

    fn send_and_wait(&mut self, line: Vec<u8>) -> Result<Value, Failure> {
        let sent = self.send_line(line);
        let give_up = std::time::Instant::now() + self.policy.timeout + GRACE;
        loop {
            let wait = give_up.saturating_duration_since(std::time::Instant::now());
            let answer = match self.events.recv_timeout(wait) {
                Ok(Event::Frame(frame)) => serde_json::from_slice::<Value>(&frame).map_err(|e| {
                    Failure::Protocol(format!("the runtime sent a malformed message: {e}"))
                }),
                Ok(Event::TooLarge) => Err(Failure::Protocol(format!(
                    "the runtime's answer exceeded {} bytes",
                    self.policy.max_response_bytes
                ))),
                Ok(Event::Ended(Err(failure))) => Err(failure),
                Ok(Event::Ended(Ok(()))) => Err(Failure::Protocol(if sent {
                    "the runtime exited without answering".into()
                } else {
                    "the runtime exited before it was given work".into()
                })),
                Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::Timeout(self.policy.timeout)),
                Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Protocol(
                    "the runtime's thread ended unexpectedly".into(),
                )),
            }?;
            // A handler's HTTP request in the middle of a call: answer it and keep waiting.
            if answer.get("type").and_then(Value::as_str) == Some("http") {
                let reply = http_reply(&answer, &self.policy.net, self.budget.remaining());
                let mut line = serde_json::to_vec(&reply)
                    .map_err(|e| Failure::Protocol(format!("cannot encode a reply: {e}")))?;
                line.push(b'\n');
                self.send_line(line);
                continue;
            }
            return Ok(answer);
        }
    }

    fn send_line(&self, line: Vec<u8>) -> bool {
        self.stdin
            .as_ref()
            .is_some_and(|tx| tx.send(Bytes::from(line)).is_ok())
    }
}

/// Perform a guest's `http` message (wit/stdio-transport.md) and build the reply line.
pub(super) fn http_reply(msg: &Value, net: &super::net::NetPolicy, time_left: Duration) -> Value {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let request = (|| {
        let text = |k: &str| msg.get(k).and_then(Value::as_str).map(str::to_owned);
        let headers = match msg.get("headers") {
            None | Some(Value::Null) => Vec::new(),
            Some(h) => serde_json::from_value::<Vec<(String, String)>>(h.clone())
                .map_err(|e| format!("bad `headers` in the http message: {e}"))?,
        };
        let body = match msg.get("body").and_then(Value::as_str) {
            None => Vec::new(),
            Some(b) => b64
                .decode(b)
                .map_err(|e| format!("bad base64 `body` in the http message: {e}"))?,
        };
        let redirects = match text("redirect").as_deref() {
            None | Some("follow") => Redirects::Follow,
            Some("manual") => Redirects::Manual,
            Some(other) => return Err(format!("bad `redirect` in the http message: `{other}`")),
        };
        // The handler's own timeout (http.client's `timeout=`), within the function's time.
        let own_timeout = match msg.get("timeoutMs") {
            None | Some(Value::Null) => None,
            Some(ms) => Some(
                ms.as_f64()
                    .filter(|ms| *ms >= 0.0)
                    .map(|ms| Duration::from_secs_f64(ms / 1000.0))
                    .ok_or_else(|| format!("bad `timeoutMs` in the http message: {ms}"))?,
            ),
        };
        let request = super::net::HttpRequest {
            method: text("method").unwrap_or_else(|| "GET".into()),
            url: text("url").ok_or("the http message has no `url`")?,
            headers,
            body,
        };
        Ok::<_, String>((request, own_timeout, redirects))
    })();
    let performed = request.and_then(|(request, own_timeout, redirects)| {
        super::net::perform_within(net, request, time_left, own_timeout, redirects)
    });
    match performed {
        Ok(r) => json!({
            "type": "httpResponse",
            "status": r.status,
            "reason": r.reason,
            "headers": r.headers,
            "body": b64.encode(&r.body),
            "url": r.url,
        }),
        Err(message) => json!({"type": "httpError", "message": message}),
    }
}

impl Drop for StdioInstance {
    fn drop(&mut self) {
        // End of stdin: the bootstrap exits 0 and its thread finishes on its own.
        self.stdin.take();
    }
}

/// The `invoke` message of the stdio transport. The event is spliced in as text: parsing it
/// would round big integers to f64 (the guests parse it with their own number rules).
pub(super) fn invoke_message(
    event: &[u8],
    ctx: &InvokeContext,
    deadline_ms: u64,
) -> anyhow::Result<String> {
    let event = std::str::from_utf8(event)
        .ok()
        .filter(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok())
        .ok_or_else(|| anyhow::anyhow!("the event handed to the sandbox is not JSON"))?;
    let context = json!({
        "awsRequestId": ctx.aws_request_id,
        "functionName": ctx.function_name,
        "functionVersion": ctx.function_version,
        "invokedFunctionArn": ctx.invoked_function_arn,
        "memoryLimitInMB": ctx.memory_limit_mb,
        "logGroupName": ctx.log_group_name,
        "logStreamName": ctx.log_stream_name,
        "deadlineMs": deadline_ms,
        "clientContext": json_field(&ctx.client_context),
        "identity": json_field(&ctx.identity),
        "userContext": json_field(&ctx.user_context),
    });
    Ok(format!(
        r#"{{"type":"invoke","event":{event},"context":{context}}}"#
    ))
}

pub(super) fn new_nonce() -> String {
    let bytes: [u8; 16] = rand::random();
    hex::encode(bytes)
}

/// Parse a JSON text field of the context for the wire (invalid text is passed as a string).
pub(super) fn json_field(text: &Option<String>) -> Value {
    match text {
        None => Value::Null,
        Some(t) => serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.clone())),
    }
}

pub(super) fn function_error(msg: &Value) -> FunctionError {
    let text = |k: &str| {
        msg.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    FunctionError {
        error_type: text("errorType"),
        error_message: text("errorMessage"),
        stack_trace: msg
            .get("stackTrace")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|l| {
                        l.as_str()
                            .map(str::to_owned)
                            .unwrap_or_else(|| l.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The guest's answer to `init`; `Err` is a protocol failure (the instance must be discarded).
pub(super) fn init_answer(answer: &Value) -> Result<Called<()>, Failure> {
    match answer.get("type").and_then(Value::as_str) {
        Some("ready") => Ok(Called::Returned(())),
        Some("error") => Ok(Called::Failed(function_error(answer))),
        _ => Err(unexpected(answer, "ready")),
    }
}

/// The guest's answer to `invoke`; `Err` is a protocol failure (the instance must be discarded).
pub(super) fn invoke_answer(answer: &Value, policy: &Policy) -> Result<Called<Response>, Failure> {
    match answer.get("type").and_then(Value::as_str) {
        Some("result") => match answer.get("payload").and_then(Value::as_str) {
            Some(payload) => Ok(super::check_response(
                Response {
                    payload: payload.as_bytes().to_vec(),
                    is_json: true,
                },
                policy,
            )),
            None => Err(unexpected(answer, "result")),
        },
        Some("error") => Ok(Called::Failed(function_error(answer))),
        _ => Err(unexpected(answer, "result")),
    }
}

pub(super) fn unexpected(msg: &Value, waiting_for: &str) -> Failure {
    Failure::Protocol(format!(
        "expected a `{waiting_for}` message from the runtime, got {msg}"
    ))
}

impl HostRuntime for StdioInstance {
    fn init(&mut self, spec: &HandlerSpec) -> anyhow::Result<Called<()>> {
        let mut msg = json!({"type": "init", "nonce": self.nonce, "handler": spec.handler, "taskRoot": spec.task_root});
        if let Some(env) = &self.init_env {
            let env: serde_json::Map<String, Value> = env
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            msg["env"] = Value::Object(env);
        }
        Ok(match self.request(&msg.to_string())? {
            Err(failure) => Called::Crashed(failure),
            Ok(answer) => init_answer(&answer).unwrap_or_else(|f| self.protocol_crash(f)),
        })
    }

    fn invoke(&mut self, event: &[u8], ctx: &InvokeContext) -> anyhow::Result<Called<Response>> {
        // The budget is idle until the line is sent: the deadline is now + the whole timeout.
        let msg = invoke_message(event, ctx, self.budget.deadline_ms())?;
        Ok(match self.request(&msg)? {
            Err(failure) => Called::Crashed(failure),
            Ok(answer) => {
                invoke_answer(&answer, &self.policy).unwrap_or_else(|f| self.protocol_crash(f))
            }
        })
    }

    fn peak_memory_bytes(&self) -> Option<u64> {
        Some(self.memory.peak_bytes())
    }
}

impl StdioInstance {
    fn protocol_crash<T>(&mut self, failure: Failure) -> Called<T> {
        self.crashed = Some(failure.clone());
        Called::Crashed(failure)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_invoke_message_carries_the_event_text_verbatim() {
        let ctx = InvokeContext {
            aws_request_id: "id".into(),
            function_name: "f".into(),
            function_version: "$LATEST".into(),
            invoked_function_arn: "arn".into(),
            memory_limit_mb: 128,
            log_group_name: "g".into(),
            log_stream_name: "s".into(),
            client_context: None,
            identity: Some("not json".into()),
            user_context: Some(r#"{"a":1}"#.into()),
        };
        let event = br#"{"big": 12345678901234567890123, "f": 1.50}"#;
        let msg = super::invoke_message(event, &ctx, 42).unwrap();
        assert!(
            msg.contains(r#""event":{"big": 12345678901234567890123, "f": 1.50}"#),
            "{msg}"
        );
        let parsed: Value = serde_json::from_str(&msg).unwrap();
        assert_eq!(parsed["context"]["deadlineMs"], 42);
        assert_eq!(parsed["context"]["identity"], "not json");
        assert_eq!(parsed["context"]["userContext"]["a"], 1);
        assert!(super::invoke_message(b"{nope", &ctx, 0).is_err());
    }

    use super::*;

    const NONCE: &str = "0123456789abcdef0123456789abcdef";

    fn split(chunks: &[&[u8]], max: usize) -> (Vec<u8>, Vec<Piece>) {
        let mut s = FrameSplitter::new(NONCE, max);
        let mut log = Vec::new();
        let mut others = Vec::new();
        for c in chunks {
            s.feed(c, &mut |p| match p {
                Piece::Log(t) => log.extend(t),
                other => others.push(other),
            });
        }
        (log, others)
    }

    fn frame(json: &str) -> Vec<u8> {
        format!("\x1eLBX{NONCE}\x1f{json}\n").into_bytes()
    }

    #[test]
    fn separates_frames_from_log_text_even_mid_line() {
        let mut out = b"hello ".to_vec();
        out.extend(frame(r#"{"type":"ready"}"#));
        out.extend(b"after\n");
        let (log, frames) = split(&[&out], 1000);
        assert_eq!(log, b"hello after\n");
        assert_eq!(frames, vec![Piece::Frame(br#"{"type":"ready"}"#.to_vec())]);
    }

    #[test]
    fn a_frame_split_across_writes_at_every_byte_is_found() {
        let whole = [b"x".as_slice(), &frame(r#"{"a":1}"#), b"y"].concat();
        for cut in 0..whole.len() {
            let (log, frames) = split(&[&whole[..cut], &whole[cut..]], 1000);
            assert_eq!(log, b"xy", "cut at {cut}");
            assert_eq!(
                frames,
                vec![Piece::Frame(br#"{"a":1}"#.to_vec())],
                "cut at {cut}"
            );
        }
        let bytes: Vec<&[u8]> = whole.chunks(1).collect();
        let (log, frames) = split(&bytes, 1000);
        assert_eq!(log, b"xy");
        assert_eq!(frames.len(), 1);
    }

    #[test]
    fn a_wrong_nonce_or_broken_prefix_is_log_text() {
        let forged = format!(
            "\x1eLBX{}\x1f{{\"type\":\"result\",\"payload\":\"1\"}}\n",
            "f".repeat(32)
        );
        let (log, frames) = split(&[forged.as_bytes()], 1000);
        assert_eq!(log, forged.as_bytes());
        assert!(frames.is_empty());

        // A lone RS right before a real frame: the RS is log, the frame still counts.
        let mut out = b"\x1e\x1eLB".to_vec();
        out.extend(&frame("{}")[3..]);
        let (log, frames) = split(&[&out], 1000);
        assert_eq!(log, b"\x1e");
        assert_eq!(frames, vec![Piece::Frame(b"{}".to_vec())]);
    }

    #[test]
    fn over_long_frames_are_reported_and_skipped() {
        let big = format!("{{\"x\":\"{}\"}}", "a".repeat(100));
        let mut out = frame(&big);
        out.extend(b"tail\n");
        out.extend(frame("{}"));
        let (log, frames) = split(&[&out], 50);
        assert_eq!(log, b"tail\n");
        assert_eq!(frames, vec![Piece::TooLarge, Piece::Frame(b"{}".to_vec())]);
    }

    #[test]
    fn nonces_are_32_lowercase_hex_and_differ() {
        let (a, b) = (new_nonce(), new_nonce());
        assert_eq!(a.len(), 32);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
        assert_ne!(a, b);
    }

    #[test]
    fn http_messages_are_answered_with_http_error_or_response() {
        use crate::sandbox::NetPolicy;
        use std::io::{Read, Write};
        let none = NetPolicy::default();
        let t = Duration::from_secs(5);
        let reply = http_reply(&json!({"type": "http"}), &none, t);
        assert_eq!(reply["type"], "httpError");
        assert!(reply["message"].as_str().unwrap().contains("no `url`"));
        let reply = http_reply(
            &json!({"type": "http", "url": "http://127.0.0.1:9/", "body": "!!"}),
            &none,
            t,
        );
        assert!(
            reply["message"].as_str().unwrap().contains("base64"),
            "{reply}"
        );
        let reply = http_reply(
            &json!({"type": "http", "url": "http://127.0.0.1:9/"}),
            &none,
            t,
        );
        assert!(
            reply["message"]
                .as_str()
                .unwrap()
                .contains("--allow-net 127.0.0.1:9"),
            "{reply}"
        );

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nx-a: b\r\ncontent-length: 2\r\n\r\n\x00\xff");
        });
        let allow = NetPolicy::parse(&[format!("127.0.0.1:{port}")], &[]).unwrap();
        let msg = json!({"type": "http", "method": "POST", "url": format!("http://127.0.0.1:{port}/"),
                         "headers": [["x-q", "1"]], "body": "aGk="});
        let reply = http_reply(&msg, &allow, t);
        assert_eq!(reply["type"], "httpResponse", "{reply}");
        assert_eq!(reply["status"], 200);
        assert_eq!(reply["body"], "AP8=");
        assert!(reply["headers"]
            .as_array()
            .unwrap()
            .contains(&json!(["x-a", "b"])));
    }
    #[test]
    fn http_messages_may_ask_for_manual_redirects_and_a_shorter_timeout() {
        use crate::sandbox::NetPolicy;
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(3) {
                let mut s = stream.unwrap();
                let mut buf = [0; 4096];
                let n = s.read(&mut buf).unwrap_or(0);
                if String::from_utf8_lossy(&buf[..n]).starts_with("GET /slow") {
                    std::thread::sleep(Duration::from_secs(3));
                }
                let _ = s.write_all(
                    b"HTTP/1.1 302 Found\r\nlocation: http://192.0.2.1/x\r\ncontent-length: 0\r\n\r\n",
                );
            }
        });
        let allow = NetPolicy::parse(&[format!("127.0.0.1:{port}")], &[]).unwrap();
        let url = format!("http://127.0.0.1:{port}/");
        let t = Duration::from_secs(5);
        let follow = http_reply(&json!({"type": "http", "url": url}), &allow, t);
        assert_eq!(follow["type"], "httpError", "{follow}");
        assert!(follow["message"]
            .as_str()
            .unwrap()
            .contains("--allow-net 192.0.2.1:80"));
        let manual = json!({"type": "http", "url": url, "redirect": "manual"});
        let reply = http_reply(&manual, &allow, t);
        assert_eq!(reply["status"], 302, "{reply}");
        assert!(reply["headers"]
            .as_array()
            .unwrap()
            .contains(&json!(["location", "http://192.0.2.1/x"])));

        let started = std::time::Instant::now();
        let slow = json!({"type": "http", "url": format!("{url}slow"), "timeoutMs": 200});
        let reply = http_reply(&slow, &allow, t);
        assert_eq!(
            reply["message"],
            "request timed out after 200 ms (the timeout the handler set)"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
        for bad in [json!({"redirect": "sometimes"}), json!({"timeoutMs": -1})] {
            let mut msg = json!({"type": "http", "url": url});
            msg.as_object_mut()
                .unwrap()
                .extend(bad.as_object().unwrap().clone());
            let reply = http_reply(&msg, &allow, t);
            assert_eq!(reply["type"], "httpError", "{reply}");
        }
    }
}
