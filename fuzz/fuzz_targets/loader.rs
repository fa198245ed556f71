//! Arbitrary bytes as a brief: loads or fails as binary, never panics;
//! sections cover every block once, in order; no unsafe character survives.

#![no_main]

use std::path::Path;

use brief::document::load::from_bytes;
use brief::document::sanitize::is_unsafe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(brief) = from_bytes(bytes.to_vec(), Path::new("fuzz.md")) else {
        return;
    };
    let mut next = 0;
    for s in &brief.sections {
        assert_eq!(s.blocks.start, next, "sections are contiguous");
        next = s.blocks.end;
        assert!(!s.title.chars().any(|c| is_unsafe(c) || c == '\n'));
    }
    assert_eq!(next, brief.blocks.len(), "sections cover every block");
    for id in 0..brief.blocks.len() {
        assert!(!brief.block_text(id).chars().any(is_unsafe));
    }
    assert!(!brief.title.chars().any(is_unsafe));
});
