//! The one integration-test binary (DESIGN §7).

mod cli;
mod config_golden;
mod harness;
mod net;
mod node_diff;
mod runtimes;
