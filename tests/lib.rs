//! The integration test binary (one binary for all suites).

#[cfg(feature = "cli")]
mod cli;
mod gazetteer;
mod gold;
mod normalize;
mod numbers;
mod seeds;
mod snapshots;
mod times;
