mod harness;
mod java;
mod node_diff;
mod runtimes;
