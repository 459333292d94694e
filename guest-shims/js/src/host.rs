//! What the guest needs from its host: the three `host` imports of the WIT world.
//!
//! The runtime core only sees this trait, so it runs natively in tests with a stand-in
//! and inside the component with the wit-bindgen imports (see `component.rs`).

use std::cell::RefCell;
use std::time::Duration;

pub trait Host {
    /// One whole line of the function's log, trailing newline included.
    fn log(&self, text: &str);
    /// Milliseconds left before the invocation times out.
    fn remaining_time_ms(&self) -> u64;
    /// Block for `ms` milliseconds of guest time (only called when nothing but timers is pending).
    fn sleep_ms(&self, ms: u64);
}

/// A host for native runs and tests: collects log lines and sleeps on the real clock.
#[derive(Default)]
pub struct RecordingHost {
    pub lines: RefCell<Vec<String>>,
    pub slept_ms: RefCell<u64>,
    /// When set, `remaining_time_ms` reports this instead of a large constant.
    pub remaining_ms: Option<u64>,
}

impl RecordingHost {
    pub fn log_text(&self) -> String {
        self.lines.borrow().concat()
    }
}

impl Host for RecordingHost {
    fn log(&self, text: &str) {
        self.lines.borrow_mut().push(text.to_string());
    }

    fn remaining_time_ms(&self) -> u64 {
        self.remaining_ms.unwrap_or(6_000)
    }

    fn sleep_ms(&self, ms: u64) {
        *self.slept_ms.borrow_mut() += ms;
        std::thread::sleep(Duration::from_millis(ms));
    }
}
