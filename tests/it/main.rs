mod python_diff;
mod ruby_diff;
