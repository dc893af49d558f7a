//! The integration test binary (one binary for all suites).

#[cfg(feature = "cli")]
mod cli;
mod fuzz_replay;
mod gazetteer;
mod gold;
/// The fuzz targets' property checks, shared with the replay, property
/// and hostile-input tests.
#[path = "../fuzz/fuzz_targets/harness.rs"]
mod harness;
mod hostile;
mod normalize;
mod numbers;
mod properties;
mod seeds;
mod snapshots;
mod times;
