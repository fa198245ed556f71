//! The "briefs first" part of the library prompt: a fuzzy match of what
//! was typed against each brief's title and metadata (author,
//! classification, tags, date, file path), with nucleo's scoring. Fast
//! enough (a millisecond or two for 1,000 briefs) to run on every key.
//!
//! Each word typed must match within one field (so `energy smith` finds
//! an energy brief by Smith, but letters are not picked across fields),
//! and must match about as well as its letters in a row would: a word
//! spread thinly over a long title is noise, not a match.

use std::ops::Range;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_segmentation::UnicodeSegmentation;

use super::query::Query;
use crate::catalogue::{Entry, Library};

/// The score a word must reach per character. nucleo gives 16 a matched
/// character plus bonuses for runs and word starts, minus gap penalties:
/// letters in a row score about 28 a character (`grain` in "Grain
/// corridor", `ricexp` in "Rice exports", `gc` as initials), the same
/// letters picked over several words about 23 (`grain` in "GRowth, regions
/// And aId in Niger"), which is noise above a list of passages.
const SCORE_PER_CHAR: u32 = 25;

/// A brief whose title or metadata matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefMatch {
    /// Index in [`Library::entries`].
    pub entry: usize,
    pub score: u32,
    /// Byte ranges of the title that matched, for highlighting (sorted,
    /// on character boundaries; empty when only the metadata matched).
    pub title_matches: Vec<Range<usize>>,
}

/// The briefs matching `text` (the prompt as typed), best first, at most
/// `limit`. Query syntax is understood: `-word` and `#tag` do not take part
/// and quotes are dropped. Smart case, as in full-text search.
pub fn match_briefs(library: &Library, text: &str, limit: usize) -> Vec<BriefMatch> {
    let needle = Query::parse(text).plain_text();
    let atoms: Vec<(Atom, u32)> = needle
        .split_whitespace()
        .map(|w| {
            let atom = Atom::new(
                w,
                CaseMatching::Smart,
                Normalization::Smart,
                AtomKind::Fuzzy,
                false,
            );
            (atom, w.chars().count() as u32 * SCORE_PER_CHAR)
        })
        .collect();
    if atoms.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut m = Fuzzy {
        matcher: Matcher::new(Config::DEFAULT),
        buf: Vec::new(),
        indices: Vec::new(),
    };
    let mut found: Vec<BriefMatch> = library
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| m.entry(i, e, &atoms))
        .collect();
    found.sort_by(|a, b| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry)));
    found.truncate(limit);
    found
}

struct Fuzzy {
    matcher: Matcher,
    buf: Vec<char>,
    indices: Vec<u32>,
}

impl Fuzzy {
    fn entry(&mut self, i: usize, e: &Entry, atoms: &[(Atom, u32)]) -> Option<BriefMatch> {
        let info = e.info()?;
        let tags = info.tags.join(" ");
        let others = [
            info.author.as_deref().unwrap_or(""),
            info.classification.as_deref().unwrap_or(""),
            &tags,
            &info.date,
            &e.relative,
        ];
        let mut score = 0;
        let mut title_hits: Vec<u32> = Vec::new();
        for (atom, floor) in atoms {
            self.indices.clear();
            let in_title = atom
                .indices(
                    Utf32Str::new(&info.title, &mut self.buf),
                    &mut self.matcher,
                    &mut self.indices,
                )
                .map(u32::from);
            let elsewhere = others
                .iter()
                .filter_map(|f| atom.score(Utf32Str::new(f, &mut self.buf), &mut self.matcher))
                .map(u32::from)
                .max();
            let best = in_title.max(elsewhere).filter(|s| s >= floor)?;
            if in_title == Some(best) {
                title_hits.extend_from_slice(&self.indices);
            }
            score += best;
        }
        Some(BriefMatch {
            entry: i,
            score,
            title_matches: title_ranges(&info.title, &mut title_hits),
        })
    }
}

/// Byte ranges in `title` of the matched positions nucleo reports: bytes
/// for an ASCII title, else grapheme clusters (nucleo's unit).
fn title_ranges(title: &str, indices: &mut [u32]) -> Vec<Range<usize>> {
    indices.sort_unstable();
    let units: Vec<Range<usize>> = if title.is_ascii() {
        (0..title.len()).map(|i| i..i + 1).collect()
    } else {
        title
            .grapheme_indices(true)
            .map(|(i, g)| i..i + g.len())
            .collect()
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for &i in indices.iter() {
        let Some(r) = units.get(i as usize) else {
            break;
        };
        match out.last_mut() {
            Some(last) if last.end >= r.start => last.end = last.end.max(r.end),
            _ => out.push(r.clone()),
        }
    }
    out
}
