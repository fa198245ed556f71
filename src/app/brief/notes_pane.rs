//! Notes-pane state: which notes are listed (document order, orphans last,
//! narrowed by a filter), the selection and the scroll.

use ratatui::crossterm::event::KeyEvent;

use super::BriefScreen;
use super::notes::NotesState;
use super::panes::Focus;
use crate::app::prompt::Prompt;
use crate::app::prompt::PromptEvent;
use crate::app::select::{Selection, Step, fitting};
use crate::app::shared::Shared;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::notes::{Note, tag_matches};

/// The lines that say, at the foot of the pane, why the notes are
/// read-only: the status bar has room for only the start of it. At most
/// half the pane, so the notes stay in sight.
pub fn reason_lines(reason: &str, width: u16, height: u16) -> Vec<String> {
    let text = format!("⚠ notes read-only: {reason}");
    let mut lines = crate::layout::wrap_plain(&text, usize::from(width));
    lines.truncate(usize::from(height / 2));
    lines
}

#[derive(Debug, Default)]
pub struct NotesPane {
    /// The selected entry and the first entry shown.
    pub sel: Selection,
    /// The filter in effect: words to find, or `#tag`.
    pub filter: String,
    /// Open while the filter is being typed.
    pub prompt: Option<Prompt>,
}

/// Whether a note passes a filter: `#tag` matches the tag or its children,
/// `kind:claim` and `stance:agree` the note's type, `@dana` its author;
/// other words must all
/// appear in the text, tags or quote.
pub fn passes(note: &Note, filter: &str) -> bool {
    filter.split_whitespace().all(|word| {
        if let Some(k) = word.strip_prefix("kind:") {
            note.kind
                .is_some_and(|kind| kind.name().starts_with(&k.to_lowercase()))
        } else if let Some(s) = word.strip_prefix("stance:") {
            note.stance
                .is_some_and(|st| st.name().starts_with(&s.to_lowercase()))
        } else if word.starts_with('#') {
            note.tags.iter().any(|t| tag_matches(t, word))
        } else if let Some(name) = word.strip_prefix('@') {
            !note.author.is_empty() && crate::notes::team::author_matches(&note.author, name)
        } else {
            let w = word.to_lowercase();
            note.text.to_lowercase().contains(&w)
                || note.tags.iter().any(|t| t.contains(&w))
                || note.anchor.quote.to_lowercase().contains(&w)
        }
    })
}

impl NotesPane {
    /// The notes listed, as indexes into `state.notes`: placed notes by
    /// block then age, then the orphans.
    pub fn entries(&self, state: &NotesState) -> Vec<usize> {
        let mut placed: Vec<(usize, usize)> = Vec::new();
        let mut orphans = Vec::new();
        for (i, note) in state.notes.iter().enumerate() {
            if !passes(note, &self.filter) {
                continue;
            }
            match state.placements.get(i).and_then(|p| p.block) {
                Some(b) => placed.push((b, i)),
                None => orphans.push(i),
            }
        }
        placed.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(state.notes[a.1].created.cmp(&state.notes[b.1].created))
        });
        let listed: Vec<usize> = placed.into_iter().map(|(_, i)| i).chain(orphans).collect();
        threaded(state, listed)
    }
}

/// The listed notes with each reply moved under the note it answers
/// (replies to a reply under that one), oldest reply first. A reply whose
/// note is not listed stays where it is.
fn threaded(state: &NotesState, listed: Vec<usize>) -> Vec<usize> {
    use std::collections::{HashMap, HashSet};
    let at: HashMap<&str, usize> = listed
        .iter()
        .map(|&i| (state.notes[i].id.as_str(), i))
        .collect();
    let parent = |i: usize| {
        state.notes[i]
            .reply_to
            .as_deref()
            .and_then(|p| at.get(p).copied())
            .filter(|&p| p != i)
    };
    let mut replies: HashMap<usize, Vec<usize>> = HashMap::new();
    for &i in &listed {
        if let Some(p) = parent(i) {
            replies.entry(p).or_default().push(i);
        }
    }
    let mut out = Vec::with_capacity(listed.len());
    let mut seen = HashSet::new();
    for &i in &listed {
        if parent(i).is_some() {
            continue;
        }
        let mut stack = vec![i];
        while let Some(n) = stack.pop() {
            if !seen.insert(n) {
                continue;
            }
            out.push(n);
            if let Some(kids) = replies.get(&n) {
                stack.extend(kids.iter().rev());
            }
        }
    }
    // Replies in a cycle (hand-edited files) have no root: listed as found.
    out.extend(listed.into_iter().filter(|i| !seen.contains(i)));
    out
}

impl BriefScreen {
    /// The notes listed now, as indexes into the notes.
    pub fn note_entries(&self) -> Vec<usize> {
        self.notes_pane.entries(&self.notes)
    }

    /// The notes list's width and height in cells.
    fn notes_list_size(&self) -> (usize, usize) {
        self.notes_list_area().map_or((1, 1), |r| {
            (usize::from(r.width).max(1), usize::from(r.height).max(1))
        })
    }

    /// Moves the notes pane's selection.
    pub(super) fn step_notes(&mut self, step: Step) {
        let entries = self.note_entries();
        let (width, rows) = self.notes_list_size();
        let heights = self.entry_heights(&entries, width, rows);
        // The last entry's gap row may fall off the end.
        let shown = fitting(&heights, self.notes_pane.sel.offset, rows + 1);
        // The list scrolls as little as it can (below); only the selection
        // is taken from the step.
        let offset = self.notes_pane.sel.offset;
        self.notes_pane.sel.step(step, entries.len(), shown, false);
        self.notes_pane.sel.offset = offset;
        self.keep_notes_in_view();
    }

    /// Scrolls the notes list so that the selected entry is in view, whole
    /// when it fits, and no further than needed to fill the pane.
    pub(super) fn keep_notes_in_view(&mut self) {
        let entries = self.note_entries();
        let (width, rows) = self.notes_list_size();
        let sel = &mut self.notes_pane.sel;
        sel.selected = sel.selected.min(entries.len().saturating_sub(1));
        let selected = sel.selected;
        let heights = self.entry_heights(&entries, width, rows);
        let sel = &mut self.notes_pane.sel;
        sel.offset = sel.offset.min(selected);
        // The last entry's gap row may fall off the end.
        let fits = |from: usize, to: usize| heights[from..to].iter().sum::<usize>() <= rows + 1;
        while sel.offset < selected && !fits(sel.offset, selected + 1) {
            sel.offset += 1;
        }
        while sel.offset > 0 && fits(sel.offset - 1, heights.len()) {
            sel.offset -= 1;
        }
    }

    /// The entry (an index into the listed notes) drawn on row `row` of the
    /// notes list.
    pub(super) fn note_at_row(&self, row: usize) -> Option<usize> {
        let entries = self.note_entries();
        let (width, rows) = self.notes_list_size();
        let heights = self.entry_heights(&entries, width, rows);
        let mut top = 0;
        for (entry, h) in heights.iter().enumerate().skip(self.notes_pane.sel.offset) {
            if row < top + h {
                return Some(entry);
            }
            top += h;
        }
        None
    }

    pub(super) fn toggle_notes_pane(&mut self, cx: &Shared) {
        // Shown but out of sight (no room beside the focused pane): `m`
        // brings it into view rather than hide what cannot be seen.
        if self.shown.notes && self.panes.notes.is_none() && !self.panes.too_small {
            self.focus = Focus::Notes;
            self.relayout(cx);
            return;
        }
        self.shown.notes = !self.shown.notes;
        if !self.shown.notes && self.focus == Focus::Notes {
            self.focus = Focus::Reader;
        }
        self.relayout(cx);
        // Too narrow for it beside the others: showing it means going to
        // it, or `m` would seem to do nothing.
        if self.shown.notes && self.panes.notes.is_none() && !self.panes.too_small {
            self.focus = Focus::Notes;
            self.relayout(cx);
        }
    }

    pub(super) fn open_notes_filter(&mut self) {
        let mut prompt = Prompt::default();
        prompt.set_value(&self.notes_pane.filter);
        self.notes_pane.prompt = Some(prompt);
    }

    pub(super) fn notes_filter_typed(&mut self, key: KeyEvent) {
        let Some(prompt) = &mut self.notes_pane.prompt else {
            return;
        };
        if prompt.handle_key(key) == PromptEvent::Changed {
            self.notes_pane.filter = prompt.value().to_owned();
            self.notes_pane.sel.reset();
        }
    }

    pub(super) fn notes_filter_command(&mut self, c: Command) {
        match c {
            Command::Submit => self.notes_pane.prompt = None,
            Command::Cancel => {
                self.notes_pane.prompt = None;
                self.notes_pane.filter.clear();
            }
            _ => {}
        }
    }

    /// Enter in the notes pane: go to the note's block.
    pub(super) fn open_selected_note(&mut self, cx: &mut Shared) {
        let entries = self.notes_pane.entries(&self.notes);
        let Some(&i) = entries.get(self.notes_pane.sel.selected) else {
            return;
        };
        match self.notes.placements.get(i).and_then(|p| p.block) {
            Some(block) => {
                if !self.reader.is_shown(block) {
                    self.clear_filter();
                }
                self.reader.jump_to(&self.brief, block);
                self.set_focus(Focus::Reader, cx);
            }
            None => {
                let quote = &self.notes.notes[i].anchor.quote;
                cx.error(format!(
                    "orphaned: its paragraph is gone (\u{201c}{}\u{201d})",
                    sanitize_line(quote)
                ));
            }
        }
    }
}

impl BriefScreen {
    /// `M`: notes shown under their paragraph in the reader, or not.
    pub(super) fn toggle_inline_notes(&mut self, cx: &mut Shared) {
        self.inline_notes = !self.inline_notes;
        self.sync_inline_notes();
        cx.say(if self.inline_notes {
            "notes shown under their paragraphs"
        } else {
            "notes in the margin only"
        });
    }

    /// Gives the reader the notes to show under their paragraphs (none
    /// when that is off): after the toggle and whenever the notes change.
    pub(super) fn sync_inline_notes(&mut self) {
        let mut by_block: std::collections::HashMap<usize, Vec<String>> = Default::default();
        if self.inline_notes {
            for (i, note) in self.notes.notes.iter().enumerate() {
                let Some(block) = self.notes.placements.get(i).and_then(|p| p.block) else {
                    continue;
                };
                let mut line = inline_text(note);
                if self.notes.is_team(i) {
                    let who = crate::notes::team::initials(&note.author);
                    line = format!("[{who}] {line}");
                }
                by_block.entry(block).or_default().push(line);
            }
        }
        self.reader.set_inline(&self.brief, by_block);
    }
}

/// A note on one line for the reader: kind and stance, text, tags.
fn inline_text(note: &Note) -> String {
    let mut parts: Vec<String> = Vec::new();
    let typed: Vec<&str> = [note.kind.map(|k| k.name()), note.stance.map(|s| s.name())]
        .into_iter()
        .flatten()
        .collect();
    if !typed.is_empty() {
        parts.push(format!("[{}]", typed.join(" · ")));
    }
    let text: Vec<&str> = note.text.split_whitespace().collect();
    if !text.is_empty() {
        parts.push(text.join(" "));
    }
    parts.extend(note.tags.iter().map(|t| format!("#{t}")));
    sanitize_line(&parts.join(" "))
}
