//! The integration test binary (one binary for all suites).

mod numbers;
mod seeds;
