//! Word count and content hash of a brief, in one pass over its text.
//!
//! A cold scan computes both for every brief, and a plain byte loop over
//! 50 MB costs as much as a third of the parse; this counts eight bytes at
//! a time (SWAR) and hashes with [`crate::hash::LaneHash`], the hash behind
//! [`crate::hash::content_hash`].

use crate::document::Brief;
use crate::hash::LaneHash;

/// Words (white-space separated, counted block by block) and the content
/// hash.
pub(crate) fn text_stats(brief: &Brief) -> (usize, u64) {
    let mut words = 0;
    let mut h = LaneHash::default();
    for id in 0..brief.blocks.len() {
        let text = brief.block_text(id);
        words += count_words(text);
        h.block(text);
    }
    (words, h.finish())
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Words as [`str::split_whitespace`] counts them.
pub(crate) fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut words = 0;
    // The high bit of byte 0 says whether the byte before is white space;
    // the text starts as if after a space.
    let mut prev_space = 0x80u64;
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let space = space_mask(u64::from_le_bytes(w));
        let starts = !space & HIGH & ((space << 8) | prev_space);
        words += starts.count_ones() as usize;
        prev_space = space >> 56;
    }
    let mut after_space = prev_space != 0;
    for &b in chunks.remainder() {
        let space = is_ascii_space(b);
        words += usize::from(after_space && !space);
        after_space = space;
    }
    words
}

/// The high bit of each byte set where the (ASCII) byte is white space:
/// 0x09-0x0d or 0x20.
fn space_mask(v: u64) -> u64 {
    // Bytes are below 0x80, so adding below 0x80 never carries across.
    let at_least_09 = v + (0x80 - 0x09) * LOW;
    let at_least_0e = v + (0x80 - 0x0e) * LOW;
    let control = at_least_09 & !at_least_0e & HIGH;
    let t = v ^ (0x20 * LOW);
    let blank = !(((t & !HIGH) + !HIGH) | t) & HIGH;
    control | blank
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, 0x09..=0x0d | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    #[test]
    fn words_are_counted_like_split_whitespace() {
        let samples = [
            "",
            " ",
            "one",
            "one two",
            "  lead and trail  ",
            "tabs\tand\nnewlines\r\nand\x0bvt\x0cff",
            "exactly8 bytes!! and some more words here to cross chunks",
            "é non-ascii falls back",
        ];
        for s in samples {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
        for n in 0..40 {
            let s: String = (0..n).map(|i| if i % 3 == 0 { ' ' } else { 'x' }).collect();
            assert_eq!(count_words(&s), s.split_whitespace().count(), "{s:?}");
        }
    }

    #[test]
    fn block_boundaries_count() {
        let one = parse("alpha beta", "t");
        let two = parse("alpha\n\nbeta", "t");
        assert_ne!(text_stats(&one).1, text_stats(&two).1);
        assert_eq!(text_stats(&two).0, 2);
    }

    #[test]
    fn one_pass_hash_is_the_content_hash() {
        let brief = parse(
            "# T\n\nOne two\nthree.\n\nFour, and more words than a chunk.",
            "t",
        );
        let (_, h) = text_stats(&brief);
        assert_eq!(crate::hash::hex(h), crate::hash::content_hash(&brief));
    }
}
