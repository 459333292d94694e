mod harness;
mod node_diff;
mod python_diff;
mod ruby_diff;
mod runtimes;
