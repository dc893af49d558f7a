//! The `hadath` command-line tool. Everything lives in `src/cli/`.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
