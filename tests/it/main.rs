mod harness;
mod node_diff;
mod runtimes;
