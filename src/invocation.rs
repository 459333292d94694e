//! Invocation plans: the event, the context and every setting an invocation needs, built once
//! from the command line and the service (the settings step) and consumed by the runtimes, the
//! sandbox and the remote client. No defaults are decided after this point.

use crate::config::service::Function;
use indexmap::IndexMap;
use std::path::PathBuf;

/// The event passed to the handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// JSON text handed to the handler. Input that parsed as JSON is kept verbatim (key order,
    /// number spelling, big integers); a raw or non-JSON input is encoded as a JSON string.
    pub json: String,
    /// Whether the input was parsed as JSON (false: it was passed as a string).
    pub from_json: bool,
}

impl Event {
    /// No event given: `{}` is what Lambda and Serverless pass.
    pub fn empty() -> Self {
        Self {
            json: "{}".to_owned(),
            from_json: true,
        }
    }
}

/// `--deterministic`: a fixed wall clock and seeded randomness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Determinism {
    /// The frozen wall clock at start, seconds since the Unix epoch (`SOURCE_DATE_EPOCH` or
    /// 946684800 = 2000-01-01T00:00:00Z).
    pub epoch_secs: u64,
    /// `--seed`, default 0.
    pub seed: u64,
}

/// `--mount HOST::GUEST[:ro|rw]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub host: PathBuf,
    pub guest: String,
    pub writable: bool,
}

/// Everything `invoke local` needs, decided.
#[derive(Debug, Clone)]
pub struct LocalInvocation {
    pub service_name: String,
    pub service_dir: PathBuf,
    pub stage: String,
    pub region: String,
    pub function: Function,
    /// The runtime string (`nodejs20.x`, ...), present and non-empty.
    pub runtime: String,
    /// The handler string, present and non-empty.
    pub handler: String,
    pub event: Event,
    /// The user's `--context` / `--contextPath` value (merged over the defaults by the guest).
    pub user_context: Option<serde_json::Value>,
    /// The complete environment the handler sees, in order: Lambda reserved variables,
    /// `provider.environment` < `functions.X.environment`, `IS_LOCAL=true`, `-e`.
    pub env: IndexMap<String, String>,
    /// `awsRequestId` (derived from the seed under `--deterministic`).
    pub request_id: String,
    /// `arn:aws:lambda:<region>:<account>:function:<name>`.
    pub invoked_function_arn: String,
    pub log_group_name: String,
    pub log_stream_name: String,
    pub deterministic: Option<Determinism>,
    /// `--allow-net` entries followed by `custom.lambdabox.allowedOutboundHosts`, unparsed.
    pub allowed_outbound_hosts: Vec<String>,
    pub mounts: Vec<Mount>,
}

/// `--type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InvocationType {
    #[default]
    RequestResponse,
    Event,
    DryRun,
}

impl InvocationType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequestResponse => "RequestResponse",
            Self::Event => "Event",
            Self::DryRun => "DryRun",
        }
    }
}

/// Everything remote `invoke` needs, decided.
#[derive(Debug, Clone)]
pub struct RemoteInvocation {
    /// The deployed function name.
    pub function_name: String,
    pub qualifier: Option<String>,
    pub invocation_type: InvocationType,
    /// `--log`, only honoured for RequestResponse (`LogType=Tail`).
    pub log_tail: bool,
    /// The request payload: `JSON(data or {})`.
    pub payload: Vec<u8>,
    /// The client context as JSON text (base64-encoded by the client).
    pub client_context: Option<String>,
    /// `--region` > `provider.region`; None lets the SDK decide (environment, profile).
    pub region: Option<String>,
    /// `--aws-profile` > `provider.profile`; None = the default chain.
    pub profile: Option<String>,
    /// `--endpoint-url`; None lets the SDK read `AWS_ENDPOINT_URL[_LAMBDA]`.
    pub endpoint_url: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Building the event and the context from the flags (Serverless v3 precedence, DESIGN §1).

use crate::exit::UsageError;
use std::io::{IsTerminal, Read};
use std::path::Path;

/// Where the event comes from, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct EventSource {
    /// `--data`; `-` reads stdin.
    pub data: Option<String>,
    /// `--path`, relative to the service directory.
    pub path: Option<std::path::PathBuf>,
    /// `--raw`.
    pub raw: bool,
}

/// Standard input, abstracted so tests can feed it.
pub trait Stdin {
    /// Whether stdin is a terminal (then it is not read for the event).
    fn is_terminal(&self) -> bool;
    fn read_all(&mut self) -> std::io::Result<Vec<u8>>;
}

/// The process's stdin.
pub struct ProcessStdin;

impl Stdin for ProcessStdin {
    fn is_terminal(&self) -> bool {
        std::io::stdin().is_terminal()
    }

    fn read_all(&mut self) -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    }
}

/// The event: `--data` beats `--path`; with neither, stdin when it is not a terminal (empty
/// stdin is `{}`), else `{}`.
pub fn build_event(
    source: &EventSource,
    service_dir: &Path,
    stdin: &mut dyn Stdin,
) -> anyhow::Result<Event> {
    match source.data.as_deref() {
        Some("-") => read_stdin_event(stdin, source.raw),
        // An empty --data counts as not given (as in Serverless).
        Some(data) if !data.is_empty() => Ok(text_event(data.to_owned(), source.raw)),
        _ => match &source.path {
            Some(path) => Ok(file_value(path, service_dir, source.raw, "event file")?.into_event()),
            None if stdin.is_terminal() => Ok(Event::empty()),
            None => read_stdin_event(stdin, source.raw),
        },
    }
}

fn read_stdin_event(stdin: &mut dyn Stdin, raw: bool) -> anyhow::Result<Event> {
    let bytes = stdin
        .read_all()
        .map_err(|e| UsageError::new(format!("cannot read the event from stdin: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| UsageError::new("the event on stdin is not UTF-8 text"))?;
    if text.trim().is_empty() {
        return Ok(Event::empty());
    }
    Ok(text_event(text, raw))
}

/// Text given as the event: JSON text kept verbatim unless `--raw`, otherwise a JSON string.
fn text_event(text: String, raw: bool) -> Event {
    if !raw && crate::output::is_json(text.as_bytes()) {
        Event {
            json: text.trim().to_owned(),
            from_json: true,
        }
    } else {
        Event {
            json: serde_json::Value::String(text).to_string(),
            from_json: false,
        }
    }
}

/// What an event or context file held.
enum FileValue {
    /// JSON (from .json text verbatim, or YAML converted).
    Json(String),
    /// Any other file: its trimmed text.
    Text(String),
}

impl FileValue {
    fn into_event(self) -> Event {
        match self {
            Self::Json(json) => Event {
                json,
                from_json: true,
            },
            Self::Text(text) => text_event(text, false),
        }
    }
}

/// Read `--path`/`--contextPath`: `.json` (validated, kept verbatim), `.yml`/`.yaml` (→ JSON),
/// anything else text (trimmed; with `raw` it stays text). Errors name the absolute path.
fn file_value(
    path: &Path,
    service_dir: &Path,
    raw: bool,
    what: &str,
) -> Result<FileValue, UsageError> {
    let joined = service_dir.join(path);
    let absolute = crate::config::clean_path(&std::path::absolute(&joined).unwrap_or(joined));
    let shown = absolute.display();
    let text = std::fs::read_to_string(&absolute).map_err(|e| {
        let reason = if e.kind() == std::io::ErrorKind::NotFound {
            "does not exist".to_owned()
        } else {
            e.to_string()
        };
        UsageError::new(format!("{what} {shown}: {reason}"))
            .hint("a relative path is relative to the service directory (where serverless.yml is)")
    })?;
    let extension = absolute
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "json" => {
            if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&text) {
                if !crate::output::is_json(text.as_bytes()) {
                    return Err(UsageError::new(format!(
                        "{what} {shown}: invalid JSON: {e}"
                    )));
                }
            }
            Ok(FileValue::Json(text.trim().to_owned()))
        }
        "yml" | "yaml" => {
            let value = crate::config::yaml::parse(&text)
                .map_err(|e| UsageError::new(format!("{what} {shown}: invalid YAML: {e}")))?;
            Ok(FileValue::Json(value.to_string()))
        }
        _ if raw => Ok(FileValue::Text(text)),
        _ => Ok(FileValue::Text(text.trim().to_owned())),
    }
}

/// The local `--context` / `--contextPath` value (contextPath wins), parsed as JSON unless
/// `--raw`. An object is returned as is (merged over the defaults by the guests); any other
/// value is wrapped as `{"clientContext": value}`. Malformed JSON is a usage error.
pub fn local_context(
    context: Option<&str>,
    context_path: Option<&Path>,
    raw: bool,
    service_dir: &Path,
) -> Result<Option<serde_json::Value>, UsageError> {
    use serde_json::Value;
    let value = match (context_path, context) {
        (Some(path), _) => match file_value(path, service_dir, raw, "context file")? {
            FileValue::Json(json) => serde_json::from_str(&json)
                .map_err(|e| UsageError::new(format!("context file {}: {e}", path.display())))?,
            FileValue::Text(text) if raw => Value::String(text),
            FileValue::Text(text) => serde_json::from_str(&text).map_err(|e| {
                UsageError::new(format!("context file {}: invalid JSON: {e}", service_dir.join(path).display()))
                    .hint("pass --raw to hand the text to the function as a string")
            })?,
        },
        (None, Some(text)) if raw => Value::String(text.to_owned()),
        (None, Some(text)) => serde_json::from_str(text).map_err(|e| {
            UsageError::new(format!("--context: invalid JSON: {e}"))
                .hint("quote the JSON for your shell, e.g. --context '{\"custom\": {\"key\": 1}}', or pass --raw")
        })?,
        (None, None) => return Ok(None),
    };
    Ok(Some(match value {
        Value::Object(_) => value,
        other => Value::Object(serde_json::Map::from_iter([(
            "clientContext".to_owned(),
            other,
        )])),
    }))
}

/// Lambda's limit on the base64-encoded client context.
pub const MAX_CLIENT_CONTEXT_BASE64: usize = 3583;

/// The remote client context: `--context` beats `--contextPath` (Serverless v3), JSON text as
/// given when it parses (unless `--raw`), else encoded as a JSON string.
pub fn remote_client_context(
    context: Option<&str>,
    context_path: Option<&Path>,
    raw: bool,
    service_dir: &Path,
) -> Result<Option<String>, UsageError> {
    let json = match (context, context_path) {
        (Some(text), _) => text_event(text.to_owned(), raw).json,
        (None, Some(path)) => match file_value(path, service_dir, raw, "context file")? {
            FileValue::Json(json) => json,
            FileValue::Text(text) => text_event(text, raw).json,
        },
        (None, None) => return Ok(None),
    };
    let encoded =
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, json.as_bytes()).len();
    if encoded > MAX_CLIENT_CONTEXT_BASE64 {
        return Err(UsageError::new(format!(
            "the client context is {encoded} bytes base64-encoded; Lambda accepts at most {MAX_CLIENT_CONTEXT_BASE64}"
        ))
        .hint("shorten --context / --contextPath"));
    }
    Ok(Some(json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct FakeStdin(Option<&'static str>);

    impl Stdin for FakeStdin {
        fn is_terminal(&self) -> bool {
            self.0.is_none()
        }
        fn read_all(&mut self) -> std::io::Result<Vec<u8>> {
            Ok(self.0.unwrap_or_default().as_bytes().to_vec())
        }
    }

    fn event(
        data: Option<&str>,
        path: Option<&str>,
        raw: bool,
        dir: &Path,
        stdin: Option<&'static str>,
    ) -> anyhow::Result<Event> {
        let source = EventSource {
            data: data.map(Into::into),
            path: path.map(Into::into),
            raw,
        };
        build_event(&source, dir, &mut FakeStdin(stdin))
    }

    fn fixture_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("e.json"),
            "{\"big\": 12345678901234567890, \"b\": 1, \"a\": 2}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("e.yml"), "a: 1\nb: [x, !Ref T]\n").unwrap();
        std::fs::write(dir.path().join("e.txt"), "  hello  \n").unwrap();
        std::fs::write(dir.path().join("n.txt"), " [1, 2] \n").unwrap();
        std::fs::write(dir.path().join("bad.json"), "{oops}").unwrap();
        dir
    }

    #[test]
    fn data_beats_path_and_json_stays_verbatim() {
        let dir = fixture_dir();
        let e = event(
            Some("{\"n\": 1.50}"),
            Some("e.json"),
            false,
            dir.path(),
            Some("ignored"),
        )
        .unwrap();
        assert_eq!(
            e,
            Event {
                json: "{\"n\": 1.50}".into(),
                from_json: true
            }
        );
        let e = event(Some("hello"), None, false, dir.path(), None).unwrap();
        assert_eq!(
            e,
            Event {
                json: "\"hello\"".into(),
                from_json: false
            }
        );
        let e = event(Some("{\"a\":1}"), None, true, dir.path(), None).unwrap();
        assert_eq!(
            e,
            Event {
                json: "\"{\\\"a\\\":1}\"".into(),
                from_json: false
            }
        );
    }

    #[test]
    fn path_by_extension() {
        let dir = fixture_dir();
        let e = event(None, Some("e.json"), false, dir.path(), None).unwrap();
        assert_eq!(
            e.json,
            "{\"big\": 12345678901234567890, \"b\": 1, \"a\": 2}"
        );
        let e = event(None, Some("e.yml"), false, dir.path(), None).unwrap();
        assert_eq!(e.json, r#"{"a":1,"b":["x",{"Ref":"T"}]}"#);
        let e = event(None, Some("e.txt"), false, dir.path(), None).unwrap();
        assert_eq!(
            e,
            Event {
                json: "\"hello\"".into(),
                from_json: false
            }
        );
        let e = event(None, Some("n.txt"), false, dir.path(), None).unwrap();
        assert_eq!(
            e,
            Event {
                json: "[1, 2]".into(),
                from_json: true
            }
        );
        let abs = dir.path().join("e.txt");
        let e = event(
            None,
            Some(abs.to_str().unwrap()),
            false,
            Path::new("/nonexistent"),
            None,
        )
        .unwrap();
        assert_eq!(e.json, "\"hello\"");
    }

    #[test]
    fn missing_and_bad_event_files_are_usage_errors() {
        let dir = fixture_dir();
        let err = event(None, Some("nope.json"), false, dir.path(), None).unwrap_err();
        let usage = err.downcast_ref::<UsageError>().unwrap();
        assert!(
            usage
                .message
                .contains(&format!("{}", dir.path().join("nope.json").display())),
            "{}",
            usage.message
        );
        assert!(usage.message.ends_with("does not exist"));
        let err = event(None, Some("bad.json"), false, dir.path(), None).unwrap_err();
        assert!(err
            .downcast_ref::<UsageError>()
            .unwrap()
            .message
            .contains("invalid JSON"));
    }

    #[test]
    fn stdin_when_not_a_terminal() {
        let dir = fixture_dir();
        assert_eq!(
            event(None, None, false, dir.path(), None).unwrap(),
            Event::empty()
        );
        assert_eq!(
            event(None, None, false, dir.path(), Some("")).unwrap(),
            Event::empty()
        );
        assert_eq!(
            event(None, None, false, dir.path(), Some(" \n")).unwrap(),
            Event::empty()
        );
        let e = event(None, None, false, dir.path(), Some("{\"s\": 1}\n")).unwrap();
        assert_eq!(e.json, "{\"s\": 1}");
        let e = event(
            Some("-"),
            Some("e.json"),
            false,
            dir.path(),
            Some("plain\n"),
        )
        .unwrap();
        assert_eq!(
            e,
            Event {
                json: "\"plain\\n\"".into(),
                from_json: false
            }
        );
        // An empty --data counts as not given.
        let e = event(Some(""), Some("e.txt"), false, dir.path(), None).unwrap();
        assert_eq!(e.json, "\"hello\"");
    }

    #[test]
    fn local_context_rules() {
        let dir = fixture_dir();
        std::fs::write(dir.path().join("c.json"), "{\"custom\": {\"k\": 1}}").unwrap();
        let ctx = |c: Option<&str>, p: Option<&str>, raw| {
            local_context(c, p.map(Path::new), raw, dir.path())
        };
        assert_eq!(ctx(None, None, false).unwrap(), None);
        assert_eq!(
            ctx(Some(r#"{"a":1}"#), None, false).unwrap(),
            Some(json!({"a": 1}))
        );
        assert_eq!(
            ctx(Some(r#"{"a":1}"#), Some("c.json"), false).unwrap(),
            Some(json!({"custom": {"k": 1}}))
        );
        assert_eq!(
            ctx(Some("[1]"), None, false).unwrap(),
            Some(json!({"clientContext": [1]}))
        );
        assert_eq!(
            ctx(Some("text"), None, true).unwrap(),
            Some(json!({"clientContext": "text"}))
        );
        assert!(ctx(Some("{bad"), None, false)
            .unwrap_err()
            .message
            .starts_with("--context: invalid JSON"));
        assert!(ctx(None, Some("e.txt"), false)
            .unwrap_err()
            .message
            .contains("invalid JSON"));
        assert!(ctx(None, Some("missing.json"), false)
            .unwrap_err()
            .message
            .contains("does not exist"));
    }

    #[test]
    fn remote_context_rules() {
        let dir = fixture_dir();
        let ctx = |c: Option<&str>, p: Option<&str>, raw| {
            remote_client_context(c, p.map(Path::new), raw, dir.path())
        };
        assert_eq!(
            ctx(Some(r#"{"a": 1}"#), Some("e.json"), false)
                .unwrap()
                .as_deref(),
            Some(r#"{"a": 1}"#)
        );
        assert_eq!(
            ctx(None, Some("e.txt"), false).unwrap().as_deref(),
            Some("\"hello\"")
        );
        assert_eq!(
            ctx(Some("not json"), None, false).unwrap().as_deref(),
            Some("\"not json\"")
        );
        let big = format!("\"{}\"", "x".repeat(3000));
        assert!(ctx(Some(&big), None, false)
            .unwrap_err()
            .message
            .contains("at most 3583"));
    }
}
