
mod node_diff;
