//! The notes pane: the brief's notes in document order with their section,
//! text and tags; orphaned notes last, under their own heading.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::text::{PromptLine, draw_cut, fill_row, truncate};
use crate::app::brief::notes_pane::ENTRY_ROWS;
use crate::app::brief::panes::Focus;
use crate::app::{BriefScreen, Shared};
use crate::document::sanitize::sanitize_line;
use crate::layout::text_width;
use crate::notes::{Flag, Placed};

pub fn render(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let focused = s.focus == Focus::Notes;
    let t = &cx.theme;
    let border = if focused { t.border_focused } else { t.border };
    let block = Block::new().borders(Borders::LEFT).border_style(border);
    let inner = block.inner(area);
    block.render(area, buf);
    let entries = s.notes_pane.entries(&s.notes);
    let title_style = if focused {
        t.pane_title_focused
    } else {
        t.pane_title
    };
    let orphans = s.notes.orphan_count();
    let mut title = if orphans > 0 {
        format!(" Notes ({} · {orphans} orphaned)", s.notes.notes.len())
    } else {
        format!(" Notes ({})", s.notes.notes.len())
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
    let list = match &s.notes_pane.prompt {
        Some(prompt) => {
            let [line, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(list);
            PromptLine::new(Span::styled("/", t.status_key), prompt, t.text).render(line, buf);
            rest
        }
        None => list,
    };
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
    let per_page = (usize::from(list.height) / ENTRY_ROWS).max(1);
    for (row, &i) in entries
        .iter()
        .enumerate()
        .skip(s.notes_pane.sel.offset)
        .take(per_page)
    {
        let y = list.y + ((row - s.notes_pane.sel.offset) * ENTRY_ROWS) as u16;
        if y >= list.bottom() {
            break;
        }
        // Orphans come last; the gap row above the first one heads them.
        let orphan = |i: usize| s.notes.placements.get(i).is_some_and(|p| p.block.is_none());
        if orphan(i) && row > s.notes_pane.sel.offset && !orphan(entries[row - 1]) {
            let label = format!("── Orphaned notes {}", "─".repeat(width));
            buf.set_span(list.x, y - 1, &Span::styled(label, t.note_flag), list.width);
        }
        let selected = focused && row == s.notes_pane.sel.selected;
        // The entry's rows, the last one cut short by the list's end.
        let entry = Rect::new(list.x, y, list.width, ENTRY_ROWS as u16).intersection(list);
        draw_entry(s, cx, i, entry, selected, buf);
    }
}

fn draw_entry(
    s: &BriefScreen,
    cx: &Shared,
    i: usize,
    area: Rect,
    selected: bool,
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    let note = &s.notes.notes[i];
    let placement = s.notes.placements.get(i);
    let header = match placement.and_then(|p| p.block) {
        Some(b) => {
            let sec = s.brief.section_of(b);
            format!("§{} {}", sec + 1, s.brief.sections[sec].title)
        }
        None => format!("orphaned · was in {}", note.anchor.section.join(" › ")),
    };
    let flag = match (placement.map(|p| p.how), note.flag) {
        (Some(Placed::Orphaned), _) => "",
        (_, Some(Flag::Conflict)) => "[conflict] ",
        (Some(Placed::Edited), _) | (_, Some(Flag::Edited)) => "[edited] ",
        (Some(Placed::Moved), _) | (_, Some(Flag::Moved)) => "[moved] ",
        _ => "",
    };
    let mut head_style = if placement.is_some_and(|p| p.how == Placed::Orphaned) {
        t.note_flag
    } else {
        t.pane_title
    };
    if selected {
        head_style = head_style.patch(t.outline_selected);
    }
    let mut rows = area.rows();
    let Some(head_row) = rows.next() else {
        return;
    };
    if selected {
        fill_row(buf, head_row, head_style);
    }
    let typed: String = [note.kind.map(|k| k.name()), note.stance.map(|s| s.name())]
        .into_iter()
        .flatten()
        .map(|t| format!(" · {t}"))
        .collect();
    // The flag first: a long section title is cut at the pane's edge.
    let head = sanitize_line(&format!("{flag}{header}{typed}"));
    draw_cut(buf, head_row, &head, head_style);
    let Some(body_row) = rows.next() else {
        return;
    };
    let (body, style) = if note.text.trim().is_empty() {
        (
            format!("\u{201c}{}\u{201d}", note.anchor.quote),
            t.note_quote,
        )
    } else {
        // The pane has a line for the text: a longer note says there is
        // more (the editor shows it all).
        let mut lines = note.text.trim().lines();
        let first = lines.next().unwrap_or_default().to_owned();
        let more = if lines.next().is_some() { " …" } else { "" };
        (format!("{first}{more}"), t.note_text)
    };
    draw_cut(buf, body_row, &sanitize_line(&body), style);
    let Some(tags_row) = rows.next() else {
        return;
    };
    // Each tag in its colour, as many as fit; the last one cut.
    let mut left = usize::from(tags_row.width);
    let mut tags = Vec::new();
    for tag in &note.tags {
        if left == 0 {
            break;
        }
        let label = truncate(&format!("#{} ", sanitize_line(tag)), left);
        left -= text_width(&label);
        tags.push(Span::styled(label, t.tag_style(tag)));
    }
    buf.set_line(tags_row.x, tags_row.y, &Line::from(tags), tags_row.width);
}
