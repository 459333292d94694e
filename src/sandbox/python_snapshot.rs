//! A pre-initialized CPython: the pinned WASI *command* snapshotted (wasmtime-wizer's split API)
//! after interpreter start-up, the bootstrap and its imports, so an invocation skips the
//! ~0.1 s CPython spends starting inside wasm.
//!
//! The interpreter exports only `memory`, `_start` and `wasi_vfs_pack_fs`, and it cannot be
//! entered half-way: wasm-opt inlined the whole `main` → `Py_BytesMain` → `Py_RunMain` chain
//! into `_start`, and its DWARF is tombstoned (every `DW_AT_low_pc` is 0), so no C function can
//! be found by name. Instead:
//!
//! 1. [`with_entry_exports`] adds an export of the function table and a mutable global
//!    `lambdabox_entry` (and drops the dead DWARF).
//! 2. The snapshot run is an ordinary `python3 -S -u -B -c SCRIPT` whose script executes the
//!    bootstrap's `_preinitialize()`: it imports what invocations need, writes the address of
//!    the Python function `_snapshot_entry` (its `id()`) to `/tmp`, and calls `os._exit(0)`.
//!    Memory and globals at that exit are the snapshot; `_start` is removed from it.
//! 3. On restore, [`call_entry`] calls that function object through its vectorcall slot (a
//!    table index stored in the object): the transport loop runs exactly as under `_start`.
//!
//! The C stack of the snapshot run is never unwound, only abandoned: `__stack_pointer` is
//! captured below its frames, so the interpreter's pointers into them (its thread state's
//! current frame) stay valid, as for an embedder calling back into Python.
//!
//! What the snapshot freezes: preopens (fds 3… in `Policy` order: `/var/task`, `/var/runtime`,
//! `/tmp`; no extra mounts), the environment of `os.environ` at build time (the host sends the
//! function's environment in `init`), `sys.argv`/`sys.flags`, and the str hash secret (drawn
//! from a fixed seed: `hash()` is the same in every run, deterministic or not). Modules that
//! seed themselves at import (`random`) are re-seeded by the entry.

use super::clock::Clock;
use super::engine::{engine, GUEST_THREAD_STACK};
use super::guard::{self, Guard, HasGuard};
use super::policy::{Policy, SNAPSHOT_DETERMINISM};
use super::ruby_reactor::{block_on, SnapshotState};
use super::scratch::Scratch;
use super::streams::{GuestOutput, Log, LogSink, MemorySink};
use super::wasi::{build_ctx, GuestStdio};
use super::StdioInstance;
use anyhow::Context as _;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasmtime::{Instance, Linker, Module, Store, Val};
use wasmtime_wasi::p1::WasiP1Ctx;

/// The exported global holding the address of the bootstrap's `_snapshot_entry` function.
pub const ENTRY_GLOBAL: &str = "lambdabox_entry";
/// The export of the interpreter's function table (function pointers are indices into it).
pub const TABLE_EXPORT: &str = "lambdabox_table";
/// Where `_preinitialize` writes the entry's address, in the snapshot run's `/tmp`.
const ENTRY_FILE: &str = "lambdabox-entry";
/// `offsetof(PyFunctionObject, vectorcall)` in CPython 3.12 on wasm32: the object header (2
/// words), 8 common fields and 6 more pointers, 4 bytes each.
const VECTORCALL_OFFSET: usize = 64;
/// Budget for building the snapshot.
const SNAPSHOT_TIMEOUT: Duration = Duration::from_secs(300);

/// Adds the exports the snapshot needs: the function table as [`TABLE_EXPORT`] and a new
/// mutable i32 global [`ENTRY_GLOBAL`] (appended, so no global index moves). DWARF custom
/// sections are dropped: they describe no code (all addresses are tombstones).
pub fn with_entry_exports(wasm: &[u8]) -> anyhow::Result<Vec<u8>> {
    use wasm_encoder::{ConstExpr, ExportKind, ExportSection, GlobalSection, GlobalType, ValType};
    use wasmparser::Payload;
    let mut out = wasm_encoder::Module::new();
    let mut globals_before = 0u32;
    let mut tables = 0u32;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.context("parsing the python interpreter")?;
        match &payload {
            Payload::ImportSection(reader) => {
                for import in reader.clone().into_imports() {
                    match import?.ty {
                        wasmparser::TypeRef::Global(_) => globals_before += 1,
                        wasmparser::TypeRef::Table(_) => tables += 1,
                        _ => {}
                    }
                }
            }
            Payload::TableSection(reader) => tables += reader.count(),
            Payload::GlobalSection(reader) => {
                let mut section = GlobalSection::new();
                for global in reader.clone() {
                    RoundtripReencoder
                        .parse_global(&mut section, global?)
                        .map_err(|e| anyhow::anyhow!("re-encoding a global: {e:?}"))?;
                }
                globals_before += reader.count();
                section.global(
                    GlobalType {
                        val_type: ValType::I32,
                        mutable: true,
                        shared: false,
                    },
                    &ConstExpr::i32_const(0),
                );
                out.section(&section);
                continue;
            }
            Payload::ExportSection(reader) => {
                anyhow::ensure!(tables == 1, "the interpreter has {tables} tables, not 1");
                let mut section = ExportSection::new();
                for export in reader.clone() {
                    RoundtripReencoder
                        .parse_export(&mut section, export?)
                        .map_err(|e| anyhow::anyhow!("re-encoding an export: {e:?}"))?;
                }
                section.export(TABLE_EXPORT, ExportKind::Table, 0);
                section.export(ENTRY_GLOBAL, ExportKind::Global, globals_before);
                out.section(&section);
                continue;
            }
            Payload::CustomSection(custom) if custom.name().starts_with(".debug_") => continue,
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            out.section(&wasm_encoder::RawSection {
                id,
                data: &wasm[range],
            });
        }
    }
    Ok(out.finish())
}

/// The `-c` script of the snapshot run: the bootstrap, told to pre-initialize instead of
/// serving.
pub fn snapshot_script(bootstrap_path: &str) -> String {
    format!(
        "_LAMBDABOX_PREINIT = True\nexec(compile(open({bootstrap_path:?}).read(), {bootstrap_path:?}, 'exec'))\n"
    )
}

struct BuildState {
    wasi: WasiP1Ctx,
    guard: Guard,
}

impl HasGuard for BuildState {
    fn guard(&mut self) -> &mut Guard {
        &mut self.guard
    }
}

/// The pre-initialized interpreter for `python_wasm`, cached under `key` like compiled code;
/// built only on a miss. `policy` is the snapshot run's sandbox: its preopens (task root, an
/// empty directory; runtime dir with the bootstrap) must be laid out as at run time, and its
/// args run [`snapshot_script`].
pub fn snapshot_module(python_wasm: &Path, key: &str, policy: &Policy) -> anyhow::Result<Module> {
    super::cache::module_with("python-snapshot", key, || {
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            eprintln!("  Pre-initializing the python runtime (first run only)");
        }
        let wasm = std::fs::read(python_wasm)
            .with_context(|| format!("reading {}", python_wasm.display()))?;
        build_snapshot(&wasm, policy)
    })
}

/// Whether the snapshot for `key` is in the compiled-code cache.
pub fn has_snapshot(key: &str) -> bool {
    super::cache::has_module("python-snapshot", key)
}

/// Runs the snapshot run and returns the snapshot as wasm.
pub fn build_snapshot(python_wasm: &[u8], policy: &Policy) -> anyhow::Result<Vec<u8>> {
    let mut policy = policy.clone();
    policy.timeout = SNAPSHOT_TIMEOUT;
    policy.determinism = Some(SNAPSHOT_DETERMINISM);
    let prepared = with_entry_exports(python_wasm)?;
    let mut wizer = wasmtime_wizer::Wizer::new();
    // Removes `_start` from the snapshot: it must never run again.
    wizer.init_func("_start");
    let (cx, instrumented) = wizer
        .instrument(&prepared)
        .map_err(|e| anyhow::anyhow!("python: instrumenting for the snapshot: {e:?}"))?;
    let engine = engine()?;
    let module = Module::new(engine, &instrumented)
        .map_err(|e| anyhow::anyhow!("python: compiling the instrumented module: {e:?}"))?;

    let scratch = Arc::new(Scratch::new(policy.tmp_bytes)?);
    let clock = Clock::new(policy.determinism);
    let sink = Arc::new(MemorySink::default());
    let log = Log::new(sink.clone(), policy.max_log_bytes);
    let wasi = build_ctx(
        &policy,
        scratch.path(),
        &clock,
        GuestStdio {
            stdin: None,
            stdout: GuestOutput(log.clone()),
            stderr: GuestOutput(log.clone()),
        },
    )?
    .build_p1();
    let guard = Guard::new(&policy, clock, log, scratch.clone());
    let mut store = Store::new(engine, BuildState { wasi, guard });
    guard::arm(&mut store);
    store.data_mut().guard.begin();
    let mut linker = Linker::<BuildState>::new(engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s: &mut BuildState| &mut s.wasi)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;

    // The interpreter runs on a thread with room for its wasm stack; the snapshot is read there
    // too (`cx` borrows `prepared`, hence a scoped thread).
    let entry_file = scratch.path().join(ENTRY_FILE);
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("lambdabox-python-snapshot".into())
            .stack_size(GUEST_THREAD_STACK)
            .spawn_scoped(scope, move || {
                let instance = linker
                    .instantiate(&mut store, &module)
                    .map_err(|e| anyhow::anyhow!("python: instantiating: {e:?}"))?;
                let start = instance
                    .get_typed_func::<(), ()>(&mut store, "_start")
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                let ended = start.call(&mut store, ());
                let ended = store.data_mut().guard.end_command(ended);
                let address = std::fs::read_to_string(&entry_file).ok();
                let entry = match (ended, address) {
                    (Ok(()), Some(text)) => text
                        .trim()
                        .parse::<i32>()
                        .context("the entry address written by the bootstrap")?,
                    (ended, _) => anyhow::bail!(
                        "the python snapshot run did not reach its end ({ended:?}); its output:\n{}",
                        String::from_utf8_lossy(&sink.contents())
                    ),
                };
                check_entry(&mut store, &instance, entry)?;
                instance
                    .get_global(&mut store, ENTRY_GLOBAL)
                    .context("the entry global is exported")?
                    .set(&mut store, Val::I32(entry))
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                let mut state = SnapshotState {
                    store: &mut store,
                    instance,
                };
                block_on(wizer.snapshot(&cx, &mut state))
                    .map_err(|e| anyhow::anyhow!("python: taking the snapshot: {e:?}"))
            })
            .context("cannot start the snapshot thread")?
            .join()
            .map_err(|_| anyhow::anyhow!("the python snapshot thread panicked"))?
    })
}

/// What the host calls on restore: the vectorcall of the function object at `entry`.
fn entry_func<T>(
    store: &mut Store<T>,
    instance: &Instance,
    entry: i32,
) -> wasmtime::Result<wasmtime::TypedFunc<(i32, i32, i32, i32), i32>> {
    let memory = instance
        .get_memory(&mut *store, "memory")
        .ok_or_else(|| wasmtime::Error::msg("the interpreter exports no memory"))?;
    let mut slot = [0u8; 4];
    let at = usize::try_from(entry)
        .ok()
        .and_then(|e| e.checked_add(VECTORCALL_OFFSET))
        .ok_or_else(|| wasmtime::Error::msg("a negative entry address"))?;
    memory.read(&*store, at, &mut slot)?;
    let table = instance
        .get_table(&mut *store, TABLE_EXPORT)
        .ok_or_else(|| wasmtime::Error::msg("the interpreter exports no function table"))?;
    let func = table
        .get(&mut *store, u64::from(u32::from_le_bytes(slot)))
        .and_then(|r| r.as_func().flatten().cloned())
        .ok_or_else(|| wasmtime::Error::msg("the entry's vectorcall slot is not a function"))?;
    func.typed(&*store)
}

fn check_entry<T>(store: &mut Store<T>, instance: &Instance, entry: i32) -> anyhow::Result<()> {
    entry_func(store, instance, entry)
        .map(drop)
        .map_err(|e| anyhow::anyhow!("python snapshot: no callable entry at {entry:#x}: {e:?}"))
}

/// Calls the bootstrap's `_snapshot_entry()` in a restored snapshot (it serves the transport
/// until stdin ends, then exits like `_start` would).
fn call_entry<T>(store: &mut Store<T>, instance: &Instance) -> wasmtime::Result<()> {
    let entry = instance
        .get_global(&mut *store, ENTRY_GLOBAL)
        .ok_or_else(|| wasmtime::Error::msg("not a pre-initialized python (no entry global)"))?
        .get(&mut *store)
        .i32()
        .ok_or_else(|| wasmtime::Error::msg("the entry global is not an i32"))?;
    let func = entry_func(store, instance, entry)?;
    // `_PyFunction_Vectorcall(func, args = NULL, nargs = 0, kwnames = NULL)`.
    func.call(&mut *store, (entry, 0, 0, 0)).map(drop)
}

/// Start a restored snapshot under `policy` (its preopens laid out as when it was built); the
/// function's environment goes to the guest in `init`.
pub fn start(
    module: &Module,
    policy: &Policy,
    log: Arc<dyn LogSink>,
) -> anyhow::Result<StdioInstance> {
    StdioInstance::start_with(module, policy, log, Box::new(call_entry), true)
}

/// The smallest linear memory the snapshot can run in (its memory when it was taken).
pub fn min_memory_bytes(module: &Module) -> u64 {
    module
        .exports()
        .find_map(|e| e.ty().memory().map(|m| m.minimum()))
        .unwrap_or(0)
        .saturating_mul(64 << 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_exports_are_added_without_moving_globals() {
        let wasm = wat::parse_str(
            r#"(module (table 1 funcref) (memory (export "memory") 1)
                 (global $sp (mut i32) (i32.const 7))
                 (func (export "_start") global.get $sp drop)
                 (@custom ".debug_info" "dead"))"#,
        )
        .unwrap();
        let out = with_entry_exports(&wasm).unwrap();
        wasmparser::Validator::new().validate_all(&out).unwrap();
        let module = Module::new(engine().unwrap(), &out).unwrap();
        let exports: Vec<_> = module.exports().map(|e| e.name().to_owned()).collect();
        assert_eq!(exports, ["memory", "_start", TABLE_EXPORT, ENTRY_GLOBAL]);
        let mut store = Store::new(engine().unwrap(), ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let g = instance.get_global(&mut store, ENTRY_GLOBAL).unwrap();
        assert_eq!(g.get(&mut store).i32(), Some(0));
        assert!(g.ty(&store).mutability().is_var());
        assert!(!out.windows(11).any(|w| w == b".debug_info"));
    }

    #[test]
    fn the_script_execs_the_bootstrap_under_its_own_name() {
        let script = snapshot_script("/var/runtime/bootstrap.py");
        assert!(script.starts_with("_LAMBDABOX_PREINIT = True\n"));
        assert!(script.contains(r#"compile(open("/var/runtime/bootstrap.py").read(), "/var/runtime/bootstrap.py", 'exec')"#));
    }
}
