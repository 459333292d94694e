//! Ruby handlers: the pinned CRuby 3.4 WASI reactor (`artifacts::RUBY`) running
//! `guest-shims/ruby/bootstrap.rb`, pre-initialized once per artifact and bootstrap
//! (`sandbox::ruby_reactor`). `ruby3.2`, `ruby3.3` and `ruby3.4` all run on this interpreter.
//!
//! What is Ruby-specific: the snapshot (the interpreter after `ruby-init`, `require 'json'`, the
//! bootstrap and net/http, taken with wasmtime-wizer), the empty `/var` preopen CRuby needs, the
//! fixed preopen layout the snapshot implies (with a few slots `--mount` directories fill), and
//! the AWS Ruby runtime's `GEM_PATH`.

use super::artifacts::{self, RUBY};
use super::local;
use crate::exit::UsageError;
use crate::invocation::LocalInvocation;
use crate::outcome::{FunctionError, InvokeResult};
use crate::sandbox::ruby_reactor::{self, RubyInstance};
use crate::sandbox::task_dir::TaskDir;
use crate::sandbox::{Failure, LogSink, StderrSink};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The bootstrap, embedded: it is evaluated once, while the snapshot is built.
pub const BOOTSTRAP: &str = include_str!("../../guest-shims/ruby/bootstrap.rb");

/// Net::HTTP over the host (it loads net/http into the snapshot), evaluated after the bootstrap.
pub const NET_HTTP: &str = include_str!("../../guest-shims/ruby/net_http.rb");

/// What the snapshot evaluates after `ruby-init`, in order, under these file names.
pub const GUEST_SOURCES: &[ruby_reactor::GuestSource] = &[
    ("/var/runtime/bootstrap.rb", BOOTSTRAP),
    ("/var/runtime/net_http.rb", NET_HTTP),
];

/// Names how the snapshot is made beyond its inputs (preopen layout, evaluation order): change it
/// whenever `ruby_reactor`'s snapshot recipe changes, so no stale snapshot is reused.
const SNAPSHOT_RECIPE: &str =
    "preopens /var/task /tmp /var and the mount slots; init args; sources in order; GC; fixed seed; v5";

/// The cache key of the pre-initialized module: whatever changes the snapshot's memory image.
/// (The compiled-code cache adds the engine's compatibility hash.)
pub fn snapshot_key() -> String {
    let mut hash = Sha256::new();
    hash.update(RUBY.sha256.as_bytes());
    hash.update(SNAPSHOT_RECIPE.as_bytes());
    hash.update(ruby_reactor::MOUNT_SLOTS.to_le_bytes());
    // Not part of the engine's compatibility hash, but decides how the image is mapped.
    hash.update(ruby_reactor::DENSE_IMAGE_BYTES.to_le_bytes());
    for (path, source) in GUEST_SOURCES {
        hash.update(path.as_bytes());
        hash.update([0]);
        hash.update(source.as_bytes());
        hash.update([0]);
    }
    hash.update(ruby_reactor::RUBY_INIT_ARGS.join("\0").as_bytes());
    hash.update(b"wasmtime-wizer 48.0.8");
    hex::encode(&hash.finalize()[..16])
}

/// Run one Ruby invocation locally; logs go to stderr.
pub fn invoke_local(inv: &LocalInvocation) -> anyhow::Result<InvokeResult> {
    invoke_local_with_log(inv, Arc::new(StderrSink))
}

/// Run one Ruby invocation locally, its log stream going to `log`.
pub fn invoke_local_with_log(
    inv: &LocalInvocation,
    log: Arc<dyn LogSink>,
) -> anyhow::Result<InvokeResult> {
    let task = local::task_dir(inv)?;
    let mut instance = instance(inv, &task, log)?;
    local::run(&mut instance, inv, failure_error)
}

/// A live CRuby guest for `inv` with `task` at /var/task, its handler not yet loaded.
pub fn instance(
    inv: &LocalInvocation,
    task: &TaskDir,
    log: Arc<dyn LogSink>,
) -> anyhow::Result<RubyInstance> {
    check_mounts(inv)?;
    let store = artifacts::Store::from_env();
    let wasm = local::require_artifact(&store, &RUBY, inv)?;
    let module = snapshot(&store, &wasm)?;
    let mut policy = local::policy(inv, task)?;
    let mounts = ruby_reactor::fixed_preopens(&mut policy, &ruby_reactor::empty_dir(store.root())?);
    if !policy.env.iter().any(|(k, _)| k == "GEM_PATH") {
        policy
            .env
            .push(("GEM_PATH".to_owned(), gem_path(&inv.runtime)));
    }
    let table_file = store
        .root()
        .join(format!("ruby-preopen-table-{}.json", snapshot_key()));
    RubyInstance::start(&module, &policy, &mounts, &table_file, log)
}

/// The AWS Ruby runtime's gem path for `runtime` (`ruby3.3` → `.../ruby/3.3.0`): gems vendored
/// with `bundle config set path vendor/bundle`, then a layer's `ruby/gems`.
fn gem_path(runtime: &str) -> String {
    let version = runtime
        .strip_prefix("ruby")
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .unwrap_or("3.4");
    format!("/var/task/vendor/bundle/ruby/{version}.0:/opt/ruby/gems/{version}.0")
}

/// The pre-initialized interpreter has room for [`ruby_reactor::MOUNT_SLOTS`] mounts, and
/// wasi-libc's preopen table cannot hold a path with `..`.
fn check_mounts(inv: &LocalInvocation) -> Result<(), UsageError> {
    if inv.mounts.len() > ruby_reactor::MOUNT_SLOTS {
        return Err(UsageError::new(format!(
            "--mount: the {} runtime takes at most {} mounts ({} given)",
            inv.runtime,
            ruby_reactor::MOUNT_SLOTS,
            inv.mounts.len()
        ))
        .hint("mount a common parent directory once instead of several siblings"));
    }
    match inv
        .mounts
        .iter()
        .find(|m| ruby_reactor::table_prefix(&m.guest).is_none())
    {
        Some(m) => Err(UsageError::new(format!(
            "--mount: the guest path `{}` must not contain `..`",
            m.guest
        ))),
        None => Ok(()),
    }
}

/// The pre-initialized interpreter (built once, then loaded from the compiled-code cache).
fn snapshot(store: &artifacts::Store, wasm: &Path) -> anyhow::Result<wasmtime::Module> {
    ruby_reactor::snapshot_module(
        wasm,
        &snapshot_key(),
        GUEST_SOURCES,
        &ruby_reactor::empty_dir(store.root())?,
    )
}

/// What `runtimes install ruby` prepares beyond storing the file: the snapshot, compiled.
pub fn prepare(store: &artifacts::Store, wasm: &Path) -> anyhow::Result<()> {
    snapshot(store, wasm).map(drop)
}

/// Whether [`prepare`] has run for this artifact and this lambdabox's bootstrap.
pub fn is_prepared() -> bool {
    ruby_reactor::has_snapshot(&snapshot_key())
}

/// How the Ruby runtime reports a sandbox failure.
pub fn failure_error(failure: &Failure) -> FunctionError {
    match failure {
        // Ruby's own VM stack check raises SystemStackError first; this is a C-level overflow.
        Failure::StackOverflow => FunctionError::new("SystemStackError", "stack level too deep"),
        other => other.to_function_error(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_key_is_stable_and_short() {
        assert_eq!(snapshot_key(), snapshot_key());
        assert_eq!(snapshot_key().len(), 32);
    }

    #[test]
    fn the_gem_path_follows_the_declared_ruby_version() {
        assert_eq!(
            gem_path("ruby3.2"),
            "/var/task/vendor/bundle/ruby/3.2.0:/opt/ruby/gems/3.2.0"
        );
        assert_eq!(gem_path("ruby3.4"), gem_path("ruby"));
    }

    #[test]
    fn the_bootstrap_is_embedded() {
        assert!(BOOTSTRAP.contains(":handle_message"));
    }
}
