//! The one place that turns a [`Policy`] into a WASI context (DESIGN §7): which directories
//! the guest sees, its environment, stdio, clocks and randomness. Nothing else of the host is
//! visible; sockets stay denied (the WASI default).

use super::clock::{Clock, SharedClock};
use super::policy::Policy;
use super::streams::{ChannelStdin, GuestOutput};
use super::{RUNTIME_DIR, TASK_ROOT, TMP_DIR};
use anyhow::Context as _;
use rand::SeedableRng as _;
use std::path::Path;
use std::sync::Arc;
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

/// The guest's standard streams.
pub struct GuestStdio {
    /// `None`: empty stdin.
    pub stdin: Option<ChannelStdin>,
    pub stdout: GuestOutput,
    pub stderr: GuestOutput,
}

/// Build the WASI context for `policy`, with `tmp` as the guest's `/tmp`.
pub fn build_ctx(
    policy: &Policy,
    tmp: &Path,
    clock: &Arc<Clock>,
    stdio: GuestStdio,
) -> anyhow::Result<WasiCtxBuilder> {
    let mut b = WasiCtxBuilder::new();
    // Guests run synchronously on their own thread: file I/O may block it directly instead of
    // hopping to a thread pool for every call. Must be set before the preopens are added.
    b.allow_blocking_current_thread(true);
    preopen(&mut b, &policy.task_root, TASK_ROOT, false)?;
    if let Some(runtime_dir) = &policy.runtime_dir {
        preopen(&mut b, runtime_dir, RUNTIME_DIR, false)?;
    }
    preopen(&mut b, tmp, TMP_DIR, true)?;
    for extra in &policy.extra_dirs {
        preopen(&mut b, &extra.host, &extra.guest, extra.writable)?;
    }

    b.envs(&policy.env)
        .args(&policy.args)
        .initial_cwd(&policy.cwd);

    if let Some(stdin) = stdio.stdin {
        b.stdin(stdin);
    }
    b.stdout(stdio.stdout).stderr(stdio.stderr);

    // Always the sandbox's clock, virtual or real: preview-1 `poll_oneoff` (p1_poll) reads
    // absolute deadlines on it, so the guest must read the same one.
    b.wall_clock(SharedClock(clock.clone()))
        .monotonic_clock(SharedClock(clock.clone()));
    if let Some(det) = policy.determinism {
        // Every source of randomness the guest can reach is derived from the seed.
        b.secure_random(rand::rngs::StdRng::seed_from_u64(det.seed))
            .insecure_random(rand::rngs::StdRng::seed_from_u64(
                det.seed ^ 0x9e37_79b9_7f4a_7c15,
            ))
            .insecure_random_seed(u128::from(det.seed) << 64 | 0x6c62_6f78);
    }
    Ok(b)
}

fn preopen(b: &mut WasiCtxBuilder, host: &Path, guest: &str, writable: bool) -> anyhow::Result<()> {
    let perms = if writable {
        FsPerms::ReadWrite
    } else {
        FsPerms::ReadOnly
    };
    b.preopened_dir(host, guest, perms)
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .with_context(|| {
            format!(
                "cannot make {} visible to the sandbox as {guest}",
                host.display()
            )
        })?;
    Ok(())
}
