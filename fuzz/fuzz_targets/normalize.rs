//! Normalization never panics, and its offset map stays on char
//! boundaries, in order, and inside the input.
#![cfg_attr(fuzzing, no_main)]

use libfuzzer_sys::fuzz_target;

fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let n = hadath::normalize(text);
    let norm = n.as_str();
    let mut last = 0;
    for i in (0..=norm.len()).filter(|&i| n.is_exact_boundary(i)) {
        let start = n.original_start(i);
        assert!(start >= last && start <= text.len());
        assert!(text.is_char_boundary(start));
        last = start;
        let span = n.original_span(0..i);
        assert!(text.get(span.range()).is_some());
    }
}

fuzz_target!(|data: &[u8]| run(data));
