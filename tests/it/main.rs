
mod ruby_diff;
