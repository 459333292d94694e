//! The settings step: the command line and the service → the decided invocation plans
//! ([`LocalInvocation`], [`RemoteInvocation`]). Every default is decided here, once.

use crate::cli::{InvocationTypeArg, RemoteArgs, SandboxArgs, ServeArgs};
use crate::config::service::{Function, Service};
use crate::exit::UsageError;
use crate::invocation::{
    Determinism, Event, InvocationType, LocalInvocation, Mount, RemoteInvocation,
};
use indexmap::IndexMap;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The frozen clock of `--deterministic` without `SOURCE_DATE_EPOCH`: 2000-01-01T00:00:00Z.
pub const DEFAULT_DETERMINISTIC_EPOCH: u64 = 946_684_800;
/// The account id in the local `invokedFunctionArn` (the one AWS documentation uses).
pub const LOCAL_ACCOUNT_ID: &str = "123456789012";

/// The decided `invoke local` flags that do not depend on the function (reused per request by
/// `serve`).
#[derive(Debug, Clone, Default)]
pub struct LocalOptions {
    /// `-e KEY=VALUE`, in order.
    pub env_overrides: Vec<(String, String)>,
    /// `--deterministic` (+ `--seed`, `SOURCE_DATE_EPOCH`).
    pub deterministic: Option<Determinism>,
    /// `--allow-net`.
    pub allow_net: Vec<String>,
    /// `--mount`.
    pub mounts: Vec<Mount>,
}

impl LocalOptions {
    /// Decide the sandbox flags (of `invoke local` or `serve`). `source_date_epoch` is the
    /// `SOURCE_DATE_EPOCH` variable.
    pub fn from_args(
        args: &SandboxArgs,
        source_date_epoch: Option<&str>,
        cwd: &Path,
    ) -> Result<Self, UsageError> {
        let env_overrides = args
            .env
            .iter()
            .map(|e| parse_env_override(e))
            .collect::<Result<_, _>>()?;
        let deterministic = if args.deterministic {
            let epoch_secs = match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
                None => DEFAULT_DETERMINISTIC_EPOCH,
                Some(text) => text.parse().map_err(|_| {
                    UsageError::new(format!(
                        "SOURCE_DATE_EPOCH={text:?}: expected a number of seconds since 1970"
                    ))
                    .hint("unset it or set it to e.g. 946684800")
                })?,
            };
            Some(Determinism {
                epoch_secs,
                seed: args.seed.unwrap_or(0),
            })
        } else {
            None
        };
        let mounts = args
            .mount
            .iter()
            .map(|m| parse_mount(m, cwd))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            env_overrides,
            deterministic,
            allow_net: args.allow_net.clone(),
            mounts,
        })
    }
}

/// How long a warm `serve` sandbox may sit idle before it is dropped, unless `--idle-timeout`
/// says otherwise (Lambda keeps idle instances for minutes, not hours).
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(300);

/// The decided `serve` flags.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// Live sandboxes per function, at most.
    pub max_concurrency: usize,
    /// A warm sandbox idle longer than this is dropped.
    pub idle_timeout: Duration,
    /// The sandbox flags, decided exactly as for `invoke local`.
    pub sandbox: LocalOptions,
    pub request_ids: RequestIds,
}

/// Where `serve` takes its request ids from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestIds {
    Random,
    /// `--deterministic`: derived from the seed and the request's number (1, 2, …), so the same
    /// sequence of calls gets the same ids.
    Seeded(u64),
}

impl RequestIds {
    /// The id of the `n`th request.
    pub fn nth(self, n: u64) -> String {
        match self {
            Self::Random => uuid::Uuid::new_v4().to_string(),
            Self::Seeded(seed) => derived_uuid(&format!("serve request {n}"), seed),
        }
    }
}

impl ServeOptions {
    pub fn from_args(
        args: &ServeArgs,
        source_date_epoch: Option<&str>,
        cwd: &Path,
    ) -> Result<Self, UsageError> {
        let addr = listen_addr(&args.host, args.port)?;
        let max_concurrency = match args.max_concurrency {
            Some(0) => {
                return Err(
                    UsageError::new("--max-concurrency 0: at least one sandbox is needed")
                        .hint("use --max-concurrency 1 or more"),
                )
            }
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(2, |n| n.get()),
        };
        let idle_timeout = match args.idle_timeout {
            None => DEFAULT_IDLE_TIMEOUT,
            Some(secs) => Duration::try_from_secs_f64(secs).map_err(|_| {
                UsageError::new(format!(
                    "--idle-timeout {secs}: expected a number of seconds, 0 or more"
                ))
                .hint("e.g. --idle-timeout 600 keeps idle sandboxes warm for ten minutes")
            })?,
        };
        let sandbox = LocalOptions::from_args(&args.sandbox, source_date_epoch, cwd)?;
        Ok(Self {
            addr,
            max_concurrency,
            idle_timeout,
            request_ids: match sandbox.deterministic {
                Some(d) => RequestIds::Seeded(d.seed),
                None => RequestIds::Random,
            },
            sandbox,
        })
    }
}

/// `--host` and `--port` → the address to listen on (an IP address, or a name that resolves).
fn listen_addr(host: &str, port: u16) -> Result<SocketAddr, UsageError> {
    use std::net::ToSocketAddrs as _;
    if let Ok(addr) = format!("{host}:{port}").parse() {
        return Ok(addr);
    }
    (host, port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| {
            UsageError::new(format!("--host {host}: not an address to listen on"))
                .hint("use an IP address such as 127.0.0.1")
        })
}

/// `KEY=VALUE`, split at the first `=` (`A=b=c` → `b=c`; `A=` → empty).
pub fn parse_env_override(text: &str) -> Result<(String, String), UsageError> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        Some(_) => Err(
            UsageError::new(format!("-e {text:?}: the variable name is empty"))
                .hint("use -e KEY=VALUE"),
        ),
        None => Err(UsageError::new(format!("-e {text:?}: expected KEY=VALUE"))
            .hint(format!("to set an empty value write -e {text}="))),
    }
}

/// `HOST::GUEST[:ro|rw]` (read-only by default); HOST relative to `cwd`, GUEST absolute.
pub fn parse_mount(text: &str, cwd: &Path) -> Result<Mount, UsageError> {
    let bad = |reason: &str| {
        UsageError::new(format!("--mount {text:?}: {reason}"))
            .hint("use --mount HOST_DIR::/GUEST/DIR[:ro|rw]")
    };
    let (host, rest) = text
        .split_once("::")
        .ok_or_else(|| bad("expected HOST::GUEST"))?;
    let (guest, writable) = match rest.rsplit_once(':') {
        Some((guest, "ro")) => (guest, false),
        Some((guest, "rw")) => (guest, true),
        _ => (rest, false),
    };
    if host.is_empty() {
        return Err(bad("the host directory is empty"));
    }
    if !guest.starts_with('/') {
        return Err(bad("the guest path must be absolute (start with /)"));
    }
    let host = cwd.join(host);
    if !host.exists() {
        return Err(bad(&format!("{} does not exist", host.display())));
    }
    Ok(Mount {
        host: std::path::absolute(&host).unwrap_or(host),
        guest: guest.to_owned(),
        writable,
    })
}

/// The function `key` of the service, or a usage error listing the functions that exist.
pub fn find_function<'a>(service: &'a Service, key: &str) -> Result<&'a Function, UsageError> {
    service.functions.get(key).ok_or_else(|| {
        let err = UsageError::new(format!(
            "function {key:?} is not defined in {} (functions.{key})",
            service.config_file.display()
        ));
        if service.functions.is_empty() {
            err.hint("the service defines no functions")
        } else {
            let names: Vec<&str> = service.functions.keys().map(String::as_str).collect();
            err.hint(format!("functions that exist: {}", names.join(", ")))
        }
    })
}

/// Everything `invoke local` needs for the function `function_key`, decided.
pub fn local_invocation(
    service: &Service,
    function_key: &str,
    opts: &LocalOptions,
    event: Event,
    user_context: Option<serde_json::Value>,
) -> anyhow::Result<LocalInvocation> {
    let function = find_function(service, function_key)?;
    let key = &function.key;
    if function.image {
        return Err(UsageError::new(format!(
            "functions.{key}: an image function (functions.{key}.image) cannot run locally"
        ))
        .hint(format!(
            "invoke the deployed function with: lambdabox invoke -f {key}"
        ))
        .into());
    }
    let runtime = function
        .runtime
        .clone()
        .filter(|r| !r.is_empty())
        .ok_or_else(|| {
            UsageError::new(format!(
                "functions.{key}.runtime: not set, and provider.runtime is not set either"
            ))
            .hint(format!(
                "set functions.{key}.runtime or provider.runtime, e.g. nodejs20.x"
            ))
        })?;
    let handler = function
        .handler
        .clone()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| {
            UsageError::new(format!("functions.{key}.handler: missing"))
                .hint("set it to the handler's path and export, e.g. handler.hello")
        })?;

    let (request_id, stream_suffix, now_secs) = match opts.deterministic {
        Some(d) => (
            derived_uuid("request id", d.seed),
            derived_hex("log stream", d.seed),
            d.epoch_secs,
        ),
        None => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            (
                uuid::Uuid::new_v4().to_string(),
                uuid::Uuid::new_v4().simple().to_string(),
                now,
            )
        }
    };
    let (year, month, day) = civil_date(now_secs);
    let log_group_name = format!("/aws/lambda/{}", function.name);
    let log_stream_name = format!("{year:04}/{month:02}/{day:02}/[$LATEST]{stream_suffix}");

    let mut env = IndexMap::new();
    let mut set = |k: &str, v: String| {
        env.insert(k.to_owned(), v);
    };
    set("AWS_LAMBDA_FUNCTION_NAME", function.name.clone());
    set(
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        function.memory_size.to_string(),
    );
    set("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_owned());
    set("AWS_REGION", service.region.clone());
    set("AWS_DEFAULT_REGION", service.region.clone());
    set("AWS_LAMBDA_LOG_GROUP_NAME", log_group_name.clone());
    set("AWS_LAMBDA_LOG_STREAM_NAME", log_stream_name.clone());
    set("AWS_EXECUTION_ENV", format!("AWS_Lambda_{runtime}"));
    set("LAMBDA_TASK_ROOT", "/var/task".to_owned());
    set("LAMBDA_RUNTIME_DIR", "/var/runtime".to_owned());
    set("_HANDLER", handler.clone());
    set("TZ", ":UTC".to_owned());
    set("LANG", "en_US.UTF-8".to_owned());
    for (k, v) in &function.environment {
        set(k, v.clone());
    }
    set("IS_LOCAL", "true".to_owned());
    for (k, v) in &opts.env_overrides {
        set(k, v.clone());
    }
    if let Some((name, reason)) = function
        .environment_errors
        .iter()
        .find(|(name, _)| !opts.env_overrides.iter().any(|(k, _)| k == *name))
    {
        return Err(UsageError::new(reason.clone())
            .hint(format!(
                "give it a value for local runs with -e {name}=VALUE"
            ))
            .into());
    }

    // Malformed entries are a usage error naming the entry and where it was written.
    crate::sandbox::NetPolicy::parse(&opts.allow_net, &service.allowed_outbound_hosts)?;
    let mut allowed_outbound_hosts = opts.allow_net.clone();
    allowed_outbound_hosts.extend(service.allowed_outbound_hosts.iter().cloned());

    Ok(LocalInvocation {
        service_name: service.name.clone(),
        service_dir: service.dir.clone(),
        stage: service.stage.clone(),
        region: service.region.clone(),
        function: function.clone(),
        runtime,
        handler,
        event,
        user_context,
        env,
        request_id,
        invoked_function_arn: format!(
            "arn:aws:lambda:{}:{LOCAL_ACCOUNT_ID}:function:{}",
            service.region, function.name
        ),
        log_group_name,
        log_stream_name,
        deterministic: opts.deterministic,
        allowed_outbound_hosts,
        mounts: opts.mounts.clone(),
    })
}

/// Everything remote `invoke` needs, decided. `payload` is the event's JSON text.
pub fn remote_invocation(
    service: &Service,
    args: &RemoteArgs,
    event: Event,
    client_context: Option<String>,
) -> anyhow::Result<RemoteInvocation> {
    let key = args.function.as_deref().unwrap_or_default();
    let function = find_function(service, key)?;
    let invocation_type = match args.invocation_type {
        InvocationTypeArg::RequestResponse => InvocationType::RequestResponse,
        InvocationTypeArg::Event => InvocationType::Event,
        InvocationTypeArg::DryRun => InvocationType::DryRun,
    };
    Ok(RemoteInvocation {
        function_name: function.name.clone(),
        qualifier: args.qualifier.clone(),
        invocation_type,
        log_tail: args.log && invocation_type == InvocationType::RequestResponse,
        payload: event.json.into_bytes(),
        client_context,
        region: service.configured_region.clone(),
        profile: args.aws_profile.clone().or_else(|| service.profile.clone()),
        endpoint_url: args.endpoint_url.clone(),
    })
}

/// A v4-formatted UUID derived from `label` and `seed` (deterministic request ids).
fn derived_uuid(label: &str, seed: u64) -> String {
    let digest = Sha256::digest(format!("lambdabox {label} {seed}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// 32 hex digits derived from `label` and `seed`.
fn derived_hex(label: &str, seed: u64) -> String {
    hex::encode(&Sha256::digest(format!("lambdabox {label} {seed}"))[..16])
}

/// (year, month, day) in UTC of a Unix time (Howard Hinnant's days-to-civil algorithm).
fn civil_date(secs: u64) -> (i64, u32, u32) {
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::Duration;

    fn function(key: &str) -> Function {
        Function {
            key: key.into(),
            name: format!("svc-dev-{key}"),
            handler: Some("handler.hello".into()),
            runtime: Some("nodejs20.x".into()),
            memory_size: 512,
            timeout: Duration::from_secs(6),
            environment: IndexMap::from([
                ("A".into(), "fn".into()),
                ("IS_LOCAL".into(), "no".into()),
            ]),
            environment_errors: IndexMap::new(),
            artifact: None,
            image: false,
        }
    }

    fn service(functions: Vec<Function>) -> Service {
        Service {
            name: "svc".into(),
            dir: PathBuf::from("/svc"),
            config_file: PathBuf::from("/svc/serverless.yml"),
            stage: "dev".into(),
            region: "eu-west-1".into(),
            profile: None,
            configured_region: Some("eu-west-1".into()),
            functions: functions.into_iter().map(|f| (f.key.clone(), f)).collect(),
            allowed_outbound_hosts: vec!["api.example.com".into()],
            resolved: serde_json::Value::Null,
        }
    }

    fn deterministic(seed: u64) -> LocalOptions {
        LocalOptions {
            deterministic: Some(Determinism {
                epoch_secs: DEFAULT_DETERMINISTIC_EPOCH,
                seed,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn env_is_built_in_the_documented_order() {
        let opts = LocalOptions {
            env_overrides: vec![
                ("A".into(), "cli".into()),
                ("AWS_REGION".into(), "x".into()),
                ("E".into(), "".into()),
            ],
            ..deterministic(0)
        };
        let inv = local_invocation(
            &service(vec![function("hello")]),
            "hello",
            &opts,
            Event::empty(),
            None,
        )
        .unwrap();
        let keys: Vec<&str> = inv.env.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "AWS_LAMBDA_FUNCTION_NAME",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "AWS_LAMBDA_FUNCTION_VERSION",
                "AWS_REGION",
                "AWS_DEFAULT_REGION",
                "AWS_LAMBDA_LOG_GROUP_NAME",
                "AWS_LAMBDA_LOG_STREAM_NAME",
                "AWS_EXECUTION_ENV",
                "LAMBDA_TASK_ROOT",
                "LAMBDA_RUNTIME_DIR",
                "_HANDLER",
                "TZ",
                "LANG",
                "A",
                "IS_LOCAL",
                "E",
            ]
        );
        assert_eq!(inv.env["A"], "cli");
        assert_eq!(inv.env["IS_LOCAL"], "true");
        assert_eq!(inv.env["AWS_REGION"], "x");
        assert_eq!(inv.env["E"], "");
        assert_eq!(inv.env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "512");
        assert_eq!(inv.env["AWS_EXECUTION_ENV"], "AWS_Lambda_nodejs20.x");
        assert_eq!(
            inv.env["AWS_LAMBDA_LOG_GROUP_NAME"],
            "/aws/lambda/svc-dev-hello"
        );
        assert!(
            !inv.env.contains_key("HOME"),
            "the host environment never leaks"
        );
        assert_eq!(
            inv.invoked_function_arn,
            "arn:aws:lambda:eu-west-1:123456789012:function:svc-dev-hello"
        );
        assert_eq!(inv.allowed_outbound_hosts, ["api.example.com"]);
    }

    #[test]
    fn deterministic_ids_come_from_the_seed() {
        let svc = service(vec![function("hello")]);
        let a = local_invocation(&svc, "hello", &deterministic(1), Event::empty(), None).unwrap();
        let b = local_invocation(&svc, "hello", &deterministic(1), Event::empty(), None).unwrap();
        let c = local_invocation(&svc, "hello", &deterministic(2), Event::empty(), None).unwrap();
        assert_eq!(a.request_id, b.request_id);
        assert_ne!(a.request_id, c.request_id);
        let id = uuid::Uuid::parse_str(&a.request_id).unwrap();
        assert_eq!(id.get_version_num(), 4);
        assert!(
            a.log_stream_name.starts_with("2000/01/01/[$LATEST]"),
            "{}",
            a.log_stream_name
        );
        assert_eq!(a.log_stream_name.len(), "2000/01/01/[$LATEST]".len() + 32);
        let random = local_invocation(
            &svc,
            "hello",
            &LocalOptions::default(),
            Event::empty(),
            None,
        )
        .unwrap();
        let again = local_invocation(
            &svc,
            "hello",
            &LocalOptions::default(),
            Event::empty(),
            None,
        )
        .unwrap();
        assert_ne!(random.request_id, again.request_id);
    }

    #[test]
    fn unusable_functions_are_usage_errors() {
        let mut no_runtime = function("bare");
        no_runtime.runtime = None;
        let mut image = function("img");
        image.image = true;
        let mut cfn = function("cfn");
        cfn.environment_errors.insert(
            "T".into(),
            "functions.cfn.environment.T: the value {\"Ref\":\"T\"} …".into(),
        );
        let svc = service(vec![function("hello"), no_runtime, image, cfn]);
        let err = |key: &str, opts: &LocalOptions| {
            let e = local_invocation(&svc, key, opts, Event::empty(), None).unwrap_err();
            e.downcast::<UsageError>().expect("usage error")
        };
        let e = err("nope", &LocalOptions::default());
        assert!(e
            .message
            .starts_with("function \"nope\" is not defined in /svc/serverless.yml"));
        assert_eq!(e.hints, ["functions that exist: hello, bare, img, cfn"]);
        assert!(err("bare", &LocalOptions::default())
            .message
            .contains("functions.bare.runtime: not set"));
        assert!(err("img", &LocalOptions::default())
            .message
            .contains("cannot run locally"));
        let e = err("cfn", &LocalOptions::default());
        assert!(e.message.starts_with("functions.cfn.environment.T"));
        assert_eq!(e.hints, ["give it a value for local runs with -e T=VALUE"]);
        let fixed = LocalOptions {
            env_overrides: vec![("T".into(), "table".into())],
            ..Default::default()
        };
        assert_eq!(
            local_invocation(&svc, "cfn", &fixed, Event::empty(), None)
                .unwrap()
                .env["T"],
            "table"
        );
    }

    #[test]
    fn env_overrides_split_at_the_first_equals() {
        assert_eq!(
            parse_env_override("A=b=c").unwrap(),
            ("A".into(), "b=c".into())
        );
        assert_eq!(parse_env_override("A=").unwrap(), ("A".into(), "".into()));
        let e = parse_env_override("A").unwrap_err();
        assert_eq!(e.hints, ["to set an empty value write -e A="]);
        assert!(parse_env_override("=x").is_err());
    }

    #[test]
    fn mounts() {
        let dir = tempfile::tempdir().unwrap();
        let m = parse_mount("data::/mnt/data:rw", dir.path()).unwrap_err();
        assert!(m.message.contains("does not exist"));
        std::fs::create_dir(dir.path().join("data")).unwrap();
        let m = parse_mount("data::/mnt/data:rw", dir.path()).unwrap();
        assert_eq!((m.guest.as_str(), m.writable), ("/mnt/data", true));
        assert_eq!(m.host, dir.path().join("data"));
        assert!(!parse_mount("data::/mnt/data", dir.path()).unwrap().writable);
        assert!(!parse_mount("data::/mnt:ro", dir.path()).unwrap().writable);
        assert!(parse_mount("data::relative", dir.path()).is_err());
        assert!(parse_mount("data:/x", dir.path()).is_err());
    }

    #[test]
    fn serve_options() {
        let serve = |args: &[&str]| {
            let cli = crate::cli::Cli::parse_from_args(
                ["lambdabox", "serve"].iter().chain(args.iter()).copied(),
            )
            .unwrap();
            let crate::cli::Command::Serve(serve) = cli.command else {
                panic!()
            };
            ServeOptions::from_args(&serve, None, Path::new("/"))
        };
        let o = serve(&[]).unwrap();
        assert_eq!(o.request_ids, RequestIds::Random);
        assert_eq!(o.addr.to_string(), "127.0.0.1:3002");
        assert_eq!(o.idle_timeout, DEFAULT_IDLE_TIMEOUT);
        assert!(o.max_concurrency >= 1);
        let o = serve(&[
            "--host",
            "::1",
            "--port",
            "0",
            "--idle-timeout",
            "0.25",
            "-e",
            "A=b=c",
            "--deterministic",
        ])
        .unwrap();
        assert_eq!(o.addr.to_string(), "[::1]:0");
        assert_eq!(o.idle_timeout, Duration::from_millis(250));
        assert_eq!(o.sandbox.env_overrides, [("A".into(), "b=c".into())]);
        assert_eq!(
            o.sandbox.deterministic.map(|d| d.epoch_secs),
            Some(DEFAULT_DETERMINISTIC_EPOCH)
        );
        assert_eq!(o.request_ids, RequestIds::Seeded(0));
        let (first, second) = (o.request_ids.nth(1), o.request_ids.nth(2));
        assert_ne!(first, second);
        assert_eq!(
            first,
            RequestIds::Seeded(0).nth(1),
            "the same call, the same id"
        );
        assert_ne!(first, RequestIds::Seeded(1).nth(1));
        assert_eq!(uuid::Uuid::parse_str(&first).unwrap().get_version_num(), 4);
        assert_ne!(RequestIds::Random.nth(1), RequestIds::Random.nth(1));
        let err = |args: &[&str]| serve(args).unwrap_err().message;
        assert!(err(&["--idle-timeout=-1"]).starts_with("--idle-timeout -1:"));
        assert!(err(&["--idle-timeout", "inf"]).starts_with("--idle-timeout inf:"));
        assert!(err(&["--max-concurrency", "0"]).starts_with("--max-concurrency 0"));
        assert!(err(&["--host", "not a host"]).starts_with("--host not a host"));
        assert_eq!(
            err(&["-e", "NOVALUE"]),
            "-e \"NOVALUE\": expected KEY=VALUE"
        );
        assert!(err(&["--mount", "nowhere"]).starts_with("--mount \"nowhere\""));
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(DEFAULT_DETERMINISTIC_EPOCH), (2000, 1, 1));
        assert_eq!(civil_date(1_709_164_800), (2024, 2, 29));
    }

    #[test]
    fn remote_plan() {
        let svc = service(vec![function("hello")]);
        let cli = crate::cli::Cli::parse_from_args([
            "lambdabox",
            "invoke",
            "-f",
            "hello",
            "-t",
            "Event",
            "-l",
        ])
        .unwrap();
        let crate::cli::Command::Invoke(invoke) = cli.command else {
            panic!()
        };
        let plan = remote_invocation(&svc, &invoke.remote, Event::empty(), None).unwrap();
        assert_eq!(plan.function_name, "svc-dev-hello");
        assert_eq!(plan.invocation_type, InvocationType::Event);
        assert!(!plan.log_tail, "--log only for RequestResponse");
        assert_eq!(plan.payload, b"{}");
        assert_eq!(plan.region.as_deref(), Some("eu-west-1"));
    }
}
