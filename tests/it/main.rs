mod ruby_diff;
