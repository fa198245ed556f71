//! The jump popup: type part of a section title, pick from a fuzzy-ranked
//! list, Enter goes there.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::prompt::Prompt;
use crate::document::{Brief, SectionId};

pub struct Jump {
    pub prompt: Prompt,
    /// Sections that match, best first (document order for an empty query).
    pub results: Vec<SectionId>,
    pub selected: usize,
    /// First result row shown, kept so the selection stays in view.
    pub offset: usize,
    matcher: Matcher,
}

impl std::fmt::Debug for Jump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jump")
            .field("query", &self.prompt.value())
            .field("results", &self.results.len())
            .field("selected", &self.selected)
            .finish()
    }
}

impl Jump {
    pub fn new(brief: &Brief) -> Jump {
        let mut jump = Jump {
            prompt: Prompt::default(),
            results: Vec::new(),
            selected: 0,
            offset: 0,
            matcher: Matcher::new(Config::DEFAULT),
        };
        jump.refilter(brief);
        jump
    }

    /// Ranks the sections against the query: best score first, ties in
    /// document order.
    pub fn refilter(&mut self, brief: &Brief) {
        let query = self.prompt.value();
        self.selected = 0;
        self.offset = 0;
        if query.trim().is_empty() {
            self.results = (0..brief.sections.len()).collect();
            return;
        }
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        let mut buf = Vec::new();
        let mut scored: Vec<(u32, SectionId)> = brief
            .sections
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                pattern
                    .score(Utf32Str::new(&s.title, &mut buf), &mut self.matcher)
                    .map(|score| (score, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.results = scored.into_iter().map(|(_, i)| i).collect();
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.results.is_empty() {
            return;
        }
        let n = self.results.len() as isize;
        self.selected = (self.selected as isize + delta).rem_euclid(n) as usize;
    }

    pub fn chosen(&self) -> Option<SectionId> {
        self.results.get(self.selected).copied()
    }

    pub fn keep_in_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn fuzzy_query_ranks_the_closest_title_first() {
        let brief = parse("## Background\n## Sanctions policy\n## Sea lanes\n", "t");
        let mut j = Jump::new(&brief);
        for c in "snct".chars() {
            j.prompt
                .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        j.refilter(&brief);
        assert_eq!(j.chosen(), Some(1));
    }

    #[test]
    fn empty_query_lists_every_section_in_order() {
        let brief = parse("## A\n## B\n## C\n", "t");
        let j = Jump::new(&brief);
        assert_eq!(j.results, [0, 1, 2]);
    }
}
