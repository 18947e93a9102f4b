//! Hostile and careless input: each case of the hostile-input review is a fixture here.
//! A build must never lose a user's file, never write outside its output, never panic,
//! and always say what is wrong and where.

#[path = "../common/mod.rs"]
mod common;

mod input;
mod markup;
mod output;
mod serve;
