//! Handler loading, invocation semantics, context and error reporting, run natively
//! against a recording host. (The differential corpus in node_diff.rs covers the cases
//! that real `node` can confirm; these cover what it cannot.)

mod support;

use serde_json::json;
use support::{context, run, run_with};

#[test]
fn async_handler_result_is_the_payload() {
    let r = run(
        &[(
            "handler.js",
            "exports.hello = async (event) => ({ got: event.x, n: 1 });",
        )],
        "handler.hello",
        r#"{"x": 42}"#,
    );
    assert_eq!(r.ok(), json!({"got": 42, "n": 1}));
}

#[test]
fn undefined_and_falsy_results_are_printed() {
    for (body, expected) in [
        ("undefined", json!(null)),
        ("0", json!(0)),
        ("''", json!("")),
        ("false", json!(false)),
    ] {
        let src = format!("exports.h = async () => {body};");
        let r = run(&[("i.js", &src)], "i.h", "{}");
        assert_eq!(r.ok(), expected, "{body}");
    }
}

#[test]
fn warm_instance_keeps_module_state_between_invocations() {
    let runs = run_with(
        &[("i.js", "let n = 0; exports.h = async () => ++n;")],
        "i.h",
        &["{}", "{}", "{}"],
        context(),
    );
    let results: Vec<_> = runs.iter().map(|r| r.ok()).collect();
    assert_eq!(results, [json!(1), json!(2), json!(3)]);
}

#[test]
fn timers_left_by_a_no_wait_callback_run_in_the_next_invocation() {
    let src = "let fired = 0;
        exports.h = (e, ctx, cb) => {
          ctx.callbackWaitsForEmptyEventLoop = false;
          setTimeout(() => fired++, 1);
          cb(null, fired);
        };";
    let runs = run_with(&[("i.js", src)], "i.h", &["{}", "{}"], context());
    assert_eq!(runs[0].ok(), json!(0));
    // The first invocation's timer fires while the second one waits for its own.
    let second = runs[1].ok();
    assert!(second == json!(0) || second == json!(1), "{second}");
}

#[test]
fn each_console_call_is_one_log_line_with_util_format() {
    let src = "exports.h = async () => { console.log('a %s %d', 'b', 7, { k: [1] }); console.error('multi\\nline'); process.stdout.write('part'); process.stdout.write('ial\\n'); process.stderr.write('unterminated'); };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    r.ok();
    assert_eq!(
        r.logs,
        "a b 7 { k: [ 1 ] }\nmulti\nline\npartial\nunterminated\n"
    );
}

#[test]
fn context_has_the_lambda_fields_and_merges_user_context() {
    let mut ctx = context();
    ctx.user_context = Some(r#"{"tenant":"t1","functionVersion":"7"}"#.into());
    ctx.client_context = Some(r#"{"client":{"app":"x"}}"#.into());
    ctx.identity = Some(r#"{"cognitoIdentityId":"id-1"}"#.into());
    let src = "exports.h = async (e, c) => ({ id: c.awsRequestId, name: c.functionName, version: c.functionVersion,
        arn: c.invokedFunctionArn, mem: c.memoryLimitInMB, group: c.logGroupName, stream: c.logStreamName,
        cc: c.clientContext, identity: c.identity, tenant: c.tenant, left: c.getRemainingTimeInMillis(),
        waits: c.callbackWaitsForEmptyEventLoop });";
    let r = run_with(&[("i.js", src)], "i.h", &["{}"], ctx)
        .pop()
        .unwrap();
    assert_eq!(
        r.ok(),
        json!({"id": "req-1", "name": "svc-dev-fn", "version": "7",
            "arn": "arn:aws:lambda:us-east-1:123456789012:function:svc-dev-fn", "mem": "1024",
            "group": "/aws/lambda/svc-dev-fn", "stream": "2026/01/01/[$LATEST]abc",
            "cc": {"client": {"app": "x"}}, "identity": {"cognitoIdentityId": "id-1"},
            "tenant": "t1", "left": 6000, "waits": true})
    );
}

#[test]
fn thrown_errors_report_name_message_and_file_frames() {
    let src =
        "class NotFound extends Error { constructor(m) { super(m); this.name = 'NotFound'; } }\n\
               exports.h = async () => { lookup(); };\n\
               function lookup() { throw new NotFound('no such item'); }";
    let r = run(&[("lib/i.js", src)], "lib/i.h", "{}");
    let e = r.err();
    assert_eq!(e.error_type, "NotFound");
    assert_eq!(e.error_message, "no such item");
    assert_eq!(e.stack_trace[0], "NotFound: no such item");
    let frame = e
        .stack_trace
        .iter()
        .find(|l| l.starts_with("    at lookup ("))
        .expect("a lookup frame");
    assert!(frame.contains("/lib/i.js:3:"), "{:?}", e.stack_trace);
}

#[test]
fn thrown_non_errors_are_reported_by_type() {
    for (value, ty, msg) in [
        ("'text'", "string", "text"),
        ("42", "number", "42"),
        ("{a:1}", "object", "[object Object]"),
    ] {
        let src = format!("exports.h = async () => {{ throw {value}; }};");
        let r = run(&[("i.js", &src)], "i.h", "{}");
        let e = r.err();
        assert_eq!((e.error_type.as_str(), e.error_message.as_str()), (ty, msg));
        assert!(e.stack_trace.is_empty());
    }
}

#[test]
fn context_fail_without_an_argument_uses_the_runtime_placeholder() {
    let r = run(&[("i.js", "exports.h = (e, c) => c.fail();")], "i.h", "{}");
    assert_eq!(r.err().error_message, "__emptyFailParamBackCompat");
}

#[test]
fn load_errors_use_the_runtime_error_types() {
    let cases = [
        (
            "i.js",
            "exports.h = 1;",
            "i.nope",
            "Runtime.HandlerNotFound",
            "i.nope is undefined or not exported",
        ),
        (
            "i.js",
            "exports.h = 1;",
            "i.h",
            "Runtime.HandlerNotFound",
            "i.h is not a function",
        ),
        (
            "i.js",
            "exports.h = 1;",
            "i",
            "Runtime.MalformedHandlerName",
            "Bad handler",
        ),
        (
            "i.js",
            "exports.h = 1;",
            "../i.h",
            "Runtime.MalformedHandlerName",
            "",
        ),
        (
            "i.js",
            "exports.h = async () => {",
            "i.h",
            "Runtime.UserCodeSyntaxError",
            "SyntaxError: ",
        ),
        (
            "i.js",
            "require('./missing-dep');",
            "i.h",
            "Runtime.ImportModuleError",
            "Error: Cannot find module './missing-dep'",
        ),
        (
            "i.mjs",
            "import './missing.mjs'; export const h = 1;",
            "i.h",
            "Runtime.ImportModuleError",
            "",
        ),
        (
            "i.mjs",
            "export const h = async () => 1; throw new Error('init failed');",
            "i.h",
            "Error",
            "init failed",
        ),
    ];
    for (file, src, handler, ty, msg) in cases {
        let r = run(&[(file, src)], handler, "{}");
        let e = r.err();
        assert_eq!(e.error_type, ty, "{handler} {src}: {e:?}");
        assert!(e.error_message.starts_with(msg), "{handler} {src}: {e:?}");
    }
}

#[test]
fn unhandled_rejection_fails_the_invocation() {
    let src = "exports.h = (e, c, cb) => { Promise.reject(new TypeError('lost')); setTimeout(() => cb(null, 1), 5); };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    let e = r.err();
    assert_eq!(e.error_type, "Runtime.UnhandledPromiseRejection");
    assert_eq!(e.error_message, "TypeError: lost");
}

#[test]
fn process_unhandled_rejection_listener_keeps_the_invocation_alive() {
    let src = "const seen = []; process.on('unhandledRejection', (r) => seen.push(r.message));
        exports.h = async () => { Promise.reject(new Error('observed')); await new Promise((r) => setTimeout(r, 2)); return seen; };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    assert_eq!(r.ok(), json!(["observed"]));
}

#[test]
fn process_exit_reports_a_runtime_exit_error() {
    let r = run(
        &[("i.js", "exports.h = async () => { process.exit(3); };")],
        "i.h",
        "{}",
    );
    let e = r.err();
    assert_eq!(e.error_type, "Runtime.ExitError");
    assert!(
        e.error_message
            .ends_with("Runtime exited with error: exit status 3"),
        "{e:?}"
    );
}

#[test]
fn deep_recursion_is_a_range_error() {
    let src = "function down(n) { return down(n + 1) + 1; } exports.h = async () => down(0);";
    let r = run(&[("i.js", src)], "i.h", "{}");
    let e = r.err();
    assert_eq!(e.error_type, "RangeError", "{e:?}");
    assert!(e.error_message.contains("stack"), "{e:?}");
}

#[test]
fn esm_handler_with_top_level_await_and_node_modules_import_condition() {
    let files = [
        ("app.mjs", "import { kind } from 'dual'; import fs from 'node:fs'; const v = await Promise.resolve(5);\nexport const h = async () => ({ kind, v, fs: typeof fs.readFileSync });"),
        ("node_modules/dual/package.json", r#"{"exports": {"import": "./e.mjs", "require": "./c.js"}}"#),
        ("node_modules/dual/e.mjs", "export const kind = 'esm';"),
        ("node_modules/dual/c.js", "exports.kind = 'cjs';"),
    ];
    let r = run(&files, "app.h", "{}");
    assert_eq!(r.ok(), json!({"kind": "esm", "v": 5, "fs": "function"}));
}

#[test]
fn handler_module_may_be_a_package_in_node_modules() {
    let files = [(
        "node_modules/pkg/index.js",
        "exports.run = async () => 'from a package';",
    )];
    let r = run(&files, "pkg.run", "{}");
    assert_eq!(r.ok(), json!("from a package"));
}

#[test]
fn require_of_an_es_module_fails_with_err_require_esm() {
    let files = [
        (
            "i.js",
            "exports.h = async () => { try { require('./m.mjs'); } catch (e) { return e.code; } };",
        ),
        ("m.mjs", "export default 1;"),
    ];
    let r = run(&files, "i.h", "{}");
    assert_eq!(r.ok(), json!("ERR_REQUIRE_ESM"));
}

#[test]
fn result_that_cannot_be_serialised_is_an_error() {
    let src = "exports.h = async () => { const a = {}; a.a = a; return a; };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    assert_eq!(r.err().error_type, "TypeError");
}

#[test]
fn fs_errors_carry_node_codes() {
    let src = "const fs = require('fs'); exports.h = async () => {
        const out = [];
        for (const f of [() => fs.readFileSync('/definitely/missing'), () => fs.readdirSync(__filename), () => fs.mkdirSync(__dirname)]) {
          try { f(); } catch (e) { out.push([e.code, e.syscall, typeof e.errno]); }
        }
        return out; };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    assert_eq!(
        r.ok(),
        json!([
            ["ENOENT", "open", "number"],
            ["ENOTDIR", "scandir", "number"],
            ["EEXIST", "mkdir", "number"]
        ])
    );
}

#[test]
fn esm_import_meta_and_create_require() {
    let files = [
        ("m.mjs", "import { createRequire } from 'node:module'; import { fileURLToPath } from 'node:url';\n\
                   const require = createRequire(import.meta.url);\n\
                   const data = require('./d.json');\n\
                   export const h = async () => ({ data, file: fileURLToPath(import.meta.url).endsWith('/m.mjs'), dir: import.meta.dirname === import.meta.filename.slice(0, -6) });"),
        ("d.json", r#"{"v": 1}"#),
    ];
    let r = run(&files, "m.h", "{}");
    assert_eq!(r.ok(), json!({"data": {"v": 1}, "file": true, "dir": true}));
}

#[test]
fn abort_controller_and_event_target_globals() {
    let src = "exports.h = async () => { const c = new AbortController(); const seen = []; c.signal.addEventListener('abort', (e) => seen.push(e.type)); c.abort(); \
               const t = new EventTarget(); t.addEventListener('x', (e) => seen.push(e.type), { once: true }); t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x')); \
               return { seen, aborted: c.signal.aborted, reason: c.signal.reason.name }; };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    assert_eq!(
        r.ok(),
        json!({"seen": ["abort", "x"], "aborted": true, "reason": "AbortError"})
    );
}

#[test]
fn promisified_set_timeout_resolves_with_its_value() {
    let src = "const { promisify } = require('util'); const sleep = promisify(setTimeout);\n\
               exports.h = async () => [await sleep(2, 'slept'), await promisify(setImmediate)('next')];";
    let r = run(&[("i.js", src)], "i.h", "{}");
    assert_eq!(r.ok(), json!(["slept", "next"]));
}

#[test]
fn network_modules_load_but_requests_fail_with_a_clear_error() {
    let src = "const https = require('https'); const http = require('node:http');\n\
               exports.h = async () => {\n\
                 const viaHttps = await new Promise((resolve) => https.get('https://example.com/x', () => resolve('response')).on('error', (e) => resolve([e.code, e.message])));\n\
                 const viaFetch = await fetch('http://example.com:8080/').then(() => 'response', (e) => [e.name, e.message, e.cause.code]);\n\
                 return { viaHttps, viaFetch, status: http.STATUS_CODES[404] };\n\
               };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    let v = r.ok();
    assert_eq!(v["viaHttps"][0], "EACCES");
    assert!(
        v["viaHttps"][1]
            .as_str()
            .unwrap()
            .starts_with("connect EACCES example.com:443"),
        "{v}"
    );
    assert_eq!(
        v["viaFetch"],
        json!(["TypeError", "fetch failed", "EACCES"])
    );
    assert_eq!(v["status"], "Not Found");
}

#[test]
fn a_second_completion_is_ignored_with_the_runtime_warning() {
    let src =
        "exports.h = (e, c, cb) => { cb(null, 'first'); cb(null, 'second'); c.succeed('third'); };";
    let r = run(&[("i.js", src)], "i.h", "{}");
    assert_eq!(r.ok(), json!("first"));
    assert_eq!(
        r.logs
            .matches("Invocation has already been reported as done")
            .count(),
        2,
        "{}",
        r.logs
    );
}

#[test]
fn any_json_value_is_a_valid_event() {
    for event in [r#""a string""#, "17", "[1,2]", "null"] {
        let r = run(
            &[("i.js", "exports.h = async (e) => ({ e });")],
            "i.h",
            event,
        );
        assert_eq!(
            r.ok()["e"],
            serde_json::from_str::<serde_json::Value>(event).unwrap()
        );
    }
}

#[test]
fn handler_logs_during_module_load_reach_the_host() {
    let dir = tempfile::tempdir().unwrap();
    support::write_files(
        dir.path(),
        &[("i.js", "console.log('loading'); exports.h = async () => 1;")],
    );
    let host = std::rc::Rc::new(lambdabox_js::RecordingHost::default());
    let mut rt = lambdabox_js::NodeRuntime::new(host.clone()).unwrap();
    let spec = lambdabox_js::HandlerSpec {
        handler: "i.h".into(),
        task_root: dir.path().to_str().unwrap().into(),
    };
    rt.init(&spec).unwrap();
    assert_eq!(host.log_text(), "loading\n");
}

#[test]
fn timers_sleep_through_the_host() {
    let dir = tempfile::tempdir().unwrap();
    support::write_files(
        dir.path(),
        &[("i.js", "exports.h = async () => { await new Promise((r) => setTimeout(r, 30)); return 'woke'; };")],
    );
    let host = std::rc::Rc::new(lambdabox_js::RecordingHost::default());
    let mut rt = lambdabox_js::NodeRuntime::new(host.clone()).unwrap();
    let spec = lambdabox_js::HandlerSpec {
        handler: "i.h".into(),
        task_root: dir.path().to_str().unwrap().into(),
    };
    rt.init(&spec).unwrap();
    let out = rt.invoke(b"{}", &context()).unwrap();
    assert_eq!(out.payload, b"\"woke\"");
    assert!(out.is_json);
    let slept = *host.slept_ms.borrow();
    assert!((20..=40).contains(&slept), "slept {slept} ms");
}
