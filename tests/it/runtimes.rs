//! Scenarios every runtime must pass, run through the real binary (`runtime_test!` lists the
//! runtimes that have fixtures for a scenario; add yours to the list).

use crate::harness::{copy_fixture, fixture, invoke, lambdabox, Run, HOST_SECRET};
use crate::runtime_test;
use serde_json::json;
use std::time::{Duration, Instant};

runtime_test!(
    returns_the_result_as_indented_json,
    [node, python, ruby, java],
    |rt| {
        let run = invoke(&fixture(rt, "result"), &["-d", r#"{"name": "lambdabox"}"#]);
        run.assert_code(0);
        assert_eq!(
            run.json(),
            json!({"ok": true, "got": {"name": "lambdabox"}, "list": [1, "two", null]})
        );
        assert!(
            run.stdout.contains("\n    \"ok\": true"),
            "4-space indent:\n{}",
            run.stdout
        );
    }
);

runtime_test!(
    a_thrown_error_is_a_function_error,
    [node, python, ruby, java],
    |rt| {
        let run = invoke(&fixture(rt, "error"), &[]);
        run.assert_code(1);
        let doc = run.json();
        assert_eq!(doc["errorType"], "TypeError");
        assert_eq!(doc["errorMessage"], "the thing was not a thing");
        let trace = doc["stackTrace"].as_array().unwrap();
        // The handler's own frame, in its runtime's shape: Lambda's Java runtime prints
        // `Class.method(File.java:N)`, the others a path under /var/task.
        let handler_frame = |line: &str| match rt {
            "java" => line.starts_with("Handler.handleRequest(Handler.java:"),
            _ => line.contains("/var/task/handler"),
        };
        assert!(
            trace.iter().any(|l| handler_frame(l.as_str().unwrap())),
            "{trace:?}"
        );
    }
);

runtime_test!(
    the_context_has_lambdas_fields,
    [node, python, ruby, java],
    |rt| {
        let run = invoke(&fixture(rt, "context"), &[]);
        run.assert_code(0);
        let doc = run.json();
        assert_eq!(doc["functionName"], format!("{rt}-context-dev-fn"));
        assert_eq!(doc["functionVersion"], "$LATEST");
        let arn = doc["invokedFunctionArn"].as_str().unwrap();
        assert!(
            arn.starts_with("arn:aws:lambda:eu-west-1:")
                && arn.ends_with(&format!(":function:{rt}-context-dev-fn")),
            "{arn}"
        );
        assert_eq!(doc["memoryLimitInMB"], "256");
        assert_eq!(
            doc["logGroupName"],
            format!("/aws/lambda/{rt}-context-dev-fn")
        );
        assert_eq!(doc["logStreamName"], "string");
        assert_eq!(doc["remaining"], true);
        assert_eq!(doc["awsRequestId"].as_str().unwrap().len(), 36);
    }
);

runtime_test!(logs_go_to_stderr_only, [node, python, ruby, java], |rt| {
    let run = invoke(&fixture(rt, "logs"), &[]);
    run.assert_code(0);
    assert_eq!(run.json(), json!("the result"));
    assert!(!run.stdout.contains("log line"), "{}", run.stdout);
    assert!(
        run.stderr.contains("log line from console.log"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("log line from console.error"),
        "{}",
        run.stderr
    );
});

runtime_test!(
    the_environment_is_lambdas_and_never_the_hosts,
    [node, python, ruby, java],
    |rt| {
        let run = invoke(&fixture(rt, "env"), &[]);
        run.assert_code(0);
        assert_eq!(
            run.json(),
            json!({
                "AWS_LAMBDA_FUNCTION_NAME": format!("{rt}-env-dev-fn"),
                "AWS_REGION": "us-east-1",
                "LAMBDA_TASK_ROOT": "/var/task",
                "IS_LOCAL": "true",
                "FROM_PROVIDER": "provider",
                "OVERRIDDEN": "function",
                "hostSecret": "absent",
                "hostPath": "absent",
                "hostHome": "absent",
            })
        );
        assert!(!run.stdout.contains("this must not leak") && std::env::var(HOST_SECRET).is_err());
    }
);

runtime_test!(
    an_endless_loop_times_out,
    [node, python, ruby, java],
    |rt| {
        let started = std::time::Instant::now();
        let run = invoke(&fixture(rt, "timeout"), &[]);
        run.assert_code(1);
        assert_eq!(
            run.json()["errorMessage"],
            "Task timed out after 1.00 seconds"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{:?}",
            started.elapsed()
        );
    }
);

runtime_test!(
    a_memory_bomb_fails_at_memory_size,
    [node, python, ruby, java],
    |rt| {
        let run = invoke(&fixture(rt, "memory"), &[]);
        run.assert_code(1);
        let doc = run.json();
        let text = format!("{} {}", doc["errorType"], doc["errorMessage"]).to_lowercase();
        assert!(text.contains("memory"), "{doc}");
    }
);

runtime_test!(
    deep_recursion_is_a_function_error,
    [node, python, ruby, java],
    |rt| {
        let run = invoke(&fixture(rt, "recursion"), &[]);
        run.assert_code(1);
        let doc = run.json();
        // Each language's own error, as its native runtime raises it.
        let (error_type, message) = match rt {
            "node" => ("RangeError", "Maximum call stack size exceeded"),
            "python" => ("RecursionError", "maximum recursion depth exceeded"),
            "ruby" => ("SystemStackError", "stack level too deep"),
            "java" => ("java.lang.StackOverflowError", ""),
            other => panic!("no expectation for {other}"),
        };
        assert_eq!(doc["errorType"], error_type, "{doc}");
        assert!(
            doc["errorMessage"]
                .as_str()
                .unwrap_or("")
                .starts_with(message),
            "{doc}"
        );
        // QuickJS records no frames for a stack overflow (node prints the repeated frame).
        let frames = doc["stackTrace"].as_array().expect("a stackTrace array");
        assert_eq!(frames.is_empty(), rt == "node", "{doc}");
    }
);

runtime_test!(
    the_sandbox_cannot_be_escaped,
    [node, python, ruby, java],
    |rt| {
        let service = copy_fixture(rt, "escape");
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(outside.path(), "host secret file").unwrap();
        std::os::unix::fs::symlink(outside.path(), service.path().join("outside-link")).unwrap();
        let run = invoke(service.path(), &[]);
        run.assert_code(0);
        let doc = run.json();
        for (attempt, how) in doc.as_object().unwrap() {
            if attempt == "readOwnCode" {
                assert_eq!(how, "ok");
            } else {
                assert!(
                    !how.as_str().unwrap().starts_with("ALLOWED"),
                    "{attempt}: {how}"
                );
            }
        }
        assert!(!service.path().join("pwned.txt").exists());
        assert!(!run.stdout.contains("host secret file") && !run.stdout.contains("root:"));
    }
);

runtime_test!(
    tmp_is_writable_and_fresh_every_time,
    [node, python, ruby, java],
    |rt| {
        for _ in 0..2 {
            let run = invoke(&fixture(rt, "tmp"), &[]);
            run.assert_code(0);
            assert_eq!(
                run.json(),
                json!({"before": [], "readBack": "written in /tmp", "after": ["nested", "scratch.txt"]})
            );
        }
    }
);

runtime_test!(
    deterministic_runs_print_identical_bytes,
    [node, python, ruby, java],
    |rt| {
        let dir = fixture(rt, "deterministic");
        let first = invoke(&dir, &["--deterministic"]);
        first.assert_code(0);
        let second = invoke(&dir, &["--deterministic"]);
        assert_eq!(first.stdout, second.stdout);
        assert_eq!(first.stderr, second.stderr);
        let doc = first.json();
        assert_eq!(doc["start"], "2000-01-01T00:00:00.000Z");
        assert_eq!(doc["waited"], 1500, "timers advance the virtual clock");
        assert_eq!(
            doc["remaining"], 4500,
            "remaining time follows the virtual clock"
        );
        let other = invoke(&dir, &["--deterministic", "--seed", "7"]).json();
        // The seed drives every random source (Math.random included) and the request id.
        assert_ne!(other["random"], doc["random"]);
        assert_ne!(other["uuid"], doc["uuid"]);
        assert_ne!(other["bytes"], doc["bytes"]);
        assert_ne!(other["requestId"], doc["requestId"]);
    }
);

runtime_test!(
    runs_the_unzipped_package_artifact,
    [node, python, ruby, java],
    |rt| {
        use std::io::Write as _;
        let service = copy_fixture(rt, "artifact");
        // Scripts are packed under lib/; Java's compiled classes at the root, as in a jar. The
        // loose copies are removed so only the archive can answer.
        let (packed_dir, prefix) = match rt {
            "java" => (service.path().to_path_buf(), ""),
            _ => (service.path().join("src"), "lib/"),
        };
        let mut packed = Vec::new();
        for entry in std::fs::read_dir(&packed_dir).unwrap() {
            let path = entry.unwrap().path();
            if rt != "java" || path.extension().is_some_and(|x| x == "class") {
                packed.push(path);
            }
        }
        std::fs::create_dir_all(service.path().join("build")).unwrap();
        let zip_file = std::fs::File::create(service.path().join("build/package.zip")).unwrap();
        let mut zip = zip::ZipWriter::new(zip_file);
        let mut names = Vec::new();
        for path in &packed {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            zip.start_file(
                format!("{prefix}{name}"),
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            zip.write_all(&std::fs::read(path).unwrap()).unwrap();
            std::fs::remove_file(path).unwrap();
            names.push(name);
        }
        zip.finish().unwrap();
        let task_root = match rt {
            "java" => {
                names.sort();
                names
            }
            _ => vec!["lib".to_owned()],
        };
        let run = invoke(service.path(), &[]);
        run.assert_code(0);
        assert_eq!(
            run.json(),
            json!({"from": "artifact", "taskRoot": task_root})
        );
    }
);

runtime_test!(
    mounts_add_host_directories_read_only_or_writable,
    [node, python, ruby, java],
    |rt| {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("input.txt"), "mounted input").unwrap();
        let out = tempfile::tempdir().unwrap();
        let ro = format!("{}::/data", data.path().display());
        let rw = format!("{}::/out:rw", out.path().display());
        let run = invoke(&fixture(rt, "mount"), &["--mount", &ro, "--mount", &rw]);
        run.assert_code(0);
        let doc = run.json();
        assert_eq!(doc["read"], "mounted input");
        assert_ne!(doc["writeReadOnly"], "written");
        assert_eq!(doc["writeReadWrite"], "written");
        assert!(!data.path().join("nope.txt").exists());
        assert_eq!(
            std::fs::read_to_string(out.path().join("result.txt")).unwrap(),
            "from the sandbox"
        );
    }
);

/// `invoke local -f FUNCTION -d {"seconds": S} [extra…]` on the `<rt>-sleep` fixture, timed.
fn sleep_run(rt: &str, function: &str, seconds: f64, extra: &[&str]) -> (Run, Duration) {
    let event = json!({ "seconds": seconds }).to_string();
    let mut args = vec!["invoke", "local", "-f", function, "-d", &event];
    args.extend_from_slice(extra);
    let started = Instant::now();
    let run = lambdabox(&fixture(rt, "sleep"), &args);
    (run, started.elapsed())
}

runtime_test!(
    deterministic_sleep_advances_the_clock_without_waiting,
    [node, python, ruby, java],
    |rt| {
        let (run, took) = sleep_run(rt, "fn", 8.0, &["--deterministic"]);
        run.assert_code(0);
        assert_eq!(run.json(), json!({"wallMs": 8000, "monoMs": 8000}));
        // Start-up included, well under the 8 s a real sleep would take.
        assert!(took < Duration::from_millis(7200), "{took:?}");
    }
);

runtime_test!(
    deterministic_sleep_past_the_timeout_times_out,
    [node, python, ruby, java],
    |rt| {
        let (run, took) = sleep_run(rt, "fn", 12.0, &["--deterministic"]);
        run.assert_code(1);
        assert_eq!(
            run.json()["errorMessage"],
            "Task timed out after 10.00 seconds"
        );
        assert!(took < Duration::from_secs(9), "{took:?}");
    }
);

runtime_test!(
    a_real_sleep_waits_but_never_past_the_timeout,
    [node, python, ruby, java],
    |rt| {
        let (run, took) = sleep_run(rt, "short", 0.3, &[]);
        run.assert_code(0);
        let doc = run.json();
        for clock in ["wallMs", "monoMs"] {
            let ms = doc[clock].as_i64().unwrap();
            assert!((300..1000).contains(&ms), "{clock}: {doc}");
        }
        assert!(took >= Duration::from_millis(300), "{took:?}");

        let (run, took) = sleep_run(rt, "short", 60.0, &[]);
        run.assert_code(1);
        assert_eq!(
            run.json()["errorMessage"],
            "Task timed out after 1.00 seconds"
        );
        assert!(took < Duration::from_secs(20), "{took:?}");
    }
);
