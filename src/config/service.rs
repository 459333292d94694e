//! The validated service model: what the rest of lambdabox consumes after serverless.yml has been
//! read, its variables resolved and every default decided (DESIGN §2).

use indexmap::IndexMap;
use std::path::PathBuf;
use std::time::Duration;

/// A validated Serverless service.
#[derive(Debug, Clone)]
pub struct Service {
    /// `service`.
    pub name: String,
    /// The directory serverless.yml lives in; relative paths are resolved against it.
    pub dir: PathBuf,
    /// The configuration file that was read.
    pub config_file: PathBuf,
    /// `--stage` > `provider.stage` > `dev`.
    pub stage: String,
    /// `--region` > `provider.region` > `us-east-1`.
    pub region: String,
    /// `provider.profile`.
    pub profile: Option<String>,
    /// `--region` > `provider.region`, None when neither is set (remote invoke lets the SDK
    /// decide then).
    pub configured_region: Option<String>,
    /// `functions`, in file order.
    pub functions: IndexMap<String, Function>,
    /// `custom.lambdabox.allowedOutboundHosts`, unparsed (the sandbox policy parses them).
    pub allowed_outbound_hosts: Vec<String>,
    /// The whole configuration after variable resolution (what `lambdabox print` shows).
    pub resolved: serde_json::Value,
}

/// One validated function of the service.
#[derive(Debug, Clone)]
pub struct Function {
    /// The key under `functions:`.
    pub key: String,
    /// The deployed name: `functions.X.name` or `<service>-<stage>-<key>`.
    pub name: String,
    /// `functions.X.handler` (absent for image functions).
    pub handler: Option<String>,
    /// `functions.X.runtime` > `provider.runtime`.
    pub runtime: Option<String>,
    /// MiB; `functions.X.memorySize` > `provider.memorySize` > 1024.
    pub memory_size: u32,
    /// `functions.X.timeout` > `provider.timeout` > 6 s.
    pub timeout: Duration,
    /// `provider.environment` < `functions.X.environment`, nulls dropped, scalars as strings.
    pub environment: IndexMap<String, String>,
    /// Environment variables whose resolved value cannot be a string locally (an object such as
    /// `{Ref: …}`), with the reason. Local invocation fails on them unless `-e` overrides them.
    pub environment_errors: IndexMap<String, String>,
    /// `functions.X.package.artifact` > `package.artifact`, absolute.
    pub artifact: Option<PathBuf>,
    /// `functions.X.image` is set (cannot be invoked locally).
    pub image: bool,
}
