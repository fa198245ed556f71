//! Reading state while a brief is open: where the reader is, the sections
//! read (once their end has been on screen), and what changed since the
//! last read. Saved beside the notes by the store worker: the state is
//! sent as an effect whenever a section is newly read and when the brief
//! is left.

use super::BriefScreen;
use super::overlay::Overlay;
use super::panes::Focus;
use super::reader::Item;
use crate::app::msg::Effect;
use crate::app::shared::Shared;
use crate::document::sanitize::sanitize;
use crate::document::{Brief, Inline, SectionId};
use crate::keys::Command;
use crate::layout::wrap::{Piece, wrap};
use crate::reading::{DiffKind, DiffPart, ReadingState, changed_sections, section_diff};

/// The reading state of the open brief.
#[derive(Debug)]
pub struct ReadingSession {
    pub state: ReadingState,
    /// Sections whose text changed since the reader last read them, as
    /// found when the brief opened. They stay marked for the whole visit,
    /// re-read or not: reaching a section must not hide that it changed.
    pub changed: Vec<SectionId>,
    /// Of those, the ones not yet re-read on this visit: while any is left
    /// the library still shows the brief as updated.
    pub unseen: Vec<SectionId>,
    /// The state as it was when the brief opened, for `D` to compare with
    /// after re-reading has moved the state on.
    before: ReadingState,
    /// Sections read (in any version), kept here so that checking them on
    /// every keypress costs nothing.
    read: std::collections::HashSet<SectionId>,
    /// State changed since the last save.
    dirty: bool,
    /// This visit is recorded in the state (done at the first save, off
    /// the path to the first screen).
    touched: bool,
}

impl ReadingSession {
    /// The state of a brief as loaded (unread if never opened), noting
    /// what changed since the last read before this visit is recorded.
    pub fn new(state: ReadingState, brief: &Brief) -> ReadingSession {
        let changed = changed_sections(&state, brief);
        let read = state.read_sections(brief).into_iter().collect();
        ReadingSession {
            before: state.clone(),
            state,
            unseen: changed.clone(),
            changed,
            read,
            dirty: true,
            touched: false,
        }
    }

    /// How many sections have been read (their end has been on screen).
    pub fn read_count(&self) -> usize {
        self.read.len()
    }

    /// The block to reopen at, if the brief was read before.
    pub fn position(&self, brief: &Brief) -> Option<usize> {
        self.state.position_in(brief)
    }

    /// The state to write, when it changed since the last time.
    pub fn to_save(&mut self, brief: &Brief) -> Option<ReadingState> {
        if !std::mem::take(&mut self.dirty) {
            return None;
        }
        if !std::mem::replace(&mut self.touched, true) {
            self.state.touch(brief);
        }
        Some(self.state.clone())
    }
}

/// The word diff popup (`D`).
#[derive(Debug)]
pub struct DiffView {
    pub section: SectionId,
    pub parts: Vec<DiffPart>,
    pub scroll: usize,
}

/// The changes as one text, with the byte ranges of its runs and how each
/// is marked: what the popup wraps and draws.
pub struct DiffText {
    pub text: String,
    pub runs: Vec<(usize, usize, Inline)>,
}

impl DiffView {
    /// Words put in are strong, words taken out struck through.
    pub fn text(&self) -> DiffText {
        let mut text = String::new();
        let mut runs = Vec::new();
        let mut last = DiffKind::Equal;
        for part in &self.parts {
            // Words taken out and words put in meet with no space between
            // them ("neededurgently"): keep them apart.
            let meets =
                last != DiffKind::Equal && part.kind != DiffKind::Equal && last != part.kind;
            if meets
                && !text.ends_with(char::is_whitespace)
                && !part.text.starts_with(char::is_whitespace)
            {
                let at = text.len();
                text.push(' ');
                runs.push((at, text.len(), Inline::empty()));
            }
            last = part.kind;
            let start = text.len();
            text.push_str(&sanitize(&part.text));
            let flag = match part.kind {
                DiffKind::Equal => Inline::empty(),
                DiffKind::Inserted => Inline::STRONG,
                DiffKind::Deleted => Inline::STRIKE,
            };
            runs.push((start, text.len(), flag));
        }
        DiffText { text, runs }
    }
}

impl DiffText {
    /// The text wrapped to `width` columns.
    pub fn lines(&self, width: usize) -> Vec<Vec<Piece<'_>>> {
        let pieces: Vec<Piece<'_>> = self
            .runs
            .iter()
            .filter(|(s, e, _)| e > s)
            .map(|&(s, e, inline)| Piece {
                text: &self.text[s..e],
                inline,
                src: s as u32,
            })
            .collect();
        wrap(&self.text, &pieces, width, width)
    }
}

/// Where the changes popup's text goes on a screen of `size`: inside the
/// popup's border.
pub fn diff_text_area(size: ratatui::layout::Rect) -> ratatui::layout::Rect {
    crate::app::popup_area(size).inner(ratatui::layout::Margin::new(1, 1))
}

impl BriefScreen {
    /// Attaches the reading state and reopens where the reader left off.
    pub(super) fn attach_reading(&mut self, session: ReadingSession, cx: &mut Shared) {
        if let Some(block) = session.position(&self.brief) {
            self.reader.jump_to(&self.brief, block);
        }
        let changed = session.changed.len();
        self.reading = Some(session);
        // What the first screen shows counts as read too.
        self.track_reading(cx);
        if changed > 0 && cx.status.message.is_none() {
            let key = cx.hint(Command::ShowChanges);
            cx.say(format!(
                "updated since you last read it: {changed} section(s) changed (marked Δ; {key} shows changes)"
            ));
        }
        self.sync_views(cx);
    }

    /// After every update: remember the cursor, and mark read the sections
    /// whose end is on screen. A newly read section is saved at once (the
    /// worker keeps only the latest of a burst).
    pub(super) fn track_reading(&mut self, cx: &mut Shared) {
        let Some(session) = &mut self.reading else {
            return;
        };
        if self.brief.blocks.is_empty() || self.reader.is_filtered() {
            return;
        }
        // Only a move is worth a save on leaving.
        if session.state.set_position(&self.brief, self.reader.cursor) {
            session.dirty = true;
        }
        let mut newly_read = false;
        for section in sections_ending_on_screen(&self.reader, &self.brief) {
            // A changed section counts again once re-read.
            let known = session.read.contains(&section) && !session.unseen.contains(&section);
            if !known && session.state.mark_read(&self.brief, section) {
                session.read.insert(section);
                session.unseen.retain(|&s| s != section);
                newly_read = true;
            }
        }
        if newly_read {
            self.save_reading(cx);
        }
    }

    /// Sends the reading state to be saved (on leaving, and as sections
    /// are read).
    pub fn save_reading(&mut self, cx: &mut Shared) {
        if let Some(state) = self.reading.as_mut().and_then(|s| s.to_save(&self.brief)) {
            cx.push(Effect::SaveState(Box::new(state)));
        }
    }

    /// Sections changed since the last read, for the outline's marks.
    pub fn changed_sections(&self) -> &[SectionId] {
        self.reading.as_ref().map_or(&[], |s| s.changed.as_slice())
    }

    /// `D`: a section's changes since the reader last read it, before this
    /// visit: the section chosen in the outline when it has the focus, else
    /// the cursor's.
    pub(super) fn show_diff(&mut self, cx: &mut Shared) {
        let Some(session) = &self.reading else {
            cx.say("reading state is not kept for this brief");
            return;
        };
        let section = match self.focus {
            Focus::Outline => self
                .outline
                .selected_section()
                .unwrap_or(self.reader.section),
            _ => self.reader.section,
        };
        match section_diff(&session.before, &self.brief, section) {
            Some(parts) if parts.iter().any(|p| p.kind != DiffKind::Equal) => {
                self.overlay = Overlay::Diff(Box::new(DiffView {
                    section,
                    parts,
                    scroll: 0,
                }));
            }
            Some(_) => cx.say("no change in this section since you read it"),
            None => cx.say("you have not read this section before: nothing to compare"),
        }
    }

    /// The reading keys (and the wheel) scroll the changes view, never
    /// past its last screenful; any other key closes it.
    pub(super) fn diff_command(&mut self, c: Command, cx: &Shared) {
        let Overlay::Diff(view) = &mut self.overlay else {
            return;
        };
        let area = diff_text_area(cx.size);
        let page = usize::from(area.height.max(1));
        let last = view
            .text()
            .lines(usize::from(area.width.max(1)))
            .len()
            .saturating_sub(page);
        view.scroll = match c {
            Command::Down => view.scroll + 1,
            Command::Up => view.scroll.saturating_sub(1),
            Command::PageDown => view.scroll + page,
            Command::PageUp => view.scroll.saturating_sub(page),
            Command::Top => 0,
            Command::Bottom => last,
            _ => {
                self.overlay = Overlay::None;
                return;
            }
        }
        .min(last);
    }
}

/// Sections whose last line is on screen: the last content line of their
/// last block (or of their heading, for an empty section).
fn sections_ending_on_screen(reader: &super::reader::Reader, brief: &Brief) -> Vec<SectionId> {
    let rows = reader.visible_rows(brief);
    let mut out = Vec::new();
    for (i, pos) in rows.iter().enumerate() {
        let last_row_of_item = rows.get(i + 1).is_none_or(|next| next.item != pos.item);
        if !last_row_of_item {
            continue;
        }
        let lines = reader.lines(brief, pos.item);
        // The item's content must be fully shown: its last content line.
        let content = lines.iter().rposition(|l| !l.segs.is_empty()).unwrap_or(0);
        if pos.line < content {
            continue;
        }
        let section = match reader.items()[pos.item] {
            Item::Block(b) => {
                let s = brief.section_of(b);
                (brief.sections[s].blocks.end == b + 1).then_some(s)
            }
            Item::Heading(s) => brief.sections[s].blocks.is_empty().then_some(s),
            Item::Meta => None,
        };
        out.extend(section);
    }
    out
}

#[cfg(test)]
mod tests;
