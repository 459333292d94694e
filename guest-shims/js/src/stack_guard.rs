//! Deep-recursion guard. QuickJS-NG compiles its own stack check out on WASI, so unbounded JS
//! recursion would run the guest's shadow stack down past address 0. The guest is linked with
//! an 8 MiB shadow stack placed first in linear memory (`build.rs`); QuickJS calls the
//! interrupt hook every 10,000 function calls or loop iterations, and the hook stops the
//! script when the stack left could not absorb another interval like the last one. The
//! invocation then fails with `RangeError: Maximum call stack size exceeded`.
//!
//! Frames too wide for that margin (thousands of locals per level) overflow before the next
//! check: the stack then wraps below 0 and the access traps (out of bounds), which the host
//! reports as a function error. Nothing is corrupted because the stack sits below all data.

use std::cell::Cell;

/// The shadow stack size the guest is linked with (keep equal to `-zstack-size` in build.rs).
pub const STACK_SIZE: usize = 8 * 1024 * 1024;
/// Always stop with less than this left.
const MIN_RESERVE: usize = 3 * 1024 * 1024;

const _: () = assert!(MIN_RESERVE < STACK_SIZE);

thread_local! {
    static TRIPPED: Cell<bool> = const { Cell::new(false) };
    static LAST_SP: Cell<usize> = const { Cell::new(STACK_SIZE) };
}

/// Whether a stack pointer `sp` (bytes left, the stack grows down to 0) should stop the
/// script, given the pointer at the previous check.
pub fn exhausted(sp: usize, last_sp: usize) -> bool {
    let growth = last_sp.saturating_sub(sp);
    sp < MIN_RESERVE || sp < growth + growth / 2
}

/// Called from QuickJS's interrupt handler; `true` aborts the running script.
pub fn should_interrupt() -> bool {
    if cfg!(target_family = "wasm") {
        let probe = 0u8;
        let sp = std::hint::black_box(&probe) as *const u8 as usize;
        let last = LAST_SP.with(|l| l.replace(sp));
        if exhausted(sp, last) {
            TRIPPED.with(|t| t.set(true));
            return true;
        }
    }
    false
}

/// Whether the guard fired since the last call (and resets it).
pub fn take_tripped() -> bool {
    LAST_SP.with(|l| l.set(STACK_SIZE));
    TRIPPED.with(|t| t.replace(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1024 * 1024;

    #[test]
    fn stops_inside_the_reserve() {
        assert!(exhausted(2 * MIB, 2 * MIB));
        assert!(!exhausted(7 * MIB, 7 * MIB));
    }

    #[test]
    fn stops_when_another_interval_like_the_last_would_not_fit() {
        // 2 MiB used in the last interval, 4 MiB left: 1.5 × 2 MiB still fits.
        assert!(!exhausted(4 * MIB, 6 * MIB));
        // 3 MiB used, 4 MiB left: the next interval could overflow.
        assert!(exhausted(4 * MIB, 7 * MIB));
    }
}
