//! Deep-recursion guard. QuickJS-NG disables its own stack check on WASI, so unbounded JS
//! recursion would run the guest's shadow stack into the data below it. The guest is
//! linked with a large shadow stack (`-zstack-size`, see .cargo/config.toml) placed first in
//! linear memory; QuickJS's interrupt hook (called every few thousand bytecodes) checks how
//! much of it is left and stops the script, which is then reported as a `RangeError`.

use std::cell::Cell;

/// The shadow stack size the guest is linked with (keep equal to `-zstack-size`).
pub const STACK_SIZE: usize = 16 * 1024 * 1024;
/// Interrupt when less than this is left: QuickJS may recurse this deep between two checks.
const RESERVE: usize = 6 * 1024 * 1024;

const _: () = assert!(RESERVE < STACK_SIZE);

thread_local! {
    static TRIPPED: Cell<bool> = const { Cell::new(false) };
}

/// Called from QuickJS's interrupt handler; `true` aborts the running script.
pub fn should_interrupt() -> bool {
    if cfg!(target_family = "wasm") {
        let probe = 0u8;
        // The stack grows down from STACK_SIZE towards 0 (`--stack-first`).
        let sp = std::hint::black_box(&probe) as *const u8 as usize;
        if sp < RESERVE {
            TRIPPED.with(|t| t.set(true));
            return true;
        }
    }
    false
}

/// Whether the guard fired since the last call (and resets it).
pub fn take_tripped() -> bool {
    TRIPPED.with(|t| t.replace(false))
}
