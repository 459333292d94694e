//! The one integration-test binary (DESIGN §7).

mod cli;
mod config_golden;
mod harness;
mod java;
mod java_http;
mod net;
mod node_diff;
mod python_diff;
mod python_sandbox;
mod python_snapshot;
mod remote;
mod ruby_diff;
mod runtimes;
mod serve;
