//! Checking a query on one block's text: which words and phrases are there,
//! where (for highlighting), and the snippet shown for the block.
//!
//! The index finds candidate blocks by lower-case terms; phrases, smart case
//! and exclusions that the postings cannot decide are settled here, on the
//! few blocks a page of results needs.

use std::ops::Range;

use super::query::{ClauseKind, Query};
use super::tokenize::{fold, token_ranges};

/// Characters of block text a snippet shows.
pub const SNIPPET_CHARS: usize = 160;
/// Characters kept before the first match, when the snippet is cut.
const LEAD_CHARS: usize = 40;

/// The part of a block shown in a result, with the matches to highlight.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// One line: newlines and tabs are spaces; `…` marks a cut.
    pub text: String,
    /// Byte ranges in `text`, sorted, on char boundaries.
    pub matches: Vec<Range<usize>>,
}

/// A text clause ready to compare with a block's words.
#[derive(Debug)]
pub(crate) struct TextMatcher {
    words: Vec<String>,
    prefix: bool,
    negated: bool,
}

/// The text clauses of a query, folded unless the query is case-sensitive.
#[derive(Debug)]
pub(crate) struct BlockMatcher {
    clauses: Vec<TextMatcher>,
    case_sensitive: bool,
}

impl BlockMatcher {
    pub fn new(query: &Query) -> BlockMatcher {
        let case_sensitive = query.case_sensitive;
        let clauses = query
            .clauses
            .iter()
            .filter_map(|c| match &c.kind {
                ClauseKind::Text { words, prefix } => Some(TextMatcher {
                    words: words
                        .iter()
                        .map(|w| if case_sensitive { w.clone() } else { fold(w) })
                        .collect(),
                    prefix: *prefix,
                    negated: c.negated,
                }),
                ClauseKind::Tag(_) => None,
            })
            .collect();
        BlockMatcher {
            clauses,
            case_sensitive,
        }
    }

    /// The byte ranges of the matches in `text`, or None when the block
    /// does not match (a word or phrase missing, an excluded one present).
    /// Tags are not checked here: the index settles them.
    pub fn matches(&self, text: &str) -> Option<Vec<Range<usize>>> {
        let tokens = token_ranges(text);
        let words: Vec<String> = tokens
            .iter()
            .map(|&(s, e)| {
                if self.case_sensitive {
                    text[s..e].to_owned()
                } else {
                    fold(&text[s..e])
                }
            })
            .collect();
        let mut ranges = Vec::new();
        for clause in &self.clauses {
            let before = ranges.len();
            find(clause, &words, &tokens, &mut ranges);
            let found = ranges.len() > before;
            if clause.negated {
                if found {
                    return None;
                }
                ranges.truncate(before);
            } else if !found {
                return None;
            }
        }
        Some(merge_ranges(ranges))
    }
}

/// Pushes the range of every occurrence of a clause's words in a row.
fn find(
    clause: &TextMatcher,
    words: &[String],
    tokens: &[(usize, usize)],
    out: &mut Vec<Range<usize>>,
) {
    let n = clause.words.len();
    if n == 0 || words.len() < n {
        return;
    }
    for i in 0..=words.len() - n {
        let hit = clause.words.iter().enumerate().all(|(j, w)| {
            let word = &words[i + j];
            if clause.prefix && j == n - 1 {
                word.starts_with(w.as_str())
            } else {
                word == w
            }
        });
        if hit {
            out.push(tokens[i].0..tokens[i + n - 1].1);
        }
    }
}

fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The snippet of a block: the whole text when short, else
/// [`SNIPPET_CHARS`] characters from a little before the first match.
pub fn snippet(text: &str, matches: &[Range<usize>]) -> Snippet {
    let anchor = matches.first().map_or(0, |r| r.start);
    let (start, end) = window(text, anchor);
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let body: String = text[start..end]
        .chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect();
    // Each replaced character is one byte, so offsets are unchanged.
    let shift = lead.len();
    let matches = matches
        .iter()
        .filter(|r| r.end > start && r.start < end)
        .map(|r| r.start.max(start) - start + shift..r.end.min(end) - start + shift)
        .collect();
    Snippet {
        text: format!("{lead}{body}{tail}"),
        matches,
    }
}

/// Byte range of the snippet window around `anchor`, on char boundaries,
/// starting at a word when one starts close by.
fn window(text: &str, anchor: usize) -> (usize, usize) {
    if text.chars().count() <= SNIPPET_CHARS {
        return (0, text.len());
    }
    let before: Vec<usize> = text[..anchor].char_indices().map(|(i, _)| i).collect();
    let mut start = before
        .len()
        .checked_sub(LEAD_CHARS)
        .map_or(0, |i| before[i]);
    if start > 0 {
        // Skip the partial word the cut lands in.
        if let Some(space) = text[start..anchor].find(char::is_whitespace) {
            start += space;
            start += text[start..].chars().next().map_or(0, char::len_utf8);
        }
    }
    let end = text[start..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(query: &str, text: &str) -> Option<Vec<(usize, usize)>> {
        let found = BlockMatcher::new(&Query::parse(query)).matches(text)?;
        Some(found.into_iter().map(|r| (r.start, r.end)).collect())
    }

    #[test]
    fn phrase_needs_its_words_in_a_row() {
        assert_eq!(
            ranges("\"black sea\"", "The Black, sea."),
            Some(vec![(4, 14)])
        );
        assert_eq!(ranges("\"black sea\"", "black and sea"), None);
    }

    #[test]
    fn capital_in_the_query_makes_case_count() {
        assert_eq!(ranges("EU", "the eu and the EU"), Some(vec![(15, 17)]));
        assert_eq!(
            ranges("eu", "the eu and the EU"),
            Some(vec![(4, 6), (15, 17)])
        );
        assert_eq!(ranges("EU", "the eu"), None);
    }

    #[test]
    fn excluded_word_rejects_the_block() {
        assert_eq!(ranges("grain -wheat", "grain and wheat"), None);
        assert_eq!(ranges("grain -wheat", "grain and rye"), Some(vec![(0, 5)]));
    }

    #[test]
    fn snippet_ranges_follow_the_cut_and_stay_on_char_boundaries() {
        let text = format!("{} grain «é» tail {}", "ä".repeat(100), "x ".repeat(200));
        let m = BlockMatcher::new(&Query::parse("grain"))
            .matches(&text)
            .unwrap();
        let s = snippet(&text, &m);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        for r in &s.matches {
            assert_eq!(&s.text[r.clone()], "grain");
        }
        assert_eq!(s.matches.len(), 1);
    }
}
