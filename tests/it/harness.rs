//! Running the real `lambdabox` binary against fixture services, and the macro that runs a
//! scenario for every runtime that has a fixture for it (Viceroy's `viceroy_test!` pattern).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A host environment variable that must never reach a handler.
pub const HOST_SECRET: &str = "LAMBDABOX_TEST_HOST_SECRET";

/// One finished `lambdabox` run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as JSON (the result or error document).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_source(runtime: &str, case: &str) -> PathBuf {
    repo()
        .join("tests/fixtures/services")
        .join(format!("{runtime}-{case}"))
}

/// A fixture service ready to run: the source tree itself, or for Java (whose sources must be
/// compiled) a temporary copy holding the compiled classes. Derefs to the service directory.
pub struct Fixture {
    path: PathBuf,
    _compiled: Option<tempfile::TempDir>,
}

impl std::ops::Deref for Fixture {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for Fixture {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// `tests/fixtures/services/<runtime>-<case>` (compiled first when the runtime is `java`).
pub fn fixture(runtime: &str, case: &str) -> Fixture {
    if runtime == "java" {
        let dir = copy_fixture(runtime, case);
        return Fixture {
            path: dir.path().to_path_buf(),
            _compiled: Some(dir),
        };
    }
    Fixture {
        path: fixture_source(runtime, case),
        _compiled: None,
    }
}

/// A private copy of a fixture service (tests may add files, e.g. symlinks). A `java-*` copy
/// has its `src/**/*.java` compiled into the copy's root, as Lambda unpacks a jar's classes.
pub fn copy_fixture(runtime: &str, case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_source(runtime, case), dir.path());
    if runtime == "java" {
        compile_java(dir.path());
    }
    dir
}

/// `javac --release 17` over `<service>/src/**/*.java`, classes written to `<service>`; the
/// Lambda interfaces come from the guest's own class library (no aws-lambda-java-core jar).
fn compile_java(service: &Path) {
    let mut sources = Vec::new();
    java_sources(&service.join("src"), &mut sources);
    assert!(
        !sources.is_empty(),
        "{}: no src/**/*.java",
        service.display()
    );
    let out = Command::new("javac")
        .args(["--release", "17", "-g", "-sourcepath"])
        .arg(repo().join("guest-shims/java/classlib"))
        .arg("-d")
        .arg(service)
        .args(&sources)
        .output()
        .expect("javac is needed to compile the Java fixtures");
    assert!(
        out.status.success(),
        "javac failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn java_sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            java_sources(&path, found);
        } else if path.extension().is_some_and(|x| x == "java") {
            found.push(path);
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The compiled-code cache the tests share (compiling a runtime once, not once per test).
pub fn cache_dir() -> PathBuf {
    let dir = std::env::var_os("LAMBDABOX_TEST_CACHE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("lambdabox-test-cache"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run `lambdabox <args>` in `dir` with a clean environment plus [`HOST_SECRET`] set.
pub fn lambdabox(dir: &Path, args: &[&str]) -> Run {
    lambdabox_with_env(dir, args, &[])
}

/// [`lambdabox`] with extra variables in lambdabox's own environment (never the handler's).
pub fn lambdabox_with_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lambdabox"));
    cmd.current_dir(dir)
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::var_os("HOME").unwrap_or_default())
        .env("LAMBDABOX_CACHE_DIR", cache_dir())
        .env("NO_COLOR", "1")
        .env(HOST_SECRET, "this must not leak")
        .stdin(Stdio::null());
    let out = cmd.output().expect("lambdabox runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `lambdabox invoke local -f fn <extra>` in the service `dir`.
pub fn invoke(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["invoke", "local", "-f", "fn"];
    args.extend_from_slice(extra);
    lambdabox(dir, &args)
}

/// `runtime_test!(name, [node, python, ...], |rt: &str| { ... })`: one `#[test]` per runtime,
/// each running the scenario against that runtime's fixtures (`<rt>-<case>`).
#[macro_export]
macro_rules! runtime_test {
    ($name:ident, [$($rt:ident),+ $(,)?], $scenario:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[test]
                fn $rt() {
                    let scenario: fn(&str) = $scenario;
                    scenario(stringify!($rt));
                }
            )+
        }
    };
}
