//! Notes across the library (`m` in the library): one note a row under
//! the query.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::Shared;
use crate::app::library::{LibraryLayout, NOTE_ROWS, NotesAcross};
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::ui::text::{draw_prompt, truncate};

/// Notes across the library: one note a row, the query on top.
pub(super) fn draw_notes_across(
    cx: &Shared,
    notes: &NotesAcross,
    layout: &LibraryLayout,
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    let area = layout.list;
    let width = usize::from(area.width);
    let Some(rows) = &notes.rows else {
        buf.set_stringn(
            area.x + 1,
            area.y,
            "Reading the notes of every brief…",
            width,
            t.meta,
        );
        return;
    };
    let shown = notes.shown();
    let title = format!(
        " Notes across the library ({} of {}) · {} query: words #tag kind:claim since:2026-01-01 \
         brief:name · {} back",
        shown.len(),
        rows.len(),
        cx.keymap.hint(Command::Search),
        cx.keymap.hint(Command::ToggleNotes)
    );
    buf.set_stringn(
        area.x,
        area.y,
        truncate(&title, width),
        width,
        t.pane_title_focused,
    );
    buf.set_stringn(area.x, area.y + 1, " /", 2, t.status_key);
    let field = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(3),
        height: 1,
    };
    if notes.editing {
        draw_prompt(
            buf,
            field,
            notes.prompt.value(),
            notes.prompt.cursor(),
            t.text,
        );
    } else {
        buf.set_stringn(
            field.x,
            field.y,
            notes.prompt.value(),
            usize::from(field.width),
            t.meta,
        );
    }
    let top = layout.rows.y;
    let height = usize::from(layout.rows.height) / NOTE_ROWS;
    if shown.is_empty() {
        buf.set_stringn(
            area.x + 2,
            top,
            "No note matches.",
            width.saturating_sub(2),
            t.meta,
        );
        return;
    }
    let offset = notes.sel.offset;
    for (i, &r) in shown.iter().enumerate().skip(offset).take(height) {
        let row = &rows[r];
        let y = top + ((i - offset) * NOTE_ROWS) as u16;
        let selected = i == notes.sel.selected;
        let base = super::row_base(cx, area.x, y, width, selected, buf);
        let mut head = format!(
            "{} › §{} {} ¶{}",
            row.brief, row.section_number, row.section, row.block
        );
        for k in row.kind.iter().chain(&row.stance) {
            head.push_str(&format!(" · {k}"));
        }
        for f in &row.flags {
            head.push_str(&format!(" [{f}]"));
        }
        let inner = usize::from(area.width.saturating_sub(3));
        buf.set_stringn(
            area.x + 2,
            y,
            truncate(&sanitize_line(&head), inner),
            inner,
            base.patch(t.strong),
        );
        let body = if row.text.trim().is_empty() {
            format!("\u{201c}{}\u{201d}", row.quote)
        } else {
            row.text.lines().next().unwrap_or_default().to_owned()
        };
        let tags: String = row.tags.iter().map(|t| format!("  #{t}")).collect();
        let line = truncate(&sanitize_line(&format!("{body}{tags}")), inner);
        buf.set_stringn(area.x + 2, y + 1, line, inner, t.note_text);
    }
}
