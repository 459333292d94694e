//! serverless.yml: YAML → JSON ([`yaml`]) → variables resolved ([`variables`]) → the validated
//! [`service::Service`] ([`validate`]).

pub mod dotenv;
pub mod service;
pub mod validate;
pub mod variables;
pub mod yaml;

use crate::exit::UsageError;
use anyhow::Context as _;
use service::Service;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The configuration file names looked up in the current directory, in order.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["serverless.yml", "serverless.yaml"];

/// What loading a service needs from the command line and the host.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `--config FILE`; None: discover serverless.yml/.yaml in `cwd`.
    pub config: Option<PathBuf>,
    /// The directory discovery and a relative `--config` start from.
    pub cwd: PathBuf,
    /// `--stage`.
    pub stage: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    /// Every CLI option given, by long name: the `${opt:…}` source.
    pub options: serde_json::Map<String, serde_json::Value>,
    /// The `${env:…}` source: the host environment (dotenv files are added to it when
    /// `useDotenv: true`). Never passed to handlers.
    pub env: HashMap<String, String>,
    /// `${sls:instanceId}`.
    pub instance_id: String,
}

impl LoadOptions {
    /// Options for the current process: its working directory, its environment and a random
    /// instance id.
    pub fn from_process(
        config: Option<PathBuf>,
        stage: Option<String>,
        region: Option<String>,
        options: serde_json::Map<String, serde_json::Value>,
    ) -> anyhow::Result<Self> {
        let cwd = std::env::current_dir().context("reading the current directory")?;
        let env = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        Ok(Self {
            config,
            cwd,
            stage,
            region,
            options,
            env,
            instance_id: random_instance_id(),
        })
    }
}

/// Read, resolve and validate the service configuration.
pub fn load(opts: &LoadOptions) -> anyhow::Result<Service> {
    let config_file = find_config_file(opts)?;
    let text = std::fs::read_to_string(&config_file)
        .map_err(|e| UsageError::new(format!("{}: cannot read: {e}", config_file.display())))?;
    let raw = yaml::parse(&text).map_err(|e| {
        UsageError::new(format!("{}: invalid YAML: {e}", config_file.display()))
            .hint("fix the syntax at the line and column shown")
    })?;
    let dir = config_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| opts.cwd.clone());

    let mut env = opts.env.clone();
    if raw.get("useDotenv").and_then(serde_json::Value::as_bool) == Some(true) {
        let stage = opts
            .stage
            .clone()
            .or_else(|| literal_provider_stage(&raw))
            .unwrap_or_else(|| "dev".to_owned());
        dotenv::load_into(&dir, &stage, &mut env)?;
    }

    let ctx = variables::Context {
        options: &opts.options,
        env: &env,
        service_dir: &dir,
        instance_id: &opts.instance_id,
        stage: opts.stage.as_deref(),
        region: opts.region.as_deref(),
    };
    let resolved = variables::resolve(raw, &ctx).map_err(|e| {
        let usage = UsageError::new(format!("{}: {e}", config_file.display()));
        if e.hint().is_empty() {
            usage
        } else {
            usage.hint(e.hint())
        }
    })?;
    validate::service(resolved, dir, config_file, opts)
}

/// `--config` (relative to `cwd`) or the first of [`CONFIG_FILE_NAMES`] in `cwd`, made absolute.
fn find_config_file(opts: &LoadOptions) -> Result<PathBuf, UsageError> {
    let file = match &opts.config {
        Some(path) => {
            let path = opts.cwd.join(path);
            if !path.is_file() {
                return Err(UsageError::new(format!(
                    "{}: configuration file not found",
                    path.display()
                ))
                .hint("check the path given to --config"));
            }
            path
        }
        None => CONFIG_FILE_NAMES
            .iter()
            .map(|name| opts.cwd.join(name))
            .find(|p| p.is_file())
            .ok_or_else(|| {
                UsageError::new(format!(
                    "no serverless.yml or serverless.yaml in {}",
                    opts.cwd.display()
                ))
                .hint("run lambdabox inside a service directory, or pass --config FILE")
            })?,
    };
    Ok(clean_path(&std::path::absolute(&file).unwrap_or(file)))
}

/// `path` without `.` components and with `..` applied, lexically (for messages and lookups;
/// the file need not exist).
pub fn clean_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // `/..` is `/`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// `provider.stage` when it is plain text (dotenv is loaded before variables are resolved).
fn literal_provider_stage(raw: &serde_json::Value) -> Option<String> {
    let stage = raw.get("provider")?.get("stage")?.as_str()?;
    (!stage.contains("${")).then(|| stage.to_owned())
}

/// Serverless's `${sls:instanceId}`: random per run.
fn random_instance_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_path_is_lexical() {
        assert_eq!(
            clean_path(Path::new("/a/./b/../c/./d.json")),
            PathBuf::from("/a/c/d.json")
        );
        assert_eq!(clean_path(Path::new("/../a")), PathBuf::from("/a"));
        assert_eq!(clean_path(Path::new("a/../../b")), PathBuf::from("../b"));
    }
}
