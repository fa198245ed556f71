//! Words as the search index sees them: maximal runs of alphanumeric
//! characters, folded to lower case. Punctuation separates words, so
//! `co-operation` is two terms and a query for it is a phrase.

use std::hash::{BuildHasherDefault, Hasher};

/// Terms longer than this (in bytes) are not indexed: they are hashes,
/// base64 and other noise nobody searches for by hand.
pub const MAX_TERM_BYTES: usize = 64;

/// Calls `f(start, end)` with the byte range of every word in `text`.
pub fn for_each_token(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        // The common case, a byte at a time with no decoding.
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i > start {
                f(start, i);
            }
        }
        return;
    }
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                f(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        f(s, bytes.len());
    }
}

/// The byte ranges of the words of `text`.
pub fn token_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for_each_token(text, |s, e| out.push((s, e)));
    out
}

/// Writes the lower-case form of `word` into `out` (cleared first).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// The words of a query fragment, as typed (case kept).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |s, e| out.push(text[s..e].to_owned()));
    out
}

/// A fast, non-cryptographic hasher (FxHash) for the term dictionary: the
/// keys are our own words, so hash flooding is not a concern, and SipHash
/// would be a fifth of the indexing time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_keep_unicode_letters() {
        assert_eq!(
            words("Co-operation, 2.5% über «Straße»!"),
            ["Co", "operation", "2", "5", "über", "Straße"]
        );
    }

    #[test]
    fn folding_lowercases_unicode() {
        assert_eq!(fold("ÜBER"), "über");
        assert_eq!(fold("Grain"), "grain");
    }
}
