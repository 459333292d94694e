//! Golden tests of serverless.yml loading: every `tests/fixtures/config/<case>/serverless.yml` is
//! loaded with the CLI options of `options.json` and exactly the environment of `env.json` (both
//! optional); the result must equal `resolved.json`, or the error must equal `expected.err`.
//! Re-bless with `BLESS=1 cargo test --test it config_golden`.

use lambdabox::config::{self, LoadOptions};
use lambdabox::exit::UsageError;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config")
}

fn read_json(path: &Path) -> Option<Value> {
    std::fs::read_to_string(path)
        .ok()
        .map(|t| serde_json::from_str(&t).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// What a case produces: the resolved configuration and the validated functions, or the error.
fn run_case(dir: &Path) -> Result<String, String> {
    let options: Map<String, Value> = read_json(&dir.join("options.json"))
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    let env: HashMap<String, String> = read_json(&dir.join("env.json"))
        .map(|v| serde_json::from_value(v).expect("env.json maps names to strings"))
        .unwrap_or_default();
    let text_option = |name: &str| options.get(name).and_then(Value::as_str).map(str::to_owned);
    let opts = LoadOptions {
        config: None,
        cwd: dir.to_path_buf(),
        stage: text_option("stage"),
        region: text_option("region"),
        options: options.clone(),
        env,
        instance_id: "golden-instance-id".to_owned(),
    };
    let redact = |s: &str| s.replace(&dir.display().to_string(), "<case>");
    match config::load(&opts) {
        Ok(service) => {
            let functions: Map<String, Value> = service
                .functions
                .iter()
                .map(|(key, f)| {
                    let summary = json!({
                        "name": f.name,
                        "handler": f.handler,
                        "runtime": f.runtime,
                        "memorySize": f.memory_size,
                        "timeoutSecs": f.timeout.as_secs_f64(),
                        "environment": f.environment,
                        "environmentErrors": f.environment_errors.values().collect::<Vec<_>>(),
                        "artifact": f.artifact.as_ref().map(|a| redact(&a.display().to_string())),
                        "image": f.image,
                    });
                    (key.clone(), summary)
                })
                .collect();
            let out = json!({
                "service": service.name,
                "stage": service.stage,
                "region": service.region,
                "functions": functions,
                "resolved": service.resolved,
            });
            let text = serde_json::to_vec(&out).unwrap();
            Ok(lambdabox::output::pretty_json(&text).unwrap() + "\n")
        }
        Err(err) => {
            let usage = err
                .downcast_ref::<UsageError>()
                .unwrap_or_else(|| panic!("not a usage error: {err:#}"));
            let mut text = format!("error: {}\n", usage.message);
            for hint in &usage.hints {
                text.push_str(&format!("hint: {hint}\n"));
            }
            Err(redact(&text))
        }
    }
}

#[test]
fn config_golden() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("serverless.yml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "golden cases missing");
    let mut failures = Vec::new();
    for dir in &cases {
        let (resolved_file, err_file) = (dir.join("resolved.json"), dir.join("expected.err"));
        let (actual, expected_file, stale_file) = match run_case(dir) {
            Ok(text) => (text, &resolved_file, &err_file),
            Err(text) => (text, &err_file, &resolved_file),
        };
        if bless {
            std::fs::write(expected_file, &actual).unwrap();
            let _ = std::fs::remove_file(stale_file);
            continue;
        }
        match std::fs::read_to_string(expected_file) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{}: differs from {}\n--- expected\n{expected}\n--- actual\n{actual}",
                dir.display(),
                expected_file.display()
            )),
            Err(_) => failures.push(format!(
                "{}: no {} (got:\n{actual})",
                dir.display(),
                expected_file.display()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) failed (re-bless with BLESS=1):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
