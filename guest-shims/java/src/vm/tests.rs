//! Differential opcode-group tests: each fixture under tests/fixtures/java/opcodes/ is compiled
//! with javac, run on HotSpot through tests/support/java-harness/RunStatic.java, and run on
//! this interpreter; the outputs must be identical.

use std::process::Command;

use super::value::Value;
use super::{Limits, Throw, Vm};
use crate::classpath::ClassPath;
use crate::testutil::{fixture, javac, Compiled};

fn compile(name: &str) -> Compiled {
    let src = std::fs::read_to_string(fixture(&format!("opcodes/{name}.java"))).unwrap();
    let harness =
        std::fs::read_to_string(fixture("../../support/java-harness/RunStatic.java")).unwrap();
    javac(
        &[
            (&format!("{name}.java"), &src),
            ("RunStatic.java", &harness),
        ],
        "17",
    )
}

fn hotspot(dir: &std::path::Path, class: &str) -> String {
    let out = Command::new("java")
        .args(["-Xss4m", "-cp"])
        .arg(dir)
        .args(["RunStatic", class])
        .output()
        .expect("java must be installed to run the differential tests");
    assert!(
        out.status.success(),
        "java failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn new_vm(dir: &std::path::Path) -> Vm {
    new_vm_with(dir, Limits::default())
}

pub fn new_vm_with(dir: &std::path::Path, limits: Limits) -> Vm {
    let mut cp = ClassPath::new();
    cp.add_embedded(crate::classlib::CLASSES);
    cp.add_dir(dir);
    match Vm::new(cp, limits) {
        Ok(vm) => vm,
        Err(e) => panic!("VM start-up failed: {e:?}"),
    }
}

pub fn describe(vm: &mut Vm, t: Throw) -> String {
    match t {
        Throw::Java(ex) => {
            let s = vm.call_virtual(ex, "toString", "()Ljava/lang/String;", &[]);
            let msg = match s {
                Ok(v) => vm.rust_string(v.reference()).unwrap_or_default(),
                Err(_) => "<toString failed>".into(),
            };
            let trace: Vec<String> = match &vm.heap.get(ex).native {
                super::heap::Native::Backtrace(t) => t
                    .iter()
                    .map(|f| format!("{}.{}({:?}:{:?})", f.class, f.method, f.file, f.line))
                    .collect(),
                _ => vec![],
            };
            format!("EXC {msg}\n  at {}", trace.join("\n  at "))
        }
        Throw::Fatal(m) => format!("FATAL {m}"),
    }
}

fn ours(dir: &std::path::Path, class: &str) -> String {
    let mut vm = new_vm(dir);
    match vm.call_static(class, "run", "()Ljava/lang/String;", &[]) {
        Ok(Value::Ref(r)) => vm.rust_string(r).unwrap_or_else(|| "null".into()),
        Ok(other) => format!("unexpected {other:?}"),
        Err(t) => describe(&mut vm, t),
    }
}

fn differential(name: &str) {
    let c = compile(name);
    let expected = hotspot(c.path(), name);
    let actual = ours(c.path(), name);
    assert_eq!(
        actual, expected,
        "\n--- ours ---\n{actual}\n--- hotspot ---\n{expected}"
    );
}

#[test]
fn arithmetic_matches_hotspot() {
    differential("Arith");
}

#[test]
fn arrays_match_hotspot() {
    differential("Arrays1");
}

#[test]
fn control_flow_matches_hotspot() {
    differential("Control");
}

#[test]
fn objects_and_dispatch_match_hotspot() {
    differential("Objects1");
}

#[test]
fn exceptions_match_hotspot() {
    differential("Exceptions1");
}

#[test]
fn lambdas_and_records_match_hotspot() {
    differential("Lambdas1");
}

#[test]
fn strings_match_hotspot() {
    differential("Strings1");
}

fn run_with_heap(name: &str, method: &str, heap_bytes: usize) -> String {
    let src = std::fs::read_to_string(fixture(&format!("opcodes/{name}.java"))).unwrap();
    let c = javac(&[(&format!("{name}.java"), &src)], "17");
    let mut cp = ClassPath::new();
    cp.add_embedded(crate::classlib::CLASSES);
    cp.add_dir(c.path());
    let mut vm = Vm::new(
        cp,
        Limits {
            heap_bytes,
            ..Limits::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    match vm.call_static(name, method, "()Ljava/lang/String;", &[]) {
        Ok(v) => vm.rust_string(v.reference()).unwrap_or_default(),
        Err(t) => describe(&mut vm, t),
    }
}

#[test]
fn gc_reclaims_garbage_beyond_the_heap_limit() {
    // 2000 × 40 KB = 80 MB of garbage through a 16 MiB heap.
    assert_eq!(run_with_heap("Memory1", "garbage", 16 << 20), "ok 20000000");
}

#[test]
fn live_data_beyond_the_heap_limit_is_out_of_memory() {
    assert_eq!(
        run_with_heap("Memory1", "hoard", 16 << 20),
        "OOM after true Java heap space"
    );
}

#[test]
fn gc_keeps_statics_and_interned_strings() {
    let c = compile("Strings1");
    let mut vm = new_vm(c.path());
    let first = vm
        .call_static("Strings1", "run", "()Ljava/lang/String;", &[])
        .unwrap();
    let first = vm.rust_string(first.reference()).unwrap();
    let freed = vm.gc();
    assert!(freed > 0, "garbage from the run is collected");
    let second = vm
        .call_static("Strings1", "run", "()Ljava/lang/String;", &[])
        .unwrap();
    assert_eq!(vm.rust_string(second.reference()).unwrap(), first);
}

#[test]
fn collections_match_hotspot_iteration_order() {
    differential("Collections1");
}

#[test]
fn library_classes_match_hotspot() {
    differential("Library1");
}

#[test]
fn unsupported_platform_classes_fail_clearly() {
    let src = "import java.util.stream.*; public class UsesStreams { public static String run() { return Stream.of(1, 2).map(x -> x + 1).collect(Collectors.toList()).toString(); } }";
    let c = javac(&[("UsesStreams.java", src)], "17");
    let out = ours(c.path(), "UsesStreams");
    assert!(
        out.starts_with("EXC java.lang.NoClassDefFoundError: java.util.stream.Stream is not supported yet by the lambdabox Java class library"),
        "{out}"
    );
}

/// Every fixture again with a collection at every allocation: any reference held only by
/// Rust code (not rooted) would be freed and show up as a crash or a wrong result.
#[test]
fn fixtures_survive_gc_at_every_allocation() {
    for name in [
        "Arith",
        "Arrays1",
        "Control",
        "Objects1",
        "Exceptions1",
        "Lambdas1",
        "Strings1",
        "Collections1",
        "Library1",
        "Random1",
        "Net1",
    ] {
        let c = compile(name);
        let expected = hotspot(c.path(), name);
        let mut vm = new_vm_with(
            c.path(),
            Limits {
                gc_stress: true,
                ..Limits::default()
            },
        );
        let actual = match vm.call_static(name, "run", "()Ljava/lang/String;", &[]) {
            Ok(v) => vm.rust_string(v.reference()).unwrap_or_default(),
            Err(t) => describe(&mut vm, t),
        };
        assert_eq!(actual, expected, "{name} under GC stress");
    }
}

#[test]
fn helpful_null_pointer_messages_match_hotspot() {
    differential("Npe1");
}

#[test]
fn helpful_null_pointer_messages_use_local_names_with_debug_info() {
    // javac -g (Maven's default) adds LocalVariableTable: names replace <localN>.
    let src = std::fs::read_to_string(fixture("opcodes/Npe1.java")).unwrap();
    let harness =
        std::fs::read_to_string(fixture("../../support/java-harness/RunStatic.java")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Npe1.java"), src).unwrap();
    std::fs::write(dir.path().join("RunStatic.java"), harness).unwrap();
    let status = Command::new("javac")
        .args(["-g", "-d"])
        .arg(out.path())
        .arg(dir.path().join("Npe1.java"))
        .arg(dir.path().join("RunStatic.java"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(ours(out.path(), "Npe1"), hotspot(out.path(), "Npe1"));
}

#[test]
fn random_uuid_and_digests_match_hotspot() {
    differential("Random1");
}

/// Files1 works in one directory under /tmp (FILES1_ROOT, per test process), so its GC-stress
/// run follows the differential run here instead of running in parallel with it.
#[test]
fn files_and_paths_match_hotspot() {
    let root = format!("/tmp/lambdabox-java-files1-{}", std::process::id());
    // Read by Files1 through System.getenv, in HotSpot (inherited) and in this VM.
    std::env::set_var("FILES1_ROOT", &root);
    let c = compile("Files1");
    let expected = hotspot(c.path(), "Files1");
    assert!(expected.contains(&root), "{expected}");
    for gc_stress in [false, true] {
        let mut vm = new_vm_with(
            c.path(),
            Limits {
                gc_stress,
                ..Limits::default()
            },
        );
        let actual = match vm.call_static("Files1", "run", "()Ljava/lang/String;", &[]) {
            Ok(v) => vm.rust_string(v.reference()).unwrap_or_default(),
            Err(t) => describe(&mut vm, t),
        };
        assert_eq!(
            actual, expected,
            "gc_stress {gc_stress}\n--- ours ---\n{actual}\n--- hotspot ---\n{expected}"
        );
    }
}

#[test]
fn uri_duration_requests_and_futures_match_hotspot() {
    differential("Net1");
}

/// HttpClient.send goes through `Vm::http` (the host import in the component): the request
/// arrives flattened and the response comes back with case-insensitive headers; a refusal is a
/// ConnectException carrying the host's message.
#[test]
fn http_client_requests_go_through_the_host_callback() {
    use crate::vm::natives::net::{HttpRequest, HttpResponse};
    use std::cell::RefCell;
    use std::rc::Rc;

    let src = r#"
        import java.net.URI;
        import java.net.http.*;
        public class Http1 {
            public static String run() throws Exception {
                HttpClient c = HttpClient.newHttpClient();
                HttpRequest r = HttpRequest.newBuilder(URI.create("http://api.test/p?q=1"))
                    .header("X-A", "1").POST(HttpRequest.BodyPublishers.ofString("body")).build();
                HttpResponse<String> res = c.send(r, HttpResponse.BodyHandlers.ofString());
                String out = res.statusCode() + " " + res.body() + " " + res.headers().firstValue("SET-COOKIE").orElse("-")
                    + " " + res.headers().allValues("set-cookie") + " " + res.uri();
                try {
                    c.sendAsync(HttpRequest.newBuilder(URI.create("http://denied.test/")).build(), HttpResponse.BodyHandlers.ofByteArray()).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    out += " | " + e.getCause();
                }
                return out;
            }
        }
    "#;
    let c = javac(&[("Http1.java", src)], "17");
    let mut vm = new_vm(c.path());
    let seen: Rc<RefCell<Vec<HttpRequest>>> = Rc::default();
    let record = seen.clone();
    vm.http = Box::new(move |r: HttpRequest| {
        record.borrow_mut().push(r.clone());
        if r.url.contains("denied") {
            return Err("network access to http://denied.test is not allowed".into());
        }
        Ok(HttpResponse {
            status: 201,
            headers: vec![
                ("set-cookie".into(), "a=1".into()),
                ("set-cookie".into(), "b=2".into()),
            ],
            body: "héllo".as_bytes().to_vec(),
            url: "http://api.test/final".into(),
        })
    });
    let out = match vm.call_static("Http1", "run", "()Ljava/lang/String;", &[]) {
        Ok(v) => vm.rust_string(v.reference()).unwrap_or_default(),
        Err(t) => describe(&mut vm, t),
    };
    assert_eq!(
        out,
        "201 héllo a=1 [a=1, b=2] http://api.test/final | java.net.ConnectException: network access to http://denied.test is not allowed"
    );
    let seen = seen.borrow();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].url, "http://api.test/p?q=1");
    assert_eq!(seen[0].body, b"body");
    assert_eq!(seen[0].headers[0], ("X-A".to_string(), "1".to_string()));
    assert!(seen[0].headers[1].1.starts_with("Java-http-client/"));
}

/// Redirect policies: NEVER hands back the 3xx, NORMAL follows hop by hop here (never from
/// https to http), ALWAYS lets the host follow; the request timeout reaches the host and its
/// firing is the JDK's HttpTimeoutException.
#[test]
fn http_client_redirect_policies_and_timeouts_reach_the_host() {
    use crate::vm::natives::net::{HttpRequest, HttpResponse, OWN_TIMEOUT_SUFFIX};
    use std::cell::RefCell;
    use std::rc::Rc;

    let src = r#"
        import java.net.URI;
        import java.net.http.*;
        import java.time.Duration;
        public class Http2 {
            static String get(HttpClient.Redirect policy, String url) throws Exception {
                HttpClient c = HttpClient.newBuilder().followRedirects(policy).build();
                HttpResponse<String> res = c.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "secret").build(), HttpResponse.BodyHandlers.ofString());
                return res.statusCode() + " " + res.uri() + " " + res.headers().firstValue("location").orElse("-");
            }
            public static String run() throws Exception {
                String out = get(HttpClient.Redirect.NEVER, "http://a.test/r") + " | "
                    + get(HttpClient.Redirect.NORMAL, "http://a.test/r") + " | "
                    + get(HttpClient.Redirect.NORMAL, "http://a.test/away") + " | "
                    + get(HttpClient.Redirect.NORMAL, "https://a.test/down") + " | "
                    + get(HttpClient.Redirect.ALWAYS, "http://a.test/r");
                try {
                    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://a.test/slow")).timeout(Duration.ofMillis(250)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (HttpTimeoutException e) {
                    out += " | " + e;
                }
                return out;
            }
        }
    "#;
    let c = javac(&[("Http2.java", src)], "17");
    let mut vm = new_vm(c.path());
    let seen: Rc<RefCell<Vec<HttpRequest>>> = Rc::default();
    let record = seen.clone();
    vm.http = Box::new(move |r: HttpRequest| {
        record.borrow_mut().push(r.clone());
        let redirect = |to: &str| HttpResponse {
            status: 302,
            headers: vec![("location".into(), to.into())],
            body: Vec::new(),
            url: r.url.clone(),
        };
        match r.url.as_str() {
            "http://a.test/slow" => Err(format!(
                "request timed out after 250 ms {OWN_TIMEOUT_SUFFIX}"
            )),
            "http://a.test/r" if !r.follow_redirects => Ok(redirect("/end")),
            "https://a.test/down" => Ok(redirect("http://a.test/end")),
            "http://a.test/away" => Ok(redirect("http://b.test/end")),
            _ => Ok(HttpResponse {
                status: 200,
                headers: Vec::new(),
                body: Vec::new(),
                url: "http://a.test/end".into(),
            }),
        }
    });
    let out = match vm.call_static("Http2", "run", "()Ljava/lang/String;", &[]) {
        Ok(v) => vm.rust_string(v.reference()).unwrap_or_default(),
        Err(t) => describe(&mut vm, t),
    };
    assert_eq!(
        out,
        "302 http://a.test/r /end | 200 http://a.test/end - | 200 http://a.test/end - \
         | 302 https://a.test/down http://a.test/end \
         | 200 http://a.test/end - | java.net.http.HttpTimeoutException: request timed out"
    );
    let seen = seen.borrow();
    let calls: Vec<_> = seen
        .iter()
        .map(|r| {
            let auth = r.headers.iter().any(|(k, _)| k == "Authorization");
            (r.url.as_str(), r.follow_redirects, r.timeout_ms, auth)
        })
        .collect();
    assert_eq!(
        calls,
        [
            ("http://a.test/r", false, None, true),
            ("http://a.test/r", false, None, true),
            ("http://a.test/end", false, None, true),
            ("http://a.test/away", false, None, true),
            ("http://b.test/end", false, None, false),
            ("https://a.test/down", false, None, true),
            ("http://a.test/r", true, None, true),
            ("http://a.test/slow", false, Some(250), false),
        ]
    );
}

/// Java 21 pattern switches need a JDK 21+ javac (`JAVA21_HOME`, or Temurin 25 where this
/// machine has it); the class file (major 65) then runs on that JDK and on this interpreter.
#[test]
fn pattern_switches_of_java_21_match_hotspot() {
    let home =
        std::env::var("JAVA21_HOME").unwrap_or_else(|_| "/usr/lib/jvm/temurin-25-jdk-amd64".into());
    let home = std::path::Path::new(&home);
    if !home.join("bin/javac").exists() {
        eprintln!(
            "skipped: no JDK 21+ at {} (set JAVA21_HOME)",
            home.display()
        );
        return;
    }
    let src = fixture("opcodes/Switch21.java");
    let harness = fixture("../../support/java-harness/RunStatic.java");
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(home.join("bin/javac"))
        .args(["--release", "21", "-g:source,lines", "-d"])
        .arg(out.path())
        .arg(&src)
        .arg(&harness)
        .status()
        .unwrap();
    assert!(status.success());
    let run = Command::new(home.join("bin/java"))
        .arg("-cp")
        .arg(out.path())
        .args(["RunStatic", "Switch21"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let expected = String::from_utf8(run.stdout).unwrap();
    let actual = ours(out.path(), "Switch21");
    assert_eq!(
        actual, expected,
        "\n--- ours ---\n{actual}\n--- hotspot ---\n{expected}"
    );
}
