//! The resolved configuration (JSON) → the validated [`Service`], every default decided here:
//! stage `dev`, region `us-east-1`, memorySize 1024, timeout 6 s, deployed name
//! `<service>-<stage>-<key>`. Unknown keys are ignored.

use super::service::{Function, Service};
use super::LoadOptions;
use crate::exit::UsageError;
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DEFAULT_STAGE: &str = "dev";
pub const DEFAULT_REGION: &str = "us-east-1";
pub const DEFAULT_MEMORY_SIZE: u32 = 1024;
pub const DEFAULT_TIMEOUT_SECS: u64 = 6;

/// Validate the resolved configuration of the service in `dir`.
pub fn service(
    resolved: Value,
    dir: PathBuf,
    config_file: PathBuf,
    opts: &LoadOptions,
) -> anyhow::Result<Service> {
    let bad = |message: String| {
        anyhow::Error::new(UsageError::new(format!(
            "{}: {message}",
            config_file.display()
        )))
    };
    let root = match &resolved {
        Value::Object(root) => root,
        Value::Null => return Err(bad("the file is empty".to_owned())),
        other => {
            return Err(bad(format!(
                "expected a mapping at the top level, got {}",
                kind(other)
            )))
        }
    };
    let name = match root.get("service") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        // The old `service: {name: x}` form.
        Some(Value::Object(o))
            if o.get("name")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty()) =>
        {
            o["name"].as_str().unwrap_or_default().to_owned()
        }
        Some(other) => {
            return Err(bad(format!(
                "service: expected the service name, got {}",
                kind(other)
            )))
        }
        None => return Err(bad("service: missing (the name of the service)".to_owned())),
    };
    let empty = Map::new();
    let provider = object(root, "provider").map_err(bad)?.unwrap_or(&empty);
    let provider_stage = string(provider, "provider.stage").map_err(bad)?;
    let provider_region = string(provider, "provider.region").map_err(bad)?;
    let stage = opts
        .stage
        .clone()
        .or(provider_stage)
        .unwrap_or_else(|| DEFAULT_STAGE.to_owned());
    let configured_region = opts.region.clone().or(provider_region);
    let region = configured_region
        .clone()
        .unwrap_or_else(|| DEFAULT_REGION.to_owned());

    let defaults = FunctionDefaults {
        runtime: string(provider, "provider.runtime").map_err(bad)?,
        memory_size: memory_size(provider.get("memorySize"), "provider.memorySize").map_err(bad)?,
        timeout: timeout(provider.get("timeout"), "provider.timeout").map_err(bad)?,
        environment: object(provider, "environment").map_err(|m| bad(format!("provider.{m}")))?,
        artifact: match object(root, "package").map_err(bad)? {
            Some(package) => string(package, "package.artifact").map_err(bad)?,
            None => None,
        },
    };

    let mut functions = IndexMap::new();
    match root.get("functions") {
        None | Some(Value::Null) => {}
        Some(Value::Object(entries)) => {
            for (key, value) in entries {
                let path = format!("functions.{key}");
                let function = match value {
                    // Serverless deletes null entries.
                    Value::Null => continue,
                    Value::Object(f) => f,
                    other => {
                        return Err(bad(format!(
                            "{path}: expected a mapping, got {}",
                            kind(other)
                        )))
                    }
                };
                let f = function_of(key, function, &defaults, &name, &stage, &dir).map_err(bad)?;
                functions.insert(key.clone(), f);
            }
        }
        Some(other) => {
            return Err(bad(format!(
                "functions: expected a mapping, got {}",
                kind(other)
            )))
        }
    }

    Ok(Service {
        name,
        profile: string(provider, "provider.profile").map_err(bad)?,
        allowed_outbound_hosts: allowed_outbound_hosts(root).map_err(bad)?,
        dir,
        config_file,
        stage,
        region,
        configured_region,
        functions,
        resolved,
    })
}

struct FunctionDefaults<'a> {
    runtime: Option<String>,
    memory_size: Option<u32>,
    timeout: Option<Duration>,
    environment: Option<&'a Map<String, Value>>,
    artifact: Option<String>,
}

fn function_of(
    key: &str,
    f: &Map<String, Value>,
    defaults: &FunctionDefaults,
    service: &str,
    stage: &str,
    dir: &Path,
) -> Result<Function, String> {
    let path = format!("functions.{key}");
    let at = |field: &str| format!("{path}.{field}");
    let mut environment = IndexMap::new();
    let mut environment_errors = IndexMap::new();
    let function_env = object(f, "environment").map_err(|m| format!("{path}.{m}"))?;
    for (scope, env) in [
        ("provider", defaults.environment),
        (path.as_str(), function_env),
    ] {
        for (name, value) in env.into_iter().flatten() {
            environment.shift_remove(name);
            environment_errors.shift_remove(name);
            match value {
                Value::Null => {}
                Value::String(s) => _ = environment.insert(name.clone(), s.clone()),
                Value::Number(n) => _ = environment.insert(name.clone(), n.to_string()),
                Value::Bool(b) => _ = environment.insert(name.clone(), b.to_string()),
                other => {
                    let reason = format!(
                        "{scope}.environment.{name}: the value {} is not a string; CloudFormation \
                         references cannot be resolved locally",
                        serde_json::to_string(other).unwrap_or_default()
                    );
                    environment_errors.insert(name.clone(), reason);
                }
            }
        }
    }
    let package_artifact = match object(f, "package").map_err(|m| format!("{path}.{m}"))? {
        Some(package) => string(package, &at("package.artifact"))?,
        None => None,
    };
    Ok(Function {
        key: key.to_owned(),
        name: string(f, &at("name"))?.unwrap_or_else(|| format!("{service}-{stage}-{key}")),
        handler: string(f, &at("handler"))?,
        runtime: string(f, &at("runtime"))?.or_else(|| defaults.runtime.clone()),
        memory_size: memory_size(f.get("memorySize"), &at("memorySize"))?
            .or(defaults.memory_size)
            .unwrap_or(DEFAULT_MEMORY_SIZE),
        timeout: timeout(f.get("timeout"), &at("timeout"))?
            .or(defaults.timeout)
            .unwrap_or(Duration::from_secs(DEFAULT_TIMEOUT_SECS)),
        environment,
        environment_errors,
        artifact: package_artifact
            .or_else(|| defaults.artifact.clone())
            .map(|a| dir.join(a)),
        image: f.get("image").is_some_and(|v| !v.is_null()),
    })
}

/// `map[field]` as a string (the last segment of `path` names it), None when absent or null.
fn string(map: &Map<String, Value>, path: &str) -> Result<Option<String>, String> {
    let field = path.rsplit('.').next().unwrap_or(path);
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!("{path}: expected a string, got {}", kind(other))),
    }
}

/// `map[field]` as a mapping; the error is relative (`field: …`) so callers prefix it.
fn object<'a>(
    map: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a Map<String, Value>>, String> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(format!("{field}: expected a mapping, got {}", kind(other))),
    }
}

/// A positive number, also given as text (variables from `${env:…}` are strings).
fn positive_number(value: Option<&Value>, path: &str, what: &str) -> Result<Option<f64>, String> {
    let number = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    match number {
        Some(n) if n.is_finite() && n > 0.0 => Ok(Some(n)),
        _ => Err(format!(
            "{path}: expected {what}, got {}",
            value
                .map(|v| serde_json::to_string(v).unwrap_or_default())
                .unwrap_or_default()
        )),
    }
}

fn memory_size(value: Option<&Value>, path: &str) -> Result<Option<u32>, String> {
    let what = "a whole number of MiB (e.g. 1024)";
    match positive_number(value, path, what)? {
        None => Ok(None),
        Some(n) if n.fract() == 0.0 && n <= f64::from(u32::MAX) => Ok(Some(n as u32)),
        Some(_) => Err(format!(
            "{path}: expected {what}, got {}",
            value.cloned().unwrap_or_default()
        )),
    }
}

fn timeout(value: Option<&Value>, path: &str) -> Result<Option<Duration>, String> {
    let seconds = positive_number(value, path, "a number of seconds (e.g. 6)")?;
    seconds
        .map(|s| {
            Duration::try_from_secs_f64(s)
                .map_err(|_| format!("{path}: {s} seconds is out of range"))
        })
        .transpose()
}

fn allowed_outbound_hosts(root: &Map<String, Value>) -> Result<Vec<String>, String> {
    let path = "custom.lambdabox.allowedOutboundHosts";
    let hosts = root
        .get("custom")
        .and_then(|c| c.get("lambdabox"))
        .and_then(|l| l.get("allowedOutboundHosts"));
    match hosts {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!(
                    "{path}.{i}: expected a host string, got {}",
                    kind(other)
                )),
            })
            .collect(),
        Some(other) => Err(format!(
            "{path}: expected a list of hosts, got {}",
            kind(other)
        )),
    }
}

/// How a JSON value is named in error messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn validate(config: Value) -> anyhow::Result<Service> {
        let opts = LoadOptions::default();
        service(
            config,
            PathBuf::from("/svc"),
            PathBuf::from("/svc/serverless.yml"),
            &opts,
        )
    }

    fn usage_message(err: anyhow::Error) -> String {
        err.downcast::<UsageError>().expect("a usage error").message
    }

    #[test]
    fn defaults_are_decided_here() {
        let s = validate(json!({"service": "svc", "functions": {"hello": {"handler": "h.main"}}}))
            .unwrap();
        assert_eq!((s.stage.as_str(), s.region.as_str()), ("dev", "us-east-1"));
        assert_eq!(s.configured_region, None);
        let f = &s.functions["hello"];
        assert_eq!(f.name, "svc-dev-hello");
        assert_eq!(f.memory_size, 1024);
        assert_eq!(f.timeout, Duration::from_secs(6));
        assert_eq!(f.runtime, None);
        assert!(!f.image);
    }

    #[test]
    fn function_settings_win_over_provider_settings() {
        let s = validate(json!({
            "service": "svc",
            "provider": {"stage": "prod", "region": "eu-west-1", "runtime": "nodejs20.x", "memorySize": 512,
                         "timeout": 10, "environment": {"A": "p", "B": 1, "C": true, "D": "p"}},
            "package": {"artifact": "all.zip"},
            "functions": {
                "one": {"handler": "h.one", "runtime": "python3.12", "memorySize": "256", "timeout": 2.5,
                        "name": "custom", "environment": {"A": "f", "D": null, "E": {"Ref": "Table"}},
                        "package": {"artifact": "one.zip"}},
                "two": {"handler": "h.two"},
                "gone": null
            }
        }))
        .unwrap();
        assert_eq!(s.functions.keys().collect::<Vec<_>>(), ["one", "two"]);
        let one = &s.functions["one"];
        assert_eq!(one.name, "custom");
        assert_eq!(one.runtime.as_deref(), Some("python3.12"));
        assert_eq!(
            (one.memory_size, one.timeout),
            (256, Duration::from_millis(2500))
        );
        assert_eq!(
            one.environment,
            IndexMap::<String, String>::from([
                ("B".into(), "1".into()),
                ("C".into(), "true".into()),
                ("A".into(), "f".into())
            ])
        );
        assert!(one.environment_errors["E"]
            .contains(r#"functions.one.environment.E: the value {"Ref":"Table"}"#));
        assert_eq!(one.artifact.as_deref(), Some(Path::new("/svc/one.zip")));
        let two = &s.functions["two"];
        assert_eq!(two.name, "svc-prod-two");
        assert_eq!(
            (two.memory_size, two.timeout),
            (512, Duration::from_secs(10))
        );
        assert_eq!(two.runtime.as_deref(), Some("nodejs20.x"));
        assert_eq!(two.artifact.as_deref(), Some(Path::new("/svc/all.zip")));
        assert_eq!(s.configured_region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn command_line_stage_and_region_win() {
        let opts = LoadOptions {
            stage: Some("qa".into()),
            region: Some("ap-south-1".into()),
            ..Default::default()
        };
        let config = json!({"service": "svc", "provider": {"stage": "prod", "region": "eu-west-1"},
                            "functions": {"f": {"handler": "h.f"}}});
        let s = service(config, "/svc".into(), "/svc/serverless.yml".into(), &opts).unwrap();
        assert_eq!((s.stage.as_str(), s.region.as_str()), ("qa", "ap-south-1"));
        assert_eq!(s.functions["f"].name, "svc-qa-f");
    }

    #[test]
    fn bad_values_name_their_key_path() {
        let msg = |config| usage_message(validate(config).unwrap_err());
        assert!(msg(json!({"functions": {}}))
            .ends_with("serverless.yml: service: missing (the name of the service)"));
        assert!(
            msg(json!({"service": "s", "functions": {"f": {"memorySize": "lots"}}}))
                .contains("functions.f.memorySize: expected a whole number of MiB")
        );
        assert!(msg(json!({"service": "s", "provider": {"timeout": -1}}))
            .contains("provider.timeout: expected"));
        assert!(msg(json!({"service": "s", "functions": [1]}))
            .contains("functions: expected a mapping, got a list"));
        assert!(
            msg(json!({"service": "s", "functions": {"f": {"handler": ["x"]}}}))
                .contains("functions.f.handler: expected a string, got a list")
        );
        assert!(
            msg(json!({"service": "s", "provider": {"environment": "x"}}))
                .contains("provider.environment: expected a mapping")
        );
        assert!(msg(json!(null)).contains("the file is empty"));
    }

    #[test]
    fn outbound_hosts_and_image_functions() {
        let s = validate(json!({"service": "s", "custom": {"lambdabox": {"allowedOutboundHosts": ["a.com:443", "*"]}},
                                "functions": {"img": {"image": "repo:tag"}}}))
        .unwrap();
        assert_eq!(s.allowed_outbound_hosts, ["a.com:443", "*"]);
        assert!(s.functions["img"].image);
        assert_eq!(s.functions["img"].handler, None);
    }
}
