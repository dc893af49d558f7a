//! The integration test binary (one binary for all suites).

mod gazetteer;
mod seeds;
