//! The integration test binary (one binary for all suites).

#[cfg(feature = "cli")]
mod cli;
mod normalize;
mod seeds;
