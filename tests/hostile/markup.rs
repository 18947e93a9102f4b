//! Hostile-input cases: markup.
