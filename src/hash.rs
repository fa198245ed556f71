//! Every fingerprint `brief` computes, in one place: the hashes that name
//! files (notes files, library caches), mark blocks and briefs (note
//! anchors, reading state, the library's content hash) and derive ids.
//!
//! All of them are written to disk or into file names, so their output
//! must never change: the tests below pin values computed by earlier
//! versions. They are stable across platforms and Rust versions, unlike
//! the standard library's hasher.

use crate::document::Brief;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64-bit.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_more(FNV_OFFSET, bytes)
}

fn fnv1a_more(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// [`fnv1a`] of a text with runs of white space folded to one space and
/// the ends trimmed, computed without allocating: a block keeps its hash
/// when only its line wrapping changes.
pub fn text_hash(text: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            h = fnv1a_more(h, b" ");
        }
        h = fnv1a_more(h, word.as_bytes());
    }
    h
}

/// The hash that names a library folder's files in the data folder (its
/// cache, its search index), from its canonical path.
pub fn folder_hash(root: &std::path::Path) -> u64 {
    fnv1a(root.as_os_str().as_encoded_bytes())
}

/// A fast hash of bytes ([`LaneHash`]): a file's bytes in the search
/// index, which compares them to tell an edit from a touch.
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut h = LaneHash::default();
    h.bytes(bytes);
    h.mix(bytes.len() as u64);
    h.finish()
}

/// A hash as stored: 16 lowercase hex digits.
pub fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// The low 24 bits of a hash as 6 hex digits: the suffix of derived ids.
pub fn short_hex(h: u64) -> String {
    format!("{:06x}", h & 0xff_ffff)
}

/// A hash of a brief's text, block by block: equal for briefs that read
/// the same whatever their markup or line wrapping (soft breaks are
/// spaces in the model), different when a word changes. The brief's
/// fingerprint in notes files, the library cache and reading state.
pub fn content_hash(brief: &Brief) -> String {
    let mut h = LaneHash::default();
    for id in 0..brief.blocks.len() {
        h.block(brief.block_text(id));
    }
    hex(h.finish())
}

/// A checksum of bytes written to a file (the library store's rows): fast
/// enough to check megabytes on every open.
pub fn data_hash(bytes: &[u8]) -> u64 {
    let mut h = LaneHash::default();
    h.bytes(bytes);
    h.finish()
}

/// The 64-bit hash behind [`content_hash`], fed eight bytes at a time. Four
/// lanes take the words in turn, so the multiplications do not wait on
/// each other: a cold library scan hashes every brief.
#[derive(Debug, Default)]
pub(crate) struct LaneHash {
    lanes: [u64; 4],
    n: usize,
}

impl LaneHash {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    /// One block's text; blocks "a" + "b" hash unlike one block "ab".
    pub(crate) fn block(&mut self, text: &str) {
        self.bytes(text.as_bytes());
        self.mix(u64::from(u32::MAX) ^ text.len() as u64);
    }

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
    pub(crate) fn finish(&self) -> u64 {
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
    fn data_hash_is_pinned() {
        // Library stores on disk carry it.
        assert_eq!(format!("{:016x}", data_hash(b"brief")), "937fa1e30b21e993");
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn text_hash_is_fnv1a_of_the_folded_text() {
        assert_eq!(text_hash("a  b\nc"), fnv1a(b"a b c"));
        // Pinned: anchors and reading state on disk hold this value.
        assert_eq!(hex(text_hash(" a  b\nc é ")), "19ff1ac333a3e0e9");
    }

    #[test]
    fn content_hash_is_pinned() {
        let brief = parse(
            "# T\n\nOne two\nthree.\n\nFour, with é and a longer line that crosses thirty-two \
             bytes.",
            "t",
        );
        // Computed before the hash helpers moved here; notes files,
        // library caches and reading state hold such values.
        assert_eq!(content_hash(&brief), "2d4d7ae82fce5fa7");
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
    }

    #[test]
    fn short_hex_keeps_six_digits() {
        assert_eq!(short_hex(0xffff_ffff_0000_0abc), "000abc");
    }
}

/// A hasher for keys that are already numbers (brief numbers, path
/// hashes): one multiply instead of SipHash, which a manifest of 100,000
/// briefs spent most of a search's time in. Not for keys an attacker
/// chooses to collide.
#[derive(Debug, Default, Clone, Copy)]
pub struct NumberHasher(u64);

impl std::hash::Hasher for NumberHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        // Fibonacci hashing: spreads sequential numbers over the high bits,
        // which the table's probing uses.
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by numbers, hashed with [`NumberHasher`].
pub type NumberMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<NumberHasher>>;
