//! The notes pane: the brief's notes in document order, each whole (its
//! place, flag, kind and stance, its text wrapped, its tags), or the
//! selected one whole and the others in short when they do not all fit;
//! orphaned notes last, under their own heading.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::text::{PromptLine, draw_cut, fill_row, truncate};
use crate::app::brief::notes_view::EntryRow;
use crate::app::brief::panes::Focus;
use crate::app::{BriefScreen, Shared};
use crate::document::sanitize::sanitize_line;
use crate::layout::text_width;
use crate::notes::Placed;

/// Marks the title of the pane that has the keyboard, whatever the theme
/// (with NO_COLOR too).
pub const FOCUS_MARK: &str = "▸ ";

pub fn render(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let focused = s.focus == Focus::Notes;
    let t = &cx.theme;
    let border = if focused { t.border_focused } else { t.border };
    let block = Block::new().borders(Borders::LEFT).border_style(border);
    let inner = block.inner(area);
    block.render(area, buf);
    let entries = s.note_entries();
    let title_style = if focused {
        t.pane_title_focused
    } else {
        t.pane_title
    };
    let mark = if focused { FOCUS_MARK } else { " " };
    let orphans = s.notes.orphan_count();
    let mut title = if orphans > 0 {
        format!("{mark}Notes ({} · {orphans} orphaned)", s.notes.notes.len())
    } else {
        format!("{mark}Notes ({})", s.notes.notes.len())
    };
    if s.unsaved(cx) {
        title.push_str(" · ⚠ not saved");
    }
    if !s.notes_pane.filter.is_empty() {
        title.push_str(&format!(" /{} → {}", s.notes_pane.filter, entries.len()));
    }
    draw_cut(buf, inner, &sanitize_line(&title), title_style);

    let (Some(full), Some(list)) = (s.panes.notes_list(), s.notes_list_area()) else {
        return;
    };
    if let Some(reason) = s.notes.read_only() {
        let lines = crate::app::brief::notes_pane::reason_lines(reason, full.width, full.height);
        let [_, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(lines.len() as u16)])
                .areas(full);
        for (line, row) in lines.iter().zip(bottom.rows()) {
            let line = Span::styled(sanitize_line(line), t.error);
            buf.set_span(row.x, row.y, &line, row.width);
        }
    }
    if let Some(prompt) = &s.notes_pane.prompt {
        // The row above the list (see `notes_list_area`).
        let line = Rect { height: 1, ..full };
        PromptLine::new(Span::styled("/", t.status_key), prompt, t.text).render(line, buf);
    }
    if entries.is_empty() {
        let key = cx.keymap.hint(crate::keys::Command::AddNote);
        let msg = if s.notes.read_only().is_some() && s.notes.notes.is_empty() {
            "No notes to show: they are read-only (see below).".to_owned()
        } else if s.notes.notes.is_empty() {
            format!("No notes yet. Press {key} on a paragraph.")
        } else {
            "No note matches the filter.".to_owned()
        };
        draw_cut(buf, list, &msg, t.note_quote);
        return;
    }
    let width = usize::from(list.width);
    let all_whole = s.notes_fit_whole(&entries, width, usize::from(list.height));
    let orphan = |i: usize| s.notes.placements.get(i).is_some_and(|p| p.block.is_none());
    let mut y = list.y;
    for (row, &i) in entries.iter().enumerate().skip(s.notes_pane.sel.offset) {
        if y >= list.bottom() {
            break;
        }
        // Orphans come last; the gap row above the first one heads them.
        if orphan(i) && row > s.notes_pane.sel.offset && !orphan(entries[row - 1]) {
            let label = format!("── Orphaned notes {}", "─".repeat(width));
            buf.set_span(list.x, y - 1, &Span::styled(label, t.note_flag), list.width);
        }
        let selected = row == s.notes_pane.sel.selected;
        let rows = s.entry_rows(i, width, all_whole || selected);
        let area = Rect::new(list.x, y, list.width, rows.len() as u16).intersection(list);
        draw_entry(s, cx, i, &rows, area, (selected, focused), buf);
        y = y.saturating_add(rows.len() as u16);
    }
}

/// Draws an entry's rows; the selected entry's head is highlighted, and
/// marked when the pane has the keyboard.
fn draw_entry(
    s: &BriefScreen,
    cx: &Shared,
    i: usize,
    rows: &[EntryRow],
    area: Rect,
    (selected, focused): (bool, bool),
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    let orphaned = s
        .notes
        .placements
        .get(i)
        .is_some_and(|p| p.how == Placed::Orphaned);
    let mut head_style = if orphaned { t.note_flag } else { t.pane_title };
    if selected && focused {
        head_style = head_style.patch(t.outline_selected);
    }
    for (row, line) in rows.iter().zip(area.rows()) {
        match row {
            EntryRow::Head(text) => {
                if selected && focused {
                    fill_row(buf, line, head_style);
                }
                draw_cut(buf, line, text, head_style);
            }
            EntryRow::Text(text) => {
                draw_cut(buf, line, text, t.note_text);
            }
            EntryRow::Quote(text) => {
                draw_cut(buf, line, text, t.note_quote);
            }
            EntryRow::Tags(tags) => {
                // Each tag in its colour, as many as fit; the last one cut.
                let mut left = usize::from(line.width);
                let mut spans = Vec::new();
                for tag in tags {
                    if left == 0 {
                        break;
                    }
                    let label = truncate(&format!("{tag} "), left);
                    left -= text_width(&label);
                    spans.push(Span::styled(
                        label,
                        t.tag_style(tag.trim_start_matches('#')),
                    ));
                }
                buf.set_line(line.x, line.y, &Line::from(spans), line.width);
            }
            EntryRow::Gap => {}
        }
    }
}
