//! The integration test binary (one binary for all suites).

mod seeds;
mod times;
