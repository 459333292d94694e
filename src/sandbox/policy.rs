//! The capability policy of one sandbox, in plain Rust (no wasmtime types): what the guest may
//! see and how much it may use. Built by the runtimes, turned into a WASI context in one place
//! (`wasi::build_ctx`).

use crate::invocation::Determinism;
use std::path::PathBuf;
use std::time::Duration;

/// Lambda's synchronous response payload limit (bytes).
pub const MAX_RESPONSE_BYTES: usize = 6_291_556;
/// Log output beyond this is dropped (with one note) so a runaway guest cannot flood the host.
pub const DEFAULT_MAX_LOG_BYTES: u64 = 64 << 20;
/// Lambda's default ephemeral storage size.
pub const DEFAULT_TMP_BYTES: u64 = 512 << 20;
/// Interpreter snapshots (CPython, CRuby) are built with fixed clocks and a fixed random seed,
/// so a snapshot is the same bytes on every machine: what init draws and keeps for good (the
/// str hash secret, CRuby's SipHash key) is then the same everywhere, and `--deterministic`
/// output is byte-identical across machines too.
pub const SNAPSHOT_DETERMINISM: Determinism = Determinism {
    epoch_secs: 946_684_800,
    seed: 0x6c62_7879_736e_6170,
};

/// A host directory made visible to the guest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preopen {
    pub host: PathBuf,
    pub guest: String,
    pub writable: bool,
}

/// Everything a sandbox instance is allowed to see and use.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Host directory mounted read-only at `/var/task` (the service directory or the unzipped
    /// artifact).
    pub task_root: PathBuf,
    /// The runtime's own files, read-only at `/var/runtime`, when the runtime has any.
    pub runtime_dir: Option<PathBuf>,
    /// More directories (`--mount`, runtime-specific read-only extras).
    pub extra_dirs: Vec<Preopen>,
    /// Size cap of the fresh writable `/tmp`.
    pub tmp_bytes: u64,
    /// The guest's complete environment, in order.
    pub env: Vec<(String, String)>,
    /// The guest's argv (stdio-transport commands; component guests ignore it).
    pub args: Vec<String>,
    /// The guest's working directory.
    pub cwd: String,
    /// Per-call time budget (`timeout`).
    pub timeout: Duration,
    /// Linear-memory cap in bytes (`memorySize`).
    pub memory_bytes: u64,
    /// `memorySize` in MiB, for messages and the context.
    pub memory_mb: u32,
    /// Frozen clocks and seeded randomness.
    pub determinism: Option<Determinism>,
    pub max_response_bytes: usize,
    pub max_log_bytes: u64,
    /// Where the guest may send HTTP requests (through the host); nowhere by default.
    pub net: crate::sandbox::NetPolicy,
}

impl Policy {
    /// A policy with Lambda's defaults around the given code directory.
    pub fn new(task_root: impl Into<PathBuf>, timeout: Duration, memory_mb: u32) -> Self {
        Self {
            task_root: task_root.into(),
            runtime_dir: None,
            extra_dirs: Vec::new(),
            tmp_bytes: DEFAULT_TMP_BYTES,
            env: Vec::new(),
            args: Vec::new(),
            cwd: crate::sandbox::TASK_ROOT.to_owned(),
            timeout,
            memory_bytes: u64::from(memory_mb) << 20,
            memory_mb,
            determinism: None,
            max_response_bytes: MAX_RESPONSE_BYTES,
            max_log_bytes: DEFAULT_MAX_LOG_BYTES,
            net: crate::sandbox::NetPolicy::default(),
        }
    }
}
