//! Compiled machine code cached on disk, keyed by the artifact's sha256 and the engine's
//! precompile compatibility hash (Wasmtime version, configuration, CPU features). Entries are
//! written to a temporary file and renamed, and a corrupt or foreign entry is compiled again,
//! never trusted.

use super::engine::engine;
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use std::hash::{Hash, Hasher};
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::component::Component;
use wasmtime::{Engine, Module, Precompiled};

/// `$LAMBDABOX_CACHE_DIR`, else the user cache directory's `lambdabox`.
pub fn cache_root() -> PathBuf {
    match std::env::var_os("LAMBDABOX_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::cache_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join("lambdabox"),
    }
}

/// Hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Feeds `Hash` output into sha256 so the key is stable across processes.
struct ShaHasher(Sha256);

impl Hasher for ShaHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    fn finish(&self) -> u64 {
        0
    }
}

fn compatibility_key(engine: &Engine) -> String {
    let mut hasher = ShaHasher(Sha256::new());
    engine.precompile_compatibility_hash().hash(&mut hasher);
    hex::encode(hasher.0.finalize())
}

/// What kind of code a cache entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Component,
    Module,
}

/// The compiled form of a guest, ready to instantiate.
pub enum Compiled {
    Component(Component),
    Module(Module),
}

/// Load (or compile and cache) a component. `name` is shown in the progress line.
pub fn component(name: &str, wasm: &[u8], sha256: Option<&str>) -> anyhow::Result<Component> {
    match load(name, wasm, sha256, Kind::Component, &cache_root())? {
        Compiled::Component(c) => Ok(c),
        Compiled::Module(_) => unreachable!("asked for a component"),
    }
}

/// Load (or compile and cache) a core module (a WASI preview-1 command).
pub fn module(name: &str, wasm: &[u8], sha256: Option<&str>) -> anyhow::Result<Module> {
    match load(name, wasm, sha256, Kind::Module, &cache_root())? {
        Compiled::Module(m) => Ok(m),
        Compiled::Component(_) => unreachable!("asked for a module"),
    }
}

/// [`module`] with an explicit cache root (tests).
#[cfg(test)]
pub(crate) fn module_in(root: &Path, name: &str, wasm: &[u8]) -> anyhow::Result<Module> {
    match load(name, wasm, None, Kind::Module, root)? {
        Compiled::Module(m) => Ok(m),
        Compiled::Component(_) => unreachable!("asked for a module"),
    }
}

/// [`component`] with an explicit cache root (tests).
#[cfg(test)]
pub(crate) fn component_in(root: &Path, name: &str, wasm: &[u8]) -> anyhow::Result<Component> {
    match load(name, wasm, None, Kind::Component, root)? {
        Compiled::Component(c) => Ok(c),
        Compiled::Module(_) => unreachable!("asked for a component"),
    }
}

/// Load a core module from the cache by `key`; only on a miss call `build` for its wasm, then
/// compile and cache it (for modules that are expensive to produce: the Ruby snapshot).
pub fn module_with(
    name: &str,
    key: &str,
    build: impl FnOnce() -> anyhow::Result<Vec<u8>>,
) -> anyhow::Result<Module> {
    let engine = engine()?;
    let path = entry_path(&cache_root(), name, key, engine, Kind::Module);
    if let Some(Compiled::Module(m)) = try_cached(engine, &path, Kind::Module) {
        return Ok(m);
    }
    module(name, &build()?, Some(key))
}

/// Whether [`module_with`] would load `name`/`key` from the cache.
pub fn has_module(name: &str, key: &str) -> bool {
    engine().is_ok_and(|engine| {
        let path = entry_path(&cache_root(), name, key, engine, Kind::Module);
        matches!(
            Engine::detect_precompiled_file(&path),
            Ok(Some(Precompiled::Module))
        )
    })
}

fn entry_path(root: &Path, name: &str, sha256: &str, engine: &Engine, kind: Kind) -> PathBuf {
    let ext = match kind {
        Kind::Component => "cwasm",
        Kind::Module => "cwasm-module",
    };
    let compat = compatibility_key(engine);
    root.join("compiled").join(format!(
        "{name}-{}-{}.{ext}",
        &sha256[..32.min(sha256.len())],
        &compat[..16]
    ))
}

fn load(
    name: &str,
    wasm: &[u8],
    sha256: Option<&str>,
    kind: Kind,
    root: &Path,
) -> anyhow::Result<Compiled> {
    let engine = engine()?;
    let sha = sha256
        .map(str::to_owned)
        .unwrap_or_else(|| sha256_hex(wasm));
    let path = entry_path(root, name, &sha, engine, kind);
    if let Some(compiled) = try_cached(engine, &path, kind) {
        return Ok(compiled);
    }
    let code = {
        let _progress = Progress::start(name);
        match kind {
            Kind::Component => engine.precompile_component(wasm),
            Kind::Module => engine.precompile_module(wasm),
        }
        .map_err(|e| anyhow::anyhow!("cannot compile the {name} runtime: {e:?}"))?
    };
    if let Err(err) = store(&path, &code) {
        // A read-only cache is not fatal: use the code from memory this once.
        eprintln!(
            "warning: cannot cache compiled code at {}: {err:#}",
            path.display()
        );
        return deserialize_bytes(engine, &code, kind);
    }
    try_cached(engine, &path, kind).with_context(|| {
        format!(
            "the compiled-code cache entry {} cannot be loaded",
            path.display()
        )
    })
}

/// A cache entry, if it is present and was made by this engine for this kind of code.
fn try_cached(engine: &Engine, path: &Path, kind: Kind) -> Option<Compiled> {
    // No `Engine::detect_precompiled_file` first: it reads the whole ELF symbol table (~2 ms of
    // every invocation for the interpreters), and deserializing checks the same header flags
    // (module vs component) anyway.
    // SAFETY: the file is in lambdabox's own cache, written only by `store` below from
    // `Engine::precompile_*` output (temp file + rename, never partially), and Wasmtime checks
    // its header (including module vs component) and the engine compatibility before using it.
    let loaded = unsafe {
        match kind {
            Kind::Component => Component::deserialize_file(engine, path).map(Compiled::Component),
            Kind::Module => Module::deserialize_file(engine, path).map(Compiled::Module),
        }
    };
    loaded.ok()
}

fn deserialize_bytes(engine: &Engine, code: &[u8], kind: Kind) -> anyhow::Result<Compiled> {
    // SAFETY: `code` was produced by `precompile_*` of this very engine a moment ago.
    unsafe {
        match kind {
            Kind::Component => Component::deserialize(engine, code).map(Compiled::Component),
            Kind::Module => Module::deserialize(engine, code).map(Compiled::Module),
        }
    }
    .map_err(|e| anyhow::anyhow!("cannot load freshly compiled code: {e:?}"))
}

fn store(path: &Path, code: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().context("cache path has no parent")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(code)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// "Compiling … (first run only)" on stderr while a compile runs, when stderr is a terminal.
struct Progress {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    started: Instant,
    name: String,
}

impl Progress {
    fn start(name: &str) -> Option<Self> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let done = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let flag = done.clone();
        let label = name.to_owned();
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                eprint!(
                    "\r  Compiling the {label} runtime (first run only) {:.1}s",
                    started.elapsed().as_secs_f64()
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        Some(Self {
            done,
            thread: Some(thread),
            started,
            name: name.to_owned(),
        })
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        eprintln!(
            "\r  Compiled the {} runtime in {:.1}s{:20}",
            self.name,
            self.started.elapsed().as_secs_f64(),
            ""
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAT: &str = r#"(module (func (export "answer") (result i32) i32.const 42))"#;

    fn wasm() -> Vec<u8> {
        WAT.as_bytes().to_vec()
    }

    fn answer(m: &Module) -> i32 {
        let mut store = wasmtime::Store::new(engine().unwrap(), ());
        store.set_epoch_deadline(1000);
        let inst = wasmtime::Instance::new(&mut store, m, &[]).unwrap();
        inst.get_typed_func::<(), i32>(&mut store, "answer")
            .unwrap()
            .call(&mut store, ())
            .unwrap()
    }

    fn only(root: &Path) -> PathBuf {
        let mut entries: Vec<_> = std::fs::read_dir(root.join("compiled"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries.pop().unwrap()
    }

    fn load_module(root: &Path, wasm: &[u8]) -> Module {
        match load("test", wasm, None, Kind::Module, root).unwrap() {
            Compiled::Module(m) => m,
            Compiled::Component(_) => panic!("module expected"),
        }
    }

    #[test]
    fn compiles_once_then_loads_from_disk() {
        let root = tempfile::tempdir().unwrap();
        let wasm = wasm();
        assert_eq!(answer(&load_module(root.path(), &wasm)), 42);
        let entry = only(root.path());
        let modified = std::fs::metadata(&entry).unwrap().modified().unwrap();
        assert_eq!(answer(&load_module(root.path(), &wasm)), 42);
        assert_eq!(
            std::fs::metadata(&entry).unwrap().modified().unwrap(),
            modified,
            "entry was rewritten"
        );
        let name = entry.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(
            name.starts_with(&format!("test-{}", &sha256_hex(&wasm)[..32])),
            "{name}"
        );
    }

    #[test]
    fn corrupt_and_foreign_entries_are_rebuilt() {
        let root = tempfile::tempdir().unwrap();
        let wasm = wasm();
        load_module(root.path(), &wasm);
        let entry = only(root.path());

        std::fs::write(&entry, b"\x7fELF garbage that is not compiled code").unwrap();
        assert_eq!(answer(&load_module(root.path(), &wasm)), 42);

        // Code compiled by an engine with another configuration (a "foreign" entry).
        let mut other = Config::new();
        other.epoch_interruption(false);
        let foreign = Engine::new(&other)
            .unwrap()
            .precompile_module(&wasm)
            .unwrap();
        std::fs::write(&entry, foreign).unwrap();
        assert_eq!(answer(&load_module(root.path(), &wasm)), 42);

        // A component entry where a module is expected.
        let comp = engine()
            .unwrap()
            .precompile_component(b"(component)")
            .unwrap();
        std::fs::write(&entry, comp).unwrap();
        assert_eq!(answer(&load_module(root.path(), &wasm)), 42);
    }

    use wasmtime::Config;
}
