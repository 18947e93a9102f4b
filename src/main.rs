//! The `flashpoint` command: parses the arguments and hands them to the front end in
//! `cmd/`, which calls the library and does all the printing.

// std's `println!` and friends panic when their stream is closed, as it is in
// `flashpoint check 2>&1 | head -1`. These shadow them in this file and in every module
// of `cmd/` (declared below them): a failed write is dropped, so the command still
// finishes and exits with the status it would have had (a check's verdict stays 0 or 1),
// neither panicking (101) nor dying of SIGPIPE, which would also lose that verdict and,
// reset for the whole process, could end `serve` when a browser drops a connection.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// The build allocates many short-lived strings on several threads; mimalloc handles
/// that markedly faster than the system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    flashpoint::freed_memory::keep_freed_briefly();
    cmd::run(cmd::cli::Cli::parse())
}
