//! Checking a query on one block's text: which words and phrases are there,
//! where (for highlighting), and the snippet shown for the block.
//!
//! The index finds candidate blocks by stems; the case rule, and which
//! matches are in the form typed, are settled here, on the few blocks a
//! page of results needs.

use std::ops::Range;

use super::analyze::Analyzers;
use super::query::{ClauseKind, Query};
use super::tokenize::token_ranges;

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

/// One word of a clause in the forms it is compared in.
#[derive(Debug)]
struct Word {
    /// As typed: compared as is when the query is case-sensitive.
    typed: String,
    /// Lower case, accents folded: the exact form.
    plain: String,
    /// Its English and French stems.
    stems: Vec<String>,
}

/// A text clause ready to compare with a block's words.
#[derive(Debug)]
struct TextMatcher {
    words: Vec<Word>,
    prefix: bool,
    negated: bool,
}

/// The text clauses of a query, checked on a block's text: the index
/// finds blocks by stems; this says where the words are (to highlight
/// them), whether they are there in the form typed (ranked first), and
/// settles the case rule (a capital in the query makes case count).
#[derive(Debug)]
pub(crate) struct BlockMatcher {
    clauses: Vec<TextMatcher>,
    case_sensitive: bool,
}

/// What a check found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte ranges of the matches, sorted and merged.
    pub ranges: Vec<Range<usize>>,
    /// Every clause found is there in the form typed, not only its stem.
    pub exact: bool,
    /// Clauses found.
    pub clauses: usize,
}

/// A block's word, with its forms worked out when first needed.
struct Token {
    range: (usize, usize),
    plain: Option<String>,
    stems: Option<Vec<String>>,
}

impl BlockMatcher {
    pub fn new(query: &Query, an: &mut Analyzers) -> BlockMatcher {
        let clauses = query
            .clauses
            .iter()
            .filter_map(|c| match &c.kind {
                ClauseKind::Text { words, prefix } => Some(TextMatcher {
                    words: words
                        .iter()
                        .map(|w| Word {
                            typed: w.clone(),
                            plain: an.plain(w),
                            stems: an.stems(w),
                        })
                        .collect(),
                    prefix: *prefix,
                    negated: c.negated,
                }),
                ClauseKind::Tag(_) => None,
            })
            .collect();
        BlockMatcher {
            clauses,
            case_sensitive: query.case_sensitive,
        }
    }

    /// Where the query's words are in `text`, or None when the block does
    /// not match: an excluded word is there, or (with `all`) a word or
    /// phrase is missing; without `all`, when none is there. Tags are not
    /// checked here: the index settles them.
    pub fn check(&self, an: &mut Analyzers, text: &str, all: bool) -> Option<Found> {
        let mut tokens: Vec<Token> = token_ranges(text)
            .into_iter()
            .map(|range| Token {
                range,
                plain: None,
                stems: None,
            })
            .collect();
        let mut ranges = Vec::new();
        let (mut exact, mut found) = (true, 0);
        for clause in &self.clauses {
            let before = ranges.len();
            let hit = self.find(clause, an, text, &mut tokens, &mut ranges);
            if clause.negated {
                if hit.is_some() {
                    return None;
                }
                ranges.truncate(before);
            } else if let Some(exactly) = hit {
                found += 1;
                exact &= exactly;
            } else if all {
                return None;
            }
        }
        if found == 0 && !all {
            return None;
        }
        Some(Found {
            ranges: merge_ranges(ranges),
            exact,
            clauses: found,
        })
    }

    /// Pushes the range of every occurrence of a clause's words in a row;
    /// Some(exactly) when there is one, `exactly` when one is in the form
    /// typed.
    fn find(
        &self,
        clause: &TextMatcher,
        an: &mut Analyzers,
        text: &str,
        tokens: &mut [Token],
        out: &mut Vec<Range<usize>>,
    ) -> Option<bool> {
        let n = clause.words.len();
        if n == 0 || tokens.len() < n {
            return None;
        }
        let mut found = None;
        for i in 0..=tokens.len() - n {
            let mut exact = true;
            let hit = clause.words.iter().enumerate().all(|(j, w)| {
                let last = clause.prefix && j == n - 1;
                match self.word_matches(w, last, an, text, &mut tokens[i + j]) {
                    Some(e) => {
                        exact &= e;
                        true
                    }
                    None => false,
                }
            });
            if hit {
                out.push(tokens[i].range.0..tokens[i + n - 1].range.1);
                found = Some(found.unwrap_or(false) || exact);
            }
        }
        found
    }

    /// Whether a block's word matches a query word: Some(true) in the form
    /// typed, Some(false) by its stem.
    fn word_matches(
        &self,
        w: &Word,
        prefix: bool,
        an: &mut Analyzers,
        text: &str,
        token: &mut Token,
    ) -> Option<bool> {
        let word = &text[token.range.0..token.range.1];
        if self.case_sensitive {
            let hit = if prefix {
                word.starts_with(w.typed.as_str())
            } else {
                word == w.typed
            };
            return hit.then_some(true);
        }
        let plain = token.plain.get_or_insert_with(|| an.plain(word));
        if *plain == w.plain || (prefix && plain.starts_with(w.plain.as_str())) {
            return Some(true);
        }
        let stems = token.stems.get_or_insert_with(|| an.stems(word));
        stems.iter().any(|s| w.stems.contains(s)).then_some(false)
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
        let mut an = Analyzers::default();
        let found = BlockMatcher::new(&Query::parse(query), &mut an).check(&mut an, text, true)?;
        Some(found.ranges.into_iter().map(|r| (r.start, r.end)).collect())
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
    fn stems_and_accents_match_but_only_the_typed_form_is_exact() {
        let mut an = Analyzers::default();
        let m = BlockMatcher::new(&Query::parse("sanction strategie"), &mut an);
        let found = m.check(&mut an, "Sanctions and a stratégie", true).unwrap();
        assert_eq!(found.ranges, [0..9, 16..26]);
        assert!(!found.exact, "sanctions is a stem match");
        let found = m.check(&mut an, "a sanction strategie", true).unwrap();
        assert!(found.exact);
    }

    #[test]
    fn snippet_ranges_follow_the_cut_and_stay_on_char_boundaries() {
        let text = format!("{} grain «é» tail {}", "ä".repeat(100), "x ".repeat(200));
        let mut an = Analyzers::default();
        let m = BlockMatcher::new(&Query::parse("grain"), &mut an)
            .check(&mut an, &text, true)
            .unwrap();
        let s = snippet(&text, &m.ranges);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        for r in &s.matches {
            assert_eq!(&s.text[r.clone()], "grain");
        }
        assert_eq!(s.matches.len(), 1);
    }
}
