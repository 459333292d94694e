//! The one integration-test binary (DESIGN §7).

mod cli;
mod config_golden;
mod harness;
mod node_diff;
mod remote;
mod runtimes;
mod serve;
