//! The guest's clocks and its time budget.
//!
//! Real mode: the host's clocks; `sleep` really sleeps (never past the deadline).
//! Deterministic mode: the wall clock is frozen at `Determinism::epoch_secs` and both clocks
//! advance only when the guest sleeps, by exactly the time it asked for, without sleeping.

use crate::invocation::Determinism;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The clock a sandbox shows its guest (shared by the WASI clocks and the host imports).
#[derive(Debug)]
pub struct Clock {
    /// `Some(start of the frozen wall clock)` in deterministic mode.
    frozen_epoch: Option<Duration>,
    /// Virtual time elapsed (deterministic mode), in nanoseconds.
    virtual_ns: AtomicU64,
    started: Instant,
}

impl Clock {
    pub fn new(determinism: Option<Determinism>) -> Arc<Self> {
        Arc::new(Self {
            frozen_epoch: determinism.map(|d| Duration::from_secs(d.epoch_secs)),
            virtual_ns: AtomicU64::new(0),
            started: Instant::now(),
        })
    }

    pub fn is_virtual(&self) -> bool {
        self.frozen_epoch.is_some()
    }

    /// Wall-clock time since the Unix epoch, as the guest sees it.
    pub fn wall_now(&self) -> Duration {
        match self.frozen_epoch {
            Some(epoch) => epoch + self.virtual_elapsed(),
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
        }
    }

    /// Monotonic nanoseconds, as the guest sees them.
    pub fn monotonic_ns(&self) -> u64 {
        if self.is_virtual() {
            self.virtual_ns.load(Ordering::SeqCst)
        } else {
            u64::try_from(self.started.elapsed().as_nanos()).unwrap_or(u64::MAX)
        }
    }

    fn virtual_elapsed(&self) -> Duration {
        Duration::from_nanos(self.virtual_ns.load(Ordering::SeqCst))
    }

    fn advance(&self, by: Duration) {
        let ns = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        let _ = self
            .virtual_ns
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| {
                Some(v.saturating_add(ns))
            });
    }
}

impl wasmtime_wasi::HostWallClock for SharedClock {
    fn resolution(&self) -> Duration {
        Duration::from_nanos(1)
    }
    fn now(&self) -> Duration {
        self.0.wall_now()
    }
}

impl wasmtime_wasi::HostMonotonicClock for SharedClock {
    fn resolution(&self) -> u64 {
        1
    }
    fn now(&self) -> u64 {
        self.0.monotonic_ns()
    }
}

/// The clock as handed to WASI.
pub struct SharedClock(pub Arc<Clock>);

/// The guest ran out of time. Raised as a trap from host calls and the epoch callback.
#[derive(Debug, thiserror::Error)]
#[error("the function ran out of time")]
pub struct TimedOut;

/// The time budget of the call in progress (`init` or `invoke`). Clones share the running
/// call, so the host can start it while the guest's thread checks it.
#[derive(Debug, Clone)]
pub struct Budget {
    clock: Arc<Clock>,
    timeout: Duration,
    /// Real start and virtual start of the running call; `None` between calls.
    running: Arc<Mutex<Option<(Instant, Duration)>>>,
}

impl Budget {
    pub fn new(clock: Arc<Clock>, timeout: Duration) -> Self {
        Self {
            clock,
            timeout,
            running: Arc::new(Mutex::new(None)),
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    fn running(&self) -> Option<(Instant, Duration)> {
        *self.running.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn start(&self) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), self.clock.virtual_elapsed()));
    }

    pub fn stop(&self) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Time the guest has used: virtual time in deterministic mode (so it reads the same in
    /// every run), real time otherwise.
    fn used(&self) -> Duration {
        match self.running() {
            None => Duration::ZERO,
            Some((_, virt)) if self.clock.is_virtual() => {
                self.clock.virtual_elapsed().saturating_sub(virt)
            }
            Some((real, _)) => real.elapsed(),
        }
    }

    pub fn remaining(&self) -> Duration {
        self.timeout.saturating_sub(self.used())
    }

    /// Whether the running call is out of time. Real time always counts here, so a busy loop
    /// stops even when the guest's clock is virtual.
    pub fn expired(&self) -> bool {
        match self.running() {
            None => false,
            Some((real, _)) => real.elapsed() >= self.timeout || self.used() >= self.timeout,
        }
    }

    /// The guest's wall-clock deadline in milliseconds since the Unix epoch.
    pub fn deadline_ms(&self) -> u64 {
        u64::try_from((self.clock.wall_now() + self.remaining()).as_millis()).unwrap_or(u64::MAX)
    }

    /// The clock this budget is measured on.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Block the guest for `ms` of its time. Sleeping up to or past the deadline ends the call.
    pub fn sleep(&self, ms: u64) -> Result<(), TimedOut> {
        self.sleep_for(Duration::from_millis(ms))
    }

    /// Block the guest for `wanted` of its time: the virtual clock advances at once, a real
    /// clock is slept on. Sleeping up to or past the deadline ends the call.
    pub fn sleep_for(&self, wanted: Duration) -> Result<(), TimedOut> {
        let remaining = self.remaining();
        let slept = wanted.min(remaining);
        if self.clock.is_virtual() {
            self.clock.advance(slept);
        } else {
            std::thread::sleep(slept);
        }
        if wanted >= remaining && self.running().is_some() {
            return Err(TimedOut);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det() -> Option<Determinism> {
        Some(Determinism {
            epoch_secs: 946_684_800,
            seed: 0,
        })
    }

    #[test]
    fn virtual_clock_is_frozen_until_the_guest_sleeps() {
        let clock = Clock::new(det());
        assert_eq!(clock.wall_now(), Duration::from_secs(946_684_800));
        assert_eq!(clock.monotonic_ns(), 0);
        let budget = Budget::new(clock.clone(), Duration::from_secs(3));
        budget.start();
        budget.sleep(1500).unwrap();
        assert_eq!(clock.wall_now(), Duration::from_millis(946_684_801_500));
        assert_eq!(clock.monotonic_ns(), 1_500_000_000);
        assert_eq!(budget.remaining(), Duration::from_millis(1500));
        assert_eq!(budget.deadline_ms(), 946_684_803_000);
    }

    #[test]
    fn sleeping_past_the_deadline_times_out_at_the_deadline() {
        let clock = Clock::new(det());
        let budget = Budget::new(clock.clone(), Duration::from_secs(2));
        budget.start();
        assert!(budget.sleep(5000).is_err());
        assert_eq!(clock.monotonic_ns(), 2_000_000_000);
        assert!(budget.expired());
    }

    #[test]
    fn real_sleep_never_passes_the_deadline() {
        let clock = Clock::new(None);
        let budget = Budget::new(clock, Duration::from_millis(50));
        budget.start();
        let t = Instant::now();
        assert!(budget.sleep(10_000).is_err());
        assert!(t.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn an_idle_budget_never_expires() {
        let budget = Budget::new(Clock::new(None), Duration::ZERO);
        assert!(!budget.expired());
    }
}
