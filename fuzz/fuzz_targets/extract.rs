//! The whole pipeline: exact spans everywhere, JSON serializes, two runs
//! give identical JSON.
#![cfg_attr(fuzzing, no_main)]

use libfuzzer_sys::{fuzz_target, Corpus};

mod harness;

fn run(data: &[u8]) -> Corpus {
    if data.len() > harness::MAX_LEN {
        return Corpus::Reject;
    }
    let Some(text) = harness::text(data) else { return Corpus::Keep };
    harness::check_extract(text);
    Corpus::Keep
}

fuzz_target!(|data: &[u8]| -> Corpus { run(data) });

#[cfg(not(fuzzing))]
fn main() {
    harness::replay_main(run);
}
