//! Driving the CRuby WASI reactor of `@ruby/3.4-wasm-wasi` (`ruby+stdlib.wasm`).
//!
//! The reactor has no `_start`: the host calls `_initialize`, then `ruby-init(list<string>)`, then
//! evaluates code with `rb-eval-string-protect(string)`. These exports use the legacy
//! (pre-component) canonical ABI: strings are `(ptr, len)` in guest memory allocated with
//! `cabi_realloc` — and NUL-terminated, because the guest hands them to C `rb_eval_string`;
//! `list<string>` is a `cabi_realloc`'d array of `(ptr, len)` pairs; results come back through a
//! return area. Values cross as handles into a host-side table the guest fills through the
//! `canonical_abi` resource imports. The 21 `rb-js-abi-host` imports exist for the browser
//! (`require 'js'`); here they trap.
//!
//! Pre-initialization (wasmtime-wizer's split API): [`build_snapshot`] instruments the module,
//! runs `_initialize` + `ruby-init` + the guest sources (the bootstrap, which requires `json`, and
//! the Net::HTTP transport, which loads net/http), and snapshots linear memory and globals into a
//! new module whose start-up costs milliseconds instead of ~0.45 s.

use super::clock::{Budget, Clock};
pub use super::engine::DENSE_IMAGE_BYTES;
use super::engine::{engine, on_guest_thread};
use super::guard::{self, Guard, HasGuard};
use super::limits::{Failure, MemoryGauge};
use super::net::NetPolicy;
use super::policy::{Policy, Preopen, SNAPSHOT_DETERMINISM};
use super::scratch::Scratch;
use super::stdio::{
    http_reply, init_answer, invoke_answer, invoke_message, new_nonce, FrameSplitter, Piece,
};
use super::streams::{ByteSink, ChannelStdin, GuestOutput, Log, LogSink, MemorySink};
use super::wasi::{build_ctx, GuestStdio};
use super::{Called, HandlerSpec, HostRuntime, InvokeContext};
use crate::outcome::Response;
use serde_json::{json, Value};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use wasmtime::error::Context as _;
use wasmtime::{bail, Result};
use wasmtime::{Caller, Extern, Instance, Linker, Module, Store, TypedFunc, Val};
use wasmtime_wasi::p1::WasiP1Ctx;

/// `ruby-init` arguments: UTF-8 everywhere, and an empty `-e` so init loads nothing else.
pub const RUBY_INIT_ARGS: &[&str] = &["ruby.wasm", "-EUTF-8", "-e_=0"];

/// A Ruby file evaluated into the snapshot: the name it is evaluated under (it appears in
/// backtraces; the bootstrap cuts them at its own frames) and its source.
pub type GuestSource = (&'static str, &'static str);

/// The guest's `rb-abi-value` handles: the host-side table of the legacy canonical ABI. The
/// guest stores a value with `resource_new` and the host gets a handle back from an export.
#[derive(Debug, Default)]
pub struct RbHandles {
    slots: Vec<Option<i32>>,
    free: Vec<u32>,
}

impl RbHandles {
    fn insert(&mut self, raw: i32) -> i32 {
        match self.free.pop() {
            Some(index) => {
                self.slots[index as usize] = Some(raw);
                index as i32
            }
            None => {
                self.slots.push(Some(raw));
                (self.slots.len() - 1) as i32
            }
        }
    }

    fn get(&self, handle: i32) -> Option<i32> {
        self.slots
            .get(usize::try_from(handle).ok()?)
            .copied()
            .flatten()
    }

    fn remove(&mut self, handle: i32) -> Option<i32> {
        let raw = self.slots.get_mut(usize::try_from(handle).ok()?)?.take()?;
        self.free.push(handle as u32);
        Some(raw)
    }
}

/// Defines the reactor's non-WASI imports in `linker`: the `canonical_abi` handle table and
/// trapping `rb-js-abi-host` functions (their signatures are taken from `module`).
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    module: &Module,
    handles: fn(&mut T) -> &mut RbHandles,
) -> Result<()> {
    linker.func_wrap(
        "canonical_abi",
        "resource_new_rb-abi-value",
        move |mut caller: Caller<'_, T>, raw: i32| handles(caller.data_mut()).insert(raw),
    )?;
    linker.func_wrap(
        "canonical_abi",
        "resource_get_rb-abi-value",
        move |mut caller: Caller<'_, T>, handle: i32| -> wasmtime::Result<i32> {
            handles(caller.data_mut()).get(handle).ok_or_else(|| {
                wasmtime::Error::msg(format!(
                    "ruby reactor: invalid rb-abi-value handle {handle}"
                ))
            })
        },
    )?;
    for import in module.imports() {
        let trapping = import.module() == "rb-js-abi-host"
            || (import.module() == "canonical_abi"
                && import.name() == "resource_drop_js-abi-value");
        if !trapping {
            continue;
        }
        let Some(ty) = import.ty().func().cloned() else {
            continue;
        };
        let name = import.name().to_owned();
        linker.func_new(import.module(), import.name(), ty, move |_, _, _| {
            Err(wasmtime::Error::msg(format!(
                "ruby: `{name}` needs a JavaScript host (`require 'js'` is not available in lambdabox)"
            )))
        })?;
    }
    Ok(())
}

/// The reactor's exports, resolved once per instance.
pub struct Reactor {
    memory: wasmtime::Memory,
    realloc: TypedFunc<(i32, i32, i32, i32), i32>,
    init: TypedFunc<(i32, i32), ()>,
    eval: TypedFunc<(i32, i32), i32>,
    drop_value: TypedFunc<i32, ()>,
}

/// `rb-eval-string-protect` reported an exception that escaped the evaluated code.
#[derive(Debug, thiserror::Error)]
#[error("ruby: evaluating {what} raised an exception (protect state {state})")]
pub struct EvalError {
    pub what: String,
    pub state: i32,
}

impl Reactor {
    pub fn new<T>(store: &mut Store<T>, instance: &Instance) -> Result<Self> {
        let memory = instance
            .get_memory(&mut *store, "memory")
            .context("ruby reactor exports no memory")?;
        Ok(Self {
            memory,
            realloc: instance.get_typed_func(&mut *store, "cabi_realloc")?,
            init: instance
                .get_typed_func(&mut *store, "ruby-init: func(args: list<string>) -> ()")?,
            eval: instance.get_typed_func(
                &mut *store,
                "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>",
            )?,
            drop_value: instance.get_typed_func(&mut *store, "canonical_abi_drop_rb-abi-value")?,
        })
    }

    /// `_initialize` (C constructors, WASI preopens) then `ruby-init(args)`.
    pub fn initialize<T>(
        &self,
        store: &mut Store<T>,
        instance: &Instance,
        args: &[&str],
    ) -> Result<()> {
        if let Some(Extern::Func(start)) = instance.get_export(&mut *store, "_initialize") {
            start
                .typed::<(), ()>(&mut *store)?
                .call(&mut *store, ())
                .context("ruby: _initialize")?;
        }
        let array = self.alloc(store, 4, 8 * args.len())?;
        for (i, arg) in args.iter().enumerate() {
            let (ptr, len) = self.string(store, arg)?;
            let mut pair = [0u8; 8];
            pair[..4].copy_from_slice(&ptr.to_le_bytes());
            pair[4..].copy_from_slice(&len.to_le_bytes());
            self.memory
                .write(&mut *store, array as usize + 8 * i, &pair)?;
        }
        self.init
            .call(&mut *store, (array, args.len() as i32))
            .context("ruby: ruby-init")?;
        Ok(())
    }

    /// Evaluates `code` at top level. `what` names it in errors.
    pub fn eval<T>(
        &self,
        store: &mut Store<T>,
        handles: fn(&mut T) -> &mut RbHandles,
        code: &str,
        what: &str,
    ) -> Result<()> {
        let (ptr, len) = self.string(store, code)?;
        let ret = self.eval.call(&mut *store, (ptr, len))?;
        let mut pair = [0u8; 8];
        self.memory.read(&*store, ret as usize, &mut pair)?;
        let handle = i32::from_le_bytes(pair[..4].try_into().unwrap());
        let state = i32::from_le_bytes(pair[4..].try_into().unwrap());
        // Release the result value: the guest keeps it alive (a GC root) until dropped.
        if let Some(raw) = handles(store.data_mut()).remove(handle) {
            self.drop_value.call(&mut *store, raw)?;
        }
        if state != 0 {
            return Err(wasmtime::Error::new(EvalError {
                what: what.to_owned(),
                state,
            }));
        }
        Ok(())
    }

    fn alloc<T>(&self, store: &mut Store<T>, align: i32, size: usize) -> Result<i32> {
        let size = i32::try_from(size).context("ruby: argument too large")?;
        let ptr = self.realloc.call(&mut *store, (0, 0, align, size.max(1)))?;
        if ptr == 0 {
            bail!("ruby: cabi_realloc could not allocate {size} bytes");
        }
        Ok(ptr)
    }

    /// Copies `text` into guest memory with a trailing NUL; returns `(ptr, len)` without it.
    fn string<T>(&self, store: &mut Store<T>, text: &str) -> Result<(i32, i32)> {
        if text.contains('\0') {
            bail!("ruby: a string passed to the reactor contains a NUL byte");
        }
        let ptr = self.alloc(store, 1, text.len() + 1)?;
        self.memory
            .write(&mut *store, ptr as usize, text.as_bytes())?;
        self.memory
            .write(&mut *store, ptr as usize + text.len(), &[0])?;
        Ok((ptr, text.len() as i32))
    }
}

/// `text` as a Ruby single-quoted literal (only `\\` and `\'` are escapes there).
pub fn ruby_string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if c == '\\' || c == '\'' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The code that evaluates `source` at top level under the file name `path`.
pub fn file_eval_code(path: &str, source: &str) -> String {
    format!(
        "eval({}, TOPLEVEL_BINDING, {}, 1)",
        ruby_string_literal(source),
        ruby_string_literal(path)
    )
}

/// The code that hands one transport message to the bootstrap.
pub fn message_eval_code(message_json: &str) -> String {
    format!(
        "Lambdabox.handle_message({})",
        ruby_string_literal(message_json)
    )
}

/// Pre-initializes `ruby_wasm`: instantiate the instrumented module in `store` (whose data owns
/// the WASI context; its preopens must be the ones used at run time), run `_initialize`,
/// `ruby-init` and the `sources` in order, and return the snapshot as a new wasm module.
pub fn build_snapshot<T: Send + 'static>(
    store: &mut Store<T>,
    linker: &mut Linker<T>,
    handles: fn(&mut T) -> &mut RbHandles,
    ruby_wasm: &[u8],
    sources: &[GuestSource],
) -> Result<Vec<u8>> {
    let mut wizer = wasmtime_wizer::Wizer::new();
    // Removes `_initialize` from the snapshot: constructors already ran.
    wizer.init_func("_initialize");
    let (cx, instrumented) = wizer
        .instrument(ruby_wasm)
        .context("ruby: instrumenting for the snapshot")?;
    let module = Module::new(store.engine(), &instrumented)
        .context("ruby: compiling the instrumented module")?;
    add_to_linker(linker, &module, handles)?;
    let instance = linker
        .instantiate(&mut *store, &module)
        .context("ruby: instantiating")?;
    let reactor = Reactor::new(store, &instance)?;
    reactor.initialize(store, &instance, RUBY_INIT_ARGS)?;
    for (path, source) in sources {
        reactor.eval(store, handles, &file_eval_code(path, source), path)?;
    }
    // Leave no garbage from start-up in the image: a restored guest then allocates from swept,
    // page-ordered free lists (fewer first-touch page faults) and its first GC has less to do.
    reactor.eval(
        store,
        handles,
        "GC.start(full_mark: true, immediate_sweep: true)",
        "the pre-snapshot GC",
    )?;
    let mut state = SnapshotState { store, instance };
    block_on(wizer.snapshot(&cx, &mut state)).context("ruby: taking the snapshot")
}

/// An instance as wasmtime-wizer reads it for a snapshot (also used by `python_snapshot`).
pub(super) struct SnapshotState<'a, T: 'static> {
    pub(super) store: &'a mut Store<T>,
    pub(super) instance: Instance,
}

impl<T: Send> wasmtime_wizer::InstanceState for SnapshotState<'_, T> {
    async fn global_get(
        &mut self,
        name: &str,
        _: wasmtime_wizer::ValType,
    ) -> wasmtime_wizer::SnapshotVal {
        use wasmtime_wizer::SnapshotVal;
        let global = self
            .instance
            .get_global(&mut *self.store, name)
            .expect("instrumented global");
        match global.get(&mut *self.store) {
            Val::I32(x) => SnapshotVal::I32(x),
            Val::I64(x) => SnapshotVal::I64(x),
            Val::F32(x) => SnapshotVal::F32(x),
            Val::F64(x) => SnapshotVal::F64(x),
            Val::V128(x) => SnapshotVal::V128(x.as_u128()),
            other => panic!("ruby snapshot: unsupported global value {other:?}"),
        }
    }

    async fn memory_contents(&mut self, name: &str, contents: impl FnOnce(&[u8]) + Send) {
        let memory = self
            .instance
            .get_memory(&mut *self.store, name)
            .expect("instrumented memory");
        contents(memory.data(&*self.store))
    }
}

/// Polls a future that never waits (the snapshot reads an instance synchronously).
pub(super) fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// A wasmtime error as an anyhow error (wasmtime 48 has its own error type).
fn wt(err: wasmtime::Error) -> anyhow::Error {
    anyhow::anyhow!("{err:?}")
}

/// The guest path of the empty read-only directory CRuby needs: without a preopen at `/var`,
/// `require` fails in `realpath` of `/var/task/...`.
pub const VAR_DIR: &str = "/var";

/// How long past its deadline a guest stuck in a host call is waited for.
const GRACE: Duration = Duration::from_secs(1);

/// Budget for building the snapshot (`ruby-init` + `require 'json'` + the bootstrap).
const SNAPSHOT_TIMEOUT: Duration = Duration::from_secs(300);

/// How many `--mount` directories a Ruby sandbox can take.
pub const MOUNT_SLOTS: usize = 4;

/// The guest name of mount slot `i` in the snapshot. An unused slot is an empty read-only
/// directory under that name.
fn slot_guest_path(i: usize) -> String {
    format!("{VAR_DIR}/.lambdabox-mount-{i}")
}

/// A `--mount` placed in a slot: its directory is preopened at the slot's position, and after
/// restore wasi-libc's preopen table maps `prefix` (the guest path) to the slot's descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotMount {
    slot: usize,
    prefix: String,
}

/// A guest path as wasi-libc's preopen table holds it: no leading `/`, no empty or `.`
/// components; `None` if it has a `..` component.
pub fn table_prefix(guest: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in guest.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The preopens of a Ruby sandbox, in the order the snapshot recorded them. wasi-libc reads its
/// preopen table during `_initialize` and wasi-vfs (which serves the embedded stdlib) numbers
/// its descriptors after the host's, so the snapshot fixes how many there are and where:
/// `/var/task`, `/tmp` (from the policy's own fields), `/var`, then [`MOUNT_SLOTS`] slots. The
/// policy's extra directories (the `--mount`s, at most [`MOUNT_SLOTS`], paths checked with
/// [`table_prefix`]) move into the slots; the returned list is for [`RubyInstance::start`].
pub fn fixed_preopens(policy: &mut Policy, empty_dir: &Path) -> Vec<SlotMount> {
    let mounts = std::mem::take(&mut policy.extra_dirs);
    let mut placed = Vec::new();
    policy.extra_dirs.push(Preopen {
        host: empty_dir.to_owned(),
        guest: VAR_DIR.to_owned(),
        writable: false,
    });
    for slot in 0..MOUNT_SLOTS {
        let (host, writable) = match mounts.get(slot) {
            Some(mount) => {
                placed.push(SlotMount {
                    slot,
                    prefix: table_prefix(&mount.guest).unwrap_or_default(),
                });
                (mount.host.clone(), mount.writable)
            }
            None => (empty_dir.to_owned(), false),
        };
        policy.extra_dirs.push(Preopen {
            host,
            guest: slot_guest_path(slot),
            writable,
        });
    }
    placed
}

/// The WASI descriptor of `policy.extra_dirs[index]` (`wasi::build_ctx` preopens `/var/task`,
/// the runtime directory if any, `/tmp`, then the extra directories, from fd 3 on).
fn extra_dir_fd(policy: &Policy, index: usize) -> u32 {
    (3 + 1 + usize::from(policy.runtime_dir.is_some()) + 1 + index) as u32
}

/// Points wasi-libc's preopen table entries of the used mount slots at the mounts' guest paths.
/// The table (an array of `{const char *prefix; int fd;}`, the prefixes without their leading
/// `/`) is found by its content: an entry holding a pointer to the slot's NUL-terminated name
/// and the slot's descriptor. Scanning touches the whole memory image (~0.3 s), so the offsets
/// are remembered in `table_file` (one per snapshot) and checked before each use. Each new
/// prefix is a fresh guest allocation.
fn retarget_mount_slots<T>(
    store: &mut Store<T>,
    reactor: &Reactor,
    policy: &Policy,
    mounts: &[SlotMount],
    table_file: &Path,
) -> Result<()> {
    if mounts.is_empty() {
        return Ok(());
    }
    let slot = |i: usize| {
        let name = table_prefix(&slot_guest_path(i)).unwrap_or_default();
        (name.into_bytes(), extra_dir_fd(policy, 1 + i))
    };
    let memory = reactor.memory.data(&*store);
    let remembered: Option<Vec<Vec<usize>>> = std::fs::read(table_file)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let table = match remembered {
        Some(table)
            if table.len() == MOUNT_SLOTS
                && mounts.iter().all(|m| {
                    let (name, fd) = slot(m.slot);
                    !table[m.slot].is_empty()
                        && table[m.slot]
                            .iter()
                            .all(|&at| is_table_entry(memory, at, &name, fd))
                }) =>
        {
            table
        }
        _ => {
            let table: Vec<Vec<usize>> = (0..MOUNT_SLOTS)
                .map(|i| {
                    let (name, fd) = slot(i);
                    find_table_entries(memory, &name, fd)
                })
                .collect();
            // Best effort: without the file the next run scans again.
            if let Ok(json) = serde_json::to_vec(&table) {
                let tmp = table_file.with_extension(format!("tmp{}", std::process::id()));
                if std::fs::write(&tmp, json).is_ok() {
                    let _ = std::fs::rename(&tmp, table_file);
                }
            }
            table
        }
    };
    for mount in mounts {
        let entries = &table[mount.slot];
        if entries.is_empty() {
            bail!(
                "ruby: wasi-libc's preopen table has no entry for mount slot {}",
                mount.slot
            );
        }
        let (ptr, _) = reactor.string(store, &mount.prefix)?;
        for &at in entries {
            reactor
                .memory
                .write(&mut *store, at, &(ptr as u32).to_le_bytes())?;
        }
    }
    Ok(())
}

/// Whether `memory` holds a preopen-table entry `{pointer to name, fd}` at `at`.
fn is_table_entry(memory: &[u8], at: usize, name: &[u8], fd: u32) -> bool {
    let word = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(memory.get(i..i + 4)?.try_into().ok()?))
    };
    let (Some(ptr), Some(entry_fd)) = (word(at), word(at + 4)) else {
        return false;
    };
    let ptr = ptr as usize;
    entry_fd == fd
        && memory.get(ptr..ptr + name.len()) == Some(name)
        && memory.get(ptr + name.len()) == Some(&0)
        && (ptr == 0 || memory[ptr - 1] == 0)
}

/// Offsets of preopen-table entries `{pointer to name, fd}` in `memory`.
fn find_table_entries(memory: &[u8], name: &[u8], fd: u32) -> Vec<usize> {
    let mut needle = name.to_vec();
    needle.push(0);
    let mut entries = Vec::new();
    for at in memchr::memmem::find_iter(memory, &needle) {
        // Only a whole string: the byte before it ends another one (or it starts memory).
        if at > 0 && memory[at - 1] != 0 {
            continue;
        }
        let mut entry = (at as u32).to_le_bytes().to_vec();
        entry.extend_from_slice(&fd.to_le_bytes());
        entries.extend(memchr::memmem::find_iter(memory, &entry).filter(|e| e % 4 == 0));
    }
    entries
}

/// The store data of a Ruby reactor.
struct RubyState {
    wasi: WasiP1Ctx,
    guard: Guard,
    handles: RbHandles,
}

impl HasGuard for RubyState {
    fn guard(&mut self) -> &mut Guard {
        &mut self.guard
    }
}

fn handles(state: &mut RubyState) -> &mut RbHandles {
    &mut state.handles
}

/// A store for `policy` whose stdout goes to `stdout` (and stdin comes from `stdin`, or is empty).
fn new_store(
    policy: &Policy,
    log: Arc<dyn LogSink>,
    stdin: Option<ChannelStdin>,
    stdout: impl FnOnce(Arc<Log>) -> GuestOutput,
) -> anyhow::Result<(Store<RubyState>, Budget, Arc<Scratch>)> {
    let engine = engine()?;
    let scratch = Arc::new(Scratch::new(policy.tmp_bytes)?);
    let clock = Clock::new(policy.determinism);
    let log = Log::new(log, policy.max_log_bytes);
    let stdout = stdout(log.clone());
    let wasi = build_ctx(
        policy,
        scratch.path(),
        &clock,
        GuestStdio {
            stdin,
            stdout,
            stderr: GuestOutput(log.clone()),
        },
    )?
    .build_p1();
    let guard = Guard::new(policy, clock, log, scratch.clone());
    let budget = guard.budget.clone();
    let mut store = Store::new(
        engine,
        RubyState {
            wasi,
            guard,
            handles: RbHandles::default(),
        },
    );
    guard::arm(&mut store);
    Ok((store, budget, scratch))
}

fn new_linker() -> anyhow::Result<Linker<RubyState>> {
    let mut linker = Linker::<RubyState>::new(engine()?);
    super::p1_poll::add_to_linker(&mut linker, |s: &mut RubyState| &mut s.wasi).map_err(wt)?;
    Ok(linker)
}

/// The pre-initialized module for `ruby_wasm` (the pinned artifact, verified on install),
/// cached under `key` like compiled code; built (slow: two compiles of a 30 MB interpreter) only
/// when the cache has no entry. `empty_dir` is the empty host directory used for `/var` (and
/// for `/var/task` while the snapshot is taken).
pub fn snapshot_module(
    ruby_wasm: &Path,
    key: &str,
    sources: &[GuestSource],
    empty_dir: &Path,
) -> anyhow::Result<Module> {
    super::cache::module_with("ruby-snapshot", key, || {
        let wasm = std::fs::read(ruby_wasm)
            .map_err(|e| anyhow::anyhow!("reading {}: {e}", ruby_wasm.display()))?;
        let mut policy = Policy::new(empty_dir, SNAPSHOT_TIMEOUT, 1024);
        policy.determinism = Some(SNAPSHOT_DETERMINISM);
        fixed_preopens(&mut policy, empty_dir);
        let log = Arc::new(MemorySink::default());
        let (mut store, _, _scratch) =
            new_store(&policy, log.clone(), None, |log| GuestOutput(log))?;
        store.data_mut().guard.begin();
        let mut linker = new_linker()?;
        let snapshot =
            build_snapshot(&mut store, &mut linker, handles, &wasm, sources).map_err(|e| {
                wt(e).context(format!(
                    "pre-initializing the ruby runtime; its output: {}",
                    String::from_utf8_lossy(&log.contents())
                ))
            })?;
        Ok(snapshot)
    })
}

/// Whether the snapshot for `key` is in the compiled-code cache.
pub fn has_snapshot(key: &str) -> bool {
    super::cache::has_module("ruby-snapshot", key)
}

/// The reactor's stdout: frames with the nonce are kept for the host, the rest is log. An
/// `http` frame (the handler's outbound request) is performed at once and answered on the
/// guest's stdin, which the bootstrap reads before it returns to the handler.
struct FrameCollector {
    splitter: Mutex<FrameSplitter>,
    pieces: Mutex<Vec<Piece>>,
    log: Arc<Log>,
    http: HttpAnswerer,
}

/// What answering an `http` frame needs.
struct HttpAnswerer {
    net: NetPolicy,
    /// Set once the store (which owns the budget) exists.
    budget: OnceLock<Budget>,
    stdin: tokio::sync::mpsc::UnboundedSender<bytes::Bytes>,
}

impl HttpAnswerer {
    /// Perform `request` on a thread of its own (this runs inside a WASI call, on the guest's
    /// async runtime) and send the reply line to the guest's stdin.
    fn answer(&self, request: Value) {
        let net = self.net.clone();
        let time_left = self.budget.get().map_or(Duration::ZERO, Budget::remaining);
        let stdin = self.stdin.clone();
        std::thread::spawn(move || {
            let reply = http_reply(&request, &net, time_left);
            let mut line = reply.to_string().into_bytes();
            line.push(b'\n');
            let _ = stdin.send(line.into());
        });
    }
}

/// Whether a frame is an `http` request (its JSON is parsed; answers are parsed again later).
fn http_request(frame: &[u8]) -> Option<Value> {
    let value: Value = serde_json::from_slice(frame).ok()?;
    (value.get("type").and_then(Value::as_str) == Some("http")).then_some(value)
}

impl ByteSink for FrameCollector {
    fn write(&self, bytes: &[u8]) {
        let mut splitter = self.splitter.lock().unwrap_or_else(|e| e.into_inner());
        splitter.feed(bytes, &mut |piece| match piece {
            Piece::Log(text) => self.log.write(&text),
            Piece::Frame(frame) if frame.starts_with(br#"{"type":"http""#) => {
                match http_request(&frame) {
                    Some(request) => self.http.answer(request),
                    None => self.push(Piece::Frame(frame)),
                }
            }
            other => self.push(other),
        });
    }
}

impl FrameCollector {
    fn push(&self, piece: Piece) {
        self.pieces
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(piece);
    }
}

/// The store and exports, moved to a guest thread for each call and back.
struct Live {
    store: Store<RubyState>,
    reactor: Reactor,
}

/// A Ruby reactor restored from its snapshot; the stdio transport's messages are handed over by
/// `rb-eval-string-protect` and answered by frames on stdout (wit/stdio-transport.md, "The
/// CRuby reactor"). One instance may serve many invocations (warm).
pub struct RubyInstance {
    live: Option<Live>,
    collector: Arc<FrameCollector>,
    nonce: String,
    env: Vec<(String, String)>,
    budget: Budget,
    policy: Policy,
    crashed: Option<Failure>,
    memory: MemoryGauge,
    _scratch: Arc<Scratch>,
}

impl RubyInstance {
    /// Instantiate the snapshot `module` under `policy`, whose preopens must be the snapshot's
    /// ([`fixed_preopens`], which placed `mounts`). `table_file` remembers where the snapshot's
    /// preopen table is (one file per snapshot).
    pub fn start(
        module: &Module,
        policy: &Policy,
        mounts: &[SlotMount],
        table_file: &Path,
        log: Arc<dyn LogSink>,
    ) -> anyhow::Result<Self> {
        let nonce = new_nonce();
        let max_frame = policy.max_response_bytes.saturating_mul(8).max(1 << 20);
        let mut collector = None;
        let (stdin_tx, stdin) = ChannelStdin::new();
        let (mut store, budget, scratch) = new_store(policy, log, Some(stdin), |log| {
            let c = Arc::new(FrameCollector {
                splitter: Mutex::new(FrameSplitter::new(&nonce, max_frame)),
                pieces: Mutex::new(Vec::new()),
                log,
                http: HttpAnswerer {
                    net: policy.net.clone(),
                    budget: OnceLock::new(),
                    stdin: stdin_tx,
                },
            });
            collector = Some(c.clone());
            GuestOutput(c)
        })?;
        let collector: Arc<FrameCollector> = collector.expect("set by new_store");
        let _ = collector.http.budget.set(budget.clone());
        let memory = store.data().guard.memory.gauge();
        let mut linker = new_linker()?;
        add_to_linker(&mut linker, module, handles).map_err(wt)?;
        let instance = linker.instantiate(&mut store, module).map_err(wt)?;
        let reactor = Reactor::new(&mut store, &instance).map_err(wt)?;
        retarget_mount_slots(&mut store, &reactor, policy, mounts, table_file).map_err(wt)?;
        Ok(Self {
            live: Some(Live { store, reactor }),
            collector,
            nonce,
            env: policy.env.clone(),
            budget,
            policy: policy.clone(),
            crashed: None,
            memory,
            _scratch: scratch,
        })
    }

    /// Evaluate one message on a guest thread (deep wasm stack) and take its answer frame.
    fn request(&mut self, message: &str) -> anyhow::Result<Result<Value, Failure>> {
        if let Some(failure) = &self.crashed {
            anyhow::bail!(
                "this sandbox instance crashed earlier ({failure}) and must be discarded"
            );
        }
        let Some(mut live) = self.live.take() else {
            anyhow::bail!("this sandbox instance was abandoned by an earlier call");
        };
        let code = message_eval_code(message);
        let (tx, rx) = mpsc::channel();
        on_guest_thread("lambdabox-ruby-guest", move || {
            let result = guard::call(&mut live.store, |store| {
                live.reactor.eval(store, handles, &code, "a message")
            });
            let _ = tx.send((live, result));
        })?;
        let answer = match rx.recv_timeout(self.policy.timeout + GRACE) {
            Ok((live, result)) => {
                self.live = Some(live);
                result.and_then(|()| self.take_frame())
            }
            // Stuck in a host call past its deadline: the thread keeps the store; it is abandoned.
            Err(_) => Err(Failure::Timeout(self.policy.timeout)),
        };
        if let Err(failure) = &answer {
            self.crashed = Some(failure.clone());
        }
        Ok(answer)
    }

    fn take_frame(&self) -> Result<Value, Failure> {
        let pieces = std::mem::take(
            &mut *self
                .collector
                .pieces
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        match pieces.into_iter().next() {
            Some(Piece::Frame(frame)) => serde_json::from_slice(&frame).map_err(|e| {
                Failure::Protocol(format!("the runtime sent a malformed message: {e}"))
            }),
            Some(_) => Err(Failure::Protocol(format!(
                "the runtime's answer exceeded {} bytes",
                self.policy.max_response_bytes
            ))),
            None => Err(Failure::Protocol(
                "the runtime returned without answering".into(),
            )),
        }
    }

    fn crash<T>(&mut self, failure: Failure) -> Called<T> {
        self.crashed = Some(failure.clone());
        Called::Crashed(failure)
    }
}

impl HostRuntime for RubyInstance {
    fn init(&mut self, spec: &HandlerSpec) -> anyhow::Result<Called<()>> {
        let env: serde_json::Map<String, Value> = self
            .env
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let msg = json!({"type": "init", "nonce": self.nonce, "handler": spec.handler, "taskRoot": spec.task_root, "env": env});
        Ok(match self.request(&msg.to_string())? {
            Err(failure) => Called::Crashed(failure),
            Ok(answer) => init_answer(&answer).unwrap_or_else(|f| self.crash(f)),
        })
    }

    fn invoke(&mut self, event: &[u8], ctx: &InvokeContext) -> anyhow::Result<Called<Response>> {
        let msg = invoke_message(event, ctx, self.budget.deadline_ms())?;
        Ok(match self.request(&msg)? {
            Err(failure) => Called::Crashed(failure),
            Ok(answer) => invoke_answer(&answer, &self.policy).unwrap_or_else(|f| self.crash(f)),
        })
    }

    fn peak_memory_bytes(&self) -> Option<u64> {
        Some(self.memory.peak_bytes())
    }
}

/// Where the empty `/var` directory lives: under `root`, created on first use.
pub fn empty_dir(root: &Path) -> anyhow::Result<PathBuf> {
    let dir = root.join("ruby-empty-var");
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_reused_after_removal() {
        let mut handles = RbHandles::default();
        let a = handles.insert(100);
        let b = handles.insert(200);
        assert_eq!((handles.get(a), handles.get(b)), (Some(100), Some(200)));
        assert_eq!(handles.remove(a), Some(100));
        assert_eq!(handles.get(a), None);
        assert_eq!(handles.remove(a), None, "double removal is refused");
        assert_eq!(handles.insert(300), a);
        assert_eq!(handles.get(-1), None);
    }

    #[test]
    fn table_prefixes_are_normalized_and_refuse_parent_components() {
        assert_eq!(table_prefix("/data/").as_deref(), Some("data"));
        assert_eq!(table_prefix("//a/./b").as_deref(), Some("a/b"));
        assert_eq!(table_prefix("/").as_deref(), Some(""));
        assert_eq!(table_prefix("/a/../etc"), None);
    }

    #[test]
    fn mounts_fill_the_slots_after_var_and_the_rest_stay_empty() {
        let mut policy = Policy::new("/task", Duration::from_secs(1), 128);
        policy.extra_dirs.push(Preopen {
            host: "/host/data".into(),
            guest: "/data/".into(),
            writable: true,
        });
        let placed = fixed_preopens(&mut policy, Path::new("/empty"));
        assert_eq!(
            placed,
            [SlotMount {
                slot: 0,
                prefix: "data".into()
            }]
        );
        let guests: Vec<_> = policy.extra_dirs.iter().map(|p| p.guest.as_str()).collect();
        assert_eq!(
            guests[..3],
            ["/var", "/var/.lambdabox-mount-0", "/var/.lambdabox-mount-1"]
        );
        assert_eq!(policy.extra_dirs.len(), 1 + MOUNT_SLOTS);
        assert!(
            policy.extra_dirs[1].writable && policy.extra_dirs[1].host == Path::new("/host/data")
        );
        assert!(policy.extra_dirs[2].host == Path::new("/empty") && !policy.extra_dirs[2].writable);
        // /var/task 3, /tmp 4, /var 5, slot 0 at 6.
        assert_eq!(extra_dir_fd(&policy, 1), 6);
    }

    #[test]
    fn table_entries_are_found_by_name_pointer_and_descriptor() {
        let mut memory = vec![0u8; 64];
        memory[9..13].copy_from_slice(b"var\0");
        memory[20..24].copy_from_slice(&9u32.to_le_bytes());
        memory[24..28].copy_from_slice(&6u32.to_le_bytes());
        // Same pointer, other descriptor: not an entry of this slot.
        memory[32..36].copy_from_slice(&9u32.to_le_bytes());
        memory[36..40].copy_from_slice(&7u32.to_le_bytes());
        assert_eq!(find_table_entries(&memory, b"var", 6), [20]);
        assert!(is_table_entry(&memory, 20, b"var", 6));
        assert!(!is_table_entry(&memory, 32, b"var", 6));
        assert!(!is_table_entry(&memory, 60, b"var", 6), "out of bounds");
        assert!(
            find_table_entries(&memory, b"ar", 6).is_empty(),
            "a suffix is not a name"
        );
    }

    #[test]
    fn literals_escape_only_backslash_and_quote() {
        assert_eq!(
            ruby_string_literal(r#"{"a":"it's \"x\" \\n"}"#),
            r#"'{"a":"it\'s \\"x\\" \\\\n"}'"#
        );
        assert_eq!(message_eval_code("{}"), "Lambdabox.handle_message('{}')");
    }
}
