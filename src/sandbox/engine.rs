//! The one Wasmtime engine of the process and the epoch ticker that drives timeouts.

use std::sync::OnceLock;
use std::time::Duration;
use wasmtime::{Config, Engine, OptLevel};

/// Wasm stack a guest may use. QuickJS recurses on the wasm stack with no check of its own on
/// WASI; the default 512 KiB ends a JS recursion after ~800 frames.
pub const MAX_WASM_STACK: usize = 8 << 20;
/// Stack of the host thread a guest runs on: the wasm stack plus room for host frames.
pub const GUEST_THREAD_STACK: usize = MAX_WASM_STACK + (8 << 20);
/// How often the epoch advances; a timeout is noticed within one tick.
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();

/// The process-wide engine (its configuration is part of the compiled-code cache key).
pub fn engine() -> anyhow::Result<&'static Engine> {
    ENGINE
        .get_or_init(|| {
            let engine = Engine::new(&config()).map_err(|e| format!("{e:?}"))?;
            let ticker = engine.clone();
            std::thread::Builder::new()
                .name("lambdabox-epoch".into())
                .spawn(move || loop {
                    std::thread::sleep(EPOCH_TICK);
                    ticker.increment_epoch();
                })
                .map_err(|e| format!("cannot start the epoch thread: {e}"))?;
            Ok(engine)
        })
        .as_ref()
        .map_err(|e| anyhow::anyhow!("cannot create the WebAssembly engine: {e}"))
}

/// Memory images up to this size are always laid out densely (mmapped copy-on-write).
pub const DENSE_IMAGE_BYTES: u64 = 128 << 20;

fn config() -> Config {
    let mut config = Config::new();
    config
        .epoch_interruption(true)
        .max_wasm_stack(MAX_WASM_STACK)
        // Only used by async calls (none today), but must not be smaller than the wasm stack.
        .async_stack_size(MAX_WASM_STACK + (1 << 20))
        // Copy-on-write memory images: instantiation costs microseconds instead of copying the
        // guest's data segments (12-24 ms for an interpreter).
        .memory_init_cow(true)
        // A snapshot's memory (the Ruby reactor's: tens of MiB, sparse) gets a copy-on-write
        // image too; above the default 16 MiB it would be copied in at every instantiation.
        .memory_guaranteed_dense_image_size(DENSE_IMAGE_BYTES)
        .wasm_component_model(true)
        .cranelift_opt_level(OptLevel::Speed);
    config
}

/// Run `f` on a fresh thread whose stack can hold [`MAX_WASM_STACK`] of guest frames, outside
/// any async runtime of the caller (the synchronous WASI bindings start their own).
pub fn on_guest_thread<R: Send + 'static>(
    name: &str,
    f: impl FnOnce() -> R + Send + 'static,
) -> anyhow::Result<std::thread::JoinHandle<R>> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(GUEST_THREAD_STACK)
        .spawn(f)
        .map_err(|e| anyhow::anyhow!("cannot start a sandbox thread: {e}"))
}
