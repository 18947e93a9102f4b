//! The library's error type: either the site's input is wrong (the editor can fix it)
//! or something outside the input failed (disk, permissions).

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input has errors; every one of them is in the list.
    #[error("the site has {} error(s)", .0.error_count())]
    Invalid(Diagnostics),
    /// A file-system operation failed.
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Anything else that is not the editor's doing.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// Exit status for the command line: 1 for input errors, 2 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) => 1,
            Error::Io { .. } | Error::Internal(_) => 2,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
