//! CLI transcripts (exit code + stdout + stderr) as insta snapshots, with paths redacted.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config")
}

/// Run lambdabox in `cwd` with a clean environment (plus `env`) and an empty stdin.
fn run_in(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .args(args)
        .current_dir(cwd)
        .env_clear()
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("running lambdabox");
    let code = output.status.code().unwrap_or(-1);
    let transcript = format!(
        "exit code: {code}\n----- stdout -----\n{}----- stderr -----\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let transcript = transcript
        .replace(&fixtures().display().to_string(), "[FIXTURES]")
        .replace(&std::env::temp_dir().display().to_string(), "[TEMP]");
    (code, transcript)
}

fn run(args: &[&str]) -> (i32, String) {
    run_in(&fixtures().join("cli-service"), args, &[])
}

macro_rules! transcript {
    ($name:literal, $expected_code:expr, $args:expr) => {{
        let (code, transcript) = run($args);
        insta::assert_snapshot!($name, transcript);
        assert_eq!(code, $expected_code, "{transcript}");
    }};
}

#[test]
fn help() {
    transcript!("help", 0, &["--help"]);
    transcript!("help_invoke", 0, &["invoke", "--help"]);
    transcript!("help_invoke_local", 0, &["invoke", "local", "--help"]);
    transcript!("help_print", 0, &["print", "--help"]);
    transcript!("help_completions", 0, &["completions", "--help"]);
}

#[test]
fn print_resolved_service() {
    transcript!("print_yaml", 0, &["print"]);
    transcript!(
        "print_json_prod",
        0,
        &["print", "--format", "json", "--stage", "prod"]
    );
}

#[test]
fn print_every_variable_form() {
    let dir = fixtures().join("every-variable-form");
    let env = [
        ("APP_SECRET", "s3cr3t"),
        ("prod_DATABASE_URL", "postgres://prod"),
        ("DEBUG_FLAG", "TRUE"),
        ("DOTENV_VALUE", "the host wins"),
    ];
    let (code, transcript) = run_in(&dir, &["print", "--stage", "prod"], &env);
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"INSTANCE_ID: [0-9a-f]{32}", "INSTANCE_ID: [INSTANCE_ID]");
    settings.bind(|| insta::assert_snapshot!("print_every_variable_form", transcript));
    assert_eq!(code, 0, "{transcript}");
}

#[test]
fn usage_errors_from_the_command_line() {
    transcript!("err_no_arguments", 2, &[]);
    transcript!("err_unknown_command", 2, &["frobnicate"]);
    transcript!("err_invoke_without_function", 2, &["invoke"]);
    transcript!("err_invoke_local_without_function", 2, &["invoke", "local"]);
    transcript!(
        "err_unknown_flag",
        2,
        &["invoke", "local", "-f", "hello", "--bogus"]
    );
    transcript!(
        "err_bad_invocation_type",
        2,
        &["invoke", "-f", "hello", "-t", "Sync"]
    );
    transcript!(
        "err_seed_without_deterministic",
        2,
        &["invoke", "local", "-f", "hello", "--seed", "1"]
    );
    transcript!("err_bad_print_format", 2, &["print", "--format", "xml"]);
    transcript!("err_bad_shell", 2, &["completions", "cmd"]);
}

#[test]
fn usage_errors_from_the_invocation_input() {
    transcript!(
        "err_unknown_function",
        2,
        &["invoke", "local", "-f", "nope"]
    );
    transcript!("err_unknown_function_remote", 2, &["invoke", "-f", "nope"]);
    transcript!(
        "err_missing_event_file",
        2,
        &["invoke", "local", "-f", "hello", "-p", "missing.json"]
    );
    transcript!(
        "err_missing_context_file",
        2,
        &["invoke", "local", "-f", "hello", "-x", "missing.json"]
    );
    transcript!(
        "err_malformed_context",
        2,
        &["invoke", "local", "-f", "hello", "-c", "{bad"]
    );
    transcript!(
        "err_env_without_equals",
        2,
        &["invoke", "local", "-f", "hello", "-e", "NOVALUE"]
    );
    transcript!(
        "err_bad_mount",
        2,
        &["invoke", "local", "-f", "hello", "--mount", "nowhere"]
    );
    transcript!(
        "err_function_without_runtime",
        2,
        &["invoke", "local", "-f", "bare"]
    );
    transcript!(
        "err_image_function",
        2,
        &["invoke", "local", "-f", "container"]
    );
    transcript!(
        "err_cloudformation_env",
        2,
        &["invoke", "local", "-f", "cfn"]
    );
    let big = format!("{{\"k\": \"{}\"}}", "x".repeat(3000));
    transcript!(
        "err_client_context_too_big",
        2,
        &["invoke", "-f", "hello", "--context", &big]
    );
}

#[test]
fn usage_errors_from_the_configuration() {
    let (code, transcript) = run_in(&std::env::temp_dir(), &["print"], &[]);
    insta::assert_snapshot!("err_no_config_file", transcript);
    assert_eq!(code, 2);
    transcript!(
        "err_config_not_found",
        2,
        &["print", "--config", "missing.yml"]
    );
    transcript!(
        "err_bad_yaml",
        2,
        &["print", "--config", "../err-bad-yaml/serverless.yml"]
    );
    transcript!(
        "err_unresolvable_variable",
        2,
        &["print", "--config", "../err-env-missing/serverless.yml"]
    );
    transcript!(
        "err_cycle",
        2,
        &["print", "--config", "../err-cycle/serverless.yml"]
    );
    transcript!(
        "err_aws_only_source",
        2,
        &["print", "--config", "../err-ssm-no-fallback/serverless.yml"]
    );
}

#[test]
fn bad_source_date_epoch() {
    let (code, transcript) = run_in(
        &fixtures().join("cli-service"),
        &["invoke", "local", "-f", "hello", "--deterministic"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    insta::assert_snapshot!("err_bad_source_date_epoch", transcript);
    assert_eq!(code, 2);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, transcript) = run(&["completions", shell]);
        assert_eq!(code, 0, "{transcript}");
        assert!(transcript.contains("lambdabox"), "{shell}");
        assert!(
            transcript.contains("contextPath"),
            "{shell}: flags are listed"
        );
    }
}

#[test]
fn options_given_on_the_command_line_feed_opt_variables() {
    let (code, transcript) = run(&["print", "--format", "json", "--stage", "qa"]);
    assert_eq!(code, 0, "{transcript}");
    assert!(transcript.contains("\"stage\": \"qa\""), "{transcript}");
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    // More output than a pipe buffers, so the write meets the closed pipe for certain.
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(256 * 1024);
    std::fs::write(
        dir.path().join("serverless.yml"),
        format!("service: big\nprovider:\n  name: aws\ncustom:\n  blob: {big}\n"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambdabox"))
        .arg("print")
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(141));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
