//! Word count and content hash of a brief, in one pass over its text.
//!
//! A cold scan computes both for every brief, and a plain byte loop over
//! 50 MB costs as much as a third of the parse; this reads eight bytes at
//! a time (SWAR) and hashes them with four independent lanes.

use crate::document::Brief;

/// A hash of a brief's text, block by block: equal for briefs that read
/// the same whatever their markup or line wrapping (soft breaks are
/// spaces in the model), different when a word changes. Stored in the
/// library cache (`BriefInfo::content_hash`) and in reading state.
pub fn content_hash(brief: &Brief) -> String {
    hex(text_stats(brief).1)
}

pub(crate) fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// Words (white-space separated, counted block by block) and the content
/// hash.
pub(crate) fn text_stats(brief: &Brief) -> (usize, u64) {
    let mut words = 0;
    let mut h = LaneHash::default();
    for id in 0..brief.blocks.len() {
        let text = brief.block_text(id);
        words += count_words(text);
        h.bytes(text.as_bytes());
        // Blocks "a" + "b" differ from one block "ab".
        h.mix(u64::from(u32::MAX) ^ text.len() as u64);
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

/// A 64-bit hash fed eight bytes at a time, stable across platforms. Four
/// lanes take the words in turn, so the multiplications do not wait on
/// each other.
#[derive(Default)]
struct LaneHash {
    lanes: [u64; 4],
    n: usize,
}

impl LaneHash {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(&mut self, v: u64) {
        let lane = &mut self.lanes[self.n & 3];
        *lane = (lane.rotate_left(23) ^ v).wrapping_mul(Self::K);
        self.n += 1;
    }

    fn bytes(&mut self, bytes: &[u8]) {
        let mut quads = bytes.chunks_exact(32);
        for q in &mut quads {
            let word = |i: usize| {
                let mut w = [0u8; 8];
                w.copy_from_slice(&q[i * 8..i * 8 + 8]);
                u64::from_le_bytes(w)
            };
            // Four independent chains.
            for (i, lane) in self.lanes.iter_mut().enumerate() {
                *lane = (lane.rotate_left(23) ^ word(i)).wrapping_mul(Self::K);
            }
        }
        let mut rest = quads.remainder().chunks_exact(8);
        for c in &mut rest {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let mut last = 0u64;
        for (i, &b) in rest.remainder().iter().enumerate() {
            last |= u64::from(b) << (8 * i);
        }
        self.mix(last ^ ((rest.remainder().len() as u64) << 60));
    }

    /// The lanes joined, then the murmur3 finaliser, so every input bit
    /// reaches every output bit.
    fn finish(&self) -> u64 {
        let mut h = self.n as u64;
        for lane in self.lanes {
            h = (h.rotate_left(23) ^ lane).wrapping_mul(Self::K);
        }
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
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
    fn content_hash_ignores_line_wrapping_but_not_words() {
        let a = parse("One two\nthree.\n\nFour.", "t");
        let b = parse("One two\nthree.\n\nFour.", "t");
        let rewrapped = parse("One\ntwo three.\n\nFour.", "t");
        let c = parse("One two three.\n\nFive.", "t");
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_eq!(content_hash(&a), content_hash(&rewrapped));
        assert_ne!(content_hash(&a), content_hash(&c));
    }

    #[test]
    fn block_boundaries_count() {
        let one = parse("alpha beta", "t");
        let two = parse("alpha\n\nbeta", "t");
        assert_ne!(content_hash(&one), content_hash(&two));
        assert_eq!(text_stats(&two).0, 2);
    }
}
