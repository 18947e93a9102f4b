//! Hostile-input cases: serve.
