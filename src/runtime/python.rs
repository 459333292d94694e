//! Python handlers: the pinned CPython 3.12 WASI interpreter (`artifacts::PYTHON`) running
//! `guest-shims/python/bootstrap.py`, which speaks the stdio transport.
//!
//! What is Python-specific: the interpreter flags, and the bootstrap, mounted read-only at
//! `/var/runtime` together with its code object precompiled by the same interpreter. Start-up
//! is what every `invoke local` pays, so the guest runs with `-S` (no `site`) and loads the
//! bootstrap with `marshal` instead of compiling 400 lines of source each time.

use super::artifacts::{self, PYTHON};
use super::local;
use crate::invocation::LocalInvocation;
use crate::outcome::{FunctionError, InvokeResult};
use crate::sandbox::task_dir::TaskDir;
use crate::sandbox::{
    self, python_snapshot, Called, Failure, HandlerSpec, HostRuntime, LogSink, Policy, Preopen,
    StderrSink, StdioInstance,
};
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use wasmtime::Module;

/// The bootstrap's source, embedded in the binary.
pub const BOOTSTRAP: &str = include_str!("../../guest-shims/python/bootstrap.py");
/// urllib.request over the host's `http` message, next to the bootstrap in `/var/runtime`.
const HTTP_MODULE: &str = include_str!("../../guest-shims/python/lambdabox_http.py");
/// What HTTP_MODULE loads only when a handler imports `socket`, `http.client` or `urllib.request`.
const HTTP_PATCHES: &str = include_str!("../../guest-shims/python/lambdabox_http_patches.py");

/// Inside the guest.
const BOOTSTRAP_PATH: &str = "/var/runtime/bootstrap.py";
const BOOTSTRAP_CODE_PATH: &str = "/var/runtime/bootstrap.code";
const CODE_FILE: &str = "bootstrap.code";

/// `-S`: no `site` import (nothing to find: the stdlib is inside the interpreter, and there is no
/// site-packages); `-u`: unbuffered stdio so logs and frames leave in order; `-B`: no bytecode
/// writes (read-only mounts; a flag rather than `PYTHONDONTWRITEBYTECODE`, so the handler's
/// environment stays exactly Lambda's).
const FLAGS: [&str; 3] = ["-S", "-u", "-B"];

fn loader() -> String {
    format!("import marshal;exec(marshal.loads(open({BOOTSTRAP_CODE_PATH:?},'rb').read()))")
}

/// The guest's argv.
pub fn argv() -> Vec<String> {
    let mut args = vec!["python3".to_owned()];
    args.extend(FLAGS.iter().map(|f| (*f).to_owned()));
    args.extend(["-c".to_owned(), loader()]);
    args
}

/// Run one Python invocation locally; logs go to stderr.
pub fn invoke_local(inv: &LocalInvocation) -> anyhow::Result<InvokeResult> {
    let task = local::task_dir(inv)?;
    let mut instance = instance(inv, &task, Arc::new(StderrSink))?;
    local::run(&mut instance, inv, failure_error)
}

/// A live CPython guest for `inv` with `task` at /var/task, its handler not yet loaded: the
/// pre-initialized interpreter when the sandbox matches the one it was built in, else a full
/// interpreter start.
pub fn instance(
    inv: &LocalInvocation,
    task: &TaskDir,
    log: Arc<dyn LogSink>,
) -> anyhow::Result<StdioInstance> {
    let store = artifacts::Store::from_env();
    let wasm = local::require_artifact(&store, &PYTHON, inv)?;
    let runtime_dir = runtime_dir(&store, &wasm)?;
    let mut policy = local::policy(inv, task)?;
    policy.runtime_dir = Some(runtime_dir.clone());
    if snapshot_applies(&policy) {
        let module = snapshot(&store, &wasm, &runtime_dir)?;
        if python_snapshot::min_memory_bytes(&module) <= policy.memory_bytes {
            return python_snapshot::start(&module, &policy, log);
        }
    }
    policy.args = argv();
    StdioInstance::start(&cached(&wasm)?, &policy, log)
}

/// Whether an invocation can run in the snapshot: it froze the preopen table (so no
/// `--mount`) and what CPython reads from `PYTHON*` variables at start-up.
fn snapshot_applies(policy: &Policy) -> bool {
    policy.extra_dirs.is_empty() && !policy.env.iter().any(|(k, _)| k.starts_with("PYTHON"))
}

/// Bump when the way the snapshot is built changes in a way the other key parts miss.
const SNAPSHOT_RECIPE: &str = "python-snapshot 1";

/// The snapshot run's argv: today's flags, the bootstrap told to pre-initialize.
fn snapshot_args() -> Vec<String> {
    let mut args = vec!["python3".to_owned()];
    args.extend(FLAGS.iter().map(|f| (*f).to_owned()));
    args.extend([
        "-c".to_owned(),
        python_snapshot::snapshot_script(BOOTSTRAP_PATH),
    ]);
    args
}

/// The cache key of the pre-initialized interpreter: whatever changes its memory image (the
/// compiled-code cache adds the engine's compatibility hash).
pub fn snapshot_key() -> String {
    snapshot_key_of(BOOTSTRAP, &http_sources())
}

/// The HTTP shim's files, as one key part.
fn http_sources() -> String {
    [HTTP_MODULE, HTTP_PATCHES].join("\0")
}

fn snapshot_key_of(bootstrap: &str, http_module: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(PYTHON.sha256.as_bytes());
    hash.update(bootstrap.as_bytes());
    hash.update([0]);
    hash.update(http_module.as_bytes());
    hash.update(snapshot_args().join("\0").as_bytes());
    hash.update(SNAPSHOT_RECIPE.as_bytes());
    hash.update(b"wasmtime-wizer 48.0.8");
    hex::encode(&hash.finalize()[..16])
}

/// The pre-initialized interpreter (built once, then loaded from the compiled-code cache).
/// It is built in a sandbox laid out as at run time: an empty `/var/task`, this bootstrap at
/// `/var/runtime`, a `/tmp`.
fn snapshot(store: &artifacts::Store, wasm: &Path, runtime_dir: &Path) -> anyhow::Result<Module> {
    let empty = store.root().join("python-empty-task");
    std::fs::create_dir_all(&empty).with_context(|| format!("creating {}", empty.display()))?;
    let mut policy = Policy::new(&empty, Duration::from_secs(300), 1024);
    policy.runtime_dir = Some(runtime_dir.to_owned());
    policy.args = snapshot_args();
    python_snapshot::snapshot_module(wasm, &snapshot_key(), &policy)
}

/// The compiled interpreter, without reading the 26 MB file when the compiled-code cache has
/// it: the cache is keyed by the pinned sha256 and never looks at the bytes on a hit (reading
/// the file costs 10-40 ms, a good part of a whole invocation).
fn cached(wasm: &Path) -> anyhow::Result<Module> {
    match sandbox::cache::module("python", &[], Some(PYTHON.sha256)) {
        Ok(module) => Ok(module),
        Err(_) => compiled(wasm),
    }
}

/// The interpreter's compiled code (compiled once, then loaded from the cache).
fn compiled(wasm: &Path) -> anyhow::Result<Module> {
    let bytes = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    sandbox::cache::module("python", &bytes, Some(PYTHON.sha256))
}

/// Everything `runtimes install python` prepares beyond storing the file: the compiled
/// interpreter, the precompiled bootstrap and the pre-initialized interpreter.
pub fn prepare(store: &artifacts::Store, wasm: &Path) -> anyhow::Result<()> {
    compiled(wasm)?;
    let dir = runtime_dir(store, wasm)?;
    snapshot(store, wasm, &dir)?;
    Ok(())
}

/// How the Python runtime reports a sandbox failure.
pub fn failure_error(failure: &Failure) -> FunctionError {
    match failure {
        // CPython's own recursion limit raises RecursionError first; this is a C-level
        // overflow (deeply nested data in a C routine).
        Failure::StackOverflow => {
            FunctionError::new("RecursionError", "maximum recursion depth exceeded")
        }
        other => other.to_function_error(),
    }
}

/// Whether [`prepare`] has run for this interpreter and this lambdabox's bootstrap.
pub fn is_prepared(store: &artifacts::Store) -> bool {
    bootstrap_dir(store).is_some_and(|dir| dir.join(CODE_FILE).is_file())
        && python_snapshot::has_snapshot(&snapshot_key())
}

fn bootstrap_dir(store: &artifacts::Store) -> Option<PathBuf> {
    let hash = hex::encode(Sha256::digest(
        [BOOTSTRAP, HTTP_MODULE, HTTP_PATCHES].concat().as_bytes(),
    ));
    Some(
        store
            .path(&PYTHON)
            .parent()?
            .join(format!("bootstrap-{}", &hash[..16])),
    )
}

/// `/var/runtime` for this interpreter and this bootstrap: `bootstrap.py` and its code object,
/// in a directory keyed by the bootstrap's hash under the artifact's cache directory. Made once
/// (by a trusted guest run that executes no handler code), then reused.
fn runtime_dir(store: &artifacts::Store, wasm: &Path) -> anyhow::Result<PathBuf> {
    let dir = bootstrap_dir(store).context("the artifact path has a parent")?;
    let parent = dir
        .parent()
        .context("the bootstrap directory has a parent")?
        .to_owned();
    if dir.join(CODE_FILE).is_file() {
        return Ok(dir);
    }
    let staging = tempfile::Builder::new()
        .prefix(".bootstrap-")
        .tempdir_in(&parent)
        .with_context(|| format!("creating a directory in {}", parent.display()))?;
    let out = staging.path().join("out");
    let code_dir = staging.path().join("runtime");
    std::fs::create_dir_all(&out)?;
    std::fs::create_dir_all(&code_dir)?;
    std::fs::write(code_dir.join("bootstrap.py"), BOOTSTRAP)?;
    std::fs::write(code_dir.join("lambdabox_http.py"), HTTP_MODULE)?;
    std::fs::write(code_dir.join("lambdabox_http_patches.py"), HTTP_PATCHES)?;
    compile_bootstrap(&cached(wasm)?, &code_dir, &out)?;
    std::fs::rename(out.join(CODE_FILE), code_dir.join(CODE_FILE))?;
    // Another process may have won the race; its directory is as good as ours.
    if std::fs::rename(&code_dir, &dir).is_err() && !dir.join(CODE_FILE).is_file() {
        anyhow::bail!(
            "cannot store the precompiled Python bootstrap in {}",
            dir.display()
        );
    }
    Ok(dir)
}

/// Runs the interpreter on our own compile script only (no task code is mounted): it compiles
/// `/var/runtime/bootstrap.py` and writes the marshalled code object to `/out`, then answers
/// `init` with `ready`.
fn compile_bootstrap(module: &Module, code_dir: &Path, out: &Path) -> anyhow::Result<()> {
    const SCRIPT: &str = r#"import sys, marshal, _json
class O:
    strict = True; object_hook = None; object_pairs_hook = None
    parse_float = float; parse_int = int; parse_constant = None
init = _json.make_scanner(O())(sys.stdin.readline(), 0)[0]
src = open("/var/runtime/bootstrap.py").read()
with open("/out/bootstrap.code", "wb") as f:
    marshal.dump(compile(src, "/var/runtime/bootstrap.py", "exec"), f)
sys.stdout.write("\x1eLBX" + init["nonce"] + '\x1f{"type":"ready"}\n')
"#;
    let empty_task = tempfile::tempdir()?;
    let mut policy = Policy::new(empty_task.path(), Duration::from_secs(60), 256);
    policy.runtime_dir = Some(code_dir.to_owned());
    policy.extra_dirs.push(Preopen {
        host: out.to_owned(),
        guest: "/out".to_owned(),
        writable: true,
    });
    policy.args = ["python3", "-S", "-B", "-c", SCRIPT]
        .map(str::to_owned)
        .to_vec();
    let log = Arc::new(sandbox::MemorySink::default());
    let mut instance = StdioInstance::start(module, &policy, log.clone())?;
    let spec = HandlerSpec {
        handler: "-".to_owned(),
        task_root: sandbox::TASK_ROOT.to_owned(),
    };
    match instance.init(&spec)? {
        Called::Returned(()) if out.join(CODE_FILE).is_file() => Ok(()),
        other => anyhow::bail!(
            "precompiling the Python bootstrap ({BOOTSTRAP_PATH}) failed: {other:?}\n{}",
            String::from_utf8_lossy(&log.contents())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_key_changes_with_the_bootstrap_and_the_http_module() {
        let key = snapshot_key();
        assert_eq!(key, snapshot_key());
        assert_eq!(key.len(), 32);
        let changed_bootstrap = format!("{BOOTSTRAP}\n");
        let http = http_sources();
        let changed_http = format!("{http}\n");
        assert_ne!(key, snapshot_key_of(&changed_bootstrap, &http));
        assert_ne!(key, snapshot_key_of(BOOTSTRAP, &changed_http));
        assert!(http.contains(HTTP_PATCHES));
        // Not a plain concatenation: moving text between the two parts changes the key.
        let (head, tail) = BOOTSTRAP.split_at(10);
        assert_ne!(snapshot_key_of(head, &format!("{tail}{http}")), key);
        // The snapshot is built by the bootstrap itself.
        assert!(snapshot_args()[5].contains(BOOTSTRAP_PATH));
    }

    #[test]
    fn only_sandboxes_laid_out_like_the_snapshot_use_it() {
        let mut policy = Policy::new("/x", Duration::from_secs(1), 128);
        policy.env = vec![("FOO".into(), "1".into())];
        assert!(snapshot_applies(&policy));
        policy
            .env
            .push(("PYTHONPATH".into(), "/var/task/lib".into()));
        assert!(!snapshot_applies(&policy));
        policy.env.pop();
        policy.extra_dirs.push(Preopen {
            host: "/y".into(),
            guest: "/mnt".into(),
            writable: false,
        });
        assert!(!snapshot_applies(&policy));
    }

    #[test]
    fn argv_loads_the_precompiled_bootstrap_without_site() {
        let args = argv();
        assert_eq!(&args[..5], &["python3", "-S", "-u", "-B", "-c"]);
        assert_eq!(
            args[5],
            "import marshal;exec(marshal.loads(open(\"/var/runtime/bootstrap.code\",'rb').read()))"
        );
    }
}
