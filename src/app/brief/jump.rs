//! The jump popup: type part of a section title, pick from a fuzzy-ranked
//! list, Enter goes there.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use ratatui::crossterm::event::KeyEvent;

use super::BriefScreen;
use super::navigate::list_step;
use super::overlay::Overlay;
use super::panes::Focus;
use crate::app::popup_list_height;
use crate::app::prompt::{Prompt, PromptEvent};
use crate::app::select::{Selection, Step};
use crate::app::shared::Shared;
use crate::document::{Brief, SectionId};
use crate::keys::Command;

pub struct Jump {
    pub prompt: Prompt,
    /// Sections that match, best first (document order for an empty query).
    pub results: Vec<SectionId>,
    pub sel: Selection,
    matcher: Matcher,
}

impl std::fmt::Debug for Jump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jump")
            .field("query", &self.prompt.value())
            .field("results", &self.results.len())
            .field("selected", &self.sel.selected)
            .finish()
    }
}

impl Jump {
    pub fn new(brief: &Brief) -> Jump {
        let mut jump = Jump {
            prompt: Prompt::default(),
            results: Vec::new(),
            sel: Selection::default(),
            matcher: Matcher::new(Config::DEFAULT),
        };
        jump.refilter(brief);
        jump
    }

    /// Ranks the sections against the query: best score first, ties in
    /// document order.
    pub fn refilter(&mut self, brief: &Brief) {
        let query = self.prompt.value();
        self.sel.reset();
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

    /// Moves the selection (round past either end) in a list `rows` tall.
    pub fn step(&mut self, step: Step, rows: usize) {
        self.sel.step(step, self.results.len(), rows, true);
    }

    pub fn chosen(&self) -> Option<SectionId> {
        self.results.get(self.sel.selected).copied()
    }

    pub fn keep_in_view(&mut self, rows: usize) {
        self.sel.keep_in_view(self.results.len(), rows);
    }
}

impl BriefScreen {
    pub(super) fn open_jump(&mut self) {
        self.overlay = Overlay::Jump(Box::new(Jump::new(&self.brief)));
    }

    /// A command of the jump popup's list.
    pub(super) fn jump_command(&mut self, c: Command, cx: &mut Shared) {
        let rows = popup_list_height(cx.size);
        let Overlay::Jump(jump) = &mut self.overlay else {
            return;
        };
        if let Some(step) = list_step(c) {
            jump.step(step, rows);
            return;
        }
        match c {
            Command::Open => {
                let chosen = jump.chosen();
                self.overlay = Overlay::None;
                if let Some(s) = chosen {
                    self.open_section(s);
                    self.set_focus(Focus::Reader, cx);
                }
            }
            Command::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    /// A key typed into the jump popup's filter.
    pub(super) fn jump_typed(&mut self, key: KeyEvent) {
        if let Overlay::Jump(jump) = &mut self.overlay
            && jump.prompt.handle_key(key) == PromptEvent::Changed
        {
            jump.refilter(&self.brief);
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
