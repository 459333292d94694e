//! Engine tests with tiny hand-written WASI preview-1 commands speaking the stdio transport:
//! the protocol, every limit, and the frozen clock.

use super::*;
use crate::invocation::Determinism;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A command that reads the `init` line, takes the nonce from it (serde_json keeps our key
/// order, so the nonce sits at byte 24), then runs `body`. Helpers: `$read` (one stdin chunk,
/// returns its length), `$out`/`$err` (ptr, len), `$frame` (ptr, len: writes the frame prefix
/// then the bytes). Data: 200 = ready message (17), 300 = result message (33), 400 = "log line\n" (9).
fn command(body: &str, extra: &str) -> Vec<u8> {
    format!(
        r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "\1eLBX")
  (data (i32.const 136) "\1f")
  (data (i32.const 200) "{{\"type\":\"ready\"}}\n")
  (data (i32.const 300) "{{\"type\":\"result\",\"payload\":\"42\"}}\n")
  (data (i32.const 400) "log line\n")
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 32))))
  (func $out (param i32 i32) (call $write (i32.const 1) (local.get 0) (local.get 1)))
  (func $err (param i32 i32) (call $write (i32.const 2) (local.get 0) (local.get 1)))
  (func $frame (param i32 i32)
    (call $out (i32.const 100) (i32.const 37))
    (call $out (local.get 0) (local.get 1)))
  (func $read (result i32)
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 4096))
    (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 32)))
    (i32.load (i32.const 32)))
  {extra}
  (func (export "_start")
    (drop (call $read))
    (memory.copy (i32.const 104) (i32.const 1048) (i32.const 32))
    {body}))"#
    )
    .into_bytes()
}

/// Answers `init` with ready, each `invoke` with 42, logs on stdout (outside frames) and stderr.
const ECHO: &str = r#"
    (call $out (i32.const 400) (i32.const 9))
    (call $err (i32.const 400) (i32.const 9))
    (call $frame (i32.const 200) (i32.const 17))
    (loop $l
      (if (i32.gt_u (call $read) (i32.const 0))
        (then (call $frame (i32.const 300) (i32.const 33)) (br $l))))"#;

fn policy(timeout_ms: u64, memory_mb: u32) -> Policy {
    let task = std::env::temp_dir();
    Policy::new(task, Duration::from_millis(timeout_ms), memory_mb)
}

fn start(wasm: &[u8], policy: &Policy) -> (StdioInstance, Arc<MemorySink>) {
    static ROOT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let root = ROOT.get_or_init(|| tempfile::tempdir().unwrap());
    let module = cache::module_in(root.path(), "test", wasm).unwrap();
    let log = Arc::new(MemorySink::default());
    (
        StdioInstance::start(&module, policy, log.clone()).unwrap(),
        log,
    )
}

fn spec() -> HandlerSpec {
    HandlerSpec {
        handler: "index.handler".into(),
        task_root: TASK_ROOT.into(),
    }
}

fn crash_of<T: std::fmt::Debug>(c: Called<T>) -> Failure {
    match c {
        Called::Crashed(f) => f,
        other => panic!("expected a crash, got {other:?}"),
    }
}

#[test]
fn stdio_transport_answers_many_invocations_and_separates_logs() {
    let (mut inst, log) = start(&command(ECHO, ""), &policy(5000, 64));
    assert_eq!(inst.init(&spec()).unwrap(), Called::Returned(()));
    for _ in 0..3 {
        let got = inst
            .invoke(b"{\"a\": [1, 2]}", &InvokeContext::default())
            .unwrap();
        assert_eq!(
            got,
            Called::Returned(crate::outcome::Response {
                payload: b"42".to_vec(),
                is_json: true
            })
        );
    }
    assert_eq!(
        String::from_utf8(log.contents()).unwrap(),
        "log line\nlog line\n"
    );
}

#[test]
fn a_busy_loop_times_out_with_lambdas_message() {
    let body = "(loop $spin (br $spin))";
    let (mut inst, _) = start(&command(body, ""), &policy(300, 64));
    let t = Instant::now();
    let failure = crash_of(inst.init(&spec()).unwrap());
    assert_eq!(failure, Failure::Timeout(Duration::from_millis(300)));
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    assert_eq!(
        failure.to_function_error().error_message,
        "Task timed out after 0.30 seconds"
    );
    // A crashed instance is discarded.
    assert!(inst.invoke(b"{}", &InvokeContext::default()).is_err());
}

#[test]
fn growing_memory_past_memory_size_is_out_of_memory() {
    let body = "(loop $grow (br_if $grow (i32.ne (memory.grow (i32.const 16)) (i32.const -1)))) unreachable";
    let (mut inst, _) = start(&command(body, ""), &policy(5000, 2));
    assert_eq!(
        crash_of(inst.init(&spec()).unwrap()),
        Failure::OutOfMemory(2)
    );
}

#[test]
fn unbounded_recursion_is_a_stack_overflow_not_a_host_crash() {
    let extra = "(func $deep (param i32) (result i32) (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))";
    let body = "(drop (call $deep (i32.const 0)))";
    let (mut inst, _) = start(&command(body, extra), &policy(10_000, 64));
    assert_eq!(
        crash_of(inst.init(&spec()).unwrap()),
        Failure::StackOverflow
    );
}

#[test]
fn any_other_trap_is_a_readable_failure() {
    let (mut inst, _) = start(&command("unreachable", ""), &policy(5000, 64));
    let failure = crash_of(inst.init(&spec()).unwrap());
    let err = failure.to_function_error();
    assert_eq!(err.error_type, "Runtime.ExitError");
    assert!(
        err.error_message.contains("unreachable"),
        "{}",
        err.error_message
    );
}

#[test]
fn exiting_without_an_answer_is_reported() {
    let (mut inst, _) = start(&command("", ""), &policy(5000, 64));
    let failure = crash_of(inst.init(&spec()).unwrap());
    assert!(
        failure.to_string().contains("exited without answering"),
        "{failure}"
    );
}

#[test]
fn the_deterministic_wall_clock_is_frozen_at_the_epoch() {
    // ready if realtime == 2000-01-01T00:00:00Z exactly, else exit without answering.
    let body = r#"
    (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 48)))
    (if (i64.eq (i64.load (i32.const 48)) (i64.const 946684800000000000))
      (then (call $frame (i32.const 200) (i32.const 17))))"#;
    let mut p = policy(5000, 64);
    p.determinism = Some(Determinism {
        epoch_secs: 946_684_800,
        seed: 0,
    });
    let (mut inst, _) = start(&command(body, ""), &p);
    assert_eq!(inst.init(&spec()).unwrap(), Called::Returned(()));
    // Without --deterministic the real clock shows.
    let (mut inst, _) = start(&command(body, ""), &policy(5000, 64));
    assert!(matches!(inst.init(&spec()).unwrap(), Called::Crashed(_)));
}

#[test]
fn responses_over_the_limit_are_a_function_error() {
    let (mut inst, _) = start(&command(ECHO, ""), &{
        let mut p = policy(5000, 64);
        p.max_response_bytes = 1;
        p
    });
    inst.init(&spec()).unwrap();
    match inst.invoke(b"{}", &InvokeContext::default()).unwrap() {
        Called::Failed(e) => assert_eq!(e.error_type, "Function.ResponseSizeTooLarge"),
        other => panic!("{other:?}"),
    }
}

/// The embedded QuickJS component, or `None` (with a note) when this build has no guests.
fn js_component() -> Option<wasmtime::component::Component> {
    let Some(wasm) = guests::js().wasm else {
        eprintln!("skipped: this build has no embedded JS guest");
        return None;
    };
    static ROOT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let root = ROOT.get_or_init(|| tempfile::tempdir().unwrap());
    Some(cache::component_in(root.path(), "nodejs", wasm).unwrap())
}

#[test]
fn a_component_instance_stays_warm_across_invocations_and_is_discarded_after_a_crash() {
    let Some(component) = js_component() else {
        return;
    };
    let task = tempfile::tempdir().unwrap();
    std::fs::write(
        task.path().join("index.js"),
        "let calls = 0;\nexports.handler = async (event) => {\n  if (event.spin) for (;;) {}\n  console.log('call', calls + 1);\n  return { calls: ++calls };\n};\n",
    )
    .unwrap();
    let mut p = Policy::new(task.path(), Duration::from_millis(500), 128);
    p.env = vec![("LAMBDA_TASK_ROOT".into(), TASK_ROOT.into())];
    let log = Arc::new(MemorySink::default());
    let mut inst = ComponentInstance::new(&component, &p, log.clone())
        .unwrap()
        .unwrap();
    assert_eq!(inst.init(&spec()).unwrap(), Called::Returned(()));
    for n in 1..=3 {
        match inst.invoke(b"{}", &InvokeContext::default()).unwrap() {
            Called::Returned(r) => assert_eq!(
                String::from_utf8(r.payload).unwrap(),
                format!("{{\"calls\":{n}}}")
            ),
            other => panic!("{other:?}"),
        }
    }
    assert!(String::from_utf8(log.contents())
        .unwrap()
        .contains("call 3"));
    let crash = crash_of(
        inst.invoke(br#"{"spin": true}"#, &InvokeContext::default())
            .unwrap(),
    );
    assert_eq!(crash, Failure::Timeout(Duration::from_millis(500)));
    assert!(
        inst.invoke(b"{}", &InvokeContext::default()).is_err(),
        "a crashed instance must be discarded"
    );
}

#[test]
fn tmp_reports_posix_errors_like_enotempty() {
    // fd 4 is /tmp (preopens: /var/task, /tmp). mkdir x; create x/f; rmdir x → errno as two
    // digits in an error frame.
    let extra = r#"
  (import "wasi_snapshot_preview1" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_remove_directory" (func $rmdir (param i32 i32 i32) (result i32)))
  (data (i32.const 500) "x/f")
  (data (i32.const 600) "{\"type\":\"error\",\"errorType\":\"E00\",\"errorMessage\":\"\",\"stackTrace\":[]}\n")"#;
    let body = r#"
    (drop (call $mkdir (i32.const 4) (i32.const 500) (i32.const 1)))
    (drop (call $open (i32.const 4) (i32.const 0) (i32.const 500) (i32.const 3) (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 40)))
    (i32.store (i32.const 44) (call $rmdir (i32.const 4) (i32.const 500) (i32.const 1)))
    (i32.store8 (i32.const 630) (i32.add (i32.const 48) (i32.div_u (i32.load (i32.const 44)) (i32.const 10))))
    (i32.store8 (i32.const 631) (i32.add (i32.const 48) (i32.rem_u (i32.load (i32.const 44)) (i32.const 10))))
    (call $frame (i32.const 600) (i32.const 69))"#;
    // `extra` holds imports, which must come first in a module: splice them in after `(module`.
    let text = String::from_utf8(command(body, "")).unwrap().replacen(
        "(module",
        &format!("(module {extra}"),
        1,
    );
    let (mut inst, _) = start(text.as_bytes(), &policy(5000, 64));
    match inst.init(&spec()).unwrap() {
        // 55 is WASI's ENOTEMPTY.
        Called::Failed(e) => assert_eq!(e.error_type, "E55"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn filling_tmp_past_its_cap_stops_the_function() {
    // Create /tmp/big (fd 4 is /tmp) and append 32 KiB chunks forever.
    let imports = r#"
  (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (data (i32.const 500) "big")"#;
    let body = r#"
    (drop (call $open (i32.const 4) (i32.const 0) (i32.const 500) (i32.const 3) (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 40)))
    (i32.store (i32.const 16) (i32.const 16384))
    (i32.store (i32.const 20) (i32.const 32768))
    (loop $fill
      (drop (call $fd_write (i32.load (i32.const 40)) (i32.const 16) (i32.const 1) (i32.const 32)))
      (br $fill))"#;
    let text = String::from_utf8(command(body, "")).unwrap().replacen(
        "(module",
        &format!("(module {imports}"),
        1,
    );
    let mut p = policy(10_000, 64);
    p.tmp_bytes = 1 << 20;
    let (mut inst, _) = start(text.as_bytes(), &p);
    assert_eq!(
        crash_of(inst.init(&spec()).unwrap()),
        Failure::TmpFull(1 << 20)
    );
}
