//! The `hadath` command-line tool: arguments, inputs, ordered parallel
//! processing and the output formats. Compiled only into the binary
//! (the `cli` feature); the library knows nothing of it.

pub(crate) mod args;
mod batch;
mod eval;
mod input;
mod output;

use clap::Parser;
use std::process::ExitCode;

/// Parses the command line and runs the command.
pub(crate) fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cli.command {
        args::Command::Extract(a) => batch::run(&a),
        args::Command::Eval(a) => eval::run(&a),
    }
}
