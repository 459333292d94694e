//! Resolution of every variable in the configuration, Serverless v3 semantics: sources tried left
//! to right (the first non-null value wins), a whole-value variable keeps its type, an embedded
//! one must be a string or scalar, a whole-value string result is resolved again, cycles are
//! reported, and every error names the property path.

use super::parse::{parse, Param, Part, Source, SourceRef, Template, Variable};
use crate::config::yaml;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// What variables can read.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// `${opt:…}`: every CLI option given, by long name.
    pub options: &'a Map<String, Value>,
    /// `${env:…}`: the host environment plus dotenv files.
    pub env: &'a HashMap<String, String>,
    /// `${file(…)}` paths are relative to it.
    pub service_dir: &'a Path,
    /// `${sls:instanceId}`.
    pub instance_id: &'a str,
    /// `--stage`, `--region`.
    pub stage: Option<&'a str>,
    pub region: Option<&'a str>,
}

/// A variable that could not be resolved, at a property path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableError {
    /// `functions.hello.environment.URL`; empty for the top level.
    pub path: String,
    pub message: String,
    pub hint: String,
}

impl VariableError {
    pub fn hint(&self) -> &str {
        &self.hint
    }
}

impl fmt::Display for VariableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for VariableError {}

/// Resolve every variable of `config`.
pub fn resolve(config: Value, ctx: &Context) -> Result<Value, VariableError> {
    let mut resolver = Resolver {
        ctx,
        root: config,
        done: HashSet::new(),
        active: Vec::new(),
        files: HashMap::new(),
    };
    resolver.resolve_subtree(&[])?;
    Ok(resolver.root)
}

/// A whole-value string result that keeps containing variables more than this many times is
/// taken for a cycle (Serverless uses the same bound).
const MAX_RESOLVED_DEPTH: usize = 10;
/// Properties waiting on each other deeper than this are refused (instead of exhausting the stack).
const MAX_ACTIVE: usize = 200;

type PropertyPath = Vec<String>;

struct Resolver<'a> {
    ctx: &'a Context<'a>,
    root: Value,
    /// String properties whose value is final (escapes already removed: never parse again).
    done: HashSet<PropertyPath>,
    /// Properties being resolved, outermost first: a property met again is a cycle.
    active: Vec<PropertyPath>,
    /// Parsed `file()` contents by absolute path (None: the file does not exist).
    files: HashMap<PathBuf, Option<Value>>,
}

/// What one source produced.
enum Lookup {
    /// A value; `resolved` when it needs no further resolution (it comes from the resolved
    /// configuration itself).
    Found { value: Value, resolved: bool },
    /// No value: the next source is tried. The reason ends up in the error when none is left.
    Missing {
        reason: String,
        hint: Option<String>,
    },
}

fn missing(reason: impl Into<String>) -> Lookup {
    Lookup::Missing {
        reason: reason.into(),
        hint: None,
    }
}

/// `a.b.0.c` for messages.
fn humanize(path: &[String]) -> String {
    path.join(".")
}

fn node_at<'v>(root: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(root, |node, key| match node {
        Value::Object(map) => map.get(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

fn node_at_mut<'v>(root: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(root, |node, key| match node {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// The keys (or indices) of a container, to walk it while it changes.
fn child_keys(node: &Value) -> Vec<String> {
    match node {
        Value::Object(map) => map.keys().cloned().collect(),
        Value::Array(items) => (0..items.len()).map(|i| i.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// A value inside a longer string: strings, numbers and booleans only.
fn embeddable(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Resolver<'_> {
    fn error(&self, path: &[String], message: impl Into<String>) -> VariableError {
        VariableError {
            path: humanize(path),
            message: message.into(),
            hint: String::new(),
        }
    }

    fn set(&mut self, path: &[String], value: Value) {
        if let Some(node) = node_at_mut(&mut self.root, path) {
            *node = value;
        }
    }

    /// Resolve every string under `path`.
    fn resolve_subtree(&mut self, path: &[String]) -> Result<(), VariableError> {
        let Some(node) = node_at(&self.root, path) else {
            return Ok(());
        };
        if node.is_string() {
            return self.resolve_property(path);
        }
        for key in child_keys(node) {
            let mut child = path.to_vec();
            child.push(key);
            self.resolve_subtree(&child)?;
        }
        Ok(())
    }

    /// Mark every string under `path` final.
    fn mark_done(&mut self, path: &[String]) {
        let Some(node) = node_at(&self.root, path) else {
            return;
        };
        if node.is_string() {
            self.done.insert(path.to_vec());
            return;
        }
        for key in child_keys(node) {
            let mut child = path.to_vec();
            child.push(key);
            self.mark_done(&child);
        }
    }

    /// Resolve the string property at `path` (it may become any value).
    fn resolve_property(&mut self, path: &[String]) -> Result<(), VariableError> {
        if self.done.contains(path) {
            return Ok(());
        }
        if let Some(first) = self.active.iter().position(|p| p == path) {
            let mut chain: Vec<String> = self.active[first..].iter().map(|p| humanize(p)).collect();
            chain.push(humanize(path));
            let closing = self.active.last().cloned().unwrap_or_default();
            return Err(VariableError {
                path: humanize(&closing),
                message: if chain.len() == 2 {
                    format!("circular reference: {} refers to itself", chain[0])
                } else {
                    format!("circular reference: {}", chain.join(" → "))
                },
                hint: "break the cycle: one of these properties must not depend on the others"
                    .to_owned(),
            });
        }
        if self.active.len() >= MAX_ACTIVE {
            return Err(self.error(
                path,
                format!("more than {MAX_ACTIVE} properties depend on each other"),
            ));
        }
        let Some(Value::String(text)) = node_at(&self.root, path) else {
            return Ok(());
        };
        let mut template =
            parse(text).map_err(|e| self.error(path, format!("invalid variable syntax: {e}")))?;
        self.active.push(path.to_vec());
        let result = self.resolve_template_into(path, &mut template);
        self.active.pop();
        let value_is_container = result?;
        if value_is_container {
            // A mapping or list from `file()`/`opt:`: its own variables are resolved in place.
            self.resolve_subtree(path)?;
        }
        Ok(())
    }

    /// Resolve `template` (the text of the property at `path`) and store the result there.
    /// Returns whether the stored value is an unresolved container that still needs a walk.
    fn resolve_template_into(
        &mut self,
        path: &[String],
        template: &mut Template,
    ) -> Result<bool, VariableError> {
        for depth in 0.. {
            if !template.has_variables() {
                self.set(path, Value::String(template.text()));
                self.done.insert(path.to_vec());
                return Ok(false);
            }
            let Some(var) = template.whole_variable() else {
                let text = self.concatenate(path, template)?;
                self.set(path, Value::String(text));
                self.done.insert(path.to_vec());
                return Ok(false);
            };
            let (value, resolved) = self.variable(path, var)?;
            match value {
                Value::String(s) if !resolved => {
                    if depth >= MAX_RESOLVED_DEPTH {
                        return Err(self.error(
                            path,
                            format!("the value keeps resolving to more variables (last: {s:?}); is it circular?"),
                        ));
                    }
                    *template = parse(&s).map_err(|e| {
                        self.error(
                            path,
                            format!("invalid variable syntax in the resolved value {s:?}: {e}"),
                        )
                    })?;
                }
                value => {
                    let container = value.is_object() || value.is_array();
                    self.set(path, value);
                    if resolved || !container {
                        self.mark_done(path);
                        return Ok(false);
                    }
                    return Ok(true);
                }
            }
        }
        unreachable!("the loop returns")
    }

    /// A template with text around its variables: always a string.
    fn concatenate(
        &mut self,
        path: &[String],
        template: &Template,
    ) -> Result<String, VariableError> {
        let mut out = String::new();
        for part in &template.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Var(var) => {
                    let (value, _) = self.variable(path, var)?;
                    let text = embeddable(&value).ok_or_else(|| {
                        let mut e = self.error(
                            path,
                            format!(
                                "{} resolves to {}, but a variable inside a longer string must resolve to a \
                                 string, number or boolean",
                                var.text,
                                crate::config::validate::kind(&value)
                            ),
                        );
                        e.hint = "make the variable the whole value, or point it at a scalar".to_owned();
                        e
                    })?;
                    out.push_str(&text);
                }
            }
        }
        Ok(out)
    }

    /// A template used as an address or param: a whole variable keeps its type.
    fn template_value(
        &mut self,
        path: &[String],
        template: &Template,
    ) -> Result<Value, VariableError> {
        match template.whole_variable() {
            Some(var) => Ok(self.variable(path, var)?.0),
            None => self.concatenate(path, template).map(Value::String),
        }
    }

    /// Resolve one variable: its sources left to right, the first non-null value wins.
    fn variable(
        &mut self,
        path: &[String],
        var: &Variable,
    ) -> Result<(Value, bool), VariableError> {
        let mut reasons = Vec::new();
        let mut last_hint = None;
        for source in &var.sources {
            match source {
                Source::Literal(value) => return Ok((value.clone(), true)),
                Source::Ref(source) => match self.source(path, var, source)? {
                    Lookup::Found { value, resolved } if !value.is_null() => {
                        return Ok((value, resolved))
                    }
                    Lookup::Found { .. } => {
                        reasons.push(format!("{} is null", source_name(source)))
                    }
                    Lookup::Missing { reason, hint } => {
                        reasons.push(reason);
                        last_hint = hint.or(last_hint);
                    }
                },
            }
        }
        let reasons = match reasons.len() {
            1 => format!("{}, no fallback", reasons[0]),
            _ => format!("{}; no fallback has a value", reasons.join("; ")),
        };
        let mut e = self.error(path, format!("cannot resolve {} ({reasons})", var.text));
        e.hint = last_hint
            .unwrap_or_else(|| format!("add a fallback value, e.g. {}", with_fallback(&var.text)));
        Err(e)
    }

    fn source(
        &mut self,
        path: &[String],
        var: &Variable,
        source: &SourceRef,
    ) -> Result<Lookup, VariableError> {
        let address = match &source.address {
            Some(t) => Some(self.template_value(path, t)?),
            None => None,
        };
        let address = match address {
            None => None,
            Some(Value::String(s)) => Some(s),
            Some(v) => match embeddable(&v) {
                Some(s) => Some(s),
                None => {
                    return Err(self.error(
                        path,
                        format!(
                            "{}: the address resolves to {}, not a string",
                            var.text,
                            crate::config::validate::kind(&v)
                        ),
                    ))
                }
            },
        };
        let mut params = Vec::new();
        for param in source.params.iter().flatten() {
            params.push(match param {
                Param::Value(v) => v.clone(),
                Param::Template(t) => self.template_value(path, t)?,
            });
        }
        let address = address.as_deref();
        match source.kind.as_str() {
            "opt" => Ok(self.opt(address)),
            "self" => self.self_property(address),
            "env" => self.env(path, var, address),
            "file" => self.file(path, var, &params, address),
            "sls" => self.sls(path, var, address),
            "strToBool" => self.str_to_bool(path, var, &params),
            "aws" => self.aws(address),
            "param" => self.param(address),
            "ssm" | "cf" | "s3" => Ok(needs_aws(&source.kind, var)),
            other => {
                let mut e = self.error(
                    path,
                    format!("{}: unsupported variable source {other:?}", var.text),
                );
                e.hint = "supported sources: opt, self, env, file, sls, strToBool, param, aws, and (with a fallback) \
                          ssm, cf, s3"
                    .to_owned();
                Err(e)
            }
        }
    }

    fn opt(&self, address: Option<&str>) -> Lookup {
        match address {
            None | Some("") => Lookup::Found {
                value: Value::Object(self.ctx.options.clone()),
                resolved: false,
            },
            Some(name) => match self.ctx.options.get(name) {
                Some(value) => Lookup::Found {
                    value: value.clone(),
                    resolved: false,
                },
                None => missing(format!("option --{name} was not given")),
            },
        }
    }

    /// `${self:a.b}`: another property of the configuration, resolved first.
    fn self_property(&mut self, address: Option<&str>) -> Result<Lookup, VariableError> {
        let keys: PropertyPath = match address {
            None | Some("") => Vec::new(),
            Some(a) => a.split('.').map(str::to_owned).collect(),
        };
        Ok(match self.property(&keys)? {
            Some(value) => Lookup::Found {
                value,
                resolved: true,
            },
            None => missing(format!(
                "no property {} in the configuration",
                humanize(&keys)
            )),
        })
    }

    /// The fully resolved value at `keys`, resolving the properties on the way.
    fn property(&mut self, keys: &[String]) -> Result<Option<Value>, VariableError> {
        for i in 0..=keys.len() {
            match node_at(&self.root, &keys[..i]) {
                None => return Ok(None),
                Some(Value::String(_)) => self.resolve_property(&keys[..i])?,
                Some(_) => {}
            }
        }
        self.resolve_subtree(keys)?;
        Ok(node_at(&self.root, keys).cloned())
    }

    fn env(
        &self,
        path: &[String],
        var: &Variable,
        address: Option<&str>,
    ) -> Result<Lookup, VariableError> {
        match address {
            None | Some("") => Err(self.error(
                path,
                format!("{}: the env source needs a variable name", var.text),
            )),
            Some(name) => Ok(match self.ctx.env.get(name) {
                Some(value) => Lookup::Found {
                    value: Value::String(value.clone()),
                    resolved: false,
                },
                None => missing(format!("environment variable {name} is not set")),
            }),
        }
    }

    fn file(
        &mut self,
        path: &[String],
        var: &Variable,
        params: &[Value],
        address: Option<&str>,
    ) -> Result<Lookup, VariableError> {
        let Some(Value::String(file)) = params.first() else {
            return Err(self.error(
                path,
                format!(
                    "{}: file() needs a path, e.g. ${{file(./config.json):key}}",
                    var.text
                ),
            ));
        };
        let absolute = crate::config::clean_path(&self.ctx.service_dir.join(file));
        let content = match self.files.get(&absolute) {
            Some(content) => content.clone(),
            None => {
                let content = read_file(&absolute)
                    .map_err(|reason| self.error(path, format!("{}: {reason}", var.text)))?;
                self.files.insert(absolute.clone(), content.clone());
                content
            }
        };
        let Some(content) = content else {
            return Ok(missing(format!(
                "file {} does not exist",
                absolute.display()
            )));
        };
        let keys: Vec<&str> = match address {
            None | Some("") => Vec::new(),
            Some(a) => a.split('.').collect(),
        };
        let keys: PropertyPath = keys.into_iter().map(str::to_owned).collect();
        Ok(match node_at(&content, &keys) {
            Some(value) => Lookup::Found {
                value: value.clone(),
                resolved: false,
            },
            None => missing(format!(
                "no property {} in {}",
                humanize(&keys),
                absolute.display()
            )),
        })
    }

    fn sls(
        &mut self,
        path: &[String],
        var: &Variable,
        address: Option<&str>,
    ) -> Result<Lookup, VariableError> {
        match address {
            Some("stage") => {
                let stage = match self.ctx.stage {
                    Some(stage) => Value::String(stage.to_owned()),
                    None => match self.property(&["provider".to_owned(), "stage".to_owned()])? {
                        Some(v) if !v.is_null() => v,
                        _ => Value::String(crate::config::validate::DEFAULT_STAGE.to_owned()),
                    },
                };
                Ok(Lookup::Found {
                    value: stage,
                    resolved: true,
                })
            }
            Some("instanceId") => Ok(Lookup::Found {
                value: Value::String(self.ctx.instance_id.to_owned()),
                resolved: true,
            }),
            _ => Err(self.error(
                path,
                format!(
                    "{}: the sls source knows only sls:stage and sls:instanceId",
                    var.text
                ),
            )),
        }
    }

    fn str_to_bool(
        &self,
        path: &[String],
        var: &Variable,
        params: &[Value],
    ) -> Result<Lookup, VariableError> {
        let input = params.first().cloned().unwrap_or(Value::Null);
        let text = match &input {
            Value::String(s) => s.trim().to_lowercase(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        match text.as_str() {
            "true" | "1" => Ok(Lookup::Found {
                value: Value::Bool(true),
                resolved: true,
            }),
            "false" | "0" => Ok(Lookup::Found {
                value: Value::Bool(false),
                resolved: true,
            }),
            _ => Err(self.error(
                path,
                format!(
                    "{}: strToBool expects \"true\", \"false\", \"0\" or \"1\", got {}",
                    var.text,
                    serde_json::to_string(&input).unwrap_or_default()
                ),
            )),
        }
    }

    /// `${aws:region}` is known locally; `${aws:accountId}` needs AWS.
    fn aws(&mut self, address: Option<&str>) -> Result<Lookup, VariableError> {
        if address == Some("region") {
            let region = match self.ctx.region {
                Some(region) => Value::String(region.to_owned()),
                None => match self.property(&["provider".to_owned(), "region".to_owned()])? {
                    Some(v) if !v.is_null() => v,
                    _ => Value::String(crate::config::validate::DEFAULT_REGION.to_owned()),
                },
            };
            return Ok(Lookup::Found {
                value: region,
                resolved: true,
            });
        }
        Ok(Lookup::Missing {
            reason: "the aws source needs AWS credentials and cannot be resolved locally"
                .to_owned(),
            hint: Some("add a fallback value, e.g. ${aws:accountId, '123456789012'}".to_owned()),
        })
    }

    /// `${param:x}`: `params.<stage>.x` > `params.default.x` of the configuration.
    fn param(&mut self, address: Option<&str>) -> Result<Lookup, VariableError> {
        let Some(name) = address.filter(|a| !a.is_empty()) else {
            return Ok(missing("the param source needs a parameter name"));
        };
        let stage = match self.ctx.stage {
            Some(stage) => stage.to_owned(),
            None => match self.property(&["provider".to_owned(), "stage".to_owned()])? {
                Some(Value::String(s)) => s,
                _ => crate::config::validate::DEFAULT_STAGE.to_owned(),
            },
        };
        for scope in [stage.as_str(), "default"] {
            let keys = ["params".to_owned(), scope.to_owned(), name.to_owned()];
            if let Some(value) = self.property(&keys)? {
                if !value.is_null() {
                    return Ok(Lookup::Found {
                        value,
                        resolved: true,
                    });
                }
            }
        }
        Ok(Lookup::Missing {
            reason: format!(
                "parameter {name} is not set in params.{stage} or params.default (dashboard parameters need \
                 AWS and the Serverless Dashboard, not available locally)"
            ),
            hint: Some(format!("set params.{stage}.{name} or params.default.{name} in serverless.yml")),
        })
    }
}

fn source_name(source: &SourceRef) -> String {
    match &source.address {
        Some(a) => format!("{}:{}", source.kind, a.text()),
        None => source.kind.clone(),
    }
}

fn needs_aws(kind: &str, var: &Variable) -> Lookup {
    Lookup::Missing {
        reason: format!("the {kind} source needs AWS and cannot be resolved locally"),
        hint: Some(format!(
            "add a fallback value for local runs, e.g. {}",
            with_fallback(&var.text)
        )),
    }
}

/// `${ssm:/x}` → `${ssm:/x, 'value'}`.
fn with_fallback(text: &str) -> String {
    match text.strip_suffix('}') {
        Some(inner) => format!("{inner}, 'value'}}"),
        None => text.to_owned(),
    }
}

/// Read a `file()` source by extension: JSON, YAML, anything else text. Ok(None): no such file.
fn read_file(path: &Path) -> Result<Option<Value>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "json" | "tfstate" => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{} is not valid JSON: {e}", path.display())),
        "yml" | "yaml" => yaml::parse(&text).map(Some).map_err(|e| format!("{} is not valid YAML: {e}", path.display())),
        "js" | "cjs" | "mjs" | "ts" => Err(format!(
            "{} is JavaScript, which lambdabox does not execute to resolve variables; use a JSON or YAML file",
            path.display()
        )),
        _ => Ok(Some(Value::String(text))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Setup {
        options: Map<String, Value>,
        env: HashMap<String, String>,
        dir: tempfile::TempDir,
        stage: Option<&'static str>,
        region: Option<&'static str>,
    }

    impl Setup {
        fn new() -> Self {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(
                dir.path().join("config.json"),
                r#"{"db": {"host": "h", "port": 5432}, "list": [1, 2], "ref": "${self:service}"}"#,
            )
            .unwrap();
            std::fs::write(
                dir.path().join("config.dev.json"),
                r#"{"CREDS": "dev-creds"}"#,
            )
            .unwrap();
            std::fs::write(
                dir.path().join("config.yml"),
                "a:\n  b: yaml\ntable: !Ref Table\n",
            )
            .unwrap();
            std::fs::write(dir.path().join("note.txt"), "plain text\n").unwrap();
            std::fs::write(dir.path().join("bad.json"), "{nope").unwrap();
            std::fs::write(dir.path().join("fn.js"), "module.exports = {}").unwrap();
            Self {
                options: Map::new(),
                env: HashMap::from([
                    ("HOME_T".into(), "/home/t".into()),
                    ("dev_URL".into(), "http://dev".into()),
                ]),
                dir,
                stage: None,
                region: None,
            }
        }

        fn opt(mut self, k: &str, v: &str) -> Self {
            self.options.insert(k.into(), json!(v));
            self
        }

        fn resolve(&self, config: Value) -> Result<Value, VariableError> {
            let ctx = Context {
                options: &self.options,
                env: &self.env,
                service_dir: self.dir.path(),
                instance_id: "inst-1",
                stage: self.stage,
                region: self.region,
            };
            resolve(config, &ctx)
        }

        /// Resolve `{"v": value}` (plus `extra` keys) and return `v`.
        fn value(&self, value: Value, extra: Value) -> Result<Value, VariableError> {
            let mut config = json!({"v": value});
            if let Value::Object(extra) = extra {
                config.as_object_mut().unwrap().extend(extra);
            }
            self.resolve(config).map(|c| c["v"].clone())
        }
    }

    fn ok(value: Value) -> Value {
        Setup::new().value(value, json!({})).unwrap()
    }

    fn err(value: Value) -> String {
        Setup::new()
            .value(value, json!({}))
            .unwrap_err()
            .to_string()
    }

    // --- opt ---

    #[test]
    fn opt_source() {
        let s = Setup::new().opt("stage", "prod");
        assert_eq!(
            s.value(json!("${opt:stage}"), json!({})).unwrap(),
            json!("prod")
        );
        assert_eq!(
            s.value(json!("${opt:}"), json!({})).unwrap(),
            json!({"stage": "prod"})
        );
    }

    #[test]
    fn opt_missing_uses_fallback_or_fails() {
        assert_eq!(ok(json!("${opt:stage, 'dev'}")), json!("dev"));
        assert_eq!(
            err(json!("${opt:stage}")),
            "v: cannot resolve ${opt:stage} (option --stage was not given, no fallback)"
        );
    }

    // --- self ---

    #[test]
    fn self_source_walks_properties() {
        let s = Setup::new();
        let extra = json!({"service": "svc", "custom": {"a": {"b": [10, 20]}}});
        assert_eq!(
            s.value(json!("${self:service}"), extra.clone()).unwrap(),
            json!("svc")
        );
        assert_eq!(
            s.value(json!("${self:custom.a}"), extra.clone()).unwrap(),
            json!({"b": [10, 20]})
        );
        assert_eq!(
            s.value(json!("${self:custom.a.b.1}"), extra.clone())
                .unwrap(),
            json!(20)
        );
        assert!(s
            .value(json!("${self:custom.nope}"), extra)
            .unwrap_err()
            .message
            .contains("no property custom.nope"));
    }

    #[test]
    fn self_root() {
        let s = Setup::new();
        let config = json!({"service": "svc", "custom": {"all": "${self:}"}});
        let e = s.resolve(config).unwrap_err();
        assert!(e.message.contains("circular reference"), "{e}");
        // `${self:}` from a place outside the root's own subtree is impossible, but as an
        // address fallback it works through `file()` content, which is not part of the root.
    }

    #[test]
    fn self_chains_and_order_independence() {
        let s = Setup::new();
        let config = json!({
            "a": "${self:b}-a",
            "b": "${self:c}-b",
            "c": "c",
        });
        assert_eq!(
            s.resolve(config).unwrap(),
            json!({"a": "c-b-a", "b": "c-b", "c": "c"})
        );
    }

    #[test]
    fn self_through_a_resolved_container() {
        let s = Setup::new();
        let config = json!({"service": "svc", "custom": "${file(./config.json)}", "v": "${self:custom.db.host}"});
        assert_eq!(s.resolve(config).unwrap()["v"], json!("h"));
    }

    // --- env ---

    #[test]
    fn env_source() {
        assert_eq!(ok(json!("${env:HOME_T}")), json!("/home/t"));
        assert_eq!(ok(json!("${env:NOPE, 'x'}")), json!("x"));
        assert_eq!(
            err(json!("${env:URL}")),
            "v: cannot resolve ${env:URL} (environment variable URL is not set, no fallback)"
        );
        assert!(err(json!("${env:}")).contains("the env source needs a variable name"));
    }

    #[test]
    fn env_of_empty_value_is_a_value() {
        let mut s = Setup::new();
        s.env.insert("EMPTY".into(), "".into());
        assert_eq!(
            s.value(json!("${env:EMPTY, 'fallback'}"), json!({}))
                .unwrap(),
            json!("")
        );
    }

    // --- file ---

    #[test]
    fn file_json_with_address() {
        assert_eq!(ok(json!("${file(./config.json):db.port}")), json!(5432));
        assert_eq!(
            ok(json!("${file(config.json):db}")),
            json!({"host": "h", "port": 5432})
        );
        assert_eq!(ok(json!("${file(./config.json):list.0}")), json!(1));
    }

    #[test]
    fn file_content_variables_are_resolved_in_the_configuration() {
        let s = Setup::new();
        let config = json!({"service": "svc", "v": "${file(./config.json)}"});
        assert_eq!(s.resolve(config).unwrap()["v"]["ref"], json!("svc"));
    }

    #[test]
    fn file_yaml_keeps_cloudformation_tags() {
        assert_eq!(ok(json!("${file(./config.yml):a.b}")), json!("yaml"));
        assert_eq!(
            ok(json!("${file(./config.yml):table}")),
            json!({"Ref": "Table"})
        );
    }

    #[test]
    fn file_other_extensions_are_text() {
        assert_eq!(ok(json!("${file(./note.txt)}")), json!("plain text\n"));
    }

    #[test]
    fn missing_file_is_no_value() {
        assert_eq!(ok(json!("${file(./missing.json):x, 'fb'}")), json!("fb"));
        assert!(err(json!("${file(./missing.json)}"))
            .contains("missing.json does not exist, no fallback"));
        assert!(err(json!("${file(./config.json):db.nope}")).contains("no property db.nope in"));
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(err(json!("${file(./bad.json)}")).contains("bad.json is not valid JSON"));
        assert!(err(json!("${file(./fn.js)}")).contains("is JavaScript"));
        assert!(err(json!("${file()}")).contains("file() needs a path"));
    }

    #[test]
    fn file_path_with_nested_variable() {
        assert_eq!(
            ok(json!("${file(./config.${opt:stage, 'dev'}.json):CREDS}")),
            json!("dev-creds")
        );
    }

    // --- sls ---

    #[test]
    fn sls_stage_precedence() {
        let mut s = Setup::new();
        assert_eq!(
            s.value(json!("${sls:stage}"), json!({})).unwrap(),
            json!("dev")
        );
        assert_eq!(
            s.value(json!("${sls:stage}"), json!({"provider": {"stage": "qa"}}))
                .unwrap(),
            json!("qa")
        );
        s.stage = Some("prod");
        assert_eq!(
            s.value(json!("${sls:stage}"), json!({"provider": {"stage": "qa"}}))
                .unwrap(),
            json!("prod")
        );
    }

    #[test]
    fn sls_stage_through_variable_provider_stage() {
        let s = Setup::new().opt("stage", "x");
        let config = json!({"provider": {"stage": "${opt:stage, 'dev'}"}, "v": "${sls:stage}"});
        assert_eq!(s.resolve(config).unwrap()["v"], json!("x"));
    }

    #[test]
    fn sls_instance_id_and_unknown_address() {
        assert_eq!(ok(json!("${sls:instanceId}")), json!("inst-1"));
        assert!(err(json!("${sls:other}")).contains("knows only sls:stage and sls:instanceId"));
    }

    // --- strToBool ---

    #[test]
    fn str_to_bool_accepts_true_false_0_1() {
        assert_eq!(ok(json!("${strToBool(true)}")), json!(true));
        assert_eq!(ok(json!("${strToBool(FALSE)}")), json!(false));
        assert_eq!(ok(json!("${strToBool(1)}")), json!(true));
        assert_eq!(ok(json!("${strToBool(0)}")), json!(false));
        assert_eq!(ok(json!("${strToBool(' True ')}")), json!(true));
        let s = Setup::new().opt("flag", "false");
        assert_eq!(
            s.value(json!("${strToBool(${opt:flag})}"), json!({}))
                .unwrap(),
            json!(false)
        );
    }

    #[test]
    fn str_to_bool_rejects_anything_else() {
        assert!(err(json!("${strToBool(yes)}"))
            .contains("strToBool expects \"true\", \"false\", \"0\" or \"1\", got \"yes\""));
        assert!(err(json!("${strToBool()}")).contains("got null"));
    }

    // --- literals ---

    #[test]
    fn literal_fallbacks_keep_their_type() {
        assert_eq!(ok(json!("${opt:n, 42}")), json!(42));
        assert_eq!(ok(json!("${opt:n, 1.5}")), json!(1.5));
        assert_eq!(ok(json!("${opt:n, true}")), json!(true));
        assert_eq!(ok(json!("${opt:n, false}")), json!(false));
        assert_eq!(ok(json!("${opt:n, null}")), json!(null));
        assert_eq!(ok(json!(r#"${opt:n, "a\tb"}"#)), json!("a\tb"));
    }

    #[test]
    fn fallback_chain_first_value_wins() {
        let mut s = Setup::new();
        s.env.insert("STAGE".into(), "from-env".into());
        let v = s
            .value(
                json!("${opt:stage, self:custom.stage, env:STAGE, 'dev'}"),
                json!({"custom": {}}),
            )
            .unwrap();
        assert_eq!(v, json!("from-env"));
        let v = s
            .value(
                json!("${opt:stage, self:custom.stage, 'dev'}"),
                json!({"custom": {"stage": "c"}}),
            )
            .unwrap();
        assert_eq!(v, json!("c"));
    }

    #[test]
    fn null_property_counts_as_missing() {
        let s = Setup::new();
        assert_eq!(
            s.value(
                json!("${self:custom.x, 'fb'}"),
                json!({"custom": {"x": null}})
            )
            .unwrap(),
            json!("fb")
        );
    }

    #[test]
    fn all_sources_missing_lists_every_reason() {
        let e = err(json!("${opt:a, env:B}"));
        assert_eq!(
            e,
            "v: cannot resolve ${opt:a, env:B} (option --a was not given; environment variable B is not set; no fallback has a value)"
        );
    }

    // --- types ---

    #[test]
    fn whole_value_keeps_type() {
        let s = Setup::new();
        let extra = json!({"custom": {"n": 3, "b": true, "o": {"k": "v"}, "l": [1]}});
        assert_eq!(
            s.value(json!("${self:custom.n}"), extra.clone()).unwrap(),
            json!(3)
        );
        assert_eq!(
            s.value(json!("${self:custom.b}"), extra.clone()).unwrap(),
            json!(true)
        );
        assert_eq!(
            s.value(json!("${self:custom.o}"), extra.clone()).unwrap(),
            json!({"k": "v"})
        );
        assert_eq!(
            s.value(json!("${self:custom.l}"), extra).unwrap(),
            json!([1])
        );
    }

    #[test]
    fn embedded_scalars_become_text() {
        let s = Setup::new();
        let extra = json!({"custom": {"n": 3, "b": true, "f": 1.25}});
        let v = s
            .value(
                json!("n=${self:custom.n} b=${self:custom.b} f=${self:custom.f}"),
                extra,
            )
            .unwrap();
        assert_eq!(v, json!("n=3 b=true f=1.25"));
    }

    #[test]
    fn embedded_object_is_an_error() {
        let s = Setup::new();
        let e = s
            .value(json!("x-${self:custom}"), json!({"custom": {"a": 1}}))
            .unwrap_err();
        assert_eq!(e.path, "v");
        assert!(
            e.message.starts_with(
                "${self:custom} resolves to a mapping, but a variable inside a longer string"
            ),
            "{e}"
        );
        let e = s
            .value(json!("x-${self:custom.a}"), json!({"custom": {"a": null}}))
            .unwrap_err();
        assert!(e.message.contains("cannot resolve"), "{e}");
    }

    #[test]
    fn variables_inside_lists_and_nested_mappings() {
        let s = Setup::new().opt("stage", "p");
        let config = json!({"a": [{"b": ["${opt:stage}", "x-${opt:stage}"]}]});
        assert_eq!(
            s.resolve(config).unwrap(),
            json!({"a": [{"b": ["p", "x-p"]}]})
        );
    }

    #[test]
    fn non_string_values_are_untouched() {
        let config = json!({"a": 1, "b": null, "c": [true, 2.5], "d": {}});
        assert_eq!(Setup::new().resolve(config.clone()).unwrap(), config);
    }

    // --- nesting ---

    #[test]
    fn nested_in_address() {
        let s = Setup::new().opt("stage", "dev");
        assert_eq!(
            s.value(json!("${env:${opt:stage}_URL}"), json!({}))
                .unwrap(),
            json!("http://dev")
        );
    }

    #[test]
    fn nested_self_in_self_address() {
        let s = Setup::new();
        let extra = json!({"custom": {"which": "b", "vals": {"a": 1, "b": 2}}});
        assert_eq!(
            s.value(json!("${self:custom.vals.${self:custom.which}}"), extra)
                .unwrap(),
            json!(2)
        );
    }

    #[test]
    fn nested_fallback_variable_in_params() {
        let s = Setup::new();
        assert_eq!(
            s.value(
                json!("${file(./config.${opt:stage, self:custom.s}.json):CREDS}"),
                json!({"custom": {"s": "dev"}})
            )
            .unwrap(),
            json!("dev-creds")
        );
    }

    // --- re-resolution ---

    #[test]
    fn resolved_strings_are_resolved_again() {
        let mut s = Setup::new();
        s.env.insert("INDIRECT".into(), "${self:custom.x}".into());
        assert_eq!(
            s.value(json!("${env:INDIRECT}"), json!({"custom": {"x": "deep"}}))
                .unwrap(),
            json!("deep")
        );
    }

    #[test]
    fn concatenated_results_are_not_resolved_again() {
        let mut s = Setup::new();
        s.env.insert("TEXT".into(), "${opt:zzz}".into());
        assert_eq!(
            s.value(json!("pre-${env:TEXT}"), json!({})).unwrap(),
            json!("pre-${opt:zzz}")
        );
    }

    #[test]
    fn self_values_are_final() {
        let s = Setup::new();
        let config = json!({"custom": {"raw": "\\${opt:x}"}, "v": "${self:custom.raw}"});
        let out = s.resolve(config).unwrap();
        assert_eq!(out["v"], json!("${opt:x}"));
        assert_eq!(out["custom"]["raw"], json!("${opt:x}"));
    }

    #[test]
    fn endless_re_resolution_is_reported() {
        let mut s = Setup::new();
        s.env.insert("LOOP".into(), "${env:LOOP}".into());
        let e = s.value(json!("${env:LOOP}"), json!({})).unwrap_err();
        assert!(
            e.message.contains("keeps resolving to more variables"),
            "{e}"
        );
    }

    // --- escapes and foreign text ---

    #[test]
    fn escaped_variables_stay_literal() {
        assert_eq!(ok(json!("\\${opt:stage}")), json!("${opt:stage}"));
        assert_eq!(
            ok(json!("a \\${self:x} ${opt:s, 'b'}")),
            json!("a ${self:x} b")
        );
    }

    #[test]
    fn cloudformation_text_is_left_alone() {
        assert_eq!(ok(json!("${AWS::Region}")), json!("${AWS::Region}"));
        let s = Setup::new();
        let v = s.value(
            json!({"Fn::Sub": "arn:aws:s3:::${AWS::AccountId}-${self:service}"}),
            json!({"service": "svc"}),
        );
        assert_eq!(
            v.unwrap(),
            json!({"Fn::Sub": "arn:aws:s3:::${AWS::AccountId}-svc"})
        );
    }

    // --- cycles ---

    #[test]
    fn self_reference_cycle() {
        let e = Setup::new().resolve(json!({"a": "${self:a}"})).unwrap_err();
        assert_eq!(e.to_string(), "a: circular reference: a refers to itself");
    }

    #[test]
    fn two_property_cycle() {
        let e = Setup::new()
            .resolve(json!({"a": "${self:b}", "b": "x${self:a}"}))
            .unwrap_err();
        assert_eq!(e.to_string(), "b: circular reference: a → b → a");
    }

    #[test]
    fn cycle_through_a_parent() {
        let e = Setup::new()
            .resolve(json!({"custom": {"a": 1, "b": "${self:custom}"}}))
            .unwrap_err();
        assert!(e.message.contains("circular reference: custom.b"), "{e}");
    }

    #[test]
    fn stage_cycle() {
        let e = Setup::new()
            .resolve(json!({"provider": {"stage": "${sls:stage}"}}))
            .unwrap_err();
        assert!(e.message.contains("refers to itself"), "{e}");
    }

    // --- AWS-only sources ---

    #[test]
    fn aws_only_sources_need_a_fallback() {
        for (var, kind) in [
            ("${ssm:/db/pass}", "ssm"),
            ("${cf:stack.Output}", "cf"),
            ("${s3:bucket/key}", "s3"),
        ] {
            let e = Setup::new().value(json!(var), json!({})).unwrap_err();
            assert_eq!(
                e.message,
                format!("cannot resolve {var} (the {kind} source needs AWS and cannot be resolved locally, no fallback)")
            );
            assert!(e.hint.contains(", 'value'}"), "{}", e.hint);
        }
        assert_eq!(ok(json!("${ssm:/db/pass, 'local'}")), json!("local"));
        assert_eq!(
            ok(json!("${cf:stack.Output, env:HOME_T}")),
            json!("/home/t")
        );
    }

    #[test]
    fn aws_source() {
        let mut s = Setup::new();
        assert_eq!(
            s.value(json!("${aws:region}"), json!({})).unwrap(),
            json!("us-east-1")
        );
        assert_eq!(
            s.value(
                json!("${aws:region}"),
                json!({"provider": {"region": "eu-west-1"}})
            )
            .unwrap(),
            json!("eu-west-1")
        );
        s.region = Some("ap-south-1");
        assert_eq!(
            s.value(json!("${aws:region}"), json!({})).unwrap(),
            json!("ap-south-1")
        );
        assert!(s
            .value(json!("${aws:accountId}"), json!({}))
            .unwrap_err()
            .message
            .contains("needs AWS credentials"));
        assert_eq!(
            s.value(json!("${aws:accountId, '1'}"), json!({})).unwrap(),
            json!("1")
        );
    }

    #[test]
    fn param_source_reads_params_by_stage() {
        let mut s = Setup::new();
        let extra = json!({"params": {"prod": {"domain": "prod.com"}, "default": {"domain": "dev.com", "x": 1}}});
        assert_eq!(
            s.value(json!("${param:domain}"), extra.clone()).unwrap(),
            json!("dev.com")
        );
        s.stage = Some("prod");
        assert_eq!(
            s.value(json!("${param:domain}"), extra.clone()).unwrap(),
            json!("prod.com")
        );
        assert_eq!(
            s.value(json!("${param:x}"), extra.clone()).unwrap(),
            json!(1)
        );
        let e = s.value(json!("${param:nope}"), extra).unwrap_err();
        assert!(
            e.message
                .contains("parameter nope is not set in params.prod or params.default"),
            "{e}"
        );
    }

    #[test]
    fn unknown_source_is_an_error() {
        let e = err(json!("${vault:secret}"));
        assert_eq!(
            e,
            "v: ${vault:secret}: unsupported variable source \"vault\""
        );
    }

    // --- errors name the property path ---

    #[test]
    fn errors_name_the_property_path() {
        let e = Setup::new()
            .resolve(json!({"functions": {"hello": {"environment": {"URL": "${env:URL}"}}}}))
            .unwrap_err();
        assert_eq!(e.to_string(), "functions.hello.environment.URL: cannot resolve ${env:URL} (environment variable URL is not set, no fallback)");
        let e = Setup::new()
            .resolve(json!({"list": ["ok", "${opt:x"]}))
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("list.1: invalid variable syntax: missing closing `}`"),
            "{e}"
        );
    }

    #[test]
    fn error_in_a_dependency_names_the_dependency() {
        let e = Setup::new()
            .resolve(json!({"a": "${self:b}", "b": "${env:NOPE}"}))
            .unwrap_err();
        assert_eq!(e.path, "b");
    }

    #[test]
    fn syntax_error_in_a_resolved_value() {
        let mut s = Setup::new();
        s.env.insert("BAD".into(), "${opt:".into());
        let e = s.value(json!("${env:BAD}"), json!({})).unwrap_err();
        assert!(
            e.message
                .starts_with("invalid variable syntax in the resolved value"),
            "{e}"
        );
    }

    #[test]
    fn address_resolving_to_an_object_is_an_error() {
        let s = Setup::new();
        let e = s
            .value(json!("${env:${self:custom}}"), json!({"custom": {"a": 1}}))
            .unwrap_err();
        assert!(
            e.message.contains("the address resolves to a mapping"),
            "{e}"
        );
    }
}
