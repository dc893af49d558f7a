//! The integration test binary (one binary for all suites).

#[cfg(feature = "cli")]
mod cli;
mod fuzz_replay;
mod gazetteer;
mod gold;
mod hostile;
mod normalize;
mod numbers;
mod properties;
mod seeds;
mod snapshots;
mod times;
