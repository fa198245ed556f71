//! The notes pane: the brief's notes in document order with their section,
//! text and tags; orphaned notes last, under their own heading.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::truncate;
use crate::app::App;
use crate::app::notes_pane::ENTRY_ROWS;
use crate::app::panes::Focus;
use crate::document::sanitize::sanitize_line;
use crate::notes::{Flag, Placed};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Notes;
    let t = &app.theme;
    let border = if focused { t.border_focused } else { t.border };
    for y in area.y..area.y + area.height {
        buf.set_stringn(area.x, y, "│", 1, border);
    }
    let entries = app.notes_pane.entries(&app.notes);
    let title_style = if focused {
        t.pane_title_focused
    } else {
        t.pane_title
    };
    let orphans = app.notes.orphan_count();
    let mut title = if orphans > 0 {
        format!(" Notes ({} · {orphans} orphaned)", app.notes.notes.len())
    } else {
        format!(" Notes ({})", app.notes.notes.len())
    };
    if !app.notes_pane.filter.is_empty() {
        title.push_str(&format!(" /{} → {}", app.notes_pane.filter, entries.len()));
    }
    let inner = usize::from(area.width.saturating_sub(1));
    buf.set_stringn(
        area.x + 1,
        area.y,
        truncate(&sanitize_line(&title), inner),
        inner,
        title_style,
    );

    let (Some(full), Some(list)) = (app.panes.notes_list(), app.notes_list_area()) else {
        return;
    };
    if let Some(reason) = app.notes.read_only() {
        let lines = crate::app::notes_pane::reason_lines(&reason, full.width, full.height);
        let top = full.y + full.height - lines.len() as u16;
        for (i, line) in lines.iter().enumerate() {
            buf.set_stringn(
                full.x,
                top + i as u16,
                sanitize_line(line),
                usize::from(full.width),
                t.error,
            );
        }
    }
    if let Some(prompt) = &app.notes_pane.prompt {
        let field = Rect { height: 1, ..list };
        buf.set_stringn(field.x, field.y, "/", 1, t.status_key);
        let value = Rect {
            x: field.x + 1,
            width: field.width.saturating_sub(1),
            ..field
        };
        super::text::draw_prompt(buf, value, prompt.value(), prompt.cursor(), t.text);
    }
    let list = if app.notes_pane.prompt.is_some() {
        Rect {
            y: list.y + 1,
            height: list.height.saturating_sub(1),
            ..list
        }
    } else {
        list
    };
    if entries.is_empty() {
        let key = app.keymap.hint(crate::app::action::Command::AddNote);
        let msg = if app.notes.read_only().is_some() && app.notes.notes.is_empty() {
            "No notes to show: they are read-only (see below).".to_owned()
        } else if app.notes.notes.is_empty() {
            format!("No notes yet. Press {key} on a paragraph.")
        } else {
            "No note matches the filter.".to_owned()
        };
        buf.set_stringn(
            list.x,
            list.y,
            truncate(&msg, usize::from(list.width)),
            usize::from(list.width),
            t.note_quote,
        );
        return;
    }
    let width = usize::from(list.width);
    let per_page = (usize::from(list.height) / ENTRY_ROWS).max(1);
    for (row, &i) in entries
        .iter()
        .enumerate()
        .skip(app.notes_pane.offset)
        .take(per_page)
    {
        let y = list.y + ((row - app.notes_pane.offset) * ENTRY_ROWS) as u16;
        if y >= list.y + list.height {
            break;
        }
        // Orphans come last; the gap row above the first one heads them.
        let orphan = |i: usize| {
            app.notes
                .placements
                .get(i)
                .is_some_and(|p| p.block.is_none())
        };
        if orphan(i) && row > app.notes_pane.offset && !orphan(entries[row - 1]) {
            let label = format!("── Orphaned notes {}", "─".repeat(width));
            buf.set_stringn(list.x, y - 1, &label, width, t.note_flag);
        }
        let selected = focused && row == app.notes_pane.selected;
        draw_entry(
            app,
            i,
            Rect {
                y,
                height: (list.y + list.height - y).min(ENTRY_ROWS as u16),
                ..list
            },
            selected,
            buf,
        );
    }
}

fn draw_entry(app: &App, i: usize, area: Rect, selected: bool, buf: &mut Buffer) {
    let t = &app.theme;
    let note = &app.notes.notes[i];
    let placement = app.notes.placements.get(i);
    let width = usize::from(area.width);
    let header = match placement.and_then(|p| p.block) {
        Some(b) => {
            let s = app.brief.section_of(b);
            format!("§{} {}", s + 1, app.brief.sections[s].title)
        }
        None => format!("orphaned · was in {}", note.anchor.section.join(" › ")),
    };
    let flag = match (placement.map(|p| p.how), note.flag) {
        (Some(Placed::Orphaned), _) => "",
        (_, Some(Flag::Conflict)) => " [conflict]",
        (Some(Placed::Edited), _) | (_, Some(Flag::Edited)) => " [edited]",
        (Some(Placed::Moved), _) | (_, Some(Flag::Moved)) => " [moved]",
        _ => "",
    };
    let mut head_style = if placement.is_some_and(|p| p.how == Placed::Orphaned) {
        t.note_flag
    } else {
        t.pane_title
    };
    if selected {
        head_style = head_style.patch(t.outline_selected);
        buf.set_stringn(area.x, area.y, " ".repeat(width), width, head_style);
    }
    let typed: String = [note.kind.map(|k| k.name()), note.stance.map(|s| s.name())]
        .into_iter()
        .flatten()
        .map(|t| format!(" · {t}"))
        .collect();
    let head = truncate(&sanitize_line(&format!("{header}{typed}{flag}")), width);
    buf.set_stringn(area.x, area.y, &head, width, head_style);
    if area.height < 2 {
        return;
    }
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
    buf.set_stringn(
        area.x,
        area.y + 1,
        truncate(&sanitize_line(&body), width),
        width,
        style,
    );
    if area.height < 3 {
        return;
    }
    let mut x = area.x;
    for tag in &note.tags {
        let label = format!("#{} ", sanitize_line(tag));
        let left = width.saturating_sub(usize::from(x - area.x));
        if left == 0 {
            break;
        }
        (x, _) = buf.set_stringn(
            x,
            area.y + 2,
            truncate(&label, left),
            left,
            t.tag_style(tag),
        );
    }
}
