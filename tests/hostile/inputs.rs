//! Hostile inputs of a given size in bytes, shared by the hostile-input
//! tests (`tests/hostile.rs`) and benchmark (`benches/hostile.rs`).

/// Repeats `unit` until the text is at least `size` bytes long.
fn fill(unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

/// Every hostile case at about `size` bytes: (name, text).
pub fn cases(size: usize) -> Vec<(&'static str, String)> {
    vec![
        ("no_space", no_space(size)),
        ("scale_words", scale_words(size)),
        ("diacritics", fill("\u{064E}\u{0651}\u{064B}\u{0652}\u{0670}\u{0640}", size)),
        ("bidi_marks", fill("\u{200F}\u{200E}\u{202B}\u{202C}\u{2066}\u{2069}\u{200C}\u{FEFF}", size)),
        ("repeated_sentences", repeated_sentences(size)),
        ("random_code_points", random_code_points(size, 0x5eed)),
        ("nested_quotes", nested_quotes(size)),
    ]
}

/// Megabytes of Arabic words with no space or line break.
pub fn no_space(size: usize) -> String {
    fill("قصفتالطائراتالروسيةمدينةالرقةأمسمقتل12مدنياً،", size)
}

/// Chained scale words: `ألف ألف ألف ...` (ten thousand of them is
/// about 80 KB), with a `مليون` now and then.
pub fn scale_words(size: usize) -> String {
    let mut s = fill("ألف ", size);
    s.insert_str(0, "قتل ");
    s.push_str("مليون شخص");
    s
}

/// The same news sentence over and over (100k of them is about 7 MB).
pub fn repeated_sentences(size: usize) -> String {
    fill(
        "قصفت الطائرات الروسية مدينة الرقة أمس، ما أدى إلى مقتل 12 مدنياً. ",
        size,
    )
}

/// Random Unicode scalar values (a fixed xorshift seed: the same text
/// every run), weighted towards Arabic, marks and white space.
pub fn random_code_points(size: usize, seed: u64) -> String {
    let mut x = seed | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut s = String::with_capacity(size + 4);
    while s.len() < size {
        let r = next();
        let c = match r % 4 {
            0 => char::from_u32(0x0600 + (r >> 8) as u32 % 0x100),
            1 => char::from_u32(
                [0x20, 0x0A, 0x2E, 0x200F, 0x00AB, 0x00BB]
                    [(r >> 8) as usize % 6],
            ),
            _ => char::from_u32((r >> 8) as u32 % 0x11_0000),
        };
        if let Some(c) = c {
            s.push(c);
        }
    }
    s
}

/// Quote marks and parentheses nested ever deeper around a sentence, then
/// closed: `«"(«"(... قصف الرقة ...)"»)"»`.
pub fn nested_quotes(size: usize) -> String {
    let open = "«\u{201C}(\"'";
    let close = "'\")\u{201D}»";
    let depth = size / (open.len() + close.len()) + 1;
    let mut s = String::with_capacity(size + 64);
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str("قال المرصد إن الطائرات الروسية قصفت الرقة أمس");
    for _ in 0..depth {
        s.push_str(close);
    }
    s
}
