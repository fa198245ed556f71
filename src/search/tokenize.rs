//! Words as search sees them: maximal runs of alphanumeric characters
//! (as tantivy's simple tokenizer splits them). Punctuation separates
//! words, so `co-operation` is two terms and a query for it is a phrase.

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

/// The words of a query fragment, as typed (case kept).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |s, e| out.push(text[s..e].to_owned()));
    out
}

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
}
