//! Resource limits and what happens when a guest crosses one: every way a call can end other
//! than by returning becomes a [`Failure`], which becomes a function error (exit 1), never a
//! host crash.

use super::clock::TimedOut;
use crate::outcome::FunctionError;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wasmtime::{ResourceLimiter, Trap, WasmBacktrace};

/// How a call ended when the guest did not return. The instance is discarded afterwards.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("Task timed out after {:.2} seconds", .0.as_secs_f64())]
    Timeout(Duration),
    #[error("Runtime exited with error: out of memory (memorySize is {0} MB)")]
    OutOfMemory(u32),
    #[error("Maximum call stack size exceeded")]
    StackOverflow,
    #[error("/tmp is full: the function wrote more than {0} bytes")]
    TmpFull(u64),
    #[error("Runtime exited with error: exit status {0}")]
    Exit(i32),
    /// Any other trap, with the wasm backtrace's function names when the guest has them.
    #[error("Runtime exited with error: {message}")]
    Trap {
        message: String,
        frames: Vec<String>,
    },
    /// A stdio-transport guest broke the protocol (or exited without answering).
    #[error("Runtime exited with error: {0}")]
    Protocol(String),
}

impl Failure {
    /// The Lambda-shaped error document for this failure (runtimes may refine it).
    pub fn to_function_error(&self) -> FunctionError {
        let message = self.to_string();
        match self {
            Self::Timeout(t) => FunctionError::timeout(*t),
            Self::OutOfMemory(_) => FunctionError::new("Runtime.OutOfMemory", message),
            Self::StackOverflow => FunctionError::new("Runtime.StackOverflow", message),
            Self::TmpFull(_) => FunctionError::new("Runtime.StorageFull", message),
            Self::Exit(_) | Self::Protocol(_) => FunctionError::new("Runtime.ExitError", message),
            Self::Trap { frames, .. } => {
                let mut err = FunctionError::new("Runtime.ExitError", message);
                err.stack_trace = frames.clone();
                err
            }
        }
    }
}

/// The guest filled its `/tmp`.
#[derive(Debug, thiserror::Error)]
#[error("/tmp is full")]
pub struct TmpFull;

/// Facts about the store that decide how an error is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub memory_mb: u32,
    pub tmp_bytes: u64,
    /// A memory.grow was refused by the cap during this call.
    pub memory_denied: bool,
}

/// Turn an error out of a guest call into a [`Failure`].
pub fn classify(err: &wasmtime::Error, limits: Limits) -> Failure {
    if err.downcast_ref::<TimedOut>().is_some() {
        return Failure::Timeout(limits.timeout);
    }
    if err.downcast_ref::<TmpFull>().is_some() {
        return Failure::TmpFull(limits.tmp_bytes);
    }
    if let Some(exit) = err.downcast_ref::<wasmtime_wasi::I32Exit>() {
        return Failure::Exit(exit.0);
    }
    let trap = err.downcast_ref::<Trap>().copied();
    match trap {
        Some(Trap::Interrupt) => return Failure::Timeout(limits.timeout),
        Some(Trap::StackOverflow) => return Failure::StackOverflow,
        _ => {}
    }
    // A guest whose allocator was refused memory aborts (Rust: `unreachable`; C: a failed
    // allocation dereferenced): whatever the trap, the cause is the cap.
    if limits.memory_denied {
        return Failure::OutOfMemory(limits.memory_mb);
    }
    let message = match trap {
        Some(trap) => format!("wasm trap: {trap}"),
        // The outermost layer is only "error while executing at wasm backtrace"; the cause
        // is what a reader needs.
        None => err.root_cause().to_string(),
    };
    let frames = err
        .downcast_ref::<WasmBacktrace>()
        .map(|bt| {
            bt.frames()
                .iter()
                .take(32)
                .map(|f| match f.func_name() {
                    Some(name) => format!("at {name} (wasm function {})", f.func_index()),
                    None => format!("at wasm function {}", f.func_index()),
                })
                .collect()
        })
        .unwrap_or_default();
    Failure::Trap { message, frames }
}

/// Caps the guest's linear memories, all of them together, at `memorySize` and remembers a
/// refusal.
#[derive(Debug)]
pub struct MemoryCap {
    limit: usize,
    /// Bytes of all memories of the store (memories only grow; creation counts as growth).
    used: usize,
    pub denied: bool,
    gauge: MemoryGauge,
}

/// The largest size the linear memories of one store reached, readable from any thread while
/// the store runs elsewhere (the "Max Memory Used" of a Lambda REPORT line). Memories never
/// shrink, so the peak is also the current total.
#[derive(Debug, Clone, Default)]
pub struct MemoryGauge(Arc<AtomicU64>);

impl MemoryGauge {
    pub fn peak_bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    fn record(&self, bytes: usize) {
        self.0.fetch_max(bytes as u64, Ordering::Relaxed);
    }
}

/// Table growth is not what memorySize limits, but must not be unbounded either.
const MAX_TABLE_ELEMENTS: usize = 10_000_000;

impl MemoryCap {
    pub fn new(limit_bytes: u64) -> Self {
        Self {
            limit: usize::try_from(limit_bytes).unwrap_or(usize::MAX),
            used: 0,
            denied: false,
            gauge: MemoryGauge::default(),
        }
    }

    /// A handle on this store's peak memory.
    pub fn gauge(&self) -> MemoryGauge {
        self.gauge.clone()
    }
}

impl ResourceLimiter for MemoryCap {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let after = self.used.saturating_add(desired.saturating_sub(current));
        if after > self.limit {
            self.denied = true;
            return Ok(false);
        }
        self.used = after;
        self.gauge.record(after);
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= MAX_TABLE_ELEMENTS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_counts_all_memories_together() {
        let mut cap = MemoryCap::new(100);
        assert!(cap.memory_growing(0, 60, None).unwrap());
        assert!(
            !cap.memory_growing(0, 50, None).unwrap(),
            "a second memory shares the cap"
        );
        assert!(cap.denied);
        assert!(cap.memory_growing(60, 100, None).unwrap());
        assert!(!cap.memory_growing(100, 101, None).unwrap());
    }

    #[test]
    fn the_gauge_keeps_the_peak_of_all_memories_and_ignores_refusals() {
        let mut cap = MemoryCap::new(100);
        let gauge = cap.gauge();
        assert_eq!(gauge.peak_bytes(), 0);
        cap.memory_growing(0, 30, None).unwrap();
        cap.memory_growing(0, 20, None).unwrap();
        assert_eq!(gauge.peak_bytes(), 50, "two memories add up");
        cap.memory_growing(30, 200, None).unwrap();
        assert_eq!(gauge.peak_bytes(), 50, "a refused growth is not usage");
        cap.memory_growing(30, 70, None).unwrap();
        assert_eq!(gauge.clone().peak_bytes(), 90);
    }

    #[test]
    fn timeout_uses_lambdas_message() {
        let err = Failure::Timeout(Duration::from_millis(1500)).to_function_error();
        assert_eq!(err.error_message, "Task timed out after 1.50 seconds");
    }
}
