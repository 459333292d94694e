
mod python_diff;
