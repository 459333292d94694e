//! The per-store state every guest shares, whatever its transport: time budget, memory cap,
//! log stream, `/tmp` watchdog. `arm` wires it into a store; `finish` reads a call's end.

use super::clock::{Budget, Clock, TimedOut};
use super::engine::EPOCH_TICK;
use super::limits::{classify, Failure, Limits, MemoryCap, TmpFull};
use super::policy::Policy;
use super::scratch::Scratch;
use super::streams::Log;
use std::sync::Arc;
use std::time::Duration;
use wasmtime::{Store, UpdateDeadline};

/// How often `/tmp` usage is measured.
const TMP_CHECK_EVERY: Duration = Duration::from_millis(100);

pub struct Guard {
    pub budget: Budget,
    pub memory: MemoryCap,
    pub log: Arc<Log>,
    pub scratch: Arc<Scratch>,
    memory_mb: u32,
    ticks: u64,
}

impl Guard {
    pub fn new(policy: &Policy, clock: Arc<Clock>, log: Arc<Log>, scratch: Arc<Scratch>) -> Self {
        Self {
            budget: Budget::new(clock, policy.timeout),
            memory: MemoryCap::new(policy.memory_bytes),
            log,
            scratch,
            memory_mb: policy.memory_mb,
            ticks: 0,
        }
    }

    fn limits(&self) -> Limits {
        Limits {
            timeout: self.budget.timeout(),
            memory_mb: self.memory_mb,
            tmp_bytes: self.scratch.cap(),
            memory_denied: self.memory.denied,
        }
    }

    /// Called on every epoch tick while the guest runs.
    fn on_tick(&mut self) -> wasmtime::Result<UpdateDeadline> {
        if self.budget.expired() {
            return Err(TimedOut.into());
        }
        self.ticks += 1;
        let every = (TMP_CHECK_EVERY.as_millis() / EPOCH_TICK.as_millis()).max(1) as u64;
        if self.ticks.is_multiple_of(every) && self.scratch.over_cap() {
            return Err(TmpFull.into());
        }
        Ok(UpdateDeadline::Continue(1))
    }

    /// Start a call: the budget runs from now.
    pub fn begin(&mut self) {
        self.memory.denied = false;
        self.budget.start();
    }

    /// Read how a long-running guest entry point (a stdio command's `_start`) ended, without
    /// touching the budget the host manages per request.
    pub fn end_command(&mut self, result: wasmtime::Result<()>) -> Result<(), Failure> {
        let limits = self.limits();
        match result {
            Ok(()) => Ok(()),
            Err(e) => match classify(&e, limits) {
                Failure::Exit(0) => Ok(()),
                failure => Err(failure),
            },
        }
    }

    /// End a call: an error out of the guest becomes a [`Failure`]; a call that returned but
    /// overfilled `/tmp` on its last steps fails too.
    pub fn end<R>(&mut self, result: wasmtime::Result<R>) -> Result<R, Failure> {
        self.budget.stop();
        let limits = self.limits();
        let value = result.map_err(|e| classify(&e, limits))?;
        if self.scratch.over_cap() {
            return Err(Failure::TmpFull(limits.tmp_bytes));
        }
        Ok(value)
    }
}

/// Access to the guard inside a store's data.
pub trait HasGuard: Send + 'static {
    fn guard(&mut self) -> &mut Guard;
}

/// Wire limits into a new store: the memory cap and the epoch callback (timeout, `/tmp`).
pub fn arm<T: HasGuard>(store: &mut Store<T>) {
    store.limiter(|data| &mut data.guard().memory);
    store.set_epoch_deadline(1);
    store.epoch_deadline_callback(|mut ctx| ctx.data_mut().guard().on_tick());
}

/// Run one guest call under the guard.
pub fn call<T: HasGuard, R>(
    store: &mut Store<T>,
    f: impl FnOnce(&mut Store<T>) -> wasmtime::Result<R>,
) -> Result<R, Failure> {
    store.data_mut().guard().begin();
    store.set_epoch_deadline(1);
    let result = f(store);
    store.data_mut().guard().end(result)
}
