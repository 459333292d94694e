//! clap definitions only: what the user typed, with no defaults decided (that is `settings`).
//!
//! Adding a command: one variant in [`Command`] plus one dispatch line in `app::run`.

pub mod runtimes;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// Invoke the AWS Lambda functions of a Serverless Framework service, locally inside a
/// WebAssembly sandbox or remotely through the Lambda Invoke API.
#[derive(Debug, Parser)]
#[command(
    name = "lambdabox",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Every option given on the command line, by its long name (`stage`, `contextPath`, …):
    /// the source of `${opt:…}` variables. Filled by [`Cli::parse_from_args`].
    #[arg(skip)]
    pub options: serde_json::Map<String, serde_json::Value>,
}

// Parsed once per process: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Invoke a deployed function (or, with `invoke local`, run it in the local sandbox)
    Invoke(InvokeArgs),
    /// Print the service configuration with every variable resolved
    Print(PrintArgs),
    /// Serve the service's functions through the Lambda Invoke API (for AWS SDKs, the AWS CLI
    /// and `lambdabox invoke --endpoint-url`)
    Serve(ServeArgs),
    /// Generate a shell completion script
    Completions(CompletionsArgs),
    /// List, install and verify the runtimes installed from a file (the CPython interpreter)
    Runtimes(runtimes::RuntimesArgs),
}

/// Which serverless.yml, which stage and region: shared by every command that reads the service.
#[derive(Debug, Clone, Default, Args)]
pub struct ServiceArgs {
    /// Path to the service configuration file [default: serverless.yml or serverless.yaml in the
    /// current directory]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Stage of the service [default: provider.stage, else dev]
    #[arg(short, long)]
    pub stage: Option<String>,
    /// AWS region [default: provider.region, else us-east-1]
    #[arg(short, long)]
    pub region: Option<String>,
}

/// Where the event comes from (`--data` beats `--path`; with neither, stdin when it is not a
/// terminal, else `{}`).
#[derive(Debug, Clone, Default, Args)]
pub struct EventArgs {
    /// Event data as a string; `-` reads stdin
    #[arg(short, long)]
    pub data: Option<String>,
    /// File holding the event: .json, .yml/.yaml, anything else is text (relative to the service
    /// directory)
    #[arg(short, long, value_name = "FILE")]
    pub path: Option<PathBuf>,
    /// Pass data and context as strings, without parsing them as JSON
    #[arg(long)]
    pub raw: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct InvokeArgs {
    #[command(subcommand)]
    pub command: Option<InvokeCommand>,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

#[derive(Debug, Subcommand)]
pub enum InvokeCommand {
    /// Run a function locally inside the WebAssembly sandbox
    Local(LocalArgs),
}

/// `lambdabox serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 3002)]
    pub port: u16,
    /// Live sandboxes per function, at most [default: the number of CPUs]
    #[arg(long = "max-concurrency", value_name = "N")]
    pub max_concurrency: Option<usize>,
    /// Drop a warm sandbox after it has been idle this many seconds (its module state is lost;
    /// the next call starts a new one, as when Lambda reaps an idle instance) [default: 300]
    #[arg(long = "idle-timeout", value_name = "SECONDS")]
    pub idle_timeout: Option<f64>,
    #[command(flatten)]
    pub sandbox: SandboxArgs,
    #[command(flatten)]
    pub service: ServiceArgs,
}

/// `lambdabox invoke` (remote).
#[derive(Debug, Args)]
pub struct RemoteArgs {
    /// Name of the function (its key under `functions:`)
    #[arg(short, long, required = true)]
    pub function: Option<String>,
    #[command(flatten)]
    pub event: EventArgs,
    /// Client context passed to the function, as JSON (wins over --contextPath)
    #[arg(long)]
    pub context: Option<String>,
    /// File holding the client context
    #[arg(long = "contextPath", value_name = "FILE")]
    pub context_path: Option<PathBuf>,
    /// Version or alias to invoke
    #[arg(short, long)]
    pub qualifier: Option<String>,
    /// Invocation type
    #[arg(short = 't', long = "type", value_enum, default_value_t = InvocationTypeArg::RequestResponse)]
    pub invocation_type: InvocationTypeArg,
    /// Print the last 4 KB of the function's log (RequestResponse only)
    #[arg(short, long)]
    pub log: bool,
    #[command(flatten)]
    pub service: ServiceArgs,
    /// AWS profile to use [default: provider.profile, else the SDK's default chain]
    #[arg(long = "aws-profile", value_name = "PROFILE")]
    pub aws_profile: Option<String>,
    /// Send the request to this endpoint instead of AWS (e.g. a local Lambda emulator)
    #[arg(long = "endpoint-url", value_name = "URL")]
    pub endpoint_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InvocationTypeArg {
    #[value(name = "RequestResponse")]
    RequestResponse,
    #[value(name = "Event")]
    Event,
    #[value(name = "DryRun")]
    DryRun,
}

/// `lambdabox invoke local`.
#[derive(Debug, Args)]
pub struct LocalArgs {
    /// Name of the function (its key under `functions:`)
    #[arg(short, long)]
    pub function: String,
    #[command(flatten)]
    pub event: EventArgs,
    /// Context as JSON, merged over the default context
    #[arg(short, long)]
    pub context: Option<String>,
    /// File holding the context (wins over --context)
    #[arg(short = 'x', long = "contextPath", value_name = "FILE")]
    pub context_path: Option<PathBuf>,
    #[command(flatten)]
    pub sandbox: SandboxArgs,
    #[command(flatten)]
    pub service: ServiceArgs,
}

/// What the sandbox lets the handler see and use: shared by `invoke local` and `serve`.
#[derive(Debug, Clone, Default, Args)]
pub struct SandboxArgs {
    /// Set an environment variable for the handler (repeatable; highest precedence)
    #[arg(short, long = "env", value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Freeze the clock, seed randomness and derive request ids from the seed, so that two runs
    /// print the same bytes
    #[arg(long)]
    pub deterministic: bool,
    /// Seed for --deterministic
    #[arg(long, value_name = "N", requires = "deterministic")]
    pub seed: Option<u64>,
    /// Allow outbound network connections to HOST[:PORT] (repeatable; `*` allows all)
    #[arg(long = "allow-net", value_name = "HOST[:PORT]")]
    pub allow_net: Vec<String>,
    /// Make a host directory visible inside the sandbox (repeatable; read-only by default)
    #[arg(long, value_name = "HOST::GUEST[:ro|rw]")]
    pub mount: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PrintFormat {
    #[default]
    Yaml,
    Json,
}

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = PrintFormat::Yaml)]
    pub format: PrintFormat,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl Cli {
    /// Parse the command line and record every option given for `${opt:…}`.
    pub fn parse_from_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let mut command = Self::command();
        let matches = command.try_get_matches_from_mut(args)?;
        let mut cli = Self::from_arg_matches(&matches)?;
        cli.options = given_options(&command, &matches);
        Ok(cli)
    }
}

/// The options the user typed, at every subcommand level, by long name. Flags are `true`,
/// repeatable options arrays, everything else the string given.
fn given_options(
    command: &clap::Command,
    matches: &clap::ArgMatches,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut options = serde_json::Map::new();
    let (mut command, mut matches) = (command, matches);
    loop {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            let Some(long) = arg.get_long() else { continue };
            if matches.value_source(id) != Some(clap::parser::ValueSource::CommandLine) {
                continue;
            }
            let value = if !arg.get_action().takes_values() {
                Value::Bool(true)
            } else {
                let values: Vec<Value> = matches
                    .get_raw(id)
                    .into_iter()
                    .flatten()
                    .map(|v| Value::String(v.to_string_lossy().into_owned()))
                    .collect();
                match (
                    matches!(arg.get_action(), clap::ArgAction::Append),
                    values.len(),
                ) {
                    (false, 1) => values.into_iter().next().unwrap_or(Value::Null),
                    _ => Value::Array(values),
                }
            };
            options.insert(long.to_owned(), value);
        }
        match matches.subcommand() {
            Some((name, sub_matches)) => match command.find_subcommand(name) {
                Some(sub) => (command, matches) = (sub, sub_matches),
                None => break,
            },
            None => break,
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::parse_from_args(std::iter::once("lambdabox").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn invoke_local_takes_every_flag() {
        let cli = parse(&[
            "invoke",
            "local",
            "-f",
            "hello",
            "-d",
            "{}",
            "-p",
            "e.json",
            "--raw",
            "-c",
            "{}",
            "-x",
            "c.json",
            "-e",
            "A=1",
            "-e",
            "B=",
            "-s",
            "prod",
            "-r",
            "eu-west-1",
            "--config",
            "sls.yml",
            "--deterministic",
            "--seed",
            "7",
            "--allow-net",
            "example.com:443",
            "--mount",
            "/a::/b:rw",
        ]);
        let Command::Invoke(InvokeArgs {
            command: Some(InvokeCommand::Local(local)),
            ..
        }) = cli.command
        else {
            panic!("not invoke local")
        };
        assert_eq!(local.function, "hello");
        assert_eq!(local.sandbox.env, ["A=1", "B="]);
        assert_eq!(local.sandbox.seed, Some(7));
        assert_eq!(local.service.stage.as_deref(), Some("prod"));
        assert_eq!(cli.options["stage"], "prod");
        assert_eq!(cli.options["function"], "hello");
        assert_eq!(cli.options["env"], serde_json::json!(["A=1", "B="]));
        assert_eq!(cli.options["deterministic"], true);
        assert_eq!(cli.options["contextPath"], "c.json");
    }

    #[test]
    fn serve_takes_the_sandbox_flags() {
        let cli = parse(&[
            "serve",
            "--port",
            "0",
            "-e",
            "A=1",
            "--env",
            "B=2",
            "--allow-net",
            "127.0.0.1:8080",
            "--mount",
            "data::/mnt/data",
            "--deterministic",
            "--seed",
            "3",
            "--idle-timeout",
            "0.5",
            "--max-concurrency",
            "2",
        ]);
        let Command::Serve(serve) = cli.command else {
            panic!("not serve")
        };
        assert_eq!(serve.sandbox.env, ["A=1", "B=2"]);
        assert_eq!(serve.sandbox.allow_net, ["127.0.0.1:8080"]);
        assert_eq!(serve.sandbox.mount, ["data::/mnt/data"]);
        assert!(serve.sandbox.deterministic);
        assert_eq!(serve.sandbox.seed, Some(3));
        assert_eq!(serve.idle_timeout, Some(0.5));
        assert_eq!(cli.options["env"], serde_json::json!(["A=1", "B=2"]));
    }

    #[test]
    fn invoke_remote_takes_every_flag() {
        let cli = parse(&[
            "invoke",
            "-f",
            "hello",
            "-q",
            "live",
            "-t",
            "DryRun",
            "-l",
            "--context",
            "{}",
            "--contextPath",
            "c",
            "--aws-profile",
            "p",
            "--endpoint-url",
            "http://localhost:3001",
        ]);
        let Command::Invoke(InvokeArgs {
            command: None,
            remote,
        }) = cli.command
        else {
            panic!("not invoke")
        };
        assert_eq!(remote.function.as_deref(), Some("hello"));
        assert_eq!(remote.invocation_type, InvocationTypeArg::DryRun);
        assert!(remote.log);
        assert_eq!(cli.options["aws-profile"], "p");
        assert_eq!(cli.options["type"], "DryRun");
        let cli = parse(&["invoke", "-f", "hello"]);
        assert!(
            !cli.options.contains_key("type"),
            "defaults are not options the user gave"
        );
    }

    #[test]
    fn usage_errors_are_clap_errors() {
        let bad = |args: &[&str]| {
            Cli::parse_from_args(std::iter::once("lambdabox").chain(args.iter().copied()))
                .unwrap_err()
                .kind()
        };
        assert_eq!(
            bad(&["invoke"]),
            clap::error::ErrorKind::MissingRequiredArgument
        );
        assert_eq!(
            bad(&["invoke", "local"]),
            clap::error::ErrorKind::MissingRequiredArgument
        );
        assert_eq!(
            bad(&["invoke", "-f", "a", "-t", "Sync"]),
            clap::error::ErrorKind::InvalidValue
        );
        assert_eq!(
            bad(&["invoke", "local", "-f", "a", "--bogus"]),
            clap::error::ErrorKind::UnknownArgument
        );
        assert_eq!(
            bad(&["invoke", "local", "-f", "a", "--seed", "1"]),
            clap::error::ErrorKind::MissingRequiredArgument
        );
    }
}
