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
