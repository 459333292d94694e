//! The one integration-test binary (DESIGN §7).

mod cli;
mod config_golden;
mod harness;
mod java;
mod node_diff;
mod python_diff;
mod python_sandbox;
mod remote;
mod runtimes;
mod serve;
