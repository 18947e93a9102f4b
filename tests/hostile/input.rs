//! Hostile-input cases: input.
