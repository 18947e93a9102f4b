//! Hostile-input cases: output.
