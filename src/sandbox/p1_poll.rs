//! `poll_oneoff` of WASI preview 1 (CPython, CRuby) on the sandbox's clock.
//!
//! wasmtime-wasi waits for clock subscriptions on the host's real clock, unbounded by the
//! function's deadline: under `--deterministic` the guest's frozen clock then never reaches the
//! time it waits for (`sleep` sleeps for real, or loops until the timeout). Here a poll made only
//! of clock subscriptions — how `sleep`, `nanosleep` and `clock_nanosleep` arrive — is answered
//! through [`Budget::sleep_for`]: the virtual clock advances by the time asked for and the call
//! returns at once, or, with real clocks, the guest really sleeps but never past its deadline.
//! Polls that include a file descriptor go to wasmtime-wasi unchanged: their clock part waits in
//! real time and is not cut at the deadline (files and stdout are ready at once, so in practice
//! only a handler polling stdin would wait; the host gives up on it after the timeout).

use super::clock::{Budget, Clock};
use super::guard::HasGuard;
use std::time::Duration;
use wasmtime::{AsContextMut as _, Caller, Extern, Linker};
use wasmtime_wasi::p1::WasiP1Ctx;

const MODULE: &str = "wasi_snapshot_preview1";

/// `subscription`: userdata u64 @0, tag u8 @8, clock id u32 @16, timeout u64 @24,
/// precision u64 @32, flags u16 @40.
const SUBSCRIPTION_SIZE: usize = 48;
/// `event`: userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite {nbytes u64, flags u16} @16.
const EVENT_SIZE: usize = 32;

const TAG_CLOCK: u8 = 0;
const CLOCK_REALTIME: u32 = 0;
const CLOCK_MONOTONIC: u32 = 1;
const SUBSCRIPTION_CLOCK_ABSTIME: u16 = 1;

const ERRNO_SUCCESS: i32 = 0;
const ERRNO_FAULT: i32 = 21;
const ERRNO_INVAL: i32 = 28;

/// Adds WASI preview 1 to `linker`, with `poll_oneoff` answered on the sandbox's clock.
pub fn add_to_linker<T: HasGuard>(
    linker: &mut Linker<T>,
    wasi: fn(&mut T) -> &mut WasiP1Ctx,
) -> wasmtime::Result<()> {
    wasmtime_wasi::p1::add_to_linker_sync(linker, wasi)?;
    linker.allow_shadowing(true);
    linker.func_wrap(
        MODULE,
        "poll_oneoff",
        move |mut caller: Caller<'_, T>,
              subs: i32,
              events: i32,
              count: i32,
              nevents: i32|
              -> wasmtime::Result<i32> {
            let budget = caller.data_mut().guard().budget.clone();
            let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
                wasmtime::bail!("poll_oneoff: the guest exports no (unshared) memory");
            };
            let memory = memory.data_mut(&mut caller);
            match poll_clocks(memory, &budget, subs, events, count, nevents)? {
                Some(errno) => Ok(errno),
                None => delegate(&mut caller, wasi, [subs, events, count, nevents]),
            }
        },
    )?;
    linker.allow_shadowing(false);
    Ok(())
}

/// wasmtime-wasi's own `poll_oneoff`, called as its linker entry would call it.
fn delegate<T>(
    caller: &mut Caller<'_, T>,
    wasi: fn(&mut T) -> &mut WasiP1Ctx,
    [subs, events, count, nevents]: [i32; 4],
) -> wasmtime::Result<i32> {
    use wasmtime_wasi::p1::wasi_snapshot_preview1::{self as p1, WasiSnapshotPreview1 as _};
    let fuel = caller.as_context_mut().hostcall_fuel();
    let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
        wasmtime::bail!("poll_oneoff: the guest exports no (unshared) memory");
    };
    let (memory, data) = memory.data_and_store_mut(&mut *caller);
    let ctx = wasi(data);
    ctx.set_hostcall_fuel(fuel);
    let mut memory = wiggle::GuestMemory::Unshared(memory);
    wasmtime_wasi::runtime::in_tokio(p1::poll_oneoff(
        ctx,
        &mut memory,
        subs,
        events,
        count,
        nevents,
    ))
}

/// One clock subscription, as read from guest memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ClockSub {
    userdata: u64,
    id: u32,
    timeout: u64,
    absolute: bool,
}

/// Answers a poll of clock subscriptions only: `Some(errno)` when answered (after sleeping),
/// `None` when the poll includes something else. A sleep that reaches the deadline traps.
fn poll_clocks(
    memory: &mut [u8],
    budget: &Budget,
    subs: i32,
    events: i32,
    count: i32,
    nevents: i32,
) -> wasmtime::Result<Option<i32>> {
    let count = count as u32 as usize;
    if count == 0 {
        // Waiting for nothing would wait forever; wasmtime-wasi refuses it the same way.
        return Ok(Some(ERRNO_INVAL));
    }
    let Some(table) = slice(memory, subs, count * SUBSCRIPTION_SIZE) else {
        return Ok(Some(ERRNO_FAULT));
    };
    let Some(clocks) = read_clock_subs(table) else {
        return Ok(None);
    };
    let clock = budget.clock();
    let waits: Option<Vec<Duration>> = clocks.iter().map(|s| wait_for(s, clock)).collect();
    let Some(waits) = waits else {
        return Ok(Some(ERRNO_INVAL));
    };
    let first = waits.iter().copied().min().unwrap_or_default();
    let fired: Vec<u64> = clocks
        .iter()
        .zip(&waits)
        .filter(|(_, wait)| **wait == first)
        .map(|(sub, _)| sub.userdata)
        .collect();
    if slice(memory, events, fired.len() * EVENT_SIZE).is_none()
        || slice(memory, nevents, 4).is_none()
    {
        return Ok(Some(ERRNO_FAULT));
    }
    // Every wait lets the clock move by at least its resolution: a guest waiting for the clock
    // to pass a deadline (CRuby's `sleep` loops until `now > end`) would otherwise poll for zero
    // forever on a virtual clock that stands still.
    budget.sleep_for(first.max(Duration::from_nanos(1)))?;
    let out = slice(memory, events, fired.len() * EVENT_SIZE).expect("checked above");
    for (event, userdata) in out.chunks_exact_mut(EVENT_SIZE).zip(&fired) {
        event.fill(0);
        event[..8].copy_from_slice(&userdata.to_le_bytes());
        // error = success (0), type = clock (0), fd_readwrite = zeros.
    }
    slice(memory, nevents, 4)
        .expect("checked above")
        .copy_from_slice(&(fired.len() as u32).to_le_bytes());
    Ok(Some(ERRNO_SUCCESS))
}

/// The clock subscriptions of `table`, or `None` when one of them is not a clock.
fn read_clock_subs(table: &[u8]) -> Option<Vec<ClockSub>> {
    table
        .chunks_exact(SUBSCRIPTION_SIZE)
        .map(|s| {
            (s[8] == TAG_CLOCK).then(|| ClockSub {
                userdata: u64::from_le_bytes(s[0..8].try_into().unwrap()),
                id: u32::from_le_bytes(s[16..20].try_into().unwrap()),
                timeout: u64::from_le_bytes(s[24..32].try_into().unwrap()),
                absolute: u16::from_le_bytes(s[40..42].try_into().unwrap())
                    & SUBSCRIPTION_CLOCK_ABSTIME
                    != 0,
            })
        })
        .collect()
}

/// How long from now the guest's clock takes to reach `sub`; `None` for a clock other than
/// realtime and monotonic (wasmtime-wasi refuses those too).
fn wait_for(sub: &ClockSub, clock: &Clock) -> Option<Duration> {
    let now = match (sub.id, sub.absolute) {
        (CLOCK_REALTIME | CLOCK_MONOTONIC, false) => 0,
        (CLOCK_MONOTONIC, true) => clock.monotonic_ns(),
        (CLOCK_REALTIME, true) => u64::try_from(clock.wall_now().as_nanos()).unwrap_or(u64::MAX),
        _ => return None,
    };
    Some(Duration::from_nanos(sub.timeout.saturating_sub(now)))
}

/// `len` bytes of guest memory at `ptr`, if they are all inside it.
fn slice(memory: &mut [u8], ptr: i32, len: usize) -> Option<&mut [u8]> {
    let start = ptr as u32 as usize;
    memory.get_mut(start..start.checked_add(len)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invocation::Determinism;

    fn sub(userdata: u64, tag: u8, id: u32, timeout: u64, flags: u16) -> [u8; SUBSCRIPTION_SIZE] {
        let mut s = [0u8; SUBSCRIPTION_SIZE];
        s[0..8].copy_from_slice(&userdata.to_le_bytes());
        s[8] = tag;
        s[16..20].copy_from_slice(&id.to_le_bytes());
        s[24..32].copy_from_slice(&timeout.to_le_bytes());
        s[40..42].copy_from_slice(&flags.to_le_bytes());
        s
    }

    /// Guest memory: subscriptions at 0, events at 512, nevents at 1020.
    fn memory(subs: &[[u8; SUBSCRIPTION_SIZE]]) -> Vec<u8> {
        let mut m = vec![0xaa; 1024];
        for (i, s) in subs.iter().enumerate() {
            m[i * SUBSCRIPTION_SIZE..(i + 1) * SUBSCRIPTION_SIZE].copy_from_slice(s);
        }
        m
    }

    fn virtual_budget(timeout_s: u64) -> Budget {
        let clock = Clock::new(Some(Determinism {
            epoch_secs: 946_684_800,
            seed: 0,
        }));
        let budget = Budget::new(clock, Duration::from_secs(timeout_s));
        budget.start();
        budget
    }

    fn poll(m: &mut [u8], budget: &Budget, n: i32) -> wasmtime::Result<Option<i32>> {
        poll_clocks(m, budget, 0, 512, n, 1020)
    }

    fn nevents(m: &[u8]) -> u32 {
        u32::from_le_bytes(m[1020..1024].try_into().unwrap())
    }

    #[test]
    fn a_relative_sleep_advances_the_virtual_clock_at_once() {
        let budget = virtual_budget(3);
        let mut m = memory(&[sub(7, TAG_CLOCK, CLOCK_MONOTONIC, 1_250_000_000, 0)]);
        let t = std::time::Instant::now();
        assert_eq!(poll(&mut m, &budget, 1).unwrap(), Some(ERRNO_SUCCESS));
        assert!(t.elapsed() < Duration::from_millis(500));
        assert_eq!(budget.clock().monotonic_ns(), 1_250_000_000);
        assert_eq!(
            budget.clock().wall_now(),
            Duration::from_millis(946_684_801_250)
        );
        assert_eq!(nevents(&m), 1);
        assert_eq!(&m[512..520], &7u64.to_le_bytes());
        assert_eq!(&m[520..544], &[0u8; 24], "success, clock event, no fd data");
    }

    #[test]
    fn absolute_deadlines_are_read_on_the_guests_clocks() {
        let budget = virtual_budget(10);
        budget.sleep_for(Duration::from_secs(1)).unwrap();
        // Monotonic 3 s: 2 s from now.
        let mut m = memory(&[sub(1, TAG_CLOCK, CLOCK_MONOTONIC, 3_000_000_000, 1)]);
        assert_eq!(poll(&mut m, &budget, 1).unwrap(), Some(ERRNO_SUCCESS));
        assert_eq!(budget.clock().monotonic_ns(), 3_000_000_000);
        // Realtime at epoch + 4.5 s: 1.5 s from now; a deadline in the past fires at once.
        let wall = (946_684_800_000 + 4_500) * 1_000_000;
        let mut m = memory(&[
            sub(2, TAG_CLOCK, CLOCK_REALTIME, wall, 1),
            sub(3, TAG_CLOCK, CLOCK_MONOTONIC, 1, 1),
        ]);
        assert_eq!(poll(&mut m, &budget, 2).unwrap(), Some(ERRNO_SUCCESS));
        assert_eq!(budget.clock().monotonic_ns(), 3_000_000_001);
        assert_eq!(nevents(&m), 1);
        assert_eq!(&m[512..520], &3u64.to_le_bytes(), "the earliest fires");
        let mut m = memory(&[sub(2, TAG_CLOCK, CLOCK_REALTIME, wall, 1)]);
        assert_eq!(poll(&mut m, &budget, 1).unwrap(), Some(ERRNO_SUCCESS));
        assert_eq!(budget.clock().monotonic_ns(), 4_500_000_000);
    }

    #[test]
    fn subscriptions_due_together_all_fire() {
        let budget = virtual_budget(3);
        let mut m = memory(&[
            sub(1, TAG_CLOCK, CLOCK_MONOTONIC, 500, 0),
            sub(2, TAG_CLOCK, CLOCK_REALTIME, 500, 0),
            sub(3, TAG_CLOCK, CLOCK_MONOTONIC, 900, 0),
        ]);
        assert_eq!(poll(&mut m, &budget, 3).unwrap(), Some(ERRNO_SUCCESS));
        assert_eq!(nevents(&m), 2);
        assert_eq!(&m[512..520], &1u64.to_le_bytes());
        assert_eq!(&m[544..552], &2u64.to_le_bytes());
        assert_eq!(budget.clock().monotonic_ns(), 500);
    }

    #[test]
    fn a_zero_wait_still_moves_the_virtual_clock() {
        let budget = virtual_budget(3);
        let mut m = memory(&[sub(1, TAG_CLOCK, CLOCK_REALTIME, 0, 0)]);
        assert_eq!(poll(&mut m, &budget, 1).unwrap(), Some(ERRNO_SUCCESS));
        assert_eq!(budget.clock().monotonic_ns(), 1);
    }

    #[test]
    fn sleeping_to_the_deadline_times_out() {
        let budget = virtual_budget(3);
        let mut m = memory(&[sub(1, TAG_CLOCK, CLOCK_REALTIME, 5_000_000_000, 0)]);
        let err = poll(&mut m, &budget, 1).unwrap_err();
        assert!(err
            .downcast_ref::<super::super::clock::TimedOut>()
            .is_some());
        assert_eq!(budget.clock().monotonic_ns(), 3_000_000_000);
    }

    #[test]
    fn real_clocks_sleep_for_real_but_not_past_the_deadline() {
        let budget = Budget::new(Clock::new(None), Duration::from_millis(300));
        budget.start();
        let t = std::time::Instant::now();
        let mut m = memory(&[sub(1, TAG_CLOCK, CLOCK_MONOTONIC, 100_000_000, 0)]);
        assert_eq!(poll(&mut m, &budget, 1).unwrap(), Some(ERRNO_SUCCESS));
        assert!(t.elapsed() >= Duration::from_millis(100));
        let mut m = memory(&[sub(1, TAG_CLOCK, CLOCK_MONOTONIC, 60_000_000_000, 0)]);
        assert!(poll(&mut m, &budget, 1).is_err());
        assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    }

    #[test]
    fn other_polls_are_not_answered_here() {
        let budget = virtual_budget(3);
        let mut m = memory(&[sub(1, TAG_CLOCK, CLOCK_MONOTONIC, 5, 0), sub(2, 1, 0, 0, 0)]);
        assert_eq!(
            poll(&mut m, &budget, 2).unwrap(),
            None,
            "fd_read: delegated"
        );
        let mut m = memory(&[sub(1, TAG_CLOCK, 2, 5, 0)]);
        assert_eq!(
            poll(&mut m, &budget, 1).unwrap(),
            Some(ERRNO_INVAL),
            "cputime"
        );
        assert_eq!(poll(&mut m, &budget, 0).unwrap(), Some(ERRNO_INVAL));
        let mut m = memory(&[sub(1, TAG_CLOCK, CLOCK_MONOTONIC, 5, 0)]);
        assert_eq!(
            poll_clocks(&mut m, &budget, 1000, 512, 1, 1020).unwrap(),
            Some(ERRNO_FAULT)
        );
        assert_eq!(
            poll_clocks(&mut m, &budget, 0, 1010, 1, 1020).unwrap(),
            Some(ERRNO_FAULT)
        );
        assert_eq!(budget.clock().monotonic_ns(), 0, "nothing slept");
    }
}
