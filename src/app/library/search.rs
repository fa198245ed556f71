//! The library's search prompt: briefs whose title or metadata match come
//! first (matched here, they are few), then passages from the full text
//! (asked of the search worker as the reader types).

use ratatui::crossterm::event::KeyEvent;

use super::LibraryScreen;
use crate::app::msg::Effect;
use crate::app::prompt::{Prompt, PromptEvent};
use crate::app::shared::Shared;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::search::{
    BriefMatch, IndexEvent, Passage, Progress, SearchResponse, Total, match_briefs,
};

/// Briefs matched by title in the search list, at most.
const BRIEF_MATCHES: usize = 8;
/// Passages asked for per search (one screen or so is read; more would
/// only cost time while typing).
pub const PASSAGES: usize = 60;

#[derive(Debug, Default)]
pub struct LibrarySearch {
    pub prompt: Prompt,
    pub editing: bool,
    pub briefs: Vec<BriefMatch>,
    pub passages: Vec<Passage>,
    pub total: Option<Total>,
    /// A search is on its way for the text as typed.
    pub waiting: bool,
    /// The results come from the briefs indexed so far.
    pub partial: Option<Progress>,
}

impl LibraryScreen {
    /// A binding of the search line: move through the results, stop
    /// typing (the results stay), or close the search.
    pub(super) fn search_command(&mut self, c: Command, cx: &mut Shared) {
        if let Some(step) = crate::app::brief::list_step(c) {
            self.step_rows(step, cx.size);
            return;
        }
        let Some(search) = &mut self.search else {
            return;
        };
        match c {
            Command::Open | Command::Submit => {
                search.editing = false;
                if search.prompt.value().trim().is_empty() {
                    self.search = None;
                }
            }
            Command::Cancel => {
                self.search = None;
                self.sel.reset();
            }
            _ => {}
        }
    }

    /// Keys typed into the search line.
    pub(super) fn search_typed(&mut self, key: KeyEvent, cx: &mut Shared) {
        let Some(search) = &mut self.search else {
            return;
        };
        if search.prompt.handle_key(key) == PromptEvent::Changed {
            self.sel.reset();
            self.refresh_search(cx);
        }
    }

    /// Title matches now (cheap, on this thread); passages from the
    /// search worker.
    pub(super) fn refresh_search(&mut self, cx: &mut Shared) {
        let Some(library) = self.scanned.as_ref().map(|s| &s.library) else {
            return;
        };
        let Some(search) = &mut self.search else {
            return;
        };
        let text = search.prompt.value().to_owned();
        search.briefs = match_briefs(library, &text, BRIEF_MATCHES);
        if text.trim().is_empty() {
            search.passages.clear();
            search.total = None;
            search.waiting = false;
            return;
        }
        search.waiting = true;
        cx.push(Effect::Search {
            text,
            incremental: true,
        });
    }

    /// Search results from the worker (already checked to be current).
    pub fn results(&mut self, response: SearchResponse) {
        let Some(search) = &mut self.search else {
            return;
        };
        if response.text != search.prompt.value() {
            return;
        }
        search.passages = response.results.passages;
        search.total = Some(response.results.total);
        search.partial = response.indexing;
        search.waiting = false;
    }

    /// The search index moved on: more briefs indexed, or up to date.
    /// An open search is asked again, so its results follow.
    pub fn index_event(&mut self, event: IndexEvent, cx: &mut Shared) {
        match event {
            IndexEvent::Progress(p) => self.indexing = (p.done < p.total).then_some(p),
            IndexEvent::Ready => self.indexing = None,
            IndexEvent::Notice(text) => {
                cx.say(sanitize_line(&text));
                return;
            }
        }
        if self.search.is_some() {
            self.refresh_search(cx);
        }
    }
}
