//! Gazetteer matching (entities via the extractor) on arbitrary text:
//! spans exact, in order, deterministic.
#![cfg_attr(fuzzing, no_main)]

use libfuzzer_sys::{fuzz_target, Corpus};

mod harness;

fn run(data: &[u8]) -> Corpus {
    if data.len() > harness::MAX_LEN {
        return Corpus::Reject;
    }
    let Some(text) = harness::text(data) else { return Corpus::Keep };
    harness::check_matcher(text);
    Corpus::Keep
}

fuzz_target!(|data: &[u8]| -> Corpus { run(data) });

#[cfg(not(fuzzing))]
fn main() {
    harness::replay_main(run);
}
